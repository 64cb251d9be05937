import {
  getDirectiveValues,
  getNamedType,
  getNullableType,
  GraphQLIncludeDirective,
  isNonNullType,
  GraphQLSkipDirective,
  isAbstractType,
  isCompositeType,
  isListType,
  Kind,
  OperationTypeNode,
  valueFromASTUntyped,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';
import { answersByReference, CARRIED_FIELDS, EDGES_READ_BESIDE_PARENT, nodeReadOf, readsOfType, REFERENCE_ROOTS, type ReferenceShape } from '../../graph';
import { graphCostModelOptions } from '../limits/graphCostOptions';
import type { ReadPlan } from '../../upstream/readPlan';
import { createOperationMemo } from '../operationMemo';
import { MAX_IDS_PER_DESCRIBE } from '../../upstream/sms-voice-v2/describeBatch';
import { annotationLookup, fieldOf, readUpstreamAnnotations, type PageSizes, type UpstreamAnnotation } from '../limits/costModel';

/**
 * The request's read plan, computed from the operation (fragments, aliases, `@skip`/`@include`
 * and variables resolved) before anything executes, from the same `@upstream` annotations of the
 * SDL the cost model and the coverage manifest read. It decides what the loaders cannot know
 * from the one load in front of them:
 *
 * - **One page size per collection.** Every field that reads a list operation's collection
 *   (`App.segments(first: 20)`: GetSegments at 20; `JourneyStartCondition.segment`, annotated with GetSegments
 *   beside its by-ID read: the whole list) contributes its size; the collection is read once, at
 *   the largest (upstream/collectionReader.ts), and every other field cuts its page from it.
 * - **Complete collections.** A field that returns a list from a list operation without `first`
 *   (`Segment.campaigns`) reads the whole collection (`readsWhole`); a field naming a list beside
 *   a by-ID read (`JourneyStartCondition.segment`) may, so its list is read at the upstream maximum. Once a
 *   collection is whole, lookups inside it answer locally, present or absent.
 * - **Waves.** Each annotated field is placed in the wave after the read that produced its parent
 *   (the root's fields in wave 1): `waves(operation)` tells a loader that the same operation is
 *   read again in a deeper wave, so its first batch can wait for that wave, where the request
 *   goes anyway, and join its batch instead of going alone. A mutation's root fields run one
 *   after another, so each starts after the deepest wave before it; its rounds are then a bound
 *   (a write's answer primes the store and may spare a later read).
 *
 * The plan is reported (`extensions.plan` outside production, `npm run plan`) as the operations
 * each field may call, by coordinate, with their waves and page sizes, the predicted number of
 * sequential rounds, and the predicted calls of each operation: a number where the document decides
 * it (`Place.certain`), null where the data does.
 *
 * Why a hand-written walk: like the cost model's, it needs this graph's annotations and page
 * sizes, and it must stay linear in the document whatever its fragments (each named fragment's
 * contribution is computed once per wave it is spread at and merged by coordinate).
 */

/** What one field (by coordinate) of the operation reads. */
export interface PlannedRead {
  /** `Type.field`. */
  readonly coordinate: string;
  /** The upstream operations the field may call (its `@upstream` annotation). */
  readonly operations: readonly string[];
  /**
   * The waves the field reads in (1: the first upstream round); none when another read answers it
   * and it is listed only for the collection size it needs (`Segment.campaigns` beside `App.campaigns`).
   */
  readonly waves: readonly number[];
  /** The page size it asks of its list operation, when it reads a collection page. */
  readonly pageSize?: number;
  /** It may read its list operation's whole collection. */
  readonly whole?: boolean;
  /**
   * Its calls depend on the data: it reads below a list, below a reference the data may leave
   * empty, over types the data chooses, a whole collection, or more than once.
   */
  readonly dataDependent?: boolean;
}

/** The plan of one operation. */
export interface RequestPlan extends ReadPlan {
  /** Every field that reaches upstream, in document order of first appearance. */
  readonly reads: readonly PlannedRead[];
  /** The predicted number of sequential upstream rounds (the deepest wave that reads). */
  readonly rounds: number;
  /**
   * In a mutation, `rounds` is a bound: its root fields run one after another (each after the
   * deepest wave before it), and a write's answer may spare a later read and its round.
   */
  readonly roundsAtMost?: boolean;
  /** The page size each list operation's collections are read at. */
  readonly pageSizes: Readonly<Record<string, number>>;
  /** Whether a field of the request reads the whole collection of a list operation (a list-typed field without `first`). */
  readsWhole(listOperation: string): boolean;
  /**
   * The predicted upstream calls of each operation the request reads: a number where the document
   * decides it (a count, assuming every object an argument names exists and the KPI cache is cold),
   * null where the data does ({@link PlannedRead.dataDependent}; `reads` names the fields).
   */
  readonly calls: Readonly<Record<string, number | null>>;
  /** The report `extensions.plan` and `npm run plan` show. */
  report(): PlanReport;
}

/** The JSON form of a plan. */
export interface PlanReport {
  readonly rounds: number;
  /** `RequestPlan.roundsAtMost`. */
  readonly roundsAtMost?: boolean;
  /** Per wave, the upstream operations its fields may call. */
  readonly waves: ReadonlyArray<{ readonly wave: number; readonly operations: readonly string[] }>;
  /** The page size of each collection read (list operation → size). */
  readonly pageSizes: Readonly<Record<string, number>>;
  /** List operations some field reads whole (a lookup inside answers locally). */
  readonly wholeCollections: readonly string[];
  /** Operations whose first batch waits for their deeper wave (`ReadPlan.mayWait`). */
  readonly waitingReads: readonly string[];
  /** `RequestPlan.calls`. */
  readonly calls: Readonly<Record<string, number | null>>;
  readonly reads: readonly PlannedRead[];
}

/**
 * What the gateway process knows when a request starts, beyond the operation (default: a gateway
 * that has served a while). Part of the key plans are kept under (`createPlanner`'s memo): a field
 * added here must be added to that key.
 */
export interface PlanState {
  /**
   * Whether the Pinpoint client knows the account scope project ARNs are built from (learnt from
   * the first project it reads): until it does, `app(id) { kpi }` reads the project first
   * (`ReferenceShape.readFirstWithoutScope`). Default true.
   */
  readonly accountScopeKnown?: boolean;
}

/** Builds plans against one schema (reads its annotations once). */
export interface Planner {
  plan(document: DocumentNode, operation: OperationDefinitionNode, variables: Readonly<Record<string, unknown>> | undefined, state?: PlanState): RequestPlan;
}

/** Module-private: what a walk gathers per coordinate. */
interface Gathered {
  operations: readonly string[];
  waves: Set<number>;
  /** Operations of the annotated fields below it (what waits for its answer). */
  below: Set<string>;
  pageSize?: number;
  whole?: boolean;
  /** Its reads at certain places (`Place.certain`), counted up to 2 (more than one may share a call: not a count the document decides). */
  certainReads: number;
  /** The calls of one such read by operation, when not one (global IDs of several objects: `nodeIdCalls`). */
  callsEach?: Readonly<Record<string, number>>;
  /**
   * A root lookup's distinct arguments (aliases of `phoneNumber(phoneNumberId:)`): each names one
   * object of the root, so they are one read of that many keys (`lookupCalls`).
   */
  rootKeys?: Set<string>;
  /** A mutation's root field: its `rootKeys` are response keys, one call each. */
  write?: boolean;
  /** A read whose call the data decides (`PlannedRead.dataDependent`). */
  dataDependent: boolean;
  /** The types of the objects it reads (a connection's or list's item type; the types global IDs name). */
  itemTypes: readonly string[];
  /** It reads objects by ID or reference (one, or global IDs: `nodes(ids:)`), not a list page nor a per-parent answer of several. */
  lookup: boolean;
}

/** What the planner knows of the graph beyond its annotations. */
export interface PlannerOptions {
  /** Connection page sizes per `@upstream` service argument (the resolvers' own constants, as the cost model takes them). */
  readonly pageSizes: Readonly<Record<string, PageSizes>>;
  /**
   * Root fields that answer with a reference when their selection allows it (graph/index.ts
   * `REFERENCE_ROOTS`): their ID-only edges start in the root's own wave.
   */
  readonly referenceRoots?: ReadonlyMap<string, ReferenceShape>;
  /**
   * Edges back to an owner the request already read (`Campaign.app` below an App: the cost
   * model's `ownerEdges`): they cost no call, so they add no wave.
   */
  readonly ownerEdges?: ReadonlySet<string>;
  /**
   * The operation a global ID names (graph/index.ts `nodeReadOf`): `node(id: $id)` with a decodable
   * ID reads its type's operation only, and only that type's fragments apply below it.
   */
  readonly nodeReadOf?: (globalId: string) => NodeRead | undefined;
  /**
   * The operations that read an object of a type by its ID (graph `nodeReads`): below a field that
   * dispatches over types (`RegistrationAssociation.resource`), a fragment on one type was
   * produced by that type's read only.
   */
  readonly readsOfType?: (type: string) => readonly string[];
  /** Fields an answer already carries (graph/index.ts `CARRIED_FIELDS`): they cost no read. */
  readonly carriedFields?: CarriedFields;
  /**
   * Edges whose read starts beside the read of their parent (child coordinate → the coordinate
   * of the field producing the parent; graph `EDGES_READ_BESIDE_PARENT`): same wave as that read.
   */
  readonly readBesideParent?: ReadonlyMap<string, string>;
}

/** The type and upstream read of one global ID. */
export interface NodeRead {
  readonly type: string;
  readonly operation: string;
}

/** Fields whose data another read's answer holds, so they cost nothing when that read produced their object. */
export interface CarriedFields {
  /** By the operation that produced the object: the names of the fields its answer carries. */
  readonly byProducer: ReadonlyMap<string, ReadonlySet<string>>;
  /**
   * Fields an object produced by `producer` takes from its sibling `sibling`'s answer when the
   * selection reads that sibling too (a listed template's description from its version list).
   */
  readonly fromSibling: ReadonlyArray<{ readonly producer: string; readonly fields: ReadonlySet<string>; readonly sibling: string }>;
}

/** The planner's options for this graph: the cost model's page sizes and ownership edges, and the graph's reference roots. */
export function graphPlannerOptions(schema: GraphQLSchema): PlannerOptions {
  const cost = graphCostModelOptions(schema);
  // A keyword's owner is the number or pool it is listed under (DescribeKeywords reads one
  // origination identity's keywords), so below that owner the edge returns it again.
  const ownerEdges = new Set([...cost.ownerEdges, 'Keyword.owner']);
  return { pageSizes: cost.pageSizes, ownerEdges, referenceRoots: REFERENCE_ROOTS, nodeReadOf, readsOfType, carriedFields: CARRIED_FIELDS, readBesideParent: EDGES_READ_BESIDE_PARENT };
}

/** Module-private: where a walk stands: the object whose selection it walks, and what is known of it. */
interface Place {
  /** The wave whose answers the object is available after (0: before any read). */
  readonly wave: number;
  /**
   * The object types above and at this object, each once and sorted (`App/Campaign`), for edges
   * back to an owner. A set, not a path: a memo key made of it has few values whatever the depth.
   */
  readonly ancestors: string;
  /** The operations whose answer produced the object: a field its answer carries costs nothing. */
  readonly producers: readonly string[];
  /** The project-keyed operations the nearest App reads itself, with their waves (`appKeyedOperations`). */
  readonly appReads: ReadonlyMap<string, number>;
  /** The concrete types the object may be, when an ID told them (`node(id:)`); else any of its type's. */
  readonly possible?: ReadonlySet<string>;
  /**
   * The names of `CarriedFields.fromSibling` siblings the object's selection reads (below an
   * interface or union: those it reads whatever the object's type).
   */
  readonly selects: ReadonlySet<string>;
  /**
   * Below an interface or union whose siblings matter: the object's own selection set, so that a
   * fragment on one type narrows `selects` to the siblings selected for that type (a template's
   * versions selected on push templates carry nothing for an SMS template).
   */
  readonly objectSelection?: SelectionSetNode;
  /** The coordinate of the field whose read produced the object ('' at the root). */
  readonly via: string;
  /** The object is an App reached again by an edge back to it (`Campaign.app`): its reads are the first App's. */
  readonly reentered: boolean;
  /**
   * The operations of a field that dispatches over types, when the object came from one: its
   * producer is one of them, known only under a fragment on a concrete type (then `producers`).
   */
  readonly dispatch: readonly string[];
  /**
   * The object is one per request and is there whenever the objects the operation's arguments name
   * exist: no list above it, no reference the data may leave empty (a nullable field without
   * arguments). A read below a certain place costs a number of calls the document decides.
   */
  readonly certain: boolean;
  /** Fields of this object that wait one more wave, for the object's own read (`ReferenceShape.readFirstWithoutScope`). */
  readonly readFirst?: ReadonlySet<string>;
}

/** Module-private: a place as a memo key (each part has few values per document, so memoised fragments stay linear). */
function placeKey(place: Place): string {
  const reads = [...place.appReads].map(([operation, wave]) => `${operation}:${wave}`).join(',');
  return `${place.wave}|${place.ancestors}|${place.producers.join(',')}|${reads}|${place.possible ? [...place.possible].sort().join(',') : '*'}|${[...place.selects].join(',')}|${place.via}|${place.reentered}|${place.dispatch.join(',')}|${place.certain}|${place.readFirst ? [...place.readFirst].join(',') : ''}|${place.objectSelection ? selectionId(place.objectSelection) : ''}`;
}

/** Module-private: a number per selection set, for place keys (`Place.objectSelection`). */
const selectionIds = new WeakMap<SelectionSetNode, number>();
let nextSelectionId = 0;
function selectionId(selectionSet: SelectionSetNode): number {
  let id = selectionIds.get(selectionSet);
  if (id === undefined) selectionIds.set(selectionSet, (id = nextSelectionId++));
  return id;
}

/** Builds the planner of `schema`. */
export function createPlanner(schema: GraphQLSchema, options: PlannerOptions): Planner {
  const { pageSizes, referenceRoots = new Map<string, ReferenceShape>(), ownerEdges = new Set<string>(), nodeReadOf, readsOfType, carriedFields, readBesideParent = new Map<string, string>() } = options;
  const annotations = readUpstreamAnnotations(schema);
  const listOperations = listOperationsOf(schema, annotations);
  const annotationOf = annotationLookup(schema, annotations);
  /**
   * The reads of a field at a place: on an interface or union, every implementation's that the
   * object may be (the data picks one), where the cost model takes any one (they cost the same).
   */
  const annotationAt = (type: GraphQLCompositeType, name: string, possible: ReadonlySet<string> | undefined): UpstreamAnnotation | undefined => {
    if (!isAbstractType(type) || annotations.has(`${type.name}.${name}`)) return annotationOf(type, name);
    const union: Record<string, string[]> = {};
    for (const implementation of schema.getPossibleTypes(type)) {
      if (possible && !possible.has(implementation.name)) continue;
      for (const [service, operations] of Object.entries(annotations.get(`${implementation.name}.${name}`) ?? {})) {
        for (const operation of operations) if (!(union[service] ??= []).includes(operation)) union[service].push(operation);
      }
    }
    return Object.keys(union).length > 0 ? union : undefined;
  };
  const appKeyed = appKeyedOperations(schema, annotations);
  const siblingNames = new Set((carriedFields?.fromSibling ?? []).map((rule) => rule.sibling));
  const possibleNames = (type: GraphQLCompositeType): readonly string[] => (isAbstractType(type) ? schema.getPossibleTypes(type).map((t) => t.name) : [type.name]);
  /** Whether an object of `type` may have a field some `fromSibling` rule looks for (only then is its selection read for it). */
  const hasSiblingField = (type: GraphQLNamedType): boolean =>
    isCompositeType(type) && [...siblingNames].some((name) => (isAbstractType(type) ? schema.getPossibleTypes(type) : [type]).some((t) => fieldOf(t, name) !== undefined));

  // A plan depends on the operation, its variables and the process's state only (operationMemo.ts).
  const planned = createOperationMemo<RequestPlan>({ maxBytes: PLAN_MEMO_BYTES, sizeOf: (plan) => BYTES_PER_PLAN + plan.reads.length * BYTES_PER_PLANNED_READ });

  return {
    plan(document, operation, variables, state = {}) {
      return planned.get(operation, variables, `scope:${state.accountScopeKnown !== false}`, () => planAfresh(document, operation, variables, state));
    },
  };

  /** Module-private: the plan of one operation, walked from its selections. */
  function planAfresh(document: DocumentNode, operation: OperationDefinitionNode, variables: Readonly<Record<string, unknown>> | undefined, state: PlanState): RequestPlan {
    const vars = (variables ?? {}) as Record<string, unknown>;
    const root = schema.getRootType(operation.operation);
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    // A fragment's contribution depends only on where it is spread (the place) and its own body.
    const memo = new Map<string, Map<string, Gathered>>();
    const inProgress = new Set<string>();
    // A mutation's root fields run one after another: each starts once every read before it is
    // done, so it starts after the deepest wave walked so far (kept as the walk goes: linear).
    // Selections of one response key are one field, run where the key first appears.
    const writes = operation.operation === OperationTypeNode.MUTATION;
    let deepestWave = 0;
    const rootStarts = new Map<string, number>();
    const serialPlace = (selection: FieldNode, place: Place): Place => {
      const key = selection.alias?.value ?? selection.name.value;
      const start = rootStarts.get(key) ?? deepestWave;
      rootStarts.set(key, start);
      return { ...place, wave: start };
    };

    const included = (selection: SelectionNode): boolean =>
      getDirectiveValues(GraphQLSkipDirective, selection, vars)?.if !== true && getDirectiveValues(GraphQLIncludeDirective, selection, vars)?.if !== false;

    /** Whether fields under a type condition apply to an object that may be `possible`. */
    const applies = (condition: GraphQLCompositeType, possible: ReadonlySet<string> | undefined): boolean =>
      possible === undefined || possibleNames(condition).some((name) => possible.has(name));

    /**
     * The place under a type condition: below a dispatch, a concrete type names the read that
     * produced the object; below an interface or union, it names the siblings selected for it.
     */
    const narrowed = (place: Place, condition: GraphQLCompositeType): Place => {
      if (isAbstractType(condition)) return place;
      let inner = place;
      if (place.dispatch.length > 0 && readsOfType) {
        const reads = readsOfType(condition.name);
        inner = { ...inner, producers: place.dispatch.filter((op) => reads.includes(op)), dispatch: [] };
      }
      if (place.objectSelection) {
        const { objectSelection: _whole, ...rest } = inner;
        inner = { ...rest, selects: siblingsIn(namesSelectedFor(place.objectSelection, condition.name)) };
      }
      return inner;
    };

    /** The `fromSibling` siblings among `names`. */
    const siblingsIn = (names: Iterable<string>): ReadonlySet<string> => new Set([...names].filter((name) => siblingNames.has(name)));

    // The names a selection set selects for an object of one concrete type (fragments on other
    // types left out; every fragment without a type), once per set and type: a fragment's
    // selection set is one node wherever it is spread, so chains of fragments stay linear.
    const namesByType = new Map<SelectionSetNode, Map<string | undefined, Set<string>>>();
    const namesSelectedFor = (selectionSet: SelectionSetNode, typeName: string | undefined): ReadonlySet<string> => {
      const byType = namesByType.get(selectionSet) ?? new Map<string | undefined, Set<string>>();
      namesByType.set(selectionSet, byType);
      const known = byType.get(typeName);
      if (known) return known;
      const names = new Set<string>();
      // Set before the walk: a (refused) cycle of fragments then ends.
      byType.set(typeName, names);
      for (const selection of selectionSet.selections) {
        if (!included(selection)) continue;
        if (selection.kind === Kind.FIELD) {
          names.add(selection.name.value);
          continue;
        }
        const fragment = selection.kind === Kind.FRAGMENT_SPREAD ? fragments.get(selection.name.value) : undefined;
        const conditionName = selection.kind === Kind.INLINE_FRAGMENT ? selection.typeCondition?.name.value : fragment?.typeCondition.name.value;
        const condition = conditionName === undefined ? undefined : schema.getType(conditionName);
        if (typeName !== undefined && conditionName !== undefined && !(condition && isCompositeType(condition) && possibleNames(condition).includes(typeName))) continue;
        const inner = selection.kind === Kind.INLINE_FRAGMENT ? selection.selectionSet : fragment?.selectionSet;
        if (inner) for (const name of namesSelectedFor(inner, typeName)) names.add(name);
      }
      return names;
    };

    /** The siblings an interface's or union's selection set reads for every type the object may be. */
    const siblingsForEvery = (selectionSet: SelectionSetNode, type: GraphQLCompositeType): ReadonlySet<string> => {
      const perType = possibleNames(type).map((name) => siblingsIn(namesSelectedFor(selectionSet, name)));
      return new Set([...(perType[0] ?? [])].filter((name) => perType.every((names) => names.has(name))));
    };

    const walkSet = (selectionSet: SelectionSetNode, type: GraphQLCompositeType, place: Place, into: Map<string, Gathered>): void => {
      for (const selection of selectionSet.selections) {
        if (!included(selection)) continue;
        switch (selection.kind) {
          case Kind.FIELD:
            walkField(selection, type, writes && type === root ? serialPlace(selection, place) : place, into);
            break;
          case Kind.INLINE_FRAGMENT: {
            const condition = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : type;
            if (condition && isCompositeType(condition) && applies(condition, place.possible)) walkSet(selection.selectionSet, condition, narrowed(place, condition), into);
            break;
          }
          case Kind.FRAGMENT_SPREAD:
            merge(into, fragmentReads(selection.name.value, place));
            break;
        }
      }
    };

    /** The names of the fields a selection set selects (through fragments, after @skip/@include), whatever the object's type. */
    const selectedNames = (selectionSet: SelectionSetNode): ReadonlySet<string> => namesSelectedFor(selectionSet, undefined);

    const fragmentReads = (name: string, place: Place): Map<string, Gathered> => {
      const key = `${name}|${placeKey(place)}`;
      const known = memo.get(key);
      if (known) return known;
      const fragment = fragments.get(name);
      const gathered = new Map<string, Gathered>();
      // Validation refuses unknown and cyclic fragments; the guard keeps the walk finite regardless.
      if (!fragment || inProgress.has(key)) return gathered;
      const condition = schema.getType(fragment.typeCondition.name.value);
      if (!condition || !isCompositeType(condition) || !applies(condition, place.possible)) return gathered;
      inProgress.add(key);
      walkSet(fragment.selectionSet, condition, narrowed(place, condition), gathered);
      inProgress.delete(key);
      memo.set(key, gathered);
      return gathered;
    };

    /** Whether the field costs no read at `place`: its object's producing answer (or a sibling's) carries it, or its project already reads it. */
    const costsNothing = (parentType: GraphQLCompositeType, name: string, operations: readonly string[], place: Place): boolean => {
      if (operations.length === 0) return true;
      if (operations.every((op) => place.producers.includes(op))) return true;
      if (place.producers.some((producer) => carriedFields?.byProducer.get(producer)?.has(name))) return true;
      if (carriedBySibling(name, place)) return true;
      return (parentType.name !== 'App' || place.reentered) && operations.every((op) => place.appReads.has(op));
    };
    /**
     * Whether a sibling's answer carries the field (a listed template's description from its
     * version list): only when that answer holds the object's current data (the page of versions
     * holds the active one), which the data decides.
     */
    const carriedBySibling = (name: string, place: Place): boolean =>
      carriedFields?.fromSibling.some((rule) => place.producers.includes(rule.producer) && rule.fields.has(name) && place.selects.has(rule.sibling)) ?? false;

    const walkField = (node: FieldNode, parentType: GraphQLCompositeType, place: Place, into: Map<string, Gathered>): void => {
      const name = node.name.value;
      if (name.startsWith('__')) return;
      const field = fieldOf(parentType, name);
      if (!field) return;
      const coordinate = `${parentType.name}.${name}`;
      const returned = getNamedType(field.type);
      const ancestorTypes = place.ancestors === '' ? [] : place.ancestors.split('/');
      // An edge back to an owner already read costs nothing (the cost model's ownership edges).
      const owned = ownerEdges.has(coordinate) && isCompositeType(returned) && possibleNames(returned).some((type) => ancestorTypes.includes(type));
      const annotation = owned ? undefined : annotationAt(parentType, name, place.possible);
      let operations = annotation ? Object.values(annotation).flat() : [];
      // An abstract field read by global IDs (`node(id:)`, `nodes(ids:)`) reads only the types they name.
      const byId = annotation && isAbstractType(returned) ? nodeReads(node, vars, nodeReadOf) : undefined;
      if (byId) operations = [...new Set(byId.map((read) => read.operation))];
      // A root answering with a reference: its ID-only edges start beside its own read. Without
      // the object's own data selected, that read is made on demand (an edge below may need the
      // object: a cold KPI its ARN, a field value's definition the registration's type), or not at all.
      const shape = referenceRoots.get(coordinate);
      const childNames = node.selectionSet && (shape !== undefined || returned.name === 'App' || hasSiblingField(returned)) ? selectedNames(node.selectionSet) : undefined;
      const byReference = shape !== undefined && childNames !== undefined && answersByReference(childNames, shape);
      // Without the account scope, an edge that needs the object's ARN waits for the object's
      // read (made then, whatever else is selected); the other edges still start beside it.
      const readFirst = byReference && state.accountScopeKnown === false ? shape!.readFirstWithoutScope : undefined;
      const waitsForObject = readFirst !== undefined && [...childNames!].some((child) => readFirst.has(child));
      const onDemand = byReference && !waitsForObject && ![...childNames!].some((child) => shape!.dataFields.has(child));
      const free = annotation !== undefined && costsNothing(parentType, name, operations, place);
      const reads = annotation !== undefined && !free;
      // A field another read answers still sizes its collection: the read that answers it must hold the whole list.
      const read = annotation ? readShape(field, annotation, operations, listOperations, node, vars, pageSizes) : {};
      // A field its project already reads is there once that read is.
      const projectWave = free && (parentType.name !== 'App' || place.reentered) ? Math.max(...operations.map((op) => place.appReads.get(op) ?? 0)) : 0;
      // An edge read beside its parent's read shares that read's wave.
      const beside = reads && place.via !== '' && readBesideParent.get(coordinate) === place.via;
      const wave = reads ? (beside ? place.wave : place.wave + 1) + (place.readFirst?.has(name) ? 1 : 0) : Math.max(place.wave, projectWave);
      const childWave = byReference ? place.wave : wave;
      const instance = isCompositeType(returned) && !isAbstractType(returned) && !/(Connection|Edge)$/.test(returned.name);
      const many = isListType(getNullableType(field.type));
      // A nullable field without arguments below the root is a reference the data may leave empty
      // (asked only at a certain place: below an uncertain one nothing is certain anyway).
      const certainHere = place.certain && (isNonNullType(field.type) || field.args.length > 0 || parentType === root);
      // A field keyed by its project alone (a channel, the event stream) is read whenever its App is
      // there, whatever it answers: only what lies below it is uncertain.
      const keyedByProject = parentType.name === 'App' && field.args.length === 0 && operations.length > 0 && operations.every((op) => appKeyed.has(op));
      const readHere = certainHere || (place.certain && keyedByProject);
      // Over several types, the data chooses which read (unless global IDs named them); beside a
      // by-ID read, whether enough lookups share its list does.
      const dispatched = reads && operations.length > 1 && !byId && (isAbstractType(returned) || isAbstractType(parentType));
      const alternative = read.pageSize !== undefined && !field.args.some((arg) => arg.name === 'first');
      const idCalls = byId && readHere ? nodeIdCalls(byId) : undefined;
      const readIsCertain = readHere && !onDemand && !dispatched && !alternative && !read.whole && idCalls !== null && !exceedsOnePage(node, vars, read.pageSize);
      const child: Place = {
        certain: certainHere && !many && !dispatched,
        ...(waitsForObject ? { readFirst } : {}),
        wave: childWave,
        ancestors: instance && !ancestorTypes.includes(returned.name) ? [...ancestorTypes, returned.name].sort().join('/') : place.ancestors,
        // A field dispatching over types was produced by one of its reads: which one, a type condition below tells.
        producers: owned || (reads && isAbstractType(returned) && operations.length > 1) ? [] : reads ? [...operations].sort() : place.producers,
        dispatch: reads && isAbstractType(returned) && operations.length > 1 ? [...operations].sort() : [],
        via: reads ? coordinate : place.via,
        reentered: returned.name === 'App' ? owned : place.reentered && !instance,
        appReads: returned.name === 'App' && !owned ? appReadsOf(childNames, childWave) : place.appReads,
        possible: byId ? new Set(byId.map((nodeRead) => nodeRead.type)) : undefined,
        selects: instance ? siblingsIn(childNames ?? []) : isAbstractType(returned) ? (node.selectionSet && childNames ? siblingsForEvery(node.selectionSet, returned) : new Set<string>()) : place.selects,
        ...(isAbstractType(returned) && node.selectionSet && childNames ? { objectSelection: node.selectionSet } : {}),
      };
      // The field's own subtree first, so an annotated field knows what waits below it.
      const below = new Map<string, Gathered>();
      if (node.selectionSet && isCompositeType(returned)) walkSet(node.selectionSet, returned, child, below);
      // A field a sibling's answer may carry is read when that answer does not hold it: named, its calls the data's, in no wave of its own.
      const mayRead = free && carriedBySibling(name, place);
      if (reads || mayRead || read.pageSize !== undefined || read.whole) {
        const gathered = into.get(coordinate) ?? { operations, waves: new Set<number>(), below: new Set<string>(), certainReads: 0, dataDependent: false, itemTypes: byId ? [...new Set(byId.map((nodeRead) => nodeRead.type))] : itemTypesOf(schema, field), lookup: byId !== undefined || (!many && read.pageSize === undefined && !/Connection$/.test(returned.name)) };
        if (reads) gathered.waves.add(wave);
        if (reads) deepestWave = Math.max(deepestWave, wave);
        if (reads && writes && parentType === root) {
          // A write is one call per response key (an alias repeats it; two selections of one key are one field).
          (gathered.rootKeys ??= new Set<string>()).add(node.alias?.value ?? name);
          gathered.certainReads = 1;
          gathered.write = true;
        } else if (reads && writes) {
          // A write's answer primes the request's store (and clears what it changed): a later read may cost nothing, or again.
          gathered.dataDependent = true;
        } else if (reads && readIsCertain && parentType === root && gathered.lookup && !byId) {
          (gathered.rootKeys ??= new Set<string>()).add(argumentsKey(field, node, vars));
          gathered.certainReads = 1;
        } else if (reads && readIsCertain) {
          gathered.certainReads = Math.min(2, gathered.certainReads + 1);
          if (idCalls) gathered.callsEach ??= idCalls;
        } else if (reads || mayRead) gathered.dataDependent = true;
        for (const op of operations) if (!gathered.operations.includes(op)) gathered.operations = [...gathered.operations, op];
        for (const childRead of below.values()) for (const op of childRead.operations) gathered.below.add(op);
        if (read.pageSize !== undefined) gathered.pageSize = Math.max(gathered.pageSize ?? 0, read.pageSize);
        if (read.whole) gathered.whole = true;
        into.set(coordinate, gathered);
      }
      merge(into, below);
    };

    /** The project-keyed operations an App's own fields read, in the wave after the App is there. */
    const appReadsOf = (names: ReadonlySet<string> | undefined, appWave: number): ReadonlyMap<string, number> => {
      const reads = new Map<string, number>();
      const app = schema.getType('App');
      if (!names || !app || !isCompositeType(app)) return reads;
      for (const name of names) {
        const annotation = annotationOf(app, name);
        if (!annotation) continue;
        for (const op of Object.values(annotation).flat()) if (appKeyed.has(op)) reads.set(op, appWave + 1);
      }
      return reads;
    };

    const gathered = new Map<string, Gathered>();
    if (root) walkSet(operation.selectionSet, root, { wave: 0, ancestors: '', producers: [], appReads: new Map(), selects: new Set(), via: '', reentered: false, dispatch: [], certain: true }, gathered);
    return buildPlan(gathered, listOperations, pageSizes, writes);
  }
}

/** Module-private: the most the planner keeps of plans made before (an estimate, as `BYTES_PER_PLANNED_READ`). */
const PLAN_MEMO_BYTES = 16 * 1024 * 1024;
/**
 * Module-private: a plan's size, roughly: its fixed part and its part per field that reads (its
 * entry in `reads`, `calls` and the waves). Measured heap per plan of the bench queries: 6.3 KB
 * (app-dashboard, 5 reads), 7.5 KB (sms-tagged-resources, 8), 11.3 KB (node-lookup-list, 6).
 */
const BYTES_PER_PLAN = 4096;
const BYTES_PER_PLANNED_READ = 1024;

/**
 * Module-private: the upstream reads an abstract field's global-ID arguments name (`id` or
 * `ids`), when every ID decodes; undefined otherwise (then any type's read may follow).
 */
function nodeReads(node: FieldNode, vars: Record<string, unknown>, nodeReadOf: PlannerOptions['nodeReadOf']): ReadonlyArray<NodeRead & { readonly id: string }> | undefined {
  if (!nodeReadOf) return undefined;
  const argument = node.arguments?.find((arg) => arg.name.value === 'id' || arg.name.value === 'ids');
  if (!argument) return undefined;
  const value = valueFromASTUntyped(argument.value, vars);
  const ids = Array.isArray(value) ? value : [value];
  if (ids.length === 0 || !ids.every((id): id is string => typeof id === 'string')) return undefined;
  const reads = ids.map((id) => {
    const read = nodeReadOf(id);
    return read && { ...read, id };
  });
  return reads.every((read): read is NodeRead & { id: string } => read !== undefined) ? reads : undefined;
}

/**
 * Module-private: the operations keyed by a project alone: annotated on an App field without
 * arguments (paging aside) and on no root field. Wherever else one is annotated (`Segment.campaigns`:
 * GetCampaigns; `SmsChannel.senderId`: GetSmsChannel), it reads the same answer for the same project.
 */
function appKeyedOperations(schema: GraphQLSchema, annotations: ReadonlyMap<string, UpstreamAnnotation>): ReadonlySet<string> {
  const keyed = new Set<string>();
  const rootNames = new Set([schema.getQueryType()?.name, schema.getMutationType()?.name, schema.getSubscriptionType()?.name]);
  const app = schema.getType('App');
  if (!app || !isCompositeType(app)) return keyed;
  for (const [coordinate, annotation] of annotations) {
    const [typeName, fieldName] = coordinate.split('.');
    if (typeName !== 'App') continue;
    const field = fieldOf(app, fieldName);
    if (field && field.args.every((arg) => arg.name === 'first' || arg.name === 'after')) for (const op of Object.values(annotation).flat()) keyed.add(op);
  }
  for (const [coordinate, annotation] of annotations) {
    if (!rootNames.has(coordinate.split('.')[0])) continue;
    for (const op of Object.values(annotation).flat()) keyed.delete(op);
  }
  return keyed;
}

/** Module-private: the plan from what the walk gathered. */
function buildPlan(gathered: ReadonlyMap<string, Gathered>, listOperations: ReadonlyMap<string, string>, pageSizes: Readonly<Record<string, PageSizes>>, writes: boolean): RequestPlan {
  const reads: PlannedRead[] = [];
  const sizes: Record<string, number> = {};
  const whole = new Set<string>();
  const wavesByOperation = new Map<string, Set<number>>();
  const byWave = new Map<number, Set<string>>();
  for (const [coordinate, read] of gathered) {
    const waves = [...read.waves].sort((a, b) => a - b);
    reads.push({
      coordinate,
      operations: read.operations,
      waves,
      ...(read.pageSize === undefined ? {} : { pageSize: read.pageSize }),
      ...(read.whole ? { whole: true } : {}),
      ...(read.dataDependent ? { dataDependent: true } : {}),
    });
    for (const operation of read.operations) {
      const operationWaves = wavesByOperation.get(operation) ?? new Set<number>();
      for (const wave of waves) operationWaves.add(wave);
      wavesByOperation.set(operation, operationWaves);
      for (const wave of waves) {
        const set = byWave.get(wave) ?? new Set<string>();
        set.add(operation);
        byWave.set(wave, set);
      }
      const service = listOperations.get(operation);
      if (service === undefined) continue;
      if (read.whole) {
        whole.add(operation);
        sizes[operation] = Math.max(sizes[operation] ?? 0, pageSizes[service]?.max ?? 0);
      } else if (read.pageSize !== undefined) {
        sizes[operation] = Math.max(sizes[operation] ?? 0, read.pageSize);
      }
    }
  }
  const rounds = Math.max(0, ...byWave.keys());
  // An operation's first reads may wait for its deeper ones when nothing else waits for them: no
  // field reading it in its first wave has other reads below it (a `nodes` list whose campaigns'
  // projects wait for every node would be a round later).
  const holdable = new Set<string>();
  for (const [operation, waveSet] of wavesByOperation) {
    // Only SMS v2 batches wait for waves (its Describe reads batch 5 IDs; Pinpoint has no batch read).
    // In a mutation, a deeper wave may be a later root field's, which starts only once this one is done.
    if (writes || waveSet.size < 2 || !SMS_VOICE_OPERATION.test(operation)) continue;
    const first = Math.min(...waveSet);
    const shallow = [...gathered.values()].filter((read) => read.operations.includes(operation) && read.waves.has(first));
    if (shallow.every((read) => [...read.below].every((below) => below === operation))) holdable.add(operation);
  }
  const pageSizeOf = (operation: string): number | undefined => sizes[operation];
  const calls = predictedCalls(gathered);
  return {
    reads,
    rounds,
    ...(writes ? { roundsAtMost: true } : {}),
    calls,
    pageSizes: sizes,
    pageSize: pageSizeOf,
    readsWhole: (operation) => whole.has(operation),
    waves: (operation) => [...(wavesByOperation.get(operation) ?? [])].sort((a, b) => a - b),
    mayWait: (operation) => holdable.has(operation),
    report: () => ({
      rounds,
      ...(writes ? { roundsAtMost: true } : {}),
      waves: [...byWave].sort(([a], [b]) => a - b).map(([wave, operations]) => ({ wave, operations: [...operations].sort() })),
      pageSizes: sizes,
      wholeCollections: [...whole].sort(),
      waitingReads: [...holdable].sort(),
      calls,
      reads,
    }),
  };
}

/**
 * Module-private: how a field reads its list operation, if it names one. A connection (`first`)
 * reads a page of `first` (the service default without it); a field without `first` reads the
 * whole collection when it returns a list (`Segment.campaigns`) or names the list as an
 * alternative to another read (`JourneyStartCondition.segment`: GetSegment or GetSegments; then at
 * the upstream maximum, without `whole`, since it reads the list only for several lookups). A field whose
 * one operation is also a list operation (`originationPhoneNumber`: DescribePhoneNumbers) reads by
 * ID.
 */
function readShape(
  field: GraphQLField<unknown, unknown>,
  annotation: UpstreamAnnotation,
  operations: readonly string[],
  listOperations: ReadonlyMap<string, string>,
  node: FieldNode,
  vars: Record<string, unknown>,
  pageSizes: Readonly<Record<string, PageSizes>>,
): { pageSize?: number; whole?: boolean } {
  const lists = operations.filter((operation) => listOperations.has(operation));
  if (lists.length === 0) return {};
  if (field.args.some((arg) => arg.name === 'first')) {
    const sizes = pageSizes[listOperations.get(lists[0]) ?? ''] ?? { default: 100, max: 1000 };
    const argument = node.arguments?.find((arg) => arg.name.value === 'first');
    const first = argument ? valueFromASTUntyped(argument.value, vars) : undefined;
    const after = node.arguments?.some((arg) => arg.name.value === 'after' && valueFromASTUntyped(arg.value, vars) != null);
    // A page after a cursor is read from that cursor's token: it does not size the first page.
    if (after) return {};
    if (typeof first === 'number' && Number.isInteger(first) && first >= 1) return { pageSize: Math.min(first, sizes.max) };
    return { pageSize: sizes.default };
  }
  // A field of an abstract type (`Query.node`, an association's `resource`) names one by-ID read per
  // concrete type: a dispatch, not a list read.
  if (isAbstractType(getNamedType(field.type))) return {};
  if (isListType(getNullableType(field.type))) return { whole: true };
  // A list named beside a by-ID read may be read whole (when enough lookups share it): then at its
  // maximum. It answers every lookup, present or absent (a journey's start segment is a latest
  // version), so no by-ID read follows it.
  if (operations.length > lists.length) return { pageSize: Math.max(...lists.map((operation) => (pageSizes[listOperations.get(operation) ?? ''] ?? { max: 1000 }).max)) };
  return {};
}

/**
 * Module-private: the list operations of the schema (those some connection field, one with a
 * `first` argument, is annotated with), with the service argument that names them.
 */
function listOperationsOf(schema: GraphQLSchema, annotations: ReadonlyMap<string, UpstreamAnnotation>): ReadonlyMap<string, string> {
  const lists = new Map<string, string>();
  for (const [coordinate, annotation] of annotations) {
    const [typeName, fieldName] = coordinate.split('.');
    const type = schema.getType(typeName);
    const field = type && isCompositeType(type) ? fieldOf(type, fieldName) : undefined;
    if (!field?.args.some((arg) => arg.name === 'first')) continue;
    for (const [service, operations] of Object.entries(annotation)) for (const operation of operations) lists.set(operation, service);
  }
  return lists;
}

/**
 * Module-private: the calls of each operation where the document decides them (`RequestPlan.calls`):
 * one per read at a certain place, when one such read is all the operation has; none when every
 * field naming it is answered by another read. Null when a read of it depends on the data (a
 * whole collection's pages too, even one another field's read answers), when
 * two reads may or may not share a call (the same object by two paths), or when it reads one
 * object of a type some list of the request holds (the store may answer it from that list).
 */
function predictedCalls(gathered: ReadonlyMap<string, Gathered>): Record<string, number | null> {
  const listed = new Set([...gathered.values()].filter((read) => !read.lookup && read.waves.size > 0).flatMap((read) => read.itemTypes));
  const counted = new Map<string, { reads: number; calls: number } | null>();
  for (const read of gathered.values()) {
    for (const operation of read.operations) {
      const known = counted.get(operation);
      if (known === null) continue;
      // A whole collection is as many pages as the data holds, whichever field reads it.
      if (read.whole) {
        counted.set(operation, null);
        continue;
      }
      if (read.waves.size === 0) {
        // Answered by another read; unless that answer may not hold it (`carriedBySibling`).
        counted.set(operation, read.dataDependent ? null : (known ?? { reads: 0, calls: 0 }));
        continue;
      }
      const dependent = read.dataDependent || (read.lookup && read.itemTypes.some((type) => listed.has(type)));
      const reads = (known?.reads ?? 0) + read.certainReads;
      const calls = read.rootKeys ? (read.write ? read.rootKeys.size : lookupCalls(operation, read.rootKeys.size)) : (read.callsEach?.[operation] ?? read.certainReads);
      counted.set(operation, dependent || reads > 1 ? null : { reads, calls: (known?.calls ?? 0) + calls });
    }
  }
  return Object.fromEntries([...counted].map(([operation, count]) => [operation, count === null ? null : count.calls]));
}

/**
 * Module-private: the calls a read of global IDs makes per operation (`Query.nodes`): an SMS v2
 * Describe batches 5 IDs per call, so n distinct IDs cost ceil(n / 5); a Pinpoint read of one ID
 * is one call. Null when the data decides: several Pinpoint IDs of one type may be read by ID or
 * through their project's list, whichever the lookups make cheaper.
 */
function nodeIdCalls(reads: ReadonlyArray<NodeRead & { readonly id: string }>): Record<string, number> | null {
  const idsByOperation = new Map<string, Set<string>>();
  for (const read of reads) idsByOperation.set(read.operation, (idsByOperation.get(read.operation) ?? new Set<string>()).add(read.id));
  const calls: Record<string, number> = {};
  for (const [operation, ids] of idsByOperation) {
    if (!SMS_VOICE_OPERATION.test(operation) && ids.size > 1) return null;
    calls[operation] = lookupCalls(operation, ids.size);
  }
  return calls;
}

/** Module-private: the calls of `keys` distinct lookups of one operation in one wave: SMS v2 Describe reads batch 5 keys per call, Pinpoint reads one each. */
function lookupCalls(operation: string, keys: number): number {
  return SMS_VOICE_OPERATION.test(operation) ? Math.ceil(keys / MAX_IDS_PER_DESCRIBE) : keys;
}

/** Module-private: a field's argument values (variables and defaults resolved) as one key, whatever their order or the field's alias. */
function argumentsKey(field: GraphQLField<unknown, unknown>, node: FieldNode, vars: Record<string, unknown>): string {
  let key = '';
  for (const arg of field.args) {
    const given = node.arguments?.find((argument) => argument.name.value === arg.name);
    const value = given ? valueFromASTUntyped(given.value, vars) : arg.defaultValue;
    // Input objects' fields in name order: `{a, b}` and `{b, a}` are one key.
    key += `${JSON.stringify(value, typeof value === 'object' && value !== null ? sortedFields : undefined)},`;
  }
  return key;
}

/** Module-private: a JSON.stringify replacer writing each object's fields in name order. */
function sortedFields(_key: string, value: unknown): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1))) : value;
}

