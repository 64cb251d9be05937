import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * The gateway serves plain node:http; the few well-kept HTTP middlewares it reuses (`cors`,
 * `compression`) have the connect shape `(req, res, next)`. This adapts one to `await`.
 */

/** A connect-style middleware on plain node:http request and response objects. */
export type ConnectMiddleware = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

/**
 * Runs `middleware` on one request. Resolves when it calls `next()`, or when it answered the
 * request itself (a CORS preflight: the caller then sees `res.writableEnded`); rejects when it
 * passes an error to `next`.
 */
export function runMiddleware(middleware: ConnectMiddleware, req: IncomingMessage, res: ServerResponse): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    // A middleware that answers never calls next(): the end of the response settles the promise instead.
    const answered = () => settle();
    const settle = (error?: unknown) => {
      res.off('finish', answered).off('close', answered);
      if (error === undefined) resolve();
      else reject(error instanceof Error ? error : new Error(String(error)));
    };
    res.once('finish', answered).once('close', answered);
    try {
      middleware(req, res, settle);
    } catch (error) {
      settle(error ?? new Error('middleware threw'));
      return;
    }
    if (res.writableEnded) settle();
  });
}
