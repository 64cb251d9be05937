import { randomUUID } from 'node:crypto';
import { pino, type Logger } from 'pino';
import { anonymousCaller, parsePolicy, type Caller } from '../auth';
import type { KpiCache } from '../cache/kpiCache';
import type { GraphQLContext } from '../graph/context';
import { DEFAULT_EXECUTION_LIMITS, RequestBudget, type AbortSource, type ExecutionLimits } from './limits/requestBudget';
import { StaleFields } from './plugins/staleData';
import { CallCounter, createPinpointLoaders, createSmsVoiceLoaders, knowsAccountScope, ReadPlanHolder, type LoaderMode, type PinpointUpstream, type SmsVoiceUpstream, type UpstreamClients } from '../upstream';
import type { UpstreamObserver } from '../upstream/telemetry';
import type { PlanState, RequestPlan } from './plan/requestPlan';

/** What every request's context is built from (process-wide, shared by all requests). */
export interface ContextDeps {
  readonly clients: UpstreamClients;
  readonly kpiCache: KpiCache;
  readonly region: string;
  /** `naive` (LOADER_MODE=naive, the benchmark's baseline): loaders without batching or caching, KPI cache bypassed. */
  readonly loaderMode?: LoaderMode;
  /** The caller of a request without credentials (default: {@link OPEN_ANONYMOUS_CALLER}). */
  readonly anonymousCaller?: Caller;
  /** Per-request execution bounds (default {@link DEFAULT_EXECUTION_LIMITS}). */
  readonly executionLimits?: ExecutionLimits;
  /** Where the request's loaders report their batches (observability/; default: nowhere). */
  readonly observer?: UpstreamObserver;
}

/** What belongs to one HTTP request rather than to the process (the second argument of {@link createContext}). */
export interface RequestScope {
  /**
   * Aborts when the client goes away before its answer is sent (server/http/clientGone.ts), so
   * upstream calls and KPI loads made for it can stop.
   */
  readonly signal?: AbortSource;
  /** The caller its credentials identify (default: {@link ContextDeps.anonymousCaller}). */
  readonly caller?: Caller;
  /** The client's network address (server/http/clientAddress.ts): how anonymous callers are told apart by the rate limits. */
  readonly clientAddress?: string;
  /** A shorter deadline the client asked for (`x-request-deadline-ms`, http/requestDeadline.ts); the configured one caps it. */
  readonly deadlineMs?: number;
  /** `performance.now()` when the request arrived (default: now): its deadline counts from then, the wait for its admission check included. */
  readonly startedAt?: number;
  /** The request's ID (observability/requestId.ts; default: a new random UUID). */
  readonly requestId?: string;
  /** The gateway's logger with the request ID bound (default: silent). */
  readonly logger?: Logger;
}

/**
 * The context Apollo hands to resolvers: {@link GraphQLContext} plus the request's abort signal.
 * The signal lives here rather than in `graph/context.ts` until the graph reads it (wiring it into
 * the upstream calls); then it belongs in `GraphQLContext` itself and this alias can go.
 */
export type RequestContext = GraphQLContext & {
  readonly signal?: AbortSource;
  readonly budget: RequestBudget;
  readonly clientAddress?: string;
  /** The request's ID: in every log line of the request, its `x-request-id` answer header and its upstream calls. */
  readonly requestId: string;
  /** The request's logger (`requestId` bound): plugins log through it. */
  readonly logger: Logger;
  /** The request's read plan, set once the operation is resolved (plugins/requestPlan.ts); the loaders read it. */
  readonly readPlan: ReadPlanHolder<RequestPlan>;
  /** What the process knows that the plan depends on, when the request starts (the Pinpoint client's account scope). */
  planState(): PlanState;
};

/**
 * The anonymous caller of development: one statement allowing everything, so `npm start` stays a
 * zero-setup demo. Production configures its own (empty by default: everything denied).
 */
export const OPEN_ANONYMOUS_CALLER: Caller = anonymousCaller(['open'], [parsePolicy('open', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] })]);

/** Module-private: the logger of a context built without one. */
const SILENT_LOGGER = pino({ level: 'silent' });

/** Module-private: the naive baseline's KPI cache, which loads every time. */
const passThroughKpiCache: KpiCache = { getOrLoad: (_key, load) => load() };

/**
 * Builds the context of one GraphQL request: a fresh call counter and fresh loaders (nothing
 * holding per-request data outlives the request), over the shared clients and KPI cache. A
 * service's loaders are built when a resolver first reaches for them: most requests touch one
 * service, and building the other's loaders was a tenth of a warm KPI query's CPU.
 */
export function createContext(deps: ContextDeps, scope: RequestScope = {}): RequestContext {
  const limits = deps.executionLimits ?? DEFAULT_EXECUTION_LIMITS;
  const requestId = scope.requestId ?? randomUUID();
  const budget = new RequestBudget(scope.deadlineMs !== undefined && scope.deadlineMs < limits.deadlineMs ? { ...limits, deadlineMs: scope.deadlineMs } : limits, scope.signal, requestId, scope.startedAt);
  const upstreamCalls = new CallCounter(budget);
  const readPlan = new ReadPlanHolder<RequestPlan>();
  let pinpoint: PinpointUpstream | undefined;
  let smsVoice: SmsVoiceUpstream | undefined;
  return {
    get pinpoint() {
      return (pinpoint ??= createPinpointLoaders(deps.clients.pinpoint, upstreamCalls, { mode: deps.loaderMode, observer: deps.observer, plan: readPlan }));
    },
    get smsVoice() {
      return (smsVoice ??= createSmsVoiceLoaders(deps.clients.smsVoice, upstreamCalls, { mode: deps.loaderMode, observer: deps.observer, plan: readPlan }));
    },
    kpiCache: deps.loaderMode === 'naive' ? passThroughKpiCache : deps.kpiCache,
    region: deps.region,
    upstreamCalls,
    signal: scope.signal,
    budget,
    bounds: budget,
    staleFields: new StaleFields(),
    caller: scope.caller ?? deps.anonymousCaller ?? OPEN_ANONYMOUS_CALLER,
    clientAddress: scope.clientAddress,
    requestId,
    logger: scope.logger ?? SILENT_LOGGER,
    readPlan,
    planState: () => ({ accountScopeKnown: knowsAccountScope(deps.clients.pinpoint) }),
  };
}
