import {
  defaultFieldResolver,
  getNamedType,
  getNullableType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isObjectType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLInputObjectType,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import type { GraphQLContext } from './context';
import { badUserInput } from './errors';
import { fromGlobalId, toGlobalId } from './ids';

/**
 * IDs that forgive: every argument (and input field) that names an upstream object by its
 * upstream ID (`applicationId`, `campaignId`, `poolId`, `templateName`, `app(id:)`, …) also
 * accepts that object's global `id`, as a client holding an object naturally has it. The global
 * ID is replaced by the upstream key before anything reads the arguments (the caller's policies,
 * the resolver), so the rest of the gateway sees one form only.
 *
 * A global ID of the wrong type is refused with a message naming both types, rather than sent
 * upstream as if it were an upstream ID (which produced a misleading NOT_FOUND); a global ID whose
 * keys contradict another argument (a campaign of another application than `applicationId`, or
 * of the `App` the field is read on) is refused naming both values. Anything that is not a global
 * ID issued by this gateway is passed on untouched: an upstream ID never changes meaning.
 *
 * The plan is computed once from the schema (which arguments and input fields hold IDs, by name,
 * and for `id` by the field's return type); fields without such arguments keep their resolver
 * unwrapped, and a value that is not a global ID costs one string prefix test.
 */

/** Where an object type keeps its own upstream key in its global ID, and which keys name its parents. */
interface IdLayout {
  /** Index of the object's own upstream key among the global ID's keys. */
  readonly own: number;
  /** Keys that name a parent, with the argument that gives the same value when both are present. */
  readonly parents?: Readonly<Record<number, string>>;
}

/** Module-private: the Pinpoint objects that live inside an application (keys: application ID, own ID, version?). */
const IN_APPLICATION: IdLayout = { own: 1, parents: { 0: 'applicationId' } };
/** Module-private: objects whose first key is their own ID. */
const TOP_LEVEL: IdLayout = { own: 0 };

/** The global-ID layout of every Node type whose ID an argument may take (see the `toGlobalId` calls in the domains). */
const ID_LAYOUTS: Readonly<Record<string, IdLayout>> = {
  App: TOP_LEVEL,
  Campaign: IN_APPLICATION,
  Segment: IN_APPLICATION,
  Journey: IN_APPLICATION,
  Endpoint: IN_APPLICATION,
  User: IN_APPLICATION,
  ImportJob: IN_APPLICATION,
  ExportJob: IN_APPLICATION,
  RecommenderConfiguration: TOP_LEVEL,
  EmailTemplate: TOP_LEVEL,
  SmsTemplate: TOP_LEVEL,
  PushTemplate: TOP_LEVEL,
  VoiceTemplate: TOP_LEVEL,
  InAppTemplate: TOP_LEVEL,
  PhoneNumber: TOP_LEVEL,
  Pool: TOP_LEVEL,
  OptOutList: TOP_LEVEL,
  ConfigurationSet: TOP_LEVEL,
  Registration: TOP_LEVEL,
  RegistrationAttachment: TOP_LEVEL,
  VerifiedDestinationNumber: TOP_LEVEL,
  SenderId: { own: 0, parents: { 1: 'isoCountryCode' } },
};

/** Module-private: every template type (a `templateName` may be given as any template's global ID). */
const TEMPLATE_TYPES = ['EmailTemplate', 'SmsTemplate', 'PushTemplate', 'VoiceTemplate', 'InAppTemplate'] as const;

/**
 * The arguments and input fields that hold an upstream ID, by name, with the types whose global
 * IDs they accept. (`id` arguments are decided by the field's return type instead.)
 */
export const ID_ARGUMENT_TYPES: Readonly<Record<string, readonly string[]>> = {
  applicationId: ['App'],
  campaignId: ['Campaign'],
  segmentId: ['Segment'],
  journeyId: ['Journey'],
  endpointId: ['Endpoint'],
  userId: ['User'],
  recommenderId: ['RecommenderConfiguration'],
  templateName: TEMPLATE_TYPES,
  phoneNumberId: ['PhoneNumber'],
  poolId: ['Pool'],
  optOutListName: ['OptOutList'],
  configurationSetName: ['ConfigurationSet'],
  registrationId: ['Registration'],
  registrationAttachmentId: ['RegistrationAttachment'],
  verifiedDestinationNumberId: ['VerifiedDestinationNumber'],
  senderId: ['SenderId'],
  // SMS v2 "origination identity": a phone number, a pool or a sender ID (by ID or ARN upstream).
  originationIdentity: ['PhoneNumber', 'Pool', 'SenderId'],
  // A registration association's resource: a phone number or a sender ID.
  resourceId: ['PhoneNumber', 'SenderId'],
};

/** Module-private: base64url of `["`, the start of every global ID (ids.ts encodes a JSON array of strings). */
const GLOBAL_ID_PREFIX = 'WyJ';

/** Module-private: how one argument or input field is normalised. */
type ValuePlan =
  | { readonly kind: 'id'; readonly accepts: readonly string[] }
  | { readonly kind: 'input'; readonly plan: InputPlan }
  | { readonly kind: 'list'; readonly item: ValuePlan };

/** Module-private: the fields of an input object type that need normalising (filled after creation: input types may be recursive). */
interface InputPlan {
  readonly fields: Map<string, ValuePlan>;
}

/** Module-private: what one wrapped field does with its arguments. */
interface FieldPlan {
  readonly args: ReadonlyMap<string, ValuePlan>;
  /** The parent object's key a `parents` binding may compare with (`App` fields: the application ID). */
  readonly parentApplicationId?: (parent: unknown) => string | undefined;
}

/** Module-private: a path in the arguments, for messages (`input.campaign.segmentId`). */
type Path = readonly (string | number)[];

/** Options of {@link applyIdArguments}. */
export interface IdArgumentOptions {
  /** The application ID of an `App` parent (graph/pinpoint/app.ts), to check IDs read on it belong to it. */
  readonly applicationIdOf: (app: never) => string;
}

/**
 * Wraps, in place, the resolver of every field with an ID-holding argument so that global IDs are
 * replaced by upstream keys before anything else reads the arguments. Apply it last (outermost),
 * after the policy and tracing wrappers, so they see upstream keys too.
 */
export function applyIdArguments(schema: GraphQLSchema, options: IdArgumentOptions): void {
  const planner = createPlanner(schema);
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const plan = planner.fieldPlan(type, field, options);
      if (!plan) continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = (parent, args, ctx: GraphQLContext, info) => resolve(parent, normaliseArguments(plan, args, parent, ctx.region), ctx, info);
    }
  }
}

