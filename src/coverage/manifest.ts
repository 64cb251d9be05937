import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { Kind, parse, type ConstDirectiveNode, type ConstValueNode, type DefinitionNode, type FieldDefinitionNode } from 'graphql';
import { PINPOINT_SDK_OPERATIONS, SMS_VOICE_SDK_OPERATIONS } from '../upstream/sdkOperations';
import { NOT_YET_IN_GRAPH, NOT_YET_IN_GRAPH_REASON, SDK_ONLY_EXCLUSIONS } from './exclusions';
import { SEED_GROUPS, seedOperations } from './seedOperations';
import { COVERAGE_SERVICES, COVERAGE_SERVICE_INFO, type CoverageService } from './services';

/**
 * The coverage manifest: which SDK operation each schema coordinate (`Query.app`, `App.campaigns`,
 * `Mutation.createCampaign`) reaches, read from the `@upstream` annotations of the SDL, and for
 * every operation of both SDK packages whether the graph covers it, has not covered it yet, or
 * leaves it out on purpose (with the reason).
 *
 * How to annotate: every field or mutation whose resolver reaches upstream names, per service,
 * every operation its resolver can call (SDK command names without `Command`): the direct call
 * (`App.campaigns` → GetCampaigns), the batched alternative a loader may pick (`Campaign.segment`
 * → GetSegmentVersion, or GetSegments for several segments of a project), and a re-read on a
 * branch (`PhoneNumber.pool` → DescribePhoneNumbers when a write result lacks the PoolId). Calls
 * made for the parent are the parent's. Fields that read only their parent's value are not
 * annotated. Then shrink `NOT_YET_IN_GRAPH` and add the coordinate to test/coverage/reachCases.ts.
 *
 * The manifest only reports; test/coverage/manifest.test.ts holds it to its contract (every
 * annotated name is a real operation, every operation is accounted for, the lists are exact) and
 * test/coverage/reach.test.ts checks that each coordinate really reaches what it names.
 */

/** The name of the directive the manifest reads (declared in schema/base.graphql). */
export const UPSTREAM_DIRECTIVE = 'upstream';

/** One annotated field: its schema coordinate and the operations it names, per service. */
export interface UpstreamAnnotation {
  /** `Type.field`. */
  readonly coordinate: string;
  /** The SDL file, relative to the project root (`schema/pinpoint/app.graphql`). */
  readonly file: string;
  /** Operations named per service (empty when the directive leaves the service out). */
  readonly operations: Readonly<Record<CoverageService, readonly string[]>>;
}

/** Where an SDK operation stands. */
export type OperationStatus =
  /** At least one schema coordinate names it. */
  | 'covered'
  /** A seed operation listed in `NOT_YET_IN_GRAPH`, named by no coordinate. */
  | 'notYet'
  /** An SDK-only operation listed in `SDK_ONLY_EXCLUSIONS`, named by no coordinate. */
  | 'excluded'
  /** Named by no coordinate and in neither list: a gap the manifest test reports. */
  | 'unaccounted';

/** One SDK operation in the manifest. */
export interface OperationCoverage {
  readonly operation: string;
  readonly status: OperationStatus;
  /** Whether the operation is in the seed API reference (else it is SDK-only). */
  readonly inSeed: boolean;
  /** The seed group (resource) the operation belongs to; `SDK only` for the others. */
  readonly group: string;
  /** Coordinates that name it (sorted); empty unless covered. */
  readonly coordinates: readonly string[];
  /** Why it is not covered (`notYet` and `excluded`). */
  readonly reason?: string;
}

/** The manifest of one service. */
export interface ServiceCoverage {
  readonly service: CoverageService;
  readonly title: string;
  readonly sdkPackage: string;
  /** Operations per status (`sdk` = all of them). */
  readonly counts: Readonly<Record<OperationStatus | 'sdk' | 'seed', number>>;
  /** Every SDK operation, in seed group order, then the SDK-only ones sorted. */
  readonly operations: readonly OperationCoverage[];
  /** Names the annotations use that are not operations of this service's SDK: always a mistake. */
  readonly unknownAnnotated: readonly { readonly coordinate: string; readonly operation: string }[];
}

