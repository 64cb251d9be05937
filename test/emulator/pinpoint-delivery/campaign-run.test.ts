import { GetApplicationDateRangeKpiCommand, GetCampaignsCommand, UpdateCampaignCommand } from '@aws-sdk/client-pinpoint';
import { PINPOINT_SEED } from '../../../src/emulator/services/pinpoint';
import { emailEndpoint, sortedKeys, startDeliveryKit, type DeliveryKit } from './kit';

// The end-to-end campaign scenario over HTTP: an app, endpoints loaded with UpdateEndpointsBatch,
// a segment, an IMMEDIATE campaign; the outbox receives exactly the expected messages once the
// clock moves, and the campaign's status, activities and KPIs move with it. Also: the seed stays
// put until the clock reaches its next scheduled run.

const T0 = '2025-06-02T12:00:00.000Z';

describe('an IMMEDIATE campaign, end to end', () => {
  let kit: DeliveryKit;
  beforeAll(async () => {
    kit = await startDeliveryKit(T0);
  });
  afterAll(() => kit.close());

  it('delivers to exactly the segment members it may reach, renders each message, and moves status, activities and KPIs', async () => {
    const appId = await kit.newApp('shop');
    const person = (userId: string, firstName: string, plan: string) => ({ User: { UserId: userId, UserAttributes: { FirstName: [firstName] } }, Attributes: { plan: [plan] } });
    await kit.putEndpoints(appId, [
      emailEndpoint('ann-email', person('ann', 'Ann', 'pro')),
      { Id: 'ann-sms', ChannelType: 'SMS', Address: '+12065550100', Location: { Country: 'US' }, ...person('ann', 'Ann', 'pro') },
      emailEndpoint('ben-email', person('ben', 'Ben', 'pro')),
      emailEndpoint('cat-email', { ...person('cat', 'Cat', 'pro'), OptOut: 'ALL' }),
      emailEndpoint('dan-email', person('dan', 'Dan', 'free')),
      emailEndpoint('eve-email', { ...person('eve', 'Eve', 'pro'), EndpointStatus: 'INACTIVE' }),
    ]);
    const segmentId = await kit.newSegment(appId, {
      Name: 'pro plan',
      Dimensions: { Attributes: { plan: { AttributeType: 'INCLUSIVE', Values: ['pro'] } }, Demographic: { Channel: { DimensionType: 'INCLUSIVE', Values: ['EMAIL', 'SMS'] } } },
    });
    const campaignId = await kit.newCampaign(appId, {
      Name: 'Welcome',
      SegmentId: segmentId,
      Schedule: { StartTime: 'IMMEDIATE' },
      MessageConfiguration: {
        EmailMessage: { Title: 'Hi {{User.UserAttributes.FirstName}}', Body: 'Your plan: {{Attributes.plan}}', HtmlBody: '<p>Hi {{User.UserAttributes.FirstName}}</p>', FromAddress: 'news@shop.example.com' },
        SMSMessage: { Body: 'Hi {{User.UserAttributes.FirstName}}, this is {{Address}}', MessageType: 'PROMOTIONAL', OriginationNumber: '+12065550199' },
      },
    });

    // The clock stands still: nothing has run yet, however many requests arrive.
    expect(await kit.status(appId, campaignId)).toBe('SCHEDULED');
    expect(await kit.outbox()).toEqual([]);
    expect(await kit.activities(appId, campaignId)).toEqual([]);

    await kit.advance(1);
    expect(await kit.status(appId, campaignId)).toBe('COMPLETED');
    const [activity] = await kit.activities(appId, campaignId);
    const messages = await kit.campaignMessages(campaignId);
    expect(sortedKeys(messages)).toEqual(['ann-email', 'ann-sms', 'ben-email']);
    expect(messages.get('ann-email')).toEqual({
      messageId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      service: 'pinpoint',
      channel: 'EMAIL',
      origination: 'news@shop.example.com',
      destination: 'ann-email@example.com',
      body: 'Your plan: pro',
      accountId: '123456789012',
      region: 'us-east-1',
      sentAt: T0,
      details: {
        applicationId: appId,
        kind: 'campaign',
        channelType: 'EMAIL',
        endpointId: 'ann-email',
        userId: 'ann',
        title: 'Hi Ann',
        htmlBody: '<p>Hi Ann</p>',
        contentSource: 'EmailMessage',
        campaignId,
        campaignActivityId: activity.Id,
        treatmentId: '',
      },
    });
    expect(messages.get('ann-sms')).toMatchObject({
      channel: 'SMS',
      origination: '+12065550199',
      destination: '+12065550100',
      body: 'Hi Ann, this is +12065550100',
      messageType: 'PROMOTIONAL',
      details: { messageParts: 1, priceMicroUsd: 5810, isoCountryCode: 'US' },
    });
    expect(messages.get('ben-email')).toMatchObject({ destination: 'ben-email@example.com', body: 'Your plan: pro', details: { title: 'Hi Ben' } });

    expect(activity).toEqual({
      Id: expect.stringMatching(/^[0-9a-f]{32}$/),
      ApplicationId: appId,
      CampaignId: campaignId,
      TreatmentId: '',
      State: 'COMPLETED',
      Result: 'SUCCESS',
      ScheduledStart: T0,
      Start: T0,
      End: T0,
      SuccessfulEndpointCount: 3,
      TotalEndpointCount: 3,
      TimezonesTotalCount: 1,
      TimezonesCompletedCount: 1,
      ExecutionMetrics: {
        ENDPOINT_PRODUCED: '5',
        HOLDOUT: '0',
        ENDPOINT_OPT_OUT: '1',
        ENDPOINT_INACTIVE: '1',
        UNSUPPORTED_CHANNEL: '0',
        CHANNEL_DISABLED: '0',
        DUPLICATE_ENDPOINT: '0',
        QUIET_TIME: '0',
        DAILY_CAP: '0',
        TOTAL_CAP: '0',
        SESSION_CAP: '0',
        TIMEOUT: '0',
        SUCCESS: '3',
      },
    });

    expect(await kit.campaignKpi(appId, campaignId, 'unique-deliveries')).toBe('3.0');
    expect(await kit.campaignKpi(appId, campaignId, 'successful-delivery-rate')).toBe('1.0');
    expect(await kit.campaignKpi(appId, campaignId, 'sms-spend')).toBe('0.00581');
    const byCampaign = await kit.pinpoint.send(new GetApplicationDateRangeKpiCommand({ ApplicationId: appId, KpiName: 'successful-deliveries-grouped-by-campaign' }));
    expect(byCampaign.ApplicationDateRangeKpiResponse!.KpiResult!.Rows).toEqual([
      { GroupedBys: [{ Key: 'CampaignId', Type: 'String', Value: campaignId }], Values: [{ Key: 'SuccessfulDeliveries', Type: 'Double', Value: '3.0' }] },
    ]);
    // Campaign sends are not transactional messages.
    const txn = await kit.pinpoint.send(new GetApplicationDateRangeKpiCommand({ ApplicationId: appId, KpiName: 'txn-emails-sent' }));
    expect(txn.ApplicationDateRangeKpiResponse!.KpiResult!.Rows).toEqual([]);

    // A one-time campaign runs once, however far the clock moves.
    await kit.advance(7 * 86_400);
    expect((await kit.campaignMessages(campaignId)).size).toBe(3);
    expect(await kit.activities(appId, campaignId)).toHaveLength(1);
  });

  it('sends the version of the campaign that is current, to the segment version it pins', async () => {
    const appId = await kit.newApp('versions');
    await kit.putEndpoints(appId, [emailEndpoint('v-gold', { Attributes: { tier: ['gold'] } }), emailEndpoint('v-silver', { Attributes: { tier: ['silver'] } })]);
    const segmentId = await kit.newSegment(appId, { Name: 'gold', Dimensions: { Attributes: { tier: { Values: ['gold'] } } } });
    const start = new Date(Date.parse(await kit.now()) + 3_600_000).toISOString();
    const campaignId = await kit.newCampaign(appId, { SegmentId: segmentId, Schedule: { StartTime: start }, MessageConfiguration: { EmailMessage: { Title: 'v1', Body: 'first' } } });
    await kit.pinpoint.send(new UpdateCampaignCommand({ ApplicationId: appId, CampaignId: campaignId, WriteCampaignRequest: { MessageConfiguration: { EmailMessage: { Title: 'v2', Body: 'second' } } } }));
    // Moving the clock runs what it made due, so the outbox shows it without another request.
    await kit.advance(3_601);
    const messages = await kit.campaignMessages(campaignId);
    expect(sortedKeys(messages)).toEqual(['v-gold']);
    expect(messages.get('v-gold')).toMatchObject({ body: 'second', details: { title: 'v2' }, sentAt: start });
  });
});

