import {
  GetApplicationDateRangeKpiCommand,
  GetApplicationSettingsCommand,
  GetAppsCommand,
  GetCampaignCommand,
  GetCampaignDateRangeKpiCommand,
  GetCampaignsCommand,
  GetCampaignVersionsCommand,
  GetEndpointCommand,
  GetSegmentCommand,
  GetSegmentsCommand,
  GetSegmentVersionCommand,
  GetUserEndpointsCommand,
  PinpointClient,
  type ResultRow,
} from '@aws-sdk/client-pinpoint';
import { PINPOINT_SEED } from '../../../src/emulator/services/pinpoint';
import { startEmulator, type StartedEmulator } from '../../helpers/emulator';

// The deterministic demo data set, read over HTTP: apps, settings, segments and their
// versions, campaigns (statuses, versions, treatments), users and endpoints, and KPIs whose
// exact values follow from the seeded events.

const NOW = new Date('2025-03-15T12:00:00.000Z');
const { apps, campaigns, segments, users, endpoints, activities } = PINPOINT_SEED;
let stack: StartedEmulator;
beforeAll(async () => {
  stack = await startEmulator({ clock: { now: () => NOW }, seed: true });
});
afterAll(() => stack.close());

function values(rows: ResultRow[] | undefined): Array<string | [string, string]> {
  return (rows ?? []).map((row) => (row.GroupedBys === undefined ? row.Values![0].Value! : [row.GroupedBys[0].Value!, row.Values![0].Value!]));
}

async function appKpi(ApplicationId: string, KpiName: string, StartTime?: Date, EndTime?: Date) {
  return values((await stack.pinpoint.send(new GetApplicationDateRangeKpiCommand({ ApplicationId, KpiName, StartTime, EndTime }))).ApplicationDateRangeKpiResponse!.KpiResult!.Rows);
}

async function campaignKpi(ApplicationId: string, CampaignId: string, KpiName: string) {
  return values((await stack.pinpoint.send(new GetCampaignDateRangeKpiCommand({ ApplicationId, CampaignId, KpiName }))).CampaignDateRangeKpiResponse!.KpiResult!.Rows);
}

describe('seeded apps and settings', () => {
  it('holds three apps with fixed IDs, names and tags', async () => {
    const out = await stack.pinpoint.send(new GetAppsCommand({}));
    expect(out.ApplicationsResponse!.Item!.map((app) => [app.Id, app.Name, app.tags])).toEqual([
      [apps.RETAIL, 'Retail Storefront', { env: 'demo', team: 'growth' }],
      [apps.BANKING, 'Mobile Banking', { env: 'demo', team: 'mobile' }],
      [apps.ALERTS, 'Internal Alerts', { env: 'demo', team: 'platform' }],
    ]);
    expect(apps.RETAIL).toMatch(/^[0-9a-f]{32}$/);
  });

  it('has retail settings with limits, quiet time, a campaign hook and journey limits', async () => {
    const out = await stack.pinpoint.send(new GetApplicationSettingsCommand({ ApplicationId: apps.RETAIL }));
    expect(out.ApplicationSettingsResource).toEqual({
      ApplicationId: apps.RETAIL,
      LastModifiedDate: '2025-02-13T10:00:00.000Z',
      Limits: { Daily: 5, Total: 50, MessagesPerSecond: 100, MaximumDuration: 3600 },
      QuietTime: { Start: '22:00', End: '07:00' },
      CampaignHook: { Mode: 'FILTER', LambdaFunctionName: 'arn:aws:lambda:us-east-1:123456789012:function:retail-segment-filter' },
      JourneyLimits: { DailyCap: 3, TotalCap: 10, TimeframeCap: { Days: 7, Cap: 5 } },
    });
  });
});

