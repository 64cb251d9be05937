import { setTimeout as sleep } from 'node:timers/promises';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type DocumentNode, type OperationTypeNode } from 'graphql';
import { GatewayError, gatewayErrorCode, type GatewayResult } from './errors';

/**
 * A small fetch-based client of the gateway for services: typed documents in, typed data out.
 * Reads (queries) are retried on answers that say "try again" and on lost connections; writes
 * (mutations) never are, since a lost answer does not mean the write did not happen.
 */

/** Options of {@link createGatewayClient}. */
export interface GatewayClientOptions {
  /** The gateway's GraphQL endpoint, e.g. `https://gateway.internal/graphql`. */
  readonly url: string;
  /** An API key, sent as `x-api-key` (README: Callers). Not with `token`. */
  readonly apiKey?: string;
  /** A bearer token (a JWT), or a function giving the current one (called once per attempt, so a rotated token is picked up). Not with `apiKey`. */
  readonly token?: string | (() => string | Promise<string>);
  /** The fetch to use (default: the global one); for a custom agent, proxy or instrumentation. */
  readonly fetch?: typeof fetch;
  /** Retries of a query after its first attempt (default 2; 0 to 10). Mutations get none. */
  readonly retries?: number;
  /** Overall deadline of one request, retries and their waits included, in ms (default 30 000). */
  readonly timeoutMs?: number;
  /** Headers sent with every request (e.g. `traceparent`). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Told before each retry: for logs and metrics. */
  readonly onRetry?: (event: RetryEvent) => void;
}

/** One retry about to happen. */
export interface RetryEvent {
  readonly operationName: string | undefined;
  /** The attempt that failed (1 for the first). */
  readonly attempt: number;
  /** Why: the HTTP status (429, 502, 503, 504) or `network`. */
  readonly reason: number | 'network';
  /** How long the client waits before the next attempt: the answer's `Retry-After`, else a jittered backoff. */
  readonly delayMs: number;
  /** The answer's `x-request-id`, when there was an answer. */
  readonly requestId?: string;
}

/** Options of one request. */
export interface RequestOptions {
  /** Cancels the request (and any wait before a retry); the signal's reason is thrown. */
  readonly signal?: AbortSignal;
  /** Headers of this request only (e.g. your own `x-request-id`, which the gateway then uses). */
  readonly headers?: Readonly<Record<string, string>>;
}

/** A client of one gateway. */
export interface GatewayClient {
  /**
   * Runs `document` and returns its data. When the response has any error, throws the first as a
   * {@link GatewayError}, whose `result` holds every error and the partial data.
   */
  request<TData, TVariables extends Record<string, unknown>>(document: TypedDocumentNode<TData, TVariables>, variables: TVariables, options?: RequestOptions): Promise<TData>;
  /**
   * Runs `document` and returns data and errors side by side, for callers that use partial data.
   * Throws a {@link GatewayError} only when no GraphQL answer came (network, deadline, not GraphQL).
   */
  execute<TData, TVariables extends Record<string, unknown>>(document: TypedDocumentNode<TData, TVariables>, variables: TVariables, options?: RequestOptions): Promise<GatewayResult<TData>>;
}

/** Module-private: the statuses that mean "the request was not processed; try again later". */
const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504]);
/** Module-private: the backoff's first ceiling and its cap (full jitter below them). */
const BACKOFF_BASE_MS = 100;
const BACKOFF_CAP_MS = 2_000;

