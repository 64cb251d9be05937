import { Redis } from 'ioredis';
import { createKpiCache, type KpiCacheKey } from '../../src/cache/kpiCache';
import { createRedisCache, type RedisCache } from '../../src/cache/redisCache';
import { startOwnRedisServer, type OwnRedisServer } from '../helpers/redis';

const key = (kpiName: string): KpiCacheKey => ({
  resourceArn: 'arn:aws:mobiletargeting:us-east-1:123456789012:apps/app-1',
  kpiName,
  startTime: new Date('2024-01-01T00:00:00Z'),
  endTime: new Date('2024-01-08T00:00:00Z'),
});

/** Polls `probe` until it resolves (the client reconnects in the background). */
async function eventually(probe: () => Promise<unknown>, attempts = 400): Promise<void> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      await probe();
      return;
    } catch (error) {
      if (attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}

describe('Redis down or slow at run time', () => {
  let server: OwnRedisServer;
  let store: RedisCache;
  const logs: { level: 'warn' | 'info'; message: string }[] = [];
  let loads = 0;
  const load = async () => {
    loads += 1;
    return { loads };
  };

  beforeAll(async () => {
    server = await startOwnRedisServer();
    store = createRedisCache({
      url: server.url,
      keyPrefix: 'outage:',
      commandTimeoutMs: 200,
      logger: { warn: (_details, message) => logs.push({ level: 'warn', message }), info: (_details, message) => logs.push({ level: 'info', message }) },
    });
    await store.waitUntilReady(5_000);
  });
  afterAll(async () => {
    await store.close();
    await server.stop();
  });

  test('while Redis is down, lookups are answered by the in-process copy or upstream; the outage is logged once, and caching in Redis resumes when it returns', async () => {
    const kpiCache = createKpiCache({ cache: store, lock: store, ttl: { pastSeconds: 3_600, currentSeconds: 60 } });
    await expect(kpiCache.getOrLoad(key('before'), load)).resolves.toEqual({ loads: 1 });
    await expect(kpiCache.getOrLoad(key('before'), load)).resolves.toEqual({ loads: 1 });
    expect(loads).toBe(1);

    await server.stop();
    // Every call still answers: a new key from upstream once, then from the in-process copy; a key
    // this process stored before the outage from the copy.
    await expect(kpiCache.getOrLoad(key('during'), load)).resolves.toEqual({ loads: 2 });
    await expect(kpiCache.getOrLoad(key('during'), load)).resolves.toEqual({ loads: 2 });
    await expect(kpiCache.getOrLoad(key('before'), load)).resolves.toEqual({ loads: 1 });
    expect(loads).toBe(2);
    await expect(store.ping()).rejects.toThrow();
    expect(store.health.state).not.toBe('up');
    expect(logs.filter((log) => log.level === 'warn')).toEqual([{ level: 'warn', message: 'KPI cache: Redis unavailable; answering from the in-process cache and upstream until it returns' }]);

    await server.start();
    await eventually(() => store.ping());
    expect(store.health.state).toBe('up');
    expect(logs.filter((log) => log.level === 'info' && log.message === 'KPI cache: Redis reachable again')).toHaveLength(1);
    await expect(kpiCache.getOrLoad(key('after'), load)).resolves.toEqual({ loads: 3 });
    await expect(kpiCache.getOrLoad(key('after'), load)).resolves.toEqual({ loads: 3 });
    expect(loads).toBe(3);
  });
});

describe('Redis that is slow to answer', () => {
  test('a command that exceeds the timeout degrades to an upstream load instead of waiting', async () => {
    const server = await startOwnRedisServer();
    const store = createRedisCache({ url: server.url, keyPrefix: 'slow:', commandTimeoutMs: 100 });
    try {
      await store.waitUntilReady(5_000);
      const kpiCache = createKpiCache({ cache: store, lock: store, ttl: { pastSeconds: 3_600, currentSeconds: 60 } });
      // A Lua busy loop blocks the server for ~1.5 s; our commands time out meanwhile.
      const busy = blockServer(server.url, 1_500);
      await new Promise((resolve) => setTimeout(resolve, 50));
      let loads = 0;
      await expect(kpiCache.getOrLoad(key('slow'), async () => ({ loads: ++loads }))).resolves.toEqual({ loads: 1 });
      await busy;
    } finally {
      await store.close();
      await server.stop();
    }
  });
});

/** Module-private: keeps the server busy for about `ms` with a Lua loop on its own connection. */
async function blockServer(url: string, ms: number): Promise<void> {
  const redis = new Redis(url, { maxRetriesPerRequest: 0 });
  try {
    await redis.eval(`local t = redis.call('TIME'); local stop = tonumber(t[1]) * 1000000 + tonumber(t[2]) + ${ms * 1000}; repeat local n = redis.call('TIME') until tonumber(n[1]) * 1000000 + tonumber(n[2]) >= stop; return 1`, 0);
  } finally {
    redis.disconnect();
  }
}
