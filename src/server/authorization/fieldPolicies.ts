import { defaultFieldResolver, GraphQLError, isObjectType, type GraphQLFieldResolver, type GraphQLObjectType, type GraphQLResolveInfo, type GraphQLSchema } from 'graphql';
import {
  allowsEverything,
  decideFieldChecksWithTags,
  denialMessage,
  displayArn,
  partitionOf,
  planFieldChecks,
  UNKNOWN_VALUE,
  type CheckOutcome,
  type CheckScope,
  type FieldDecision,
  type FieldIam,
  type FieldIamTable,
  type GlobalIdValue,
  type Policy,
  type ResourceTagReader,
  type SourceReader,
  type SourceValue,
  type ValueSource,
} from '../../auth';
import type { GraphQLContext } from '../../graph/context';
import { ErrorCode } from '../../graph/errors';
import { fromGlobalId } from '../../graph/ids';

/**
 * Enforcement of the caller's policies on every field that reaches upstream: a schema-wide
 * resolver wrapper, so no resolver file says "authorize". Before a field's resolver runs for an
 * object, its checks (auth/fieldChecks.ts, from the derived table of auth/fieldIam.ts) are
 * decided against `ctx.caller.policies` with `aws:RequestedRegion` = `ctx.region`; a denial
 * makes the field's value an error with `extensions.code = FORBIDDEN` at its own path (so a
 * nullable field is `null` while its siblings arrive) and the resolver never runs, so no
 * upstream call is made. `nodes(ids:)` is decided per ID: denied IDs are errors at their index.
 *
 * Cost: the decision reads only the arguments and the parent object already in memory, and stays
 * synchronous (resolvers start in the same tick as without enforcement, so DataLoader batches are
 * unchanged), except where the ARN needs a parent field that is itself lazy (a phone number's
 * `poolId` before DescribePhoneNumbers answered): that field's own check runs first, then it is
 * read (the call the field would make anyway). Tags are read only where a check's decision
 * depends on `aws:ResourceTag` (`needsResourceTags`) and its ARN is fully known: the parent's own
 * `tags` when the parent is that resource (Pinpoint answers carry them), else the request's `tags`
 * loader (one ListTagsForResource per distinct ARN per request); the check is then decided with
 * `aws:ResourceTag/<key>` in the context, and the wrapper waits for that read only. An ARN with an
 * unknown ID, a resource type without tags, or a failed read: a deny (`needsTags`). A caller whose
 * policies allow everything unconditionally (the development default) skips all of it.
 */

/** Options of {@link applyFieldPolicies}. */
export interface FieldPolicyOptions {
  /** The derived table (auth/fieldIam.ts `deriveFieldIamTable(schema)`). */
  readonly table: FieldIamTable;
  /**
   * The AWS account of the upstream resources, for `${Account}` in ARNs built from IDs. Unknown:
   * the account part is unknown, and a statement naming an account allows nothing built that way.
   */
  readonly accountId?: string;
}

/** Module-private: the shape of a FORBIDDEN error's extensions. */
interface ForbiddenExtensions {
  readonly code: typeof ErrorCode.Forbidden;
  readonly action: string;
  readonly resource: string;
  readonly decision: string;
  readonly statement?: unknown;
}

/** The FORBIDDEN error of a denied field (message names the action and the ARN). */
export function forbiddenError(decision: FieldDecision): GraphQLError {
  const denied = decision.denied!;
  const extensions: ForbiddenExtensions = {
    code: ErrorCode.Forbidden,
    action: denied.action,
    resource: displayArn(denied.resource),
    decision: denied.decision,
    ...(denied.statement ? { statement: denied.statement } : {}),
  };
  return new GraphQLError(denialMessage(denied), { extensions: { ...extensions } });
}

/**
 * Wraps the resolver of every field the table lists (in place; call once per schema, before the
 * server starts). Returns the number of fields wrapped.
 */
