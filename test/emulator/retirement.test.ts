import { GetCampaignsCommand, GetSmsChannelCommand, ListTagsForResourceCommand, PhoneNumberValidateCommand, TagResourceCommand } from '@aws-sdk/client-pinpoint';
import { DescribePhoneNumbersCommand } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { PINPOINT_SEED } from '../../src/emulator/services/pinpoint/seed';
import { readJson, startEmulator, type StartedEmulator } from '../helpers/emulator';

// The emulator standing in for today's AWS (`retireEngagement`): the Pinpoint operations AWS retired
// on 2026-10-30 answer ForbiddenException (the assumed answer, services/pinpoint/retirement.ts),
// counted like any request; SMS channel, phone number validation and SMS v2 keep working; tags
// decide by the resource ARN; the admin switch turns it off and on, and reset restores the option.

const app = PINPOINT_SEED.apps.RETAIL;
const appArn = `arn:aws:mobiletargeting:us-east-1:123456789012:apps/${app}`;
const campaignArn = `${appArn}/campaigns/${PINPOINT_SEED.campaigns.RETAIL_SPRING_SALE}`;

let started: StartedEmulator;
beforeAll(async () => {
  started = await startEmulator({ seed: true, retireEngagement: true, maxAttempts: 1 });
});
afterAll(() => started.close());

/** Module-private: the emulator's call counts by operation. */
async function callsByOperation(): Promise<Record<string, number>> {
  return (await readJson(await fetch(`${started.emulator.endpoint}/_emulator/calls`))).byOperation;
}

/** Module-private: what a rejected SDK call threw, as name, HTTP status and message. */
async function failureOf(promise: Promise<unknown>): Promise<{ name: string; status: number | undefined; message: string }> {
  const error = await promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (e: { name: string; message: string; $metadata?: { httpStatusCode?: number } }) => e,
  );
  return { name: error.name, status: error.$metadata?.httpStatusCode, message: error.message };
}

test('a retired operation answers ForbiddenException 403; continuing ones answer as before; every request is counted', async () => {
  await fetch(`${started.emulator.endpoint}/_emulator/calls`, { method: 'DELETE' });
  expect(await failureOf(started.pinpoint.send(new GetCampaignsCommand({ ApplicationId: app })))).toEqual({
    name: 'ForbiddenException',
    status: 403,
    message:
      'Amazon Pinpoint GetCampaigns is no longer available: AWS ended support for the Amazon Pinpoint engagement features (endpoints, segments, campaigns, journeys and analytics) on October 30, 2026. APIs for SMS, voice, mobile push, OTP and phone number validation continue in AWS End User Messaging.',
  });
  const channel = await started.pinpoint.send(new GetSmsChannelCommand({ ApplicationId: app }));
  expect(channel.SMSChannelResponse?.ApplicationId).toBe(app);
  const validated = await started.pinpoint.send(new PhoneNumberValidateCommand({ NumberValidateRequest: { PhoneNumber: '+12065550100' } }));
  expect(validated.NumberValidateResponse?.CleansedPhoneNumberE164).toBe('+12065550100');
  const numbers = await started.sms.send(new DescribePhoneNumbersCommand({}));
  expect(numbers.PhoneNumbers!.length).toBeGreaterThan(0);
  expect(await callsByOperation()).toEqual({ 'pinpoint.GetCampaigns': 1, 'pinpoint.GetSmsChannel': 1, 'pinpoint.PhoneNumberValidate': 1, 'sms-voice-v2.DescribePhoneNumbers': 1 });
});

test("tags follow their resource: a campaign's are retired, a project's are not", async () => {
  expect((await failureOf(started.pinpoint.send(new TagResourceCommand({ ResourceArn: campaignArn, TagsModel: { tags: { team: 'growth' } } })))).name).toBe('ForbiddenException');
  expect((await failureOf(started.pinpoint.send(new ListTagsForResourceCommand({ ResourceArn: campaignArn })))).name).toBe('ForbiddenException');
  const tags = await started.pinpoint.send(new ListTagsForResourceCommand({ ResourceArn: appArn }));
  expect(tags.TagsModel?.tags).toBeDefined();
});

test('the admin switch turns the refusal off and on; reset returns it to the option', async () => {
  const url = `${started.emulator.endpoint}/_emulator/pinpoint/retirement`;
  const on = await readJson(await fetch(url));
  expect(on.engagement).toBe(true);
  expect(on.operations).toContain('GetCampaigns');
  expect(on.operations).not.toContain('GetSmsChannel');

  const off = await fetch(url, { method: 'PUT', body: JSON.stringify({ engagement: false }) });
  expect(off.status).toBe(200);
  expect((await readJson(off)).engagement).toBe(false);
  const campaigns = await started.pinpoint.send(new GetCampaignsCommand({ ApplicationId: app }));
  expect(campaigns.CampaignsResponse?.Item?.length).toBe(5);

  const bad = await fetch(url, { method: 'PUT', body: JSON.stringify({ engagement: 'yes' }) });
  expect(bad.status).toBe(400);
  expect((await readJson(bad)).message).toBe('The retirement body is {"engagement": true|false} (true: the retired Pinpoint engagement operations answer ForbiddenException); got {"engagement":"yes"}');

  expect((await fetch(`${started.emulator.endpoint}/_emulator/reset`, { method: 'POST' })).status).toBe(200);
  expect((await readJson(await fetch(url))).engagement).toBe(true);
  expect((await failureOf(started.pinpoint.send(new GetCampaignsCommand({ ApplicationId: app })))).name).toBe('ForbiddenException');
});
