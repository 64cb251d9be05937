/**
 * Worked example from the README: the real AWS SDK v3 clients against the emulator.
 * Run with `npx tsx examples/emulator-with-sdk.ts` while `npm run emulator` is running
 * (or set EMULATOR_ENDPOINT). The README quotes its lines and what it prints; the walkthrough
 * test (test/readme.walkthroughs.test.ts) runs it and holds both to the file and its output.
 */
import { CreateAppCommand, CreateCampaignCommand, CreateSegmentCommand, GetCampaignsCommand, PinpointClient } from '@aws-sdk/client-pinpoint';
import { DescribePhoneNumbersCommand, PinpointSMSVoiceV2Client, RequestPhoneNumberCommand } from '@aws-sdk/client-pinpoint-sms-voice-v2';

const config = { endpoint: process.env.EMULATOR_ENDPOINT ?? 'http://127.0.0.1:4566', region: 'us-east-1', credentials: { accessKeyId: '123456789012', secretAccessKey: 'x' } };

async function main(): Promise<void> {
  const pinpoint = new PinpointClient(config);

  const { ApplicationResponse: app } = await pinpoint.send(new CreateAppCommand({ CreateApplicationRequest: { Name: 'readme-demo' } }));
  const { SegmentResponse: segment } = await pinpoint.send(
    new CreateSegmentCommand({ ApplicationId: app!.Id!, WriteSegmentRequest: { Name: 'everyone', Dimensions: {} } }),
  );
  await pinpoint.send(
    new CreateCampaignCommand({
      ApplicationId: app!.Id!,
      WriteCampaignRequest: {
        Name: 'welcome',
        SegmentId: segment!.Id!,
        Schedule: { StartTime: new Date(Date.now() + 86_400_000).toISOString(), Frequency: 'ONCE' },
        MessageConfiguration: { SMSMessage: { Body: 'Welcome!', MessageType: 'TRANSACTIONAL' } },
      },
    }),
  );
  const { CampaignsResponse } = await pinpoint.send(new GetCampaignsCommand({ ApplicationId: app!.Id! }));
  console.log('campaigns:', CampaignsResponse!.Item!.map((campaign) => `${campaign.Name} (${campaign.State!.CampaignStatus})`));

  const sms = new PinpointSMSVoiceV2Client(config);
  const number = await sms.send(new RequestPhoneNumberCommand({ IsoCountryCode: 'US', MessageType: 'TRANSACTIONAL', NumberCapabilities: ['SMS'], NumberType: 'TOLL_FREE' }));
  const { PhoneNumbers } = await sms.send(new DescribePhoneNumbersCommand({ PhoneNumberIds: [number.PhoneNumberId!] }));
  console.log('phone number:', PhoneNumbers![0].PhoneNumber, PhoneNumbers![0].Status);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
