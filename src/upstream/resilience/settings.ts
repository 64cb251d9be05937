/**
 * The knobs of the resilience layer (configuration `UPSTREAM_*`, see README "Resilience"), one set
 * per client: each service and region gets its own breakers, bulkhead and retry budget built from
 * them. The per-call timeout and the attempts for transient failures are the client's
 * `requestTimeoutMs` and `maxAttempts` (`UPSTREAM_TIMEOUT_MS`, `UPSTREAM_MAX_ATTEMPTS`).
 */
export interface ResilienceSettings {
  /** Attempts per command when the service throttles (`UPSTREAM_THROTTLE_MAX_ATTEMPTS`), still bounded by the call's deadline. */
  readonly throttleMaxAttempts: number;
  /** Retry tokens of one service and region (`UPSTREAM_RETRY_TOKENS`): a transient retry costs 14, a throttled one 5, a success refunds. */
  readonly retryTokens: number;
  /** The most of them one operation may have spent at once (`UPSTREAM_OPERATION_RETRY_TOKENS`). */
  readonly operationRetryTokens: number;
  /** The adaptive rate limiter's floor per operation once throttled, in requests per second (`UPSTREAM_THROTTLE_MIN_RATE`). */
  readonly throttleMinRate: number;
  /** The base of the jittered exponential backoff after a throttle, in ms (`UPSTREAM_THROTTLE_BASE_DELAY_MS`). */
  readonly throttleBaseDelayMs: number;
  /** Consecutive failed commands of one operation class that open its breaker (`UPSTREAM_BREAKER_FAILURES`). */
  readonly breakerFailures: number;
  /** How long an open breaker refuses before it lets one probe through (`UPSTREAM_BREAKER_HALF_OPEN_MS`). */
  readonly breakerHalfOpenMs: number;
  /** Calls in flight at once per service and region, and the HTTP agent's sockets (`UPSTREAM_MAX_CONCURRENCY`). */
  readonly maxConcurrency: number;
  /** Calls that may wait for a slot beyond those (`UPSTREAM_QUEUE_SIZE`); a call past a full queue is refused. */
  readonly queueSize: number;
}

/**
 * The defaults. Retry tokens: 2,000 per service and region, of which one operation may spend a
 * quarter, so a single failing operation leaves three quarters to the others, and only several
 * failing at once (the service itself in trouble) stop retries for all. Not the SDK's 500 with a
 * fifth each: at 30% throttling a retried call costs about what its success gives back, so an
 * operation's bucket wanders, and a bucket of 100 touched empty often enough to fail 2% of pages
 * with THROTTLED (`npm run bench:faults`); one of 500 did so for 0.06%. A failing operation (every
 * retry 14 tokens, nothing given back) still empties its own 500 in about 18 requests. 50 concurrent calls is the SDK's own socket
 * pool; 1,000 waiting covers ten requests each at the 100-ID `nodes` ceiling. Five consecutive
 * failed commands (each already retried) is the evidence to open, and a probe after 1 s gives a
 * recovered service its traffic back within about a second.
 *
 * Throttles back off from 100 ms, not the SDK's 1 s: the adaptive rate limiter (per operation, see
 * retryBudget.ts) is what paces a throttled operation's sends, so the backoff only has to spread
 * retries apart; from 1 s, four throttles in a row (1 call in 120 at 30% throttling) already wait
 * up to 15 s, past the default 10 s call deadline, and the page gets an error it did not need. From
 * 100 ms, six in a row wait at most 6.3 s.
 */
export const DEFAULT_RESILIENCE: ResilienceSettings = {
  throttleMaxAttempts: 10,
  retryTokens: 2_000,
  operationRetryTokens: 500,
  throttleMinRate: 100,
  throttleBaseDelayMs: 100,
  breakerFailures: 5,
  breakerHalfOpenMs: 1_000,
  maxConcurrency: 50,
  queueSize: 1_000,
};