/**
 * The same replacement for a caller that holds a field's arguments outside execution (the policy
 * simulator): returns the arguments with global IDs replaced, or throws the same BAD_USER_INPUT.
 */
export function createArgumentNormaliser(schema: GraphQLSchema): (coordinate: string, args: Record<string, unknown>, region: string) => Record<string, unknown> {
  const planner = createPlanner(schema);
  const plans = new Map<string, FieldPlan | undefined>();
  return (coordinate, args, region) => {
    if (!plans.has(coordinate)) {
      const [typeName, fieldName] = coordinate.split('.');
      const type = schema.getType(typeName);
      const field = isObjectType(type) ? type.getFields()[fieldName] : undefined;
      plans.set(coordinate, type && isObjectType(type) && field ? planner.fieldPlan(type, field, undefined) : undefined);
    }
    const plan = plans.get(coordinate);
    return plan ? normaliseArguments(plan, args, undefined, region) : args;
  };
}

/** Module-private: plans fields and input types of one schema (input plans memoised, cycles allowed). */
function createPlanner(schema: GraphQLSchema) {
  const nodeInterface = schema.getType('Node');
  const nodeTypes = new Set(isInterfaceType(nodeInterface) ? schema.getImplementations(nodeInterface).objects.map((type) => type.name) : []);
  const inputPlans = new Map<GraphQLInputObjectType, InputPlan>();

  const inputPlan = (type: GraphQLInputObjectType): InputPlan => {
    let plan = inputPlans.get(type);
    if (plan) return plan;
    plan = { fields: new Map() };
    inputPlans.set(type, plan);
    for (const field of Object.values(type.getFields())) {
      const value = valuePlan(field, field.type, undefined);
      if (value) plan.fields.set(field.name, value);
    }
    return plan;
  };

  const valuePlan = (holder: GraphQLArgument | GraphQLInputField, type: GraphQLInputType, idTypes: readonly string[] | undefined): ValuePlan | undefined => {
    const nullable = getNullableType(type);
    if (isListType(nullable)) {
      const item = valuePlan(holder, nullable.ofType as GraphQLInputType, idTypes);
      return item && { kind: 'list', item };
    }
    if (isInputObjectType(nullable)) return { kind: 'input', plan: inputPlan(nullable) };
    if (isScalarType(nullable) && (nullable.name === 'ID' || nullable.name === 'String')) {
      const accepts = idTypes ?? (Object.hasOwn(ID_ARGUMENT_TYPES, holder.name) ? ID_ARGUMENT_TYPES[holder.name] : undefined);
      return accepts && { kind: 'id', accepts };
    }
    return undefined;
  };

  // Every input type is planned first; then the ones that hold an ID somewhere below them are
  // found by a fixed point (input types may be recursive, so one depth-first pass could miss an
  // ID reached through a cycle), and the fields leading nowhere are dropped.
  for (const type of Object.values(schema.getTypeMap())) if (isInputObjectType(type)) inputPlan(type);
  const holding = new Set<InputPlan>();
  const holdsIds = (plan: ValuePlan): boolean => (plan.kind === 'id' ? true : plan.kind === 'list' ? holdsIds(plan.item) : holding.has(plan.plan));
  for (let changed = true; changed; ) {
    changed = false;
    for (const plan of inputPlans.values()) {
      if (!holding.has(plan) && [...plan.fields.values()].some(holdsIds)) {
        holding.add(plan);
        changed = true;
      }
    }
  }
  for (const plan of inputPlans.values()) for (const [name, field] of [...plan.fields]) if (!holdsIds(field)) plan.fields.delete(name);

  return {
    fieldPlan(parentType: GraphQLObjectType, field: GraphQLField<unknown, unknown>, options: IdArgumentOptions | undefined): FieldPlan | undefined {
      if (field.args.length === 0) return undefined;
      // `node(id:)` / `nodes(ids:)` take global IDs by definition; the `id` of any other field
      // returning a Node type is that object's upstream ID (`app(id:)`, `App.campaign(id:)`).
      const returned = getNamedType(field.type).name;
      const args = new Map<string, ValuePlan>();
      for (const arg of field.args) {
        const idTypes = arg.name === 'id' && nodeTypes.has(returned) && Object.hasOwn(ID_LAYOUTS, returned) ? [returned] : undefined;
        if (arg.name === 'id' && !idTypes) continue;
        const plan = valuePlan(arg, arg.type, idTypes);
        if (plan && holdsIds(plan)) args.set(arg.name, plan);
      }
      if (args.size === 0) return undefined;
      const applicationIdOf = options?.applicationIdOf as ((app: unknown) => string) | undefined;
      return { args, parentApplicationId: parentType.name === 'App' && applicationIdOf ? (parent) => (parent ? applicationIdOf(parent) : undefined) : undefined };
    },
  };
}