export function applyFieldPolicies(schema: GraphQLSchema, options: FieldPolicyOptions): number {
  let wrapped = 0;
  for (const field of options.table.fields.values()) {
    const [typeName, fieldName] = field.coordinate.split('.');
    const type = schema.getType(typeName);
    if (!type || !isObjectType(type)) continue;
    const definition = type.getFields()[fieldName];
    const original: GraphQLFieldResolver<unknown, GraphQLContext> = definition.resolve ?? defaultFieldResolver;
    definition.resolve = wrapResolver(field, type, original, options);
    wrapped += 1;
  }
  return wrapped;
}

/**
 * The tag reads a field's decision may make per parent object (per ID for a global-ID select), by
 * coordinate, for the cost model: one per resource its checks may name (every resource group of
 * every operation it may call; of the widest operation for a global ID), an upper bound since
 * reads are per distinct ARN per request and a parent's own tags cost none.
 */
export function tagReadsPerObject(table: FieldIamTable): ReadonlyMap<string, number> {
  const reads = new Map<string, number>();
  for (const field of table.fields.values()) {
    const perOperation = field.operations.map((operation) => operation.groups.length);
    const count = field.select.kind === 'globalId' ? Math.max(0, ...perOperation) : perOperation.reduce((sum, groups) => sum + groups, 0);
    if (count > 0) reads.set(field.coordinate, count);
  }
  return reads;
}

// ---------------------------------------------------------------------------------------------
// Module-private.

/** Module-private: the wrapper of one field. */
function wrapResolver(field: FieldIam, parentType: GraphQLObjectType, original: GraphQLFieldResolver<unknown, GraphQLContext>, options: FieldPolicyOptions): GraphQLFieldResolver<unknown, GraphQLContext> {
  const select = field.select;
  if (select.kind === 'globalId' && select.list) {
    return (parent, args: Record<string, unknown>, ctx, info) => {
      const policies = ctx.caller.policies;
      if (isOpen(policies)) return original(parent, args, ctx, info);
      const ids = (args[select.argument] as readonly string[] | undefined) ?? [];
      // The bound on IDs holds before any of them is decided (the resolver checks it again on what is left).
      ctx.bounds.admitNodeIds(ids.length);
      const pending = ids.map((id) => decideId(field, parent, { [select.argument]: id }, ctx, info, parentType, options, globalIdOf(id, ctx)));
      const answer = (verdicts: readonly (GraphQLError | undefined)[]) => {
        const allowedIds = ids.filter((_id, index) => verdicts[index] === undefined);
        const answered = original(parent, { ...args, [select.argument]: allowedIds }, ctx, info) as readonly unknown[];
        let next = 0;
        return verdicts.map((verdict) => verdict ?? answered[next++]);
      };
      // IDs whose decision reads tags are waited for together, so their reads share one tick (and a loader batch).
      return pending.some((verdict) => verdict instanceof Promise) ? Promise.all(pending).then(answer) : answer(pending as readonly (GraphQLError | undefined)[]);
    };
  }
  return (parent, args: Record<string, unknown>, ctx, info) => {
    const policies = ctx.caller.policies;
    if (isOpen(policies)) return original(parent, args, ctx, info);
    const globalId = select.kind === 'globalId' ? globalIdOf(args[select.argument], ctx) : undefined;
    const decision = decide(field, parent, args, ctx, info, parentType, options, globalId);
    if (decision instanceof Promise) {
      return decision.then((settled) => {
        if (!settled.allowed) throw forbiddenError(settled);
        return original(parent, args, ctx, info);
      });
    }
    if (!decision.allowed) throw forbiddenError(decision);
    return original(parent, args, ctx, info);
  };
}

