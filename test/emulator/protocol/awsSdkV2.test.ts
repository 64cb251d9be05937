import { ServiceError } from '../../../src/emulator';
import { startEmulator, testService, type StartedEmulator } from '../../helpers/emulator';

// An independent client: aws-sdk v2 (its own serializers and error parsing) against the same
// emulator, for one success and one modelled error per service.

/* eslint-disable @typescript-eslint/no-require-imports -- aws-sdk v2 is CommonJS; only its two clients are needed */
const AWS: { Pinpoint: new (o: object) => any; PinpointSMSVoiceV2: new (o: object) => any } = require('aws-sdk');
/* eslint-enable @typescript-eslint/no-require-imports */

const pinpoint = testService('pinpoint', {
  GetCampaign: (input) => {
    if (input.CampaignId === 'missing') throw new ServiceError('NotFoundException', 'Campaign missing not found');
    return { CampaignResponse: { Id: input.CampaignId, ApplicationId: input.ApplicationId, Arn: 'arn', CreationDate: 'c', LastModifiedDate: 'm', SegmentId: 's', SegmentVersion: 1 } };
  },
});
const sms = testService('sms-voice-v2', {
  DescribePhoneNumbers: (input) => {
    if (input.PhoneNumberIds) throw new ServiceError('ResourceNotFoundException', 'No such phone number', { ResourceType: 'phone-number', ResourceId: input.PhoneNumberIds[0] });
    return { PhoneNumbers: [{ PhoneNumberId: 'p1', CreatedTimestamp: new Date('2024-01-02T03:04:05Z') }] };
  },
});

let stack: StartedEmulator;
let v2: { pinpoint: any; sms: any };
beforeAll(async () => {
  stack = await startEmulator({ services: { pinpoint, 'sms-voice-v2': sms } });
  const options = { endpoint: stack.emulator.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'x' }, maxRetries: 0 };
  v2 = { pinpoint: new AWS.Pinpoint(options), sms: new AWS.PinpointSMSVoiceV2(options) };
});
afterAll(() => stack.close());

describe('aws-sdk v2 against the emulator', () => {
  it('Pinpoint: decodes labels the same way and parses the output', async () => {
    const out = await v2.pinpoint.getCampaign({ ApplicationId: 'a 1/x', CampaignId: 'c:1' }).promise();
    expect(out.CampaignResponse).toMatchObject({ Id: 'c:1', ApplicationId: 'a 1/x' });
  });

  it('Pinpoint: parses the restJson1 error as NotFoundException 404 with the request ID', async () => {
    const error = await v2.pinpoint.getCampaign({ ApplicationId: 'a', CampaignId: 'missing' }).promise().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'NotFoundException', statusCode: 404, message: 'Campaign missing not found', retryable: false });
    expect(error.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('SMS v2: parses epoch-seconds timestamps and the awsJson error with its members', async () => {
    const out = await v2.sms.describePhoneNumbers({}).promise();
    expect(out.PhoneNumbers[0].CreatedTimestamp).toEqual(new Date('2024-01-02T03:04:05Z'));
    const error = await v2.sms.describePhoneNumbers({ PhoneNumberIds: ['p9'] }).promise().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ResourceNotFoundException', statusCode: 400, message: 'No such phone number', ResourceType: 'phone-number', ResourceId: 'p9' });
  });

  it('counts the v2 calls like any other', () => {
    expect(stack.emulator.callCounts().byOperation).toEqual({ 'pinpoint.GetCampaign': 2, 'sms-voice-v2.DescribePhoneNumbers': 2 });
  });
});
