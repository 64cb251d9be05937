import {
  BadRequestException,
  CreateAppCommand,
  CreateCampaignCommand,
  CreateSegmentCommand,
  GetApplicationDateRangeKpiCommand,
  GetCampaignDateRangeKpiCommand,
  NotFoundException,
  PutEventsCommand,
  type EventsBatch,
  type ResultRow,
} from '@aws-sdk/client-pinpoint';
import { startEmulator, type StartedEmulator } from '../../helpers/emulator';

// Date-range KPIs over HTTP, computed from events put through PutEvents: exact values for
// application (campaign and transactional) and campaign metrics, grouping by date, campaign,
// campaign run and country, the default range, the range limits, and unsupported names.

const NOW = new Date('2025-03-15T12:00:00.000Z');
let stack: StartedEmulator;
let appId: string;
let campaignId: string;
let smsCampaignId: string;

type Row = [endpointId: string, eventType: string, timestamp: string, attributes?: Record<string, string>, metrics?: Record<string, number>];

/** Puts events through PutEvents, grouped by endpoint, with generated event IDs. */
async function put(targetApp: string, rows: Row[]): Promise<void> {
  const batch: Record<string, EventsBatch> = {};
  rows.forEach(([endpointId, EventType, Timestamp, Attributes, Metrics], index) => {
    batch[endpointId] ??= { Endpoint: {}, Events: {} };
    batch[endpointId].Events![`event-${index}`] = { EventType, Timestamp, Attributes, Metrics };
  });
  const out = await stack.pinpoint.send(new PutEventsCommand({ ApplicationId: targetApp, EventsRequest: { BatchItem: batch } }));
  for (const result of Object.values(out.EventsResponse!.Results!)) {
    for (const item of Object.values(result.EventsItemResponse!)) expect(item.StatusCode).toBe(202);
  }
}

async function appKpi(KpiName: string, StartTime?: Date, EndTime?: Date, targetApp = appId) {
  return (await stack.pinpoint.send(new GetApplicationDateRangeKpiCommand({ ApplicationId: targetApp, KpiName, StartTime, EndTime }))).ApplicationDateRangeKpiResponse!;
}

async function campaignKpi(KpiName: string, StartTime?: Date, EndTime?: Date, id = campaignId) {
  return (await stack.pinpoint.send(new GetCampaignDateRangeKpiCommand({ ApplicationId: appId, CampaignId: id, KpiName, StartTime, EndTime }))).CampaignDateRangeKpiResponse!;
}

/** `[group value, metric value]` per row, or just the value for ungrouped rows. */
function values(rows: ResultRow[] | undefined): Array<string | [string, string]> {
  return (rows ?? []).map((row) => (row.GroupedBys === undefined ? row.Values![0].Value! : [row.GroupedBys[0].Value!, row.Values![0].Value!]));
}

