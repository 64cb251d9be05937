import { createEmulatorServer, type EmulatorServer } from '../../src/emulator';
import { startGatewayProcess, type GatewayProcess } from '../helpers/gatewayProcess';
import { uniqueRedisPrefix } from '../helpers/redis';
import { startOwnRedisCluster, type OwnRedisCluster } from '../helpers/redisTopologies';
import { clearEmulatorCalls, emulatorCalls, postBody, RETAIL_KPI, retailKpiRange, runClusterFailover, type FailoverFigures } from '../helpers/scaleScenarios';

// A master of a real three-master Redis Cluster dies (SIGKILL) under load: the one serving the
// hash slot of the KPI results the load reads. Two gateway processes (rate limits on, so every
// request also goes through the cluster) serve a mixed load throughout; every answer must be the
// one the same request got before (the KPI cache, APQ and the rate limits fall back while the
// slot has no master: cache/redisHealth.ts). Then the replica takes over and the gateways go back
// to the cluster by themselves. `npm run bench:scale-redis` records the same figures.

const WAVE = 20;

let cluster: OwnRedisCluster;
let emulator: EmulatorServer;
let gateways: GatewayProcess[] = [];
let prefix: string;
let figures: FailoverFigures;

beforeAll(async () => {
  [cluster, emulator] = await Promise.all([startOwnRedisCluster({ nodeTimeoutMs: 1_000 }), createEmulatorServer({ port: 0, seed: true, latencyMs: 10 })]);
  prefix = uniqueRedisPrefix('failover');
  const env = {
    PINPOINT_ENDPOINT: emulator.endpoint,
    SMS_VOICE_ENDPOINT: emulator.endpoint,
    REDIS_URL: cluster.url,
    REDIS_KEY_PREFIX: prefix,
    RATE_LIMITS: 'true',
    RATE_LIMIT_POINTS: '10000000',
  };
  const started = await Promise.allSettled([startGatewayProcess({ env }), startGatewayProcess({ env })]);
  gateways = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  for (const result of started) if (result.status === 'rejected') throw result.reason;
}, 120_000);

afterAll(async () => {
  await Promise.all(gateways.map((gateway) => gateway.stop()));
  await emulator?.close();
  await cluster?.stop();
}, 30_000);

test('killing the master of the KPI slot under load fails no query; the replica takes over and both gateways store KPIs in the cluster again', async () => {
  figures = await runClusterFailover({ cluster, gateways, prefix });
  expect(figures.failures).toEqual([]);
  expect(figures.failed).toBe(0);
  expect(figures.probesFailed).toBe(0);
  // The load went on while the slot had no master: answered from the fallbacks, not stalled until the promotion.
  expect(figures.outage.requests).toBeGreaterThan(0);
  // The slot is served by the killed master's replica now.
  const promoted = (await cluster.nodes()).find((node) => node.port === figures.promotedPort)!;
  expect(promoted).toMatchObject({ role: 'master', failed: false });
  expect(promoted.slots.some(([from, to]) => figures.slot >= from && figures.slot <= to)).toBe(true);
  // Stated for the record (README, Scaling): what this run measured.
  process.stdout.write(`cluster failover: ${JSON.stringify(figures)}\n`);
}, 120_000);

test('after the failover, identical cold KPI queries across both gateways cost one upstream call again (the lock lives on the new master)', async () => {
  const variables = retailKpiRange(25);
  await clearEmulatorCalls(emulator.endpoint);
  const responses = await Promise.all(Array.from({ length: WAVE }, (_, i) => postBody(`${gateways[i % 2].url}/graphql`, { query: RETAIL_KPI, variables })));
  for (const response of responses) {
    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data?.app.kpi).toMatchObject({ startTime: variables.start, rows: [{ values: [{ key: 'TxnEmailsSent', value: 42 }] }] });
  }
  expect(await emulatorCalls(emulator.endpoint)).toEqual({ 'pinpoint.GetApplicationDateRangeKpi': 1 });
  const stored = await cluster.scan(`${prefix}kpi:v2:*|${variables.start}|*`);
  expect(stored.map(({ port }) => port)).toEqual([figures.promotedPort]);
});