/** Module-private: the arguments with every global ID replaced (copy on write: unchanged objects are returned as they are). */
function normaliseArguments(plan: FieldPlan, args: Record<string, unknown>, parent: unknown, region: string): Record<string, unknown> {
  let result = args;
  const parentApplicationId = plan.parentApplicationId ? () => plan.parentApplicationId!(parent) : undefined;
  for (const [name, valuePlan] of plan.args) {
    const value = args[name];
    if (value === undefined || value === null) continue;
    const normalised = normaliseValue(valuePlan, value, [name], args, parentApplicationId, region);
    if (normalised !== value) {
      if (result === args) result = { ...args };
      result[name] = normalised;
    }
  }
  return result;
}

/** Module-private: one value by its plan; `siblings` are the arguments or input fields beside it. */
function normaliseValue(plan: ValuePlan, value: unknown, path: Path, siblings: Record<string, unknown>, parentApplicationId: (() => string | undefined) | undefined, region: string): unknown {
  if (value === undefined || value === null) return value;
  switch (plan.kind) {
    case 'id':
      return typeof value === 'string' ? upstreamKey(value, plan.accepts, path, siblings, parentApplicationId, region) : value;
    case 'list': {
      if (!Array.isArray(value)) return normaliseValue(plan.item, value, path, siblings, parentApplicationId, region);
      let copy: unknown[] | undefined;
      value.forEach((item, index) => {
        const normalised = normaliseValue(plan.item, item, [...path, index], siblings, parentApplicationId, region);
        if (normalised !== item) (copy ??= [...value])[index] = normalised;
      });
      return copy ?? value;
    }
    case 'input': {
      if (typeof value !== 'object') return value;
      const object = value as Record<string, unknown>;
      let copy: Record<string, unknown> | undefined;
      for (const [name, fieldPlan] of plan.plan.fields) {
        const field = object[name];
        if (field === undefined || field === null) continue;
        // Inside an input object, its own fields are the siblings an ID is checked against.
        const normalised = normaliseValue(fieldPlan, field, [...path, name], object, parentApplicationId, region);
        if (normalised !== field) (copy ??= { ...object })[name] = normalised;
      }
      return copy ?? value;
    }
  }
}

