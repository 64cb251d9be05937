import { createApiKeyStore, createRedisApiKeyBackend } from '../../src/auth';
import { createGatewayRedis } from '../../src/cache/redisClient';
import type { EmulatorServer } from '../../src/emulator';
import { createGatewayServer, type GatewayServer } from '../../src/server';
import { postGql } from '../helpers/gql';
import { scanKeys, startOwnCluster, startOwnSentinel, type OwnRedisDeployment } from '../helpers/redisTopologies';
import { APP_KPI, kpiRange, persistedQuery, registerPersistedQuery, startFaultEmulator } from './redisFaultKit';

// The `redis-sentinel://` and `redis-cluster://` forms of REDIS_URL for real: a master found
// through a sentinel, and a one-node Redis Cluster (every slot on one node, which still refuses a
// command whose keys span hash slots, as a real cluster does). Through each: the KPI cache (its
// values, tag sets, lock and its Lua release), the APQ cache, the rate limiter (its Lua script)
// and the API key store.

let emulator: EmulatorServer;
beforeAll(async () => {
  emulator = await startFaultEmulator();
});
afterAll(() => emulator?.close());

describe.each([
  ['Sentinel', startOwnSentinel],
  ['Cluster', startOwnCluster],
])('through a %s', (_label, start) => {
  let deployment: OwnRedisDeployment;
  let gateway: GatewayServer;
  const keyPrefix = 'topology:';

  beforeAll(async () => {
    deployment = await start();
    gateway = await createGatewayServer({
      endpoints: { pinpoint: emulator.endpoint, smsVoice: emulator.endpoint },
      redis: { url: deployment.url, keyPrefix, commandTimeoutMs: 1_000 },
      rateLimits: { points: 8, windowSeconds: 60, sendPoints: 10, sendWindowSeconds: 60 },
      exposeUpstreamCalls: true,
    });
  });
  afterAll(async () => {
    await gateway?.close();
    await deployment?.stop();
  });

  test('KPIs are cached in it (one upstream call for two requests), with their tag set and no lock left', async () => {
    const first = await postGql(`${gateway.url}/graphql`, APP_KPI, kpiRange(7));
    const second = await postGql(`${gateway.url}/graphql`, APP_KPI, kpiRange(7));
    expect(first.body.errors).toBeUndefined();
    expect(second.body.data).toEqual(first.body.data);
    expect(first.body.extensions?.upstreamCalls?.byOperation?.GetApplicationDateRangeKpi).toBe(1);
    expect(second.body.extensions?.upstreamCalls?.byOperation?.GetApplicationDateRangeKpi).toBeUndefined();
    expect(await scanKeys(deployment.dataClient(), `${keyPrefix}kpi:v2:*`)).toHaveLength(1);
    expect(await scanKeys(deployment.dataClient(), `${keyPrefix}tag:*`)).toHaveLength(1);
    expect(await scanKeys(deployment.dataClient(), `${keyPrefix}*:lock`)).toEqual([]);
  });

  test('automatic persisted queries are kept in it', async () => {
    expect((await registerPersistedQuery(gateway.url)).body.errors).toBeUndefined();
    expect((await persistedQuery(gateway.url)).body).toMatchObject({ data: { app: { name: 'Retail Storefront' } } });
    expect(await scanKeys(deployment.dataClient(), `${keyPrefix}apq:*`)).toHaveLength(1);
  });

  test('rate limits are counted in it: the budget of 8 points runs out', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 10; i += 1) statuses.push((await postGql(`${gateway.url}/graphql`, '{ __typename }')).status);
    expect(statuses).toContain(429);
    expect(await scanKeys(deployment.dataClient(), `${keyPrefix}ratelimit:requests*`)).toHaveLength(1);
  });

  test('API keys are created, listed and verified through it', async () => {
    const client = createGatewayRedis(deployment.url, { component: 'auth', commandTimeoutMs: 1_000, offlineQueue: true });
    try {
      const store = createApiKeyStore(createRedisApiKeyBackend(client, keyPrefix));
      const created = await store.create({ name: 'ci', owner: 'tests', policies: ['reader'] });
      await store.create({ name: 'other', owner: 'tests', policies: ['reader'] });
      expect((await store.list()).map((info) => info.name).sort()).toEqual(['ci', 'other']);
      await expect(store.verify(created.key)).resolves.toMatchObject({ id: created.info.id, name: 'ci' });
    } finally {
      client.disconnect();
    }
  });
});
