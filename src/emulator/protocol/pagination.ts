import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Opaque, tamper-evident page tokens, as AWS hands out: a token only works for the query that
 * produced it (its `scope`: operation, account, region and the filters), and a forged or
 * altered token is rejected rather than silently restarting the walk.
 */

/** Signs tokens for the lifetime of one emulator server. */
const tokenSecret = randomBytes(32);

/** One page of a list, and the token of the next page when there is one. */
export interface Page<T> {
  readonly items: T[];
  readonly nextToken?: string;
}

/** Options for one page request. */
export interface PageRequest {
  /** Items per page (already validated by the caller against the operation's limits). */
  readonly pageSize: number;
  /** The token from the previous page, if any. */
  readonly token?: string;
  /** Identifies the query: a token from another query (or another account) is invalid here. */
  readonly scope: string;
  /** The service's own error for a bad token (Pinpoint `BadRequestException`, SMS v2 `ValidationException`). */
  readonly invalidToken: () => Error;
}

/** Returns the requested page of `items` (which must be in a stable order). */
export function paginate<T>(items: readonly T[], request: PageRequest): Page<T> {
  const offset = request.token === undefined || request.token === '' ? 0 : decodeToken(request.token, request.scope, request.invalidToken);
  if (offset > items.length) throw request.invalidToken();
  const end = offset + request.pageSize;
  const page = items.slice(offset, end);
  return end < items.length ? { items: page, nextToken: encodeToken(end, request.scope) } : { items: page };
}

/** Module-private: `<base64url(offset)>.<base64url(hmac(scope, offset))>`. */
function encodeToken(offset: number, scope: string): string {
  const body = Buffer.from(String(offset)).toString('base64url');
  return `${body}.${signature(body, scope).toString('base64url')}`;
}

/** Module-private: the offset a token names, or the service's error when it is not one of ours for this scope. */
function decodeToken(token: string, scope: string, invalidToken: () => Error): number {
  const [body, sig, extra] = token.split('.');
  if (!body || !sig || extra !== undefined) throw invalidToken();
  const expected = signature(body, scope);
  const given = Buffer.from(sig, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalidToken();
  const offset = Number(Buffer.from(body, 'base64url').toString());
  if (!Number.isSafeInteger(offset) || offset < 0) throw invalidToken();
  return offset;
}

/** Module-private. */
function signature(body: string, scope: string): Buffer {
  return createHmac('sha256', tokenSecret).update(scope).update('\0').update(body).digest();
}
