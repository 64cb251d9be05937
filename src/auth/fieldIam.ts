import {
  getNamedType,
  getNullableType,
  isAbstractType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isObjectType,
  isScalarType,
  valueFromASTUntyped,
  type GraphQLEnumType,
  type GraphQLField,
  type GraphQLInputObjectType,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import { operationIam, type IamResourceType, type IamService } from './iamActions';

/**
 * The field → IAM action + resource table that enforcement and the policy simulator read. It is
 * derived once, at start-up, from two things that already exist and nothing else: the schema's
 * `@upstream(pinpoint: [...], smsVoice: [...])` annotations (the operation mapping that also
 * drives the coverage manifest and the cost model) and the generated operation → IAM table
 * (`__generated__/iamActions.ts`). There is no second, hand-kept list of coordinates: a field that
 * gains an annotation gains its authorization, and `test/auth/fieldIam.test.ts` fails when an
 * annotated coordinate has no action or no way to build its resource ARN.
 *
 * For each `${Placeholder}` of each resource ARN template of each operation a field may call, the
 * derivation finds where the value comes from, in this order (the names tried are the
 * placeholder's and its SDK member's in camelCase: `${AppId}` → `applicationId`, `PhoneNumberIds`
 * → `phoneNumberId`; a list argument `activityIds` names one resource per item):
 *
 * 1. an argument of the field, or a field of its `input` argument (`input.applicationId`);
 * 2. a field of the parent object (`Campaign.applicationId`; a parent's own name for `…Name`
 *    placeholders: `OptOutList.name`; its `arn` for a whole-ARN member such as `ResourceArn`),
 *    marked `upstream` when that parent field is itself annotated (reading it may cost a call);
 * 3. for the last ID of the ARN, the field's `id` or `name` argument (`App.campaign(id)`,
 *    `Campaign.kpi(name)`, `createOptOutList(input: { name })`): it names the object the field reads;
 * 4. the parent's model, by SDK member name (`ApplicationId` of a journey run, which has no
 *    GraphQL field for it); a model without the key leaves the ID unknown at run time;
 * 5. none of these: every resource of the type (`phone-number/*`), either because the field lists
 *    them (`reason: 'list'`) or because the IDs come from the answer of an earlier call of the
 *    same field (`reason: 'answer'`; `Pool.phoneNumbers` learns its numbers' IDs from
 *    ListPoolOriginationIdentities). A policy then needs the action on every resource of the type.
 *    Anywhere else an ID without a source is a gap in the table ({@link FieldIamTable.unbound}).
 *
 * A member that holds an ID of one of several types (`OriginationIdentity`: a phone number, a pool
 * or a sender ID, by ID or ARN) is read once and its value names the type. A mutation input member
 * the input cannot carry is never sent, so it names no resource (SendTextMessage's
 * `ProtectConfigurationId`); one the input may leave out is `optional`.
 *
 * How a field's operations combine ({@link FieldIam.select}): all of them are required (a field
 * that may call GetSegmentVersion or read GetSegments needs both: the gateway picks the call, so
 * the caller must be allowed both), except where the field returns one of several types and the
 * operation is picked by the object's type: `node`/`nodes` by the global ID's type (`globalId`),
 * template and APNs channel fields by a `TemplateType`/`ChannelType` argument or parent field
 * (`enum`), origination identities and tag payloads by the ID or ARN that names the object
 * (`identity`).
 */

/** Where one ARN placeholder's value comes from. */
export type ValueSource =
  /** An argument, or a field of an input object argument: `['input', 'applicationId']`. */
  | { readonly kind: 'argument'; readonly path: readonly string[] }
  /**
   * The parent object: its GraphQL `field` (read through the field's own resolver; `upstream` when
   * that field is itself annotated, so reading it may cost a call), else the first of `keys` the
   * parent's model (the SDK shape the resolvers receive) holds, e.g. `ApplicationId`.
   */
  | { readonly kind: 'parent'; readonly field?: string; readonly upstream: boolean; readonly keys: readonly string[] }
  /** The keys of a global ID (`node`/`nodes`), in the order the ID carries them. */
  | { readonly kind: 'globalId'; readonly key: number }
  /** The value an `identity` select reads (an ARN or ID naming the resource and its type). */
  | { readonly kind: 'identity' }
  /** Unknown before the call: the action is checked against every resource of the type. */
  | { readonly kind: 'every'; readonly reason: 'list' | 'answer' };

/** One resource an operation is authorized on, with where each of its IDs comes from. */
export interface ResourceBinding {
  /** The ARN's resource part with IDs starred (`apps/*\/campaigns/*`), as the IAM table names it. */
  readonly type: string;
  /** The ARN template, e.g. `arn:${Partition}:mobiletargeting:${Region}:${Account}:apps/${AppId}`. */
  readonly arn: string;
  /** Placeholder (`AppId`) → source; `Partition`, `Region` and `Account` come from the gateway. */
  readonly values: Readonly<Record<string, ValueSource>>;
  /** The template ends in `*` and one value holds the whole ARN (`ResourceArn` of tag operations). */
  readonly wholeArn: boolean;
}

/**
 * Resources of one operation that one SDK member names. Usually one; several when the member
 * holds an ID or ARN of any of several types (`OriginationIdentity`: a phone number, pool or
 * sender ID), and the value then picks the type (see `classifyIdentity` in fieldChecks.ts).
 */
export interface ResourceGroup {
  /** The SDK input member(s) naming the resource (`OriginationIdentity`, `ApplicationId`). */
  readonly member: string;
  /**
   * Several types: how one is picked. With `identity`, that value (an ID or ARN) is classified
   * and names the alternative and its IDs; without, the first alternative whose IDs are all
   * known is checked (`PhoneNumber.keywords` names its own phone number), and when none is,
   * every alternative is checked against every resource of its type.
   */
  readonly identity?: ValueSource;
  readonly alternatives: readonly ResourceBinding[];
  /**
   * The member is optional in a mutation input (a `RequestPhoneNumber` without `PoolId`): when
   * its value is absent the operation names no resource of this group and none is checked.
   */
  readonly optional: boolean;
}

/** One upstream operation a field may call, with its IAM action(s) and resources. */
export interface OperationBinding {
  readonly service: IamService;
  readonly operation: string;
  /** The IAM actions, e.g. `mobiletargeting:GetCampaign`. */
  readonly actions: readonly string[];
  /** Every group is checked; none means the action applies to no resource type (checked against `*`). */
  readonly groups: readonly ResourceGroup[];
  /** For `select.kind === 'globalId'`: the global ID type this operation reads (`Campaign`). */
  readonly nodeType?: string;
  /** For `select.kind === 'globalId'`: read for IDs that carry a version key beyond the ARN's IDs. */
  readonly versioned?: boolean;
  /** For `select.kind === 'enum'`: the enum value that picks this operation (`EMAIL`). */
  readonly enumValue?: string;
}

/** How a field's operations combine for one object. */
export type OperationSelect =
  /** Every operation is checked. */
  | { readonly kind: 'all' }
  /** `node(id:)` / `nodes(ids:)`: the operation(s) of each global ID's type, keys from the ID. */
  | { readonly kind: 'globalId'; readonly argument: string; readonly list: boolean }
  /** The operation whose `enumValue` equals this enum argument or parent field (`TemplateType`). */
  | { readonly kind: 'enum'; readonly source: ValueSource }
  /**
   * The field answers one of several types and a value names which: an ARN (`resourceArn`) or an
   * SMS origination identity (`phone-…`, `pool-…`, a sender ID, an E.164 number). The operation
   * is the one whose resource type the value names; its IDs are read from the value.
   */
  | { readonly kind: 'identity'; readonly source: ValueSource };

/** The authorization of one upstream-reaching schema coordinate. */
export interface FieldIam {
  /** `Type.field`. */
  readonly coordinate: string;
  readonly operations: readonly OperationBinding[];
  readonly select: OperationSelect;
  /** The field answers a list of objects (a connection or a list type), so its reads are collection reads. */
  readonly list: boolean;
  /** The field is on `Mutation`. */
  readonly mutation: boolean;
}

/** A placeholder the derivation could not bind: the test of the table lists these. */
export interface UnboundPlaceholder {
  readonly coordinate: string;
  readonly operation: string;
  readonly placeholder: string;
  readonly member: string;
}

/** The derived table: coordinate → its authorization, and what could not be derived. */
export interface FieldIamTable {
  readonly fields: ReadonlyMap<string, FieldIam>;
  /** Annotated operations with no row in the IAM table (must be empty). */
  readonly missingActions: readonly string[];
  /** Placeholders with no source (must be empty). */
  readonly unbound: readonly UnboundPlaceholder[];
  /** Global ID types that no `node` operation reads (must be empty). */
  readonly unmappedNodeTypes: readonly string[];
}

/** The placeholders every ARN has, filled from the gateway's region and account, not from the request. */
export const ACCOUNT_PLACEHOLDERS: ReadonlySet<string> = new Set(['Partition', 'Region', 'Account']);

/** The directive the schema's upstream-reaching fields carry. */
export const UPSTREAM_DIRECTIVE = 'upstream';

/**
 * Derives the table from the executable schema (its `@upstream` annotations) and the generated
 * IAM table. Pure and deterministic; the server derives it once per schema.
 */
export function deriveFieldIamTable(schema: GraphQLSchema): FieldIamTable {
  const fields = new Map<string, FieldIam>();
  const missingActions: string[] = [];
  const unbound: UnboundPlaceholder[] = [];
  const annotated = annotatedFields(schema);
  const nodeTypes = nodeResourceTypes(schema, annotated);
  const unmappedNodeTypes = new Set<string>();

  for (const { type, field, operations } of annotated) {
    const coordinate = `${type.name}.${field.name}`;
    const list = answersList(field);
    const root = type === schema.getQueryType() || type === schema.getMutationType();
    const mutation = type === schema.getMutationType();
    const select = selectOf(type, field, operations);
    const bindings: OperationBinding[] = [];
    operations.forEach(({ service, operation }, position) => {
      const entry = operationIam(service, operation);
      if (!entry) {
        missingActions.push(`${coordinate}: ${service} ${operation}`);
        return;
      }
      const scope: BindingScope = { type, field, list, root, chained: position > 0, select };
      const groups: ResourceGroup[] = [];
      for (const group of groupResources(entry.resources)) {
        const optional = mutation && group.alternatives.every((resource) => resource.from.every((member) => inputMemberOptional(field, member)));
        // Several types named by one member (`OriginationIdentity`): the value picks the type, when the field has it.
        const identity = group.alternatives.length > 1 ? findSource(scope, [camel(group.member)], false) : undefined;
        const problems: { placeholder: string; member: string }[] = [];
        const alternatives = group.alternatives.map((resource) =>
          bindResource(resource, identity ? { ...scope, select: { kind: 'identity', source: identity } } : scope, (placeholder, member) => problems.push({ placeholder, member })),
        );
        const bound = alternatives.some((alternative) => Object.values(alternative.values).some((source) => source.kind !== 'every'));
        // A mutation whose input carries none of the member's values: the gateway never sends the
        // member, so the call names no such resource (SendTextMessage's ProtectConfigurationId).
        if (mutation && !bound && problems.length > 0 && position === 0) continue;
        for (const problem of problems) unbound.push({ coordinate, operation, ...problem });
        groups.push({ member: group.member, ...(identity ? { identity } : {}), alternatives, optional });
      }
      const binding: OperationBinding = { service, operation, actions: entry.actions, groups };
      if (select.kind === 'globalId') {
        // The operations that read the type by ID elsewhere in the schema, and their `…Version` variant for versioned IDs.
        const readers = [...nodeTypes].filter(([, reader]) => reader.operations.has(operation) || (/Version$/.test(operation) && entry.resources.some((resource) => resource.type === reader.resource.type)));
        // An operation `nodes` may also use without reading an ID (a list that primes) is not a read of an ID.
        for (const [nodeType] of readers) bindings.push({ ...binding, nodeType, versioned: /Version$/.test(operation) });
        return;
      }
      if (select.kind === 'enum') {
        const value = enumValueOf(entry.resources, select, type, field);
        bindings.push(value === undefined ? binding : { ...binding, enumValue: value });
        return;
      }
      bindings.push(binding);
    });
    if (select.kind === 'globalId') {
      for (const nodeType of nodeTypes.keys()) if (!bindings.some((binding) => binding.nodeType === nodeType)) unmappedNodeTypes.add(nodeType);
    }
    fields.set(coordinate, { coordinate, operations: bindings, select, list, mutation });
  }
  return { fields, missingActions, unbound, unmappedNodeTypes: [...unmappedNodeTypes].sort() };
}

/** The `${Name}` placeholders of an ARN template, in order. */
export function templatePlaceholders(template: string): string[] {
  return [...template.matchAll(/\$\{([A-Za-z]+)\}/g)].map((match) => match[1]);
}

/** The operations an `@upstream` annotation on a field names, in the order written (pinpoint first). */
export function upstreamOperations(field: GraphQLField<unknown, unknown>): { service: IamService; operation: string }[] {
  const directive = field.astNode?.directives?.find((candidate) => candidate.name.value === UPSTREAM_DIRECTIVE);
  if (!directive) return [];
  const operations: { service: IamService; operation: string }[] = [];
  for (const argument of directive.arguments ?? []) {
    const service = argument.name.value;
    if (service !== 'pinpoint' && service !== 'smsVoice') continue;
    const value = valueFromASTUntyped(argument.value);
    if (Array.isArray(value)) for (const operation of value) operations.push({ service, operation: String(operation) });
  }
  return operations;
}

// ---------------------------------------------------------------------------------------------
// Module-private.

/** Module-private: an annotated object field (interface fields are enforced on their implementations). */
interface AnnotatedField {
  readonly type: GraphQLObjectType;
  readonly field: GraphQLField<unknown, unknown>;
  readonly operations: readonly { service: IamService; operation: string }[];
}

/** Module-private: every annotated field of every object type (an implementation inherits its interface's annotation). */
function annotatedFields(schema: GraphQLSchema): AnnotatedField[] {
  const found: AnnotatedField[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      let operations = upstreamOperations(field);
      if (operations.length === 0) {
        for (const face of type.getInterfaces()) {
          const inherited = face.getFields()[field.name];
          if (inherited) operations = upstreamOperations(inherited);
          if (operations.length) break;
        }
      }
      if (operations.length) found.push({ type, field, operations });
    }
  }
  return found;
}

