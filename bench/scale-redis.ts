import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { createEmulatorServer, type EmulatorServer } from '../src/emulator';
import { startGatewayProcess, type GatewayProcess } from '../test/helpers/gatewayProcess';
import { startOwnHaproxy, type OwnHaproxy } from '../test/helpers/haproxy';
import { uniqueRedisPrefix } from '../test/helpers/redis';
import { startOwnRedisCluster, type OwnRedisCluster } from '../test/helpers/redisTopologies';
import { runClusterFailover, runMixedComparison, runProxyStampede, warmReplicas, type FailoverFigures, type MixedFigures, type StampedeFigures } from '../test/helpers/scaleScenarios';
import { textTable } from './lib/table';

/**
 * `npm run bench:scale-redis [-- options]`: the scale-out figures on a real Redis Cluster (three
 * masters with a replica each, on loopback), the scenarios of test/scale/replicasBehindProxy and
 * test/faults/redisClusterFailover run once more to record their figures:
 *
 * | scenario | setup | figures |
 * |---|---|---|
 * | stampede | 3 gateway processes behind HAProxy (round robin, /readyz checks) | identical cold KPI queries: failed, upstream calls, answers per replica |
 * | mixed | the same | the reference queries on one replica, then through the proxy: failed, upstream calls of each |
 * | failover | 2 gateway processes, a mixed load; the master of the KPI slot SIGKILLed | failed queries, the cluster's failover, each gateway's recovery, latency during the outage; with the default `REDIS_COOL_OFF_MS` (5 s) and with 1 s |
 *
 * The gateways run from the TypeScript sources (tsx) with the test defaults (`NODE_ENV=test`,
 * logs off): the figures are counts and times of recovery, not throughput. Results go to
 * `bench/results/scale-redis-latest.json`.
 */

/** Module-private. */
const USAGE = 'usage: npm run bench:scale-redis -- [--requests 1000] [--concurrency 50] [--rounds 60] [--node-timeout-ms 1000] [--out FILE]';

/** Module-private: the command line, read. */
type Options = { readonly requests: number; readonly concurrency: number; readonly rounds: number; readonly nodeTimeoutMs: number; readonly out: string };

/** Module-private: a failover run with the cool-off it ran with. */
type FailoverRun = FailoverFigures & { readonly coolOffMs: number };

async function main(): Promise<void> {
  const options = readOptions();
  const startedAt = new Date();
  const loadStart = loadavg()[0];
  const emulator = await createEmulatorServer({ port: 0, seed: true, latencyMs: 20 });
  try {
    const { stampede, mixed } = await behindProxy(emulator, options);
    const failovers: FailoverRun[] = [];
    for (const coolOffMs of [5_000, 1_000]) failovers.push({ coolOffMs, ...(await failover(emulator, options, coolOffMs)) });
    const finishedAt = new Date();
    const results = {
      meta: {
        startedAt: startedAt.toISOString(),
        finishedAt: finishedAt.toISOString(),
        wallSeconds: Math.round((finishedAt.getTime() - startedAt.getTime()) / 1000),
        node: process.version,
        cpus: cpus().length,
        loadAverage: { start: round(loadStart), end: round(loadavg()[0]) },
        clusterNodeTimeoutMs: options.nodeTimeoutMs,
        emulatorLatencyMs: 20,
      },
      stampede,
      mixed,
      failovers,
    };
    mkdirSync(dirname(options.out), { recursive: true });
    writeFileSync(options.out, `${JSON.stringify(results, null, 2)}\n`);
    process.stdout.write(`${render(stampede, mixed, failovers)}\n\nresults: ${relative(process.cwd(), options.out)}\n`);
    if (stampede.failed + mixed.behindProxy.failed + failovers.reduce((sum, run) => sum + run.failed, 0) > 0) process.exitCode = 1;
  } finally {
    await emulator.close();
  }
}

/** Module-private: the stampede and the mixed comparison on three replicas behind HAProxy. */
async function behindProxy(emulator: EmulatorServer, options: Options): Promise<{ stampede: StampedeFigures; mixed: MixedFigures }> {
  const cluster = await startOwnRedisCluster({ nodeTimeoutMs: options.nodeTimeoutMs });
  const prefix = uniqueRedisPrefix('bench-scale');
  const names = ['replica-1', 'replica-2', 'replica-3'];
  let gateways: GatewayProcess[] = [];
  let proxy: OwnHaproxy | undefined;
  try {
    gateways = await startGateways(3, gatewayEnv(emulator, cluster, prefix, { TRUST_PROXY_HOPS: '1' }));
    const replicas = gateways.map((gateway, i) => ({ name: names[i], gateway }));
    proxy = await startOwnHaproxy({ servers: replicas.map(({ name, gateway }) => ({ name, url: gateway.url })) });
    await warmReplicas(replicas);
    const stampede = await runProxyStampede({ proxyUrl: proxy.url, replicas, emulatorEndpoint: emulator.endpoint, requests: options.requests, concurrency: options.concurrency });
    const mixed = await runMixedComparison({ proxyUrl: proxy.url, replicas, emulatorEndpoint: emulator.endpoint, cluster, prefix, rounds: options.rounds });
    return { stampede, mixed };
  } finally {
    await proxy?.stop();
    await Promise.all(gateways.map((gateway) => gateway.stop()));
    await cluster.stop();
  }
}

