import { PinpointSMSVoiceV2Client } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { getCallCounterPlugin, getRequestCallCounterPlugin, type CallCounter } from '../callCounter';
import { getUpstreamErrorContextPlugin } from '../errorContext';
import { dropSdkLogger, sdkClientConfig, shareSigner, type UpstreamClientOptions } from '../clientOptions';

/** The gateway's name of this upstream service (in `extensions.upstream.service`). */
export const SMS_VOICE_SERVICE = 'sms-voice-v2';

/** The Pinpoint SMS and Voice v2 SDK client type, for layers that may not import the SDK themselves. */
export type SmsVoiceSdkClient = PinpointSMSVoiceV2Client;

/**
 * Builds the process-wide SMS and Voice v2 client: endpoint override and fake static credentials
 * for the emulator, the default credential chain for AWS; every command is also counted in
 * `processCalls` (metrics) and its errors are tagged with service and operation.
 */
export function createSmsVoiceClient(options: UpstreamClientOptions, processCalls?: CallCounter): PinpointSMSVoiceV2Client {
  const client = new PinpointSMSVoiceV2Client(sdkClientConfig(options, options.endpoints?.smsVoice));
  client.middlewareStack.use(getUpstreamErrorContextPlugin(SMS_VOICE_SERVICE));
  client.middlewareStack.use(getRequestCallCounterPlugin());
  if (processCalls) client.middlewareStack.use(getCallCounterPlugin(processCalls, 'processCallCounterMiddleware'));
  shareSigner(client);
  dropSdkLogger(client);
  return client;
}