/**
 * Module-private: each Node type's resource type (the one its by-ID reads name), from the fields
 * that read exactly that type with a single operation (`App.campaign(id): Campaign` reads
 * GetCampaign on `apps/*\/campaigns/*`): the most frequent resource type wins.
 */
function nodeResourceTypes(schema: GraphQLSchema, annotated: readonly AnnotatedField[]): Map<string, { resource: IamResourceType; operations: Set<string> }> {
  const nodeInterface = schema.getType('Node');
  const result = new Map<string, { resource: IamResourceType; operations: Set<string> }>();
  if (!nodeInterface || !isInterfaceType(nodeInterface)) return result;
  for (const nodeType of schema.getPossibleTypes(nodeInterface)) {
    const counts = new Map<string, { resource: IamResourceType; count: number; operations: Set<string> }>();
    for (const { field, operations } of annotated) {
      if (operations.length !== 1 || isListType(getNullableType(field.type)) || getNamedType(field.type) !== nodeType) continue;
      const entry = operationIam(operations[0].service, operations[0].operation);
      const resource = entry?.resources[0];
      if (!resource) continue;
      const seen = counts.get(resource.type) ?? { resource, count: 0, operations: new Set<string>() };
      seen.count += 1;
      seen.operations.add(operations[0].operation);
      counts.set(resource.type, seen);
    }
    const best = [...counts.values()].sort((a, b) => b.count - a.count)[0];
    if (best) result.set(nodeType.name, { resource: best.resource, operations: best.operations });
  }
  return result;
}

