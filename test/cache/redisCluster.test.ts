import { createHash } from 'node:crypto';
import calculateSlot from 'cluster-key-slot';
import { apiKeyIndexRedisKey, createApiKeyStore, createRedisApiKeyBackend, putRedisPolicy, type ApiKeyStore } from '../../src/auth';
import { kpiCacheKey, kpiCacheTags } from '../../src/cache/kpiCache';
import { createRedisCache } from '../../src/cache/redisCache';
import { createGatewayRedis, type GatewayRedis } from '../../src/cache/redisClient';
import { createEmulatorServer, type EmulatorServer } from '../../src/emulator';
import { PINPOINT_SEED } from '../../src/emulator/services/pinpoint/seed';
import { createRedisDocumentStore, trustedDocumentsRedisKey, type TrustedDocumentStore } from '../../src/server/trustedDocuments';
import { startGatewayProcess, type GatewayProcess } from '../helpers/gatewayProcess';
import { postGql, type GqlResponse } from '../helpers/gql';
import { uniqueRedisPrefix } from '../helpers/redis';
import { startOwnRedisCluster, type OwnRedisCluster } from '../helpers/redisTopologies';

// Two gateway processes (src/main.ts, configured by env only) on a real Redis Cluster of three
// masters with a replica each (`redis-cluster://`), with rate limits on and trusted documents
// required: everything the gateway keeps in Redis is shared through the cluster, and every
// command the gateway sends keeps to one hash slot. test/cache/redisKeySlots.test.ts holds the
// key layout without a server; test/faults/redisClusterFailover.test.ts kills a master.

const KPI_QUERY = `query ClusterKpi($app: ID!, $start: DateTime!, $end: DateTime!) {
  app(id: $app) { name kpi(name: TXN_EMAILS_SENT, startTime: $start, endTime: $end) { rows { values { key value } } } }
}`;
const PING = 'query Ping { __typename }';
const APPS = 'query ClusterApps { apps { nodes { name } } }';
/** DescribePhoneNumbers: an action the test's policy does not grant. */
const NUMBERS = 'query ClusterNumbers { phoneNumbers { nodes { phoneNumber } } }';
/** Registered while the gateways run (the registry is read per unknown hash, never cached as absent). */
const LATE = 'query LateApps { apps { nodes { id } } }';
const KPI_CALL = 'GetApplicationDateRangeKpi';
/** Identical requests of one wave, request i to gateway i mod 2. */
const WAVE = 20;
/** The request budget per window of every caller. */
const POINTS = 100;

let cluster: OwnRedisCluster;
let emulator: EmulatorServer;
let prefix: string;
let gateways: GatewayProcess[] = [];
let admin: GatewayRedis;
let documents: TrustedDocumentStore;
let apiKeys: ApiKeyStore;

beforeAll(async () => {
  [cluster, emulator] = await Promise.all([startOwnRedisCluster(), createEmulatorServer({ port: 0, seed: true, latencyMs: 150 })]);
  prefix = uniqueRedisPrefix('cluster');
  // The operator's side, through the gateway's own client factory on the cluster: the registry
  // (`npm run documents`), a policy, API keys (`npm run keys`).
  admin = createGatewayRedis(cluster.url, { component: 'auth', commandTimeoutMs: 2_000, offlineQueue: true });
  documents = createRedisDocumentStore({ url: cluster.url, keyPrefix: prefix });
  apiKeys = createApiKeyStore(createRedisApiKeyBackend(admin, prefix));
  await documents.register([KPI_QUERY, PING, APPS, NUMBERS].map((document) => ({ hash: sha256(document), document })));
  await putRedisPolicy(admin, prefix, 'cluster-reader', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'mobiletargeting:Get*', Resource: '*' }] });
  const env = {
    PINPOINT_ENDPOINT: emulator.endpoint,
    SMS_VOICE_ENDPOINT: emulator.endpoint,
    REDIS_URL: cluster.url,
    REDIS_KEY_PREFIX: prefix,
    TRUSTED_DOCUMENTS: 'required',
    RATE_LIMITS: 'true',
    RATE_LIMIT_POINTS: String(POINTS),
  };
  const started = await Promise.allSettled([startGatewayProcess({ env }), startGatewayProcess({ env })]);
  gateways = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  for (const result of started) if (result.status === 'rejected') throw result.reason;
}, 120_000);

afterAll(async () => {
  await Promise.all(gateways.map((gateway) => gateway.stop()));
  await apiKeys?.close();
  await documents?.close();
  admin?.disconnect();
  await emulator?.close();
  await cluster?.stop();
}, 30_000);

/** Module-private. */
function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** An ISO date-time `days` days before now, at whole seconds. */
function daysAgo(days: number): string {
  return new Date(Math.floor((Date.now() - days * 86_400_000) / 1000) * 1000).toISOString();
}

