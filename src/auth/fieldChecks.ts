import type { FieldIam, OperationBinding, ResourceBinding, ResourceGroup, ValueSource } from './fieldIam';
import { ACCOUNT_PLACEHOLDERS, templatePlaceholders } from './fieldIam';
import { globMatch } from './glob';
import { evaluate, needsResourceTags, type ConditionContext, type DecidingStatement, type Policy } from './policy';
import { displayArn, evaluateWithUnknownIds, hasUnknownIds, UNKNOWN_ID, type UnknownIdMode } from './unknownIds';

/**
 * From a field's row of the table (fieldIam.ts) and the values at hand, the IAM checks one
 * object's field needs (action + resource ARN), and their decision. Shared by enforcement, which
 * reads values from the parent object and the arguments, and by the policy simulator, which reads
 * them from a document's literals and variables: both decide exactly the same way.
 */

/** A value read for a {@link ValueSource}. */
export type SourceValue =
  /** The object names no such resource (a null parent field, an input member left out). */
  | null
  /** Known: one ID, or a list naming one resource per item. */
  | string
  | readonly string[]
  /** The object has one, but its value is not known here (the simulator without a literal). */
  | typeof UNKNOWN_VALUE;

/** A value that exists but is not known (see {@link SourceValue}). */
export const UNKNOWN_VALUE: unique symbol = Symbol('unknown value');

/** The parts of a global ID that the checks of `node`/`nodes` need. */
export interface GlobalIdValue {
  readonly type: string;
  readonly keys: readonly string[];
}

/** Reads values for one object's field; may answer with a promise (a parent field that is itself lazy). */
export interface SourceReader {
  /** `placeholder`: the ARN placeholder the value fills (`AppId`), when it fills one. */
  read(source: ValueSource, placeholder?: string): SourceValue | Promise<SourceValue>;
}

/**
 * What fills `${Partition}`, `${Region}`, `${Account}` (`partitionOf(region)` from inputArns.ts
 * gives the partition). An unknown account is an unknown part of every ARN built from IDs.
 */
export interface CheckScope {
  readonly partition: string;
  readonly region: string;
  readonly account?: string;
}

/** One IAM check: may the caller do `action` on `resource` (unknown parts as {@link UNKNOWN_ID})? */
export interface FieldCheck {
  readonly service: OperationBinding['service'];
  readonly operation: string;
  readonly action: string;
  /** The ARN, or `*` for an action with no resource type. */
  readonly resource: string;
}

/** The outcome of a field's checks for one object. */
export interface FieldDecision {
  readonly allowed: boolean;
  /** Every check, in order. */
  readonly checks: readonly FieldCheck[];
  /** The first check that was not allowed. */
  readonly denied?: FieldCheck & {
    readonly decision: 'explicitDeny' | 'implicitDeny' | 'needsTags';
    readonly statement?: DecidingStatement;
  };
  /** The statement that allowed the last check (for the simulator). */
  readonly statement?: DecidingStatement;
}

/**
 * The checks of one object's field: for each operation the field may call (all of them, or the
 * one its global ID's type / enum / identity value picks), each action on each resource its
 * values name. An operation none of whose resources the object names (a null parent field) is
 * left out: the field cannot call it. Synchronous unless the reader answers with a promise.
 */
export function planFieldChecks(field: FieldIam, reader: SourceReader, scope: CheckScope, globalId?: GlobalIdValue | null): readonly FieldCheck[] | Promise<readonly FieldCheck[]> {
  const operations = selectedOperations(field, reader, globalId);
  return then(operations, ({ picked, identity }) => {
    const perOperation = picked.map((operation) => operationChecks(operation, reader, scope, globalId, identity));
    return then(all(perOperation), (lists) => lists.flat());
  });
}

/**
 * Decides a field's checks for one object, as IAM would decide the calls it makes: every check
 * must be allowed (unknown ID parts: for every value they may take, unless `mode` is
 * `optimistic`). A decision that could turn on the resource's tags is a deny (`needsTags`): tags
 * are not read here (the simulator's answer; enforcement reads them with {@link decideFieldChecksWithTags}).
 */
export function decideFieldChecks(
  policies: readonly Policy[],
  checks: readonly FieldCheck[],
  context: ConditionContext,
  mode: UnknownIdMode = 'pessimistic',
  memo?: Map<string, CheckOutcome>,
): FieldDecision {
  let statement: DecidingStatement | undefined;
  for (const check of checks) {
    const key = memo ? `${check.action}\u0000${check.resource}` : '';
    let outcome = memo?.get(key);
    if (outcome === undefined) {
      outcome = decideCheck(policies, check, context, mode);
      memo?.set(key, outcome);
    }
    if (outcome.decision !== 'allow') return { allowed: false, checks, denied: { ...check, decision: outcome.decision, ...(outcome.statement ? { statement: outcome.statement } : {}) } };
    statement = outcome.statement;
  }
  return { allowed: true, checks, ...(statement ? { statement } : {}) };
}

