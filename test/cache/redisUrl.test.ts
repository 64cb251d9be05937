import { describeRedisUrl, parseRedisUrl } from '../../src/cache/redisClient';
import { ConfigError, loadConfig } from '../../src/config';

// The REDIS_URL forms (cache/redisClient.ts): what each parses to, and the message a bad one gets
// from the configuration, naming the variable.

describe('parseRedisUrl', () => {
  test.each([
    ['redis://127.0.0.1:6379', { kind: 'single', url: 'redis://127.0.0.1:6379' }],
    ['rediss://user:secret@cache.example:6380/2', { kind: 'single', url: 'rediss://user:secret@cache.example:6380/2' }],
  ])('%s is one server', (url, expected) => {
    expect(parseRedisUrl(url)).toEqual(expected);
  });

  test('a Sentinel group: its sentinels (default port 26379), the master name, the master password, db, the sentinels password and TLS', () => {
    expect(parseRedisUrl('redis-sentinel://:s%40cret@10.0.0.1:26379,10.0.0.2,[::1]:26380/my-master?db=3&sentinelPassword=other&tls=true')).toEqual({
      kind: 'sentinel',
      sentinels: [
        { host: '10.0.0.1', port: 26379 },
        { host: '10.0.0.2', port: 26379 },
        { host: '::1', port: 26380 },
      ],
      name: 'my-master',
      username: undefined,
      password: 's@cret',
      sentinelPassword: 'other',
      db: 3,
      tls: true,
    });
    expect(parseRedisUrl('redis-sentinel://127.0.0.1/mymaster')).toEqual({ kind: 'sentinel', sentinels: [{ host: '127.0.0.1', port: 26379 }], name: 'mymaster', username: undefined, password: undefined, sentinelPassword: undefined, db: 0, tls: false });
  });

  test('a Cluster: its seed nodes (default port 6379), credentials and TLS', () => {
    expect(parseRedisUrl('redis-cluster://app:pw@10.0.0.1:7000,10.0.0.2:7001,10.0.0.3')).toEqual({
      kind: 'cluster',
      nodes: [
        { host: '10.0.0.1', port: 7000 },
        { host: '10.0.0.2', port: 7001 },
        { host: '10.0.0.3', port: 6379 },
      ],
      username: 'app',
      password: 'pw',
      tls: false,
    });
  });

  test.each([
    ['http://127.0.0.1:6379', 'must be a redis://, rediss://, redis-sentinel:// or redis-cluster:// URL'],
    ['127.0.0.1:6379', 'must be a redis://, rediss://, redis-sentinel:// or redis-cluster:// URL'],
    ['redis://127.0.0.1:6379/cache', 'must have a database number as its path (/0, /1, …); got "/cache"'],
    ['redis-sentinel://127.0.0.1:26379', 'must name the master group in the redis-sentinel:// form: redis-sentinel://host:26379/mastername'],
    ['redis-sentinel://127.0.0.1:26379/', 'must name the master group in the redis-sentinel:// form: redis-sentinel://host:26379/mastername'],
    ['redis-sentinel://127.0.0.1:26379/m?db=x', 'must have a database number as db=; got "x"'],
    ['redis-sentinel://127.0.0.1:26379/m?timeout=5', 'takes only the parameters db, tls, sentinelPassword in the redis-sentinel:// form; got "timeout"'],
    ['redis-cluster://127.0.0.1:7000/0', 'names no database or master in the redis-cluster:// form (a cluster has database 0 only); got "/0"'],
    ['redis-cluster://127.0.0.1:7000?db=1', 'takes only the parameters tls in the redis-cluster:// form; got "db"'],
    ['redis-cluster://127.0.0.1:7000,,127.0.0.1:7001', 'must list hosts as host[:port], separated by commas; got ""'],
    ['redis-cluster://127.0.0.1:70000', 'must have ports from 1 to 65535; got "127.0.0.1:70000"'],
    ['redis-cluster://127.0.0.1:7000?tls=maybe', 'must have tls=true or tls=false; got "maybe"'],
  ])('%s is refused: %s', (url, message) => {
    expect(() => parseRedisUrl(url)).toThrow(message);
  });

  test('logs name the form and the addresses, never a password', () => {
    expect(describeRedisUrl('redis://:secret@127.0.0.1:6379/1')).toBe('redis://:***@127.0.0.1:6379/1');
    expect(describeRedisUrl('redis-sentinel://:secret@10.0.0.1,10.0.0.2:26380/mymaster')).toBe('Redis master "mymaster" via sentinels 10.0.0.1:26379,10.0.0.2:26380');
    expect(describeRedisUrl('redis-cluster://u:secret@[::1]:7000')).toBe('Redis Cluster [::1]:7000');
  });
});

describe('REDIS_URL, REDIS_COOL_OFF_MS and KPI_STALE_SECONDS in the configuration', () => {
  test('every form is accepted as written; the cool-off and the stale window have defaults', () => {
    for (const url of ['redis://127.0.0.1:6379/0', 'redis-sentinel://127.0.0.1:26379/mymaster?db=1', 'redis-cluster://127.0.0.1:7000,127.0.0.1:7001']) {
      expect(loadConfig({ REDIS_URL: url }).redis).toEqual({ url, keyPrefix: 'pinpoint-graph:', commandTimeoutMs: 500, coolOffMs: 5_000 });
    }
    expect(loadConfig({}).kpi.staleSeconds).toBe(3_600);
    expect(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379', REDIS_COOL_OFF_MS: '2000', KPI_STALE_SECONDS: '0' })).toMatchObject({ redis: { coolOffMs: 2_000 }, kpi: { staleSeconds: 0 } });
  });

  test('a bad value names the variable, the contract and the value', () => {
    const problems = (env: Record<string, string>) => {
      try {
        loadConfig(env);
      } catch (error) {
        if (error instanceof ConfigError) return error.problems;
        throw error;
      }
      return [];
    };
    expect(problems({ REDIS_URL: 'redis-sentinel://127.0.0.1:26379' })).toEqual([
      'REDIS_URL must name the master group in the redis-sentinel:// form: redis-sentinel://host:26379/mastername; got "redis-sentinel://127.0.0.1:26379"',
    ]);
    expect(problems({ REDIS_COOL_OFF_MS: '50', KPI_STALE_SECONDS: '-1' })).toEqual([
      'REDIS_COOL_OFF_MS must be an integer from 100 to 600000; got "50"',
      'KPI_STALE_SECONDS must be an integer from 0 to 31536000; got "-1"',
    ]);
  });
});
