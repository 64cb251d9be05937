/**
 * What upstream/ tells an observer about its work (implemented by `src/observability/`, which
 * upstream/ never imports): every command sent, every wire attempt, retries, throttles, breaker
 * transitions, bulkhead queueing and loader batches. Every method is optional and must not throw;
 * {@link NO_UPSTREAM_OBSERVER} is the default.
 */

/**
 * Which service (the gateway's names, as in `extensions.upstream.service`): the two AWS services,
 * and `pinpoint-engagement`, the endpoint that serves the retired Pinpoint engagement operations
 * when `ENGAGEMENT_ENDPOINT` is set (its own breakers, bulkhead and metrics labels).
 */
export type UpstreamServiceName = 'pinpoint' | 'sms-voice-v2' | 'pinpoint-engagement';

/** Operation classes: what a breaker and a bulkhead are kept per. */
export type OperationClass = 'read' | 'write' | 'send';

/** How one command ended. */
export type UpstreamOutcome =
  /** Answered with a 2xx. */
  | 'ok'
  /** Answered with an error after its attempts (HTTP 4xx/5xx, network failure). */
  | 'error'
  /** The last attempt was throttled (429, `ThrottlingException`, `TooManyRequestsException`). */
  | 'throttled'
  /** Missed its deadline (the per-call timeout or the request's deadline). */
  | 'timeout'
  /** Refused before sending by an open breaker or a full bulkhead. */
  | 'rejected'
  /** Cancelled because the request stopped (client gone, response sent). */
  | 'aborted';

/** Identifies one command. */
export interface UpstreamCallInfo {
  readonly service: UpstreamServiceName;
  readonly region: string;
  /** SDK operation name without `Command` (`GetCampaign`). */
  readonly operation: string;
  readonly operationClass: OperationClass;
}

/** How a command ended. */
export interface UpstreamCallEnd {
  readonly outcome: UpstreamOutcome;
  /** Wire attempts made (0 when refused before sending). */
  readonly attempts: number;
  readonly durationMs: number;
  /** The SDK error's `name` when it failed. */
  readonly errorName?: string;
  /** The last HTTP status, when a response arrived. */
  readonly httpStatus?: number;
}

/** The state of one circuit breaker. */
export type BreakerState = 'closed' | 'open' | 'half-open';

/** Where a breaker or bulkhead sits. */
export interface UpstreamScope {
  readonly service: UpstreamServiceName;
  readonly region: string;
  readonly operationClass: OperationClass;
}

/** What a command knows of the request it belongs to. */
export interface UpstreamCallIdentity {
  /** The gateway's request ID; undefined for a command sent outside a request. */
  readonly requestId?: string;
}

/** The observer upstream/ reports to. */
export interface UpstreamObserver {
  /** A command is about to be sent (or refused); the returned function is called once when it ends. */
  commandStarted?(call: UpstreamCallInfo): (end: UpstreamCallEnd) => void;
  /** One wire attempt ended (`retry` true when another attempt follows). */
  attemptFinished?(call: UpstreamCallInfo, attempt: { readonly httpStatus?: number; readonly errorName?: string; readonly throttled: boolean; readonly retry: boolean; readonly durationMs: number }): void;
  /** A breaker moved to `state`. */
  breakerStateChanged?(scope: UpstreamScope, state: BreakerState): void;
  /** A bulkhead's occupancy changed (`active` calls in flight, `queued` waiting). */
  bulkheadChanged?(scope: Pick<UpstreamScope, 'service' | 'region'>, occupancy: { readonly active: number; readonly queued: number; readonly limit: number }): void;
  /** A DataLoader batch started (`keys` distinct keys); the returned function is called when it settles. */
  batchStarted?(batch: { readonly service: UpstreamServiceName; readonly loader: string; readonly keys: number }): BatchEnd;
  /**
   * Headers to add to the HTTP request of a command about to be sent (the gateway's request ID,
   * the trace), asked once per command in the async context of its `send`; `call` says which
   * request it belongs to, when it came through `countedSend`; undefined adds none.
   */
  propagationHeaders?(call: UpstreamCallIdentity): Readonly<Record<string, string>> | undefined;
}

/**
 * What `batchStarted` returns: called once when the batch settles (`ok`: its function resolved
 * and no key failed). `within`, when the observer gives it, runs the batch function in the
 * observer's scope for this batch (its trace span), so the commands it sends are reported inside it.
 */
export type BatchEnd = ((end: { readonly ok: boolean }) => void) & { readonly within?: <T>(work: () => T) => T };

/** The observer that observes nothing. */
export const NO_UPSTREAM_OBSERVER: UpstreamObserver = Object.freeze({});