/** The whole manifest. */
export interface CoverageManifest {
  /** Every annotated coordinate, in SDL file order. */
  readonly coordinates: readonly UpstreamAnnotation[];
  readonly services: Readonly<Record<CoverageService, ServiceCoverage>>;
}

/** What a manifest is built from; every member defaults to the project's own. */
export interface CoverageInputs {
  /** Folder of the SDL (default: the project's `schema/`). */
  readonly schemaDir?: string;
  readonly sdkOperations?: Readonly<Record<CoverageService, readonly string[]>>;
  readonly notYet?: Readonly<Record<CoverageService, readonly string[]>>;
  readonly excluded?: Readonly<Record<CoverageService, Readonly<Record<string, string>>>>;
}

/** Every SDK operation of each service (what the manifest covers). */
export const SDK_OPERATIONS: Readonly<Record<CoverageService, readonly string[]>> = {
  pinpoint: PINPOINT_SDK_OPERATIONS,
  smsVoice: SMS_VOICE_SDK_OPERATIONS,
};

/** Builds the manifest from the `@upstream` annotations of the schema and the committed lists. */
export function buildCoverageManifest(inputs: CoverageInputs = {}): CoverageManifest {
  const schemaDir = inputs.schemaDir ?? defaultSchemaDir();
  const coordinates = readUpstreamAnnotations(schemaDir);
  const services = Object.fromEntries(
    COVERAGE_SERVICES.map((service) => [
      service,
      serviceCoverage(
        service,
        coordinates,
        (inputs.sdkOperations ?? SDK_OPERATIONS)[service],
        (inputs.notYet ?? NOT_YET_IN_GRAPH)[service],
        (inputs.excluded ?? SDK_ONLY_EXCLUSIONS)[service],
      ),
    ]),
  ) as Record<CoverageService, ServiceCoverage>;
  return { coordinates, services };
}

/**
 * Reads every `@upstream` annotation of the `.graphql` files under `schemaDir` (files in path
 * order, fields in SDL order). A malformed annotation (unknown argument, a value that is not a
 * list of strings, no operation at all) throws, naming the coordinate.
 */
export function readUpstreamAnnotations(schemaDir: string): UpstreamAnnotation[] {
  const root = dirname(schemaDir);
  const annotations: UpstreamAnnotation[] = [];
  for (const path of graphqlFiles(schemaDir)) {
    const file = relative(root, path).split('\\').join('/');
    for (const definition of parse(readFileSync(path, 'utf8'), { noLocation: true }).definitions) {
      for (const field of fieldsOf(definition)) {
        const directive = field.node.directives?.find((candidate) => candidate.name.value === UPSTREAM_DIRECTIVE);
        if (directive === undefined) continue;
        const coordinate = `${field.typeName}.${field.node.name.value}`;
        annotations.push({ coordinate, file, operations: annotationOperations(directive, coordinate, file) });
      }
    }
  }
  return annotations;
}

