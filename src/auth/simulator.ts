import {
  getNamedType,
  isAbstractType,
  isCompositeType,
  Kind,
  valueFromASTUntyped,
  type DocumentNode,
  type FieldNode,
  type GraphQLAbstractType,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { decideFieldChecks, planFieldChecks, UNKNOWN_VALUE, type CheckScope, type FieldCheck, type GlobalIdValue, type SourceReader, type SourceValue } from './fieldChecks';
import type { FieldIam, FieldIamTable, ValueSource } from './fieldIam';
import { evaluate, type DecidingStatement, type Policy } from './policy';
import { displayArn, UNKNOWN_ID } from './unknownIds';

/**
 * The policy simulator: which fields of a document a set of policies allows, decided exactly as
 * enforcement decides them (the same table, the same checks, the same evaluator), without calling
 * upstream. IDs come from the document's literals and variables; what only an upstream answer
 * would tell (a campaign's segment ID, a list's members) is unknown and shown as `*`: a check on
 * it is `allowed` when the policies allow every value, `denied` when they allow none, and
 * `depends` when that depends on the ID.
 *
 * A child object knows the IDs its field's checks named (`app(id: "A") { campaigns { … } }`:
 * the campaigns know app A), so edges below a known object are decided on real ARNs.
 */

/** One check of a field, with its outcome. */
export interface SimulatedCheck {
  readonly action: string;
  /** The ARN, unknown IDs shown as `*`. */
  readonly resource: string;
  readonly outcome: 'allowed' | 'denied' | 'depends';
  /** The statement that decided (allowed: the allowing one; denied: the explicit deny, if any). */
  readonly statement?: DecidingStatement;
  /** `explicitDeny`, `implicitDeny` or `needsTags` for a denied check. */
  readonly reason?: string;
}

/** One field of the document that reaches upstream (or reads the schema). */
export interface SimulatedField {
  /** The response path: aliases, with `[]` under lists and `[i]` for `nodes(ids:)` items. */
  readonly path: string;
  /** `Type.field`. */
  readonly coordinate: string;
  /** `allowed` when every check is; `denied` when one is for every ID; `depends` otherwise. */
  readonly outcome: 'allowed' | 'denied' | 'depends';
  readonly checks: readonly SimulatedCheck[];
}

/** Options of {@link simulate}. */
export interface SimulateOptions {
  readonly schema: GraphQLSchema;
  readonly table: FieldIamTable;
  readonly policies: readonly Policy[];
  readonly document: DocumentNode;
  readonly variables?: Readonly<Record<string, unknown>>;
  /** The operation to simulate when the document has several. */
  readonly operationName?: string;
  readonly scope: CheckScope;
  /** Decodes a global ID (the gateway's own format); undefined for one it did not issue. */
  readonly decodeGlobalId: (id: string) => (GlobalIdValue & { readonly region: string }) | undefined;
  /**
   * The gateway's own rewriting of a field's arguments before its policy check (a global ID given
   * where an upstream ID is asked for becomes that ID: graph/idArguments.ts), so the simulation
   * decides on the ARNs the gateway would; by field coordinate (`Type.field`).
   */
  readonly normaliseArguments?: (coordinate: string, args: Record<string, unknown>) => Record<string, unknown>;
}

/** Simulates one operation of a document: one entry per upstream-reaching field, in document order. */
export function simulate(options: SimulateOptions): SimulatedField[] {
  const { schema, document } = options;
  const operations = document.definitions.filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
  const operation = options.operationName ? operations.find((candidate) => candidate.name?.value === options.operationName) : operations[0];
  if (!operation) throw new Error(options.operationName ? `The document has no operation named ${options.operationName}.` : 'The document has no operation.');
  if (operations.length > 1 && !options.operationName) throw new Error(`The document has ${operations.length} operations; name the one to simulate.`);
  const root = operation.operation === 'mutation' ? schema.getMutationType() : operation.operation === 'subscription' ? schema.getSubscriptionType() : schema.getQueryType();
  if (!root) throw new Error(`The schema has no ${operation.operation} type.`);
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const results: SimulatedField[] = [];
  const context = { 'aws:RequestedRegion': options.scope.region };

  const walk = (selectionSet: SelectionSetNode, type: GraphQLCompositeType, path: string, known: ReadonlyMap<string, string>, seen: ReadonlySet<string>): void => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : type;
        if (condition && isCompositeType(condition)) walk(selection.selectionSet, condition, path, known, seen);
        continue;
      }
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        // A fragment spread inside itself is refused by validation; the guard keeps the walk finite.
        if (!fragment || seen.has(fragment.name.value)) continue;
        const condition = schema.getType(fragment.typeCondition.name.value);
        if (condition && isCompositeType(condition)) walk(fragment.selectionSet, condition, path, known, new Set([...seen, fragment.name.value]));
        continue;
      }
      fieldOf(selection, type, path, known, seen);
    }
  };

  const fieldOf = (node: FieldNode, type: GraphQLCompositeType, parentPath: string, known: ReadonlyMap<string, string>, seen: ReadonlySet<string>): void => {
    const name = node.name.value;
    const path = parentPath ? `${parentPath}.${node.alias?.value ?? name}` : (node.alias?.value ?? name);
    if (name === '__schema' || name === '__type') {
      const decision = evaluate(options.policies, { action: 'graphql:Introspect', resource: '*', context });
      results.push({ path, coordinate: `${type.name}.${name}`, outcome: decision.decision === 'allow' ? 'allowed' : 'denied', checks: [checkOf({ action: 'graphql:Introspect', resource: '*' }, decision.decision, decision.statement)] });
      return;
    }
    if (name.startsWith('__') || !('getFields' in type)) return;
    const definition = type.getFields()[name];
    if (!definition) return;
    const given = argumentsOf(node, options.variables ?? {});
    const args = options.normaliseArguments ? options.normaliseArguments(`${type.name}.${name}`, given) : given;
    const childType = getNamedType(definition.type);
    const listed = /^\[/.test(String(definition.type).replace(/!$/, ''));
    // Implementations carry the rows (an interface field is enforced on each): take the first that has one.
    const row = options.table.fields.get(`${type.name}.${name}`) ?? (isAbstractType(type) ? firstImplementationRow(schema, type, name, options.table) : undefined);
    let childKnown: ReadonlyMap<string, string> = known;
    if (row) {
      const globalIdArgument = row.select.kind === 'globalId' ? row.select : undefined;
      if (globalIdArgument?.list) {
        const ids = args[globalIdArgument.argument];
        (Array.isArray(ids) ? ids : []).forEach((id, index) => {
          const decided = decideRow(row, { ...args, [globalIdArgument.argument]: id }, known, options, context, decodedIn(options, id));
          results.push({ path: `${path}[${index}]`, coordinate: row.coordinate, ...decided.field });
        });
        childKnown = new Map();
      } else {
        const decided = decideRow(row, args, known, options, context, globalIdArgument ? decodedIn(options, args[globalIdArgument.argument]) : undefined);
        results.push({ path, coordinate: row.coordinate, ...decided.field });
        childKnown = decided.known;
      }
    }
    if (node.selectionSet && isCompositeType(childType)) walk(node.selectionSet, childType, listed ? `${path}[]` : path, childKnown, seen);
  };

  walk(operation.selectionSet, root, '', new Map(), new Set());
  return results;
}