/** Module-private: an upstream ID as it is, or the upstream key of a global ID of an accepted type (checked against its siblings). */
function upstreamKey(value: string, accepts: readonly string[], path: Path, siblings: Record<string, unknown>, parentApplicationId: (() => string | undefined) | undefined, region: string): string {
  if (!value.startsWith(GLOBAL_ID_PREFIX)) return value;
  const parts = fromGlobalId(value);
  // Only an ID this gateway issued, in its canonical encoding, of a type it knows, is a global ID;
  // anything else is an upstream ID that happens to start like one, and is passed on untouched.
  if (!parts || !Object.hasOwn(ID_LAYOUTS, parts.type) || toGlobalId(parts.type, parts.region, ...parts.keys) !== value) return value;
  const argument = path.join('.');
  if (!accepts.includes(parts.type)) {
    throw badUserInput(
      `"${argument}" takes ${describe(accepts)} (its upstream ID or its global id); got the global ID of ${article(parts.type)} ${parts.type} (${parts.keys.join('/')}).`,
      { argument, expectedTypes: accepts, idType: parts.type },
    );
  }
  if (parts.region !== region) {
    throw badUserInput(`"${argument}" names ${article(parts.type)} ${parts.type} of region "${parts.region}", but this gateway serves region "${region}".`, { argument, region: parts.region, expectedRegion: region });
  }
  const layout = ID_LAYOUTS[parts.type];
  for (const [index, siblingName] of Object.entries(layout.parents ?? {})) {
    const key = parts.keys[Number(index)];
    const given = siblings[siblingName];
    // The sibling may itself be a global ID (an App's id as applicationId): compare upstream keys.
    const stated = typeof given === 'string' ? (given.startsWith(GLOBAL_ID_PREFIX) ? ownKeyOf(given) : given) : siblingName === 'applicationId' ? parentApplicationId?.() : undefined;
    if (stated !== undefined && stated !== key) {
      const where = typeof given === 'string' ? `"${[...path.slice(0, -1), siblingName].join('.')}" is "${stated}"` : `it is read on application "${stated}"`;
      throw badUserInput(`"${argument}" names ${article(parts.type)} ${parts.type} whose ${siblingName} is "${key}", but ${where}.`, { argument, idType: parts.type, [siblingName]: key, stated });
    }
  }
  return parts.keys[layout.own];
}

/** Module-private: the own upstream key of a global ID (for comparing a sibling given as a global ID). */
function ownKeyOf(value: string): string {
  const parts = fromGlobalId(value);
  return parts && Object.hasOwn(ID_LAYOUTS, parts.type) ? parts.keys[ID_LAYOUTS[parts.type].own] : value;
}

/** Module-private: "a Campaign", "a PhoneNumber, a Pool or a SenderId". */
function describe(types: readonly string[]): string {
  const named = types.map((type) => `${article(type)} ${type}`);
  return named.length === 1 ? named[0] : `${named.slice(0, -1).join(', ')} or ${named[named.length - 1]}`;
}

/** Module-private: the indefinite article of a type name. */
function article(type: string): string {
  return /^[AEIOU]/.test(type) ? 'an' : 'a';
}