/** Module-private: how the operations of a field combine. */
function selectOf(type: GraphQLObjectType, field: GraphQLField<unknown, unknown>, operations: readonly { service: IamService; operation: string }[]): OperationSelect {
  const returned = getNamedType(field.type);
  if (returned.name === 'Node') {
    const argument = field.args.find((arg) => getNamedType(arg.type).name === 'ID');
    if (argument) return { kind: 'globalId', argument: argument.name, list: isListType(getNullableType(argument.type)) };
  }
  if (operations.length < 2) return { kind: 'all' };
  const resources = operations.map(({ service, operation }) => operationIam(service, operation)?.resources[0]);
  // Operations that differ only by a literal last segment of their ARN (`templates/${TemplateName}/EMAIL`, `/SMS`)
  // are picked by an enum whose values are those segments: an argument, an input field or a parent field.
  const segments = resources.map((resource) => literalTail(resource?.arn));
  if (segments.every((segment) => segment !== undefined) && new Set(segments).size === segments.length) {
    const wanted = segments as string[];
    const fits = (candidate: unknown) => {
      const named = getNamedType(candidate as GraphQLInputType);
      return isEnumType(named) && wanted.every((segment) => named.getValues().some((value) => normalize(value.name) === normalize(segment)));
    };
    for (const arg of field.args) if (fits(arg.type)) return { kind: 'enum', source: { kind: 'argument', path: [arg.name] } };
    const inputType = inputObjectOf(field);
    if (inputType) for (const inner of Object.values(inputType.getFields())) if (fits(inner.type)) return { kind: 'enum', source: { kind: 'argument', path: ['input', inner.name] } };
    for (const sibling of Object.values(type.getFields())) {
      if (sibling.args.length === 0 && fits(sibling.type)) return { kind: 'enum', source: { kind: 'parent', field: sibling.name, upstream: upstreamOperations(sibling).length > 0, keys: [] } };
    }
  }
  // One of several types, each read by its own operation on its own resource type: the value
  // naming the object (an ARN, or an ID whose shape names its type) picks the operation.
  const types = new Set(resources.map((resource) => resource?.type));
  if (isAbstractType(returned) && types.size === operations.length && !types.has(undefined)) {
    const source = findSource({ type, field, list: false, root: false, chained: false, select: { kind: 'all' } }, IDENTITY_NAMES, false);
    if (source) return { kind: 'identity', source };
  }
  return { kind: 'all' };
}

