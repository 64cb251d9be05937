import { createEmulatorServer, type EmulatorServer } from '../../src/emulator';
import { PINPOINT_SEED } from '../../src/emulator/services/pinpoint/seed';
import { closedPort, startGatewayProcess, type GatewayProcess } from '../helpers/gatewayProcess';
import type { GqlResponse } from '../helpers/gql';
import { deleteRedisPrefix, TEST_REDIS_URL, testRedisClient, uniqueRedisPrefix } from '../helpers/redis';

// The shared KPI cache end to end: real gateway processes (src/main.ts, configured by env only)
// sharing one Redis and one emulator, queried over HTTP. test/cache/singleFlight.test.ts covers
// the cache module across processes; this file covers the whole gateway path.
//
// Cost of one `app(id) { name kpi(...) }` request: GetApp 1 (for `name`: loaders live per request,
// so every request fetches its app once), plus the KPI call only for the one request, across every
// process, that wins the single flight. The KPI cache key (the app's ARN) needs no GetApp once a
// process has read any project ARN (it learns its account scope), so `app(id) { kpi(...) }` alone
// costs 0 calls on a warm cache in a process that has served one request.

const APP_KPI = `query AppKpi($app: ID!, $start: DateTime!, $end: DateTime!) {
  app(id: $app) { name kpi(name: TXN_EMAILS_SENT, startTime: $start, endTime: $end) { kpiName startTime endTime rows { values { key type value rawValue } } } }
}`;

/** The same KPI without the project's own data: no GetApp once the process knows its account. */
const KPI_ONLY = `query AppKpiOnly($app: ID!, $start: DateTime!, $end: DateTime!) {
  app(id: $app) { kpi(name: TXN_EMAILS_SENT, startTime: $start, endTime: $end) { kpiName startTime endTime rows { values { key type value rawValue } } } }
}`;

/** Identical requests fired at once, split across the gateways (request i goes to gateway i mod n). */
const WAVE = 20;
/** Emulator latency: long enough that a wave's requests overlap in both gateways. */
const LATENCY_MS = 150;
const KPI_CALL = 'GetApplicationDateRangeKpi';

let emulator: EmulatorServer;
let redisPrefix: string;
let gatewayA: GatewayProcess;
let gatewayB: GatewayProcess;

beforeAll(async () => {
  emulator = await createEmulatorServer({ port: 0, seed: true, latencyMs: LATENCY_MS });
  redisPrefix = uniqueRedisPrefix('xgw');
  const env = { PINPOINT_ENDPOINT: emulator.endpoint, SMS_VOICE_ENDPOINT: emulator.endpoint, REDIS_URL: TEST_REDIS_URL, REDIS_KEY_PREFIX: redisPrefix };
  // Started side by side; when one fails, the other is still kept so afterAll stops it.
  const [a, b] = await Promise.allSettled([startGatewayProcess({ env }), startGatewayProcess({ env })]);
  if (a.status === 'fulfilled') gatewayA = a.value;
  if (b.status === 'fulfilled') gatewayB = b.value;
  if (a.status === 'rejected') throw a.reason;
  if (b.status === 'rejected') throw b.reason;
}, 120_000);

afterAll(async () => {
  await Promise.all([gatewayA?.stop(), gatewayB?.stop()]);
  await emulator?.close();
  if (redisPrefix) await deleteRedisPrefix(redisPrefix);
}, 30_000);

/** An ISO date-time `days` days before now, at whole seconds. */
function daysAgo(days: number): string {
  return new Date(Math.floor((Date.now() - days * 86_400_000) / 1000) * 1000).toISOString();
}

/** Clears the emulator's counters (over its admin HTTP API). */
async function clearCalls(): Promise<void> {
  const response = await fetch(`${emulator.endpoint}/_emulator/calls`, { method: 'DELETE' });
  if (!response.ok) throw new Error(`DELETE /_emulator/calls answered HTTP ${response.status}`);
}

/** The Pinpoint requests the emulator received since the last clear, by operation. */
async function wireCalls(): Promise<Record<string, number>> {
  const counts = (await (await fetch(`${emulator.endpoint}/_emulator/calls`)).json()) as { byOperation: Record<string, number> };
  return Object.fromEntries(Object.entries(counts.byOperation).map(([key, count]) => [key.replace(/^pinpoint\./, ''), count]));
}

