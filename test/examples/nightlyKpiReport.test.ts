import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createGatewayClient, type RetryEvent } from '@pinpoint-graph/client';
import { buildKpiReport, previousDays, type KpiReport } from '../../examples/nightly-kpi-report/report';
import { PINPOINT_SEED } from '../../src/emulator/services/pinpoint/seed';
import { startFaultProxy, type FaultProxy } from '../helpers/faultProxy';
import { startStack, type Stack } from '../helpers/startStack';

// The example service (examples/nightly-kpi-report) against a real gateway over the seeded
// emulator: the report holds every seeded project and campaign with the KPI values the seed's
// events give (src/emulator/services/pinpoint/seed.ts documents them), walked page by page; a
// 503 with Retry-After on the way is retried; a KPI the gateway cannot read is reported and the
// walk goes on; the runnable job prints the same report.

const { apps, campaigns } = PINPOINT_SEED;

/**
 * What the seed's events give over the last 30 days (all of them fall in D-14 … D-1):
 * SPRING_SALE delivered to alice, bob and carol, not dave (hard bounce), in each of its 3 runs:
 * 3 unique, 9 of 12 delivered; WEEKLY_DIGEST 4 of 4 in both runs; CART_PUSH alice's and bob's
 * devices, every send delivered; CARD_OFFER erin and frank. The others sent nothing (no row: null).
 */
const EXPECTED_APPS: KpiReport['apps'] = [
  {
    applicationId: apps.RETAIL,
    name: 'Retail Storefront',
    campaigns: [
      { campaignId: campaigns.RETAIL_SPRING_SALE, name: 'Spring sale email', state: 'COMPLETED', kpis: { UNIQUE_DELIVERIES: 3, SUCCESSFUL_DELIVERY_RATE: 0.75 } },
      { campaignId: campaigns.RETAIL_WEEKLY_DIGEST, name: 'Weekly digest', state: 'PENDING_NEXT_RUN', kpis: { UNIQUE_DELIVERIES: 4, SUCCESSFUL_DELIVERY_RATE: 1 } },
      { campaignId: campaigns.RETAIL_SUMMER_LAUNCH, name: 'Summer launch', state: 'SCHEDULED', kpis: { UNIQUE_DELIVERIES: null, SUCCESSFUL_DELIVERY_RATE: null } },
      { campaignId: campaigns.RETAIL_PAUSED_PROMO, name: 'Paused promo', state: 'PAUSED', kpis: { UNIQUE_DELIVERIES: null, SUCCESSFUL_DELIVERY_RATE: null } },
      { campaignId: campaigns.RETAIL_CART_PUSH, name: 'Cart reminder push', state: 'EXECUTING', kpis: { UNIQUE_DELIVERIES: 2, SUCCESSFUL_DELIVERY_RATE: 1 } },
    ],
  },
  {
    applicationId: apps.BANKING,
    name: 'Mobile Banking',
    campaigns: [
      { campaignId: campaigns.BANKING_CARD_OFFER, name: 'Card offer', state: 'COMPLETED', kpis: { UNIQUE_DELIVERIES: 2, SUCCESSFUL_DELIVERY_RATE: 1 } },
      { campaignId: campaigns.BANKING_SECURITY_TIPS, name: 'Security tips', state: 'PENDING_NEXT_RUN', kpis: { UNIQUE_DELIVERIES: null, SUCCESSFUL_DELIVERY_RATE: null } },
    ],
  },
  { applicationId: apps.ALERTS, name: 'Internal Alerts', campaigns: [] },
];

let stack: Stack;
let proxy: FaultProxy;
beforeAll(async () => {
  stack = await startStack();
  proxy = await startFaultProxy(stack.graphqlUrl);
});
afterAll(async () => {
  await proxy.close();
  await stack.close();
});
beforeEach(() => proxy.reset());

/** Module-private: the operations the proxy saw, counted by name. */
function operationCounts(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { operationName } of proxy.received) counts[operationName ?? '(anonymous)'] = (counts[operationName ?? '(anonymous)'] ?? 0) + 1;
  return counts;
}

