import type { IncomingMessage } from 'node:http';
import { ErrorCode } from '../../graph/errors';
import type { HttpRefusal } from './refusal';

/**
 * Reading a request body under a byte limit. The limit is enforced twice: from `Content-Length`
 * before a byte is read (a 50 MB upload is refused without receiving it), and while reading, for
 * chunked bodies that declare no length (reading stops at the chunk that crosses the limit).
 */

/** How reading a body ended. */
export type BodyReadResult =
  /** The whole body, at most `maxBytes` long. */
  | { readonly kind: 'complete'; readonly bytes: Buffer }
  /** The body crossed the limit after `receivedBytes`; nothing more is read, nothing is kept. */
  | { readonly kind: 'too-large'; readonly receivedBytes: number }
  /** The client went away before the body ended: there is no one to answer. */
  | { readonly kind: 'aborted' };

/**
 * The request's declared `Content-Length`, or undefined when it sends none (chunked) or one that
 * is not a plain decimal (node:http has already refused malformed and conflicting values).
 */
export function declaredBodyLength(req: IncomingMessage): number | undefined {
  const header = req.headers['content-length'];
  if (header === undefined || !/^\d+$/.test(header)) return undefined;
  return Number(header);
}

/**
 * Reads the body of `req` into memory, at most `maxBytes`. Crossing the limit stops buffering at
 * once and pauses the request (a paused socket applies TCP back-pressure, so the client's further
 * bytes are not read either); the caller answers 413 with `Connection: close`, and node:http
 * closes the socket once that answer is flushed.
 *
 * Listeners rather than `for await`: leaving an async iterator early destroys the request, and
 * with it the socket the 413 still has to be written to.
 */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<BodyReadResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const settle = (result: BodyReadResult) => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onAborted);
      req.off('close', onClose);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > maxBytes) {
        req.pause();
        chunks.length = 0;
        settle({ kind: 'too-large', receivedBytes: received });
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => settle({ kind: 'complete', bytes: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, received) });
    const onAborted = () => settle({ kind: 'aborted' });
    // 'close' also follows a normal 'end'; only a close before the body is complete is an abort.
    const onClose = () => {
      if (!req.complete) settle({ kind: 'aborted' });
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onAborted);
    req.on('close', onClose);
  });
}

/** Module-private: one decoder for every request; `fatal` makes invalid UTF-8 an error rather than U+FFFD. */
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The body as text, or undefined when it is not valid UTF-8. GraphQL over HTTP requires UTF-8;
 * silently replacing bad bytes would run a document other than the one sent.
 */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return UTF8.decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * The deepest JSON nesting a request body may have. A GraphQL request nests its variables a few
 * levels (the deepest input of the schema, a journey's activities, is under 10; the envelope adds
 * 2), so 64 refuses no real request. Deep nesting is what makes a body expensive: V8 parses 1 MiB
 * of `[[[…]]]` in ~330 ms against ~10 ms for 1 MiB of flat JSON, and anything that walks the value
 * recursively afterwards (JSON.stringify in a log line) would overflow the stack.
 */
export const MAX_JSON_DEPTH = 64;

/**
 * Whether the JSON text in `bytes` nests arrays and objects deeper than `maxDepth`: one pass over
 * the bytes (strings skipped, escapes honoured), ~2 ms per MiB, so it can run before JSON.parse.
 * Works on UTF-8 bytes directly: a multi-byte sequence never contains an ASCII byte.
 */
export function jsonNestingExceeds(bytes: Uint8Array, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i += 1) {
    const byte = bytes[i];
    if (inString) {
      if (byte === 0x5c) i += 1; // a backslash escapes the next byte (\" or \\)
      else if (byte === 0x22) inString = false;
    } else if (byte === 0x22) {
      inString = true;
    } else if (byte === 0x5b || byte === 0x7b) {
      depth += 1;
      if (depth > maxDepth) return true;
    } else if (byte === 0x5d || byte === 0x7d) {
      depth -= 1;
    }
  }
  return false;
}

/**
 * The 413 PAYLOAD_TOO_LARGE refusal of a body over `maxBytes`: declared so by `Content-Length`
 * (`declared`), or found so while reading a chunked body. It closes the connection rather than
 * read the rest; a client still sending may then see a reset instead of the answer, which is why
 * clients that send `Expect: 100-continue` (curl, for large bodies) are answered before they send
 * anything (the server's `checkContinue` handler).
 */
export function payloadTooLarge(maxBytes: number, declared?: number): HttpRefusal {
  const message = declared === undefined ? `Request body exceeds the limit of ${maxBytes} bytes.` : `Request body of ${declared} bytes exceeds the limit of ${maxBytes} bytes.`;
  return { status: 413, code: ErrorCode.PayloadTooLarge, message, close: true };
}

