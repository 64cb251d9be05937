/**
 * The errors the resilience layer raises itself, read by shape in `server/errors.ts` (like the
 * SDK's): `name` picks the gateway code, the own properties below become `extensions`. Both carry
 * the `$upstream` origin (service, operation) like any SDK error, written by `errorContext.ts`.
 */

/** Why a call was refused before it was sent. */
export type UpstreamRefusalReason =
  /** The breaker of the call's service, region and operation class is open (or probing). */
  | 'CIRCUIT_OPEN'
  /** The service's bulkhead has every slot busy and its queue full. */
  | 'BULKHEAD_FULL';

/** A call that missed its own deadline (`UPSTREAM_TIMEOUT_MS`, retries and queueing included). */
export class UpstreamTimeoutError extends Error {
  override readonly name = 'UpstreamTimeoutError';
  /** The bound it missed, in ms. */
  readonly timeoutMs: number;

  constructor(operation: string, timeoutMs: number) {
    super(`${operation} got no answer within ${timeoutMs} ms (the upstream timeout); it was cancelled.`);
    this.timeoutMs = timeoutMs;
  }
}

/** A call refused before it was sent: nothing reached the service, no socket was used. */
export class UpstreamRefusedError extends Error {
  override readonly name = 'UpstreamRefusedError';
  readonly reason: UpstreamRefusalReason;
  /** When trying again may succeed, in ms from now (a Retry-After hint); absent when unknown. */
  readonly retryAfterMs?: number;

  constructor(message: string, reason: UpstreamRefusalReason, retryAfterMs?: number) {
    super(message);
    this.reason = reason;
    if (retryAfterMs !== undefined) this.retryAfterMs = Math.max(0, Math.ceil(retryAfterMs));
  }
}

/** What `extensions` gets from an error of this layer, besides its code (undefined for any other error). */
export function resilienceErrorDetails(error: unknown): { readonly reason: string; readonly retryAfterMs?: number; readonly timeoutMs?: number } | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const shape = error as { name?: unknown; reason?: unknown; retryAfterMs?: unknown; timeoutMs?: unknown };
  if (shape.name === 'UpstreamTimeoutError' && typeof shape.timeoutMs === 'number') return { reason: 'UPSTREAM_TIMEOUT', timeoutMs: shape.timeoutMs };
  if (shape.name === 'UpstreamRefusedError' && typeof shape.reason === 'string') {
    return { reason: shape.reason, ...(typeof shape.retryAfterMs === 'number' ? { retryAfterMs: shape.retryAfterMs } : {}) };
  }
  return undefined;
}

/** Whether `error` is an abort (the SDK's and the DOM's `AbortError`). */
export function isAbortError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError';
}

/** An `AbortError` as the SDK raises one, with the signal's reason as its cause. */
export function abortError(reason: unknown): Error {
  return Object.assign(new Error('Request aborted'), { name: 'AbortError', cause: reason });
}