/** The project's `schema/` folder: the nearest one above this module holding `base.graphql` (works from src/ and dist/). */
export function defaultSchemaDir(): string {
  let dir = __dirname;
  for (;;) {
    const candidate = join(dir, 'schema');
    if (existsSync(join(candidate, 'base.graphql'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`No schema/base.graphql above ${__dirname}; pass schemaDir.`);
    dir = parent;
  }
}

/** Module-private: one service's operations with their status, and the annotated names its SDK does not have. */
function serviceCoverage(
  service: CoverageService,
  annotations: readonly UpstreamAnnotation[],
  sdkOperations: readonly string[],
  notYet: readonly string[],
  excluded: Readonly<Record<string, string>>,
): ServiceCoverage {
  const sdk = new Set(sdkOperations);
  const coordinatesByOperation = new Map<string, string[]>();
  const unknownAnnotated: { coordinate: string; operation: string }[] = [];
  for (const annotation of annotations) {
    for (const operation of annotation.operations[service]) {
      if (!sdk.has(operation)) unknownAnnotated.push({ coordinate: annotation.coordinate, operation });
      coordinatesByOperation.set(operation, [...(coordinatesByOperation.get(operation) ?? []), annotation.coordinate]);
    }
  }
  const groupOf = new Map(SEED_GROUPS[service].flatMap((group) => group.operations.map((operation) => [operation, group.group] as const)));
  const seed = seedOperations(service).filter((operation) => sdk.has(operation));
  const sdkOnly = [...sdk].filter((operation) => !groupOf.has(operation)).sort();
  const notYetSet = new Set(notYet);
  const operations = [...seed, ...sdkOnly].map((operation): OperationCoverage => {
    const coordinates = [...(coordinatesByOperation.get(operation) ?? [])].sort();
    const inSeed = groupOf.has(operation);
    const base = { operation, inSeed, group: groupOf.get(operation) ?? 'SDK only', coordinates };
    if (coordinates.length > 0) return { ...base, status: 'covered' };
    if (inSeed && notYetSet.has(operation)) return { ...base, status: 'notYet', reason: NOT_YET_IN_GRAPH_REASON };
    if (!inSeed && Object.hasOwn(excluded, operation)) return { ...base, status: 'excluded', reason: excluded[operation] };
    return { ...base, status: 'unaccounted' };
  });
  const count = (status: OperationStatus) => operations.filter((entry) => entry.status === status).length;
  return {
    service,
    ...COVERAGE_SERVICE_INFO[service],
    counts: { sdk: sdk.size, seed: seed.length, covered: count('covered'), notYet: count('notYet'), excluded: count('excluded'), unaccounted: count('unaccounted') },
    operations,
    unknownAnnotated,
  };
}

/** Module-private: the `.graphql` files under a folder, recursively, in path order. */
function graphqlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return graphqlFiles(path);
      return entry.isFile() && entry.name.endsWith('.graphql') ? [path] : [];
    });
}

/** Module-private: the field definitions of an object or interface type (definition or extension). */
function fieldsOf(definition: DefinitionNode): { typeName: string; node: FieldDefinitionNode }[] {
  switch (definition.kind) {
    case Kind.OBJECT_TYPE_DEFINITION:
    case Kind.OBJECT_TYPE_EXTENSION:
    case Kind.INTERFACE_TYPE_DEFINITION:
    case Kind.INTERFACE_TYPE_EXTENSION:
      return (definition.fields ?? []).map((node) => ({ typeName: definition.name.value, node }));
    default:
      return [];
  }
}

/** Module-private: the operations an `@upstream` directive names, per service. */
function annotationOperations(directive: ConstDirectiveNode, coordinate: string, file: string): Record<CoverageService, string[]> {
  const operations: Record<CoverageService, string[]> = { pinpoint: [], smsVoice: [] };
  for (const argument of directive.arguments ?? []) {
    const service = argument.name.value;
    if (!isCoverageService(service)) {
      throw new Error(`@${UPSTREAM_DIRECTIVE} on ${coordinate} (${file}) has argument "${service}"; it takes only ${COVERAGE_SERVICES.join(' and ')}.`);
    }
    operations[service] = stringList(argument.value, `@${UPSTREAM_DIRECTIVE}(${service}:) on ${coordinate} (${file})`);
  }
  if (operations.pinpoint.length + operations.smsVoice.length === 0) throw new Error(`@${UPSTREAM_DIRECTIVE} on ${coordinate} (${file}) names no operation.`);
  return operations;
}

/** Module-private: a directive value that must be a list of operation names (a lone string is a list of one, as GraphQL coerces it). */
function stringList(value: ConstValueNode, where: string): string[] {
  const items = value.kind === Kind.LIST ? value.values : [value];
  return items.map((item) => {
    if (item.kind !== Kind.STRING) throw new Error(`${where} must be a list of operation names (strings); got a ${item.kind}.`);
    return item.value;
  });
}

/** Module-private. */
function isCoverageService(name: string): name is CoverageService {
  return (COVERAGE_SERVICES as readonly string[]).includes(name);
}
