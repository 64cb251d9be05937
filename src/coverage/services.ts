/**
 * The two upstream services of the coverage manifest, keyed as the `@upstream` directive's
 * arguments name them (`@upstream(pinpoint: [...], smsVoice: [...])`).
 */

/** A service key of the `@upstream` directive. */
export type CoverageService = 'pinpoint' | 'smsVoice';

/** Every service key, in the order reports list them. */
export const COVERAGE_SERVICES: readonly CoverageService[] = ['pinpoint', 'smsVoice'];

/** How reports name each service: its display name and the SDK package whose commands it counts. */
export const COVERAGE_SERVICE_INFO: Readonly<Record<CoverageService, { readonly title: string; readonly sdkPackage: string }>> = {
  pinpoint: { title: 'Amazon Pinpoint', sdkPackage: '@aws-sdk/client-pinpoint' },
  smsVoice: { title: 'Pinpoint SMS and Voice v2', sdkPackage: '@aws-sdk/client-pinpoint-sms-voice-v2' },
};