/** The Pinpoint requests the emulator received since the last clear, by operation. */
async function wireCalls(): Promise<Record<string, number>> {
  const counts = (await (await fetch(`${emulator.endpoint}/_emulator/calls`)).json()) as { byOperation: Record<string, number> };
  return Object.fromEntries(Object.entries(counts.byOperation).map(([key, count]) => [key.replace(/^pinpoint\./, ''), count]));
}

async function clearCalls(): Promise<void> {
  expect((await fetch(`${emulator.endpoint}/_emulator/calls`, { method: 'DELETE' })).ok).toBe(true);
}

/** `count` requests at once, request i to gateway i mod 2. */
function wave(count: number, query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}): Promise<GqlResponse[]> {
  return Promise.all(Array.from({ length: count }, (_, i) => postGql(`${gateways[i % 2].url}/graphql`, query, variables, headers)));
}

/** One request by hash alone (an automatic persisted query of a registered document). */
async function byHash(gateway: GatewayProcess, document: string): Promise<GqlResponse> {
  const response = await fetch(`${gateway.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: sha256(document) } } }),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as GqlResponse['body'] };
}

test('both processes reach the cluster: the cache check is Redis answering PING', () => {
  for (const gateway of gateways) expect(gateway.readiness.checks.cache).toEqual({ ok: true, critical: false, detail: 'redis answers PING' });
});

test(`${WAVE} identical cold KPI queries split across both processes: one upstream KPI call; the result and its tag set on one master, in one slot; no lock left`, async () => {
  const variables = { app: PINPOINT_SEED.apps.RETAIL, start: daysAgo(20), end: daysAgo(0) };
  await clearCalls();
  const responses = await wave(WAVE, KPI_QUERY, variables);
  for (const response of responses) {
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ data: { app: { name: 'Retail Storefront', kpi: { rows: [{ values: [{ key: 'TxnEmailsSent', value: 42 }] }] } } } });
    expect(response.body.errors).toBeUndefined();
  }
  // GetApp per request (for `name`: loaders live per request); the KPI once for both processes.
  expect(await wireCalls()).toEqual({ GetApp: WAVE, [KPI_CALL]: 1 });
  expect(responses.map((response) => response.body.extensions?.upstreamCalls?.byOperation?.[KPI_CALL] ?? 0).reduce((a, b) => a + b, 0)).toBe(1);

  const values = await cluster.scan(`${prefix}kpi:v2:*`);
  const tags = await cluster.scan(`${prefix}tag:*`);
  expect(values).toHaveLength(1);
  expect(tags).toHaveLength(1);
  expect(calculateSlot(values[0].key)).toBe(calculateSlot(tags[0].key));
  expect(values[0].port).toBe(tags[0].port);
  expect(await cluster.scan(`${prefix}*:lock`)).toEqual([]);
});

test(`rate limits are one budget across both processes: ${POINTS + 10} requests at once, ${POINTS} admitted`, async () => {
  const { key } = await apiKeys.create({ name: 'burst', owner: 'tests', policies: ['cluster-reader'] });
  const responses = await wave(POINTS + 10, PING, undefined, { 'x-api-key': key });
  const statuses = responses.map((response) => response.status);
  expect(statuses.filter((status) => status === 200)).toHaveLength(POINTS);
  expect(statuses.filter((status) => status === 429)).toHaveLength(10);
  for (const response of responses.filter((r) => r.status === 429)) expect(response.body.errors?.[0].extensions?.code).toBe('RATE_LIMITED');
  // Admitted on both processes, from one counter.
  const admittedBy = new Set(responses.flatMap((response, i) => (response.status === 200 ? [i % 2] : [])));
  expect(admittedBy).toEqual(new Set([0, 1]));
  expect((await cluster.scan(`${prefix}ratelimit:requests:apiKey:*`)).map(({ key: name }) => name)).toEqual([expect.stringMatching(/ratelimit:requests:apiKey:[0-9a-f]{16}$/)]);
});

test('trusted documents: the registry in the cluster is the same for both processes, also for a document registered while they run', async () => {
  for (const gateway of gateways) {
    expect((await byHash(gateway, PING)).body.data).toEqual({ __typename: 'Query' });
    const refused = await byHash(gateway, LATE);
    expect(refused.status).toBe(400);
    expect(refused.body.errors?.[0].extensions).toEqual({ code: 'PERSISTED_QUERY_NOT_ALLOWED', sha256Hash: sha256(LATE) });
    const text = await postGql(`${gateway.url}/graphql`, LATE);
    expect(text.status).toBe(400);
  }
  expect(await documents.register([{ hash: sha256(LATE), document: LATE }])).toEqual({ added: [sha256(LATE)], existing: [] });
  for (const gateway of gateways) {
    const accepted = await byHash(gateway, LATE);
    expect(accepted.status).toBe(200);
    expect(accepted.body.data?.apps.nodes).toHaveLength(Object.keys(PINPOINT_SEED.apps).length);
  }
});

test('API keys and policies: a key created in the cluster works on both processes with its Redis policy; revoked, it is refused by both', async () => {
  const { key, info } = await apiKeys.create({ name: 'board', owner: 'tests', policies: ['cluster-reader'] });
  expect((await apiKeys.list()).map((listed) => listed.name).sort()).toEqual(['board', 'burst']);
  for (const gateway of gateways) {
    const response = await postGql(`${gateway.url}/graphql`, APPS, undefined, { 'x-api-key': key });
    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data.apps.nodes).toHaveLength(Object.keys(PINPOINT_SEED.apps).length);
  }
  // The policy (read from the cluster) grants mobiletargeting:Get* only: SMS numbers are denied, before any upstream call.
  await clearCalls();
  const denied = await postGql(`${gateways[1].url}/graphql`, NUMBERS, undefined, { 'x-api-key': key });
  expect(denied.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  expect(await wireCalls()).toEqual({});
  await apiKeys.revoke(info.id);
  for (const gateway of gateways) {
    const refused = await postGql(`${gateway.url}/graphql`, APPS, undefined, { 'x-api-key': key });
    expect(refused.status).toBe(401);
    expect(refused.body.errors?.[0].message).toMatch(new RegExp(`^The API key ${info.id} was revoked at `));
  }
});

test('the KPI cache invalidates a resource on the cluster: its results and tag set go in one DEL', async () => {
  const cache = createRedisCache({ url: cluster.url, keyPrefix: prefix });
  try {
    expect(await cache.waitUntilReady(5_000)).toBe(true);
    const resourceArn = 'arn:aws:mobiletargeting:us-east-1:123456789012:apps/invalidated';
    const keys = ['a', 'b'].map((variant) => ({ resourceArn, kpiName: 'k', startTime: new Date(0), endTime: new Date(1), variant }));
    for (const key of keys) await cache.set(kpiCacheKey(key), { rows: [] }, { ttlMs: 60_000, tags: kpiCacheTags(key) });
    expect(await cluster.scan(`${prefix}*invalidated*`)).toHaveLength(3);
    await cache.invalidate([resourceArn]);
    expect(await cluster.scan(`${prefix}*invalidated*`)).toEqual([]);
    for (const key of keys) expect(await cache.get(kpiCacheKey(key))).toBeUndefined();
  } finally {
    await cache.close();
  }
});

test('what the gateway keeps in the cluster is the audited key families, and no command crossed hash slots', async () => {
  const families = new Set((await cluster.scan(`${prefix}*`)).map(({ key }) => family(key.slice(prefix.length))));
  expect([...families].sort()).toEqual(['api key', 'api key index', 'kpi result', 'kpi tag set', 'policies', 'rate limit', 'trusted documents']);

  // Every API key record and the index sit on one master, in one slot.
  const keyEntries = await cluster.scan(`${prefix}auth:{apikeys}:*`);
  expect(keyEntries).toHaveLength(3);
  expect(new Set(keyEntries.map(({ key }) => calculateSlot(key)))).toEqual(new Set([calculateSlot(apiKeyIndexRedisKey(prefix))]));
  expect(new Set(keyEntries.map(({ port }) => port)).size).toBe(1);
  expect(await cluster.scan(trustedDocumentsRedisKey(prefix))).toHaveLength(1);

  // The server's own counts: multi-key commands and transactions that spanned slots are refused
  // with CROSSSLOT; none was. The MULTIs that ran are the KPI stores (3: the wave's, the two
  // invalidated ones), the API key inserts (2) and the revocation (1): one slot each, as a single
  // server runs them (a store spanning slots would be one command per key, and no MULTI). The
  // DELs: the invalidation's (three keys, one command) and the wave's lock release (in its script).
  const errors = await cluster.masterInfo('errorstats');
  for (const text of errors.values()) expect(text).not.toMatch(/errorstat_CROSSSLOT/);
  const stats = await cluster.masterInfo('commandstats');
  const execs = [...stats.values()].reduce((sum, text) => sum + Number(/cmdstat_exec:calls=(\d+)/.exec(text)?.[1] ?? 0), 0);
  expect(execs).toBe(6);
  const dels = [...stats.values()].reduce((sum, text) => sum + Number(/cmdstat_del:calls=(\d+)/.exec(text)?.[1] ?? 0), 0);
  expect(dels).toBe(2);
});

/** Module-private: which audited family a key (without the prefix) belongs to. */
function family(key: string): string {
  if (/^kpi:v2:\{[^}]+\}\|/.test(key)) return 'kpi result';
  if (/^tag:\{[^}]+\}$/.test(key)) return 'kpi tag set';
  if (/^ratelimit:(requests|sends):/.test(key)) return 'rate limit';
  if (key === 'auth:{apikeys}:ids') return 'api key index';
  if (/^auth:\{apikeys\}:[0-9a-f]{16}$/.test(key)) return 'api key';
  if (key === 'auth:policies') return 'policies';
  if (key === 'trusted-documents') return 'trusted documents';
  if (/^apq:/.test(key)) return 'persisted query';
  return `unaudited: ${key}`;
}
