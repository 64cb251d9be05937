import { PINPOINT_SEED } from '../../../src/emulator/services/pinpoint/seed';
import { toGlobalId } from '../../../src/graph/ids';
import { startStack, type Stack } from '../../helpers/startStack';
import { daysAgo, runCounted } from './support';

// KPIs over HTTP: range checks before any upstream call, typed rows from the seeded events,
// and the shared KPI cache (a second identical query makes no KPI call).

const { apps, campaigns } = PINPOINT_SEED;

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
  // The gateway builds a project's ARN (the KPI cache key) from the account scope it learnt from
  // the first project ARN it read; reading one here makes every count below independent of test order.
  const learnt = await stack.gql(`{ apps(first: 1) { nodes { arn } } }`);
  expect(learnt.body.errors).toBeUndefined();
});
afterAll(() => stack.close());

const APP_KPI = `query AppKpi($app: ID!, $name: KpiName!, $start: DateTime!, $end: DateTime!) {
  app(id: $app) { name kpi(name: $name, startTime: $start, endTime: $end) { kpiName startTime endTime rows { groupedBy { key type value rawValue } values { key type value rawValue } } } }
}`;

const CAMPAIGN_KPI = `query CampaignKpi($app: ID!, $campaign: ID!, $start: DateTime!, $end: DateTime!) {
  app(id: $app) { campaign(id: $campaign) { name kpi(name: UNIQUE_DELIVERIES, startTime: $start, endTime: $end) { kpiName rows { values { key value } } } } }
}`;

describe('invalid ranges are rejected with BAD_USER_INPUT before any upstream call', () => {
  test.each([
    ['end before start', daysAgo(10), daysAgo(12), 'endTime', /^KPI "endTime" must not be before "startTime"; got startTime \S+ and endTime \S+\.$/],
    ['covering 32 calendar days', daysAgo(39), daysAgo(8), 'endTime', /^A KPI range must cover at most 31 calendar days \(UTC, both end days included: the upstream maximum\); got 32 from \S+ to \S+\.$/],
    ['starting 90 days ago or earlier', daysAgo(90), daysAgo(80), 'startTime', /^A KPI range must start fewer than 90 days before today \(UTC; upstream keeps 90 days of data\); got startTime \S+, 90 days back\.$/],
  ])('%s', async (_label, start, end, argument, message) => {
    const app = await runCounted(stack, APP_KPI, { app: apps.RETAIL, name: 'TXN_EMAILS_SENT', start, end });
    expect(app.body.data).toEqual({ app: null });
    expect(app.body.errors).toHaveLength(1);
    expect(app.body.errors![0].message).toMatch(message);
    expect(app.body.errors![0].path).toEqual(['app']);
    expect(app.body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument, field: 'app.kpi' });
    expect(app.gatewayCalls).toEqual({});
    expect(app.wireCalls).toEqual({});

    const campaign = await runCounted(stack, CAMPAIGN_KPI, { app: apps.RETAIL, campaign: campaigns.RETAIL_SPRING_SALE, start, end });
    expect(campaign.body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument, field: 'app.campaign.kpi' });
    expect(campaign.gatewayCalls).toEqual({});
    expect(campaign.wireCalls).toEqual({});
  });

  test('the exact message of a range that ends before it starts', async () => {
    const { body } = await runCounted(stack, APP_KPI, { app: apps.RETAIL, name: 'TXN_EMAILS_SENT', start: '2030-01-02T00:00:00Z', end: '2030-01-01T00:00:00Z' });
    expect(body.errors![0].message).toBe('KPI "endTime" must not be before "startTime"; got startTime 2030-01-02T00:00:00.000Z and endTime 2030-01-01T00:00:00.000Z.');
  });

  test('a KPI under node(id) is checked at the field itself: the node fetch is made, no KPI call', async () => {
    const query = `query($id: ID!, $start: DateTime!, $end: DateTime!) { node(id: $id) { ... on App { name kpi(name: TXN_EMAILS_SENT, startTime: $start, endTime: $end) { kpiName } } } }`;
    const { body, gatewayCalls, wireCalls } = await runCounted(stack, query, { id: toGlobalId('App', 'us-east-1', apps.RETAIL), start: daysAgo(10), end: daysAgo(12) });
    expect(body.data).toEqual({ node: null });
    expect(body.errors![0]).toMatchObject({ path: ['node', 'kpi'], extensions: { code: 'BAD_USER_INPUT', argument: 'endTime' } });
    expect(gatewayCalls).toEqual({ GetApp: 1 });
    expect(wireCalls).toEqual({ GetApp: 1 });
  });

  test('a range of exactly 31 calendar days starting 89 days ago is accepted', async () => {
    const { body, gatewayCalls } = await runCounted(stack, APP_KPI, { app: apps.ALERTS, name: 'TXN_EMAILS_SENT', start: daysAgo(89), end: daysAgo(59) });
    expect(body.errors).toBeUndefined();
    expect(body.data.app.kpi.kpiName).toBe('TXN_EMAILS_SENT');
    expect(gatewayCalls).toEqual({ GetApp: 1, GetApplicationDateRangeKpi: 1 });
  });
});

