import {
  CreateEmailTemplateCommand,
  GetEndpointCommand,
  UpdateApplicationSettingsCommand,
  UpdateSmsChannelCommand,
  type EndpointBatchItem,
} from '@aws-sdk/client-pinpoint';
import { emailEndpoint, sortedKeys, startDeliveryKit, type DeliveryKit } from './kit';

// What a run does with each member of its audience: quiet time in the endpoint's time zone (the
// campaign's, else the app's), holdout and treatments by CohortId, MessagesPerSecond and
// MaximumDuration, the app's limits as defaults, disabled channels, and messages from templates.

let kit: DeliveryKit;
beforeAll(async () => {
  kit = await startDeliveryKit('2025-10-06T00:00:00.000Z');
});
afterAll(() => kit.close());

/** An app with `endpoints` and a segment of all of them; returns both IDs. */
async function audience(name: string, endpoints: EndpointBatchItem[]): Promise<{ appId: string; segmentId: string }> {
  const appId = await kit.newApp(name);
  await kit.putEndpoints(appId, endpoints);
  return { appId, segmentId: await kit.newSegment(appId, { Name: 'all' }) };
}

/** Runs an IMMEDIATE campaign and returns its messages by endpoint ID, and its activities. */
async function runNow(appId: string, request: Parameters<DeliveryKit['newCampaign']>[1]) {
  const campaignId = await kit.newCampaign(appId, { Schedule: { StartTime: 'IMMEDIATE' }, ...request });
  await kit.advance(1);
  await kit.runCampaigns();
  return { campaignId, messages: await kit.campaignMessages(campaignId), activities: await kit.activities(appId, campaignId) };
}

describe('quiet time', () => {
  // At 12:00 UTC on 6 October 2025: 21:00 in Tokyo, 08:00 in New York (EDT), 13:00 in London (BST).
  const zones: EndpointBatchItem[] = [
    emailEndpoint('q-tokyo', { Demographic: { Timezone: 'Asia/Tokyo' } }),
    emailEndpoint('q-new-york', { Demographic: { Timezone: 'America/New_York' } }),
    emailEndpoint('q-london', { Demographic: { Timezone: 'Europe/London' } }),
    emailEndpoint('q-no-zone'),
    emailEndpoint('q-bad-zone', { Demographic: { Timezone: 'Mars/Olympus_Mons' } }),
  ];

  it("keeps the campaign's quiet time in each endpoint's local time, bounds included; endpoints without a valid zone get the message", async () => {
    await kit.setClock('2025-10-06T12:00:00.000Z');
    const { appId, segmentId } = await audience('quiet', zones);
    const { messages, activities } = await runNow(appId, {
      SegmentId: segmentId,
      Schedule: { StartTime: 'IMMEDIATE', QuietTime: { Start: '20:00', End: '08:00' } },
      MessageConfiguration: { EmailMessage: { Body: 'hello' } },
    });
    expect(sortedKeys(messages)).toEqual(['q-bad-zone', 'q-london', 'q-no-zone']);
    expect(activities[0]).toMatchObject({ SuccessfulEndpointCount: 3, TotalEndpointCount: 5, TimezonesTotalCount: 5, ExecutionMetrics: { QUIET_TIME: '2', SUCCESS: '3' } });
  });

  it("falls back to the app's quiet time", async () => {
    await kit.setClock('2025-10-06T12:00:00.000Z');
    const { appId, segmentId } = await audience('quiet-app', zones);
    await kit.pinpoint.send(new UpdateApplicationSettingsCommand({ ApplicationId: appId, WriteApplicationSettingsRequest: { QuietTime: { Start: '12:30', End: '14:00' } } }));
    const { messages } = await runNow(appId, { SegmentId: segmentId, MessageConfiguration: { EmailMessage: { Body: 'hello' } } });
    expect(sortedKeys(messages)).toEqual(['q-bad-zone', 'q-new-york', 'q-no-zone', 'q-tokyo']);
  });
});

