import {
  getDirectiveValues,
  getNamedType,
  getNullableType,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  isAbstractType,
  isCompositeType,
  isListType,
  Kind,
  valueFromASTUntyped,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';
import { answersByReference, REFERENCE_ROOTS, type ReferenceShape } from '../../graph';
import { graphCostModelOptions } from '../limits/graphCostOptions';
import type { ReadPlan } from '../../upstream/readPlan';
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
 *   goes anyway, and join its batch instead of going alone.
 *
 * The plan is reported (`extensions.plan` outside production, `npm run plan`) as the operations
 * each field may call, by coordinate, with their waves and page sizes, and the predicted number of
 * sequential rounds.
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
  /** The waves the field is reached in (1: the first upstream round). */
  readonly waves: readonly number[];
  /** The page size it asks of its list operation, when it reads a collection page. */
  readonly pageSize?: number;
  /** It may read its list operation's whole collection. */
  readonly whole?: boolean;
}

/** The plan of one operation. */
export interface RequestPlan extends ReadPlan {
  /** Every field that reaches upstream, in document order of first appearance. */
  readonly reads: readonly PlannedRead[];
  /** The predicted number of sequential upstream rounds (the deepest wave). */
  readonly rounds: number;
  /** The page size each list operation's collections are read at. */
  readonly pageSizes: Readonly<Record<string, number>>;
  /** Whether a field of the request reads the whole collection of a list operation (a list-typed field without `first`). */
  readsWhole(listOperation: string): boolean;
  /** The report `extensions.plan` and `npm run plan` show. */
  report(): PlanReport;
}

/** The JSON form of a plan. */
export interface PlanReport {
  readonly rounds: number;
  /** Per wave, the upstream operations its fields may call. */
  readonly waves: ReadonlyArray<{ readonly wave: number; readonly operations: readonly string[] }>;
  /** The page size of each collection read (list operation → size). */
  readonly pageSizes: Readonly<Record<string, number>>;
  /** List operations some field reads whole (a lookup inside answers locally). */
  readonly wholeCollections: readonly string[];
  /** Operations whose first batch waits for their deeper wave (`ReadPlan.mayWait`). */
  readonly waitingReads: readonly string[];
  readonly reads: readonly PlannedRead[];
}

/** Builds plans against one schema (reads its annotations once). */
export interface Planner {
  plan(document: DocumentNode, operation: OperationDefinitionNode, variables: Readonly<Record<string, unknown>> | undefined): RequestPlan;
}

/** Module-private: what a walk gathers per coordinate. */
interface Gathered {
  operations: readonly string[];
  waves: Set<number>;
  /** Operations of the annotated fields below it (what waits for its answer). */
  below: Set<string>;
  pageSize?: number;
  whole?: boolean;
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
}

/** The planner's options for this graph: the cost model's page sizes and ownership edges, and the graph's reference roots. */
export function graphPlannerOptions(schema: GraphQLSchema): PlannerOptions {
  const cost = graphCostModelOptions(schema);
  return { pageSizes: cost.pageSizes, ownerEdges: cost.ownerEdges, referenceRoots: REFERENCE_ROOTS };
}

