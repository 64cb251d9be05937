import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, type DocumentNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import { evaluate, type Caller, type Decision } from '../../auth';
import { ErrorCode } from '../../graph/errors';
import type { RequestContext } from '../context';

/**
 * `graphql:Introspect`: an operation that reads the schema (`__schema` or `__type`, anywhere in
 * the document) runs only when the caller's policy allows the action `graphql:Introspect` on
 * resource `*`, with `aws:RequestedRegion` as for every other decision. `__typename` is not
 * introspection (clients send it with every query to tell types apart) and is always answered.
 * The development default (the open anonymous caller) allows it; production's anonymous caller
 * (no policy) does not. `INTROSPECTION=false` still turns introspection off for everyone.
 */

/** The action that guards schema introspection and the GraphiQL explorer. */
export const INTROSPECT_ACTION = 'graphql:Introspect';

/** Whether `caller` may introspect the schema (and open GraphiQL), and the decision that says so. */
export function introspectionDecision(caller: Caller, region: string): Decision {
  return evaluate(caller.policies, { action: INTROSPECT_ACTION, resource: '*', context: { 'aws:RequestedRegion': region } });
}

/** The FORBIDDEN error of a caller whose policy does not allow `graphql:Introspect`. */
export function introspectionForbidden(decision: Decision): GraphQLError {
  const why =
    decision.decision === 'explicitDeny' && decision.statement
      ? `explicitly denied by policy "${decision.statement.policyName}" statement ${decision.statement.sid ? `"${decision.statement.sid}"` : `#${decision.statement.index}`}`
      : 'no policy statement allows it';
  return new GraphQLError(`Not authorized to perform ${INTROSPECT_ACTION} on *: ${why}. Introspection (__schema, __type) and GraphiQL need it.`, {
    extensions: { code: ErrorCode.Forbidden, action: INTROSPECT_ACTION, resource: '*', decision: decision.decision, http: { status: 403 } },
  });
}

/** Refuses introspection operations of callers whose policy does not allow {@link INTROSPECT_ACTION}. */
export function introspectionPolicyPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, contextValue }) {
          if (!operation || !readsSchema(document, operation)) return;
          const decision = introspectionDecision(contextValue.caller, contextValue.region);
          if (decision.decision !== 'allow') throw introspectionForbidden(decision);
        },
      };
    },
  };
}

/** Module-private: whether the operation selects `__schema` or `__type` (fragments followed once each). */
function readsSchema(document: DocumentNode, operation: OperationDefinitionNode): boolean {
  const fragments = new Map<string, SelectionSetNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition.selectionSet);
  const visited = new Set<string>();
  const stack: SelectionSetNode[] = [operation.selectionSet];
  while (stack.length) {
    for (const selection of stack.pop()!.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value === '__schema' || selection.name.value === '__type') return true;
        if (selection.selectionSet) stack.push(selection.selectionSet);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) stack.push(selection.selectionSet);
      else if (!visited.has(selection.name.value)) {
        visited.add(selection.name.value);
        const fragment = fragments.get(selection.name.value);
        if (fragment) stack.push(fragment);
      }
    }
  }
  return false;
}
