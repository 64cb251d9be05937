import { z } from 'zod';

/**
 * The bench's result file: its zod schema (the one description of `bench/results/*.json`, which
 * the jest test checks a real quick run against) and the pure assembly of scenario figures into
 * it, including the verdict on every target. No I/O here, so the test can recompute verdicts.
 */

/** Module-private: upstream calls per operation name. */
const Calls = z.record(z.string(), z.number().int().nonnegative());

/** Module-private: a finite number (NaN and Infinity do not survive JSON honestly). */
const finite = z.number().finite();

/** The upstream calls of one reference query: stated minimum beside each variant's count. */
export const CallsRowSchema = z.object({
  query: z.string(),
  minimum: Calls,
  minimumTotal: z.number().int().nonnegative(),
  /** First request on a cold KPI cache, from `extensions.upstreamCalls`. */
  gatewayCold: Calls,
  gatewayColdTotal: z.number().int().nonnegative(),
  /** The emulator's own count of that first request agrees with the gateway's. */
  emulatorAgrees: z.boolean(),
  /** The next request (warm KPI cache). */
  gatewayWarm: Calls,
  gatewayWarmTotal: z.number().int().nonnegative(),
  naive: Calls.nullable(),
  naiveTotal: z.number().int().nonnegative().nullable(),
  directSdk: Calls.nullable(),
  directSdkTotal: z.number().int().nonnegative().nullable(),
  /** Every operation of the cold request at exactly its minimum, and no other operation. */
  atMinimum: z.boolean(),
  /**
   * Calls of the product gateway's requests for this query (cold and warm) whose answer an earlier
   * response of the same request already held, as the emulator's call log shows them
   * (`GET /_emulator/redundant-calls`); absent in results of runs before the check existed.
   */
  redundantCalls: z.array(z.string()).optional(),
});

/** One load run of one variant at one concurrency. */
export const LoadRunSchema = z.object({
  variant: z.enum(['gateway', 'naive', 'direct-sdk']),
  concurrency: z.number().int().positive(),
  requests: z.number().int().nonnegative(),
  rps: finite,
  p50Ms: finite,
  p99Ms: finite,
  meanMs: finite,
  maxMs: finite,
  failures: z.number().int().nonnegative(),
});

/** Latency and throughput of one reference query. */
export const LatencyRowSchema = z.object({
  query: z.string(),
  criticalPathCalls: z.number().int().positive(),
  criticalPathMs: finite,
  runs: z.array(LoadRunSchema),
  /** Gateway p50 at concurrency 1 ÷ the critical path (target ≤ 1.10). */
  gatewayC1OverCriticalPath: finite.nullable(),
  /** The direct-SDK glue's p50 ÷ the critical path: the SDK and the transport, no GraphQL. */
  directSdkOverCriticalPath: finite.nullable(),
  /** The critical path walked in bare node:http GETs ÷ the critical path: this machine's floor. */
  transportFloorOverCriticalPath: finite.nullable(),
  /** Gateway p50 ÷ direct-SDK p50, both at concurrency 1. */
  gatewayOverDirectSdk: finite.nullable(),
});

/** The round trips the gateway waits for in sequence, measured with a large injected latency. */
export const ChainRowSchema = z.object({
  query: z.string(),
  /** The injected latency of this measurement (large, so per-call CPU is noise beside it). */
  latencyMs: z.number().int().positive(),
  criticalPathCalls: z.number().int().positive(),
  /** Median warm latency at concurrency 1 ÷ `latencyMs`. */
  gatewayRoundTrips: finite,
});

/** A load run as the throughput figure reports it. */
const ThroughputRunSchema = LoadRunSchema.omit({ variant: true });

