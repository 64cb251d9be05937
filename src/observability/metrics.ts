import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { CacheObserver, KpiLookupOutcome, RedisHealth } from '../cache/telemetry';
import type { BreakerState, UpstreamObserver, UpstreamOutcome } from '../upstream/telemetry';

/**
 * The gateway's Prometheus metrics (prom-client), in one {@link Registry} per gateway server (not
 * prom-client's global one: a test process runs several servers). Every name starts with
 * {@link METRIC_PREFIX} except Node's process metrics, which keep prom-client's standard names
 * (`process_resident_memory_bytes`, `nodejs_eventloop_lag_seconds`, ...) so stock dashboards work.
 *
 * Label values come from the gateway's own code (services, SDK operations, loader names, error
 * codes, outcomes) except GraphQL operation names, which clients choose: those go through
 * {@link BoundedLabel}, so a client cannot grow the number of series without bound.
 *
 * With `WORKERS` > 1, `/metrics` answers every worker's registry merged into one
 * (supervisor/clusterMetrics.ts, prom-client's `AggregatorRegistry.aggregate`), each metric by its
 * `aggregator`, chosen so that a value means the same whatever the number of workers. Counters
 * and histograms are summed (prom-client's default): the machine's requests, calls, latency
 * buckets. Each gauge says its own below. Node's process metrics keep prom-client's choices: sums
 * (memory, handles, CPU seconds), the event-loop lag averaged (its min and max as such), the
 * start time omitted.
 */

/** The prefix of the gateway's own metric names. */
export const METRIC_PREFIX = 'pinpoint_graph_';

/** Options of {@link GatewayMetrics}. */
export interface GatewayMetricsOptions {
  /** Distinct GraphQL operation names kept as label values; later names count as {@link OTHER_OPERATION} (default {@link DEFAULT_MAX_OPERATION_NAMES}). */
  readonly maxOperationNames?: number;
  /** Node's process metrics (RSS, event-loop lag, GC, heap); default on. */
  readonly processMetrics?: boolean;
  /** The gateway's version, for `pinpoint_graph_build_info`. */
  readonly version?: string;
  /**
   * What {@link GatewayMetrics.text} answers instead of this registry alone, built from it: in a
   * cluster worker, the whole cluster's metrics (supervisor's `workerMetricsExposition`, which
   * returns undefined outside a cluster). Undefined: the registry's own text.
   */
  readonly exposition?: (registry: Registry) => (() => Promise<string>) | undefined;
}

/** The default of {@link GatewayMetricsOptions.maxOperationNames}. */
export const DEFAULT_MAX_OPERATION_NAMES = 100;

/** The `operation_name` of every operation name past the bound (parentheses: no GraphQL name can collide with it). */
export const OTHER_OPERATION = '(other)';
/** The `operation_name` of an operation without a name. */
export const ANONYMOUS_OPERATION = '(anonymous)';
/** The `operation_name` (and `operation_type`) of a request refused before its operation was known (unparsable, invalid, refused at the HTTP level). */
export const UNRESOLVED_OPERATION = '(unresolved)';

/** Module-private: operation names longer than this count as {@link OTHER_OPERATION} (a name may be as long as the document). */
const MAX_OPERATION_NAME_LENGTH = 100;

/**
 * Keeps the first `max` distinct values of a label as they are and maps every later one to
 * `other`. First come, first kept: the operations a deployment actually serves are normally seen
 * within seconds of a start, but a client sending many names early can fill the table; the bound
 * holds either way, and the table starts empty with each process.
 */
export class BoundedLabel {
  readonly #max: number;
  readonly #other: string;
  readonly #kept = new Set<string>();

  constructor(max: number, other: string) {
    this.#max = max;
    this.#other = other;
  }