/**
 * A resource's tags (key → value), for `aws:ResourceTag/<key>`: synchronous when already in memory
 * (the object's own response), a promise when read upstream, `undefined` when they cannot be read
 * for this ARN (unknown ID, or a resource type without tags): such a check stays `needsTags`.
 */
export type ResourceTagReader = (resource: string) => Readonly<Record<string, string>> | Promise<Readonly<Record<string, string>>> | undefined;

/**
 * {@link decideFieldChecks}, reading the resource's tags where a check's decision depends on them
 * (`needsResourceTags`) and its ARN is fully known: the check is then decided as IAM does, with
 * `aws:ResourceTag/<key>` in the context. Tags are read only when every other check is allowed
 * (a tag-free denial is answered first, with no read) and every tag-dependent check can be read
 * (else the first one that cannot is `needsTags`, with no read). Synchronous unless a read is.
 */
export function decideFieldChecksWithTags(
  policies: readonly Policy[],
  checks: readonly FieldCheck[],
  context: ConditionContext,
  readTags: ResourceTagReader,
  memo?: Map<string, CheckOutcome>,
): FieldDecision | Promise<FieldDecision> {
  const first = decideFieldChecks(policies, checks, context, 'pessimistic', memo);
  if (first.allowed || first.denied?.decision !== 'needsTags') return first;
  // Every check's outcome (memoized by the call above up to the first non-allowed one).
  const outcomes = checks.map((check) => {
    const key = memo ? `${check.action}\u0000${check.resource}` : '';
    let outcome = memo?.get(key);
    if (outcome === undefined) {
      outcome = decideCheck(policies, check, context, 'pessimistic');
      memo?.set(key, outcome);
    }
    return outcome;
  });
  const denyOf = (check: FieldCheck, outcome: CheckOutcome): FieldDecision => ({ allowed: false, checks, denied: { ...check, decision: outcome.decision as 'explicitDeny' | 'implicitDeny' | 'needsTags', ...(outcome.statement ? { statement: outcome.statement } : {}) } });
  // A tag-free denial decides the field whatever the tags: no read.
  const tagFree = outcomes.findIndex((outcome) => outcome.decision === 'explicitDeny' || outcome.decision === 'implicitDeny');
  if (tagFree >= 0) return denyOf(checks[tagFree], outcomes[tagFree]);
  const reads = new Map<number, Readonly<Record<string, string>> | Promise<Readonly<Record<string, string>>>>();
  for (const [index, outcome] of outcomes.entries()) {
    if (outcome.decision !== 'needsTags') continue;
    const tags = checks[index].resource.includes(UNKNOWN_ID) ? undefined : readTags(checks[index].resource);
    if (tags === undefined) {
      // Reads already started are not awaited: their failure must not go unhandled.
      for (const started of reads.values()) if (started instanceof Promise) started.catch(() => undefined);
      return denyOf(checks[index], outcome);
    }
    reads.set(index, tags);
  }
  const settle = (tagsByIndex: ReadonlyMap<number, Readonly<Record<string, string>>>): FieldDecision => {
    let statement: DecidingStatement | undefined;
    for (const [index, check] of checks.entries()) {
      const tags = tagsByIndex.get(index);
      const outcome: CheckOutcome = tags === undefined ? outcomes[index] : evaluate(policies, { action: check.action, resource: check.resource, context: withResourceTags(context, tags) });
      if (outcome.decision !== 'allow') return denyOf(check, outcome);
      statement = outcome.statement;
    }
    return { allowed: true, checks, ...(statement ? { statement } : {}) };
  };
  const entries = [...reads.entries()];
  if (!entries.some(([, tags]) => tags instanceof Promise)) return settle(reads as ReadonlyMap<number, Readonly<Record<string, string>>>);
  return Promise.all(entries.map(async ([index, tags]) => [index, await tags] as const)).then(
    (settled) => settle(new Map(settled)),
    // Tags that cannot be read (the resource is gone, the read was refused): the decision stays a deny.
    () => denyOf(checks[[...reads.keys()][0]], { decision: 'needsTags' }),
  );
}

/** Module-private: the context with `aws:ResourceTag/<key>` for each of the resource's tags. */
function withResourceTags(context: ConditionContext, tags: Readonly<Record<string, string>>): ConditionContext {
  const next: Record<string, string | readonly string[] | undefined> = { ...context };
  for (const [key, value] of Object.entries(tags)) next[`aws:ResourceTag/${key}`] = value;
  return next;
}

