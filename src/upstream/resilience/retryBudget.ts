import { DefaultRateLimiter, MAXIMUM_RETRY_DELAY, NO_RETRY_INCREMENT, Retry } from '@smithy/core/retry';
import type { RetryErrorInfo, RetryStrategyV2, RetryToken } from '@smithy/types';
import { abortError } from './errors';
import type { ResilienceSettings } from './settings';
import type { UpstreamCall } from './upstreamCall';

/**
 * Retries: the SDK's own retry loop (`retryMiddleware` of `@smithy/core/retry`) with a strategy
 * that keeps its budget per operation inside the service's, rate-limits adaptively per operation,
 * and never starts a retry its call's deadline would cut.
 *
 * Why not the SDK's strategy as it is: its retry tokens (500) are one bucket per client, so a
 * single operation failing 100% spends them all (the issue measured it: dry after 18 requests)
 * and every other operation of the service loses its retries; its adaptive rate limiter is one per
 * client too, so one throttled operation slows all of them; and it knows no deadline. The loop and
 * its error classification stay the SDK's: only the strategy (the SDK's extension point, a
 * `RetryStrategyV2`) is ours, built from the SDK's own parts (`DefaultRateLimiter`, the `Retry`
 * costs and delays).
 *
 * Backoff: full jitter, from the SDK's `Retry.delay()` (50 ms) after a transient failure and from
 * `throttleBaseDelayMs` after a throttle (settings.ts says why not the SDK's 1 s).
 *
 * The budget: every retry takes its cost (`Retry.cost()`, 14, or `Retry.throttlingCost()`, 5, for a
 * throttle) from both the service's bucket (`retryTokens`) and its operation's (`operationRetryTokens`,
 * a fifth of the service's by default); a success gives back what its last retry took (1 without
 * retry), to both. Per operation, not per operation class: the operations of one class fail
 * independently (a bad `GetCampaign` says nothing of `GetApp`), and an operation is the unit AWS
 * throttles by. Nested in the service's: when many operations fail at once, the service itself is
 * in trouble and retries stop for all.
 */
export class RetryBudget {
  readonly #capacity: number;
  readonly #operationCapacity: number;
  readonly #minRate: number;
  readonly #operations = new Map<string, OperationRetryState>();
  #tokens: number;

  constructor(settings: Pick<ResilienceSettings, 'retryTokens' | 'operationRetryTokens' | 'throttleMinRate'>) {
    this.#capacity = settings.retryTokens;
    this.#operationCapacity = Math.min(settings.operationRetryTokens, settings.retryTokens);
    this.#minRate = settings.throttleMinRate;
    this.#tokens = settings.retryTokens;
  }

  /** Tokens left in the service's bucket. */
  get tokens(): number {
    return this.#tokens;
  }