/** Warm KPI query throughput beside the bare Apollo ceiling. */
export const ThroughputSchema = z.object({
  query: z.string(),
  concurrency: z.number().int().positive(),
  gateway: ThroughputRunSchema,
  bareApollo: ThroughputRunSchema,
  /** Upstream calls of one warm request. */
  gatewayCallsPerRequest: Calls,
  /** gateway rps ÷ bare Apollo rps (target ≥ 0.6). */
  ratio: finite,
  /**
   * CPU microseconds each server process used per request during its measured run (its user +
   * system time from /proc ÷ its requests): what one request costs the process, which the load
   * generator's and other processes' share of the cores moves much less than req/s. Absent in
   * results from before it was measured.
   */
  cpuMicrosPerRequest: z.object({ gateway: finite, bareApollo: finite }).optional(),
});

/** The cold KPI stampede. */
export const StampedeSchema = z.object({
  query: z.string(),
  requests: z.number().int().positive(),
  gatewayProcesses: z.number().int().positive(),
  /** Upstream date-range KPI calls the emulator received during the stampede (target: 1). */
  kpiCalls: z.number().int().nonnegative(),
  /** Every call the emulator received during the stampede, per `<service>.<Operation>`. */
  emulatorCalls: Calls,
  /** Requests that failed or answered with errors. */
  failures: z.number().int().nonnegative(),
  /** Up to 3 distinct failures (status and body start, or the socket error). */
  failureSamples: z.array(z.string()),
  wallMs: finite,
  p50Ms: finite,
  maxMs: finite,
});

/** Gateway RSS over a bounded soak. */
export const SoakSchema = z.object({
  durationSeconds: finite,
  concurrency: z.number().int().positive(),
  queries: z.array(z.string()),
  requests: z.number().int().nonnegative(),
  failures: z.number().int().nonnegative(),
  rps: finite,
  /** Samples in each of the two windows the medians are taken over (a third of the warm samples). */
  windowSamples: z.number().int().positive(),
  /** Median RSS over the first third of the warm samples (after the warm-up share), in bytes. */
  rssStartBytes: z.number().int().positive(),
  /** Median RSS over the last third of the warm samples, in bytes. */
  rssEndBytes: z.number().int().positive(),
  /** The single first and last warm samples, for comparison with the medians. */
  rssFirstSampleBytes: z.number().int().positive(),
  rssLastSampleBytes: z.number().int().positive(),
  rssMaxBytes: z.number().int().positive(),
  /** rssEnd ÷ rssStart − 1 (target: within ±0.10). */
  growth: finite,
  samples: z.array(z.object({ seconds: finite, rssBytes: z.number().int().positive() })),
});

/** One target's verdict. */
export const TargetSchema = z.object({
  id: z.enum(['calls-at-minimum', 'latency-vs-critical-path', 'kpi-throughput-vs-bare-apollo', 'stampede-single-kpi-call', 'memory-flat']),
  description: z.string(),
  target: z.string(),
  measured: z.string(),
  /** The deciding number (worst case where there are several); null when the figure did not run. */
  value: finite.nullable(),
  /** null when the figure did not run. */
  met: z.boolean().nullable(),
});

/** Run metadata. */
export const MetaSchema = z.object({
  profile: z.enum(['quick', 'full']),
  startedAt: z.string(),
  finishedAt: z.string(),
  wallSeconds: finite,
  /** Latency the emulator adds to every call. */
  latencyMs: z.number().int().nonnegative(),
  loadSecondsPerRun: finite,
  concurrencies: z.array(z.number().int().positive()),
  node: z.string(),
  cpus: z.number().int().positive(),
  /** 1-minute load average at the start and the end (other work on the machine skews timings). */
  loadAverage: z.object({ start: finite, end: finite }),
  runtime: z.enum(['dist', 'tsx']),
  build: z.object({ rebuilt: z.boolean(), typeErrors: z.number().int().nonnegative() }),
  /** Whether LOADER_MODE=naive changed anything (false: the baseline equals the product). */
  naiveModeEffective: z.boolean().nullable(),
  scenarios: z.array(z.string()),
  cpuProfiles: z.array(z.string()),
});