/** Creates a client of the gateway at `options.url`. Bad options are refused here, not at the first request. */
export function createGatewayClient(options: GatewayClientOptions): GatewayClient {
  const { url } = options;
  if (!URL.canParse(url)) throw new TypeError(`createGatewayClient: url must be an absolute URL (the gateway's /graphql endpoint); got ${JSON.stringify(url)}.`);
  if (options.apiKey !== undefined && options.token !== undefined) throw new TypeError('createGatewayClient: give apiKey or token, not both (the gateway refuses a request with two credentials).');
  if (options.apiKey !== undefined && options.apiKey.trim() === '') throw new TypeError('createGatewayClient: apiKey is empty.');
  const retries = options.retries ?? 2;
  if (!Number.isInteger(retries) || retries < 0 || retries > 10) throw new RangeError(`createGatewayClient: retries must be a whole number from 0 to 10; got ${retries}.`);
  const timeoutMs = options.timeoutMs ?? 30_000;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new RangeError(`createGatewayClient: timeoutMs must be a positive number of milliseconds; got ${timeoutMs}.`);
  const fetchImpl = options.fetch ?? globalThis.fetch;

  async function execute<TData, TVariables extends Record<string, unknown>>(
    document: TypedDocumentNode<TData, TVariables>,
    variables: TVariables,
    requestOptions: RequestOptions = {},
  ): Promise<GatewayResult<TData>> {
    const operation = operationOf(document);
    const body = JSON.stringify({ query: operation.text, variables, ...(operation.name ? { operationName: operation.name } : {}) });
    const deadlineAt = Date.now() + timeoutMs;
    const deadline = AbortSignal.timeout(timeoutMs);
    const signal = requestOptions.signal ? AbortSignal.any([requestOptions.signal, deadline]) : deadline;
    const maxAttempts = operation.type === 'query' ? retries + 1 : 1;
    const fail = (error: unknown, attempt: number): never => {
      if (requestOptions.signal?.aborted) throw requestOptions.signal.reason;
      if (deadline.aborted) {
        throw new GatewayError({ code: 'CLIENT_TIMEOUT', message: `${label(operation.name)} got no answer within ${timeoutMs} ms (${attempt} attempt(s)).`, operationName: operation.name, cause: error });
      }
      throw error;
    };

    // Hand-written rather than a retry library: it is a few lines over fetch, and what decides a
    // retry here is specific (queries only; the answer's Retry-After, never waited past the
    // deadline; the caller's signal cancelling the wait), so a generic policy would be configured
    // into the same lines, and every service using the client would carry the dependency.
    for (let attempt = 1; ; attempt += 1) {
      // Outside the try: a token provider that fails is its own error, never a network error to retry.
      const headers = await headersFor(deadlineAt, requestOptions.headers);
      let response: Response;
      try {
        response = await fetchImpl(url, { method: 'POST', headers, body, signal });
      } catch (error) {
        if (signal.aborted) return fail(error, attempt);
        const networkError = new GatewayError({ code: 'NETWORK_ERROR', message: `${label(operation.name)} got no HTTP answer from ${url}: ${(error as Error).message}`, operationName: operation.name, cause: error });
        if (attempt >= maxAttempts) throw networkError;
        const delayMs = backoff(attempt);
        if (Date.now() + delayMs >= deadlineAt) throw networkError;
        options.onRetry?.({ operationName: operation.name, attempt, reason: 'network', delayMs });
        await sleep(delayMs, undefined, { signal }).catch((abort: unknown) => fail(abort, attempt));
        continue;
      }
      const requestId = response.headers.get('x-request-id') ?? undefined;
      if (attempt < maxAttempts && RETRYABLE_STATUSES.has(response.status)) {
        const delayMs = retryAfterMs(response.headers.get('retry-after')) ?? backoff(attempt);
        // A wait that ends after the deadline is no retry: answer now with what the gateway said.
        if (Date.now() + delayMs < deadlineAt) {
          // Free the connection: the body of an answer we retry is not read. A body that cannot be
          // cancelled has already ended or failed, and either way holds no connection.
          await response.body?.cancel().catch(() => undefined);
          options.onRetry?.({ operationName: operation.name, attempt, reason: response.status, delayMs, requestId });
          await sleep(delayMs, undefined, { signal }).catch((abort: unknown) => fail(abort, attempt));
          continue;
        }
      }
      try {
        return await readResult<TData>(response, requestId, operation.name);
      } catch (error) {
        return fail(error, attempt);
      }
    }
  }

  /** Module-private: the headers of one attempt. */
  async function headersFor(deadlineAt: number, extra: Readonly<Record<string, string>> | undefined): Promise<Record<string, string>> {
    const token = typeof options.token === 'function' ? await options.token() : options.token;
    return {
      ...options.headers,
      ...extra,
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      // The gateway stops working on the request when this client stops waiting (README: Resilience).
      'x-request-deadline-ms': String(Math.max(1, Math.ceil(deadlineAt - Date.now()))),
      ...(options.apiKey !== undefined ? { 'x-api-key': options.apiKey } : {}),
      ...(token !== undefined ? { authorization: `Bearer ${token}` } : {}),
    };
  }

  return {
    execute,
    async request(document, variables, requestOptions) {
      const result = await execute(document, variables, requestOptions);
      const [first] = result.errors;
      if (first !== undefined) {
        first.result = result;
        throw first;
      }
      if (result.data === null) {
        throw new GatewayError({ code: 'BAD_RESPONSE', message: `${label(operationOf(document).name)}: the answer has neither data nor errors.`, requestId: result.requestId, status: result.status });
      }
      return result.data;
    },
  };
}

