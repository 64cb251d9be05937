import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchContext } from '../../bench/lib/context';
import { PROFILES } from '../../bench/lib/context';
import { runLoad } from '../../bench/lib/load';
import { readRssBytes, type BenchProcess } from '../../bench/lib/processes';
import { loadBenchQuery, REFERENCE_QUERIES, requestBody } from '../../bench/lib/queries';
import { assembleResults, BenchResultsSchema, evaluateTargets, LoadRunSchema, type Meta } from '../../bench/lib/results';
import { callsScenario } from '../../bench/scenarios/calls';
import { toRun } from '../../bench/scenarios/latency';
import { allowRedundantUpstreamCalls } from '../helpers/redundantCalls';
import { startStack, type Stack } from '../helpers/startStack';

/**
 * The bench's result file and the pieces that fill it. The quick bench itself is too slow and too
 * timing-dependent for the suite, so: (1) a committed result of a real quick run is checked
 * against the schema, and its verdicts are recomputed from its own figures; (2) the calls
 * scenario runs for real against an in-process emulator and two gateways (product and
 * LOADER_MODE=naive) and its figures assemble into a valid result; (3) one small load run goes
 * through autocannon and converts to a valid row.
 */

/** Module-private: a process handle for a server running inside this test process. */
function inProcess(name: string, url: string): BenchProcess {
  // Never exits: it is this test process.
  return { name, pid: process.pid, url, output: () => '', rssBytes: () => readRssBytes(process.pid), stop: async () => undefined, exited: new Promise(() => undefined) };
}

/** Module-private: metadata of a result assembled in this test. */
const meta: Meta = {
  profile: 'quick',
  startedAt: new Date(0).toISOString(),
  finishedAt: new Date(0).toISOString(),
  wallSeconds: 0,
  latencyMs: 0,
  loadSecondsPerRun: 1,
  concurrencies: [1],
  node: process.version,
  cpus: 1,
  loadAverage: { start: 0, end: 0 },
  runtime: 'tsx',
  build: { rebuilt: false, typeErrors: 0 },
  naiveModeEffective: true,
  scenarios: ['calls'],
  cpuProfiles: [],
};

describe('bench/results/quick-sample.json (a real `npm run bench -- --quick`)', () => {
  const sample = BenchResultsSchema.parse(JSON.parse(readFileSync(join(__dirname, '..', '..', 'bench', 'results', 'quick-sample.json'), 'utf8')));

  test('is a quick run of every scenario and every reference query', () => {
    expect(sample.meta.profile).toBe('quick');
    // The chain figure is a diagnostic of full runs; a quick run leaves it out.
    expect(sample.meta.scenarios).toEqual(['calls', 'latency', 'throughput', 'stampede', 'soak']);
    expect(sample.chain).toBeNull();
    expect(sample.calls?.map((row) => row.query)).toEqual([...REFERENCE_QUERIES]);
    expect(sample.latency?.map((row) => row.query)).toEqual([...REFERENCE_QUERIES]);
    for (const row of sample.latency ?? []) {
      expect(row.runs.filter((run) => run.variant === 'gateway').map((run) => run.concurrency)).toEqual([...PROFILES.quick.concurrencies]);
      expect(row.runs.filter((run) => run.variant === 'naive').map((run) => run.concurrency)).toEqual([...PROFILES.quick.naiveConcurrencies]);
      expect(row.runs.filter((run) => run.variant === 'direct-sdk').map((run) => run.concurrency)).toEqual([1]);
    }
    expect(sample.stampede?.requests).toBe(PROFILES.quick.stampede.requests);
    // The throughput figure carries each server's CPU per request of its measured run.
    expect(sample.throughput?.cpuMicrosPerRequest?.gateway).toBeGreaterThan(0);
    expect(sample.throughput?.cpuMicrosPerRequest?.bareApollo).toBeGreaterThan(0);
  });

  test('its verdicts follow from its own figures', () => {
    expect(sample.targets).toEqual(evaluateTargets(sample));
  });
});

describe('the calls scenario over real HTTP', () => {
  let product: Stack;
  let naive: Stack;
  beforeAll(async () => {
    product = await startStack({ redis: true, gateway: { exposeUpstreamCalls: true } });
    naive = await startStack({ gateway: { exposeUpstreamCalls: true, loaderMode: 'naive' } });
    // The naive baseline has no per-request loaders: it repeats calls by design (that is what it measures).
    allowRedundantUpstreamCalls('naive baseline: no per-request loaders, repeats calls by design', { emulator: naive.emulator });
  });
  afterAll(async () => {
    await product?.close();
    await naive?.close();
  });

  test('every reference query costs its stated minimum, the emulator agrees, and the naive baseline costs more', async () => {
    const now = new Date();
    const queries = Object.fromEntries(REFERENCE_QUERIES.map((name) => [name, loadBenchQuery(name, now)]));
    // The naive gateway talks to its own emulator; the calls scenario reads the product's emulator only.
    const ctx: BenchContext = {
      profile: PROFILES.quick,
      stack: { runtime: 'tsx', latencyMs: 0 },
      emulator: inProcess('emulator', product.emulator.endpoint),
      gateway: inProcess('gateway', product.gatewayUrl),
      naive: inProcess('naive', naive.gatewayUrl),
      redisUrl: '',
      keyPrefix: product.redisPrefix ?? '',
      queries,
      directSdk: async () => [],
      log: () => undefined,
    };
    const rows = await callsScenario.run(ctx);
    const results = assembleResults(meta, { calls: rows, latency: null, chain: null, throughput: null, stampede: null, soak: null });

    expect(results.calls?.map((row) => [row.query, row.atMinimum, row.emulatorAgrees])).toEqual(REFERENCE_QUERIES.map((name) => [name, true, true]));
    for (const row of results.calls ?? []) expect(row.gatewayCold).toEqual(queries[row.query].minimumCalls);
    // A warm KPI cache serves every KPI: the warm request costs the minimum less the KPI calls.
    expect(results.calls?.find((row) => row.query === 'app-dashboard')?.gatewayWarm).not.toHaveProperty('GetApplicationDateRangeKpi');
    expect(results.calls?.filter((row) => (row.naiveTotal ?? 0) > row.gatewayColdTotal).map((row) => row.query)).toEqual(['app-dashboard', 'sms-numbers-page', 'registration-detail', 'node-lookup-list']);
    expect(results.targets.find((target) => target.id === 'calls-at-minimum')).toMatchObject({ met: true, value: REFERENCE_QUERIES.length });
    expect(results.targets.filter((target) => target.met === null).map((target) => target.id)).toEqual(['latency-vs-critical-path', 'kpi-throughput-vs-bare-apollo', 'stampede-single-kpi-call', 'memory-flat']);
  });

  test('a load run of a fixed number of requests converts to a valid row', async () => {
    const body = requestBody(loadBenchQuery('sms-numbers-page'));
    const figures = await runLoad({ url: product.graphqlUrl, bodies: [body], connections: 2, amount: 10 });
    expect(figures).toMatchObject({ connections: 2, requests: 10, failures: 0 });
    expect(LoadRunSchema.parse(toRun('gateway', figures))).toMatchObject({ variant: 'gateway', concurrency: 2, requests: 10 });
  });
});
