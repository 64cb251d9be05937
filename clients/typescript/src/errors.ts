/**
 * The errors a service sees from the gateway, typed by `extensions.code`.
 *
 * The gateway's codes are its own table (src/graph/errors.ts `ErrorCode`) plus the ones Apollo
 * Server raises before execution; test/clients/typescriptClient.test.ts checks this list equals
 * them, so a new gateway code cannot be missed here. The client adds its own few codes for answers
 * that never were GraphQL responses (no connection, the deadline, a proxy's HTML page).
 */

/** Every `extensions.code` the gateway answers with. */
export const GATEWAY_ERROR_CODES = [
  // The gateway's table (src/graph/errors.ts).
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'FORBIDDEN',
  'CONFLICT',
  'THROTTLED',
  'QUOTA_EXCEEDED',
  'UPSTREAM_UNAVAILABLE',
  'UPSTREAM_TIMEOUT',
  'UPSTREAM_RETIRED',
  'INTERNAL_SERVER_ERROR',
  'COST_LIMIT_EXCEEDED',
  'QUERY_LIMIT_EXCEEDED',
  'EXECUTION_LIMIT_EXCEEDED',
  'DEADLINE_EXCEEDED',
  'BAD_REQUEST',
  'PAYLOAD_TOO_LARGE',
  'UNAUTHENTICATED',
  'RATE_LIMITED',
  'PERSISTED_QUERY_NOT_ALLOWED',
  'OVERLOADED',
  // Apollo Server's own, before execution (ApolloServerErrorCode, ApolloServerValidationErrorCode).
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'INTROSPECTION_DISABLED',
  'MAX_RECURSIVE_SELECTIONS_EXCEEDED',
] as const;

/** One of the gateway's stable error codes. */
export type GatewayErrorCode = (typeof GATEWAY_ERROR_CODES)[number];

/**
 * The client's own codes:
 * - `NETWORK_ERROR`: no HTTP answer (connection refused or reset), after the retries a query gets;
 * - `CLIENT_TIMEOUT`: the request's overall deadline (`timeoutMs`, retries included) passed;
 * - `BAD_RESPONSE`: an answer that is not a GraphQL response (a proxy's error page, bad JSON);
 * - `UNKNOWN_CODE`: a GraphQL error without a code this client knows (`rawCode` has what was sent).
 */
export const CLIENT_ERROR_CODES = ['NETWORK_ERROR', 'CLIENT_TIMEOUT', 'BAD_RESPONSE', 'UNKNOWN_CODE'] as const;

/** One of the client's own codes. */
export type ClientErrorCode = (typeof CLIENT_ERROR_CODES)[number];

/** A GraphQL response as the client returns it: data (partial when some fields failed) and typed errors. */
export interface GatewayResult<TData> {
  /** The data; `null` when the request failed as a whole, partial when only some fields did. */
  readonly data: TData | null;
  /** Every error of the response, in order (empty when the request succeeded). */
  readonly errors: readonly GatewayError[];
  /** The response's `extensions` (e.g. `upstreamCalls`, `cost`), when sent. */
  readonly extensions?: Readonly<Record<string, unknown>>;
  /** The gateway's `x-request-id` of the answer: quote it when asking about a request. */
  readonly requestId?: string;
  /** The HTTP status of the answer. */
  readonly status: number;
}

/** What a {@link GatewayError} is made of. */
export interface GatewayErrorInit {
  readonly message: string;
  readonly code: GatewayErrorCode | ClientErrorCode;
  readonly rawCode?: string;
  readonly path?: readonly (string | number)[];
  readonly extensions?: Readonly<Record<string, unknown>>;
  readonly requestId?: string;
  readonly status?: number;
  readonly operationName?: string;
  readonly cause?: unknown;
}

/** One error of a gateway request, typed by its code. */
export class GatewayError extends Error {
  override readonly name = 'GatewayError';
  /** The gateway's `extensions.code`, or the client's own code when there was no GraphQL answer. */
  readonly code: GatewayErrorCode | ClientErrorCode;
  /** `extensions.code` exactly as sent (differs from `code` only for `UNKNOWN_CODE`). */
  readonly rawCode: string | undefined;
  /** The response path of the field that failed; undefined for a request-level error. */
  readonly path: readonly (string | number)[] | undefined;
  /** The error's `extensions` as sent (`upstream`, `retryAfterSeconds`, `argument`, …). */
  readonly extensions: Readonly<Record<string, unknown>>;
  /** The gateway's `x-request-id` of the answer. */
  readonly requestId: string | undefined;
  /** The HTTP status of the answer; undefined when none came. */
  readonly status: number | undefined;
  readonly operationName: string | undefined;
  /**
   * The whole response, set on the error `request()` throws: every error and the partial data
   * (`result.data`), for a caller that can use what arrived.
   */
  result: GatewayResult<unknown> | undefined;

  constructor(init: GatewayErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.code = init.code;
    this.rawCode = init.rawCode;
    this.path = init.path;
    this.extensions = init.extensions ?? {};
    this.requestId = init.requestId;
    this.status = init.status;
    this.operationName = init.operationName;
    this.result = undefined;
  }
}

/** True when `error` is a {@link GatewayError} with `code` (narrows for a `switch` on codes). */
export function isGatewayError(error: unknown, code?: GatewayErrorCode | ClientErrorCode): error is GatewayError {
  return error instanceof GatewayError && (code === undefined || error.code === code);
}

/** Module-private: the known codes, for lookups. */
const KNOWN_CODES: ReadonlySet<string> = new Set<string>(GATEWAY_ERROR_CODES);

/** The typed code of an `extensions.code` value: itself when known, else `UNKNOWN_CODE`. */
export function gatewayErrorCode(raw: unknown): GatewayErrorCode | 'UNKNOWN_CODE' {
  return typeof raw === 'string' && KNOWN_CODES.has(raw) ? (raw as GatewayErrorCode) : 'UNKNOWN_CODE';
}
