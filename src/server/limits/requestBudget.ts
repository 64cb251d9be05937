import { setMaxListeners } from 'node:events';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../graph/errors';
import type { UpstreamCallGuard } from '../../upstream';
import { StopListeners } from './stopListeners';

/**
 * The execution bounds of one request: the second line of defence behind the cost estimate, for
 * whatever it misses (lists longer than assumed, fields that read more than one page). One budget
 * per request, built in `createContext`:
 *
 * - a deadline: when it passes, the request's signal aborts (in-flight upstream calls are cancelled
 *   through the SDK's `abortSignal`, releasing their sockets) and every later upstream call or field
 *   resolution fails with DEADLINE_EXCEEDED;
 * - the client going away aborts the same signal (nobody will read the answer);
 * - caps on upstream calls, resolver calls and distinct KPI reads: the call that crosses one fails
 *   with EXECUTION_LIMIT_EXCEEDED at its own path, and so does everything after it, so a runaway
 *   request stops where it is while the fields already resolved are sent.
 */

/** The per-request ceilings (configuration `LIMIT_*`, `REQUEST_DEADLINE_MS`). */
export interface ExecutionLimits {
  /** Milliseconds from the request's arrival to its deadline (the budget is given the arrival time; default: when it is made). */
  readonly deadlineMs: number;
  /** Upstream SDK commands one request may send. */
  readonly maxUpstreamCalls: number;
  /** Field resolutions one request may run (default resolvers included). */
  readonly maxResolverCalls: number;
  /** Distinct KPI reads (resource, KPI, range) one request may make: one request cannot flush the KPI cache. */
  readonly maxKpiReads: number;
  /** IDs one `nodes(ids:)` may take. */
  readonly maxNodeIds: number;
  /** Bytes of one serialized response. */
  readonly maxResponseBytes: number;
}

/** Names of the execution limits, as `extensions.limit` gives them. */
export type ExecutionLimitName = 'maxUpstreamCalls' | 'maxResolverCalls' | 'maxKpiReads' | 'maxNodeIds' | 'maxResponseBytes';

/** An execution-bound refusal with its typed extensions. */
export function executionLimitError(message: string, limit: ExecutionLimitName, max: number): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.ExecutionLimitExceeded, limit, max } });
}

/**
 * What a budget needs of "the client went away": an AbortSignal has it, and so does the gateway's
 * lighter client-gone watch (http/clientGone.ts).
 */
export interface AbortSource {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void, options?: { readonly once?: boolean }): void;
}

/** One request's budget; also the upstream call guard its SDK calls go through. */
export class RequestBudget implements UpstreamCallGuard {
  readonly limits: ExecutionLimits;
  /**
   * The operation's cost estimate, once the limits plugin has made it (before execution): what a
   * cost-based rate limit charges.
   */
  estimate: { readonly estimatedObjects: number; readonly estimatedUpstreamCalls: number } | undefined;
  /**
   * Made on first use of {@link signal}: most warm requests make no upstream call and wait on
   * nothing, and an AbortController with its listeners was a tenth of such a request's CPU.
   */
  #controller: AbortController | undefined;
  /** {@link RequestBounds.stopSignal}: told once when the request stops. */
  readonly stopSignal = new StopListeners();
  readonly #deadline: NodeJS.Timeout;
  /** `performance.now()` time of the deadline. */
  readonly #deadlineAt: number;
  /** Set when the deadline itself stopped the request (not the client, an answer or a shutdown). */
  #deadlinePassed = false;
  readonly #kpiReads = new Set<string>();
  /** Module-private: the errors this budget raised (its stop reason and its refusals), see {@link raised}. */
  readonly #raised = new WeakSet<object>();
  #upstreamCalls = 0;
  #resolverCalls = 0;
  #stopped: GraphQLError | undefined;

  /** {@link UpstreamCallGuard}: the gateway's ID of the request (sent upstream with each call). */
  readonly requestId?: string;

  /** `startedAt`: `performance.now()` when the request arrived (default: now); its deadline counts from then. */
  constructor(limits: ExecutionLimits, clientSignal?: AbortSource, requestId?: string, startedAt: number = performance.now()) {
    this.requestId = requestId;
    this.limits = limits;
    this.#deadlineAt = startedAt + limits.deadlineMs;
    this.#deadline = setTimeout(() => {
      this.#deadlinePassed = !this.#stopped;
      this.stop(new GraphQLError(`The request's deadline of ${limits.deadlineMs} ms passed.`, { extensions: { code: ErrorCode.DeadlineExceeded, deadlineMs: limits.deadlineMs } }));
    }, Math.max(0, this.#deadlineAt - performance.now()));
    // The timer must not keep a stopping process alive.
    this.#deadline.unref();
    if (clientSignal) {
      const onClientGone = () => this.stop(new GraphQLError('The client closed the connection; the request was cancelled.', { extensions: { code: ErrorCode.BadRequest, reason: 'CLIENT_CLOSED_REQUEST' } }));
      if (clientSignal.aborted) onClientGone();
      else clientSignal.addEventListener('abort', onClientGone, { once: true });
    }
  }

