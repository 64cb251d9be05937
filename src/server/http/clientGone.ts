import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AbortSource } from '../limits/requestBudget';

/**
 * Watches for the client going away before the response is complete: the connection closes
 * mid-body (`req` closes before it is complete) or before the answer has been written (`res`
 * closes before it finished). Work done for a request no one waits for (upstream calls, KPI
 * loads) can stop on it; a normal end never sets it.
 *
 * Not `req`'s plain 'close': since Node 16 a request emits 'close' once its body has been read,
 * long before the answer, so only a close with the body incomplete means the client left.
 *
 * Not an AbortSignal: every request has one, almost none fires, and an AbortController (an
 * EventTarget) per request, with its listeners, was a measurable share of a warm request's CPU
 * (bench throughput profile). The request's budget listens to it and aborts its own signal, which
 * is made only when something needs one (limits/requestBudget.ts).
 */
export class ClientGone implements AbortSource {
  #aborted = false;
  #listeners: Array<() => void> = [];

  /** Whether the client went away. */
  get aborted(): boolean {
    return this.#aborted;
  }

  /** Calls `listener` once when the client goes away (never if it already has: check {@link aborted} first). */
  addEventListener(_type: 'abort', listener: () => void): void {
    if (!this.#aborted) this.#listeners.push(listener);
  }

  /** Module-private to this file's watch: marks the client gone and tells the listeners. */
  abort(): void {
    if (this.#aborted) return;
    this.#aborted = true;
    for (const listener of this.#listeners.splice(0)) listener();
  }
}

/** A {@link ClientGone} for one request. */
export function watchClientGone(req: IncomingMessage, res: ServerResponse): ClientGone {
  const gone = new ClientGone();
  const onRequestClose = () => {
    if (!req.complete) abort();
  };
  const onResponseClose = () => {
    if (!res.writableFinished) abort();
    detach();
  };
  const abort = () => {
    gone.abort();
    detach();
  };
  const detach = () => {
    req.off('close', onRequestClose);
    res.off('close', onResponseClose);
  };
  req.once('close', onRequestClose);
  res.once('close', onResponseClose);
  return gone;
}
