import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { GraphQLError, Kind, type ASTVisitor, type SelectionSetNode, type ValidationContext, type ValidationRule } from 'graphql';
import { ErrorCode } from '../../graph/errors';

/**
 * Structural limits on a document, checked as validation rules before anything executes:
 * graphql-armor's depth, alias and directive rules, plus two the library has no rule for (root
 * fields, document bytes). Tokens are bounded by graphql-js's own parser (`parseOptions.maxTokens`,
 * see createGatewayServer), which stops reading a document at the limit instead of parsing it whole.
 *
 * Every refusal carries `extensions.code = QUERY_LIMIT_EXCEEDED` and `extensions.limit` (the limit's
 * name), `extensions.max` (the ceiling) when known. Apollo re-codes validation errors as
 * GRAPHQL_VALIDATION_FAILED; `server/errors.ts` restores the limit code from the original error.
 */

/** The structural ceilings (configuration `LIMIT_MAX_*`). */
export interface StructuralLimits {
  /** Field nesting, fragments flattened; the introspection query is exempt (introspection has its own switch). */
  readonly maxDepth: number;
  /** Aliases in one operation (through its fragments). */
  readonly maxAliases: number;
  /** Directives in one operation (through its fragments). */
  readonly maxDirectives: number;
  /** Root fields of one operation (through fragments on the root type). */
  readonly maxRootFields: number;
  /** Bytes of the document text (UTF-8). */
  readonly maxDocumentBytes: number;
  /** Lexical tokens (enforced by the parser, listed here so one object carries every ceiling). */
  readonly maxTokens: number;
}

/** The names `extensions.limit` takes for structural refusals. */
export type StructuralLimitName = 'maxDepth' | 'maxAliases' | 'maxDirectives' | 'maxRootFields' | 'maxDocumentBytes' | 'maxTokens';

/** A structural refusal with its typed extensions. */
export function queryLimitError(message: string, limit: StructuralLimitName, max: number): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.QueryLimitExceeded, limit, max } });
}

/** The validation rules enforcing `limits` (armor's rules report through our typed error). */
export function structuralLimitRules(limits: StructuralLimits): ValidationRule[] {
  const report = (limit: StructuralLimitName, max: number) => [
    (context: ValidationContext | null, error: GraphQLError) => context?.reportError(queryLimitError(error.message.replace(/^Syntax Error: /, ''), limit, max)),
  ];
  return [
    documentBytesRule(limits.maxDocumentBytes),
    maxDepthRule({ n: limits.maxDepth, flattenFragments: true, ignoreIntrospection: true, exposeLimits: true, propagateOnRejection: false, onReject: report('maxDepth', limits.maxDepth) }) as unknown as ValidationRule,
    maxAliasesRule({ n: limits.maxAliases, exposeLimits: true, propagateOnRejection: false, onReject: report('maxAliases', limits.maxAliases) }) as unknown as ValidationRule,
    maxDirectivesRule({ n: limits.maxDirectives, exposeLimits: true, propagateOnRejection: false, onReject: report('maxDirectives', limits.maxDirectives) }) as unknown as ValidationRule,
    rootFieldsRule(limits.maxRootFields),
  ];
}

/** Module-private: refuses a document whose text exceeds `max` bytes. */
function documentBytesRule(max: number): ValidationRule {
  return (context) => ({
    Document(node) {
      const body = node.loc?.source.body;
      const bytes = body === undefined ? 0 : Buffer.byteLength(body, 'utf8');
      if (bytes > max) context.reportError(queryLimitError(`Document of ${bytes} bytes exceeds the limit of ${max} bytes.`, 'maxDocumentBytes', max));
    },
  });
}

/**
 * Module-private: refuses an operation with more than `max` root fields. Hand-written because
 * graphql-armor has no such rule; it counts the root selection set through fragments, each
 * fragment once (a fragment spread twice at the root selects the same fields twice, which graphql-js
 * merges into one).
 */
function rootFieldsRule(max: number): ValidationRule {
  return (context): ASTVisitor => ({
    OperationDefinition(operation) {
      const seen = new Set<string>();
      const count = (selectionSet: SelectionSetNode): number => {
        let total = 0;
        for (const selection of selectionSet.selections) {
          if (selection.kind === Kind.FIELD) total += 1;
          else if (selection.kind === Kind.INLINE_FRAGMENT) total += count(selection.selectionSet);
          else if (!seen.has(selection.name.value)) {
            seen.add(selection.name.value);
            const fragment = context.getFragment(selection.name.value);
            if (fragment) total += count(fragment.selectionSet);
          }
        }
        return total;
      };
      const fields = count(operation.selectionSet);
      if (fields > max) context.reportError(queryLimitError(`Operation has ${fields} root fields; the limit is ${max}.`, 'maxRootFields', max));
    },
  });
}
