import { isThrottlingError, isTransientError } from '@smithy/core/retry';
import type { SdkError } from '@smithy/types';
import { BrokenCircuitError, circuitBreaker, CircuitState, ConsecutiveBreaker, handleWhen, type CircuitBreakerPolicy } from 'cockatiel';
import type { BreakerState, UpstreamObserver, UpstreamScope } from '../telemetry';
import { isAbortError, UpstreamRefusedError, UpstreamTimeoutError } from './errors';
import type { ResilienceSettings } from './settings';
import type { UpstreamCall } from './upstreamCall';

/**
 * One circuit breaker: one service, region and operation class (cockatiel's CircuitBreakerPolicy
 * with a ConsecutiveBreaker). What counts, per command (after its retries):
 *
 * - a failure: a 5xx, a network error (reset, refused, connection timeout), the call's own timeout;
 * - neither failure nor success: a 4xx (NotFound, validation: the service answered, the caller was
 *   wrong), an abort because the request stopped, a refusal of this layer;
 * - not a failure either: a throttle. A throttling service is alive and says "slower"; the adaptive
 *   retry strategy slows down and retries, and opening the breaker would turn "slower" into "no
 *   answer at all" for every caller of the class.
 *
 * Consecutive rather than sampled: each count is a command that already failed its retries, so five
 * in a row is evidence rather than noise, and it opens the same way at 1 request per second as at
 * 1,000 (a sampling breaker needs a minimum rate and a window to say anything).
 *
 * Open: every call is refused at once (UPSTREAM_UNAVAILABLE, `retryAfterMs` until the probe), no
 * socket used. After `breakerHalfOpenMs` the next call is the one probe (one attempt, no retry);
 * while it runs the others are still refused rather than queued behind it. Its success closes the
 * breaker; its failure opens it again for another `breakerHalfOpenMs`.
 */
export class ClassBreaker {
  readonly scope: UpstreamScope;
  readonly #policy: CircuitBreakerPolicy;
  readonly #halfOpenMs: number;
  /** `Date.now()` when the breaker last opened (cockatiel's own clock). */
  #openedAt = 0;
  /** Set by cockatiel's half-open event, which fires synchronously just before it runs the probe. */
  #probeStarting = false;
  /** A probe is in flight: an abort of it counts as a failure (it proved nothing, so the breaker stays open). */
  #probing = false;

  constructor(scope: UpstreamScope, settings: ResilienceSettings, observer: UpstreamObserver) {
    this.scope = scope;
    this.#halfOpenMs = settings.breakerHalfOpenMs;
    this.#policy = circuitBreaker(
      handleWhen((error) => isBreakerFailure(error) || (this.#probing && isAbortError(error))),
      { halfOpenAfter: settings.breakerHalfOpenMs, breaker: new ConsecutiveBreaker(settings.breakerFailures) },
    );
    this.#policy.onBreak(() => {
      this.#openedAt = Date.now();
    });
    this.#policy.onHalfOpen(() => {
      this.#probeStarting = true;
    });
    this.#policy.onStateChange((state) => {
      if (state === CircuitState.Open || state === CircuitState.Closed) this.#probing = false;
      observer.breakerStateChanged?.(scope, breakerStateName(state));
    });
  }

  /** The breaker's state now (`open` stays `open` until a call arrives after `breakerHalfOpenMs`). */
  get state(): BreakerState {
    return breakerStateName(this.#policy.state);
  }

  /** Milliseconds until an open breaker lets a probe through (0 when it would now; undefined when closed). */
  retryAfterMs(): number | undefined {
    switch (this.#policy.state) {
      case CircuitState.Closed:
        return undefined;
      case CircuitState.Open:
        return Math.max(0, this.#openedAt + this.#halfOpenMs - Date.now());
      default:
        // Probing: its answer decides; a caller learns it at the earliest a probe's bound later.
        return this.#halfOpenMs;
    }
  }

  /**
   * Refuses `operation` when the breaker would not let it through now: open and not yet due for a
   * probe, or a probe in flight. Called before the bulkhead (a refused call never queues) and again
   * inside it (the state may have changed while the call waited).
   */
  admit(operation: string): void {
    const state = this.#policy.state;
    if (state === CircuitState.Closed) return;
    const retryAfterMs = this.retryAfterMs() ?? 0;
    if (state === CircuitState.Open && retryAfterMs === 0) return;
    throw this.#refusal(operation, retryAfterMs);
  }

  /** Runs `send` through the breaker; marks `call` as the probe when it is one. */
  async execute<T>(call: UpstreamCall | undefined, operation: string, send: () => Promise<T>): Promise<T> {
    try {
      return await this.#policy.execute(() => {
        if (this.#probeStarting) {
          this.#probeStarting = false;
          this.#probing = true;
          if (call) call.probe = true;
        }
        return send();
      });
    } catch (error) {
      if (error instanceof BrokenCircuitError) throw this.#refusal(operation, this.retryAfterMs() ?? this.#halfOpenMs);
      throw error;
    }
  }

  /** Module-private: the fail-fast answer. */
  #refusal(operation: string, retryAfterMs: number): UpstreamRefusedError {
    const { service, region, operationClass } = this.scope;
    return new UpstreamRefusedError(
      `${operation} was not sent: ${service} ${operationClass} calls in ${region} are failing, so their circuit breaker is open; try again in ${Math.ceil(retryAfterMs)} ms.`,
      'CIRCUIT_OPEN',
      retryAfterMs,
    );
  }
}

/** Whether a command's final error is evidence that the service (not the caller) is failing. */
export function isBreakerFailure(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  if (error instanceof UpstreamTimeoutError) return true;
  if (error instanceof UpstreamRefusedError || isAbortError(error)) return false;
  // Read by shape, as the SDK's own classifiers read any error.
  const shape = error as SdkError;
  if (isThrottlingError(shape)) return false;
  const status: unknown = shape.$metadata?.httpStatusCode;
  if (typeof status === 'number') return status >= 500;
  // No HTTP answer: a reset, a refused connection, a connection timeout (the SDK's own table).
  return isTransientError(shape);
}

/** Module-private: cockatiel's state as the observer names it (isolation is never used: an isolated breaker reads as open). */
function breakerStateName(state: CircuitState): BreakerState {
  switch (state) {
    case CircuitState.Closed:
      return 'closed';
    case CircuitState.HalfOpen:
      return 'half-open';
    default:
      return 'open';
  }
}