describe('seeded segments and campaigns', () => {
  it('has dimensional, imported and group-based segments with versions', async () => {
    const list = await stack.pinpoint.send(new GetSegmentsCommand({ ApplicationId: apps.RETAIL }));
    expect(list.SegmentsResponse!.Item!.map((s) => [s.Id, s.SegmentType, s.Version])).toEqual([
      [segments.RETAIL_ALL_CUSTOMERS, 'DIMENSIONAL', 2],
      [segments.RETAIL_VIP, 'DIMENSIONAL', 3],
      [segments.RETAIL_NEWSLETTER_IMPORT, 'IMPORT', 1],
      [segments.RETAIL_LAPSED, 'DIMENSIONAL', 1],
    ]);
    const imported = (await stack.pinpoint.send(new GetSegmentCommand({ ApplicationId: apps.RETAIL, SegmentId: segments.RETAIL_NEWSLETTER_IMPORT }))).SegmentResponse!;
    expect(imported.ImportDefinition).toMatchObject({ Format: 'CSV', Size: 3, ChannelCounts: { EMAIL: 3 } });
    const lapsed = (await stack.pinpoint.send(new GetSegmentCommand({ ApplicationId: apps.RETAIL, SegmentId: segments.RETAIL_LAPSED }))).SegmentResponse!;
    expect(lapsed.SegmentGroups!.Groups![0].SourceSegments).toEqual([{ Id: segments.RETAIL_ALL_CUSTOMERS, Version: 2 }]);
    const vipV1 = (await stack.pinpoint.send(new GetSegmentVersionCommand({ ApplicationId: apps.RETAIL, SegmentId: segments.RETAIL_VIP, Version: '1' }))).SegmentResponse!;
    expect(vipV1.Dimensions).toEqual({ Attributes: { tier: { AttributeType: 'INCLUSIVE', Values: ['gold'] } } });
  });

  it('points every campaign at a segment version that exists', async () => {
    for (const appId of [apps.RETAIL, apps.BANKING, apps.ALERTS]) {
      const list = (await stack.pinpoint.send(new GetCampaignsCommand({ ApplicationId: appId }))).CampaignsResponse!.Item!;
      for (const campaign of list) {
        const segment = await stack.pinpoint.send(new GetSegmentVersionCommand({ ApplicationId: appId, SegmentId: campaign.SegmentId, Version: String(campaign.SegmentVersion) }));
        expect(segment.SegmentResponse!.Version).toBe(campaign.SegmentVersion);
      }
    }
    expect((await stack.pinpoint.send(new GetCampaignsCommand({ ApplicationId: apps.RETAIL }))).CampaignsResponse!.Item!.map((c) => [c.Name, c.State!.CampaignStatus])).toEqual([
      ['Spring sale email', 'COMPLETED'],
      ['Weekly digest', 'PENDING_NEXT_RUN'],
      ['Summer launch', 'SCHEDULED'],
      ['Paused promo', 'PAUSED'],
      ['Cart reminder push', 'EXECUTING'],
    ]);
    expect((await stack.pinpoint.send(new GetCampaignsCommand({ ApplicationId: apps.BANKING }))).CampaignsResponse!.Item!.map((c) => [c.Id, c.State!.CampaignStatus])).toEqual([
      [campaigns.BANKING_CARD_OFFER, 'COMPLETED'],
      [campaigns.BANKING_SECURITY_TIPS, 'PENDING_NEXT_RUN'],
    ]);
  });

  it('has a spring sale campaign with three versions and an A/B/C test in the last', async () => {
    const versions = (await stack.pinpoint.send(new GetCampaignVersionsCommand({ ApplicationId: apps.RETAIL, CampaignId: campaigns.RETAIL_SPRING_SALE }))).CampaignsResponse!.Item!;
    expect(versions.map((v) => [v.Version, v.SegmentVersion, v.AdditionalTreatments?.length ?? 0])).toEqual([[1, 1, 0], [2, 2, 0], [3, 2, 2]]);
    const current = (await stack.pinpoint.send(new GetCampaignCommand({ ApplicationId: apps.RETAIL, CampaignId: campaigns.RETAIL_SPRING_SALE }))).CampaignResponse!;
    expect(current).toMatchObject({
      Version: 3,
      HoldoutPercent: 10,
      TreatmentName: 'Control',
      DefaultState: { CampaignStatus: 'COMPLETED' },
      AdditionalTreatments: [
        { Id: '0', SizePercent: 30, TreatmentName: 'Subject B' },
        { Id: '1', SizePercent: 20, TreatmentName: 'Subject C' },
      ],
      Arn: `arn:aws:mobiletargeting:us-east-1:123456789012:apps/${apps.RETAIL}/campaigns/${campaigns.RETAIL_SPRING_SALE}`,
      CreationDate: '2025-03-01T10:00:00.000Z',
      LastModifiedDate: '2025-03-04T10:00:00.000Z',
    });
  });
});