/** Module-private: the names of a value that names an object of one of several types, best first. */
const IDENTITY_NAMES = ['resourceArn', 'originationIdentityArn', 'arn', 'originationIdentity', 'resourceId'];

/** Module-private: the enum value that picks an operation under an `enum` select. */
function enumValueOf(resources: readonly IamResourceType[], select: OperationSelect, type: GraphQLObjectType, field: GraphQLField<unknown, unknown>): string | undefined {
  if (select.kind !== 'enum') return undefined;
  const tail = literalTail(resources[0]?.arn);
  if (tail === undefined) return undefined;
  const enumType = enumTypeOf(select.source, type, field);
  return enumType?.getValues().find((value) => normalize(value.name) === normalize(tail))?.name;
}

/** Module-private: the enum type an `enum` select reads. */
function enumTypeOf(source: ValueSource, type: GraphQLObjectType, field: GraphQLField<unknown, unknown>): GraphQLEnumType | undefined {
  let named: unknown;
  if (source.kind === 'parent' && source.field) named = getNamedType(type.getFields()[source.field].type);
  if (source.kind === 'argument') {
    const [first, second] = source.path;
    const arg = field.args.find((candidate) => candidate.name === first);
    named = arg && getNamedType(arg.type);
    if (second !== undefined) named = isInputObjectType(named) ? getNamedType(named.getFields()[second].type) : undefined;
  }
  return isEnumType(named) ? named : undefined;
}