  /** Tokens left to `operation` (its own bucket, bounded by the service's). */
  tokensOf(operation: string): number {
    return Math.min(this.#tokens, this.#operations.get(operation)?.tokens ?? this.#operationCapacity);
  }

  /** The state of one operation (its bucket and its rate limiter), created on first use. */
  operation(name: string): OperationRetryState {
    let state = this.#operations.get(name);
    if (!state) {
      // The SDK's adaptive limiter, with a floor: its own (0.5 requests per second, a burst of 1)
      // starves a burst of calls for seconds after one throttle, when its measured rate is near 0.
      state = { tokens: this.#operationCapacity, limiter: new DefaultRateLimiter({ minFillRate: this.#minRate, minCapacity: this.#minRate }) };
      this.#operations.set(name, state);
    }
    return state;
  }

  /** Takes `cost` from the operation's and the service's buckets, or nothing when either lacks it. */
  take(state: OperationRetryState, cost: number): boolean {
    if (state.tokens < cost || this.#tokens < cost) return false;
    state.tokens -= cost;
    this.#tokens -= cost;
    return true;
  }

  /** Gives `amount` back to both buckets (each up to its capacity). */
  refund(state: OperationRetryState, amount: number): void {
    state.tokens = Math.min(this.#operationCapacity, state.tokens + amount);
    this.#tokens = Math.min(this.#capacity, this.#tokens + amount);
  }
}

/** One operation's retry state within a {@link RetryBudget}. */
export interface OperationRetryState {
  tokens: number;
  readonly limiter: DefaultRateLimiter;
}

/** What one wire attempt ended with, as the strategy reports it. */
export interface AttemptReport {
  readonly httpStatus?: number;
  readonly errorName?: string;
  readonly throttled: boolean;
  /** Another attempt follows. */
  readonly retry: boolean;
  readonly durationMs: number;
}

/** The attempts one call may make, and how it backs off. */
export interface AttemptLimits {
  /** For transient failures (5xx, network). */
  readonly maxAttempts: number;
  /** For throttles. */
  readonly throttleMaxAttempts: number;
  /** The backoff base after a throttle (after a transient failure: the SDK's `Retry.delay()`). */
  readonly throttleBaseDelayMs: number;
}

/** Module-private: the token the strategy hands the SDK loop. */
class CallRetryToken implements RetryToken {
  constructor(
    readonly count: number,
    /** What this retry took from the budget (0 for the first attempt). */
    readonly cost: number,
  ) {}

  getRetryCount(): number {
    return this.count;
  }

  /** The strategy waits itself (abortably, before taking a send token), so the loop waits no more. */
  getRetryDelay(): number {
    return 0;
  }
}

/**
 * The strategy of one call (built per send by the retry middleware, around the call's state): the
 * SDK loop asks it for a first token, for a token per retry, and tells it of the success.
 */
export class CallRetryStrategy implements RetryStrategyV2 {
  readonly #budget: RetryBudget;
  readonly #state: OperationRetryState;
  readonly #call: UpstreamCall | undefined;
  readonly #limits: AttemptLimits;
  readonly #onAttempt: (attempt: AttemptReport) => void;
  #attemptStartedAt = 0;

  constructor(budget: RetryBudget, operation: string, call: UpstreamCall | undefined, limits: AttemptLimits, onAttempt: (attempt: AttemptReport) => void) {
    this.#budget = budget;
    this.#state = budget.operation(operation);
    this.#call = call;
    this.#limits = limits;
    this.#onAttempt = onAttempt;
  }

  /** The most attempts this call may make (for the SDK's `amz-sdk-request` header): one for a probe. */
  get maxAttempts(): number {
    return this.#call?.probe ? 1 : Math.max(this.#limits.maxAttempts, this.#limits.throttleMaxAttempts);
  }

  /** {@link RetryStrategyV2}: the first attempt waits only for the adaptive limiter (the scope is the call's own: this strategy serves one call). */
  async acquireInitialRetryToken(_retryTokenScope?: string): Promise<RetryToken> {
    await this.#state.limiter.getSendToken();
    return this.#startAttempt(new CallRetryToken(0, 0));
  }

  /**
   * {@link RetryStrategyV2}: a retry, or a throw (then the SDK loop throws the attempt's error). A
   * retry needs: a retryable error (transient or throttle, as the SDK classifies it), the call not
   * being a probe, attempts left, a backoff (full jitter, the SDK's bases and cap, at least the
   * service's Retry-After) that ends before the call's deadline, and the budget's tokens.
   */
  async refreshRetryTokenForRetry(token: RetryToken, info: RetryErrorInfo): Promise<RetryToken> {
    this.#state.limiter.updateClientSendingRate(info);
    const throttled = info.errorType === 'THROTTLING';
    const retries = token.getRetryCount();
    const delay = backoffMs(throttled ? this.#limits.throttleBaseDelayMs : Retry.delay(), retries, info.retryAfterHint);
    const cost = throttled ? Retry.throttlingCost() : Retry.cost();
    const retry = this.#mayRetry(info, throttled, retries + 1, delay) && this.#budget.take(this.#state, cost);
    const error = info.error as { name?: string; $metadata?: { httpStatusCode?: number } } | undefined;
    this.#onAttempt({ httpStatus: error?.$metadata?.httpStatusCode, errorName: error?.name, throttled, retry, durationMs: performance.now() - this.#attemptStartedAt });
    if (!retry) throw new Error('No retry: the error is not retryable, or the attempts, the deadline or the retry budget do not allow one.');
    await sleep(delay, this.#call?.signal);
    await this.#state.limiter.getSendToken();
    return this.#startAttempt(new CallRetryToken(retries + 1, cost));
  }

  /** {@link RetryStrategyV2}: a success refunds the budget and tells the limiter. */
  recordSuccess(token: RetryToken): void {
    this.#state.limiter.updateClientSendingRate({});
    this.#budget.refund(this.#state, token instanceof CallRetryToken && token.cost > 0 ? token.cost : NO_RETRY_INCREMENT);
  }

  /** Reports the successful last attempt (the loop returns its response after {@link recordSuccess}). */
  succeeded(httpStatus: number | undefined): void {
    this.#onAttempt({ httpStatus, throttled: false, retry: false, durationMs: performance.now() - this.#attemptStartedAt });
  }

  /** Module-private. */
  #startAttempt(token: CallRetryToken): CallRetryToken {
    this.#attemptStartedAt = performance.now();
    if (this.#call) this.#call.attempts += 1;
    return token;
  }

  /** Module-private: everything but the tokens. */
  #mayRetry(info: RetryErrorInfo, throttled: boolean, attemptsMade: number, delay: number): boolean {
    if (!throttled && info.errorType !== 'TRANSIENT') return false;
    if (this.#call?.probe) return false;
    if (attemptsMade >= (throttled ? this.#limits.throttleMaxAttempts : this.#limits.maxAttempts)) return false;
    return this.#call === undefined || delay < this.#call.remainingMs();
  }
}

/**
 * Module-private: the wait before retry number `retries + 1`: full jitter over `base × 2^retries`,
 * capped at the SDK's `MAXIMUM_RETRY_DELAY`; a Retry-After hint raises it (by at most 5 s more, as
 * the SDK does).
 */
function backoffMs(base: number, retries: number, retryAfterHint: Date | undefined): number {
  const jittered = Math.floor(Math.random() * Math.min(base * 2 ** retries, MAXIMUM_RETRY_DELAY));
  if (!(retryAfterHint instanceof Date)) return jittered;
  return Math.max(jittered, Math.min(retryAfterHint.getTime() - Date.now(), jittered + 5_000));
}

/** Module-private: waits `ms`, or rejects with an AbortError as soon as `signal` aborts. */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError(signal.reason));
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError(signal?.reason));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
