import { SMITHY_CONTEXT_KEY, type HandlerExecutionContext } from '@smithy/types';
import type { UpstreamCallGuard } from '../callCounter';
import { isAbortError, UpstreamTimeoutError } from './errors';

/**
 * One upstream command's own state, from `countedSend` down to the wire: its abort signal (the
 * request's signal, plus its own timeout), its deadline, whether it is a breaker's probe, and the
 * wire attempts made. `countedSend` creates it and hands its signal to the SDK as `abortSignal`;
 * the middleware below finds it again from that signal (the SDK puts it on the handler context of
 * every send that passes options), so per-call state never lives on a shared object.
 */
export class UpstreamCall {
  /** Aborts when the request stops (deadline, client gone, answered) or this call's own timeout fires. */
  readonly signal: AbortSignal;
  /** Set by the breaker when this call is its half-open probe: then it gets one attempt, no retry. */
  probe = false;
  /** Wire attempts started so far (the retry strategy counts them). */
  attempts = 0;
  readonly #controller = new AbortController();
  readonly #guard: UpstreamCallGuard | undefined;
  readonly #onStop: () => void;
  /** `performance.now()` time after which no attempt or retry may start. */
  #deadlineAt: number;
  #timer: NodeJS.Timeout | undefined;
  #timedOut: UpstreamTimeoutError | undefined;

  constructor(guard?: UpstreamCallGuard) {
    this.signal = this.#controller.signal;
    this.#guard = guard;
    this.#deadlineAt = performance.now() + (guard?.remainingMs?.() ?? Infinity);
    this.#onStop = () => this.#controller.abort(guard?.signal.reason);
    if (guard?.signal.aborted) this.#onStop();
    else guard?.signal.addEventListener('abort', this.#onStop, { once: true });
    calls.set(this.signal, this);
  }

  /**
   * Starts this call's own timeout of `timeoutMs` (`UPSTREAM_TIMEOUT_MS`), unless the request's
   * deadline comes first: then the request's stop cancels the call and reports DEADLINE_EXCEEDED
   * for every field at once, rather than one call racing it to report a timeout of its own.
   */
  armTimeout(operation: string, timeoutMs: number): void {
    if (this.#timer !== undefined || this.signal.aborted) return;
    const now = performance.now();
    if (now + timeoutMs >= this.#deadlineAt) return;
    this.#deadlineAt = now + timeoutMs;
    this.#timer = setTimeout(() => {
      this.#timedOut = new UpstreamTimeoutError(operation, timeoutMs);
      this.#controller.abort(this.#timedOut);
    }, timeoutMs);
    // A stopping process does not wait for a call nobody will read.
    this.#timer.unref();
  }

  /** The gateway's ID of the request the call belongs to, when its guard knows it. */
  get requestId(): string | undefined {
    return this.#guard?.requestId;
  }

  /** Milliseconds until the call's deadline (Infinity when it has none). */
  remainingMs(): number {
    return this.#deadlineAt - performance.now();
  }

  /** Why the call was cancelled, if it was: its own timeout, the request's deadline, or the request stopping otherwise. */
  stopCause(): 'timeout' | 'deadline' | 'cancelled' | undefined {
    if (this.#timedOut) return 'timeout';
    if (!this.signal.aborted) return undefined;
    return this.#guard?.stopCause?.() ?? 'cancelled';
  }

  /** The error to report for `error`: the timeout itself when the abort it caused came from this call's own timeout. */
  translate(error: unknown): unknown {
    return this.#timedOut && isAbortError(error) ? this.#timedOut : error;
  }

  /** Ends the call: its timer and its listener on the request's signal go. */
  end(): void {
    clearTimeout(this.#timer);
    this.#guard?.signal.removeEventListener('abort', this.#onStop);
  }
}

/** Module-private: the call behind each signal `countedSend` handed to the SDK. */
const calls = new WeakMap<AbortSignal, UpstreamCall>();

/**
 * The call a middleware is running for, found from the abort signal on its handler context;
 * undefined for a send that did not come through `countedSend` (then no per-call bounds apply).
 */
export function upstreamCallOf(context: HandlerExecutionContext): UpstreamCall | undefined {
  const signal = context[SMITHY_CONTEXT_KEY]?.abortSignal;
  return signal && typeof signal === 'object' && 'addEventListener' in signal ? calls.get(signal as AbortSignal) : undefined;
}