describe('KPI results', () => {
  test('typed rows: an ungrouped count and a per-day series with the raw strings kept', async () => {
    const start = daysAgo(20);
    const end = daysAgo(0);
    const sent = await runCounted(stack, APP_KPI, { app: apps.RETAIL, name: 'TXN_EMAILS_SENT', start, end });
    expect(sent.body.errors).toBeUndefined();
    // Seed: 3 transactional emails a day for 14 days.
    expect(sent.body.data.app.kpi).toEqual({
      kpiName: 'TXN_EMAILS_SENT',
      startTime: start,
      endTime: end,
      rows: [{ groupedBy: [], values: [{ key: 'TxnEmailsSent', type: 'Double', value: 42, rawValue: expect.stringMatching(/^42(\.0+)?$/) }] }],
    });

    const byDate = await runCounted(stack, APP_KPI, { app: apps.RETAIL, name: 'TXN_EMAILS_SENT_GROUPED_BY_DATE', start: daysAgo(5), end: daysAgo(1) });
    const rows = byDate.body.data.app.kpi.rows;
    expect(rows.length).toBeGreaterThanOrEqual(5);
    for (const row of rows) {
      expect(row.groupedBy).toEqual([{ key: 'Date', type: 'String', value: null, rawValue: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) }]);
      expect(row.values[0]).toMatchObject({ key: 'TxnEmailsSent', type: 'Double' });
    }
  });

  test('the same KPI under two aliases in one request is one upstream call', async () => {
    const query = `query($app: ID!, $start: DateTime!, $end: DateTime!) { app(id: $app) {
      a: kpi(name: TXN_SMS_SENT, startTime: $start, endTime: $end) { rows { values { value } } }
      b: kpi(name: TXN_SMS_SENT, startTime: $start, endTime: $end) { kpiName }
    } }`;
    const { body, gatewayCalls, wireCalls } = await runCounted(stack, query, { app: apps.RETAIL, start: daysAgo(25), end: daysAgo(0) });
    expect(body.errors).toBeUndefined();
    expect(body.data.app.a.rows[0].values[0].value).toBe(28);
    expect(body.data.app.b.kpiName).toBe('TXN_SMS_SENT');
    // No GetApp: nothing of the project itself is selected and its ARN is built from the learnt account scope.
    expect(gatewayCalls).toEqual({ GetApplicationDateRangeKpi: 1 });
    expect(wireCalls).toEqual({ GetApplicationDateRangeKpi: 1 });
  });

  test('a second identical query is served from the KPI cache: no upstream KPI call', async () => {
    const variables = { app: apps.RETAIL, campaign: campaigns.RETAIL_WEEKLY_DIGEST, start: daysAgo(27), end: daysAgo(1) };
    const first = await runCounted(stack, CAMPAIGN_KPI, variables);
    expect(first.body.errors).toBeUndefined();
    expect(first.gatewayCalls).toEqual({ GetApp: 1, GetCampaign: 1, GetCampaignDateRangeKpi: 1 });
    const second = await runCounted(stack, CAMPAIGN_KPI, variables);
    expect(second.body.data).toEqual(first.body.data);
    expect(second.gatewayCalls).toEqual({ GetApp: 1, GetCampaign: 1 });
    expect(second.wireCalls).toEqual({ GetApp: 1, GetCampaign: 1 });
    // WEEKLY_DIGEST delivered to alice, bob, carol and dave.
    expect(first.body.data.app.campaign.kpi).toEqual({ kpiName: 'UNIQUE_DELIVERIES', rows: [{ values: [{ key: 'UniqueDeliveries', value: 4 }] }] });
  });

  test('the same range written with milliseconds shares the cache entry (ranges are normalized to whole seconds)', async () => {
    const start = daysAgo(15);
    const end = daysAgo(2);
    const variables = { app: apps.BANKING, name: 'PUSH_OPEN_RATE', start, end };
    const first = await runCounted(stack, APP_KPI, variables);
    expect(first.gatewayCalls).toEqual({ GetApp: 1, GetApplicationDateRangeKpi: 1 });
    const second = await runCounted(stack, APP_KPI, { ...variables, start: start.replace('.000Z', '.400Z'), end: end.replace('.000Z', '.900Z') });
    expect(second.gatewayCalls).toEqual({ GetApp: 1 });
    expect(second.body.data.app.kpi.rows).toEqual(first.body.data.app.kpi.rows);
  });
});