/** Builds the planner of `schema`. */
export function createPlanner(schema: GraphQLSchema, options: PlannerOptions): Planner {
  const { pageSizes, referenceRoots = new Map<string, ReferenceShape>(), ownerEdges = new Set<string>() } = options;
  const annotations = readUpstreamAnnotations(schema);
  const listOperations = listOperationsOf(schema, annotations);
  const annotationOf = annotationLookup(schema, annotations);

  return {
    plan(document, operation, variables) {
      const vars = (variables ?? {}) as Record<string, unknown>;
      const fragments = new Map<string, FragmentDefinitionNode>();
      for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
      // A fragment's contribution depends only on the wave it is spread at (and its own body).
      const memo = new Map<string, Map<string, Gathered>>();
      const inProgress = new Set<string>();

      const included = (selection: SelectionNode): boolean =>
        getDirectiveValues(GraphQLSkipDirective, selection, vars)?.if !== true && getDirectiveValues(GraphQLIncludeDirective, selection, vars)?.if !== false;

      const walkSet = (selectionSet: SelectionSetNode, type: GraphQLCompositeType, wave: number, ancestors: string, into: Map<string, Gathered>): void => {
        for (const selection of selectionSet.selections) {
          if (!included(selection)) continue;
          switch (selection.kind) {
            case Kind.FIELD:
              walkField(selection, type, wave, ancestors, into);
              break;
            case Kind.INLINE_FRAGMENT: {
              const condition = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : type;
              if (condition && isCompositeType(condition)) walkSet(selection.selectionSet, condition, wave, ancestors, into);
              break;
            }
            case Kind.FRAGMENT_SPREAD:
              merge(into, fragmentReads(selection.name.value, wave, ancestors));
              break;
          }
        }
      };

      /** The names of the fields a selection set selects (through fragments, after @skip/@include). */
      const selectedNames = (selectionSet: SelectionSetNode, into: Set<string>, seen: Set<string>): Set<string> => {
        for (const selection of selectionSet.selections) {
          if (!included(selection)) continue;
          if (selection.kind === Kind.FIELD) into.add(selection.name.value);
          else if (selection.kind === Kind.INLINE_FRAGMENT) selectedNames(selection.selectionSet, into, seen);
          else if (!seen.has(selection.name.value)) {
            seen.add(selection.name.value);
            const fragment = fragments.get(selection.name.value);
            if (fragment) selectedNames(fragment.selectionSet, into, seen);
          }
        }
        return into;
      };

      const fragmentReads = (name: string, wave: number, ancestors: string): Map<string, Gathered> => {
        const key = `${name}|${wave}|${ancestors}`;
        const known = memo.get(key);
        if (known) return known;
        const fragment = fragments.get(name);
        const gathered = new Map<string, Gathered>();
        // Validation refuses unknown and cyclic fragments; the guard keeps the walk finite regardless.
        if (!fragment || inProgress.has(key)) return gathered;
        const condition = schema.getType(fragment.typeCondition.name.value);
        if (!condition || !isCompositeType(condition)) return gathered;
        inProgress.add(key);
        walkSet(fragment.selectionSet, condition, wave, ancestors, gathered);
        inProgress.delete(key);
        memo.set(key, gathered);
        return gathered;
      };

      const walkField = (node: FieldNode, parentType: GraphQLCompositeType, parentWave: number, ancestors: string, into: Map<string, Gathered>): void => {
        const name = node.name.value;
        if (name.startsWith('__')) return;
        const field = fieldOf(parentType, name);
        if (!field) return;
        const coordinate = `${parentType.name}.${name}`;
        const returnedType = getNamedType(field.type);
        // An edge back to an owner already read costs nothing (the cost model's ownership edges).
        const owned = ownerEdges.has(coordinate) && ancestors.split('/').includes(returnedType.name);
        const annotation = owned ? undefined : annotationOf(parentType, name);
        const operations = annotation ? Object.values(annotation).flat() : [];
        const read = annotation ? readShape(field, annotation, operations, listOperations, node, vars, pageSizes) : {};
        const wave = annotation ? parentWave + 1 : parentWave;
        const returned = returnedType;
        // A root answering with a reference: its ID-only edges start beside its own read.
        const shape = referenceRoots.get(coordinate);
        const byReference = shape !== undefined && node.selectionSet !== undefined && answersByReference(selectedNames(node.selectionSet, new Set(), new Set()), shape);
        const childAncestors = isCompositeType(returned) && !isAbstractType(returned) && !/(Connection|Edge)$/.test(returned.name) ? `${ancestors}/${returned.name}` : ancestors;
        // The field's own subtree first, so an annotated field knows what waits below it.
        const below = new Map<string, Gathered>();
        if (node.selectionSet && isCompositeType(returned)) walkSet(node.selectionSet, returned, byReference ? parentWave : wave, childAncestors, below);
        if (annotation) {
          const gathered = into.get(coordinate) ?? { operations, waves: new Set<number>(), below: new Set<string>() };
          gathered.waves.add(wave);
          for (const child of below.values()) for (const operation of child.operations) gathered.below.add(operation);
          if (read.pageSize !== undefined) gathered.pageSize = Math.max(gathered.pageSize ?? 0, read.pageSize);
          if (read.whole) gathered.whole = true;
          into.set(coordinate, gathered);
        }
        merge(into, below);
      };

      const gathered = new Map<string, Gathered>();
      const root = schema.getRootType(operation.operation);
      if (root) walkSet(operation.selectionSet, root, 0, '', gathered);
      return buildPlan(gathered, listOperations, pageSizes);
    },
  };
}

/** Module-private: the plan from what the walk gathered. */
function buildPlan(gathered: ReadonlyMap<string, Gathered>, listOperations: ReadonlyMap<string, string>, pageSizes: Readonly<Record<string, PageSizes>>): RequestPlan {
  const reads: PlannedRead[] = [];
  const sizes: Record<string, number> = {};
  const whole = new Set<string>();
  const wavesByOperation = new Map<string, Set<number>>();
  const byWave = new Map<number, Set<string>>();
  for (const [coordinate, read] of gathered) {
    const waves = [...read.waves].sort((a, b) => a - b);
    reads.push({ coordinate, operations: read.operations, waves, ...(read.pageSize === undefined ? {} : { pageSize: read.pageSize }), ...(read.whole ? { whole: true } : {}) });
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
    if (waveSet.size < 2 || !SMS_VOICE_OPERATION.test(operation)) continue;
    const first = Math.min(...waveSet);
    const shallow = [...gathered.values()].filter((read) => read.operations.includes(operation) && read.waves.has(first));
    if (shallow.every((read) => [...read.below].every((below) => below === operation))) holdable.add(operation);
  }
  const pageSizeOf = (operation: string): number | undefined => sizes[operation];
  return {
    reads,
    rounds,
    pageSizes: sizes,
    pageSize: pageSizeOf,
    readsWhole: (operation) => whole.has(operation),
    waves: (operation) => [...(wavesByOperation.get(operation) ?? [])].sort((a, b) => a - b),
    mayWait: (operation) => holdable.has(operation),
    report: () => ({
      rounds,
      waves: [...byWave].sort(([a], [b]) => a - b).map(([wave, operations]) => ({ wave, operations: [...operations].sort() })),
      pageSizes: sizes,
      wholeCollections: [...whole].sort(),
      waitingReads: [...holdable].sort(),
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

/** Module-private: the SMS v2 by-ID reads a wave can batch (`Describe*`; Pinpoint's reads are `Get*`). */
const SMS_VOICE_OPERATION = /^Describe/;

/** Module-private: adds `from`'s reads into `into`. */
function merge(into: Map<string, Gathered>, from: ReadonlyMap<string, Gathered>): void {
  for (const [coordinate, read] of from) {
    const existing = into.get(coordinate);
    if (!existing) {
      into.set(coordinate, { operations: read.operations, waves: new Set(read.waves), below: new Set(read.below), pageSize: read.pageSize, whole: read.whole });
      continue;
    }
    for (const wave of read.waves) existing.waves.add(wave);
    for (const operation of read.below) existing.below.add(operation);
    if (read.pageSize !== undefined) existing.pageSize = Math.max(existing.pageSize ?? 0, read.pageSize);
    if (read.whole) existing.whole = true;
  }
}