/** Module-private: the error of one ID of `nodes`, or undefined when allowed (a promise only when the decision reads tags). */
function decideId(
  field: FieldIam,
  parent: unknown,
  args: Record<string, unknown>,
  ctx: GraphQLContext,
  info: GraphQLResolveInfo,
  parentType: GraphQLObjectType,
  options: FieldPolicyOptions,
  globalId: GlobalIdValue | null,
): GraphQLError | undefined | Promise<GraphQLError | undefined> {
  const decision = decide(field, parent, args, ctx, info, parentType, options, globalId);
  // A global ID's checks read only the ID; a promise only when its decision reads the resource's tags.
  if (decision instanceof Promise) return decision.then((settled) => (settled.allowed ? undefined : forbiddenError(settled)));
  return decision.allowed ? undefined : forbiddenError(decision);
}

/** Module-private: plans and decides one object's field. */
function decide(
  field: FieldIam,
  parent: unknown,
  args: Record<string, unknown>,
  ctx: GraphQLContext,
  info: GraphQLResolveInfo,
  parentType: GraphQLObjectType,
  options: FieldPolicyOptions,
  globalId?: GlobalIdValue | null,
): FieldDecision | Promise<FieldDecision> {
  const scope = arnScope(ctx.region, options.accountId);
  const reader = runtimeReader(parent, args, ctx, info, parentType, field.mutation);
  const checks = planFieldChecks(field, reader, scope, globalId);
  const { context, memo } = requestMemo(ctx);
  const readTags = tagReader(parent, ctx);
  return checks instanceof Promise
    ? checks.then((planned) => decideFieldChecksWithTags(ctx.caller.policies, planned, context, readTags, memo))
    : decideFieldChecksWithTags(ctx.caller.policies, checks, context, readTags, memo);
}

/**
 * Module-private: a resource's tags for a decision. The parent's own `tags` when the parent is
 * that resource (a Pinpoint App, Campaign, Segment, Journey or template answer carries them, so
 * `app { settings }` reads none); else one ListTagsForResource per distinct ARN per request, through
 * the request's `tags` loaders (the ones the `tags` fields use: a field that selects `tags` too
 * shares the read). Resource types without tags: undefined (the check stays `needsTags`).
 */
function tagReader(parent: unknown, ctx: GraphQLContext): ResourceTagReader {
  return (resource) => {
    const own = ownTags(parent, resource);
    if (own) return own;
    if (PINPOINT_TAGGED.test(resource)) return ctx.pinpoint.tags.load(resource);
    if (SMS_TAGGED.test(resource)) return ctx.smsVoice.tags.load(resource).then((tags) => Object.fromEntries(tags.map((tag) => [String(tag.Key), String(tag.Value ?? '')])));
    return undefined;
  };
}

/** Module-private: the tags a parent object's own answer holds, when it is the resource `arn` names. */
function ownTags(parent: unknown, arn: string): Readonly<Record<string, string>> | undefined {
  if (parent === null || typeof parent !== 'object') return undefined;
  const { Arn, tags } = parent as { Arn?: unknown; tags?: unknown };
  if (Arn !== arn || tags === null || typeof tags !== 'object' || Array.isArray(tags)) return undefined;
  return tags as Readonly<Record<string, string>>;
}

/** Module-private: Pinpoint ARNs ListTagsForResource answers for (apps, campaigns, segments, journeys, templates). */
const PINPOINT_TAGGED = /^arn:[^:]+:mobiletargeting:[^:]+:[^:]+:(?:apps\/[^/]+(?:\/(?:campaigns|segments|journeys)\/[^/]+)?|templates\/[^/]+\/(?:EMAIL|SMS|PUSH|VOICE|INAPP))$/;

/** Module-private: SMS v2 ARNs of taggable resource types. */
const SMS_TAGGED =
  /^arn:[^:]+:sms-voice:[^:]+:[^:]+:(?:phone-number|pool|opt-out-list|sender-id|configuration-set|protect-configuration|registration|registration-attachment|verified-destination-number|rcs-agent|notify-configuration)\/.+$/;

/** Module-private: a decoded global ID of this region, or null (the resolver refuses it itself, before any call). */
function globalIdOf(id: unknown, ctx: GraphQLContext): GlobalIdValue | null {
  if (typeof id !== 'string') return null;
  const parts = fromGlobalId(id);
  if (!parts || parts.region !== ctx.region) return null;
  return { type: parts.type, keys: parts.keys };
}