test('the report holds every seeded app and campaign with the KPI values of the seeded events, walked two per page', async () => {
  const range = previousDays(30);
  const report = await buildKpiReport(createGatewayClient({ url: proxy.url }), { ...range, pageSize: 2 });
  expect(report).toEqual({
    range,
    kpis: ['UNIQUE_DELIVERIES', 'SUCCESSFUL_DELIVERY_RATE'],
    apps: EXPECTED_APPS,
    totals: { apps: 3, campaigns: 7 },
    errors: [],
  });
  // Cursor pagination: 3 apps in 2 pages; RETAIL's 5 campaigns in 3 pages, BANKING's 2 and ALERTS' 0 in one each; 2 KPIs × 7 campaigns.
  expect(operationCounts()).toEqual({ ListApps: 2, AppCampaigns: 5, CampaignKpi: 14 });
});

test('a 503 with Retry-After on the way is retried, and the report is complete', async () => {
  const retries: RetryEvent[] = [];
  proxy.planByOperation.set('CampaignKpi', [{ status: 503, retryAfter: '1' }]);
  const report = await buildKpiReport(createGatewayClient({ url: proxy.url, onRetry: (event) => retries.push(event) }), { ...previousDays(30), pageSize: 25 });
  expect(report.apps).toEqual(EXPECTED_APPS);
  expect(report.errors).toEqual([]);
  expect(retries).toEqual([{ operationName: 'CampaignKpi', attempt: 1, reason: 503, delayMs: 1_000, requestId: expect.stringMatching(/^proxy-/) }]);
  expect(operationCounts()).toEqual({ ListApps: 1, AppCampaigns: 3, CampaignKpi: 15 });
});

test('a KPI the gateway cannot read is reported with its code and request ID, and the walk goes on', async () => {
  // EMAIL_OPEN_RATE: a KPI no other test reads, so the gateway's KPI cache cannot answer it.
  stack.emulator.setFaults([{ service: 'pinpoint', operation: 'GetCampaignDateRangeKpi', kind: 'error', errorCode: 'ForbiddenException', count: 1 }]);
  const report = await buildKpiReport(createGatewayClient({ url: stack.graphqlUrl }), { ...previousDays(30), kpis: ['EMAIL_OPEN_RATE'] });
  expect(report.totals).toEqual({ apps: 3, campaigns: 7 });
  expect(report.errors).toEqual([
    { applicationId: apps.RETAIL, campaignId: campaigns.RETAIL_SPRING_SALE, kpi: 'EMAIL_OPEN_RATE', code: 'FORBIDDEN', message: expect.any(String), requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) },
  ]);
  const retail = report.apps[0].campaigns;
  expect(retail[0].kpis).toEqual({ EMAIL_OPEN_RATE: null });
  // WEEKLY_DIGEST: opened by alice and carol of the 4 it was delivered to.
  expect(retail[1].kpis).toEqual({ EMAIL_OPEN_RATE: 0.5 });
});

test('grouped KPIs are refused before any request', async () => {
  await expect(buildKpiReport(createGatewayClient({ url: proxy.url }), { ...previousDays(1), kpis: ['UNIQUE_DELIVERIES_GROUPED_BY_DATE'] })).rejects.toThrow(
    'The report prints one number per KPI; grouped KPIs are not supported: UNIQUE_DELIVERIES_GROUPED_BY_DATE.',
  );
  expect(proxy.received).toEqual([]);
});

test('the runnable job prints the report as JSON and exits 0', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, '..', '..', 'examples', 'nightly-kpi-report', 'main.ts')], {
    env: { PATH: process.env.PATH ?? '', GATEWAY_URL: stack.graphqlUrl, REPORT_DAYS: '30' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  const printed = JSON.parse(stdout) as KpiReport;
  expect(printed.apps).toEqual(EXPECTED_APPS);
  expect(printed.totals).toEqual({ apps: 3, campaigns: 7 });
  expect(printed.range.endTime).toMatch(/T23:59:59\.000Z$/);
});
