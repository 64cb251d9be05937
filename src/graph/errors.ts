import { GraphQLError } from 'graphql';

/**
 * The one list of stable `extensions.code` values this gateway returns. `server/errors.ts`
 * maps upstream (SDK) errors onto these; the graph raises `BAD_USER_INPUT` itself, and the
 * server's limits (`server/limits/`) raise the limit codes.
 */
export const ErrorCode = {
  BadUserInput: 'BAD_USER_INPUT',
  NotFound: 'NOT_FOUND',
  Forbidden: 'FORBIDDEN',
  Conflict: 'CONFLICT',
  Throttled: 'THROTTLED',
  QuotaExceeded: 'QUOTA_EXCEEDED',
  /** The upstream service failed (5xx, network), or the gateway refused to call it: its circuit breaker is open or its bulkhead full (`extensions.reason`, `extensions.retryAfterMs` when known). */
  UpstreamUnavailable: 'UPSTREAM_UNAVAILABLE',
  /** The field's upstream call got no answer within its own deadline (`UPSTREAM_TIMEOUT_MS`, `extensions.timeoutMs`) and was cancelled. */
  UpstreamTimeout: 'UPSTREAM_TIMEOUT',
  /**
   * With `UPSTREAM=aws` and no `ENGAGEMENT_ENDPOINT`: the field needs a Pinpoint engagement operation AWS retired on 2026-10-30
   * (endpoints, segments, campaigns, journeys, analytics); nothing was sent (`extensions.retired`: feature, endOfSupport, replacement).
   */
  UpstreamRetired: 'UPSTREAM_RETIRED',
  InternalServerError: 'INTERNAL_SERVER_ERROR',
  /** The operation's estimated result objects or upstream calls exceed the configured ceiling (refused before execution). */
  CostLimitExceeded: 'COST_LIMIT_EXCEEDED',
  /** A structural limit refused the document before execution (depth, aliases, directives, tokens, root fields). */
  QueryLimitExceeded: 'QUERY_LIMIT_EXCEEDED',
  /** An execution bound stopped the request (upstream calls, resolver calls, response size, `nodes(ids:)` length, KPI ranges). */
  ExecutionLimitExceeded: 'EXECUTION_LIMIT_EXCEEDED',
  /** The request's deadline passed before the field could be resolved. */
  DeadlineExceeded: 'DEADLINE_EXCEEDED',
  /** The HTTP request itself was refused (body too large, bad JSON, wrong content type, bad method). */
  BadRequest: 'BAD_REQUEST',
  /** The request body exceeds the configured byte limit (HTTP 413, decided from Content-Length before reading when it is sent). */
  PayloadTooLarge: 'PAYLOAD_TOO_LARGE',
  /** The request's credential (API key, bearer token) is bad, expired, revoked or unverifiable: HTTP 401 with `WWW-Authenticate`, before any GraphQL work. */
  Unauthenticated: 'UNAUTHENTICATED',
  /** The caller's rate limit (its request budget or its send budget for the window) is spent: HTTP 429 with `Retry-After`, `extensions.retryAfterSeconds`. */
  RateLimited: 'RATE_LIMITED',
  /** `TRUSTED_DOCUMENTS=required` and the request's document (its text's SHA-256, or the persisted-query hash it sends) is not registered; refused before parsing (HTTP 400). */
  PersistedQueryNotAllowed: 'PERSISTED_QUERY_NOT_ALLOWED',
  /** The gateway cannot take the request now (too many new documents being checked, or shutting down): HTTP 503 with `Retry-After`. */
  Overloaded: 'OVERLOADED',
} as const;

/** One of the gateway's stable error codes. */
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** A client mistake caught by the gateway before any upstream call (bad cursor, bad range, bad ID). */
export function badUserInput(message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extensions, code: ErrorCode.BadUserInput } });
}

/** An object the caller named does not exist (when the upstream did not already say so with its own exception). */
export function notFound(message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extensions, code: ErrorCode.NotFound } });
}