/** How reading a GraphQL POST body ended: the parsed JSON, a refusal to send, or a client that left. */
export type GraphQLBodyResult =
  | { readonly kind: 'parsed'; readonly body: unknown }
  | { readonly kind: 'refused'; readonly refusal: HttpRefusal }
  | { readonly kind: 'aborted' };

/**
 * Module-private: refused before reading the body. The answer closes the connection: keeping it
 * open would mean reading (node:http would drain) whatever the client still sends.
 */
function refuseUnread(status: number, code: ErrorCode, message: string, headers?: Readonly<Record<string, string>>): { readonly kind: 'refused'; readonly refusal: HttpRefusal } {
  return { kind: 'refused', refusal: { status, code, message, headers, close: true } };
}

/**
 * Reads and parses the JSON body of a GraphQL POST, cheapest refusals first:
 * 1. a declared `Content-Length` over `maxBytes`: 413 PAYLOAD_TOO_LARGE, unread;
 * 2. a `Content-Encoding` other than identity: 415 BAD_REQUEST, unread (the body would not parse);
 * 3. a media type other than `application/json` (or none): 415 BAD_REQUEST, unread. 415 is what
 *    RFC 9110 names for a body in a format the server does not take, and what graphql-http's own
 *    server answers; Apollo would say 400 (or refuse `text/plain` and forms as CSRF);
 * 4. a chunked body crossing `maxBytes`: 413 PAYLOAD_TOO_LARGE as soon as it crosses;
 * 5. bytes that are not UTF-8, JSON nested deeper than {@link MAX_JSON_DEPTH}, or text that is
 *    not JSON: 400 BAD_REQUEST.
 * What the JSON holds (an object, a batch array, a `query` string) is Apollo's to judge.
 */
export async function readGraphQLBody(req: IncomingMessage, maxBytes: number): Promise<GraphQLBodyResult> {
  const read = await readGraphQLBodyBytes(req, maxBytes);
  return read.kind === 'complete' ? parseGraphQLBody(read.bytes) : read;
}

/** How reading a GraphQL POST body's bytes ended (steps 1–4 of {@link readGraphQLBody}). */
export type GraphQLBodyBytesResult =
  | { readonly kind: 'complete'; readonly bytes: Buffer }
  | { readonly kind: 'refused'; readonly refusal: HttpRefusal }
  | { readonly kind: 'aborted' };

/** Steps 1–4 of {@link readGraphQLBody}: the headers checked and the body read, not yet decoded. */
export async function readGraphQLBodyBytes(req: IncomingMessage, maxBytes: number): Promise<GraphQLBodyBytesResult> {
  const declared = declaredBodyLength(req);
  if (declared !== undefined && declared > maxBytes) return { kind: 'refused', refusal: payloadTooLarge(maxBytes, declared) };
  const encoding = req.headers['content-encoding']?.trim().toLowerCase();
  if (encoding && encoding !== 'identity') {
    return refuseUnread(415, ErrorCode.BadRequest, `Content-Encoding ${JSON.stringify(encoding)} is not supported; send the body uncompressed.`, { 'accept-encoding': 'identity' });
  }
  const contentType = req.headers['content-type'];
  const mediaType = contentType?.split(';')[0].trim().toLowerCase();
  if (mediaType !== 'application/json') {
    const got = contentType === undefined ? 'none' : JSON.stringify(contentType.slice(0, 100));
    return refuseUnread(415, ErrorCode.BadRequest, `POST /graphql takes a JSON body: Content-Type must be application/json; got ${got}.`, { accept: 'application/json' });
  }
  const read = await readBody(req, maxBytes);
  if (read.kind === 'too-large') return { kind: 'refused', refusal: payloadTooLarge(maxBytes) };
  return read;
}

/**
 * Step 5 of {@link readGraphQLBody}: the bytes decoded and parsed (also run by the admission
 * worker, server/admission/, for large bodies, so the event loop never parses them first).
 */
export function parseGraphQLBody(bytes: Uint8Array): { readonly kind: 'parsed'; readonly body: unknown } | { readonly kind: 'refused'; readonly refusal: HttpRefusal } {
  const text = decodeUtf8(bytes);
  if (text === undefined) return { kind: 'refused', refusal: { status: 400, code: ErrorCode.BadRequest, message: 'Request body is not valid UTF-8.' } };
  if (jsonNestingExceeds(bytes, MAX_JSON_DEPTH)) {
    return { kind: 'refused', refusal: { status: 400, code: ErrorCode.BadRequest, message: `Request body nests JSON arrays and objects deeper than ${MAX_JSON_DEPTH} levels.` } };
  }
  try {
    return { kind: 'parsed', body: JSON.parse(text) };
  } catch (error) {
    return { kind: 'refused', refusal: { status: 400, code: ErrorCode.BadRequest, message: `Request body is not valid JSON: ${(error as Error).message}` } };
  }
}