/** Module-private: the failover scenario on a fresh cluster, with gateways of cool-off `coolOffMs`. */
async function failover(emulator: EmulatorServer, options: Options, coolOffMs: number): Promise<FailoverFigures> {
  const cluster = await startOwnRedisCluster({ nodeTimeoutMs: options.nodeTimeoutMs });
  const prefix = uniqueRedisPrefix('bench-failover');
  let gateways: GatewayProcess[] = [];
  try {
    gateways = await startGateways(2, gatewayEnv(emulator, cluster, prefix, { REDIS_COOL_OFF_MS: String(coolOffMs) }));
    return await runClusterFailover({ cluster, gateways, prefix });
  } finally {
    await Promise.all(gateways.map((gateway) => gateway.stop()));
    await cluster.stop();
  }
}

/** Module-private: the gateways' environment on the run's emulator and cluster (rate limits on, a budget the load never reaches). */
function gatewayEnv(emulator: EmulatorServer, cluster: OwnRedisCluster, prefix: string, extra: Record<string, string>): Record<string, string> {
  return { PINPOINT_ENDPOINT: emulator.endpoint, SMS_VOICE_ENDPOINT: emulator.endpoint, REDIS_URL: cluster.url, REDIS_KEY_PREFIX: prefix, RATE_LIMITS: 'true', RATE_LIMIT_POINTS: '10000000', ...extra };
}

/** Module-private: `count` gateway processes started side by side; those that started are stopped when one fails. */
async function startGateways(count: number, env: Record<string, string>): Promise<GatewayProcess[]> {
  const started = await Promise.allSettled(Array.from({ length: count }, () => startGatewayProcess({ env, startTimeoutMs: 90_000 })));
  const gateways = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const failed = started.find((result) => result.status === 'rejected');
  if (failed) {
    await Promise.all(gateways.map((gateway) => gateway.stop()));
    throw failed.reason;
  }
  return gateways;
}

/** Module-private: the printed tables. */
function render(stampede: StampedeFigures, mixed: MixedFigures, failovers: readonly FailoverRun[]): string {
  const total = (calls: Readonly<Record<string, number>>) => Object.values(calls).reduce((sum, count) => sum + count, 0);
  const kpi = (calls: Readonly<Record<string, number>>) => Object.entries(calls).reduce((sum, [name, count]) => sum + (/DateRangeKpi$/.test(name) ? count : 0), 0);
  return [
    'Three replicas behind HAProxy on one Redis Cluster',
    textTable(
      ['load', 'requests', 'failed', 'upstream calls', 'KPI calls', 'answered per replica'],
      [
        [`stampede (c=${stampede.concurrency})`, String(stampede.requests), String(stampede.failed), String(total(stampede.upstreamCalls)), String(kpi(stampede.upstreamCalls)), Object.values(stampede.servedBy).join(' / ')],
        ['mixed, one replica', String(mixed.oneGateway.requests), String(mixed.oneGateway.failed), String(total(mixed.oneGateway.upstreamCalls)), String(kpi(mixed.oneGateway.upstreamCalls)), '-'],
        ['mixed, through the proxy', String(mixed.behindProxy.requests), String(mixed.behindProxy.failed), String(total(mixed.behindProxy.upstreamCalls)), String(kpi(mixed.behindProxy.upstreamCalls)), Object.values(mixed.servedBy).join(' / ')],
      ],
    ),
    '',
    'The master of the KPI slot SIGKILLed under load (2 gateways, concurrency 8)',
    textTable(
      ['REDIS_COOL_OFF_MS', 'requests', 'failed', 'cluster failover', 'gateways back on Redis', 'p99 / max during the outage', 'p99 / max before'],
      failovers.map((run) => [
        String(run.coolOffMs),
        String(run.requests),
        String(run.failed),
        `${round(run.redisFailoverMs / 1000)} s`,
        run.recoveryMs.map((ms) => `${round(ms / 1000)} s`).join(', '),
        `${run.outage.p99LatencyMs} / ${run.outage.maxLatencyMs} ms`,
        `${run.healthy.p99LatencyMs} / ${run.healthy.maxLatencyMs} ms`,
      ]),
    ),
  ].join('\n');
}

/** Module-private: one decimal. */
function round(value: number): number {
  return Math.round(value * 10) / 10;
}

/** Module-private: the command line. */
function readOptions(): Options {
  const { values } = parseArgs({
    options: {
      requests: { type: 'string', default: '1000' },
      concurrency: { type: 'string', default: '50' },
      rounds: { type: 'string', default: '60' },
      'node-timeout-ms': { type: 'string', default: '1000' },
      out: { type: 'string', default: join(__dirname, 'results', 'scale-redis-latest.json') },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const positive = (name: string, value: string) => {
    const number = Number(value);
    if (!Number.isSafeInteger(number) || number < 1) throw new Error(`--${name} must be a whole number >= 1; got "${value}"\n${USAGE}`);
    return number;
  };
  return {
    requests: positive('requests', values.requests!),
    concurrency: positive('concurrency', values.concurrency!),
    rounds: positive('rounds', values.rounds!),
    nodeTimeoutMs: positive('node-timeout-ms', values['node-timeout-ms']!),
    out: values.out!,
  };
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:scale-redis failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
