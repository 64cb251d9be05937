import compression from 'compression';
import type { ConnectMiddleware } from './middleware';

/**
 * Response compression, built on the `compression` package: gzip or brotli, as the client's
 * `Accept-Encoding` asks, for compressible content types (JSON, JavaScript, CSS, HTML). GraphiQL's
 * bundle is 3.5 MB as it sits in node_modules and a dashboard query's JSON tens of kilobytes;
 * both shrink several times over.
 */

/** Bodies smaller than this go out as they are: below about one packet, compressing only costs CPU. */
export const COMPRESSION_THRESHOLD_BYTES = 1024;

/**
 * The compression middleware for every route. It wraps `res.write`/`res.end`, so handlers write
 * as usual; a handler that streams should call `res.flush()` (added by the middleware) after each
 * part, or the compressor would hold the parts back until the end.
 */
export function createResponseCompression(): ConnectMiddleware {
  // The package's types name Express's request and response, but it uses only what node:http has
  // (headers, method, write/end/setHeader/writeHead).
  return compression({ threshold: COMPRESSION_THRESHOLD_BYTES }) as unknown as ConnectMiddleware;
}
