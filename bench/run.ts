import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureBuild, type BuildReport } from './lib/build';
import { runDirectSdk, type DirectSdkFigures } from './lib/directSdk';
import { PROFILES, type BenchContext, type Scenario } from './lib/context';
import { postClean } from './lib/http';
import { assertAllAlive, runBenchMain, stopAll } from './lib/processes';
import { loadBenchQuery, REFERENCE_QUERIES, requestBody, type BenchQuery } from './lib/queries';
import { assertRedis, deleteByPrefix } from './lib/redis';
import { assembleResults, type Figures } from './lib/results';
import { ROOT, startEmulator, startGateway, type Runtime, type StackOptions } from './lib/stack';
import { renderResults } from './lib/table';
import { round } from './lib/stats';
import { callsScenario } from './scenarios/calls';
import { chainScenario } from './scenarios/chain';
import { latencyScenario } from './scenarios/latency';
import { soakScenario } from './scenarios/soak';
import { stampedeScenario } from './scenarios/stampede';
import { throughputScenario } from './scenarios/throughput';

/**
 * `npm run bench [-- options]`: starts the emulator and the gateways as separate processes, runs
 * the scenarios in order with autocannon in this process, prints the side-by-side tables and
 * writes the JSON to `bench/results/`. See bench/README.md for the options and how to read it.
 */

/** Every scenario, in the order they run (calls first: it needs the run's KPI cache cold). */
const SCENARIOS: readonly Scenario[] = [callsScenario, latencyScenario, chainScenario, throughputScenario, stampedeScenario, soakScenario];

/** Module-private: scenarios `--quick` leaves out unless `--only` names them (diagnostics, not targets). */
const FULL_ONLY: ReadonlySet<string> = new Set(['chain']);

/** Module-private: the queries every run loads. */
const QUERY_NAMES = [...REFERENCE_QUERIES, 'kpi-warm', 'kpi-stampede'];

/** Module-private. */
const USAGE = `usage: npm run bench -- [--quick] [--only calls,latency,chain,throughput,stampede,soak] [--latency-ms 20]
                         [--runtime dist|tsx] [--rebuild | --no-build] [--cpu-prof] [--out FILE] [--redis-url URL] [--strict]`;

