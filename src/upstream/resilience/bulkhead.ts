import { bulkhead, BulkheadRejectedError, type BulkheadPolicy } from 'cockatiel';
import type { UpstreamObserver, UpstreamScope } from '../telemetry';
import { abortError, UpstreamRefusedError } from './errors';
import type { UpstreamCall } from './upstreamCall';

/**
 * The bulkhead of one service and region (cockatiel's BulkheadPolicy): at most `limit` calls in
 * flight, at most `queueSize` waiting; one more is refused at once. Each service has its own, so a
 * slow SMS v2 fills SMS v2's slots and queue and never Pinpoint's. The HTTP agent has as many
 * sockets as there are slots (clientOptions.ts), so a socket is always free for a call in a slot.
 *
 * A waiting call still honours its deadline: cockatiel checks a queued call's signal only when a
 * slot frees, so the wait is raced against the signal here, and a call whose deadline passes in
 * the queue fails then, not when a slot frees. The signal is not handed to cockatiel: when it
 * finds a queued call cancelled, it rejects it without passing the freed slot on, so the next
 * live call would wait for another slot to free. Instead such a call takes its slot and gives it
 * back at once (below), which starts the next one. Its queue place is only freed then: while every
 * slot is stuck, cancelled calls still count as waiting, which only refuses sooner what would have
 * waited behind stuck calls anyway.
 */
export class ServiceBulkhead {
  readonly scope: Pick<UpstreamScope, 'service' | 'region'>;
  readonly limit: number;
  readonly queueSize: number;
  readonly #policy: BulkheadPolicy;
  readonly #observer: UpstreamObserver;

  constructor(scope: Pick<UpstreamScope, 'service' | 'region'>, limit: number, queueSize: number, observer: UpstreamObserver) {
    this.scope = scope;
    this.limit = limit;
    this.queueSize = queueSize;
    this.#policy = bulkhead(limit, queueSize);
    this.#observer = observer;
  }

  /** Calls in flight and waiting now (a waiting call whose deadline passed counts until a slot frees). */
  occupancy(): { readonly active: number; readonly queued: number; readonly limit: number } {
    return { active: this.limit - this.#policy.executionSlots, queued: this.queueSize - this.#policy.queueSlots, limit: this.limit };
  }

  /** Runs `send` in a slot, waiting for one if needed; refuses with BULKHEAD_FULL when the queue is full too. */
  async run<T>(call: UpstreamCall | undefined, operation: string, send: () => Promise<T>): Promise<T> {
    const running = this.#policy.execute(() => {
      if (call?.signal.aborted) return Promise.reject(abortError(call.signal.reason));
      this.#report();
      return send();
    });
    this.#report();
    try {
      return await (call ? raceAbort(running, call.signal) : running);
    } catch (error) {
      if (error instanceof BulkheadRejectedError) {
        const { service, region } = this.scope;
        throw new UpstreamRefusedError(
          `${operation} was not sent: ${service} in ${region} already has ${this.limit} calls in flight and ${this.queueSize} waiting (its bulkhead is full).`,
          'BULKHEAD_FULL',
        );
      }
      throw error;
    } finally {
      this.#report();
    }
  }

  /** Module-private: tells the observer the occupancy (only when it listens). */
  #report(): void {
    if (this.#observer.bulkheadChanged) this.#observer.bulkheadChanged(this.scope, this.occupancy());
  }
}

/** Module-private: `promise`, or an AbortError as soon as `signal` aborts (the promise's own outcome is then ignored). */
function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortError(signal.reason));
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