  /** The label value for `value`. */
  valueOf(value: string): string {
    if (this.#kept.has(value)) return value;
    if (this.#kept.size >= this.#max) return this.#other;
    this.#kept.add(value);
    return value;
  }

  /** How many distinct values are kept. */
  get size(): number {
    return this.#kept.size;
  }
}

/** How one GraphQL request ended, as the metrics plugin reports it. */
export interface GraphQLRequestEnd {
  /** The resolved operation's name (null: anonymous); undefined when it was never resolved. */
  readonly operationName: string | null | undefined;
  /** `query`, `mutation` or `subscription`; undefined when the operation was never resolved. */
  readonly operationType: string | undefined;
  /** `extensions.code` of every error in the response (an error without one counts as `UNKNOWN`). */
  readonly errorCodes: readonly string[];
  /** Upstream commands the request sent. */
  readonly upstreamCalls: number;
}

/** Module-private: the latency buckets of requests and upstream calls, in seconds (5 ms to 30 s). */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
/** Module-private: buckets of counts (upstream calls per request, keys per batch). */
const COUNT_BUCKETS = [0, 1, 2, 5, 10, 20, 50, 100, 200, 500];

/** Module-private: the values of the enum gauges, so every state has a series from the first change. */
const BREAKER_STATES: readonly BreakerState[] = ['closed', 'open', 'half-open'];
const REDIS_HEALTH: readonly RedisHealth[] = ['up', 'down', 'cooling-off'];
const KPI_OUTCOMES: readonly KpiLookupOutcome[] = ['hit', 'miss', 'stale', 'joined', 'error'];

/**
 * Every metric of one gateway server, with the observers that feed them (`upstreamObserver`,
 * `cacheObserver`) and the calls the HTTP layer and the metrics plugin make.
 */
export class GatewayMetrics {
  /** The registry `/metrics` serves. */
  readonly registry = new Registry();
  /** Feeds the upstream metrics (commands, attempts, breakers, bulkheads, batches). */
  readonly upstreamObserver: UpstreamObserver;
  /** Feeds the KPI cache and Redis metrics. */
  readonly cacheObserver: CacheObserver;

  readonly #operationNames: BoundedLabel;
  readonly #httpRequests: Counter<'route' | 'status'>;
  readonly #requests: Counter<'operation_name' | 'operation_type' | 'result'>;
  readonly #errors: Counter<'code'>;
  readonly #duration: Histogram<'operation_name' | 'operation_type'>;
  readonly #inFlight: Gauge;
  readonly #requestUpstreamCalls: Histogram<'operation_name'>;
  readonly #exposition: (() => Promise<string>) | undefined;

  constructor(options: GatewayMetricsOptions = {}) {
    const registers = [this.registry];
    this.#operationNames = new BoundedLabel(options.maxOperationNames ?? DEFAULT_MAX_OPERATION_NAMES, OTHER_OPERATION);
    if (options.processMetrics ?? true) collectDefaultMetrics({ register: this.registry });
    // `first`: 1 in every worker, so 1 for the cluster (a sum would say N).
    new Gauge({ name: `${METRIC_PREFIX}build_info`, help: 'Always 1; the gateway version and Node.js version as labels.', labelNames: ['version', 'node_version'], aggregator: 'first', registers }).set(
      { version: options.version ?? 'unknown', node_version: process.version },
      1,
    );

    this.#httpRequests = new Counter({ name: `${METRIC_PREFIX}http_requests_total`, help: 'HTTP answers of the gateway by route and status, refusals before GraphQL included.', labelNames: ['route', 'status'], registers });
    this.#requests = new Counter({
      name: `${METRIC_PREFIX}graphql_requests_total`,
      help: 'GraphQL requests by operation (bounded names) and result (error: the response carries at least one error).',
      labelNames: ['operation_name', 'operation_type', 'result'],
      registers,
    });
    this.#errors = new Counter({ name: `${METRIC_PREFIX}graphql_errors_total`, help: 'Errors in GraphQL responses by extensions.code.', labelNames: ['code'], registers });
    this.#duration = new Histogram({
      name: `${METRIC_PREFIX}graphql_request_duration_seconds`,
      help: 'GraphQL request latency, from Apollo receiving the request to the response being ready.',
      labelNames: ['operation_name', 'operation_type'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    // `sum`: the requests in flight on the machine.
    this.#inFlight = new Gauge({ name: `${METRIC_PREFIX}graphql_requests_in_flight`, help: 'GraphQL requests being processed now.', aggregator: 'sum', registers });
    this.#requestUpstreamCalls = new Histogram({
      name: `${METRIC_PREFIX}graphql_request_upstream_calls`,
      help: 'Upstream commands sent per GraphQL request (its extensions.upstreamCalls.total).',
      labelNames: ['operation_name'],
      buckets: COUNT_BUCKETS,
      registers,
    });
    this.upstreamObserver = upstreamMetrics(registers);
    this.cacheObserver = cacheMetrics(registers);
    // Last: it may hand the registry to the supervisor, which serves it as it is by then.
    this.#exposition = options.exposition?.(this.registry);
  }

  /** The `operation_name` label of an operation (bounded; see {@link BoundedLabel}). */
  operationLabel(operationName: string | null | undefined): string {
    if (operationName === undefined) return UNRESOLVED_OPERATION;
    if (operationName === null || operationName === '') return ANONYMOUS_OPERATION;
    if (operationName.length > MAX_OPERATION_NAME_LENGTH) return OTHER_OPERATION;
    return this.#operationNames.valueOf(operationName);
  }

  /** Counts one HTTP answer (`route` from a fixed list, see the server). */
  httpResponse(route: string, status: number): void {
    this.#httpRequests.inc({ route, status: String(status) });
  }

  /** A GraphQL request started; the returned function records how it ended (call it once). */
  graphqlRequestStarted(): (end: GraphQLRequestEnd) => void {
    this.#inFlight.inc();
    const started = process.hrtime.bigint();
    return (end) => {
      this.#inFlight.dec();
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const operation_name = this.operationLabel(end.operationName);
      const operation_type = end.operationType ?? UNRESOLVED_OPERATION;
      this.#requests.inc({ operation_name, operation_type, result: end.errorCodes.length > 0 ? 'error' : 'success' });
      for (const code of end.errorCodes) this.#errors.inc({ code });
      this.#duration.observe({ operation_name, operation_type }, seconds);
      this.#requestUpstreamCalls.observe({ operation_name }, end.upstreamCalls);
    };
  }

  /** The Prometheus text exposition of every metric (of every worker in a cluster; see {@link GatewayMetricsOptions.exposition}). */
  async text(): Promise<string> {
    return this.#exposition ? this.#exposition() : this.registry.metrics();
  }

  /** The content type of {@link text}. */
  get contentType(): string {
    return this.registry.contentType;
  }
}

