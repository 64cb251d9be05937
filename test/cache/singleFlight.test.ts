import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { createKpiCache, type KpiCacheKey } from '../../src/cache/kpiCache';
import { createMemoryCache } from '../../src/cache/memoryCache';
import { createRedisCache, type RedisCache } from '../../src/cache/redisCache';
import { deleteRedisPrefix, TEST_REDIS_URL, testRedisClient, uniqueRedisPrefix } from '../helpers/redis';
import { tsxArgs } from '../helpers/tsx';

const key = (overrides: Partial<KpiCacheKey> = {}): KpiCacheKey => ({
  resourceArn: 'arn:aws:mobiletargeting:us-east-1:123456789012:apps/app-1',
  kpiName: 'successful-delivery-rate',
  startTime: new Date('2024-01-01T00:00:00Z'),
  endTime: new Date('2024-01-08T00:00:00Z'),
  ...overrides,
});
const ttl = { pastSeconds: 3_600, currentSeconds: 60 };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A load that counts its calls and resolves after a pause (so callers overlap). */
function countingLoad<T>(value: T, pauseMs = 50) {
  const load = Object.assign(
    async () => {
      load.calls += 1;
      await sleep(pauseMs);
      return value;
    },
    { calls: 0 },
  );
  return load;
}

describe('single flight within one process (memory cache)', () => {
  test('N concurrent identical loads cost one load; all callers get the value', async () => {
    const kpiCache = createKpiCache({ cache: createMemoryCache(), ttl });
    const load = countingLoad({ rate: 0.97 });
    const results = await Promise.all(Array.from({ length: 25 }, () => kpiCache.getOrLoad(key(), load)));
    expect(load.calls).toBe(1);
    expect(results).toEqual(Array.from({ length: 25 }, () => ({ rate: 0.97 })));
  });

  test('a later identical request is a cache hit; other ranges, KPIs, resources or variants load separately', async () => {
    const kpiCache = createKpiCache({ cache: createMemoryCache(), ttl });
    const load = countingLoad('v');
    await kpiCache.getOrLoad(key(), load);
    await kpiCache.getOrLoad(key(), load);
    expect(load.calls).toBe(1);
    await Promise.all([
      kpiCache.getOrLoad(key({ kpiName: 'unique-deliveries' }), load),
      kpiCache.getOrLoad(key({ endTime: new Date('2024-01-09T00:00:00Z') }), load),
      kpiCache.getOrLoad(key({ resourceArn: 'arn:aws:mobiletargeting:us-east-1:123456789012:apps/app-2' }), load),
      kpiCache.getOrLoad(key({ resourceArn: 'arn:aws:mobiletargeting:eu-west-1:123456789012:apps/app-1' }), load),
      kpiCache.getOrLoad(key({ variant: 'page-2' }), load),
    ]);
    expect(load.calls).toBe(6);
  });

  test('a failed load rejects every waiting caller and is not cached', async () => {
    const kpiCache = createKpiCache({ cache: createMemoryCache(), ttl });
    let calls = 0;
    const failing = async () => {
      calls += 1;
      await sleep(20);
      throw new Error('upstream said no');
    };
    const results = await Promise.allSettled([kpiCache.getOrLoad(key(), failing), kpiCache.getOrLoad(key(), failing), kpiCache.getOrLoad(key(), failing)]);
    expect(calls).toBe(1);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected', 'rejected']);
    const load = countingLoad('recovered');
    await expect(kpiCache.getOrLoad(key(), load)).resolves.toBe('recovered');
    expect(load.calls).toBe(1);
  });

  test('an invalid range date is refused with the bad value', async () => {
    const kpiCache = createKpiCache({ cache: createMemoryCache(), ttl });
    await expect(kpiCache.getOrLoad(key({ startTime: new Date('nope') }), async () => 1)).rejects.toThrow('KpiCacheKey.startTime must be a valid Date; got Invalid Date.');
  });
});

