import type { IncomingMessage } from 'node:http';
import cors, { type CorsOptions } from 'cors';
import type { ConnectMiddleware } from './middleware';

/**
 * Cross-origin browser access to `/graphql` (CORS), built on the `cors` package. Browsers let a
 * page on another origin read the gateway's answers only when the gateway says so; this decides
 * what it says, from an allow-list of exact origins. What CORS does not do — stop a browser from
 * *sending* a simple cross-site request — is Apollo's CSRF prevention, which stays on.
 */

/**
 * Request headers a listed origin may always send: the JSON body's `content-type`,
 * `authorization`, the two headers Apollo's CSRF prevention accepts as proof of a preflight,
 * a page's own shorter deadline (`x-request-deadline-ms`, http/requestDeadline.ts), and its own
 * request ID (`x-request-id`, observability/requestId.ts).
 */
export const DEFAULT_CORS_ALLOWED_HEADERS: readonly string[] = ['content-type', 'authorization', 'apollo-require-preflight', 'x-apollo-operation-name', 'x-request-deadline-ms', 'x-request-id', 'traceparent', 'tracestate'];

/** Response headers a listed origin's page may read beside the CORS-safelisted ones: the request ID every answer carries. */
export const CORS_EXPOSED_HEADERS: readonly string[] = ['x-request-id'];

/** Methods `/graphql` answers; mutations only over POST (Apollo refuses them over GET). */
const ALLOWED_METHODS: readonly string[] = ['GET', 'POST', 'OPTIONS'];

/** Options of {@link createBrowserAccess}; the defaults allow no other origin at all. */
export interface BrowserAccessOptions {
  /** Exact origins (`http://localhost:3999`) whose pages may call `/graphql`, or `'*'` for any (never in production). Default: none. */
  readonly origins?: readonly string[] | '*';
  /** Let listed origins send credentials (cookies, HTTP auth); never with `'*'`. Default false. */
  readonly allowCredentials?: boolean;
  /** Request headers allowed on top of {@link DEFAULT_CORS_ALLOWED_HEADERS}. */
  readonly extraAllowedHeaders?: readonly string[];
  /** How long a browser may reuse a preflight answer, in seconds. Default 600. */
  readonly maxAgeSeconds?: number;
  /** The gateway's runtime mode: `'*'` is refused in production. */
  readonly nodeEnv?: 'development' | 'test' | 'production';
}

/**
 * The CORS middleware of `/graphql`. A listed origin gets `Access-Control-Allow-Origin` (its own
 * origin, with `Vary: Origin`), and its preflights a 204 naming the methods, headers and max age;
 * any other origin gets no CORS header at all, so the browser withholds the answer from its page.
 * Throws on a configuration that would be unsafe: `'*'` with credentials, or `'*'` in production.
 */
export function createBrowserAccess(options: BrowserAccessOptions = {}): ConnectMiddleware {
  const origins = options.origins ?? [];
  const allowCredentials = options.allowCredentials ?? false;
  if (origins === '*' && allowCredentials) {
    throw new Error('createBrowserAccess: credentials are only allowed for listed origins, never with origins "*"; list the origins instead.');
  }
  if (origins === '*' && options.nodeEnv === 'production') {
    throw new Error('createBrowserAccess: origins "*" is refused in production (every web site could read the answers); list the origins instead.');
  }
  const allowed: CorsOptions = {
    methods: [...ALLOWED_METHODS],
    allowedHeaders: [...new Set([...DEFAULT_CORS_ALLOWED_HEADERS, ...(options.extraAllowedHeaders ?? []).map((name) => name.toLowerCase())])],
    maxAge: options.maxAgeSeconds ?? 600,
    exposedHeaders: [...CORS_EXPOSED_HEADERS],
  };
  // An unlisted origin learns nothing: no allow-origin, methods, headers or credentials. An empty
  // `origin` list still makes `cors` answer its preflight (204) and add `Vary: Origin`, so a
  // shared cache never serves one origin's answer to another.
  const refused: CorsOptions = { origin: [], methods: [], allowedHeaders: [] };
  const listed = new Set(origins === '*' ? [] : origins);
  return cors<IncomingMessage>((req, callback) => {
    const origin = req.headers.origin;
    if (origins === '*') callback(null, { ...allowed, origin: '*' });
    else if (origin !== undefined && listed.has(origin)) callback(null, { ...allowed, origin, credentials: allowCredentials });
    else callback(null, refused);
  }) as ConnectMiddleware;
}
