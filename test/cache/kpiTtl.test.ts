import { createKpiCache, kpiCacheKey, kpiTtlMs, type KpiCacheKey } from '../../src/cache/kpiCache';
import { createRedisCache, type RedisCache } from '../../src/cache/redisCache';
import { deleteRedisPrefix, TEST_REDIS_URL, testRedisClient, uniqueRedisPrefix } from '../helpers/redis';

const policy = { pastSeconds: 86_400, currentSeconds: 60 };
const now = new Date('2024-03-10T15:30:00Z');
const range = (start: string, end: string): KpiCacheKey => ({
  resourceArn: 'arn:aws:mobiletargeting:us-east-1:123456789012:apps/app-1/campaigns/c-1',
  kpiName: 'unique-deliveries',
  startTime: new Date(start),
  endTime: new Date(end),
});

describe('KPI TTL policy (today is 2024-03-10 UTC)', () => {
  test.each([
    ['ended yesterday', '2024-03-01T00:00:00Z', '2024-03-09T23:59:59.999Z', 86_400_000],
    ['ended long ago', '2023-01-01T00:00:00Z', '2023-02-01T00:00:00Z', 86_400_000],
    ['ends at the first instant of today', '2024-03-01T00:00:00Z', '2024-03-10T00:00:00Z', 60_000],
    ['includes now', '2024-03-01T00:00:00Z', '2024-03-10T15:30:00Z', 60_000],
    ['ends tomorrow', '2024-03-01T00:00:00Z', '2024-03-11T00:00:00Z', 60_000],
  ])('a range that %s lives %i ms', (_label, start, end, expected) => {
    expect(kpiTtlMs(range(start, end), policy, now)).toBe(expected);
  });

  test('the key carries the ARN (account and region; as the hash tag), the KPI, the normalized range and the variant', () => {
    expect(kpiCacheKey({ ...range('2024-03-01T00:00:00Z', '2024-03-08T00:00:00Z'), variant: 'next-page' })).toBe(
      'kpi:v2:{arn:aws:mobiletargeting:us-east-1:123456789012:apps/app-1/campaigns/c-1}|unique-deliveries|2024-03-01T00:00:00.000Z|2024-03-08T00:00:00.000Z|next-page',
    );
  });
});

describe('KPI TTL policy applied in Redis', () => {
  const keyPrefix = uniqueRedisPrefix('ttl');
  let store: RedisCache;
  const raw = testRedisClient();
  beforeAll(async () => {
    store = createRedisCache({ url: TEST_REDIS_URL, keyPrefix });
    await store.waitUntilReady(5_000);
  });
  afterAll(async () => {
    await store.close();
    raw.disconnect();
    await deleteRedisPrefix(keyPrefix);
  });

  test('a past range is stored for the long TTL, a current one for the short TTL', async () => {
    const kpiCache = createKpiCache({ cache: store, lock: store, ttl: policy, now: () => now });
    const past = range('2024-03-01T00:00:00Z', '2024-03-09T00:00:00Z');
    const current = range('2024-03-01T00:00:00Z', '2024-03-10T00:00:00Z');
    await kpiCache.getOrLoad(past, async () => ({ n: 1 }));
    await kpiCache.getOrLoad(current, async () => ({ n: 2 }));
    const pastTtl = await raw.pttl(keyPrefix + kpiCacheKey(past));
    const currentTtl = await raw.pttl(keyPrefix + kpiCacheKey(current));
    expect(pastTtl).toBeGreaterThan(60_000);
    expect(pastTtl).toBeLessThanOrEqual(86_400_000);
    expect(currentTtl).toBeGreaterThan(0);
    expect(currentTtl).toBeLessThanOrEqual(60_000);
  });
});
