import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ErrorCode } from '../graph/errors';
import { resilienceErrorDetails, retirementErrorDetails, UPSTREAM_ERROR_ORIGIN, type UpstreamErrorOrigin } from '../upstream';

/**
 * The one table from upstream (AWS SDK) errors to the gateway's stable `extensions.code`, and the
 * `formatError` that applies it. SDK errors are read by shape (`name`, `$fault`,
 * `$metadata.httpStatusCode`, `code` for network faults), never by importing the SDK.
 */

/** What `extensions.upstream` says about an upstream failure. */
export interface UpstreamErrorDetails {
  /** `pinpoint` or `sms-voice-v2`. */
  readonly service: string;
  /** The upstream operation (`GetCampaign`), when known. */
  readonly operation?: string;
  /** The SDK exception name (`NotFoundException`), or the network error code (`ECONNREFUSED`). */
  readonly errorName: string;
  /** The upstream request ID (`x-amzn-RequestId`), when a response arrived. */
  readonly requestId: string | null;
  /** The upstream HTTP status, when a response arrived. */
  readonly httpStatusCode: number | null;
}

/** The shape of an SDK exception or SDK-wrapped network error, as far as the table reads it. */
interface UpstreamErrorShape {
  readonly name?: unknown;
  readonly message?: unknown;
  readonly code?: unknown;
  readonly $fault?: unknown;
  readonly $metadata?: { readonly httpStatusCode?: unknown; readonly requestId?: unknown };
  readonly [UPSTREAM_ERROR_ORIGIN]?: UpstreamErrorOrigin;
}

/** Module-private: exception names by gateway code (checked first). */
const CODE_BY_ERROR_NAME: Readonly<Record<string, ErrorCode>> = {
  NotFoundException: ErrorCode.NotFound,
  ResourceNotFoundException: ErrorCode.NotFound,
  BadRequestException: ErrorCode.BadUserInput,
  ValidationException: ErrorCode.BadUserInput,
  PayloadTooLargeException: ErrorCode.BadUserInput,
  ForbiddenException: ErrorCode.Forbidden,
  AccessDeniedException: ErrorCode.Forbidden,
  AccessDenied: ErrorCode.Forbidden,
  UnrecognizedClientException: ErrorCode.Forbidden,
  InvalidSignatureException: ErrorCode.Forbidden,
  ConflictException: ErrorCode.Conflict,
  // A service quota or spend limit was reached: not the caller's input, not retryable, raise it on AWS.
  ServiceQuotaExceededException: ErrorCode.QuotaExceeded,
  TooManyRequestsException: ErrorCode.Throttled,
  ThrottlingException: ErrorCode.Throttled,
  Throttling: ErrorCode.Throttled,
  InternalServerErrorException: ErrorCode.UpstreamUnavailable,
  InternalServerException: ErrorCode.UpstreamUnavailable,
  InternalFailure: ErrorCode.UpstreamUnavailable,
  ServiceUnavailable: ErrorCode.UpstreamUnavailable,
  ServiceUnavailableException: ErrorCode.UpstreamUnavailable,
  TimeoutError: ErrorCode.UpstreamUnavailable,
  RequestTimeout: ErrorCode.UpstreamUnavailable,
  RequestTimeoutException: ErrorCode.UpstreamUnavailable,
  // The gateway's own (upstream/resilience/errors.ts): a call past its own deadline, a call refused
  // by an open breaker or a full bulkhead.
  UpstreamTimeoutError: ErrorCode.UpstreamTimeout,
  UpstreamRefusedError: ErrorCode.UpstreamUnavailable,
  // A Pinpoint engagement call not sent because AWS retired the feature (upstream/pinpoint/engagementRouting.ts).
  UpstreamRetiredError: ErrorCode.UpstreamRetired,
};

/** Module-private: Node network error codes that mean the upstream could not be reached in time. */
const NETWORK_ERROR_CODES: ReadonlySet<string> = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNABORTED', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT']);

