import {
  getNamedType,
  getNullableType,
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
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import { createOperationMemo } from '../operationMemo';

/**
 * The cost model: what an operation can produce and cause, computed from the parsed operation and
 * its variables before anything executes, so a document can be refused before it costs anything.
 *
 * - `estimatedObjects`: the composite values (objects) the result can hold. A connection multiplies
 *   its `nodes`/`edges` by its `first` (or its default page size when `first` is absent), `nodes(ids:)`
 *   by its ID count, any other list by {@link CostModelOptions.defaultListSize}.
 * - `estimatedUpstreamCalls`: the upstream calls it can cause. Every field annotated with
 *   `@upstream(...)` in the SDL (the same annotations the coverage manifest reads) costs one call per
 *   parent object (the operations an annotation names are mostly alternatives: a list read or a
 *   by-ID read), or the count {@link CostModelOptions.callsPerObject} gives for the few fields that
 *   chain reads; a field whose parent is the object it was listed from (`Campaign.app` under
 *   `App.campaigns`) costs nothing more (the list primed, or one read per distinct owner);
 *   `nodes(ids:)` costs at most one call per ID plus one per chunk of five (an SMS v2 chunk with a
 *   malformed ID is retried key by key: forged IDs are the worst case, so batching does not lower the
 *   bound).
 *
 * Both are upper bounds for what the gateway does (a test holds them against the measured calls of
 * every reference query). They are loose where a query leaves a connection's `first` out (the
 * default page is assumed full); passing `first` makes them tight.
 *
 * Why a hand-written walk (not graphql-armor's cost-limit, which weighs depth and field counts):
 * this one knows the graph (page sizes, the upstream annotations, ownership edges). It visits each
 * fragment once per (fragment, type, page) and scales its memoised cost, so its time is linear in
 * the document, whatever the fragments' nesting (a chained-fragment document spreads each fragment
 * twice per level: walking spreads in place would be exponential).
 */

/** Page sizes of the connections of one upstream service. */
export interface PageSizes {
  /** Page size assumed when `first` is absent. */
  readonly default: number;
  /** The upstream maximum (what an unreadable `first` is assumed to be). */
  readonly max: number;
}

/** Options of {@link createCostModel}. */
export interface CostModelOptions {
  /** Page sizes per `@upstream` service argument (`pinpoint`, `smsVoice`). */
  readonly pageSizes: Readonly<Record<string, PageSizes>>;
  /** Items assumed for a list that is neither a connection page nor `nodes(ids:)`. */
  readonly defaultListSize: number;
  /**
   * Edges that return the object their parent was listed from, when the nearest ancestor of the
   * returned type is that owner (`Campaign.app`: the campaigns of an app belong to it): they cost
   * at most one read per distinct owner, which the owner's own read already accounts for.
   */
  readonly ownerEdges: ReadonlySet<string>;
  /**
   * List fields that make one upstream call per item of their result (`JourneyRun.activityMetrics`:
   * one GetJourneyRunExecutionActivityMetrics per activity), by coordinate, with the argument that
   * names the items when given (else the list is assumed {@link defaultListSize} long).
   */
  readonly perItemCalls: ReadonlyMap<string, string>;
  /**
   * Fields that chain more than one upstream read per parent object, by coordinate (everything
   * else annotated costs one). test/coverage/reach.test.ts sends one request to every annotated
   * coordinate and test/helpers/startStack.ts checks each against its estimate, so a field missing
   * here fails the suite.
   */
  readonly callsPerObject: ReadonlyMap<string, number>;
  /**
   * Tag reads a field's authorization may make per parent object (per ID for `Query.nodes`) when
   * the caller's policies read `aws:ResourceTag/…` (server/authorization/fieldPolicies.ts
   * `tagReadsPerObject`): one ListTagsForResource per resource its checks name, at most. Counted
   * only for such callers (see {@link CostModel.estimate}'s `readsTags`).
   */
  readonly tagReads?: ReadonlyMap<string, number>;
}

/** The estimate of one operation. */
export interface CostEstimate {
  readonly estimatedObjects: number;
  readonly estimatedUpstreamCalls: number;
  /** KPI fields the result can hold (an upper bound of its distinct KPI reads). */
  readonly estimatedKpiReads: number;
  /** The longest value given to an upstream identifier argument (`id`, `ids`, `…Id`, `…Ids`), in characters. */
  readonly longestIdentifier: number;
  /** The longest `ids` list given to `Query.nodes` (0 without one): exact, so a list over the bound is refused before execution. */
  readonly longestNodeIdList: number;
}

/** Computes estimates of operations against one schema. */
export interface CostModel {
  /**
   * The estimate of `operation` with `variables` (raw JSON values, as sent). `readsTags`: the
   * caller's policies read `aws:ResourceTag/…`, so decisions may read tags ({@link CostModelOptions.tagReads}).
   */
  estimate(document: DocumentNode, operation: OperationDefinitionNode, variables: Readonly<Record<string, unknown>> | undefined, readsTags?: boolean): CostEstimate;
}

/** Module-private: the most a cost model keeps of estimates made before (operationMemo.ts). */
const ESTIMATE_MEMO_BYTES = 4 * 1024 * 1024;
/** Module-private: an estimate's size in bytes, roughly (five numbers in an object, and the LRU's own entry). */
const ESTIMATE_BYTES = 256;

/** Module-private: a cost per one parent object; scaled by the number of parents. */
interface UnitCost {
  objects: number;
  calls: number;
  kpiReads: number;
  /** SMS v2 by-ID Describe reads, per operation: they share batches across the whole request. */
  batched: Map<string, number>;
}

/** Module-private: what a walk knows about where it stands. */
interface Place {
  /** The page size of the connection whose `nodes`/`edges` are being selected (undefined outside one). */
  readonly page?: number;
  /** Types of the ancestors (nearest last), for ownership edges. */
  readonly ancestors: readonly string[];
}

/** Builds the cost model of `schema` (reads its `@upstream` annotations once). */
export function createCostModel(schema: GraphQLSchema, options: CostModelOptions): CostModel {
  const annotations = readUpstreamAnnotations(schema);
  /** A field's annotation; on an interface, any implementation's (the one that runs may be any of them). */
  const annotationOf = annotationLookup(schema, annotations);
  // An estimate depends on the operation, its variables and whether tags are read only (operationMemo.ts).
  const estimates = createOperationMemo<CostEstimate>({ maxBytes: ESTIMATE_MEMO_BYTES, sizeOf: () => ESTIMATE_BYTES });
  return {
    estimate(document, operation, variables, readsTags = false) {
      return estimates.get(operation, variables, `tags:${readsTags}`, () => estimateAfresh(document, operation, variables, readsTags));
    },
  };

  /** Module-private: the estimate of one operation, walked from its selections. */
  function estimateAfresh(document: DocumentNode, operation: OperationDefinitionNode, variables: Readonly<Record<string, unknown>> | undefined, readsTags: boolean): CostEstimate {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    const memo = new Map<string, UnitCost>();
    let longestIdentifier = 0;
    let longestNodeIdList = 0;
    const inProgress = new Set<string>();
    const vars = variables ?? {};

    const selectionSetCost = (selectionSet: SelectionSetNode, type: GraphQLCompositeType, place: Place): UnitCost => {
      const total: UnitCost = zero();
      for (const selection of selectionSet.selections) {
        let part: UnitCost;
        switch (selection.kind) {
          case Kind.FIELD:
            part = fieldCost(selection, type, place);
            break;
          case Kind.INLINE_FRAGMENT: {
            const condition = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : type;
            part = condition && isCompositeType(condition) ? selectionSetCost(selection.selectionSet, condition, place) : zero();
            break;
          }
          case Kind.FRAGMENT_SPREAD:
            part = fragmentCost(selection.name.value, place);
            break;
        }
        // Sibling costs add up (an upper bound also for type-conditioned branches of an
        // abstract type, where only one applies per object).
        total.objects += part.objects;
        total.calls += part.calls;
        total.kpiReads += part.kpiReads;
        addBatched(total.batched, part.batched, 1);
      }
      return total;
    };

    const fragmentCost = (name: string, place: Place): UnitCost => {
      const fragment = fragments.get(name);
      if (!fragment) return zero();
      const key = `${name}|${place.page ?? ''}|${place.ancestors.join('/')}`;
      const known = memo.get(key);
      if (known) return known;
      // Validation refuses fragment cycles; the guard keeps the walk finite whatever it is given.
      if (inProgress.has(key)) return zero();
      const condition = schema.getType(fragment.typeCondition.name.value);
      if (!condition || !isCompositeType(condition)) return zero();
      inProgress.add(key);
      const cost = selectionSetCost(fragment.selectionSet, condition, place);
      inProgress.delete(key);
      memo.set(key, cost);
      return cost;
    };

    const fieldCost = (node: FieldNode, parentType: GraphQLCompositeType, place: Place): UnitCost => {
      const name = node.name.value;
      if (name.startsWith('__')) return zero();
      const field = fieldOf(parentType, name);
      if (!field) return zero();
      for (const argument of node.arguments ?? []) {
        if (IDENTIFIER_ARGUMENT.test(argument.name.value)) longestIdentifier = Math.max(longestIdentifier, longestString(valueOf(argument.value, vars)));
      }
      const coordinate = `${parentType.name}.${name}`;
      const annotation = annotationOf(parentType, name);
      const nullable = getNullableType(field.type);
      const returned = getNamedType(field.type);
      const isList = isListType(nullable);

      let size = 1;
      let childPage: number | undefined;
      if (isList) {
        if (coordinate === 'Query.nodes') {
          size = listLength(argumentValue(node, 'ids', vars));
          longestNodeIdList = Math.max(longestNodeIdList, size);
        } else if (options.perItemCalls.has(coordinate)) size = listLength(argumentValue(node, options.perItemCalls.get(coordinate)!, vars)) || options.defaultListSize;
        else if ((name === 'nodes' || name === 'edges') && place.page !== undefined) size = place.page;
        else size = options.defaultListSize;
      }
      if (field.args.some((arg) => arg.name === 'first')) {
        const sizes = pageSizesOf(annotation, options.pageSizes);
        childPage = pageSize(argumentValue(node, 'first', vars), sizes);
      } else if (name === 'edges' && place.page !== undefined) {
        childPage = undefined;
      }

      let calls = 0;
      const batched = new Map<string, number>();
      if (annotation) {
        const owned = options.ownerEdges.has(coordinate) && place.ancestors.includes(returned.name);
        const operations = Object.values(annotation).flat();
        if (coordinate === 'Query.nodes') calls = size + Math.ceil(size / 5);
        else if (options.perItemCalls.has(coordinate)) calls = size + operations.length - 1;
        else if (coordinate === 'Query.node') calls = 1;
        else if (options.callsPerObject.has(coordinate)) calls = options.callsPerObject.get(coordinate)!;
        else if (isBatchedByIdRead(annotation, field)) batched.set(annotation.smsVoice![0], 1);
        else if (!owned) calls = 1;
      }
      // Where the caller's policies read tags, each resource a field's checks name may cost one tag read.
      const tagReads = readsTags ? (options.tagReads?.get(coordinate) ?? 0) : 0;
      if (tagReads > 0) calls += coordinate === 'Query.nodes' ? size * tagReads : tagReads;
      const objects = isCompositeType(returned) ? size : 0;
      let childCost: UnitCost = zero();
      if (node.selectionSet && isCompositeType(returned)) {
        // `edges { node }`: the edge list is the page; each edge's `node` is one object.
        const page = name === 'nodes' || name === 'edges' ? undefined : childPage;
        childCost = selectionSetCost(node.selectionSet, returned, { page, ancestors: isAbstractType(returned) || isConnectionPart(returned) ? place.ancestors : [...place.ancestors, returned.name] });
      }
      addBatched(batched, childCost.batched, size);
      const kpiReads = name === 'kpi' && annotation ? size : 0;
      return { objects: objects + size * childCost.objects, calls: calls + size * childCost.calls, kpiReads: kpiReads + size * childCost.kpiReads, batched };
    };

    const rootType = schema.getRootType(operation.operation);
    if (!rootType) return { estimatedObjects: 0, estimatedUpstreamCalls: 0, estimatedKpiReads: 0, longestIdentifier, longestNodeIdList };
    const cost = selectionSetCost(operation.selectionSet, rootType, { ancestors: [] });
    // A batch of SMS v2 IDs that fails on a malformed ID is retried key by key: n keys of one
    // operation cost at most n calls plus one per chunk of five.
    let batchedCalls = 0;
    for (const count of cost.batched.values()) batchedCalls += count + (count > 1 ? Math.ceil(count / 5) : 0);
    return { estimatedObjects: cost.objects, estimatedUpstreamCalls: cost.calls + batchedCalls, estimatedKpiReads: cost.kpiReads, longestIdentifier, longestNodeIdList };
  }
}

/** Module-private. */
function zero(): UnitCost {
  return { objects: 0, calls: 0, kpiReads: 0, batched: new Map() };
}

/** Module-private: arguments that carry upstream identifiers (`id`, `ids`, `applicationId`, `activityIds`). */
const IDENTIFIER_ARGUMENT = /^(ids?|.*Ids?)$/;

/** Module-private: the longest string in a value (a list's longest item). */
function longestString(value: unknown): number {
  if (typeof value === 'string') return value.length;
  if (Array.isArray(value)) return value.reduce((longest: number, item) => Math.max(longest, longestString(item)), 0);
  return 0;
}

/** Module-private: adds `scale` times `from`'s batched reads into `into`. */
function addBatched(into: Map<string, number>, from: ReadonlyMap<string, number>, scale: number): void {
  for (const [operation, count] of from) into.set(operation, (into.get(operation) ?? 0) + count * scale);
}

/** Module-private: an SMS v2 read of one object by ID (a Describe that batches up to five IDs). */
function isBatchedByIdRead(annotation: UpstreamAnnotation, field: GraphQLField<unknown, unknown>): boolean {
  const sms = annotation.smsVoice;
  return annotation.pinpoint === undefined && sms !== undefined && sms.length > 0 && sms.every((operation) => operation.startsWith('Describe')) && !field.args.some((arg) => arg.name === 'first') && !isListType(getNullableType(field.type));
}

/** Module-private: connection and edge types do not count as owners (their `nodes` are the owner's children). */
function isConnectionPart(type: GraphQLCompositeType): boolean {
  return type.name.endsWith('Connection') || type.name.endsWith('Edge');
}

/** A field of an object or interface type (unions have none but `__typename`). */
export function fieldOf(type: GraphQLCompositeType, name: string): GraphQLField<unknown, unknown> | undefined {
  return 'getFields' in type ? (type as GraphQLObjectType).getFields()[name] : undefined;
}

/** Module-private: an argument's value from its literal or variable (undefined when absent). */
function argumentValue(node: FieldNode, name: string, variables: Readonly<Record<string, unknown>>): unknown {
  const argument = node.arguments?.find((arg) => arg.name.value === name);
  if (!argument) return undefined;
  return valueOf(argument.value, variables);
}

/** Module-private. */
function valueOf(value: ValueNode, variables: Readonly<Record<string, unknown>>): unknown {
  return valueFromASTUntyped(value, variables as Record<string, unknown>);
}

/** Module-private: the length of a list argument (a single value is a list of one). */
function listLength(value: unknown): number {
  if (Array.isArray(value)) return value.length;
  return value === undefined || value === null ? 0 : 1;
}

/** Module-private: the page a connection reads: `first` when it is a valid size, the maximum when unreadable. */
function pageSize(first: unknown, sizes: PageSizes): number {
  if (first === undefined || first === null) return sizes.default;
  if (typeof first === 'number' && Number.isInteger(first) && first >= 1) return Math.min(first, sizes.max);
  // Out of range: the resolver refuses it with BAD_USER_INPUT; the estimate stays an upper bound.
  return sizes.max;
}

/** Module-private: the page sizes of the service a connection's annotation names. */
function pageSizesOf(annotation: UpstreamAnnotation | undefined, pageSizes: Readonly<Record<string, PageSizes>>): PageSizes {
  const candidates = (annotation ? Object.keys(annotation) : Object.keys(pageSizes)).map((service) => pageSizes[service]).filter((sizes): sizes is PageSizes => sizes !== undefined);
  if (candidates.length === 0) return { default: 100, max: 1000 };
  return { default: Math.max(...candidates.map((sizes) => sizes.default)), max: Math.max(...candidates.map((sizes) => sizes.max)) };
}

/** Operations named by one `@upstream` annotation, per service argument. */
export type UpstreamAnnotation = Readonly<Record<string, readonly string[]>>;

/**
 * A field's annotation by its parent type and name; on an interface or union, any implementation's
 * (the one that runs may be any of them). Shared by the cost model and the request plan.
 */
export function annotationLookup(schema: GraphQLSchema, annotations: ReadonlyMap<string, UpstreamAnnotation>): (type: GraphQLCompositeType, name: string) => UpstreamAnnotation | undefined {
  return (type, name) => {
    const own = annotations.get(`${type.name}.${name}`);
    if (own || !isAbstractType(type)) return own;
    for (const possible of schema.getPossibleTypes(type)) {
      const implementation = annotations.get(`${possible.name}.${name}`);
      if (implementation) return implementation;
    }
    return undefined;
  };
}

/** The `@upstream` annotations of a schema by coordinate (`Campaign.segment`). */
export function readUpstreamAnnotations(schema: GraphQLSchema): ReadonlyMap<string, UpstreamAnnotation> {
  const byCoordinate = new Map<string, UpstreamAnnotation>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || !('getFields' in type) || isCompositeType(type) === false) continue;
    for (const field of Object.values((type as GraphQLObjectType).getFields())) {
      const directive = field.astNode?.directives?.find((d) => d.name.value === 'upstream');
      if (!directive) continue;
      const services: Record<string, readonly string[]> = {};
      for (const argument of directive.arguments ?? []) {
        const value = valueFromASTUntyped(argument.value);
        if (Array.isArray(value)) services[argument.name.value] = value.map(String);
      }
      byCoordinate.set(`${type.name}.${field.name}`, services);
    }
  }
  return byCoordinate;
}