/** Module-private: the types of the objects a field reads: a connection's or list's item type, else its own (an abstract type's possible types). */
function itemTypesOf(schema: GraphQLSchema, field: GraphQLField<unknown, unknown>): readonly string[] {
  let returned = getNamedType(field.type);
  if (/Connection$/.test(returned.name) && isCompositeType(returned) && !isAbstractType(returned)) {
    const nodes = fieldOf(returned, 'nodes');
    if (nodes) returned = getNamedType(nodes.type);
  }
  return isAbstractType(returned) ? schema.getPossibleTypes(returned).map((type) => type.name) : [returned.name];
}

/** Module-private: whether a connection's `first` asks more than one upstream page holds (then the data decides how many pages). */
function exceedsOnePage(node: FieldNode, vars: Record<string, unknown>, pageSize: number | undefined): boolean {
  if (pageSize === undefined) return false;
  const argument = node.arguments?.find((arg) => arg.name.value === 'first');
  const first = argument ? valueFromASTUntyped(argument.value, vars) : undefined;
  return typeof first === 'number' && first > pageSize;
}

/** Module-private: the SMS v2 by-ID reads a wave can batch (`Describe*`; Pinpoint's reads are `Get*`). */
const SMS_VOICE_OPERATION = /^Describe/;

/** Module-private: adds `from`'s reads into `into`. */
function merge(into: Map<string, Gathered>, from: ReadonlyMap<string, Gathered>): void {
  for (const [coordinate, read] of from) {
    const existing = into.get(coordinate);
    if (!existing) {
      into.set(coordinate, { ...read, waves: new Set(read.waves), below: new Set(read.below), ...(read.rootKeys ? { rootKeys: new Set(read.rootKeys) } : {}) });
      continue;
    }
    if (existing.rootKeys && read.rootKeys) for (const key of read.rootKeys) existing.rootKeys.add(key);
    else existing.certainReads = Math.min(2, existing.certainReads + read.certainReads);
    existing.dataDependent ||= read.dataDependent;
    for (const wave of read.waves) existing.waves.add(wave);
    for (const operation of read.operations) if (!existing.operations.includes(operation)) existing.operations = [...existing.operations, operation];
    for (const operation of read.below) existing.below.add(operation);
    if (read.pageSize !== undefined) existing.pageSize = Math.max(existing.pageSize ?? 0, read.pageSize);
    if (read.whole) existing.whole = true;
  }
}
