import { randomUUID } from 'node:crypto';

/**
 * Request IDs: every answer of the gateway names the request it answers (`x-request-id`), every
 * log line of that request carries it, and every upstream call made for it sends it on
 * (`x-gateway-request-id`). A client (or the proxy in front) may choose the ID; the gateway takes
 * it only when it is well-formed, and otherwise makes its own rather than echo what it was sent.
 */

/** The request and response header of the request ID. */
export const REQUEST_ID_HEADER = 'x-request-id';

/** The header that carries the request ID on every upstream call (the emulator records it in its call log). */
export const UPSTREAM_REQUEST_ID_HEADER = 'x-gateway-request-id';

/** The longest request ID accepted from a client. */
export const MAX_REQUEST_ID_LENGTH = 128;

/**
 * Module-private: what an accepted ID looks like: a letter or digit, then letters, digits and
 * `.-_~:+/=@` (UUIDs, hex and base64 trace IDs, `svc:1234`); nothing that could split a log line
 * or a header, or smuggle markup into a dashboard.
 */
const WELL_FORMED = new RegExp(`^[A-Za-z0-9][A-Za-z0-9._~:+/=@-]{0,${MAX_REQUEST_ID_LENGTH - 1}}$`);

/** Whether `value` is a request ID the gateway accepts from a client. */
export function isWellFormedRequestId(value: string): boolean {
  return WELL_FORMED.test(value);
}

/**
 * The request ID of a request: the client's `x-request-id` when it sent exactly one well-formed
 * value, else a new random UUID (node:http joins repeated headers with `, `, which is refused).
 */
export function acceptRequestId(header: string | readonly string[] | undefined): string {
  return typeof header === 'string' && isWellFormedRequestId(header) ? header : randomUUID();
}
