import type { IncomingMessage, ServerResponse } from 'node:http';
import { StopListeners } from '../limits/stopListeners';

/** Module-private: the reason it stops with (an AbortError, so code that checks `reason.name` reads a cancellation). */
function clientClosed(): Error {
  const error = new Error('The client closed the connection before the response was sent.');
  error.name = 'AbortError';
  return error;
}

/**
 * Watches for the client going away before the response is complete: the connection closes
 * mid-body (`req` closes before it is complete) or before the answer has been written (`res`
 * closes before it finished). Work done for a request no one waits for (upstream calls, KPI
 * loads) can stop on it; a normal end never sets it.
 *
 * Not `req`'s plain 'close': since Node 16 a request emits 'close' once its body has been read,
 * long before the answer, so only a close with the body incomplete means the client left.
 *
 * Not an AbortSignal but the lighter {@link StopListeners}: every request has one and almost none
 * fires. The request's budget listens to it and aborts its own signal, which is made only when
 * something needs one (limits/requestBudget.ts).
 */
export function watchClientGone(req: IncomingMessage, res: ServerResponse): StopListeners {
  const gone = new StopListeners();
  const onRequestClose = () => {
    if (!req.complete) abort();
  };
  const onResponseClose = () => {
    if (!res.writableFinished) abort();
    detach();
  };
  const abort = () => {
    gone.fire(clientClosed());
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