/** Module-private: the last path segment of an ARN template when it is a literal (`EMAIL`), else undefined. */
function literalTail(template: string | undefined): string | undefined {
  if (!template) return undefined;
  const tail = template.slice(template.lastIndexOf('/') + 1);
  return /^[A-Za-z_]+$/.test(tail) ? tail : undefined;
}

/** Module-private: `IN_APP` and `INAPP` name the same thing. */
function normalize(name: string): string {
  return name.replace(/_/g, '').toUpperCase();
}

/** Module-private: the IAM table's resources grouped by the member that names them. */
function groupResources(resources: readonly IamResourceType[]): { member: string; alternatives: IamResourceType[] }[] {
  const groups: { member: string; alternatives: IamResourceType[] }[] = [];
  for (const resource of resources) {
    // A resource whose template has fewer placeholders than members also accepts the extra
    // member's value (AssociateOriginationIdentity's pool from `PoolId`); it is named by its first.
    const member = resource.from[0] ?? '';
    const group = groups.find((candidate) => candidate.member === member && member !== '');
    if (group) group.alternatives.push(resource);
    else groups.push({ member, alternatives: [resource] });
  }
  return groups;
}

/** Module-private: what binding a resource's placeholders needs to know about the field. */
interface BindingScope {
  readonly type: GraphQLObjectType;
  readonly field: GraphQLField<unknown, unknown>;
  readonly list: boolean;
  /** The field is on Query or Mutation: its parent holds nothing. */
  readonly root: boolean;
  /** The operation is not the first the field names: its IDs may come from an earlier call's answer. */
  readonly chained: boolean;
  readonly select: OperationSelect;
}

