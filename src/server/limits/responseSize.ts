import type { FormattedExecutionResult } from 'graphql';
import { ErrorCode } from '../../graph/errors';

/**
 * Apollo's `stringifyResult` with the response-size bound: a response over `maxBytes` is replaced
 * by one EXECUTION_LIMIT_EXCEEDED error (no partial JSON is ever sent). Compact JSON, as before:
 * Apollo's default indents every response for no reader (GraphiQL formats on its own).
 */
export function boundedStringify(maxBytes: number): (result: FormattedExecutionResult) => string {
  return (result) => {
    const text = JSON.stringify(result);
    // Cheap first: a string of n UTF-16 units is at most 3n UTF-8 bytes.
    if (text.length * 3 <= maxBytes || Buffer.byteLength(text, 'utf8') <= maxBytes) return text;
    return JSON.stringify({
      errors: [
        {
          message: `The response of ${Buffer.byteLength(text, 'utf8')} bytes exceeds the limit of ${maxBytes} bytes; ask for fewer objects or smaller pages.`,
          extensions: { code: ErrorCode.ExecutionLimitExceeded, limit: 'maxResponseBytes', max: maxBytes },
        },
      ],
    });
  };
}

/** Module-private: how every replaced response begins, and what it carries, so the HTTP layer can tell. */
const OVERSIZE_PREFIX = '{"errors":[{"message":"The response of ';
const OVERSIZE_MARK = `"code":"${ErrorCode.ExecutionLimitExceeded}","limit":"maxResponseBytes"`;

/**
 * Whether a serialized response is the size-limit replacement. Apollo has already set the HTTP
 * status when it serializes; a response with no `data` must not go out as a 200 of
 * `application/graphql-response+json`, so the HTTP layer answers it 400 instead.
 */
export function isOversizeReplacement(text: string): boolean {
  return text.startsWith(OVERSIZE_PREFIX) && text.includes(OVERSIZE_MARK) && !text.includes('"data"');
}