/** Fires `count` identical requests at once, request i to `gateways[i % gateways.length]`. */
function wave(gateways: readonly GatewayProcess[], variables: Record<string, unknown>, count = WAVE, query = APP_KPI): Promise<GqlResponse[]> {
  return Promise.all(Array.from({ length: count }, (_, i) => gateways[i % gateways.length].gql(query, variables)));
}

/** KPI calls one request made, as that gateway's own per-request counter saw them. */
function kpiCallsOf(response: GqlResponse): number {
  return response.body.extensions?.upstreamCalls?.byOperation?.[KPI_CALL] ?? 0;
}

/** Keys under the test's prefix matching `pattern` (SCAN, never KEYS). */
async function redisKeys(pattern: string): Promise<string[]> {
  const redis = testRedisClient();
  try {
    const keys: string[] = [];
    let cursor = '0';
    do {
      const [next, batch] = await redis.scan(cursor, 'MATCH', `${redisPrefix}${pattern}`, 'COUNT', 500);
      keys.push(...batch);
      cursor = next;
    } while (cursor !== '0');
    return keys;
  } finally {
    redis.disconnect();
  }
}

describe('two gateway processes sharing Redis and one emulator', () => {
  test('the processes report a healthy Redis cache and upstream', () => {
    for (const gateway of [gatewayA, gatewayB]) {
      expect(gateway.readiness).toEqual({
        status: 'ready',
        checks: {
          pinpoint: { ok: true, detail: `emulator at ${emulator.endpoint} is healthy` },
          smsVoice: { ok: true, detail: `emulator at ${emulator.endpoint} is healthy` },
          cache: { ok: true, critical: false, detail: 'redis answers PING' },
          upstreamBreakers: { ok: true, critical: false, detail: expect.stringMatching(/all closed$/) },
        },
      });
    }
    expect(gatewayA.pid).not.toBe(gatewayB.pid);
  });

  test(`${WAVE} identical KPI queries at once, split across both: one upstream KPI call, the same rows everywhere`, async () => {
    const variables = { app: PINPOINT_SEED.apps.RETAIL, start: daysAgo(20), end: daysAgo(0) };
    await clearCalls();
    const responses = await wave([gatewayA, gatewayB], variables);

    for (const response of responses) {
      expect(response.status).toBe(200);
      expect(response.body.errors).toBeUndefined();
    }
    // Seed: RETAIL sends 3 transactional emails a day, D-14 … D-1.
    const expected = {
      name: 'Retail Storefront',
      kpi: { kpiName: 'TXN_EMAILS_SENT', startTime: variables.start, endTime: variables.end, rows: [{ values: [{ key: 'TxnEmailsSent', type: 'Double', value: 42, rawValue: expect.stringMatching(/^42(\.0+)?$/) }] }] },
    };
    for (const response of responses) expect(response.body.data).toEqual({ app: expected });
    expect(new Set(responses.map((response) => JSON.stringify(response.body.data))).size).toBe(1);

    // One GetApp per request (see the top of the file), one KPI call for the whole wave.
    expect(await wireCalls()).toEqual({ GetApp: WAVE, [KPI_CALL]: 1 });

    // The gateways' own counters agree: exactly one request, in one process, made the KPI call;
    // every request of the other process got its rows without one, so they came through Redis.
    const loaders = responses.flatMap((response, i) => (kpiCallsOf(response) === 1 ? [i % 2] : []));
    expect(loaders).toHaveLength(1);
    const otherGateway = responses.filter((_, i) => i % 2 !== loaders[0]);
    expect(otherGateway.map(kpiCallsOf)).toEqual(Array.from({ length: WAVE / 2 }, () => 0));
    for (const response of responses) expect(response.body.extensions?.upstreamCalls?.byOperation?.GetApp).toBe(1);

    // One stored result under the shared prefix, and no lock left behind.
    expect(await redisKeys('kpi:v2:*|txn-emails-sent|*')).toHaveLength(1);
    expect(await redisKeys('*:lock')).toEqual([]);
  });

  test('a result one process stored is served to both from Redis; a different range costs exactly one more KPI call', async () => {
    const variables = { app: PINPOINT_SEED.apps.RETAIL, start: daysAgo(25), end: daysAgo(0) };
    await clearCalls();
    const warm = await gatewayA.gql(APP_KPI, variables);
    expect(warm.body.errors).toBeUndefined();
    expect(await wireCalls()).toEqual({ GetApp: 1, [KPI_CALL]: 1 });

    await clearCalls();
    const cached = await wave([gatewayA, gatewayB], variables);
    for (const response of cached) {
      expect(response.body.errors).toBeUndefined();
      expect(response.body.data).toEqual(warm.body.data);
      expect(response.body.extensions?.upstreamCalls?.byOperation).toEqual({ GetApp: 1 });
    }
    // Only the per-request GetApps (for `name`): no KPI call from either process.
    expect(await wireCalls()).toEqual({ GetApp: WAVE });

    // Without `name`: 0 upstream calls per request. Both processes have read the project's ARN
    // above, so each builds the same cache key without a GetApp and reads the entry from Redis.
    await clearCalls();
    const kpiOnly = await wave([gatewayA, gatewayB], variables, WAVE, KPI_ONLY);
    for (const response of kpiOnly) {
      expect(response.body.errors).toBeUndefined();
      expect(response.body.data).toEqual({ app: { kpi: warm.body.data.app.kpi } });
      expect(response.body.extensions?.upstreamCalls?.byOperation).toEqual({});
    }
    expect(await wireCalls()).toEqual({});

    await clearCalls();
    const otherRange = { ...variables, start: daysAgo(24) };
    const fresh = await wave([gatewayB, gatewayA], otherRange);
    for (const response of fresh) {
      expect(response.body.errors).toBeUndefined();
      expect(response.body.data.app.kpi).toMatchObject({ kpiName: 'TXN_EMAILS_SENT', startTime: otherRange.start, endTime: otherRange.end });
    }
    expect(new Set(fresh.map((response) => JSON.stringify(response.body.data))).size).toBe(1);
    expect(await wireCalls()).toEqual({ GetApp: WAVE, [KPI_CALL]: 1 });
    expect(fresh.map(kpiCallsOf).reduce((sum, calls) => sum + calls, 0)).toBe(1);
  });
});

