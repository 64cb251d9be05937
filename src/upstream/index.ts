import type { PinpointSdkClient } from './pinpoint/client';
import type { SmsVoiceSdkClient } from './sms-voice-v2/client';

/**
 * What the server and the composition root use from upstream/ (explicit re-exports; the
 * server never imports the SDK itself).
 */
export { CallCounter, callCounterMiddleware, callCounterMiddlewareOptions, countedSend, getCallCounterPlugin, getRequestCallCounterPlugin } from './callCounter';
export type { CallCounterSnapshot, CommandOutputOf, CountableCommand, UpstreamCallGuard, UpstreamCallResult } from './callCounter';
export { EMULATOR_CREDENTIALS } from './clientOptions';
export type { EngagementEndpointOptions, UpstreamClientOptions } from './clientOptions';
export { UPSTREAM_ERROR_ORIGIN } from './errorContext';
export type { UpstreamErrorOrigin } from './errorContext';
export { DEFAULT_RESILIENCE, resilienceErrorDetails, resilienceOf, upstreamBreakers, upstreamSockets, UpstreamRefusedError, UpstreamTimeoutError } from './resilience';
export type { BreakerReport, ResilienceSettings, UpstreamRefusalReason } from './resilience';
export { dataLoaderModeOptions } from './loaderMode';
export { ReadPlanHolder } from './readPlan';
export { warmSdkCode } from './warmUp';
export type { ReadPlan } from './readPlan';
export type { LoaderMode, LoaderOptions } from './loaderMode';
export { createPinpointClient, PINPOINT_SERVICE } from './pinpoint/client';
export { retirementErrorDetails, UpstreamRetiredError } from './pinpoint/engagementRouting';
export type { PinpointSdkClient } from './pinpoint/client';
export { createPinpointLoaders, knowsAccountScope } from './pinpoint/loaders';
export type { PinpointUpstream } from './pinpoint/loaders';
export { createSmsVoiceClient, SMS_VOICE_SERVICE } from './sms-voice-v2/client';
export type { SmsVoiceSdkClient } from './sms-voice-v2/client';
export { createSmsVoiceLoaders } from './sms-voice-v2/loaders';
export type { SmsVoiceUpstream } from './sms-voice-v2/loaders';

/** Both upstream SDK clients, built once per process and shared by every request. */
export interface UpstreamClients {
  readonly pinpoint: PinpointSdkClient;
  readonly smsVoice: SmsVoiceSdkClient;
}