beforeAll(async () => {
  stack = await startEmulator({ clock: { now: () => NOW } });
  appId = (await stack.pinpoint.send(new CreateAppCommand({ CreateApplicationRequest: { Name: 'kpis' } }))).ApplicationResponse!.Id!;
  const segmentId = (await stack.pinpoint.send(new CreateSegmentCommand({ ApplicationId: appId, WriteSegmentRequest: { Name: 'all' } }))).SegmentResponse!.Id!;
  const campaign = (name: string) =>
    stack.pinpoint.send(new CreateCampaignCommand({ ApplicationId: appId, WriteCampaignRequest: { Name: name, SegmentId: segmentId, Schedule: { StartTime: '2025-03-13T00:00:00Z' } } }));
  campaignId = (await campaign('email and push')).CampaignResponse!.Id!;
  smsCampaignId = (await campaign('sms')).CampaignResponse!.Id!;

  const run1 = { campaign_id: campaignId, campaign_activity_id: 'run-1', treatment_id: '' };
  const run2 = { campaign_id: campaignId, campaign_activity_id: 'run-2', treatment_id: '' };
  await put(appId, [
    // Transactional email.
    ['t1', '_email.send', '2025-03-10T09:00:00Z'],
    ['t2', '_email.send', '2025-03-10T09:00:00Z'],
    ['t3', '_email.send', '2025-03-10T09:00:00Z'],
    ['t1', '_email.delivered', '2025-03-10T09:01:00Z'],
    ['t2', '_email.delivered', '2025-03-10T09:01:00Z'],
    ['t1', '_email.open', '2025-03-10T10:00:00Z'],
    ['t1', '_email.open', '2025-03-10T11:00:00Z'],
    ['t1', '_email.click', '2025-03-10T11:01:00Z'],
    ['t1', '_email.send', '2025-03-12T09:00:00Z'],
    ['t1', '_email.delivered', '2025-03-12T09:01:00Z'],
    ['t1', '_email.complaint', '2025-03-12T12:00:00Z'],
    ['t1', '_email.send', '2025-02-01T09:00:00Z'], // before the default range (which starts 2025-02-13)
    // Transactional SMS.
    ['s-us', '_SMS.SUCCESS', '2025-03-11T08:00:00Z', { iso_country_code: 'US', number_of_message_parts: '1' }, { price_in_millicents_usd: 645 }],
    ['s-ca', '_SMS.FAILURE', '2025-03-11T08:00:00Z', { iso_country_code: 'CA', number_of_message_parts: '2', record_status: 'UNREACHABLE' }, { price_in_millicents_usd: 1184 }],
    ['s-ca', '_SMS.SUCCESS', '2025-03-12T08:00:00Z', { iso_country_code: 'CA', number_of_message_parts: '2' }, { price_in_millicents_usd: 1184 }],
    // Campaign, run 1 (email).
    ['c1', '_email.send', '2025-03-13T10:00:00Z', run1],
    ['c2', '_email.send', '2025-03-13T10:00:00Z', run1],
    ['c3', '_email.send', '2025-03-13T10:00:00Z', run1],
    ['c1', '_email.delivered', '2025-03-13T10:01:00Z', run1],
    ['c2', '_email.delivered', '2025-03-13T10:01:00Z', run1],
    ['c3', '_email.hardbounce', '2025-03-13T10:01:00Z', run1],
    ['c1', '_email.open', '2025-03-13T11:00:00Z', run1],
    ['c1', '_email.open', '2025-03-13T12:00:00Z', run1],
    ['c2', '_email.click', '2025-03-13T12:00:00Z', run1],
    // Campaign, run 2 (push).
    ['p1', '_campaign.send', '2025-03-14T10:00:00Z', { ...run2, campaign_send_status: 'SUCCESS' }],
    ['p2', '_campaign.send', '2025-03-14T10:00:00Z', { ...run2, campaign_send_status: 'FAILURE' }],
    ['p1', '_campaign.opened_notification', '2025-03-14T10:30:00Z', run2],
    // The SMS campaign.
    ['c1', '_SMS.SUCCESS', '2025-03-14T09:00:00Z', { campaign_id: smsCampaignId, campaign_activity_id: 'sms-run', iso_country_code: 'US' }, { price_in_millicents_usd: 1000 }],
  ]);
});
afterAll(() => stack.close());

