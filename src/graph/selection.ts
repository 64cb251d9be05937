import { getDirectiveValues, GraphQLIncludeDirective, GraphQLSkipDirective, Kind } from 'graphql';
import type { FieldNode, GraphQLResolveInfo, SelectionNode } from 'graphql';
import type { GraphQLContext } from './context';

/**
 * Reading a resolved field's own selection (its child fields), for resolvers that plan their
 * upstream reads by what the query asks for: a prefetch only when a child is selected, or a root
 * field that answers with a reference (see {@link answersByReference}).
 */

/**
 * The names of the child fields the resolved field's selection asks for, through inline fragments
 * and fragment spreads, leaving out what `@skip` / `@include` drop (a dropped field is never
 * resolved, so it must neither trigger a read nor count as a witness).
 */
export function selectedFieldNames(info: GraphQLResolveInfo): ReadonlySet<string> {
  return new Set(childFields(info, info.fieldNodes).keys());
}

/**
 * Whether the resolved field's selection reaches a descendant by the field names on the way
 * (`['nodes', 'definition']`: some selected `nodes` selects `definition`), read as
 * {@link selectedFieldNames} reads one level.
 */
export function selectsPath(info: GraphQLResolveInfo, path: readonly string[]): boolean {
  let fields: readonly FieldNode[] = info.fieldNodes;
  for (const name of path) fields = childFields(info, fields).get(name) ?? [];
  return fields.length > 0;
}

/**
 * What a nullable root field (`Query.app`, `Query.registration`) needs to know about its object
 * type to answer with a reference: the object known by its ID only, whose edges that need nothing
 * else start at once, beside (not after) the read of the object itself.
 */
export interface ReferenceShape {
  /** Fields that need only the ID (or nothing at all). */
  readonly idFields: ReadonlySet<string>;
  /** Fields read from the object itself: a reference reads them once the object is loaded. */
  readonly dataFields: ReadonlySet<string>;
  /** Edges whose upstream read needs only the ID: the fields that gain from not waiting. */
  readonly idEdges: ReadonlySet<string>;
  /**
   * Non-null fields (of the three sets above) that fail with NOT_FOUND when the object does not
   * exist. A non-null field's error turns the nullable parent into null, so a reference that has
   * one selected is never a ghost object.
   */
  readonly witnesses: ReadonlySet<string>;
  /**
   * ID edges that still need the object read first while the process does not know the account
   * scope its ARNs are built from (`App.kpi` names the project by ARN): the request plan then
   * places them after that read.
   */
  readonly readFirstWithoutScope?: ReadonlySet<string>;
}

/**
 * Whether a root field may answer with a reference, given the names of its selected child fields
 * ({@link selectedFieldNames}). Yes when every selected field is an ID field, a data field or an ID
 * edge of `shape`, at least one ID edge is selected (else waiting for the object costs nothing)
 * and at least one witness is (so a missing object is still null with NOT_FOUND, at the witness's
 * path). Any other field (one not yet checked to fit) keeps the read of the object first.
 */
export function answersByReference(names: ReadonlySet<string>, shape: ReferenceShape): boolean {
  let edge = false;
  let witness = false;
  for (const name of names) {
    if (!shape.idFields.has(name) && !shape.dataFields.has(name) && !shape.idEdges.has(name)) return false;
    edge ||= shape.idEdges.has(name);
    witness ||= shape.witnesses.has(name);
  }
  return edge && witness;
}

/** Module-private: child field nodes by response field name, each node once (a Set keeps merging linear). */
type FieldsByName = Map<string, Set<FieldNode>>;

/**
 * Module-private: what each named fragment contributes, collected once per request. Keyed by the
 * request's `variableValues` object (one per operation execution, shared by every resolver's
 * `info`), because @skip/@include may read variables; nothing else of a fragment's contribution
 * depends on where it is spread.
 *
 * Why memoise: a fragment spread in two places, whose own body spreads the next fragment twice,
 * and so on (22 such fragments are 1 KB), expands to 2^22 visits when each spread is walked where
 * it stands; graphql-js's own collectFields visits each fragment once per selection set. With the
 * memo, each fragment's body is walked once per request and merging a spread costs the size of
 * its (de-duplicated) contribution, so a walk is linear in the document.
 */
const fragmentMemo = new WeakMap<object, Map<string, FieldsByName>>();

/** Module-private: the child fields of some fields (merged, as graphql-js merges them), by field name. */
function childFields(info: GraphQLResolveInfo, fields: readonly FieldNode[]): Map<string, FieldNode[]> {
  const byName: FieldsByName = new Map();
  for (const field of fields) collectInto(info, field.selectionSet?.selections ?? [], byName, new Set());
  return new Map([...byName].map(([name, nodes]) => [name, [...nodes]]));
}

/** Module-private: adds the fields of `selections` (through fragments) to `into`. */
function collectInto(info: GraphQLResolveInfo, selections: readonly SelectionNode[], into: FieldsByName, inProgress: Set<string>): void {
  for (const selection of selections) {
    if (!isIncluded(info, selection)) continue;
    switch (selection.kind) {
      case Kind.FIELD: {
        const named = into.get(selection.name.value);
        if (named) named.add(selection);
        else into.set(selection.name.value, new Set([selection]));
        break;
      }
      case Kind.INLINE_FRAGMENT:
        collectInto(info, selection.selectionSet.selections, into, inProgress);
        break;
      case Kind.FRAGMENT_SPREAD:
        for (const [name, nodes] of fragmentFields(info, selection.name.value, inProgress)) {
          const named = into.get(name);
          if (named) for (const node of nodes) named.add(node);
          else into.set(name, new Set(nodes));
        }
        break;
      default:
        throw new Error(`Unhandled selection kind: ${JSON.stringify(selection satisfies never)}`);
    }
  }
}

/** Module-private: a named fragment's own fields, from the request's memo (computed on first use). */
function fragmentFields(info: GraphQLResolveInfo, name: string, inProgress: Set<string>): FieldsByName {
  let memo = fragmentMemo.get(info.variableValues);
  if (!memo) fragmentMemo.set(info.variableValues, (memo = new Map()));
  const known = memo.get(name);
  if (known) return known;
  const fragment = info.fragments[name];
  // Validation rejects unknown and cyclic fragments; the guard only keeps this walk finite regardless.
  if (!fragment || inProgress.has(name)) return new Map();
  inProgress.add(name);
  const own: FieldsByName = new Map();
  collectInto(info, fragment.selectionSet.selections, own, inProgress);
  inProgress.delete(name);
  memo.set(name, own);
  return own;
}

/** Module-private: whether @skip/@include keep a selection. */
function isIncluded(info: GraphQLResolveInfo, selection: SelectionNode): boolean {
  if (getDirectiveValues(GraphQLSkipDirective, selection, info.variableValues)?.if === true) return false;
  return getDirectiveValues(GraphQLIncludeDirective, selection, info.variableValues)?.if !== false;
}

/**
 * Field resolvers over a parent that may be a reference: `complete` gives the whole model (the
 * parent itself, or its upstream read for a reference), and each resolver built by the returned
 * function reads its value from that, without a promise when the parent is already whole.
 */
export function fromWhole<M>(complete: (parent: M, ctx: GraphQLContext) => M | Promise<M>) {
  return <T>(read: (whole: M, ctx: GraphQLContext) => T) =>
    (parent: M, _args: unknown, ctx: GraphQLContext): T | Promise<Awaited<T>> => {
      const whole = complete(parent, ctx);
      return whole instanceof Promise ? whole.then((model) => read(model, ctx) as Awaited<T>) : read(whole, ctx);
    };
}
