import { PinpointSMSVoiceV2Client } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import type { CallCounter } from '../callCounter';
import { buildUpstreamClient, type UpstreamClientOptions } from '../clientOptions';

/** The gateway's name of this upstream service (in `extensions.upstream.service`). */
export const SMS_VOICE_SERVICE = 'sms-voice-v2';

/** The Pinpoint SMS and Voice v2 SDK client type, for layers that may not import the SDK themselves. */
export type SmsVoiceSdkClient = PinpointSMSVoiceV2Client;

/**
 * Builds the process-wide SMS and Voice v2 client: endpoint override and fake static credentials
 * for the emulator, the default credential chain for AWS; every command is bounded by its own
 * timeout and goes through the service's breakers, bulkhead and retry budget (resilience/), is also
 * counted in `processCalls` (metrics), and its errors are tagged with service and operation.
 */
export function createSmsVoiceClient(options: UpstreamClientOptions, processCalls?: CallCounter): PinpointSMSVoiceV2Client {
  return buildUpstreamClient(options, SMS_VOICE_SERVICE, options.endpoints?.smsVoice, (config) => new PinpointSMSVoiceV2Client(config), processCalls);
}
