import type { Logger } from 'pino';

/**
 * What the server knows of a request from its first byte: its ID and its logger. It travels
 * explicitly (the server keeps it by response, the context carries it, each upstream call finds
 * the request ID on its call guard), never through AsyncLocalStorage: a request-scoped store
 * turns on promise hooks for every promise of the process, about a fifth of a cached query's
 * throughput (`npm run bench -- --only throughput`).
 */
export interface CurrentRequest {
  readonly requestId: string;
  /** The gateway's logger with `requestId` bound. */
  readonly logger: Logger;
}
