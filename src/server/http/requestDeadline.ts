import type { IncomingHttpHeaders } from 'node:http';
import { ErrorCode } from '../../graph/errors';
import type { HttpRefusal } from './refusal';

/**
 * A client's own, shorter deadline: `x-request-deadline-ms: 800` says "an answer after 800 ms is
 * no use to me". The request then runs under that deadline instead of the configured one
 * (`REQUEST_DEADLINE_MS`), which stays the ceiling: a longer value is capped to it, silently (the
 * client asked for no more than that, and gets no more than the gateway allows anyone). A value
 * that is not a whole number of milliseconds from 1 up is refused (400 BAD_REQUEST) before any
 * work: a typo must not quietly mean "the default".
 */

/** The request header (lower case, as node:http gives it); also allowed by CORS by default. */
export const REQUEST_DEADLINE_HEADER = 'x-request-deadline-ms';

/** What the header says: nothing, a deadline (already capped), or a refusal. */
export type RequestDeadline = { readonly kind: 'none' } | { readonly kind: 'deadline'; readonly deadlineMs: number } | { readonly kind: 'refused'; readonly refusal: HttpRefusal };

/** Reads {@link REQUEST_DEADLINE_HEADER} from `headers`; `maxMs` is the configured deadline. */
export function readRequestDeadline(headers: IncomingHttpHeaders, maxMs: number): RequestDeadline {
  const raw = headers[REQUEST_DEADLINE_HEADER];
  if (raw === undefined) return { kind: 'none' };
  // node:http joins repeated headers with ", ", which the pattern refuses: two deadlines are one too many.
  const value = Array.isArray(raw) ? raw.join(', ') : raw.trim();
  if (!/^\d{1,15}$/.test(value) || Number(value) < 1) {
    return {
      kind: 'refused',
      refusal: {
        status: 400,
        code: ErrorCode.BadRequest,
        message: `The ${REQUEST_DEADLINE_HEADER} header must be one whole number of milliseconds from 1 (values above ${maxMs} are capped to it); got ${JSON.stringify(value.slice(0, 100))}.`,
        extensions: { reason: 'BAD_DEADLINE_HEADER', header: REQUEST_DEADLINE_HEADER },
      },
    };
  }
  return { kind: 'deadline', deadlineMs: Math.min(Number(value), maxMs) };
}

/**
 * `work`'s result, or `'deadline'` if `deadlineAt` (a `performance.now()` time) comes first: for
 * what a request waits on before its execution (its document's admission check), which the
 * deadline covers as it covers the execution. The work itself goes on (a check that passes still
 * admits its document for the next request).
 */
export async function withinDeadline<T>(work: Promise<T>, deadlineAt: number): Promise<T | 'deadline'> {
  let timer: NodeJS.Timeout | undefined;
  const passed = new Promise<'deadline'>((resolve) => {
    timer = setTimeout(() => resolve('deadline'), Math.max(0, deadlineAt - performance.now()));
    timer.unref();
  });
  try {
    return await Promise.race([work, passed]);
  } finally {
    clearTimeout(timer);
  }
}
