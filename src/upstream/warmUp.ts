import { GetAppsCommand, PinpointClient } from '@aws-sdk/client-pinpoint';
import { DescribePoolsCommand, PinpointSMSVoiceV2Client } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { EMULATOR_CREDENTIALS } from './clientOptions';

/**
 * Loads and compiles the SDK's code in this process before anything times it: one read-only call
 * to each service of the emulator at `endpoint`, through throwaway clients of their own (outside
 * any gateway request, so in no request's call log, and nothing a gateway learns from). A cold
 * process on a loaded machine sent the four calls of one round over 90 ms, because the first
 * calls load the SDK's modules; counting rounds from the order of arrivals and answers
 * (`roundsOf`) then counted a round too many. For round-counting runs against the emulator only.
 */
export async function warmSdkCode(endpoint: string): Promise<void> {
  const config = { endpoint, region: 'us-east-1', credentials: EMULATOR_CREDENTIALS };
  const pinpoint = new PinpointClient(config);
  const smsVoice = new PinpointSMSVoiceV2Client(config);
  try {
    await Promise.all([pinpoint.send(new GetAppsCommand({ PageSize: '1' })), smsVoice.send(new DescribePoolsCommand({ MaxResults: 1 }))]);
  } finally {
    pinpoint.destroy();
    smsVoice.destroy();
  }
}
