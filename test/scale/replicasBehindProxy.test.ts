import { createEmulatorServer, type EmulatorServer } from '../../src/emulator';
import { startGatewayProcess } from '../helpers/gatewayProcess';
import { startOwnHaproxy, type OwnHaproxy } from '../helpers/haproxy';
import { uniqueRedisPrefix } from '../helpers/redis';
import { startOwnRedisCluster, type OwnRedisCluster } from '../helpers/redisTopologies';
import { postBody, runMixedComparison, runProxyStampede, warmReplicas, type ProxiedReplica } from '../helpers/scaleScenarios';

// Three gateway replicas (src/main.ts processes) on one Redis Cluster (three masters, a replica
// each), behind Debian's HAProxy (round robin, health-checked on /readyz, X-Forwarded-For
// appended; the gateways trust that one hop: TRUST_PROXY_HOPS=1), over one emulator. What the
// replicas share through the cluster makes three of them cost upstream what one costs.
// `npm run bench:scale-redis` records the same figures.

const NAMES = ['replica-1', 'replica-2', 'replica-3'];
const POINTS = 10_000_000;

let cluster: OwnRedisCluster;
let emulator: EmulatorServer;
let prefix: string;
let replicas: ProxiedReplica[] = [];
let proxy: OwnHaproxy | undefined;

beforeAll(async () => {
  [cluster, emulator] = await Promise.all([startOwnRedisCluster(), createEmulatorServer({ port: 0, seed: true, latencyMs: 20 })]);
  prefix = uniqueRedisPrefix('replicas');
  const env = {
    PINPOINT_ENDPOINT: emulator.endpoint,
    SMS_VOICE_ENDPOINT: emulator.endpoint,
    REDIS_URL: cluster.url,
    REDIS_KEY_PREFIX: prefix,
    TRUST_PROXY_HOPS: '1',
    RATE_LIMITS: 'true',
    RATE_LIMIT_POINTS: String(POINTS),
  };
  const started = await Promise.allSettled(NAMES.map(() => startGatewayProcess({ env })));
  replicas = started.flatMap((result, i) => (result.status === 'fulfilled' ? [{ name: NAMES[i], gateway: result.value }] : []));
  for (const result of started) if (result.status === 'rejected') throw result.reason;
  proxy = await startOwnHaproxy({ servers: replicas.map(({ name, gateway }) => ({ name, url: gateway.url })) });
  await warmReplicas(replicas);
}, 120_000);

afterAll(async () => {
  await proxy?.stop();
  await Promise.all(replicas.map(({ gateway }) => gateway.stop()));
  await emulator?.close();
  await cluster?.stop();
}, 30_000);

test('HAProxy has every replica in rotation: each passes the /readyz health check', async () => {
  expect(await proxy!.states()).toEqual(Object.fromEntries(NAMES.map((name) => [name, 'UP'])));
});

test('1,000 identical cold KPI queries through the proxy, 50 at a time: one upstream call, every answer the same, every replica served some', async () => {
  const figures = await runProxyStampede({ proxyUrl: proxy!.url, replicas, emulatorEndpoint: emulator.endpoint, requests: 1_000, concurrency: 50 });
  expect(figures.failed).toBe(0);
  expect(figures.distinctAnswers).toBe(1);
  expect(figures.answer).toMatchObject({ app: { kpi: { kpiName: 'UNIQUE_DELIVERIES', rows: [{ values: [{ key: 'UniqueDeliveries', value: expect.any(Number) }] }] } } });
  // The whole stampede cost the KPI once: single flight in each process, the lock in the cluster across them.
  expect(figures.upstreamCalls).toEqual({ 'pinpoint.GetApplicationDateRangeKpi': 1 });
  // The proxy's count of who answered each request is each replica's own count, and every replica
  // answered some (round robin: a third each, unless a replica briefly left rotation).
  expect(figures.answeredPerMetrics).toEqual(figures.servedBy);
  expect(Object.values(figures.servedBy).reduce((sum: number, count) => sum + count, 0)).toBe(1_000);
  for (const name of NAMES) expect(figures.servedBy[name]).toBeGreaterThan(0);
  process.stdout.write(`behind the proxy, stampede: ${JSON.stringify(figures)}\n`);
}, 60_000);

test('the reference queries through the proxy: no failure, and the same upstream calls as the same requests on one gateway', async () => {
  const figures = await runMixedComparison({ proxyUrl: proxy!.url, replicas, emulatorEndpoint: emulator.endpoint, cluster, prefix, rounds: 60, concurrency: 20 });
  expect(figures.oneGateway.failures).toEqual([]);
  expect(figures.behindProxy.failures).toEqual([]);
  expect(figures.behindProxy.requests).toBe(300);
  expect(figures.behindProxy.upstreamCalls).toEqual(figures.oneGateway.upstreamCalls);
  // Each distinct KPI once in either run: app-dashboard's three, campaign-detail's two.
  expect(figures.behindProxy.upstreamCalls['pinpoint.GetApplicationDateRangeKpi']).toBe(3);
  expect(figures.behindProxy.upstreamCalls['pinpoint.GetCampaignDateRangeKpi']).toBe(2);
  expect(Object.values(figures.servedBy).reduce((sum: number, count) => sum + count, 0)).toBe(300);
  for (const name of NAMES) expect(figures.servedBy[name]).toBeGreaterThan(0);
  process.stdout.write(`behind the proxy, mixed: ${JSON.stringify(figures)}\n`);
}, 60_000);

test('TRUST_PROXY_HOPS=1: each client address behind the proxy has its own budget, shared by the replicas, and a forged X-Forwarded-For changes nothing', async () => {
  const url = `${proxy!.url}/graphql`;
  const remaining = async (from: string, headers: Record<string, string> = {}) => {
    // node:http binds the client's own loopback address (127.0.0.0/8 all lands on lo).
    const response = await postBody(url, { query: 'query Ping { __typename }' }, { headers, localAddress: from });
    expect(response.status).toBe(200);
    return Number(response.headers.get('ratelimit-remaining'));
  };
  // One point a request; round robin sends consecutive requests to different replicas.
  expect(await remaining('127.0.0.2')).toBe(POINTS - 1);
  expect(await remaining('127.0.0.2', { 'x-forwarded-for': '198.51.100.9' })).toBe(POINTS - 2);
  expect(await remaining('127.0.0.2')).toBe(POINTS - 3);
  expect(await remaining('127.0.0.3', { 'x-forwarded-for': '127.0.0.2' })).toBe(POINTS - 1);
});