/** Module-private: the upstream metrics and the observer that feeds them. */
function upstreamMetrics(registers: Registry[]): UpstreamObserver {
  const calls = new Counter({
    name: `${METRIC_PREFIX}upstream_calls_total`,
    help: 'Upstream SDK commands by service, operation and outcome (ok, error, throttled, timeout, rejected, aborted).',
    labelNames: ['service', 'operation', 'outcome'],
    registers,
  });
  const duration = new Histogram({
    name: `${METRIC_PREFIX}upstream_call_duration_seconds`,
    help: 'Upstream SDK command latency, retries included, by service, operation and outcome.',
    labelNames: ['service', 'operation', 'outcome'],
    buckets: LATENCY_BUCKETS,
    registers,
  });
  // `sum`: the machine's commands in flight.
  const inFlight = new Gauge({ name: `${METRIC_PREFIX}upstream_calls_in_flight`, help: 'Upstream SDK commands sent and not yet answered, by service.', labelNames: ['service'], aggregator: 'sum', registers });
  const attempts = new Counter({
    name: `${METRIC_PREFIX}upstream_attempts_total`,
    help: 'Upstream wire attempts by service, operation and result (ok, error, throttled).',
    labelNames: ['service', 'operation', 'result'],
    registers,
  });
  const retries = new Counter({ name: `${METRIC_PREFIX}upstream_retries_total`, help: 'Upstream wire attempts followed by another attempt.', labelNames: ['service', 'operation'], registers });
  const throttles = new Counter({ name: `${METRIC_PREFIX}upstream_throttles_total`, help: 'Upstream wire attempts answered with throttling (429, ThrottlingException, TooManyRequestsException).', labelNames: ['service', 'operation'], registers });
  // `max`: each worker has its own breakers, so the cluster's value is 1 on every state at least
  // one worker's breaker is in. An open breaker anywhere shows (the question of the dashboard's
  // `max by`); a sum would count workers, and read as 2 where one process reads 1.
  const breaker = new Gauge({
    name: `${METRIC_PREFIX}upstream_breaker_state`,
    help: "Circuit breaker state: 1 on the current state (closed, open, half-open), 0 on the others; with several workers, 1 on every state some worker's breaker is in.",
    labelNames: ['service', 'region', 'operation_class', 'state'],
    aggregator: 'max',
    registers,
  });
  // `sum` for all three: each worker has its own bulkhead, so the machine's occupancy and its
  // capacity are sums, and active / limit stays a ratio (the dashboard sums them the same way).
  const bulkheadActive = new Gauge({ name: `${METRIC_PREFIX}upstream_bulkhead_active`, help: 'Upstream calls running in the bulkhead.', labelNames: ['service', 'region'], aggregator: 'sum', registers });
  const bulkheadQueued = new Gauge({ name: `${METRIC_PREFIX}upstream_bulkhead_queued`, help: 'Upstream calls waiting for a bulkhead slot.', labelNames: ['service', 'region'], aggregator: 'sum', registers });
  const bulkheadLimit = new Gauge({ name: `${METRIC_PREFIX}upstream_bulkhead_limit`, help: 'Concurrent upstream calls the bulkhead allows.', labelNames: ['service', 'region'], aggregator: 'sum', registers });
  const batches = new Counter({ name: `${METRIC_PREFIX}loader_batches_total`, help: 'DataLoader batches by service, loader and result (ok: no key failed).', labelNames: ['service', 'loader', 'result'], registers });
  const batchKeys = new Histogram({ name: `${METRIC_PREFIX}loader_batch_keys`, help: 'Distinct keys per DataLoader batch.', labelNames: ['service', 'loader'], buckets: COUNT_BUCKETS, registers });

  return {
    commandStarted(call) {
      const started = process.hrtime.bigint();
      inFlight.inc({ service: call.service });
      return (end) => {
        inFlight.dec({ service: call.service });
        const labels = { service: call.service, operation: call.operation, outcome: end.outcome satisfies UpstreamOutcome };
        calls.inc(labels);
        duration.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
      };
    },
    attemptFinished(call, attempt) {
      const labels = { service: call.service, operation: call.operation };
      attempts.inc({ ...labels, result: attempt.throttled ? 'throttled' : attempt.errorName !== undefined || (attempt.httpStatus ?? 200) >= 400 ? 'error' : 'ok' });
      if (attempt.retry) retries.inc(labels);
      if (attempt.throttled) throttles.inc(labels);
    },
    breakerStateChanged(scope, state) {
      for (const each of BREAKER_STATES) breaker.set({ service: scope.service, region: scope.region, operation_class: scope.operationClass, state: each }, each === state ? 1 : 0);
    },
    bulkheadChanged(scope, occupancy) {
      const labels = { service: scope.service, region: scope.region };
      bulkheadActive.set(labels, occupancy.active);
      bulkheadQueued.set(labels, occupancy.queued);
      bulkheadLimit.set(labels, occupancy.limit);
    },
    batchStarted(batch) {
      batchKeys.observe({ service: batch.service, loader: batch.loader }, batch.keys);
      return (end) => batches.inc({ service: batch.service, loader: batch.loader, result: end.ok ? 'ok' : 'error' });
    },
  };
}