describe('the KPI cache key needs no GetApp once the process knows its account', () => {
  // A stack of its own: a gateway process that has read no project ARN yet.
  let fresh: Stack;
  beforeAll(async () => {
    fresh = await startStack();
  });
  afterAll(() => fresh.close());

  const KPI_ONLY = `query($app: ID!, $start: DateTime!, $end: DateTime!) { app(id: $app) { applicationId kpi(name: TXN_EMAILS_SENT, startTime: $start, endTime: $end) { kpiName rows { values { key value } } } } }`;

  test('cold process: one GetApp learns the account; a warm app(id) { kpi } then costs exactly 0 upstream calls', async () => {
    const variables = { app: apps.RETAIL, start: daysAgo(20), end: daysAgo(0) };
    const cold = await runCounted(fresh, KPI_ONLY, variables);
    expect(cold.body.errors).toBeUndefined();
    expect(cold.gatewayCalls).toEqual({ GetApp: 1, GetApplicationDateRangeKpi: 1 });
    expect(cold.wireCalls).toEqual({ GetApp: 1, GetApplicationDateRangeKpi: 1 });
    // Seed: RETAIL sends 3 transactional emails a day, D-14 … D-1.
    expect(cold.body.data.app).toEqual({ applicationId: apps.RETAIL, kpi: { kpiName: 'TXN_EMAILS_SENT', rows: [{ values: [{ key: 'TxnEmailsSent', value: 42 }] }] } });

    const warm = await runCounted(fresh, KPI_ONLY, variables);
    expect(warm.body).toMatchObject({ data: cold.body.data });
    expect(warm.body.errors).toBeUndefined();
    expect(warm.gatewayCalls).toEqual({});
    expect(warm.wireCalls).toEqual({});

    // Another project of the same account: only its KPI call, no GetApp.
    const other = await runCounted(fresh, KPI_ONLY, { ...variables, app: apps.BANKING });
    expect(other.body.errors).toBeUndefined();
    expect(other.gatewayCalls).toEqual({ GetApplicationDateRangeKpi: 1 });
    expect(other.wireCalls).toEqual({ GetApplicationDateRangeKpi: 1 });
  });

  test('the built ARN and the one GetApp reads key the same entry: node(id) { ... on App { kpi } } is served warm', async () => {
    const start = daysAgo(19);
    const end = daysAgo(0);
    const built = await runCounted(fresh, KPI_ONLY, { app: apps.RETAIL, start, end });
    expect(built.gatewayCalls).toEqual({ GetApplicationDateRangeKpi: 1 });
    const query = `query($id: ID!, $start: DateTime!, $end: DateTime!) { node(id: $id) { ... on App { kpi(name: TXN_EMAILS_SENT, startTime: $start, endTime: $end) { kpiName rows { values { key value } } } } } }`;
    const read = await runCounted(fresh, query, { id: toGlobalId('App', 'us-east-1', apps.RETAIL), start, end });
    expect(read.body.errors).toBeUndefined();
    expect(read.body.data.node.kpi).toEqual(built.body.data.app.kpi);
    // The node fetch only: the KPI came from the entry the built ARN keyed.
    expect(read.gatewayCalls).toEqual({ GetApp: 1 });
    expect(read.wireCalls).toEqual({ GetApp: 1 });
  });

  test('a project that does not exist is app: null with NOT_FOUND, never a ghost holding a KPI', async () => {
    const missing = '0000000000000000000000000000dead';
    const { body, gatewayCalls } = await runCounted(fresh, KPI_ONLY, { app: missing, start: daysAgo(20), end: daysAgo(0) });
    expect(body.data).toEqual({ app: null });
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0]).toMatchObject({ path: ['app', 'kpi'], extensions: { code: 'NOT_FOUND' } });
    expect(gatewayCalls).toEqual({ GetApplicationDateRangeKpi: 1 });
  });
});