describe('GetApplicationDateRangeKpi', () => {
  it('reports transactional email metrics over the default range (the preceding 31 calendar days)', async () => {
    const sent = await appKpi('txn-emails-sent');
    expect(sent).toEqual({
      ApplicationId: appId,
      KpiName: 'txn-emails-sent',
      StartTime: new Date('2025-02-13T00:00:00.000Z'),
      EndTime: NOW,
      KpiResult: { Rows: [{ Values: [{ Key: 'TxnEmailsSent', Type: 'Double', Value: '4.0' }] }] },
    });
    expect(values((await appKpi('txn-emails-delivered')).KpiResult!.Rows)).toEqual(['3.0']);
    expect(values((await appKpi('txn-emails-delivery-rate')).KpiResult!.Rows)).toEqual(['0.75']);
    expect(values((await appKpi('txn-emails-opened')).KpiResult!.Rows)).toEqual(['2.0']);
    expect(values((await appKpi('txn-emails-unique-opens')).KpiResult!.Rows)).toEqual(['1.0']);
    expect(values((await appKpi('txn-emails-complaint-rate')).KpiResult!.Rows)).toEqual(['0.3333333333']);
    expect(values((await appKpi('txn-emails-hard-bounced')).KpiResult!.Rows)).toEqual([]);
  });

  it('includes an older event once the range covers it', async () => {
    const sent = await appKpi('txn-emails-sent', new Date('2025-01-31T00:00:00Z'), new Date('2025-02-02T00:00:00Z'));
    expect(values(sent.KpiResult!.Rows)).toEqual(['1.0']);
  });

  it('answers one row per calendar day for a grouped-by-date KPI, zeros included', async () => {
    const out = await appKpi('txn-emails-sent-grouped-by-date', new Date('2025-03-09T00:00:00Z'), new Date('2025-03-12T23:59:59Z'));
    expect(out.KpiResult!.Rows![1]).toEqual({ GroupedBys: [{ Key: 'Date', Type: 'String', Value: '2025-03-10' }], Values: [{ Key: 'TxnEmailsSent', Type: 'Double', Value: '3.0' }] });
    expect(values(out.KpiResult!.Rows)).toEqual([
      ['2025-03-09', '0.0'],
      ['2025-03-10', '3.0'],
      ['2025-03-11', '0.0'],
      ['2025-03-12', '1.0'],
    ]);
  });

  it('reports transactional SMS metrics, grouped by country and by error', async () => {
    expect(values((await appKpi('txn-sms-sent')).KpiResult!.Rows)).toEqual(['3.0']);
    expect(values((await appKpi('txn-sms-delivery-rate')).KpiResult!.Rows)).toEqual(['0.6666666667']);
    expect(values((await appKpi('txn-sms-sent-by-parts')).KpiResult!.Rows)).toEqual(['5.0']);
    const byCountry = await appKpi('txn-sms-sent-grouped-by-country');
    expect(byCountry.KpiResult!.Rows![0].GroupedBys).toEqual([{ Key: 'CountryCode', Type: 'String', Value: 'CA' }]);
    expect(values(byCountry.KpiResult!.Rows)).toEqual([['CA', '2.0'], ['US', '1.0']]);
    expect(values((await appKpi('txn-sms-total-price-grouped-by-country')).KpiResult!.Rows)).toEqual([['CA', '0.02368'], ['US', '0.00645']]);
    expect(values((await appKpi('txn-sms-error-distribution')).KpiResult!.Rows)).toEqual([['UNREACHABLE', '1.0']]);
  });

  it('reports campaign metrics across campaigns, grouped by campaign', async () => {
    expect(values((await appKpi('successful-delivery-rate')).KpiResult!.Rows)).toEqual(['0.6666666667']);
    const byCampaign = values((await appKpi('unique-deliveries-grouped-by-campaign')).KpiResult!.Rows);
    const expected: Array<[string, string]> = [[campaignId, '3.0'], [smsCampaignId, '1.0']];
    expect(byCampaign).toEqual(expected.sort(([a], [b]) => a.localeCompare(b)));
  });

  it('answers no rows when nothing contributed', async () => {
    const empty = (await stack.pinpoint.send(new CreateAppCommand({ CreateApplicationRequest: { Name: 'empty' } }))).ApplicationResponse!.Id!;
    expect((await appKpi('txn-emails-sent', undefined, undefined, empty)).KpiResult).toEqual({ Rows: [] });
    expect((await appKpi('email-open-rate', undefined, undefined, empty)).KpiResult).toEqual({ Rows: [] });
  });
});