/** The whole result file. */
export const BenchResultsSchema = z.object({
  schemaVersion: z.literal(1),
  meta: MetaSchema,
  calls: z.array(CallsRowSchema).nullable(),
  latency: z.array(LatencyRowSchema).nullable(),
  chain: z.array(ChainRowSchema).nullable(),
  throughput: ThroughputSchema.nullable(),
  stampede: StampedeSchema.nullable(),
  soak: SoakSchema.nullable(),
  targets: z.array(TargetSchema),
});

/** The result file's type. */
export type BenchResults = z.infer<typeof BenchResultsSchema>;
/** One row of the calls figure. */
export type CallsRow = z.infer<typeof CallsRowSchema>;
/** One load run. */
export type LoadRun = z.infer<typeof LoadRunSchema>;
/** One row of the latency figure. */
export type LatencyRow = z.infer<typeof LatencyRowSchema>;
/** One row of the chain figure. */
export type ChainRow = z.infer<typeof ChainRowSchema>;
/** The throughput figure. */
export type Throughput = z.infer<typeof ThroughputSchema>;
/** The stampede figure. */
export type Stampede = z.infer<typeof StampedeSchema>;
/** The soak figure. */
export type Soak = z.infer<typeof SoakSchema>;
/** One target's verdict. */
export type Target = z.infer<typeof TargetSchema>;
/** Run metadata. */
export type Meta = z.infer<typeof MetaSchema>;

/** What the scenarios measured (a figure is null when its scenario did not run). */
export interface Figures {
  readonly calls: CallsRow[] | null;
  readonly latency: LatencyRow[] | null;
  readonly chain: ChainRow[] | null;
  readonly throughput: Throughput | null;
  readonly stampede: Stampede | null;
  readonly soak: Soak | null;
}

/** The targets of issue 7. */
export const TARGETS = {
  latencyOverCriticalPath: 1.1,
  throughputOverBareApollo: 0.6,
  stampedeKpiCalls: 1,
  memoryGrowth: 0.1,
} as const;

/** Assembles the result file and checks it against the schema (a malformed file is never written). */
export function assembleResults(meta: Meta, figures: Figures): BenchResults {
  return BenchResultsSchema.parse({ schemaVersion: 1, meta, ...figures, targets: evaluateTargets(figures) });
}

/** The verdict on every target, from the figures alone. */
export function evaluateTargets(figures: Figures): Target[] {
  return [callsTarget(figures.calls), latencyTarget(figures.latency), throughputTarget(figures.throughput), stampedeTarget(figures.stampede), memoryTarget(figures.soak)];
}

/** Whether a cold request's calls equal the minimum exactly, operation by operation. */
export function isAtMinimum(minimum: Readonly<Record<string, number>>, measured: Readonly<Record<string, number>>): boolean {
  const operations = new Set([...Object.keys(minimum), ...Object.keys(measured)]);
  return [...operations].every((operation) => (minimum[operation] ?? 0) === (measured[operation] ?? 0));
}

/** A ratio rounded for the JSON, or null when the divisor is missing or zero. */
export function ratio(numerator: number | undefined, denominator: number | undefined): number | null {
  if (numerator === undefined || denominator === undefined || !Number.isFinite(numerator) || !Number.isFinite(denominator) || denominator === 0) return null;
  return Math.round((numerator / denominator) * 1000) / 1000;
}

/** Module-private: a target whose figure did not run. */
function notRun(id: Target['id'], description: string, target: string): Target {
  return { id, description, target, measured: 'not run', value: null, met: null };
}

/** Module-private. */
function callsTarget(rows: CallsRow[] | null): Target {
  const description = 'Upstream calls of every reference query (cold KPI cache) equal its computed minimum';
  const target = 'calls = minimum on every reference query, no redundant call';
  if (!rows || rows.length === 0) return notRun('calls-at-minimum', description, target);
  const misses = rows.filter((row) => !row.atMinimum);
  const redundant = rows.reduce((sum, row) => sum + (row.redundantCalls?.length ?? 0), 0);
  const atMinimum = misses.length === 0 ? `${rows.length}/${rows.length} at minimum` : `${rows.length - misses.length}/${rows.length} at minimum; over: ${misses.map((row) => `${row.query} ${row.gatewayColdTotal} vs ${row.minimumTotal}`).join(', ')}`;
  const measured = `${atMinimum}; ${redundant} redundant call(s)${redundant > 0 ? `: ${rows.flatMap((row) => row.redundantCalls ?? []).join('; ')}` : ''}`;
  return { id: 'calls-at-minimum', description, target, measured, value: rows.length - misses.length, met: misses.length === 0 && redundant === 0 };
}