it('holds out and splits the audience into treatments by CohortId, one activity per treatment', async () => {
  const ids = Array.from({ length: 40 }, (_, i) => `h-${String(i).padStart(2, '0')}`);
  const { appId, segmentId } = await audience('treatments', ids.map((id) => emailEndpoint(id)));
  const cohorts = new Map(
    await Promise.all(ids.map(async (id) => [id, Number((await kit.pinpoint.send(new GetEndpointCommand({ ApplicationId: appId, EndpointId: id }))).EndpointResponse!.CohortId)] as const)),
  );
  // HoldoutPercent 20 → cohorts 0–19; treatment 0 (30%) → 20–49; treatment 1 (20%) → 50–69; the default → 70–99.
  const expected = (from: number, to: number) => ids.filter((id) => cohorts.get(id)! >= from && cohorts.get(id)! < to).sort();
  const [held, b, c, a] = [expected(0, 20), expected(20, 50), expected(50, 70), expected(70, 100)];
  expect([held, b, c, a].every((bucket) => bucket.length > 0)).toBe(true);

  const { campaignId, messages, activities } = await runNow(appId, {
    SegmentId: segmentId,
    HoldoutPercent: 20,
    TreatmentName: 'A',
    MessageConfiguration: { EmailMessage: { Title: 'A', Body: 'a' } },
    AdditionalTreatments: [
      { SizePercent: 30, TreatmentName: 'B', MessageConfiguration: { EmailMessage: { Title: 'B', Body: 'b' } } },
      { SizePercent: 20, TreatmentName: 'C', MessageConfiguration: { EmailMessage: { Title: 'C', Body: 'c' } } },
    ],
  });
  const receivedBody = (body: string) => [...messages.values()].filter((m) => m.body === body).map((m) => String(m.details?.endpointId)).sort();
  expect(receivedBody('a')).toEqual(a);
  expect(receivedBody('b')).toEqual(b);
  expect(receivedBody('c')).toEqual(c);
  expect(messages.size).toBe(40 - held.length);
  expect(activities.map((x) => [x.TreatmentId, x.SuccessfulEndpointCount, x.ExecutionMetrics!.HOLDOUT])).toEqual([
    ['', a.length, String(held.length)],
    ['0', b.length, '0'],
    ['1', c.length, '0'],
  ]);
  expect(new Set([...messages.values()].filter((m) => m.body === 'b').map((m) => m.details?.campaignActivityId))).toEqual(new Set([activities[1].Id]));
  const rows = await kit.campaignKpi(appId, campaignId, 'unique-deliveries');
  expect(rows).toBe(`${40 - held.length}.0`);
});

it('sends MessagesPerSecond messages per second and gives up on those beyond MaximumDuration', async () => {
  await kit.setClock('2025-10-07T00:00:00.000Z');
  const ids = Array.from({ length: 63 }, (_, i) => `r-${String(i).padStart(2, '0')}`);
  const { appId, segmentId } = await audience('rate', ids.map((id) => emailEndpoint(id)));
  const { messages, activities } = await runNow(appId, { SegmentId: segmentId, Limits: { MessagesPerSecond: 1, MaximumDuration: 60 }, MessageConfiguration: { EmailMessage: { Body: 'x' } } });
  const times = [...messages.values()].map((m) => m.sentAt).sort();
  expect(times).toHaveLength(61);
  expect(times[0]).toBe('2025-10-07T00:00:00.000Z');
  expect(times[60]).toBe('2025-10-07T00:01:00.000Z');
  expect(activities[0]).toMatchObject({ Start: '2025-10-07T00:00:00.000Z', End: '2025-10-07T00:01:00.000Z', SuccessfulEndpointCount: 61, TotalEndpointCount: 63, ExecutionMetrics: { TIMEOUT: '2' } });
});

