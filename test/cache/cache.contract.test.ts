import type { Cache } from '../../src/cache/cache';
import { createMemoryCache } from '../../src/cache/memoryCache';
import { createRedisCache, type RedisCache } from '../../src/cache/redisCache';
import { deleteRedisPrefix, TEST_REDIS_URL, uniqueRedisPrefix } from '../helpers/redis';

/** One contract, two implementations: the Redis one against the real test Redis. */
const implementations: [string, () => Promise<{ cache: Cache; cleanup(): Promise<void> }>][] = [
  ['memoryCache', async () => ({ cache: createMemoryCache(), cleanup: async () => undefined })],
  [
    'redisCache',
    async () => {
      const keyPrefix = uniqueRedisPrefix('contract');
      const cache = createRedisCache({ url: TEST_REDIS_URL, keyPrefix });
      if (!(await cache.waitUntilReady(5_000))) throw new Error(`test Redis at ${TEST_REDIS_URL} is not reachable`);
      return { cache, cleanup: async () => (await cache.close(), await deleteRedisPrefix(keyPrefix)) };
    },
  ],
];

describe.each(implementations)('Cache contract: %s', (_name, make) => {
  let cache: Cache;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ cache, cleanup } = await make());
  });
  afterAll(() => cleanup());

  test('a missing key reads as undefined', async () => {
    await expect(cache.get('missing')).resolves.toBeUndefined();
  });

  test('a value survives a JSON round trip and reads back as a fresh copy', async () => {
    const value = { name: 'kpi', rows: [{ n: 1, at: new Date('2024-01-02T03:04:05.000Z') }], nested: { ok: true, none: null } };
    await cache.set('round-trip', value, { ttlMs: 60_000 });
    const first = await cache.get<any>('round-trip');
    expect(first).toEqual({ name: 'kpi', rows: [{ n: 1, at: '2024-01-02T03:04:05.000Z' }], nested: { ok: true, none: null } });
    first.rows.push('mutated');
    expect((await cache.get<any>('round-trip')).rows).toHaveLength(1);
  });

  test('falsy values are cached values, not misses', async () => {
    await cache.set('zero', 0, { ttlMs: 60_000 });
    await cache.set('false', false, { ttlMs: 60_000 });
    await cache.set('null', null, { ttlMs: 60_000 });
    await expect(cache.get('zero')).resolves.toBe(0);
    await expect(cache.get('false')).resolves.toBe(false);
    await expect(cache.get('null')).resolves.toBeNull();
  });

  test('a value expires after its TTL; a long-lived one stays', async () => {
    await cache.set('short', 'soon gone', { ttlMs: 40 });
    await cache.set('long', 'stays', { ttlMs: 60_000 });
    await new Promise((resolve) => setTimeout(resolve, 120));
    await expect(cache.get('short')).resolves.toBeUndefined();
    await expect(cache.get('long')).resolves.toBe('stays');
  });

  test('set overwrites the value and its TTL', async () => {
    await cache.set('overwrite', 1, { ttlMs: 40 });
    await cache.set('overwrite', 2, { ttlMs: 60_000 });
    await new Promise((resolve) => setTimeout(resolve, 120));
    await expect(cache.get('overwrite')).resolves.toBe(2);
  });

  test('invalidate(tags) drops every value stored with one of the tags, and only those', async () => {
    await cache.set('campaign-a-1', 'a1', { ttlMs: 60_000, tags: ['arn:a'] });
    await cache.set('campaign-a-2', 'a2', { ttlMs: 60_000, tags: ['arn:a', 'arn:x'] });
    await cache.set('campaign-b-1', 'b1', { ttlMs: 60_000, tags: ['arn:b'] });
    await cache.set('untagged', 'u', { ttlMs: 60_000 });
    await cache.invalidate(['arn:a', 'arn:never-used']);
    await expect(cache.get('campaign-a-1')).resolves.toBeUndefined();
    await expect(cache.get('campaign-a-2')).resolves.toBeUndefined();
    await expect(cache.get('campaign-b-1')).resolves.toBe('b1');
    await expect(cache.get('untagged')).resolves.toBe('u');
  });

  test('a bad TTL or a value JSON cannot hold is refused with the contract and the bad value', async () => {
    await expect(cache.set('bad-ttl', 1, { ttlMs: 0 })).rejects.toThrow('Cache TTL must be a whole number of milliseconds >= 1; got 0 for key "bad-ttl".');
    await expect(cache.set('bad-ttl', 1, { ttlMs: 1.5 })).rejects.toThrow('got 1.5 for key "bad-ttl"');
    await expect(cache.set('bad-value', undefined, { ttlMs: 1_000 })).rejects.toThrow('Cache values must be JSON-serializable; got undefined for key "bad-value".');
  });

  test('ping resolves while the cache is reachable', async () => {
    await expect(cache.ping()).resolves.toBeUndefined();
  });
});

describe('FlightLock contract: redisCache', () => {
  let cache: RedisCache;
  const keyPrefix = uniqueRedisPrefix('lock');
  beforeAll(async () => {
    cache = createRedisCache({ url: TEST_REDIS_URL, keyPrefix });
    await cache.waitUntilReady(5_000);
  });
  afterAll(async () => {
    await cache.close();
    await deleteRedisPrefix(keyPrefix);
  });

  test('one holder at a time; only the owner token releases', async () => {
    const token = await cache.acquire('lock-1', 60_000);
    expect(typeof token).toBe('string');
    await expect(cache.acquire('lock-1', 60_000)).resolves.toBeUndefined();
    await expect(cache.isHeld('lock-1')).resolves.toBe(true);
    await cache.release('lock-1', 'someone-else');
    await expect(cache.isHeld('lock-1')).resolves.toBe(true);
    await cache.release('lock-1', token!);
    await expect(cache.isHeld('lock-1')).resolves.toBe(false);
    await expect(cache.acquire('lock-1', 60_000)).resolves.toEqual(expect.any(String));
  });

  test('a lock expires after its TTL (a crashed holder does not block forever)', async () => {
    await cache.acquire('lock-2', 40);
    await new Promise((resolve) => setTimeout(resolve, 120));
    await expect(cache.isHeld('lock-2')).resolves.toBe(false);
    await expect(cache.acquire('lock-2', 60_000)).resolves.toEqual(expect.any(String));
  });

  test('keys live under the configured prefix (parallel tests and deployments never collide)', async () => {
    const other = createRedisCache({ url: TEST_REDIS_URL, keyPrefix: uniqueRedisPrefix('lock-other') });
    try {
      await other.waitUntilReady(5_000);
      await cache.set('shared-name', 'mine', { ttlMs: 60_000 });
      await expect(other.get('shared-name')).resolves.toBeUndefined();
    } finally {
      await other.close();
    }
  });
});