/** Module-private: binds every ID placeholder of one resource. */
function bindResource(resource: IamResourceType, scope: BindingScope, reportUnbound: (placeholder: string, member: string) => void): ResourceBinding {
  const wholeArn = resource.arn.endsWith(':*');
  const ids = templatePlaceholders(resource.arn).filter((name) => !ACCOUNT_PLACEHOLDERS.has(name));
  const values: Record<string, ValueSource> = {};
  if (scope.select.kind === 'identity') {
    // The value names the resource (its first ID, or the whole ARN); a sender ID's country still comes from its own source.
    if (wholeArn || ids.length === 0) {
      values[resource.from[0] ?? 'ResourceArn'] = { kind: 'identity' };
      return { type: resource.type, arn: resource.arn, values, wholeArn };
    }
    ids.forEach((placeholder, index) => {
      values[placeholder] = index === 0 ? { kind: 'identity' } : (findSource({ ...scope, select: { kind: 'all' } }, [camel(placeholder)], false, [placeholder]) ?? { kind: 'every', reason: 'answer' });
    });
    return { type: resource.type, arn: resource.arn, values, wholeArn };
  }
  if (wholeArn) {
    const member = resource.from[0] ?? 'ResourceArn';
    const source = findSource(scope, [camel(member), 'arn'], false);
    values[member] = source ?? { kind: 'every', reason: 'answer' };
    if (!source) reportUnbound(member, member);
    return { type: resource.type, arn: resource.arn, values, wholeArn };
  }
  ids.forEach((placeholder, index) => {
    // Placeholders beyond the members (a sender ID's `${IsoCountryCode}` from `SenderIds`) go by their own name only.
    const member = index < resource.from.length ? resource.from[index] : placeholder;
    if (scope.select.kind === 'globalId') {
      values[placeholder] = { kind: 'globalId', key: index };
      return;
    }
    const listMember = /(Ids|Names|Arns)$/.test(resource.from[Math.min(index, resource.from.length - 1)] ?? member);
    // A list's members, and IDs a chained call learns from an earlier answer, are not on the parent's model.
    const keys = (listMember && scope.list) || (listMember && scope.chained) ? [] : modelKeys(placeholder, member);
    const source = findSource(scope, candidateNames(placeholder, member, scope.type), index === ids.length - 1, keys);
    if (source) {
      values[placeholder] = source;
      return;
    }
    values[placeholder] = { kind: 'every', reason: listMember && scope.list ? 'list' : 'answer' };
    // Unknown IDs are expected in lists, in chained calls (their IDs come from an earlier answer)
    // and in members holding an ID of one of several types; anywhere else the table has a gap.
    if (!(listMember && scope.list) && !scope.chained && !identityMember(member)) reportUnbound(placeholder, member);
  });
  return { type: resource.type, arn: resource.arn, values, wholeArn };
}

/** Module-private: members that hold the ID of one of several types, or a phone number (resolved by value). */
function identityMember(member: string): boolean {
  return member === 'OriginationIdentity' || member === 'ResourceId';
}