it("uses the app's limits where the campaign sets none", async () => {
  await kit.setClock('2025-10-08T00:00:00.000Z');
  const { appId, segmentId } = await audience('app-limits', [emailEndpoint('l-one')]);
  await kit.pinpoint.send(new UpdateApplicationSettingsCommand({ ApplicationId: appId, WriteApplicationSettingsRequest: { Limits: { Daily: 1 } } }));
  const campaignId = await kit.newCampaign(appId, { SegmentId: segmentId, Schedule: { StartTime: '2025-10-08T01:00:00Z', EndTime: '2025-10-08T04:00:00Z', Frequency: 'HOURLY' }, MessageConfiguration: { EmailMessage: { Body: 'x' } } });
  await kit.setClock('2025-10-08T05:00:00.000Z');
  await kit.runCampaigns();
  expect([...(await kit.campaignMessages(campaignId)).values()].map((m) => m.sentAt)).toEqual(['2025-10-08T01:00:00.000Z']);
  expect((await kit.activities(appId, campaignId)).map((a) => a.ExecutionMetrics!.DAILY_CAP)).toEqual(['0', '1', '1']);
});

it("doesn't send on a channel the app has configured and disabled", async () => {
  const { appId, segmentId } = await audience('disabled', [emailEndpoint('d-mail'), { Id: 'd-sms', ChannelType: 'SMS', Address: '+12065550150' }]);
  await kit.pinpoint.send(new UpdateSmsChannelCommand({ ApplicationId: appId, SMSChannelRequest: { Enabled: false } }));
  const { messages, activities } = await runNow(appId, { SegmentId: segmentId, MessageConfiguration: { EmailMessage: { Body: 'mail' }, SMSMessage: { Body: 'text' } } });
  expect(sortedKeys(messages)).toEqual(['d-mail']);
  expect(activities[0]).toMatchObject({ SuccessfulEndpointCount: 1, TotalEndpointCount: 2, ExecutionMetrics: { CHANNEL_DISABLED: '1' } });
});

it('renders a message template named in TemplateConfiguration, with its default substitutions', async () => {
  const name = `welcome-${Date.now()}`;
  await kit.pinpoint.send(
    new CreateEmailTemplateCommand({
      TemplateName: name,
      EmailTemplateRequest: { Subject: 'Welcome {{User.UserAttributes.FirstName}}', TextPart: 'Your code: {{Code}}', HtmlPart: '<b>{{Code}}</b>', DefaultSubstitutions: '{"Code":"WELCOME10"}' },
    }),
  );
  const { appId, segmentId } = await audience('templates', [emailEndpoint('t-mail', { User: { UserId: 't', UserAttributes: { FirstName: ['Tia'] } } })]);
  const { messages } = await runNow(appId, { SegmentId: segmentId, TemplateConfiguration: { EmailTemplate: { Name: name } } });
  expect(messages.get('t-mail')).toMatchObject({ body: 'Your code: WELCOME10', details: { title: 'Welcome Tia', htmlBody: '<b>WELCOME10</b>', contentSource: `template:${name}:1` } });
});

it("sends a custom-channel message to the CustomDeliveryConfiguration's endpoint types, raw", async () => {
  const { appId, segmentId } = await audience('custom', [emailEndpoint('c-mail'), { Id: 'c-sms', ChannelType: 'SMS', Address: '+12065550160' }]);
  const { campaignId, messages, activities } = await runNow(appId, {
    SegmentId: segmentId,
    CustomDeliveryConfiguration: { DeliveryUri: 'arn:aws:lambda:us-east-1:123456789012:function:deliver', EndpointTypes: ['EMAIL'] },
    MessageConfiguration: { CustomMessage: { Data: '{"promo":"{{Address}}"}' } },
  });
  expect(sortedKeys(messages)).toEqual(['c-mail']);
  expect(messages.get('c-mail')).toMatchObject({ channel: 'CUSTOM', destination: 'c-mail@example.com', body: '{"promo":"{{Address}}"}', details: { channelType: 'CUSTOM', contentSource: 'CustomMessage' } });
  expect(activities[0].ExecutionMetrics).toMatchObject({ UNSUPPORTED_CHANNEL: '1', SUCCESS: '1' });
  expect(await kit.campaignKpi(appId, campaignId, 'unique-deliveries')).toBe('1.0');
});