/**
 * The outcome of one check. Decisions depend only on the policies, the action, the resource and
 * the context, so a request (one caller, one region) may keep them in a memo keyed by action and
 * resource: the same ARN read for many objects (every campaign's project) is decided once.
 */
export interface CheckOutcome {
  readonly decision: 'allow' | 'explicitDeny' | 'implicitDeny' | 'needsTags';
  readonly statement?: DecidingStatement;
}

/** Module-private: one check's outcome. */
function decideCheck(policies: readonly Policy[], check: FieldCheck, context: ConditionContext, mode: UnknownIdMode): CheckOutcome {
  const request = { action: check.action, resource: check.resource, context };
  if (needsResourceTags(policies, request.resource.includes(UNKNOWN_ID) ? { ...request, resource: displayArn(request.resource) } : request)) return { decision: 'needsTags' };
  return evaluateWithUnknownIds(policies, request, mode);
}

/** The message of a denial: the action, the ARN (unknown parts as `*`) and why. */
export function denialMessage(denied: NonNullable<FieldDecision['denied']>): string {
  const resource = displayArn(denied.resource);
  const where = denied.statement ? ` by policy "${denied.statement.policyName}" statement ${denied.statement.sid ? `"${denied.statement.sid}"` : `#${denied.statement.index}`}` : '';
  switch (denied.decision) {
    case 'explicitDeny':
      return `Not authorized to perform ${denied.action} on ${resource}: explicitly denied${where}.`;
    case 'implicitDeny':
      return `Not authorized to perform ${denied.action} on ${resource}: no policy statement allows it${hasUnknownIds(denied.resource) ? ' on every resource the request may name (* stands for an ID not known before the call)' : ''}.`;
    case 'needsTags':
      return `Not authorized to perform ${denied.action} on ${resource}: the policy's decision depends on the resource's tags (aws:ResourceTag), which the gateway could not read for it (an ID not known before the call, a resource type without tags, or a failed tag read), so it denies.`;
  }
}

/** A policy set that allows every action on every resource whatever the context: nothing to check. */
export function allowsEverything(policies: readonly Policy[]): boolean {
  let allowAll = false;
  for (const policy of policies) {
    for (const statement of policy.statements) {
      if (statement.effect === 'Deny') return false;
      if (!statement.notAction && !statement.notResource && statement.conditions.length === 0 && statement.actions.includes('*') && statement.resources.includes('*')) allowAll = true;
    }
  }
  return allowAll;
}

/**
 * The resource type and IDs a value names among several types: an ARN names its type; an SMS ID
 * names it by prefix (`phone-…`, `pool-…`, as the service issues them); an E.164 number is a
 * phone number whose ID is not known; any other text is a sender ID. Answers the alternatives
 * that fit (all of them when the value fits none), each with its ARN or its first ID.
 */
export function classifyIdentity(value: string, alternatives: readonly ResourceBinding[]): { binding: ResourceBinding; arn?: string; id?: string }[] {
  if (value.startsWith('arn:')) {
    const fits = alternatives.filter((binding) => globMatch(templatePattern(binding.arn), value));
    return fits.length ? fits.map((binding) => ({ binding, arn: value })) : alternatives.map((binding) => ({ binding, id: UNKNOWN_ID }));
  }
  const byType = (type: string, id: string) => alternatives.filter((binding) => binding.type === type).map((binding) => ({ binding, id }));
  let fits: { binding: ResourceBinding; id: string }[] = [];
  if (/^phone-[0-9A-Za-z]+$/.test(value)) fits = byType('phone-number/*', value);
  else if (/^pool-[0-9A-Za-z]+$/.test(value)) fits = byType('pool/*', value);
  else if (/^\+[0-9]+$/.test(value)) fits = byType('phone-number/*', UNKNOWN_ID);
  else fits = byType('sender-id/*/*', value);
  if (fits.length) return fits;
  // One alternative: the value is its ID (`PhoneNumber.pool`'s pool ID), whatever its shape.
  if (alternatives.length === 1) return [{ binding: alternatives[0], id: value }];
  return alternatives.map((binding) => ({ binding, id: UNKNOWN_ID }));
}

// ---------------------------------------------------------------------------------------------
// Module-private.