  /** Aborted at the deadline, when the client disconnects, or when the request is otherwise stopped (with the stop reason). */
  get signal(): AbortSignal {
    if (!this.#controller) {
      this.#controller = new AbortController();
      // Every in-flight SDK call listens on this one signal (the HTTP handler removes its listener
      // when the call ends); a page with more than Node's default 10 calls in flight is normal.
      setMaxListeners(this.limits.maxUpstreamCalls + 10, this.#controller.signal);
      if (this.#stopped) this.#controller.abort(this.#stopped);
    }
    return this.#controller.signal;
  }

  /** Calls `listener` once when the request stops (at once if it has): without making the {@link signal}. */
  onStop(listener: () => void): void {
    if (this.#stopped) listener();
    else this.stopSignal.addEventListener('abort', listener);
  }

  /** Why the request was stopped (deadline, client gone), if it was. */
  get stopReason(): GraphQLError | undefined {
    return this.#stopped;
  }

  /** Stops the request: aborts in-flight upstream calls and fails every later one with `reason`. */
  stop(reason: GraphQLError): void {
    if (this.#stopped) return;
    this.#stopped = reason;
    this.#raised.add(reason);
    clearTimeout(this.#deadline);
    this.#controller?.abort(reason);
    this.stopSignal.fire(reason);
  }

  /** Ends the request once its response is sent: no call runs or starts for it afterwards. */
  release(): void {
    this.stop(RESPONSE_SENT);
  }

  /** {@link UpstreamCallGuard}: counts a command, or throws when the request may send no more. */
  beforeSend(operation: string): void {
    if (this.#stopped) throw this.#stopped;
    this.#upstreamCalls += 1;
    if (this.#upstreamCalls > this.limits.maxUpstreamCalls) {
      throw this.#raise(executionLimitError(`The request reached its limit of ${this.limits.maxUpstreamCalls} upstream calls; ${operation} was not sent.`, 'maxUpstreamCalls', this.limits.maxUpstreamCalls));
    }
  }

  /** {@link UpstreamCallGuard}: milliseconds left before the deadline (no upstream call or retry runs past it). */
  remainingMs(): number {
    return this.#deadlineAt - performance.now();
  }

  /** {@link UpstreamCallGuard}: `deadline` when the deadline stopped the request, `cancelled` when anything else did. */
  stopCause(): 'deadline' | 'cancelled' | undefined {
    if (!this.#stopped) return undefined;
    return this.#deadlinePassed ? 'deadline' : 'cancelled';
  }

  /** {@link UpstreamCallGuard}: the error to report for a command that failed after the request was stopped. */
  failureAfterStop(): GraphQLError | undefined {
    return this.#stopped;
  }

  /**
   * Whether `error` is one this request's budget raised (its stop reason or one of its refusals).
   * A load shared across requests (the KPI single flight) fails with the owning request's reason;
   * a request that joined it, and was not stopped itself, loads again on its own.
   */
  raised(error: unknown): boolean {
    return typeof error === 'object' && error !== null && this.#raised.has(error);
  }

  /** Module-private: records a refusal as this budget's own. */
  #raise(error: GraphQLError): GraphQLError {
    this.#raised.add(error);
    return error;
  }

  /** Counts one field resolution; throws when the request is stopped or over its resolver cap. */
  beforeResolve(): void {
    if (this.#stopped) throw this.#stopped;
    this.#resolverCalls += 1;
    if (this.#resolverCalls > this.limits.maxResolverCalls) {
      throw executionLimitError(`The request reached its limit of ${this.limits.maxResolverCalls} field resolutions.`, 'maxResolverCalls', this.limits.maxResolverCalls);
    }
  }

  /** Admits one KPI read by its cache key; a key already admitted is free (the cache de-duplicates it). */
  admitKpiRead(key: string): void {
    if (this.#kpiReads.has(key)) return;
    if (this.#kpiReads.size >= this.limits.maxKpiReads) {
      throw executionLimitError(`The request reached its limit of ${this.limits.maxKpiReads} distinct KPI reads (resource, KPI and date range).`, 'maxKpiReads', this.limits.maxKpiReads);
    }
    this.#kpiReads.add(key);
  }

  /** Refuses a `nodes(ids:)` list longer than the limit, before any of it is read. */
  admitNodeIds(count: number): void {
    if (count > this.limits.maxNodeIds) {
      throw executionLimitError(`"ids" takes at most ${this.limits.maxNodeIds} IDs; got ${count}.`, 'maxNodeIds', this.limits.maxNodeIds);
    }
  }
}

/**
 * Module-private: the stop reason of every answered request. One shared error rather than one per
 * request: building a GraphQLError (its stack trace) on every response was a measurable share of a
 * cached query's CPU, and this one says nothing specific to its request. It never reaches a client
 * (its request is already answered); not frozen, since code that tags the errors it sees (the SDK
 * error context) must not throw on it.
 */
const RESPONSE_SENT = new GraphQLError('The request was already answered; this call was not needed.', { extensions: { code: ErrorCode.ExecutionLimitExceeded, reason: 'RESPONSE_SENT' } });

/** Generous defaults that no reference page comes near (see README, "Limits and browser access"). */
export const DEFAULT_EXECUTION_LIMITS: ExecutionLimits = {
  deadlineMs: 30_000,
  maxUpstreamCalls: 500,
  maxResolverCalls: 200_000,
  maxKpiReads: 50,
  maxNodeIds: 100,
  maxResponseBytes: 8 * 1024 * 1024,
};
