import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Module-private: why the signal aborted, as `signal.reason` (a DOMException-like name, so code
 * that checks `reason.name === 'AbortError'` treats it as a cancellation, not a failure).
 */
function clientClosed(): Error {
  const error = new Error('The client closed the connection before the response was sent.');
  error.name = 'AbortError';
  return error;
}

/**
 * An AbortSignal that aborts when the client goes away before the response is complete: the
 * connection closes mid-body (`req` closes before it is complete) or before the answer has been
 * written (`res` closes before it finished). Work done for a request no one waits for (upstream
 * calls, KPI loads) can stop on it; a normal end never aborts it.
 *
 * Not `req`'s plain 'close': since Node 16 a request emits 'close' once its body has been read,
 * long before the answer, so only a close with the body incomplete means the client left.
 */
export function clientGoneSignal(req: IncomingMessage, res: ServerResponse): AbortSignal {
  const controller = new AbortController();
  const onRequestClose = () => {
    if (!req.complete) abort();
  };
  const onResponseClose = () => {
    if (!res.writableFinished) abort();
    detach();
  };
  const abort = () => {
    if (!controller.signal.aborted) controller.abort(clientClosed());
    detach();
  };
  const detach = () => {
    req.off('close', onRequestClose);
    res.off('close', onResponseClose);
  };
  req.once('close', onRequestClose);
  res.once('close', onResponseClose);
  return controller.signal;
}
