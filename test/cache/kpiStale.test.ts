import { createKpiCache, isUpstreamUnavailable, kpiCacheKey, type KpiCacheKey } from '../../src/cache/kpiCache';
import { createMemoryCache } from '../../src/cache/memoryCache';
import { createRedisCache, type RedisCache } from '../../src/cache/redisCache';
import type { KpiLookupOutcome } from '../../src/cache/telemetry';
import { deleteRedisPrefix, TEST_REDIS_URL, testRedisClient, uniqueRedisPrefix } from '../helpers/redis';

// Stale-while-revalidate and deadlines in the KPI cache (cache/kpiCache.ts, singleFlight.ts), with
// a clock the test moves: an expired result is served (and said to be stale) only when upstream
// fails, only within the stale window, and every wait ends with the caller's signal.

const key: KpiCacheKey = {
  resourceArn: 'arn:aws:mobiletargeting:us-east-1:123456789012:apps/app-1',
  kpiName: 'successful-delivery-rate',
  startTime: new Date('2024-01-01T00:00:00Z'),
  endTime: new Date('2024-01-08T00:00:00Z'),
};
/** Module-private: a server fault as the SDK raises it. */
const serverFault = () => Object.assign(new Error('InternalServerErrorException'), { name: 'InternalServerErrorException', $fault: 'server', $metadata: { httpStatusCode: 500 } });

/** A KPI cache on a memory store with a movable clock, recording what it tells its observer. */
function staleCache(staleSeconds = 120) {
  let clock = Date.parse('2024-02-01T00:00:00Z');
  const outcomes: KpiLookupOutcome[] = [];
  const kpiCache = createKpiCache({
    cache: createMemoryCache(),
    ttl: { pastSeconds: 60, currentSeconds: 60 },
    staleSeconds,
    now: () => new Date(clock),
    observer: { kpiLookup: (outcome) => outcomes.push(outcome) },
  });
  return { kpiCache, outcomes, advance: (seconds: number) => (clock += seconds * 1000) };
}

describe('stale-while-revalidate', () => {
  test('an expired result is reloaded when upstream answers; served, with its age, when upstream fails', async () => {
    const { kpiCache, outcomes, advance } = staleCache();
    const stale: number[] = [];
    const onStale = ({ ageSeconds }: { ageSeconds: number }) => stale.push(ageSeconds);
    await expect(kpiCache.getOrLoad(key, async () => ({ rate: 1 }), { onStale })).resolves.toEqual({ rate: 1 });
    advance(30);
    await expect(kpiCache.getOrLoad(key, async () => ({ rate: 'unused' }), { onStale })).resolves.toEqual({ rate: 1 });
    advance(45);
    // Expired 15 s ago: upstream answers, so the new result is the answer (and stored).
    await expect(kpiCache.getOrLoad(key, async () => ({ rate: 2 }), { onStale })).resolves.toEqual({ rate: 2 });
    advance(90);
    // Expired 30 s ago, upstream fails: the expired result, 90 s old.
    await expect(kpiCache.getOrLoad(key, async () => Promise.reject(serverFault()), { onStale })).resolves.toEqual({ rate: 2 });
    expect(stale).toEqual([90]);
    expect(outcomes).toEqual(['miss', 'hit', 'miss', 'stale']);
  });

  test('never past the stale window: then the failure is the answer', async () => {
    const { kpiCache, outcomes, advance } = staleCache(120);
    await kpiCache.getOrLoad(key, async () => ({ rate: 1 }));
    advance(60 + 119);
    await expect(kpiCache.getOrLoad(key, async () => Promise.reject(serverFault()))).resolves.toEqual({ rate: 1 });
    advance(2);
    await expect(kpiCache.getOrLoad(key, async () => Promise.reject(serverFault()))).rejects.toThrow('InternalServerErrorException');
    expect(outcomes).toEqual(['miss', 'stale', 'error']);
  });

  test('a failure of the request (client error, bounds, abort) is not answered with stale data', async () => {
    const { kpiCache, outcomes, advance } = staleCache();
    await kpiCache.getOrLoad(key, async () => ({ rate: 1 }));
    advance(61);
    const notFound = Object.assign(new Error('NotFoundException'), { name: 'NotFoundException', $fault: 'client', $metadata: { httpStatusCode: 404 } });
    await expect(kpiCache.getOrLoad(key, async () => Promise.reject(notFound))).rejects.toBe(notFound);
    const deadline = Object.assign(new Error('deadline'), { extensions: { code: 'DEADLINE_EXCEEDED' } });
    await expect(kpiCache.getOrLoad(key, async () => Promise.reject(deadline))).rejects.toBe(deadline);
    expect(outcomes).toEqual(['miss', 'error', 'error']);
  });

  test('which failures are upstream being unavailable', () => {
    const sdk = (name: string, status: number, fault: 'client' | 'server') => Object.assign(new Error(name), { name, $fault: fault, $metadata: { httpStatusCode: status } });
    expect(isUpstreamUnavailable(sdk('InternalServerErrorException', 500, 'server'))).toBe(true);
    expect(isUpstreamUnavailable(sdk('ServiceUnavailable', 503, 'server'))).toBe(true);
    expect(isUpstreamUnavailable(sdk('TooManyRequestsException', 429, 'client'))).toBe(true);
    expect(isUpstreamUnavailable(Object.assign(new Error('x'), { name: 'ThrottlingException', $fault: 'client' }))).toBe(true);
    expect(isUpstreamUnavailable(sdk('NotFoundException', 404, 'client'))).toBe(false);
    expect(isUpstreamUnavailable(sdk('BadRequestException', 400, 'client'))).toBe(false);
    expect(isUpstreamUnavailable(Object.assign(new Error('x'), { name: 'UpstreamTimeoutError' }))).toBe(true);
    expect(isUpstreamUnavailable(Object.assign(new Error('x'), { name: 'UpstreamRefusedError', reason: 'CIRCUIT_OPEN' }))).toBe(true);
    expect(isUpstreamUnavailable(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }))).toBe(true);
    expect(isUpstreamUnavailable(Object.assign(new Error('aborted'), { name: 'AbortError' }))).toBe(false);
    expect(isUpstreamUnavailable(Object.assign(new Error('x'), { extensions: { code: 'UPSTREAM_UNAVAILABLE' } }))).toBe(true);
    expect(isUpstreamUnavailable(Object.assign(new Error('x'), { extensions: { code: 'EXECUTION_LIMIT_EXCEEDED' } }))).toBe(false);
  });

  test('callers that joined a load that failed get the stale result too, each told so', async () => {
    const { kpiCache, outcomes, advance } = staleCache();
    await kpiCache.getOrLoad(key, async () => ({ rate: 1 }));
    advance(61);
    let loads = 0;
    const failing = async () => {
      loads += 1;
      await new Promise((resolve) => setTimeout(resolve, 30));
      throw serverFault();
    };
    const told: number[] = [];
    const results = await Promise.all(Array.from({ length: 4 }, () => kpiCache.getOrLoad(key, failing, { onStale: ({ ageSeconds }) => told.push(ageSeconds) })));
    expect(results).toEqual(Array.from({ length: 4 }, () => ({ rate: 1 })));
    expect(loads).toBe(1);
    expect(told).toEqual([61, 61, 61, 61]);
    expect(outcomes).toEqual(['miss', 'stale', 'stale', 'stale', 'stale']);
  });

  test('staleSeconds 0 (the createKpiCache default) serves nothing expired', async () => {
    const { kpiCache, advance } = staleCache(0);
    await kpiCache.getOrLoad(key, async () => ({ rate: 1 }));
    advance(61);
    await expect(kpiCache.getOrLoad(key, async () => Promise.reject(serverFault()))).rejects.toThrow('InternalServerErrorException');
  });
});