describe('single flight across processes sharing Redis', () => {
  let keyPrefix: string;
  let stores: RedisCache[];
  const newStore = async () => {
    const store = createRedisCache({ url: TEST_REDIS_URL, keyPrefix });
    stores.push(store);
    await store.waitUntilReady(5_000);
    return store;
  };
  beforeEach(() => {
    keyPrefix = uniqueRedisPrefix('flight');
    stores = [];
  });
  afterEach(async () => {
    await Promise.all(stores.map((store) => store.close()));
    await deleteRedisPrefix(keyPrefix);
  });

  test('two gateways (separate connections) loading the same key at once cost one load', async () => {
    const [a, b] = [await newStore(), await newStore()];
    const gatewayA = createKpiCache({ cache: a, lock: a, ttl });
    const gatewayB = createKpiCache({ cache: b, lock: b, ttl });
    const load = countingLoad({ rate: 0.5 }, 150);
    const results = await Promise.all([gatewayA.getOrLoad(key(), load), gatewayB.getOrLoad(key(), load), gatewayA.getOrLoad(key(), load), gatewayB.getOrLoad(key(), load)]);
    expect(load.calls).toBe(1);
    expect(results).toEqual([{ rate: 0.5 }, { rate: 0.5 }, { rate: 0.5 }, { rate: 0.5 }]);
  });

  test('a second OS process and this one load the same key concurrently: exactly one load in total', async () => {
    const store = await newStore();
    const kpiCache = createKpiCache({ cache: store, lock: store, ttl });
    const counter = testRedisClient();
    const worker = spawn(process.execPath, tsxArgs(join(__dirname, '..', 'helpers', 'kpiFlightWorker.ts')), {
      env: { ...process.env, REDIS_URL: TEST_REDIS_URL, KEY_PREFIX: keyPrefix, RESOURCE_ARN: key().resourceArn, LOAD_DELAY_MS: '300' },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    try {
      const lines = createInterface({ input: worker.stdout! })[Symbol.asyncIterator]();
      expect((await lines.next()).value).toBe('ready');
      worker.stdin!.write('go\n');
      const mine = kpiCache.getOrLoad(key(), async () => {
        await counter.incr(`${keyPrefix}loads`);
        await sleep(300);
        return { loadedBy: 'test-process', rows: [1, 2, 3] };
      });
      const theirs = JSON.parse(String((await lines.next()).value)) as { value: unknown };
      const value = await mine;
      expect(await counter.get(`${keyPrefix}loads`)).toBe('1');
      expect(theirs.value).toEqual(value);
      expect(value).toEqual({ loadedBy: expect.any(String), rows: [1, 2, 3] });
    } finally {
      worker.kill();
      counter.disconnect();
    }
  });

  test('when the holder fails, a waiter in another process takes over instead of hanging', async () => {
    const [a, b] = [await newStore(), await newStore()];
    const gatewayA = createKpiCache({ cache: a, lock: a, ttl });
    const gatewayB = createKpiCache({ cache: b, lock: b, ttl });
    let started!: () => void;
    const holderStarted = new Promise<void>((resolve) => (started = resolve));
    const holder = gatewayA.getOrLoad(key(), async () => {
      started();
      await sleep(100);
      throw new Error('holder failed');
    });
    await holderStarted;
    const takeover = countingLoad({ by: 'B' }, 10);
    const waiter = gatewayB.getOrLoad(key(), takeover);
    await expect(holder).rejects.toThrow('holder failed');
    await expect(waiter).resolves.toEqual({ by: 'B' });
    expect(takeover.calls).toBe(1);
  });

  test('a lock left by a crashed holder expires and a waiter then loads once', async () => {
    const store = await newStore();
    const kpiCache = createKpiCache({ cache: store, lock: store, ttl, lockTtlMs: 10_000 });
    const raw = testRedisClient();
    try {
      // The lock key a holder that died mid-load would have left, with a short remaining life.
      const cacheKey = `${keyPrefix}kpi:v2:{${key().resourceArn}}|successful-delivery-rate|2024-01-01T00:00:00.000Z|2024-01-08T00:00:00.000Z|`;
      expect(await raw.set(`${cacheKey}:lock`, 'crashed-holder', 'PX', 200, 'NX')).toBe('OK');
      const load = countingLoad('after crash', 5);
      await expect(kpiCache.getOrLoad(key(), load)).resolves.toBe('after crash');
      expect(load.calls).toBe(1);
      expect(JSON.parse((await raw.get(cacheKey))!)).toEqual({ value: 'after crash', loadedAt: expect.any(Number), freshUntil: expect.any(Number), staleUntil: expect.any(Number) });
    } finally {
      raw.disconnect();
    }
  });
});