/** Module-private: the KPI cache and Redis metrics and the observer that feeds them. */
function cacheMetrics(registers: Registry[]): CacheObserver {
  const lookups = new Counter({
    name: `${METRIC_PREFIX}kpi_lookups_total`,
    help: 'KPI cache lookups by outcome: hit, miss (loaded upstream), stale (served expired after an upstream failure), joined (single-flight), error.',
    labelNames: ['outcome'],
    registers,
  });
  // Every outcome has a series from the start, so a rate over it is 0 rather than absent.
  for (const outcome of KPI_OUTCOMES) lookups.inc({ outcome }, 0);
  // `min`: each worker has its own Redis clients, so the cluster's value is 1 on a state every
  // worker is in. `up` is 1 only while every worker's Redis is up (the question of the dashboard's
  // `min by`, and the one to alert on: `health="up"} == 0`); while workers disagree no state is 1.
  const health = new Gauge({
    name: `${METRIC_PREFIX}redis_health`,
    help: 'Redis health per component (kpi-cache, rate-limits, ...): 1 on the current state (up, down, cooling-off), 0 on the others; with several workers, 1 on a state every worker is in.',
    labelNames: ['component', 'health'],
    aggregator: 'min',
    registers,
  });
  const fallbacks = new Counter({
    name: `${METRIC_PREFIX}redis_fallbacks_total`,
    help: 'Redis commands answered by the in-memory fallback instead, by component and reason (cooling-off, timeout, error).',
    labelNames: ['component', 'reason'],
    registers,
  });
  return {
    kpiLookup(outcome) {
      lookups.inc({ outcome });
    },
    redisHealthChanged(component, state) {
      for (const each of REDIS_HEALTH) health.set({ component, health: each }, each === state ? 1 : 0);
    },
    redisFallback(component, reason) {
      fallbacks.inc({ component, reason });
    },
  };
}