describe('GetCampaignDateRangeKpi', () => {
  it("computes a campaign's metrics from its own events only", async () => {
    const rate = await campaignKpi('successful-delivery-rate');
    expect(rate).toEqual({
      ApplicationId: appId,
      CampaignId: campaignId,
      KpiName: 'successful-delivery-rate',
      StartTime: new Date('2025-02-13T00:00:00.000Z'),
      EndTime: NOW,
      KpiResult: { Rows: [{ Values: [{ Key: 'SuccessfulDeliveryRate', Type: 'Double', Value: '0.6' }] }] },
    });
    expect(values((await campaignKpi('email-open-rate')).KpiResult!.Rows)).toEqual(['0.5']);
    expect(values((await campaignKpi('hard-bounce-rate')).KpiResult!.Rows)).toEqual(['0.2']);
    expect(values((await campaignKpi('push-open-rate')).KpiResult!.Rows)).toEqual(['1.0']);
    expect(values((await campaignKpi('unique-deliveries')).KpiResult!.Rows)).toEqual(['3.0']);
    expect(values((await campaignKpi('sms-spend')).KpiResult!.Rows)).toEqual([]);
    expect(values((await campaignKpi('sms-spend', undefined, undefined, smsCampaignId)).KpiResult!.Rows)).toEqual(['0.01']);
  });

  it('groups by campaign run and by date', async () => {
    const attempted = await campaignKpi('attempted-deliveries-grouped-by-campaign-activity');
    expect(attempted.KpiResult!.Rows![0]).toEqual({
      GroupedBys: [{ Key: 'CampaignActivityId', Type: 'String', Value: 'run-1' }],
      Values: [{ Key: 'AttemptedDeliveries', Type: 'Double', Value: '3.0' }],
    });
    expect(values(attempted.KpiResult!.Rows)).toEqual([['run-1', '3.0'], ['run-2', '2.0']]);
    expect(values((await campaignKpi('successful-deliveries-grouped-by-campaign-activity')).KpiResult!.Rows)).toEqual([['run-1', '2.0'], ['run-2', '1.0']]);
    expect(values((await campaignKpi('direct-email-opens-grouped-by-campaign-activity')).KpiResult!.Rows)).toEqual([['run-1', '2.0']]);
    const byDate = await campaignKpi('successful-delivery-rate-grouped-by-date', new Date('2025-03-13T00:00:00Z'), new Date('2025-03-14T23:59:59Z'));
    expect(values(byDate.KpiResult!.Rows)).toEqual([['2025-03-13', '0.6666666667'], ['2025-03-14', '0.5']]);
  });

  it('answers NotFoundException for an unknown campaign', async () => {
    const error = await stack.pinpoint.send(new GetCampaignDateRangeKpiCommand({ ApplicationId: appId, CampaignId: 'missing', KpiName: 'unique-deliveries' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundException);
    expect((error as NotFoundException).$metadata.httpStatusCode).toBe(404);
  });
});

describe('KPI request checks', () => {
  const badRequest = async (promise: Promise<unknown>, message: string) => {
    const error = await promise.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestException);
    expect(error).toMatchObject({ message, $metadata: { httpStatusCode: 400 } });
  };

  it('rejects unknown, malformed and wrong-scope KPI names', async () => {
    await badRequest(appKpi('made-up-metric'), "'made-up-metric' is not a supported application metric (kpi-name); see the standard metrics for projects, campaigns, and journeys");
    await badRequest(appKpi('hard-bounce-rate'), "'hard-bounce-rate' is not a supported application metric (kpi-name); see the standard metrics for projects, campaigns, and journeys");
    await badRequest(campaignKpi('txn-emails-sent'), "'txn-emails-sent' is not a supported campaign metric (kpi-name); see the standard metrics for projects, campaigns, and journeys");
    await badRequest(appKpi('Opens'), "kpi-name must be two or more lowercase alphanumeric terms separated by hyphens; got 'Opens'");
  });

  it('rejects a range over 31 calendar days, a start 90 or more days back, and a start after the end', async () => {
    await badRequest(
      appKpi('txn-emails-sent', new Date('2025-02-01T00:00:00Z'), new Date('2025-03-04T00:00:00Z')),
      'The date range must be 31 or fewer calendar days; 2025-02-01T00:00:00.000Z to 2025-03-04T00:00:00.000Z spans 32',
    );
    await badRequest(
      appKpi('txn-emails-sent', new Date('2024-12-15T00:00:00Z'), new Date('2024-12-20T00:00:00Z')),
      'start-time must be fewer than 90 days from the current day; 2024-12-15T00:00:00.000Z is 90 days back',
    );
    await badRequest(
      appKpi('txn-emails-sent', new Date('2025-03-10T00:00:00Z'), new Date('2025-03-09T00:00:00Z')),
      'start-time must not be after end-time; got 2025-03-10T00:00:00.000Z > 2025-03-09T00:00:00.000Z',
    );
    // The limits themselves are allowed: 31 calendar days, 89 days back.
    expect((await appKpi('txn-emails-sent', new Date('2025-02-01T00:00:00Z'), new Date('2025-03-03T23:59:59Z'))).KpiName).toBe('txn-emails-sent');
    expect((await appKpi('txn-emails-sent', new Date('2024-12-16T00:00:00Z'), new Date('2024-12-20T00:00:00Z'))).KpiResult).toEqual({ Rows: [] });
  });

  it('answers everything in one page: page-size is checked, and no next-token is ever valid', async () => {
    const page = await stack.pinpoint.send(new GetApplicationDateRangeKpiCommand({ ApplicationId: appId, KpiName: 'txn-sms-sent-grouped-by-country', PageSize: '1' }));
    expect(page.ApplicationDateRangeKpiResponse!.KpiResult!.Rows).toHaveLength(2);
    expect(page.ApplicationDateRangeKpiResponse!.NextToken).toBeUndefined();
    await badRequest(stack.pinpoint.send(new GetApplicationDateRangeKpiCommand({ ApplicationId: appId, KpiName: 'txn-emails-sent', PageSize: 'ten' })), "page-size must be an integer from 1 to 1000; got 'ten'");
    await badRequest(
      stack.pinpoint.send(new GetApplicationDateRangeKpiCommand({ ApplicationId: appId, KpiName: 'txn-emails-sent', NextToken: 'MQ.forged' })),
      'Invalid token: the token was not issued for this query or has been altered',
    );
  });

  it('answers NotFoundException for an unknown app', async () => {
    await expect(stack.pinpoint.send(new GetApplicationDateRangeKpiCommand({ ApplicationId: 'missing', KpiName: 'txn-emails-sent' }))).rejects.toBeInstanceOf(NotFoundException);
  });
});
