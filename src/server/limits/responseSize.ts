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
