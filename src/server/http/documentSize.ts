import { ErrorCode } from '../../graph/errors';
import type { HttpRefusal } from './refusal';

/**
 * The refusals made before the parser sees a document, run by the gateway and by the admission
 * worker alike:
 * - over the byte limit (the validation rule would refuse it too, after lexing up to the token
 *   limit): the cheapest refusal of a big attack;
 * - nesting brackets deeper than {@link MAX_DOCUMENT_NESTING}: graphql-js parses by recursion, so
 *   `{{{{…` a few thousand deep ends in a stack overflow whose depth depends on the thread's stack
 *   size (the event loop's and a worker's differ), not in a typed refusal.
 */
export function documentRefusal(body: unknown, search: string, maxDocumentBytes: number): HttpRefusal | undefined {
  const document = documentText(body, search);
  if (document === undefined) return undefined;
  const bytes = Buffer.byteLength(document, 'utf8');
  if (bytes > maxDocumentBytes) {
    return { status: 400, code: ErrorCode.QueryLimitExceeded, message: `Document of ${bytes} bytes exceeds the limit of ${maxDocumentBytes} bytes.`, extensions: { limit: 'maxDocumentBytes', max: maxDocumentBytes } };
  }
  if (documentNestingExceeds(document, MAX_DOCUMENT_NESTING)) {
    return { status: 400, code: ErrorCode.QueryLimitExceeded, message: `Document nests braces, brackets and parentheses deeper than ${MAX_DOCUMENT_NESTING} levels.`, extensions: { limit: 'maxNesting', max: MAX_DOCUMENT_NESTING } };
  }
  return undefined;
}

/**
 * The deepest bracket nesting (`{`, `[`, `(`) a document may have: selection sets under the depth
 * limit (15), each field's arguments and the input objects and lists in them stay far below it.
 */
export const MAX_DOCUMENT_NESTING = 128;

/**
 * Whether `document` nests `{`, `[` and `(` deeper than `maxDepth`, skipping strings, block
 * strings and comments (GraphQL's lexical grammar). Hand-written: one pass, no allocation, and it
 * must run before graphql-js's recursive parser, which is what it protects.
 */
export function documentNestingExceeds(document: string, maxDepth: number): boolean {
  let depth = 0;
  for (let i = 0; i < document.length; i += 1) {
    const char = document.charCodeAt(i);
    if (char === 0x23) {
      // `#` comment: to the end of the line.
      while (i < document.length && document.charCodeAt(i) !== 0x0a && document.charCodeAt(i) !== 0x0d) i += 1;
    } else if (char === 0x22) {
      if (document.startsWith('"""', i)) {
        // Block string: to the next unescaped `"""` (`\"""` escapes one).
        i += 3;
        while (i < document.length && !document.startsWith('"""', i)) i += document.startsWith('\\"""', i) ? 4 : 1;
        i += 2;
      } else {
        // String: to the next unescaped quote or the end of the line (where the lexer stops too).
        i += 1;
        while (i < document.length) {
          const inner = document.charCodeAt(i);
          if (inner === 0x5c) i += 2;
          else if (inner === 0x22 || inner === 0x0a || inner === 0x0d) break;
          else i += 1;
        }
      }
    } else if (char === 0x7b || char === 0x5b || char === 0x28) {
      depth += 1;
      if (depth > maxDepth) return true;
    } else if (char === 0x7d || char === 0x5d || char === 0x29) {
      depth -= 1;
    }
  }
  return false;
}

/** The request's document text: a POST body's `query`, else the URL's (`search`, as in `?query=…`); undefined when it has none. */
export function documentText(body: unknown, search: string): string | undefined {
  const fromBody = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as { query?: unknown }).query : undefined;
  const query = fromBody ?? (body === undefined ? new URLSearchParams(search).get('query') : undefined);
  return typeof query === 'string' ? query : undefined;
}