/** Module-private. */
async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      only: { type: 'string' },
      'latency-ms': { type: 'string', default: '20' },
      runtime: { type: 'string', default: 'dist' },
      rebuild: { type: 'boolean', default: false },
      'no-build': { type: 'boolean', default: false },
      'cpu-prof': { type: 'boolean', default: false },
      out: { type: 'string' },
      'redis-url': { type: 'string', default: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' },
      strict: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const profile = PROFILES[values.quick ? 'quick' : 'full'];
  const latencyMs = Number(values['latency-ms']);
  if (!Number.isInteger(latencyMs) || latencyMs < 0) throw new Error(`--latency-ms must be a non-negative integer; got ${JSON.stringify(values['latency-ms'])}.`);
  const runtime = values.runtime as Runtime;
  if (runtime !== 'dist' && runtime !== 'tsx') throw new Error(`--runtime must be "dist" or "tsx"; got ${JSON.stringify(values.runtime)}.`);
  const only = values.only?.split(',').map((name) => name.trim());
  const unknown = only?.filter((name) => !SCENARIOS.some((scenario) => scenario.name === name)) ?? [];
  if (unknown.length > 0) throw new Error(`--only names unknown scenario(s) ${unknown.join(', ')}; scenarios: ${SCENARIOS.map((s) => s.name).join(', ')}.`);
  const scenarios = SCENARIOS.filter((scenario) => (only ? only.includes(scenario.name) : profile.name === 'full' || !FULL_ONLY.has(scenario.name)));

  const log = (line: string) => process.stdout.write(`[bench ${((Date.now() - startedAt) / 1000).toFixed(1)}s] ${line}\n`);
  const startedAt = Date.now();
  const loadStart = loadavg()[0];
  const runId = `${new Date().toISOString().replace(/[-:.]/g, '').slice(0, 15)}-${randomBytes(3).toString('hex')}`;
  const keyPrefix = `pinpoint-graph-bench:${runId}:`;
  const redisUrl = values['redis-url'];
  const resultsDir = join(ROOT, 'bench', 'results');
  const cpuProfDir = values['cpu-prof'] ? join(resultsDir, 'profiles', runId) : undefined;
  if (cpuProfDir) mkdirSync(cpuProfDir, { recursive: true });
  const stack: StackOptions = { runtime, latencyMs, cpuProfDir };

  log(`profile ${profile.name}, ${latencyMs} ms per upstream call, scenarios: ${scenarios.map((s) => s.name).join(', ')}`);
  const build: BuildReport = runtime === 'dist' && !values['no-build'] ? ensureBuild(log, values.rebuild) : { rebuilt: false, typeErrors: 0 };
  await assertRedis(redisUrl);
  const now = new Date();
  const queries: Record<string, BenchQuery> = Object.fromEntries(QUERY_NAMES.map((name) => [name, loadBenchQuery(name, now)]));

  const figures: { -readonly [K in keyof Figures]: Figures[K] } = { calls: null, latency: null, chain: null, throughput: null, stampede: null, soak: null };
  try {
    const emulator = await startEmulator(stack);
    const [gateway, naive] = await Promise.all([
      startGateway(stack, { name: 'gateway', emulatorUrl: emulator.url, redis: { url: redisUrl, keyPrefix: `${keyPrefix}gateway:` }, loaderMode: 'batched' }),
      startGateway(stack, { name: 'naive', emulatorUrl: emulator.url, loaderMode: 'naive' }),
    ]);
    log(`emulator ${emulator.url} (pid ${emulator.pid}), gateway ${gateway.url} (pid ${gateway.pid}), naive ${naive.url} (pid ${naive.pid})`);
    // A benchmark of failing queries measures nothing: every query must answer cleanly first (on
    // the naive gateway, which has no KPI cache to warm).
    for (const name of QUERY_NAMES) await postClean(`${naive.url}/graphql`, requestBody(queries[name]), `${name} on the naive gateway`);

    let direct: Promise<readonly DirectSdkFigures[]> | undefined;
    const ctx: BenchContext = {
      profile,
      stack,
      emulator,
      gateway,
      naive,
      redisUrl,
      keyPrefix,
      queries,
      log,
      directSdk: () => (direct ??= runDirectSdk(emulator.url, profile.directSdk, log)),
    };
    for (const scenario of scenarios) {
      log(`scenario ${scenario.name}`);
      (figures as Record<string, unknown>)[scenario.name] = await scenario.run(ctx);
      assertAllAlive();
    }
  } finally {
    await stopAll();
    const deleted = await deleteByPrefix(redisUrl, keyPrefix).catch(() => 0);
    if (deleted > 0) log(`removed ${deleted} Redis key(s) under ${keyPrefix}`);
  }

  // The naive baseline batches nothing, so it must cost more calls than the product somewhere.
  const naiveModeEffective = figures.calls ? figures.calls.some((row) => (row.naiveTotal ?? 0) > row.gatewayColdTotal) : null;
  const results = assembleResults(
    {
      profile: profile.name,
      startedAt: new Date(startedAt).toISOString(),
      finishedAt: new Date().toISOString(),
      wallSeconds: round((Date.now() - startedAt) / 1000, 1),
      latencyMs,
      loadSecondsPerRun: profile.loadSeconds,
      concurrencies: [...profile.concurrencies],
      node: process.version,
      cpus: cpus().length,
      loadAverage: { start: round(loadStart), end: round(loadavg()[0]) },
      runtime,
      build,
      naiveModeEffective,
      scenarios: scenarios.map((s) => s.name),
      cpuProfiles: cpuProfDir ? readdirSync(cpuProfDir).map((file) => relative(ROOT, join(cpuProfDir, file))) : [],
    },
    figures,
  );
  const out = values.out ?? join(resultsDir, `${profile.name}-latest.json`);
  mkdirSync(join(out, '..'), { recursive: true });
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write(`\n${renderResults(results)}\n\nresults: ${relative(process.cwd(), out)}\n`);
  if (naiveModeEffective === false) process.stdout.write('note: LOADER_MODE=naive changed no call count; the naive baseline equals the product here.\n');
  return values.strict && results.targets.some((target) => target.met === false) ? 1 : 0;
}

runBenchMain('bench', main);