/** Whether `error` came from an upstream SDK call (a modelled exception, a fault or a network error). */
export function isUpstreamError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || error instanceof GraphQLError) return false;
  const shape = error as UpstreamErrorShape;
  return shape[UPSTREAM_ERROR_ORIGIN] !== undefined || shape.$metadata !== undefined || shape.$fault !== undefined;
}

/** The gateway code of an upstream error: by exception name, then HTTP status, then network code. */
export function upstreamErrorCode(error: unknown): ErrorCode {
  const shape = (typeof error === 'object' && error !== null ? error : {}) as UpstreamErrorShape;
  const name = typeof shape.name === 'string' ? shape.name : '';
  if (Object.hasOwn(CODE_BY_ERROR_NAME, name)) return CODE_BY_ERROR_NAME[name];
  const status = typeof shape.$metadata?.httpStatusCode === 'number' ? shape.$metadata.httpStatusCode : undefined;
  if (status !== undefined) {
    if (status >= 500) return ErrorCode.UpstreamUnavailable;
    switch (status) {
      case 400:
        return ErrorCode.BadUserInput;
      case 401:
      case 403:
        return ErrorCode.Forbidden;
      case 404:
        return ErrorCode.NotFound;
      case 409:
        return ErrorCode.Conflict;
      case 429:
        return ErrorCode.Throttled;
      default:
        return ErrorCode.InternalServerError;
    }
  }
  if (networkErrorCode(shape) !== undefined || name === 'AbortError') return ErrorCode.UpstreamUnavailable;
  return ErrorCode.InternalServerError;
}

/** `extensions.upstream` for an upstream error. */
export function upstreamErrorDetails(error: unknown): UpstreamErrorDetails {
  const shape = (typeof error === 'object' && error !== null ? error : {}) as UpstreamErrorShape;
  const origin = shape[UPSTREAM_ERROR_ORIGIN];
  const networkCode = networkErrorCode(shape);
  return {
    service: origin?.service ?? 'unknown',
    ...(origin?.operation ? { operation: origin.operation } : {}),
    errorName: networkCode ?? (typeof shape.name === 'string' ? shape.name : 'Error'),
    requestId: typeof shape.$metadata?.requestId === 'string' ? shape.$metadata.requestId : null,
    httpStatusCode: typeof shape.$metadata?.httpStatusCode === 'number' ? shape.$metadata.httpStatusCode : null,
  };
}

/**
 * Module-private: the network error code of an error that got no HTTP response. The SDK keeps
 * Node's `code`, except when the error crossed a realm boundary (e.g. a VM context): then it
 * wraps it as "AWS SDK error wrapper for Error: connect ECONNREFUSED ...", keeping only the text.
 */
function networkErrorCode(shape: UpstreamErrorShape): string | undefined {
  if (typeof shape.code === 'string' && NETWORK_ERROR_CODES.has(shape.code)) return shape.code;
  if (typeof shape.$metadata?.httpStatusCode === 'number' || typeof shape.message !== 'string') return undefined;
  return shape.message.match(/\b[A-Z][A-Z_]+\b/g)?.find((token) => NETWORK_ERROR_CODES.has(token));
}

/** Options of {@link createFormatError}. */
export interface FormatErrorOptions {
  /** Show internal messages (and let Apollo's stack traces through) only in development. */
  readonly nodeEnv: 'development' | 'test' | 'production';
  /** Called with errors that are masked, so they are still logged. */
  readonly onMaskedError?: (error: unknown) => void;
  /**
   * Strip graphql-js's "Did you mean …?" suggestions, which reveal schema names, from every
   * message. Apollo's `hideSchemaDetailsFromClientErrors` strips them from validation errors only;
   * a variable's bad enum value or input field is reported later, with its own suggestions.
   */
  readonly hideSuggestions?: boolean;
}

/** Module-private: graphql-js's suggestion sentence (the names it quotes never contain `?`). */
const SUGGESTION = / ?Did you mean [^?]*\?/g;