/** Module-private: what the client needs of a document, computed once per document. */
interface Operation {
  readonly type: OperationTypeNode;
  readonly name: string | undefined;
  readonly text: string;
}

/** Module-private: documents are module constants (the generated ones), so printing each once is enough. */
const operations = new WeakMap<DocumentNode, Operation>();

/** Module-private: the one operation of `document`. */
function operationOf(document: DocumentNode): Operation {
  let operation = operations.get(document);
  if (operation === undefined) {
    const definitions = document.definitions.filter((definition) => definition.kind === 'OperationDefinition');
    if (definitions.length !== 1) throw new TypeError(`A gateway client document must hold exactly one operation; this one has ${definitions.length}.`);
    const [definition] = definitions;
    operation = { type: definition.operation, name: definition.name?.value, text: print(document) };
    operations.set(document, operation);
  }
  return operation;
}

/** Module-private: reads one answer into a result; throws BAD_RESPONSE for an answer that is not GraphQL. */
async function readResult<TData>(response: Response, requestId: string | undefined, operationName: string | undefined): Promise<GatewayResult<TData>> {
  const text = await response.text();
  let body: { data?: TData | null; errors?: unknown; extensions?: Record<string, unknown> };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    throw new GatewayError({
      code: 'BAD_RESPONSE',
      message: `${label(operationName)}: HTTP ${response.status} answer is not JSON: ${JSON.stringify(text.slice(0, 200))}`,
      requestId,
      status: response.status,
      operationName,
    });
  }
  const rawErrors = body?.errors;
  if (body === null || typeof body !== 'object' || (body.data === undefined && !Array.isArray(rawErrors))) {
    throw new GatewayError({ code: 'BAD_RESPONSE', message: `${label(operationName)}: HTTP ${response.status} answer is not a GraphQL response (no data, no errors).`, requestId, status: response.status, operationName });
  }
  const errors = (Array.isArray(rawErrors) ? rawErrors : []).map((raw: { message?: unknown; path?: unknown; extensions?: Record<string, unknown> }) => {
    const extensions = raw.extensions ?? {};
    return new GatewayError({
      message: typeof raw.message === 'string' ? raw.message : JSON.stringify(raw),
      code: gatewayErrorCode(extensions.code),
      rawCode: typeof extensions.code === 'string' ? extensions.code : undefined,
      path: Array.isArray(raw.path) ? (raw.path as (string | number)[]) : undefined,
      extensions,
      requestId,
      status: response.status,
      operationName,
    });
  });
  return { data: body.data ?? null, errors, ...(body.extensions ? { extensions: body.extensions } : {}), requestId, status: response.status };
}

/**
 * Module-private: the `Retry-After` header in ms (delay-seconds or an HTTP date), undefined when
 * absent or unreadable (then the client's own backoff applies).
 */
function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (header === null) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1_000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Module-private: full-jitter exponential backoff before retry `attempt` (1-based). */
function backoff(attempt: number): number {
  return Math.floor(Math.random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (attempt - 1)));
}

/** Module-private: an operation's name in messages. */
function label(operationName: string | undefined): string {
  return operationName ? `Operation ${operationName}` : 'The anonymous operation';
}