/** Module-private: the operations a field's select picks for this object (and, for an `identity` select, the value that picked them). */
function selectedOperations(field: FieldIam, reader: SourceReader, globalId: GlobalIdValue | null | undefined): Picked | Promise<Picked> {
  const select = field.select;
  switch (select.kind) {
    case 'all':
      return { picked: field.operations };
    case 'globalId': {
      // An ID of a type no operation reads is refused by the resolver itself (BAD_USER_INPUT) before any call.
      if (!globalId) return { picked: [] };
      const ofType = field.operations.filter((operation) => operation.nodeType === globalId.type);
      const width = Math.max(0, ...ofType.map((operation) => idPlaceholders(operation).length));
      const versioned = globalId.keys.length > width;
      const picked = ofType.filter((operation) => Boolean(operation.versioned) === versioned);
      return { picked: picked.length ? picked : ofType };
    }
    case 'enum':
      return then(reader.read(select.source), (value) => {
        const picked = typeof value === 'string' ? field.operations.filter((operation) => operation.enumValue === value) : [];
        return { picked: picked.length ? picked : field.operations };
      });
    case 'identity':
      return then(reader.read(select.source), (value) => {
        if (value === null) return { picked: [] };
        if (typeof value !== 'string') return { picked: field.operations };
        const alternatives = field.operations.map((operation) => operation.groups[0]?.alternatives[0]).filter((binding): binding is ResourceBinding => binding !== undefined);
        const fits = new Set(classifyIdentity(value, alternatives).map((fit) => fit.binding));
        const picked = field.operations.filter((operation) => operation.groups[0] && fits.has(operation.groups[0].alternatives[0]));
        return picked.length ? { picked, identity: value } : { picked: field.operations };
      });
  }
}

/** Module-private: what {@link selectedOperations} answers. */
interface Picked {
  readonly picked: readonly OperationBinding[];
  readonly identity?: string;
}

/** Module-private: the checks of one operation: each action on each resource, or on `*` when it names none. */
function operationChecks(operation: OperationBinding, reader: SourceReader, scope: CheckScope, globalId: GlobalIdValue | null | undefined, identity?: string): FieldCheck[] | Promise<FieldCheck[]> {
  const groups = operation.groups.map((group) => groupResources(group, reader, scope, globalId, identity));
  return then(all(groups), (resolved) => {
    const named = resolved.filter((resources): resources is string[] => resources !== 'absent');
    // Every group absent: a field whose object names no resource for this read cannot make it, unless
    // the operation names none at all (checked against `*`, as IAM checks actions with no resource type).
    if (operation.groups.length > 0 && named.length === 0) {
      const anyRequired = operation.groups.some((group) => !group.optional);
      if (anyRequired) return [];
    }
    const resources = named.flat();
    const targets = resources.length ? resources : ['*'];
    return operation.actions.flatMap((action) => targets.map((resource) => ({ service: operation.service, operation: operation.operation, action, resource })));
  });
}

/** Module-private: a group's ARNs, or `absent` when the object names none of its resources. */
function groupResources(group: ResourceGroup, reader: SourceReader, scope: CheckScope, globalId: GlobalIdValue | null | undefined, identity?: string): string[] | 'absent' | Promise<string[] | 'absent'> {
  // The field's identity value picked this operation: it names the resource (whole, when an ARN).
  if (identity !== undefined) {
    return then(all(classifyIdentity(identity, group.alternatives).map((fit) => (fit.arn ? [fit.arn] : bindingArns(fit.binding, reader, scope, globalId, fit.id)))), (lists) =>
      lists.flatMap((arns) => (arns === 'absent' ? [] : arns)),
    );
  }
  if (group.identity) {
    return then(reader.read(group.identity), (value) => {
      if (value === null) return 'absent';
      if (value === UNKNOWN_VALUE) return group.alternatives.map((binding) => fill(binding, scope, () => UNKNOWN_ID));
      return then(
        all(
          (typeof value === 'string' ? [value] : value).map((item) =>
            all(classifyIdentity(item, group.alternatives).map((fit) => (fit.arn ? fit.arn : bindingArns(fit.binding, reader, scope, globalId, fit.id)))),
          ),
        ),
        (lists) => lists.flat(2).filter((arn): arn is string => typeof arn === 'string'),
      );
    });
  }
  // Without an identity value: the first alternative whose IDs are all known, else every alternative with unknown IDs.
  const options = group.alternatives.map((binding) => bindingArns(binding, reader, scope, globalId));
  return then(all(options), (resolved) => {
    if (resolved.every((arns) => arns === 'absent')) return 'absent';
    const present = resolved.filter((arns): arns is string[] => arns !== 'absent');
    const known = present.find((arns) => arns.every((arn) => !arn.includes(UNKNOWN_ID)));
    if (group.alternatives.length === 1 || known) return known ?? present[0];
    return group.alternatives.map((binding) => fill(binding, scope, () => UNKNOWN_ID));
  });
}

