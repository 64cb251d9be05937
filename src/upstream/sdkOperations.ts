import * as pinpointSdk from '@aws-sdk/client-pinpoint';
import * as smsVoiceSdk from '@aws-sdk/client-pinpoint-sms-voice-v2';

/**
 * The operations of the pinned SDK packages, read off their exports (`GetCampaignCommand` →
 * `GetCampaign`), for the coverage manifest: upstream/ is the only gateway code that may import
 * the SDK, so the manifest asks here instead of enumerating the packages itself.
 */

/** Every operation of `@aws-sdk/client-pinpoint` (122 in 3.1132.0), sorted. */
export const PINPOINT_SDK_OPERATIONS: readonly string[] = commandOperations(pinpointSdk);

/** Every operation of `@aws-sdk/client-pinpoint-sms-voice-v2` (110 in 3.1138.0), sorted. */
export const SMS_VOICE_SDK_OPERATIONS: readonly string[] = commandOperations(smsVoiceSdk);

/** Module-private: the `XCommand` exports of an SDK package as operation names (`$Command` is the base class, not an operation). */
function commandOperations(sdk: object): string[] {
  return Object.keys(sdk)
    .filter((name) => name.endsWith('Command') && name !== '$Command')
    .map((name) => name.slice(0, -'Command'.length))
    .sort();
}
