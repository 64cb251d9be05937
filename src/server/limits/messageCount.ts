import {
  getArgumentValues,
  getDirectiveValues,
  getVariableValues,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  isAbstractType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type FragmentSpreadNode,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
  type InlineFragmentNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { readUpstreamAnnotations } from './costModel';

/**
 * How many messages an operation can send: what the send budget of the rate limits charges
 * (plugins/rateLimits.ts). A sending field is a Mutation field whose `@upstream` annotation names
 * an AWS `Send*` operation (SendTextMessage, SendVoiceMessage, SendDestinationNumberVerificationCode,
 * SendMessages, SendUsersMessages, SendOTPMessage), read from the same annotations as the cost
 * model, so a new sending mutation is charged without a second list to keep. Each execution of
 * such a field is one message; the two fields that address many recipients at once are charged
 * per recipient (see {@link RECIPIENT_LISTS}).
 *
 * Fields are collected as graphql-js executes them: aliases are separate executions (50 aliased
 * `sendTextMessage` are 50 messages), fields merged under one response key are one, fragments are
 * followed and `@skip`/`@include` are evaluated with the request's variables.
 */

/** Counts the messages `operation` of `document` can send with `variables`. */
export type MessageCounter = (document: DocumentNode, operation: OperationDefinitionNode, variables: Readonly<Record<string, unknown>> | undefined) => number;

/**
 * The input lists whose entries are each one recipient, by sending field: a SendMessages to 100
 * addresses sends 100 messages, a SendUsersMessages to 10 users at least 10 (one per user is
 * charged; a user's endpoints are not known before the call).
 */
export const RECIPIENT_LISTS: Readonly<Record<string, readonly string[]>> = {
  'Mutation.sendMessages': ['addresses', 'endpoints'],
  'Mutation.sendUsersMessages': ['users'],
};

/** The Mutation fields of `schema` that send messages (`Mutation.<name>` coordinates), from their `@upstream` annotations. */
export function sendingFieldsOf(schema: GraphQLSchema): ReadonlySet<string> {
  const sending = new Set<string>();
  const mutation = schema.getMutationType();
  if (!mutation) return sending;
  for (const [coordinate, annotation] of readUpstreamAnnotations(schema)) {
    if (!coordinate.startsWith(`${mutation.name}.`)) continue;
    if (Object.values(annotation).some((operations) => operations.some((operation) => /^Send[A-Z]/.test(operation)))) sending.add(coordinate);
  }
  return sending;
}

/** Builds the {@link MessageCounter} of `schema`. */
export function createMessageCounter(schema: GraphQLSchema): MessageCounter {
  const mutation = schema.getMutationType();
  const sending = sendingFieldsOf(schema);
  return (document, operation, variables) => {
    if (!mutation || operation.operation !== 'mutation') return 0;
    // The variables as execution will see them. When they do not coerce, execution stops before
    // any field runs, so nothing is sent.
    const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {}, { maxErrors: 1 });
    if (coerced.errors) return 0;
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    const fields = new Map<string, FieldNode>();
    collectRootFields({ schema, type: mutation, fragments, variables: coerced.coerced, fields, visited: new Set() }, operation.selectionSet);
    let messages = 0;
    for (const node of fields.values()) {
      const coordinate = `${mutation.name}.${node.name.value}`;
      const field = mutation.getFields()[node.name.value];
      if (field && sending.has(coordinate)) messages += recipientsOf(coordinate, field, node, coerced.coerced);
    }
    return messages;
  };
}

/** Module-private: what {@link collectRootFields} walks with. */
interface RootWalk {
  readonly schema: GraphQLSchema;
  readonly type: GraphQLObjectType;
  readonly fragments: ReadonlyMap<string, FragmentDefinitionNode>;
  readonly variables: Record<string, unknown>;
  /** The first field node of each response key: fields merged under one key execute once. */
  readonly fields: Map<string, FieldNode>;
  /** Fragments already spread (graphql-js spreads each fragment once per selection set). */
  readonly visited: Set<string>;
}

/**
 * Module-private: the root fields as graphql-js's executor collects them (its `collectFields`,
 * which graphql-js marks internal): by response key, through inline fragments and fragment spreads
 * whose type condition applies, leaving out what `@skip`/`@include` exclude.
 */
function collectRootFields(walk: RootWalk, selectionSet: SelectionSetNode): void {
  for (const selection of selectionSet.selections) {
    if (!included(selection, walk.variables)) continue;
    switch (selection.kind) {
      case Kind.FIELD: {
        const key = selection.alias?.value ?? selection.name.value;
        if (!walk.fields.has(key)) walk.fields.set(key, selection);
        break;
      }
      case Kind.INLINE_FRAGMENT:
        if (appliesTo(walk, selection.typeCondition?.name.value)) collectRootFields(walk, selection.selectionSet);
        break;
      case Kind.FRAGMENT_SPREAD: {
        const name = selection.name.value;
        if (walk.visited.has(name)) break;
        walk.visited.add(name);
        const fragment = walk.fragments.get(name);
        if (fragment && appliesTo(walk, fragment.typeCondition.name.value)) collectRootFields(walk, fragment.selectionSet);
        break;
      }
    }
  }
}

/** Module-private: whether `@skip`/`@include` let a selection run. */
function included(node: FieldNode | InlineFragmentNode | FragmentSpreadNode, variables: Record<string, unknown>): boolean {
  if (getDirectiveValues(GraphQLSkipDirective, node, variables)?.if === true) return false;
  if (getDirectiveValues(GraphQLIncludeDirective, node, variables)?.if === false) return false;
  return true;
}

/** Module-private: whether a fragment with type condition `name` (none: the parent type) applies to the root type. */
function appliesTo(walk: RootWalk, name: string | undefined): boolean {
  if (name === undefined || name === walk.type.name) return true;
  const condition = walk.schema.getType(name);
  return condition !== undefined && condition !== null && isAbstractType(condition) && walk.schema.isSubType(condition, walk.type);
}

/** Module-private: the messages one execution of a sending field sends (at least one). */
function recipientsOf(coordinate: string, field: GraphQLField<unknown, unknown>, node: FieldNode, variables: Record<string, unknown>): number {
  const lists = RECIPIENT_LISTS[coordinate];
  if (!lists) return 1;
  let args: Record<string, unknown>;
  try {
    args = getArgumentValues(field, node, variables);
  } catch {
    // A bad argument fails the field before its call: it sends nothing, but it is counted as one
    // rather than trusting a value the executor would refuse.
    return 1;
  }
  const input = (args.input ?? {}) as Record<string, unknown>;
  const recipients = lists.reduce((total, name) => total + (Array.isArray(input[name]) ? (input[name] as unknown[]).length : 0), 0);
  return Math.max(1, recipients);
}