describe('deadlines of cache waits', () => {
  const keyPrefix = uniqueRedisPrefix('kpi-deadline');
  let store: RedisCache;
  beforeAll(async () => {
    store = createRedisCache({ url: TEST_REDIS_URL, keyPrefix });
    await store.waitUntilReady(5_000);
  });
  afterAll(async () => {
    await store.close();
    await deleteRedisPrefix(keyPrefix);
  });

  test("a wait on another process's lock ends when the caller's signal aborts, with its reason; other callers are unaffected", async () => {
    const kpiCache = createKpiCache({ cache: store, lock: store, ttl: { pastSeconds: 3_600, currentSeconds: 60 } });
    const raw = testRedisClient();
    try {
      // Another process holds the load's lock (and would for 30 s).
      expect(await raw.set(`${keyPrefix}${kpiCacheKey(key)}:lock`, 'someone-else', 'PX', 30_000, 'NX')).toBe('OK');
      const controller = new AbortController();
      let loads = 0;
      const waiting = kpiCache.getOrLoad(key, async () => ++loads, { signal: controller.signal });
      const joined = kpiCache.getOrLoad(key, async () => ++loads);
      await new Promise((resolve) => setTimeout(resolve, 100));
      const reason = new Error('the request deadline passed');
      controller.abort(reason);
      await expect(waiting).rejects.toBe(reason);
      // The caller that joined without a signal was waiting on the same flight, which its owner's abort ended.
      await expect(joined).rejects.toBe(reason);
      expect(loads).toBe(0);

      // A joiner with its own signal leaves alone; the flight and its other callers go on.
      const owner = kpiCache.getOrLoad(key, async () => ++loads);
      const leaving = new AbortController();
      const joiner = kpiCache.getOrLoad(key, async () => ++loads, { signal: leaving.signal });
      leaving.abort(new Error('this one left'));
      await expect(joiner).rejects.toThrow('this one left');
      await raw.del(`${keyPrefix}${kpiCacheKey(key)}:lock`);
      await expect(owner).resolves.toBe(1);
    } finally {
      raw.disconnect();
    }
  });

  test('an already aborted signal fails at once, before any cache read', async () => {
    const kpiCache = createKpiCache({ cache: store, lock: store, ttl: { pastSeconds: 3_600, currentSeconds: 60 } });
    const controller = new AbortController();
    controller.abort(new Error('gone'));
    await expect(kpiCache.getOrLoad({ ...key, kpiName: 'other' }, async () => 1, { signal: controller.signal })).rejects.toThrow('gone');
  });
});
