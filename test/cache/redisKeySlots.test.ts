import calculateSlot from 'cluster-key-slot';
import { apiKeyIndexRedisKey, apiKeyRedisKey, policyRedisKey } from '../../src/auth';
import { kpiCacheKey, kpiCacheTags, type KpiCacheKey } from '../../src/cache/kpiCache';
import { redisTagKey } from '../../src/cache/redisCache';
import { flightLockKey } from '../../src/cache/singleFlight';
import { loadConfig } from '../../src/config';
import { trustedDocumentsRedisKey } from '../../src/server/trustedDocuments';

// Every Redis key family of the gateway, from the functions that build the keys, and the hash
// slots of the keys one command (a MULTI, a multi-key DEL or MGET, a script) touches together: a
// Redis Cluster refuses such a command unless its keys share a slot. (`cluster-key-slot` is the
// CRC16 ioredis itself routes by.) test/cache/redisCluster.test.ts runs the same families on a
// real three-master cluster and checks the server refused no command for crossing slots.
//
// | family                                  | commands touching several keys               |
// |-----------------------------------------|----------------------------------------------|
// | KPI result `kpi:v2:{ARN}|…`             | MULTI with its tag set; DEL with the tag set |
// | its lock `kpi:v2:{ARN}|…:lock`          | none (SET NX, EVAL on the lock alone)        |
// | its tag set `tag:{ARN}`                 | see the result                               |
// | API key `auth:{apikeys}:<id>`           | MULTI with the index; MGET of all records    |
// | API key index `auth:{apikeys}:ids`      | see the API key                              |
// | rate limit `ratelimit:<budget>:<caller>`| none (one Lua script per key)                |
// | persisted query `apq:<sha256>`          | none                                         |
// | trusted documents (one hash)            | none                                         |
// | policies (one hash)                     | none                                         |

const PREFIXES = ['pinpoint-graph:', 'test:slots:4242:'];
const ACCOUNTS = ['123456789012', '210987654321'];

/** Module-private: KPI keys of every resource kind, several ranges and variants (a variant may hold any text). */
function kpiKeys(): KpiCacheKey[] {
  const keys: KpiCacheKey[] = [];
  for (const account of ACCOUNTS) {
    const app = `arn:aws:mobiletargeting:us-east-1:${account}:apps/0f1e2d3c4b5a69788796a5b4c3d2e1f0`;
    for (const resourceArn of [app, `${app}/campaigns/c-1`, `${app}/journeys/j-1`]) {
      for (const [start, end, variant] of [
        ['2024-03-01T00:00:00Z', '2024-03-08T00:00:00Z', undefined],
        ['2024-01-01T00:00:00Z', '2024-04-01T00:00:00Z', 'next-page-token|with}braces{'],
      ] as const) {
        keys.push({ resourceArn, kpiName: 'successful-delivery-rate', startTime: new Date(start), endTime: new Date(end), variant });
      }
    }
  }
  return keys;
}

describe.each(PREFIXES)('under the key prefix %s', (prefix) => {
  test('a KPI result, its single-flight lock and each of its tag sets share one hash slot', () => {
    const keys = kpiKeys();
    expect(keys).toHaveLength(12);
    for (const key of keys) {
      const value = prefix + kpiCacheKey(key);
      const together = [value, flightLockKey(value), ...kpiCacheTags(key).map((tag) => redisTagKey(prefix, tag))];
      expect(together).toHaveLength(3);
      expect(new Set(together.map((name) => calculateSlot(name))).size).toBe(1);
    }
  });

  test('every API key record and the key index share one hash slot', () => {
    const ids = ['3f9c0e5b1a2d4c6e', '0000000000000000', 'ffffffffffffffff', 'a1b2c3d4e5f60718'];
    const slots = new Set([apiKeyIndexRedisKey(prefix), ...ids.map((id) => apiKeyRedisKey(prefix, id))].map((name) => calculateSlot(name)));
    expect(slots.size).toBe(1);
  });

  test('the single-key families are one key each (any slot)', () => {
    expect(trustedDocumentsRedisKey(prefix)).toBe(`${prefix}trusted-documents`);
    expect(policyRedisKey(prefix)).toBe(`${prefix}auth:policies`);
  });
});

test('KPI results of different resources spread over the slots and over the three masters of a default layout', () => {
  // Twenty projects: one hash tag per resource, not one for every KPI.
  const slots = Array.from({ length: 20 }, (_, i) => calculateSlot(kpiCacheKey({ resourceArn: `arn:aws:mobiletargeting:us-east-1:123456789012:apps/app-${i}`, kpiName: 'k', startTime: new Date(0), endTime: new Date(1) })));
  expect(new Set(slots).size).toBe(20);
  // `redis-cli --cluster create` with three masters: 0-5460, 5461-10922, 10923-16383.
  expect(new Set(slots.map((slot) => (slot <= 5460 ? 0 : slot <= 10922 ? 1 : 2)))).toEqual(new Set([0, 1, 2]));
});

test('a key prefix with a brace is refused at start: it would be every key\'s hash tag and undo the layout', () => {
  for (const prefix of ['{pg}:', 'pg{:', 'pg}:']) {
    expect(() => loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379', REDIS_KEY_PREFIX: prefix })).toThrow(`REDIS_KEY_PREFIX must not contain { or } (Redis Cluster hash tags are the gateway's own); got ${JSON.stringify(prefix)}`);
  }
  expect(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379', REDIS_KEY_PREFIX: 'pg:' }).redis?.keyPrefix).toBe('pg:');
});
