import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger } from 'pino';

/**
 * The request an async context belongs to. The server runs each HTTP request inside
 * {@link runWithRequest}; code that no context object reaches (the SDK middleware that sends the
 * request ID upstream, `formatError`) finds the request here. Holds nothing between requests.
 */

/** What is known of the current request. */
export interface CurrentRequest {
  readonly requestId: string;
  /** The gateway's logger with `requestId` bound. */
  readonly logger: Logger;
}

/** Module-private: the async context's request (one store for the process; each request runs in its own context). */
const storage = new AsyncLocalStorage<CurrentRequest>();

/** Runs `work` as part of `request`: everything it starts, synchronously or not, sees it. */
export function runWithRequest<T>(request: CurrentRequest, work: () => T): T {
  return storage.run(request, work);
}

/** The request the calling async context belongs to, if any. */
export function currentRequest(): CurrentRequest | undefined {
  return storage.getStore();
}