describe('a gateway process whose Redis is unreachable', () => {
  test('answers KPI queries from upstream and then from its in-process copy, without an error, and reports the cache unready', async () => {
    const port = await closedPort();
    const gateway = await startGatewayProcess({
      env: { PINPOINT_ENDPOINT: emulator.endpoint, SMS_VOICE_ENDPOINT: emulator.endpoint, REDIS_URL: `redis://127.0.0.1:${port}`, REDIS_KEY_PREFIX: uniqueRedisPrefix('xgw-down') },
      requireCache: false,
    });
    try {
      // The cache shown down, the instance still in rotation: it serves from upstream and its in-process copy.
      expect(gateway.readiness.status).toBe('ready');
      expect(gateway.readiness.checks.cache.ok).toBe(false);

      const variables = { app: PINPOINT_SEED.apps.RETAIL, start: daysAgo(20), end: daysAgo(0) };
      for (let round = 0; round < 2; round += 1) {
        await clearCalls();
        const response = await gateway.gql(APP_KPI, variables);
        expect(response.status).toBe(200);
        expect(response.body.errors).toBeUndefined();
        expect(response.body.data.app.kpi.rows).toEqual([{ values: [{ key: 'TxnEmailsSent', type: 'Double', value: 42, rawValue: expect.stringMatching(/^42(\.0+)?$/) }] }]);
        // Nothing reaches Redis: the first request makes the KPI call, the second is answered by the
        // in-process copy the KPI cache keeps while Redis is unavailable (cache/redisCache.ts).
        const calls = round === 0 ? { GetApp: 1, [KPI_CALL]: 1 } : { GetApp: 1 };
        expect(await wireCalls()).toEqual(calls);
        expect(response.body.extensions?.upstreamCalls?.byOperation).toEqual(calls);
      }
    } finally {
      await gateway.stop();
    }
  }, 90_000);
});