/** Module-private. */
function latencyTarget(rows: LatencyRow[] | null): Target {
  const description = 'Gateway p50 latency at concurrency 1 ÷ the upstream critical path (chain of calls × injected latency)';
  const target = `≤ ${TARGETS.latencyOverCriticalPath} on every reference query`;
  const ratios = (rows ?? []).filter((row) => row.gatewayC1OverCriticalPath !== null);
  if (ratios.length === 0) return notRun('latency-vs-critical-path', description, target);
  const worst = ratios.reduce((a, b) => (b.gatewayC1OverCriticalPath! > a.gatewayC1OverCriticalPath! ? b : a));
  const value = worst.gatewayC1OverCriticalPath!;
  const measured = `worst ${value} (${worst.query}); ` + ratios.map((row) => `${row.query} ${row.gatewayC1OverCriticalPath} (direct SDK ${row.directSdkOverCriticalPath ?? '-'}, bare HTTP ${row.transportFloorOverCriticalPath ?? '-'})`).join(', ');
  return { id: 'latency-vs-critical-path', description, target, measured, value, met: value <= TARGETS.latencyOverCriticalPath };
}

/** Module-private. */
function throughputTarget(figure: Throughput | null): Target {
  const description = 'Warm KPI query throughput ÷ bare Apollo Server `{ __typename }` throughput, same concurrency';
  const target = `≥ ${TARGETS.throughputOverBareApollo}`;
  if (!figure) return notRun('kpi-throughput-vs-bare-apollo', description, target);
  const measured = `${figure.ratio} (${Math.round(figure.gateway.rps)} vs ${Math.round(figure.bareApollo.rps)} req/s at c=${figure.concurrency})`;
  return { id: 'kpi-throughput-vs-bare-apollo', description, target, measured, value: figure.ratio, met: figure.ratio >= TARGETS.throughputOverBareApollo };
}

/** Module-private. */
function stampedeTarget(figure: Stampede | null): Target {
  const description = 'Upstream KPI calls during a cold stampede of identical queries over gateway processes sharing Redis';
  const target = `exactly ${TARGETS.stampedeKpiCalls}`;
  if (!figure) return notRun('stampede-single-kpi-call', description, target);
  const measured = `${figure.kpiCalls} KPI call(s) for ${figure.requests} requests over ${figure.gatewayProcesses} processes (${figure.failures} failed)`;
  return { id: 'stampede-single-kpi-call', description, target, measured, value: figure.kpiCalls, met: figure.kpiCalls === TARGETS.stampedeKpiCalls && figure.failures === 0 };
}

/** Module-private. */
function memoryTarget(figure: Soak | null): Target {
  const description = 'Gateway resident memory at the end of the soak ÷ at its start, minus 1 (medians of the first and last third of the warm samples)';
  const target = `within ±${TARGETS.memoryGrowth * 100}%`;
  if (!figure) return notRun('memory-flat', description, target);
  const mb = (bytes: number) => `${Math.round(bytes / 1048576)} MiB`;
  const measured = `${(figure.growth * 100).toFixed(1)}% (median ${mb(figure.rssStartBytes)} → ${mb(figure.rssEndBytes)}, max ${mb(figure.rssMaxBytes)}, ${figure.requests} requests in ${figure.durationSeconds} s)`;
  return { id: 'memory-flat', description, target, measured, value: figure.growth, met: Math.abs(figure.growth) <= TARGETS.memoryGrowth };
}