/** Module-private: one binding's ARNs (one per item of a list value), or `absent`. */
function bindingArns(binding: ResourceBinding, reader: SourceReader, scope: CheckScope, globalId: GlobalIdValue | null | undefined, identityValue?: string): string[] | 'absent' | Promise<string[] | 'absent'> {
  const names = Object.keys(binding.values);
  const reads = names.map((name) => readFor(binding.values[name], name, reader, globalId, identityValue));
  return then(all(reads), (values) => {
    if (binding.wholeArn) {
      const value = values[0];
      if (value === null) return 'absent';
      if (value === UNKNOWN_VALUE) return [fill(binding, scope, () => UNKNOWN_ID)];
      return (typeof value === 'string' ? [value] : [...value]).map((arn) => (arn.startsWith('arn:') ? arn : fill(binding, scope, () => UNKNOWN_ID)));
    }
    if (values.some((value) => value === null)) return 'absent';
    // A list value names one resource per item; the other values are shared by all of them.
    const listIndex = values.findIndex((value) => Array.isArray(value));
    const items = listIndex >= 0 ? (values[listIndex] as readonly string[]) : [undefined];
    return items.map((item) =>
      fill(binding, scope, (name) => {
        const index = names.indexOf(name);
        const value = index === listIndex ? item : values[index];
        return typeof value === 'string' ? value : UNKNOWN_ID;
      }),
    );
  });
}

/** Module-private: a source's value; `every` sources are unknown by definition. */
function readFor(source: ValueSource, placeholder: string, reader: SourceReader, globalId: GlobalIdValue | null | undefined, identityValue: string | undefined): SourceValue | Promise<SourceValue> {
  switch (source.kind) {
    case 'every':
      return UNKNOWN_VALUE;
    case 'identity':
      return identityValue ?? UNKNOWN_VALUE;
    case 'globalId':
      return globalId?.keys[source.key] ?? UNKNOWN_VALUE;
    default:
      return reader.read(source, placeholder);
  }
}

/** Module-private: an ARN from a template, with account placeholders from `scope` and IDs from `id`. */
function fill(binding: ResourceBinding, scope: CheckScope, id: (placeholder: string) => string): string {
  let arn = '';
  for (const part of templateParts(binding.arn)) {
    if (part.literal !== undefined) arn += part.literal;
    else if (part.name === 'Partition') arn += scope.partition;
    else if (part.name === 'Region') arn += scope.region;
    else if (part.name === 'Account') arn += scope.account ?? UNKNOWN_ID;
    else arn += id(part.name);
  }
  // A template ending in `:*` (a whole ARN given by one value) is an unknown resource when built.
  return arn.endsWith(':*') ? `${arn.slice(0, -1)}${UNKNOWN_ID}` : arn;
}

/** Module-private: a template split into literals and placeholders, once per template (decisions run per object). */
function templateParts(template: string): readonly { readonly literal?: string; readonly name: string }[] {
  let parts = TEMPLATE_PARTS.get(template);
  if (!parts) {
    parts = template.split(/\$\{([A-Za-z]+)\}/).map((piece, index) => (index % 2 === 1 ? { name: piece } : { literal: piece, name: '' }));
    TEMPLATE_PARTS.set(template, parts);
  }
  return parts;
}

/** Module-private: {@link templateParts}' cache (templates come from the generated table: a bounded set). */
const TEMPLATE_PARTS = new Map<string, readonly { readonly literal?: string; readonly name: string }[]>();

/** Module-private: the placeholders of an operation's first resource that are IDs. */
function idPlaceholders(operation: OperationBinding): string[] {
  const arn = operation.groups[0]?.alternatives[0]?.arn;
  return arn ? templatePlaceholders(arn).filter((name) => !ACCOUNT_PLACEHOLDERS.has(name)) : [];
}

/** Module-private: an ARN template as a glob (`${…}` → `*`). */
function templatePattern(template: string): string {
  return template.replace(/\$\{[A-Za-z]+\}/g, '*');
}

/** Module-private: `f(value)`, awaiting only when `value` is a promise (keeps the sync path sync). */
function then<T, U>(value: T | Promise<T>, f: (value: T) => U | Promise<U>): U | Promise<U> {
  return value instanceof Promise ? value.then(f) : f(value);
}

/** Module-private: `Promise.all` that stays synchronous when nothing is a promise. */
function all<T>(values: readonly (T | Promise<T>)[]): T[] | Promise<T[]> {
  return values.some((value) => value instanceof Promise) ? Promise.all(values) : (values as T[]);
}