describe('seeded users and endpoints', () => {
  it('gives each user several endpoints across channels', async () => {
    const channels = async (appId: string, userId: string) =>
      (await stack.pinpoint.send(new GetUserEndpointsCommand({ ApplicationId: appId, UserId: userId }))).EndpointsResponse!.Item!.map((e) => [e.Id, e.ChannelType]);
    expect(await channels(apps.RETAIL, users.ALICE)).toEqual([
      [endpoints.ALICE_EMAIL, 'EMAIL'],
      [endpoints.ALICE_SMS, 'SMS'],
      [endpoints.ALICE_IPHONE, 'APNS'],
    ]);
    expect(await channels(apps.RETAIL, users.BOB)).toEqual([
      [endpoints.BOB_EMAIL, 'EMAIL'],
      [endpoints.BOB_ANDROID, 'GCM'],
    ]);
    expect(await channels(apps.BANKING, users.FRANK)).toEqual([
      [endpoints.FRANK_ANDROID, 'GCM'],
      [endpoints.FRANK_SMS, 'SMS'],
      [endpoints.FRANK_EMAIL, 'EMAIL'],
    ]);
    expect((await channels(apps.ALERTS, users.ONCALL)).length).toBe(2);
  });

  it('opts out the anonymous device (no address) and keeps attributes, metrics and demographics', async () => {
    const anonymous = (await stack.pinpoint.send(new GetEndpointCommand({ ApplicationId: apps.RETAIL, EndpointId: endpoints.ANONYMOUS_DEVICE }))).EndpointResponse!;
    expect(anonymous).toMatchObject({ OptOut: 'ALL', EndpointStatus: 'ACTIVE', ChannelType: 'APNS' });
    expect(anonymous.Address).toBeUndefined();
    const alice = (await stack.pinpoint.send(new GetEndpointCommand({ ApplicationId: apps.RETAIL, EndpointId: endpoints.ALICE_IPHONE }))).EndpointResponse!;
    expect(alice).toMatchObject({ OptOut: 'NONE', Attributes: { tier: ['gold'] }, Metrics: { lifetime_spend: 820 }, Demographic: { Platform: 'iOS' }, User: { UserId: users.ALICE } });
  });
});

