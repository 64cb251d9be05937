import type { StopSignal } from '../../cache/singleFlight';

/**
 * A light stop signal: a flag, a reason and a list of listeners, where an AbortController is an
 * EventTarget made for every request (with its listeners, a measurable share of a warm request's
 * CPU). A request budget's stop signal (the KPI cache's waits and the deadline guard listen to it)
 * and the client-gone watch (http/clientGone.ts) are each one.
 */
export class StopListeners implements StopSignal {
  #reason: unknown;
  #aborted = false;
  #listeners: Array<() => void> = [];

  get aborted(): boolean {
    return this.#aborted;
  }

  get reason(): unknown {
    return this.#reason;
  }

  addEventListener(_type: 'abort', listener: () => void): void {
    if (!this.#aborted) this.#listeners.push(listener);
  }

  removeEventListener(_type: 'abort', listener: () => void): void {
    const at = this.#listeners.indexOf(listener);
    if (at >= 0) this.#listeners.splice(at, 1);
  }

  /** Aborts with `reason` and tells each listener once. */
  fire(reason: unknown): void {
    if (this.#aborted) return;
    this.#aborted = true;
    this.#reason = reason;
    for (const listener of this.#listeners.splice(0)) listener();
  }
}