/**
 * Module-private: values from the request. Arguments are read as given; a parent field through
 * its own resolver (a null answer: the object names no such resource); the parent model's keys
 * directly (none found: the value exists but is unknown, so the check covers every value).
 */
function runtimeReader(parent: unknown, args: Record<string, unknown>, ctx: GraphQLContext, info: GraphQLResolveInfo, parentType: GraphQLObjectType, mutation: boolean): SourceReader {
  return {
    read(source: ValueSource): SourceValue | Promise<SourceValue> {
      if (source.kind === 'argument') {
        let value: unknown = args;
        for (const step of source.path) value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[step] : undefined;
        // A mutation input member left out is not sent (no such resource); a read's argument left
        // out means "all of them" (`activityIds`), which covers every value.
        return value === undefined || value === null ? (mutation ? null : UNKNOWN_VALUE) : asSourceValue(value);
      }
      if (source.kind !== 'parent') return UNKNOWN_VALUE;
      if (source.field && !source.upstream) return settle(readParentField(source.field, parent, ctx, info, parentType));
      for (const key of source.keys) {
        const value = parent !== null && typeof parent === 'object' ? (parent as Record<string, unknown>)[key] : undefined;
        if (value !== undefined && value !== null) return asSourceValue(value);
      }
      // A lazy parent field (a phone number's `poolId` before DescribePhoneNumbers answered): its
      // resolver is wrapped too, so reading it decides its own check first, then makes its call.
      if (source.field && source.upstream) return settle(readParentField(source.field, parent, ctx, info, parentType));
      return UNKNOWN_VALUE;
    },
  };
}

/** Module-private: a parent field's value through its resolver. */
function readParentField(name: string, parent: unknown, ctx: GraphQLContext, info: GraphQLResolveInfo, parentType: GraphQLObjectType): unknown {
  const definition = parentType.getFields()[name];
  const resolve = definition.resolve ?? defaultFieldResolver;
  // The key fields read here never look at `info`; the annotated field's own is passed rather than a copy per read.
  return resolve(parent, {}, ctx, info);
}

/** Module-private: a resolver's answer as a source value, staying synchronous when it is. */
function settle(value: unknown): SourceValue | Promise<SourceValue> {
  return value instanceof Promise ? value.then(asSourceValue) : asSourceValue(value);
}

/** Module-private. */
function asSourceValue(value: unknown): SourceValue {
  if (value === undefined || value === null) return null;
  if (Array.isArray(value)) return value.filter((item) => item !== null && item !== undefined).map(String);
  return String(value);
}

/** Module-private: the ARN scope of a region. */
function arnScope(region: string, accountId: string | undefined): CheckScope {
  return { partition: partitionOf(region), region, ...(accountId ? { account: accountId } : {}) };
}

/**
 * Module-private: a request's decision memo and condition context (one caller and one region per
 * request, so a decision depends only on action and resource): each distinct ARN is decided once.
 */
function requestMemo(ctx: GraphQLContext): { context: Readonly<Record<string, string>>; memo: Map<string, CheckOutcome> } {
  let entry = MEMOS.get(ctx);
  if (!entry) {
    entry = { context: { 'aws:RequestedRegion': ctx.region }, memo: new Map() };
    MEMOS.set(ctx, entry);
  }
  return entry;
}

/** Module-private: the memos, per request context (garbage-collected with it). */
const MEMOS = new WeakMap<GraphQLContext, { context: Readonly<Record<string, string>>; memo: Map<string, CheckOutcome> }>();

/** Module-private: policies that allow everything unconditionally (computed once per policy list). */
const OPEN = new WeakMap<readonly Policy[], boolean>();

/** Module-private. */
function isOpen(policies: readonly Policy[]): boolean {
  let open = OPEN.get(policies);
  if (open === undefined) {
    open = allowsEverything(policies);
    OPEN.set(policies, open);
  }
  return open;
}