describe('the seeded campaigns', () => {
  let kit: DeliveryKit;
  beforeAll(async () => {
    kit = await startDeliveryKit(T0, { seed: true });
  });
  afterAll(() => kit.close());
  const { apps, campaigns } = PINPOINT_SEED;

  it('deliver nothing on the first requests: their runs are recorded or in the future', async () => {
    const list = await kit.pinpoint.send(new GetCampaignsCommand({ ApplicationId: apps.RETAIL }));
    expect(list.CampaignsResponse!.Item!.map((c) => [c.Name, c.State!.CampaignStatus])).toEqual([
      ['Spring sale email', 'COMPLETED'],
      ['Weekly digest', 'PENDING_NEXT_RUN'],
      ['Summer launch', 'SCHEDULED'],
      ['Paused promo', 'PAUSED'],
      ['Cart reminder push', 'EXECUTING'],
    ]);
    expect(await kit.runCampaigns()).toEqual({ now: T0, scopes: [{ accountId: '123456789012', region: 'us-east-1' }] });
    expect(await kit.outbox()).toEqual([]);
    expect(await kit.activities(apps.RETAIL, campaigns.RETAIL_WEEKLY_DIGEST)).toHaveLength(2);
    expect(await kit.campaignKpi(apps.RETAIL, campaigns.RETAIL_WEEKLY_DIGEST, 'unique-deliveries')).toBe('4.0');
  });

  it('run the weekly digest once the clock passes its next weekly occurrence', async () => {
    // The seed's weekly digest ran at 10:00 UTC 13 and 6 days before T0's day; the next run is the day after T0 at 10:00.
    await kit.setClock('2025-06-03T09:59:59.000Z');
    await kit.runCampaigns();
    expect(await kit.outbox()).toEqual([]);
    await kit.setClock('2025-06-03T10:00:01.000Z');
    await kit.runCampaigns();
    const messages = await kit.campaignMessages(campaigns.RETAIL_WEEKLY_DIGEST);
    const { endpoints } = PINPOINT_SEED;
    expect(sortedKeys(messages)).toEqual([endpoints.ALICE_EMAIL, endpoints.BOB_EMAIL, endpoints.CAROL_EMAIL, endpoints.DAVE_EMAIL].sort());
    expect(messages.get(endpoints.ALICE_EMAIL)).toMatchObject({ origination: 'offers@retail.example.com', destination: 'alice@example.com', body: 'New this week.', sentAt: '2025-06-03T10:00:00.000Z' });
    const activities = await kit.activities(apps.RETAIL, campaigns.RETAIL_WEEKLY_DIGEST);
    expect(activities).toHaveLength(3);
    expect(activities[2]).toMatchObject({
      ScheduledStart: '2025-06-03T10:00:00.000Z',
      SuccessfulEndpointCount: 4,
      TotalEndpointCount: 4,
      ExecutionMetrics: { ENDPOINT_PRODUCED: '9', ENDPOINT_OPT_OUT: '1', UNSUPPORTED_CHANNEL: '4', SUCCESS: '4' },
    });
    expect(await kit.status(apps.RETAIL, campaigns.RETAIL_WEEKLY_DIGEST)).toBe('PENDING_NEXT_RUN');
    expect(await kit.status(apps.RETAIL, campaigns.RETAIL_SUMMER_LAUNCH)).toBe('SCHEDULED');
    expect(await kit.outbox()).toHaveLength(4);
  });
});
