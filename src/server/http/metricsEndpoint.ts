import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { ErrorCode } from '../../graph/errors';
import type { GatewayMetrics } from '../../observability';
import { listenOnHost } from './listen';
import { sendRefusal } from './refusal';

/**
 * Where and to whom `GET /metrics` (Prometheus text format) is served. Metrics name operations,
 * error rates and upstream health: not for the internet. The rules:
 *
 * - `port` set (`METRICS_PORT`): only on a listener of its own at that port (on `host`), which
 *   the network keeps private (a port the load balancer does not route); the main port has no
 *   `/metrics`.
 * - otherwise, outside production: on the main port.
 * - otherwise (production): on the main port only with a `token` (`METRICS_TOKEN`); without one
 *   it is not served at all, and the server logs how to turn it on.
 *
 * With a token, every scrape must send `Authorization: Bearer <token>`, on either listener.
 */

/** Options of {@link metricsExposure} (`METRICS_PORT`, `METRICS_HOST`, `METRICS_TOKEN`). */
export interface MetricsEndpointOptions {
  /** A bearer token every scrape must send. */
  readonly token?: string;
  /** Serve `/metrics` on a listener of its own at this port (0: any free port) instead of the main port. */
  readonly port?: number;
  /** That listener's interface (default: the gateway's). */
  readonly host?: string;
}

/** Where `/metrics` is served. */
export type MetricsExposure =
  | { readonly where: 'main-port'; readonly token?: string }
  | { readonly where: 'own-port'; readonly port: number; readonly host?: string; readonly token?: string }
  | { readonly where: 'off'; readonly reason: string };

/** Applies the rules above. */
export function metricsExposure(options: MetricsEndpointOptions, nodeEnv: 'development' | 'test' | 'production'): MetricsExposure {
  if (options.port !== undefined) return { where: 'own-port', port: options.port, host: options.host, token: options.token };
  if (nodeEnv !== 'production' || options.token !== undefined) return { where: 'main-port', token: options.token };
  return { where: 'off', reason: 'GET /metrics is off: in production it needs METRICS_TOKEN (bearer token on the main port) or METRICS_PORT (a listener of its own).' };
}

/** Answers one `/metrics` request: 405 for other methods, 401 without the token, else the metrics. */
export async function serveMetrics(req: IncomingMessage, res: ServerResponse, metrics: GatewayMetrics, token: string | undefined): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    return sendRefusal(res, { status: 405, code: ErrorCode.BadRequest, message: `/metrics answers GET and HEAD; got ${req.method}.`, headers: { allow: 'GET, HEAD' } });
  }
  if (token !== undefined && !bearerMatches(req.headers.authorization, token)) {
    return sendRefusal(res, { status: 401, code: ErrorCode.Unauthenticated, message: '/metrics needs the metrics bearer token (Authorization: Bearer <METRICS_TOKEN>).', headers: { 'www-authenticate': 'Bearer realm="metrics"' } });
  }
  const text = await metrics.text();
  res.writeHead(200, { 'content-type': metrics.contentType, 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
  res.end(req.method === 'HEAD' ? undefined : text);
}

/** A listener that serves `/metrics` only (every other path: 404). */
export interface MetricsListener {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/** Starts the listener of `own-port` exposure. */
export async function startMetricsListener(options: { readonly port: number; readonly host: string; readonly metrics: GatewayMetrics; readonly token?: string; readonly onError: (error: unknown) => void }): Promise<MetricsListener> {
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://metrics.invalid').pathname;
    const answer = path === '/metrics' ? serveMetrics(req, res, options.metrics, options.token) : Promise.resolve(sendRefusal(res, { status: 404, code: ErrorCode.NotFound, message: `No route for ${path}; this listener serves /metrics only.` }));
    answer.catch((error: unknown) => {
      options.onError(error);
      if (!res.headersSent) sendRefusal(res, { status: 500, code: ErrorCode.InternalServerError, message: 'Internal server error.' });
      else res.destroy();
    });
  });
  // `localhost`: every loopback address, like the main port (listen.ts).
  const { port, extra } = await listenOnHost(server, { port: options.port, host: options.host });
  const shownHost = options.host === '0.0.0.0' || options.host === '::' ? 'localhost' : options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${shownHost}:${port}`,
    port,
    close: async () => {
      const closed = [server, ...extra].map((listener) => new Promise<void>((resolve, reject) => listener.close((error) => (error ? reject(error) : resolve()))));
      // Connections of every listener are the server's (listen.ts), so this ends them all.
      server.closeAllConnections();
      await Promise.all(closed);
    },
  };
}

/** Module-private: whether `authorization` is `Bearer <token>`, compared in constant time (hashes of equal length). */
function bearerMatches(authorization: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!match) return false;
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(match[1]), digest(token));
}
