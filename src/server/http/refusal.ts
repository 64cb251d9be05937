import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { ErrorCode } from '../../graph/errors';

/**
 * Refusals at the HTTP level, in the one shape every GraphQL error has: `{ errors: [{ message,
 * extensions: { code } }] }`. A client reads `extensions.code` whatever refused it: the body
 * reader, the media-type check, Apollo's request parsing, or the GraphQL limits.
 */

/** One refusal: the HTTP status, the gateway code and a message that names the contract and the bad value. */
export interface HttpRefusal {
  readonly status: number;
  readonly code: ErrorCode;
  readonly message: string;
  /** Extra response headers (`Allow`, `Accept`, ...). */
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * Answer with `Connection: close`, then let node:http close the socket once the answer is
   * flushed: for a body the gateway will not read (keeping the connection would mean reading it).
   */
  readonly close?: boolean;
  /** More `extensions` beside the code (a limit's name and ceiling). */
  readonly extensions?: Readonly<Record<string, unknown>>;
}

/** The JSON body of a refusal. */
export function refusalBody(message: string, code: ErrorCode, extensions: Readonly<Record<string, unknown>> = {}): string {
  return JSON.stringify({ errors: [{ message, extensions: { code, ...extensions } }] });
}

/** Writes a refusal as `application/json` and ends the response. */
export function sendRefusal(res: ServerResponse, refusal: HttpRefusal): void {
  const text = refusalBody(refusal.message, refusal.code, refusal.extensions);
  res.writeHead(refusal.status, {
    ...refusal.headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...(refusal.close ? { connection: 'close' } : {}),
  });
  res.end(text);
}

/** A response as Apollo's `executeHTTPGraphQLRequest` hands it over, reduced to what {@link typedErrorResponse} reads. */
export interface CompleteResponse {
  readonly status: number;
  readonly contentType: string | undefined;
  readonly body: string;
}

/**
 * Module-private: the media types a GraphQL response body may have (graphql-over-http).
 * Anything else from Apollo on an error status is a bare message to wrap.
 */
const JSON_MEDIA_TYPES: ReadonlySet<string> = new Set(['application/json', 'application/graphql-response+json']);

/**
 * Makes an error response from Apollo typed: a non-JSON body (earlier Apollo Server releases
 * answered some request errors in plain text) becomes the JSON shape with its message,
 * and a JSON body with an error lacking a string `extensions.code` gets one. Status and headers
 * (`Allow` on a 405) are the caller's to keep. Returns undefined when the body is fine as it is,
 * which is every response Apollo Server 5 sends today: this is a guard, run only on statuses
 * ≥ 400, so a success never pays for a re-parse.
 */
export function typedErrorResponse(response: CompleteResponse): string | undefined {
  if (response.status < 400) return undefined;
  const fallback = response.status >= 500 ? ErrorCode.InternalServerError : ErrorCode.BadRequest;
  const mediaType = (response.contentType ?? '').split(';')[0].trim().toLowerCase();
  if (!JSON_MEDIA_TYPES.has(mediaType)) return refusalBody(response.body.trim() || `HTTP ${response.status}`, fallback);
  let parsed: unknown;
  try {
    parsed = JSON.parse(response.body);
  } catch {
    return refusalBody(response.body.trim() || `HTTP ${response.status}`, fallback);
  }
  const errors = typeof parsed === 'object' && parsed !== null ? (parsed as { errors?: unknown }).errors : undefined;
  if (!Array.isArray(errors) || errors.length === 0) return refusalBody(`HTTP ${response.status} without errors: ${response.body.slice(0, 200)}`, fallback);
  let changed = false;
  const typed = errors.map((error: unknown) => {
    const shape = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as { message?: unknown; extensions?: Record<string, unknown> };
    if (typeof shape.extensions?.code === 'string' && typeof shape.message === 'string') return shape;
    changed = true;
    return { ...shape, message: typeof shape.message === 'string' ? shape.message : `HTTP ${response.status}`, extensions: { ...shape.extensions, code: fallback } };
  });
  return changed ? JSON.stringify({ ...(parsed as object), errors: typed }) : undefined;
}

/** Module-private: what node:http's parser errors mean to a client, by error code (Node's own default answers, typed). */
function parserRefusal(code: string | undefined): { status: number; reason: string; errorCode: ErrorCode; message: string } {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return { status: 431, reason: 'Request Header Fields Too Large', errorCode: ErrorCode.BadRequest, message: 'Request header fields are too large.' };
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return { status: 413, reason: 'Payload Too Large', errorCode: ErrorCode.PayloadTooLarge, message: 'Chunk extensions are too large.' };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { status: 408, reason: 'Request Timeout', errorCode: ErrorCode.BadRequest, message: 'The request was not received in time.' };
    default:
      return { status: 400, reason: 'Bad Request', errorCode: ErrorCode.BadRequest, message: `Malformed HTTP request${code ? ` (${code})` : ''}.` };
  }
}

/**
 * node:http's `clientError` handler: a request its parser refuses (an unknown method, a broken
 * request line or header, headers over the size limit, a request not received in time) never
 * reaches the routes, and Node's default answer is a bare `400 Bad Request` with no body. This
 * answers the same statuses in the typed JSON shape, then closes; a socket that already carries
 * an answer, or that the client reset, is only closed (as Node does).
 */
export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  const written = (socket as Partial<Socket>).bytesWritten ?? 0;
  if (error.code === 'ECONNRESET' || !socket.writable || written > 0) {
    socket.destroy();
    return;
  }
  const refusal = parserRefusal(error.code);
  const body = refusalBody(refusal.message, refusal.errorCode);
  // Like every answer, it names a request ID (a new one: the request's own headers were never parsed).
  socket.end(
    `HTTP/1.1 ${refusal.status} ${refusal.reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nX-Request-Id: ${randomUUID()}\r\nConnection: close\r\n\r\n${body}`,
    () => socket.destroy(),
  );
}
