import { createObservability } from '../../src/observability';
import { startStack, type Stack } from '../helpers/startStack';
import { countingCacheObserver, kpiRange, type CacheEvents } from './redisFaultKit';

// Stale-while-revalidate for KPIs through the gateway (issue 14): a KPI that expired within the
// stale window is served when its upstream load fails with a server fault, and the response says
// which field is stale and how old it is (`extensions.stale`); a client error is never hidden by
// stale data, and past the window the failure is the answer. TTLs are seconds (the smallest the
// configuration takes), so the test waits them out.

const KPI_TILE = `query Tile($app: ID!, $start: DateTime!, $end: DateTime!) {
  app(id: $app) { name tile: kpi(name: TXN_EMAILS_SENT, startTime: $start, endTime: $end) { rows { values { key value } } } }
}`;
const KPI_CALL = 'GetApplicationDateRangeKpi';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let stack: Stack;
let events: CacheEvents;

beforeAll(async () => {
  const counting = countingCacheObserver();
  events = counting.events;
  stack = await startStack({
    redis: true,
    // Fresh for 1 s, then kept 2 s more for stale answers.
    gateway: { kpi: { ttlPastSeconds: 1, ttlCurrentSeconds: 1, staleSeconds: 2 }, observability: { ...createObservability(), cacheObserver: counting.observer }, upstreamMaxAttempts: 1 },
  });
});
afterAll(() => stack?.close());

/** Replaces the emulator's fault rules (an empty list clears them). */
async function faults(rules: unknown[]): Promise<void> {
  const response = await fetch(`${stack.emulator.endpoint}/_emulator/faults`, { method: 'PUT', body: JSON.stringify(rules) });
  if (!response.ok) throw new Error(`PUT /_emulator/faults answered HTTP ${response.status}: ${await response.text()}`);
}

test('an expired KPI is served, marked stale with its path and age, when upstream fails; never for a client error, never past the window', async () => {
  const variables = kpiRange(7);
  const warm = await stack.gql(KPI_TILE, variables);
  expect(warm.body.errors).toBeUndefined();
  expect(warm.body.extensions?.upstreamCalls?.byOperation?.[KPI_CALL]).toBe(1);
  expect(warm.body.extensions?.stale).toBeUndefined();
  const loadedAt = Date.now();

  // Expired (1 s TTL), within the stale window, upstream failing with a 500.
  await sleep(1_200);
  await faults([{ operation: KPI_CALL, status: 500 }]);
  const stale = await stack.gql(KPI_TILE, variables);
  expect(stale.status).toBe(200);
  expect(stale.body.errors).toBeUndefined();
  expect(stale.body.data).toEqual(warm.body.data);
  expect(stale.body.extensions?.upstreamCalls?.byOperation?.[KPI_CALL]).toBe(1);
  expect(stale.body.extensions?.stale).toEqual([{ path: ['app', 'tile'], ageSeconds: expect.any(Number) }]);
  expect(stale.body.extensions?.stale[0].ageSeconds).toBeGreaterThanOrEqual(1);

  // A client error (the project is not found) is the request's answer, not hidden by stale data.
  await faults([{ operation: KPI_CALL, errorCode: 'NotFoundException' }]);
  const refused = await stack.gql(KPI_TILE, variables);
  expect(refused.body.errors?.map((error) => error.path)).toEqual([['app', 'tile']]);
  expect(refused.body.extensions?.stale).toBeUndefined();

  // Past the stale window (1 s fresh + 2 s stale): the server fault is the answer.
  await faults([{ operation: KPI_CALL, status: 500 }]);
  await sleep(Math.max(0, loadedAt + 3_300 - Date.now()));
  const expired = await stack.gql(KPI_TILE, variables);
  expect(expired.status).toBe(200);
  // (`kpi` is non-null: its error nulls the project.)
  expect(expired.body.data).toEqual({ app: null });
  expect(expired.body.errors?.map((error) => error.path)).toEqual([['app', 'tile']]);
  expect(expired.body.extensions?.stale).toBeUndefined();

  // Upstream back: a fresh answer, nothing stale.
  await faults([]);
  const recovered = await stack.gql(KPI_TILE, variables);
  expect(recovered.body.data).toEqual(warm.body.data);
  expect(recovered.body.extensions?.stale).toBeUndefined();
  expect(events.kpiLookups).toEqual({ miss: 2, stale: 1, error: 2 });
});