describe('seeded KPIs', () => {
  it('reports the retail transactional totals of the last 14 days', async () => {
    expect(await appKpi(apps.RETAIL, 'txn-emails-sent')).toEqual(['42.0']);
    expect(await appKpi(apps.RETAIL, 'txn-emails-delivered')).toEqual(['40.0']);
    expect(await appKpi(apps.RETAIL, 'txn-emails-opened')).toEqual(['14.0']);
    expect(await appKpi(apps.RETAIL, 'txn-emails-clicked')).toEqual(['7.0']);
    expect(await appKpi(apps.RETAIL, 'txn-emails-soft-bounced')).toEqual(['2.0']);
    expect(await appKpi(apps.RETAIL, 'txn-emails-with-complaints')).toEqual(['1.0']);
    expect(await appKpi(apps.RETAIL, 'txn-sms-sent')).toEqual(['28.0']);
    expect(await appKpi(apps.RETAIL, 'txn-sms-delivered')).toEqual(['21.0']);
    const byDate = await appKpi(apps.RETAIL, 'txn-emails-sent-grouped-by-date', new Date('2025-03-01T00:00:00Z'), new Date('2025-03-14T23:59:59Z'));
    expect(byDate).toHaveLength(14);
    expect(byDate.every((row) => Array.isArray(row) && row[1] === '3.0')).toBe(true);
    expect(await appKpi(apps.ALERTS, 'txn-emails-delivery-rate')).toEqual(['1.0']);
  });

  it('reports campaign metrics per campaign and per run', async () => {
    expect(await campaignKpi(apps.RETAIL, campaigns.RETAIL_SPRING_SALE, 'attempted-deliveries-grouped-by-campaign-activity')).toEqual([
      [activities.SPRING_SALE_DEFAULT, '2.0'],
      [activities.SPRING_SALE_TREATMENT_0, '1.0'],
      [activities.SPRING_SALE_TREATMENT_1, '1.0'],
    ]);
    expect(await campaignKpi(apps.RETAIL, campaigns.RETAIL_SPRING_SALE, 'successful-delivery-rate')).toEqual(['0.75']);
    expect(await campaignKpi(apps.RETAIL, campaigns.RETAIL_SPRING_SALE, 'email-open-rate')).toEqual(['0.6666666667']);
    expect(await campaignKpi(apps.RETAIL, campaigns.RETAIL_SPRING_SALE, 'hard-bounce-rate')).toEqual(['0.25']);
    expect(await campaignKpi(apps.RETAIL, campaigns.RETAIL_WEEKLY_DIGEST, 'successful-deliveries-grouped-by-campaign-activity')).toEqual([
      [activities.WEEKLY_DIGEST_RUN_1, '4.0'],
      [activities.WEEKLY_DIGEST_RUN_2, '4.0'],
    ]);
    expect(await campaignKpi(apps.RETAIL, campaigns.RETAIL_CART_PUSH, 'push-open-rate')).toEqual(['0.5']);
    expect(await campaignKpi(apps.BANKING, campaigns.BANKING_CARD_OFFER, 'push-open-rate')).toEqual(['0.5']);
    expect(await appKpi(apps.RETAIL, 'unique-deliveries-grouped-by-campaign')).toEqual([
      [campaigns.RETAIL_SPRING_SALE, '3.0'],
      [campaigns.RETAIL_WEEKLY_DIGEST, '4.0'],
      [campaigns.RETAIL_CART_PUSH, '2.0'],
    ]);
  });
});

describe('determinism', () => {
  it('seeds identical data into any emulator with the same clock, and into any account and region', async () => {
    const twin = await startEmulator({ clock: { now: () => NOW }, seed: true });
    const eu = new PinpointClient({ endpoint: twin.emulator.endpoint, region: 'eu-west-1', credentials: { accessKeyId: '210987654321', secretAccessKey: 'x' } });
    try {
      for (const [appId, campaignId] of [[apps.RETAIL, campaigns.RETAIL_SPRING_SALE], [apps.BANKING, campaigns.BANKING_CARD_OFFER]]) {
        const read = (client: PinpointClient) => client.send(new GetCampaignCommand({ ApplicationId: appId, CampaignId: campaignId })).then((out) => out.CampaignResponse);
        expect(await read(twin.pinpoint)).toEqual(await read(stack.pinpoint));
      }
      const endpoint = (client: PinpointClient) => client.send(new GetEndpointCommand({ ApplicationId: apps.RETAIL, EndpointId: endpoints.CAROL_SMS })).then((out) => out.EndpointResponse);
      expect(await endpoint(twin.pinpoint)).toEqual(await endpoint(stack.pinpoint));

      twin.emulator.seed('210987654321', 'eu-west-1');
      const app = (await eu.send(new GetAppsCommand({}))).ApplicationsResponse!.Item![0];
      expect(app).toMatchObject({ Id: apps.RETAIL, Arn: `arn:aws:mobiletargeting:eu-west-1:210987654321:apps/${apps.RETAIL}` });
    } finally {
      eu.destroy();
      await twin.close();
    }
  });
});