/** Module-private: the GraphQL names a placeholder's value may go by. */
function candidateNames(placeholder: string, member: string, parent: GraphQLObjectType): string[] {
  const names = new Set<string>();
  names.add(placeholder === 'AppId' ? 'applicationId' : camel(placeholder));
  names.add(camel(singular(member)));
  // `JourneyActivityId` of a journey activity is its `activityId`.
  const words = placeholder.match(/[A-Z][a-z]*/g) ?? [];
  if (words.length > 2) names.add(camel(words.slice(-2).join('')));
  // A parent's own name: `OptOutListName` of an `OptOutList`, `TemplateName` of an `EmailTemplate`.
  if (placeholder.endsWith('Name') && parent.name.includes(placeholder.slice(0, -4))) names.add('name');
  return [...names];
}

/** Module-private: the SDK-shaped keys of a parent model that may hold a placeholder's value. */
function modelKeys(placeholder: string, member: string): string[] {
  const keys = new Set<string>([singular(member), member, placeholder === 'AppId' ? 'ApplicationId' : placeholder]);
  return [...keys];
}

/**
 * Module-private: an argument, input field or parent field holding one of `names` (for the ARN's
 * last ID, `ownKey`, also the field's `id`/`name` argument); else, off the root, the parent model's `keys`.
 */
function findSource(scope: BindingScope, names: readonly string[], ownKey: boolean, keys: readonly string[] = []): ValueSource | undefined {
  const { field, type } = scope;
  for (const name of names) {
    // `activityIds: [ID!]` names one resource per item, as `activityId` would name one.
    const arg = field.args.find((candidate) => (candidate.name === name || candidate.name === `${name}s`) && isScalarLike(candidate.type));
    if (arg) return { kind: 'argument', path: [arg.name] };
  }
  const inputType = inputObjectOf(field);
  const inner = inputType?.getFields() ?? {};
  for (const name of names) if (Object.hasOwn(inner, name) && isScalarLike(inner[name].type)) return { kind: 'argument', path: ['input', name] };
  const siblings = scope.root ? {} : type.getFields();
  for (const name of names) {
    const sibling = Object.hasOwn(siblings, name) ? siblings[name] : undefined;
    if (sibling && sibling.args.length === 0 && isScalarLike(sibling.type)) return { kind: 'parent', field: name, upstream: upstreamOperations(sibling).length > 0, keys };
  }
  if (ownKey) {
    const own = field.args.find((arg) => (arg.name === 'id' || arg.name === 'name') && isScalarLike(arg.type));
    if (own) return { kind: 'argument', path: [own.name] };
    for (const name of ['id', 'name']) if (Object.hasOwn(inner, name) && isScalarLike(inner[name].type)) return { kind: 'argument', path: ['input', name] };
  }
  return keys.length && !scope.root ? { kind: 'parent', upstream: false, keys } : undefined;
}

/** Module-private: the field's `input` argument's type, when it has one. */
function inputObjectOf(field: GraphQLField<unknown, unknown>): GraphQLInputObjectType | undefined {
  const input = field.args.find((arg) => arg.name === 'input');
  const type = input && getNamedType(input.type);
  return type && isInputObjectType(type) ? type : undefined;
}

/** Module-private: a scalar or enum, or a list of them (list values name one resource each). */
function isScalarLike(type: unknown): boolean {
  const named = getNamedType(type as GraphQLInputType);
  return isScalarType(named) || isEnumType(named);
}

/** Module-private: whether a mutation's input member may be left out (its `input` field is nullable or absent). */
function inputMemberOptional(field: GraphQLField<unknown, unknown>, member: string): boolean {
  const input = field.args.find((arg) => arg.name === 'input');
  const inputType = input && getNamedType(input.type);
  if (!inputType || !isInputObjectType(inputType)) return false;
  const inner = inputType.getFields()[camel(singular(member))] ?? inputType.getFields()[camel(member)];
  return inner !== undefined && getNullableType(inner.type) === inner.type;
}

/** Module-private: a field that answers several objects (a list, or a Relay connection). */
function answersList(field: GraphQLField<unknown, unknown>): boolean {
  const type = getNullableType(field.type);
  if (isListType(type)) return true;
  const named = getNamedType(field.type);
  return isObjectType(named) && named.name.endsWith('Connection');
}

/** Module-private. */
function camel(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

/** Module-private: `PhoneNumberIds` → `PhoneNumberId`, `OptOutListNames` → `OptOutListName`. */
function singular(member: string): string {
  return /(Ids|Names|Arns)$/.test(member) ? member.slice(0, -1) : member;
}
