import { GraphQLError } from 'graphql';

/**
 * The one list of stable `extensions.code` values this gateway returns. `server/errors.ts`
 * maps upstream (SDK) errors onto these; the graph raises only `BAD_USER_INPUT` itself.
 */
export const ErrorCode = {
  BadUserInput: 'BAD_USER_INPUT',
  NotFound: 'NOT_FOUND',
  Forbidden: 'FORBIDDEN',
  Conflict: 'CONFLICT',
  Throttled: 'THROTTLED',
  QuotaExceeded: 'QUOTA_EXCEEDED',
  UpstreamUnavailable: 'UPSTREAM_UNAVAILABLE',
  InternalServerError: 'INTERNAL_SERVER_ERROR',
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