/** Formats a simulation as the CLI prints it: one line per field, then the deciding statement or reason. */
export function formatSimulation(fields: readonly SimulatedField[]): string {
  if (fields.length === 0) return 'No field of this operation reaches upstream: nothing to authorize.\n';
  const width = Math.max(...fields.map((field) => field.path.length));
  const lines: string[] = [];
  for (const field of fields) {
    lines.push(`${field.outcome.toUpperCase().padEnd(7)}  ${field.path.padEnd(width)}  (${field.coordinate})`);
    for (const check of field.checks) lines.push(`           ${check.outcome.padEnd(7)} ${check.action} on ${check.resource}  ${explain(check)}`);
  }
  return `${lines.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------
// Module-private.

/** Module-private: why a check came out as it did. */
function explain(check: SimulatedCheck): string {
  const by = check.statement ? `policy "${check.statement.policyName}" statement ${check.statement.sid ? `"${check.statement.sid}"` : `#${check.statement.index}`}` : undefined;
  if (check.outcome === 'allowed') return `<- allowed by ${by}`;
  if (check.reason === 'explicitDeny') return `<- explicitly denied by ${by}`;
  if (check.reason === 'needsTags') return '<- depends on aws:ResourceTag: the gateway reads the resource\'s tags when its ARN is known (one ListTagsForResource per ARN), else denies';
  if (check.outcome === 'depends') return `<- allowed for some IDs only (* is not known before the call)${by ? `; ${by}` : ''}`;
  return '<- implicit deny: no statement allows it';
}

/** Module-private: the decision of one row for one object, and what its child objects know. */
function decideRow(row: FieldIam, args: Record<string, unknown>, known: ReadonlyMap<string, string>, options: SimulateOptions, context: Record<string, string>, globalId: GlobalIdValue | null | undefined) {
  const reader: SourceReader = {
    read(source: ValueSource, placeholder?: string): SourceValue {
      if (source.kind === 'argument') {
        let value: unknown = args;
        for (const step of source.path) value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[step] : undefined;
        if (value === undefined || value === null) return row.mutation ? null : UNKNOWN_VALUE;
        return Array.isArray(value) ? value.map(String) : String(value);
      }
      if (source.kind === 'parent' && placeholder !== undefined) return known.get(placeholder) ?? UNKNOWN_VALUE;
      return UNKNOWN_VALUE;
    },
  };
  const checks = planFieldChecks(row, reader, options.scope, globalId) as readonly FieldCheck[];
  const simulated = checks.map((check) => {
    const pessimistic = decideFieldChecks(options.policies, [check], context, 'pessimistic');
    if (pessimistic.allowed) return checkOf(check, 'allow', pessimistic.statement);
    const optimistic = decideFieldChecks(options.policies, [check], context, 'optimistic');
    if (!optimistic.allowed) return checkOf(check, optimistic.denied!.decision, optimistic.denied!.statement);
    return { ...checkOf(check, pessimistic.denied!.decision, pessimistic.denied!.statement), outcome: 'depends' as const };
  });
  const outcome: SimulatedField['outcome'] = simulated.some((check) => check.outcome === 'denied') ? 'denied' : simulated.some((check) => check.outcome === 'depends') ? 'depends' : 'allowed';
  // The child objects know the IDs this field's checks named (each placeholder read from the check's own ARN).
  const childKnown = new Map<string, string>();
  for (const operation of row.operations) {
    for (const group of operation.groups) {
      for (const binding of group.alternatives) {
        for (const check of checks) {
          if (check.operation !== operation.operation) continue;
          const values = placeholdersOf(binding.arn, check.resource);
          if (values) for (const [name, value] of values) if (!value.includes(UNKNOWN_ID)) childKnown.set(name, value);
        }
      }
    }
  }
  return { field: { outcome, checks: simulated }, known: childKnown };
}

/** Module-private: a check as the simulator reports it. */
function checkOf(check: Pick<FieldCheck, 'action' | 'resource'>, decision: string, statement: DecidingStatement | undefined): SimulatedCheck {
  const allowed = decision === 'allow';
  return {
    action: check.action,
    resource: displayArn(check.resource),
    outcome: allowed ? 'allowed' : 'denied',
    ...(statement && (allowed || decision === 'explicitDeny') ? { statement } : {}),
    ...(allowed ? {} : { reason: decision }),
  };
}

/** Module-private: the placeholders of a template read back from an ARN built from it, or undefined when it does not fit. */
function placeholdersOf(template: string, arn: string): Map<string, string> | undefined {
  const names: string[] = [];
  const pattern = template.replace(/[.*+?^${}()|[\]\\]/g, (character) => `\\${character}`).replace(/\\\$\\\{([A-Za-z]+)\\\}/g, (_match, name: string) => {
    names.push(name);
    return '([^:/]+)';
  });
  const match = new RegExp(`^${pattern}$`).exec(arn);
  if (!match) return undefined;
  return new Map(names.map((name, index) => [name, match[index + 1]]));
}

/** Module-private: the arguments of a field, variables substituted. */
function argumentsOf(node: FieldNode, variables: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  for (const argument of node.arguments ?? []) args[argument.name.value] = valueFromASTUntyped(argument.value, variables as Record<string, unknown>);
  return args;
}

/** Module-private: a global ID of the simulated region, decoded; null when it is not one (the gateway refuses it before any call). */
function decodedIn(options: SimulateOptions, id: unknown): GlobalIdValue | null {
  if (typeof id !== 'string') return null;
  const decoded = options.decodeGlobalId(id);
  return decoded && decoded.region === options.scope.region ? { type: decoded.type, keys: decoded.keys } : null;
}

/** Module-private: the row of an abstract type's field, from its first implementation that has one. */
function firstImplementationRow(schema: GraphQLSchema, type: GraphQLAbstractType, name: string, table: FieldIamTable): FieldIam | undefined {
  for (const implementation of schema.getPossibleTypes(type)) {
    const row = table.fields.get(`${implementation.name}.${name}`);
    if (row) return row;
  }
  return undefined;
}

/** Whether a simulation has a field that is not allowed for every ID (the CLI's exit code). */
export function anyDenied(fields: readonly SimulatedField[]): boolean {
  return fields.some((field) => field.outcome !== 'allowed');
}