/** Module-private: the client-facing message of a masked error, by code. */
const MASKED_MESSAGES: Partial<Record<ErrorCode, string>> = {
  [ErrorCode.InternalServerError]: 'Internal server error.',
  [ErrorCode.UpstreamUnavailable]: 'The upstream AWS service is unavailable; try again later.',
};

/**
 * Apollo's `formatError`: maps upstream errors through the table, keeps errors the graph raised
 * (BAD_USER_INPUT ...) and Apollo's own (parse, validation), and masks internal details outside
 * development. It never throws: a failure here yields a plain INTERNAL_SERVER_ERROR.
 */
export function createFormatError(options: FormatErrorOptions): (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError {
  const development = options.nodeEnv === 'development';
  const format = (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    try {
      const limited = limitRefusal(formatted, error);
      if (limited) return limited;
      const original = unwrapResolverError(error);
      if (isUpstreamError(original)) {
        const code = upstreamErrorCode(original);
        // The resilience layer's own errors (timeout, breaker, bulkhead) are the gateway's words, with
        // nothing internal to hide: their message and details (reason, retryAfterMs, timeoutMs) stay.
        const resilience = resilienceErrorDetails(original);
        const masked = !development && resilience === undefined && MASKED_MESSAGES[code] !== undefined;
        if (masked) options.onMaskedError?.(original);
        const message = masked ? MASKED_MESSAGES[code]! : typeof (original as UpstreamErrorShape).message === 'string' ? String((original as UpstreamErrorShape).message) : formatted.message;
        return withExtensions(formatted, message, { ...(development ? formatted.extensions : {}), code, ...resilience, ...retirementErrorDetails(original), upstream: upstreamErrorDetails(original) });
      }
      if (original instanceof GraphQLError || formatted.extensions?.code !== ErrorCode.InternalServerError) return formatted;
      // A programming error (a thrown non-GraphQL error): its message may reveal internals.
      if (development) return formatted;
      options.onMaskedError?.(original);
      return withExtensions(formatted, MASKED_MESSAGES[ErrorCode.InternalServerError]!, { code: ErrorCode.InternalServerError });
    } catch {
      return { message: MASKED_MESSAGES[ErrorCode.InternalServerError]!, extensions: { code: ErrorCode.InternalServerError } };
    }
  };
  if (!options.hideSuggestions) return format;
  return (formatted, error) => {
    const result = format(formatted, error);
    const message = result.message.replace(SUGGESTION, '');
    return message === result.message ? result : { ...result, message };
  };
}

/** Module-private: graphql-js's message when the parser stops at `parseOptions.maxTokens`. */
const TOKEN_LIMIT = /^Syntax Error: Document contains more th(?:an|at) (\d+) tokens\. Parsing aborted\.$/;

/**
 * Module-private: a structural-limit refusal with its own code. Apollo re-codes every validation
 * error GRAPHQL_VALIDATION_FAILED (and the parser's token limit GRAPHQL_PARSE_FAILED); a limit
 * deserves its typed QUERY_LIMIT_EXCEEDED, kept on the original error by server/limits.
 */
function limitRefusal(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError | undefined {
  const original = error instanceof GraphQLError ? error.originalError : undefined;
  const extensions = original instanceof GraphQLError ? original.extensions : undefined;
  if (extensions?.code === ErrorCode.QueryLimitExceeded) return { ...formatted, extensions: { ...formatted.extensions, ...extensions } };
  const tokens = TOKEN_LIMIT.exec(formatted.message);
  if (tokens) return { ...formatted, extensions: { ...formatted.extensions, code: ErrorCode.QueryLimitExceeded, limit: 'maxTokens', max: Number(tokens[1]) } };
  return undefined;
}

/** Module-private: the formatted error with a new message and extensions (locations and path kept). */
function withExtensions(formatted: GraphQLFormattedError, message: string, extensions: Record<string, unknown>): GraphQLFormattedError {
  return {
    message,
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions,
  };
}
