import { z } from 'zod';
import { globMatch } from './glob';

/**
 * Identity policies in IAM's JSON grammar, and their evaluation as IAM evaluates identity-based
 * policies: an explicit `Deny` that applies wins, else an `Allow` that applies, else the implicit
 * deny. Operators already write these policies for the two AWS services behind the gateway, so a
 * policy that reads one way in AWS must read the same way here, or be refused.
 *
 * That is the rule this module keeps: anything it does not implement (a condition operator, a
 * condition key the gateway never puts in a request, a policy variable, `Principal`) is refused
 * when the policy is loaded, with a message naming the statement and the problem. Ignoring it
 * instead would change what the policy means: an unknown key reads as "missing", which turns a
 * `Deny … StringEquals` off, so a policy would silently grant more than it says.
 *
 * Loading (`parsePolicy`) validates and compiles once (patterns lower-cased, keys folded,
 * operators split), so `evaluate`, which runs for every object a query touches, is only a loop
 * over compiled statements.
 */

/** The `Version` values IAM accepts (a policy without one is read as `2008-10-17`, as IAM does). */
export const POLICY_VERSIONS = ['2012-10-17', '2008-10-17'] as const;

/** A policy language version. */
export type PolicyVersion = (typeof POLICY_VERSIONS)[number];

/**
 * The condition operators the evaluator implements. Each may carry a `ForAnyValue:` or
 * `ForAllValues:` qualifier and an `IfExists` suffix (`ForAnyValue:StringLikeIfExists`).
 */
export const CONDITION_OPERATORS = [
  'StringEquals',
  'StringNotEquals',
  'StringEqualsIgnoreCase',
  'StringNotEqualsIgnoreCase',
  'StringLike',
  'StringNotLike',
] as const;

/** A condition operator without qualifier or `IfExists`. */
export type ConditionOperator = (typeof CONDITION_OPERATORS)[number];

/** The condition keys a gateway request context carries, as IAM spells them (names compare case-insensitively). */
export const CONDITION_KEYS = ['aws:RequestedRegion', 'aws:ResourceTag/<tag-key>'] as const;

/** `Allow` or `Deny`. */
export type Effect = 'Allow' | 'Deny';

/** A set qualifier of a condition operator (for multivalued context keys). */
export type SetQualifier = 'ForAnyValue' | 'ForAllValues';

/** One compiled condition: one operator applied to one key with its values (values OR-ed). */
export interface PolicyCondition {
  /** The operator as written (`ForAnyValue:StringLikeIfExists`). */
  readonly operator: string;
  /** The operator without qualifier and suffix. */
  readonly base: ConditionOperator;
  readonly qualifier?: SetQualifier;
  /** `…IfExists`: a missing key makes the condition true. */
  readonly ifExists: boolean;
  /** The key as written (`aws:ResourceTag/Team`). */
  readonly key: string;
  /** The values, as strings (IAM compares numbers and booleans as their text). */
  readonly values: readonly string[];
}

/** One compiled statement. */
export interface PolicyStatement {
  /** Position in the policy's `Statement` array (0 when `Statement` is a single object). */
  readonly index: number;
  readonly sid?: string;
  readonly effect: Effect;
  /** `Action` patterns, or the `NotAction` patterns when `notAction` is set. */
  readonly actions: readonly string[];
  readonly notAction: boolean;
  /** `Resource` patterns, or the `NotResource` patterns when `notResource` is set. */
  readonly resources: readonly string[];
  readonly notResource: boolean;
  /** Every condition; all must hold (operators and keys AND-ed). */
  readonly conditions: readonly PolicyCondition[];
}

/** A validated policy, ready to evaluate. */
export interface Policy {
  /** The name it is stored and attached under; decisions report it. */
  readonly name: string;
  readonly version: PolicyVersion;
  readonly statements: readonly PolicyStatement[];
  /** Whether any condition reads `aws:ResourceTag/…` (else no decision under it needs tags). */
  readonly readsResourceTags: boolean;
}

/** Context key → value(s). Keys compare case-insensitively; a missing or empty value is "not present". */
export type ConditionContext = Readonly<Record<string, string | readonly string[] | undefined>>;

/** What is asked: may this action be done on this resource, in this context? */
export interface AuthorizationRequest {
  /** `service:Action`, e.g. `mobiletargeting:GetCampaign` (compared case-insensitively). */
  readonly action: string;
  /** The resource ARN, or `*` for an action that applies to no resource type. */
  readonly resource: string;
  /** `aws:RequestedRegion`, `aws:ResourceTag/<key>`, … */
  readonly context?: ConditionContext;
}

/** The three outcomes of IAM's evaluation of identity policies. */
export type DecisionKind = 'allow' | 'explicitDeny' | 'implicitDeny';

/** The statement that decided: the first `Deny` that applied, else the first `Allow`. */
export interface DecidingStatement {
  readonly policyName: string;
  readonly sid?: string;
  /** Its position in the policy's `Statement` array. */
  readonly index: number;
}

/** An evaluation's outcome, with the deciding statement (none for an implicit deny). */
export interface Decision {
  readonly decision: DecisionKind;
  readonly statement?: DecidingStatement;
}

/** One thing wrong with a policy: where (`Version`, `Statement[2] (Sid "Read")`) and what. */
export interface PolicyProblem {
  /** `document`, `Version`, `Statement`, or `Statement[i]` with its Sid when it has one. */
  readonly where: string;
  /** What is wrong, naming the element and the value found. */
  readonly message: string;
}

/** A policy refused at load time; the message lists every problem found. */
export class PolicyError extends Error {
  /** The name the policy was loaded under. */
  readonly policyName: string;
  /** Every problem found, in document order. */
  readonly problems: readonly PolicyProblem[];

  constructor(policyName: string, problems: readonly PolicyProblem[]) {
    super(`Policy "${policyName}" is invalid: ${problems.map((problem) => `${problem.where}: ${problem.message}`).join('; ')}`);
    this.name = 'PolicyError';
    this.policyName = policyName;
    this.problems = problems;
  }
}

/**
 * Validates a policy document (JSON text or its parsed value) and compiles it.
 *
 * @throws {PolicyError} when the document is not valid JSON, does not follow IAM's grammar, or
 *   uses an operator, key or feature the evaluator does not implement; every problem is listed.
 */
export function parsePolicy(name: string, document: unknown): Policy {
  let value = document;
  if (typeof document === 'string') {
    try {
      value = JSON.parse(document);
    } catch (error) {
      throw new PolicyError(name, [{ where: 'document', message: `is not valid JSON (${(error as Error).message})` }]);
    }
  }
  const problems: PolicyProblem[] = [];
  const top = policySchema.safeParse(value);
  if (!top.success) {
    throw new PolicyError(name, top.error.issues.map((issue) => ({ where: issue.path.length ? String(issue.path[0]) : 'document', message: topMessage(issue, value) })));
  }
  const version = top.data.Version ?? '2008-10-17';
  const raw = top.data.Statement;
  if (raw === undefined) throw new PolicyError(name, [{ where: 'Statement', message: 'is missing; a policy needs at least one statement' }]);
  const list = Array.isArray(raw) ? raw : [raw];
  if (typeof raw !== 'object' || raw === null || list.length === 0) {
    throw new PolicyError(name, [{ where: 'Statement', message: `must be a statement object or a non-empty array of them; got ${describe(raw)}` }]);
  }
  const statements = list.map((item, index) => compileStatement(item, index, version, problems));
  if (problems.length) throw new PolicyError(name, problems);
  const compiled = statements.filter((statement): statement is PolicyStatement => statement !== undefined);
  return { name, version, statements: compiled, readsResourceTags: compiled.some((statement) => statement.conditions.some(readsResourceTag)) };
}

/**
 * Evaluates identity policies for one request, as IAM does: an explicit `Deny` that applies
 * wins (the first one, in policy then statement order), else the first `Allow` that applies, else
 * an implicit deny. A statement applies when its action, resource and every condition match.
 */
export function evaluate(policies: readonly Policy[], request: AuthorizationRequest): Decision {
  const action = request.action.toLowerCase();
  const context = foldContext(request.context);
  let allowedBy: DecidingStatement | undefined;
  for (const policy of policies) {
    for (const statement of policy.statements) {
      if (!targets(statement, action, request.resource)) continue;
      if (!statement.conditions.every((condition) => conditionHolds(condition, context))) continue;
      if (statement.effect === 'Deny') return { decision: 'explicitDeny', statement: decidedBy(policy, statement) };
      allowedBy ??= decidedBy(policy, statement);
    }
  }
  return allowedBy ? { decision: 'allow', statement: allowedBy } : { decision: 'implicitDeny' };
}

/**
 * Whether the allow/deny outcome for this action and resource can depend on the resource's tags,
 * so the caller fetches tags only when they matter (tags cost an upstream call). `aws:ResourceTag`
 * keys in `request.context` are ignored: this is asked before they are known.
 *
 * False when no applicable statement reads `aws:ResourceTag/…`, or when a tag-free `Deny` already
 * applies (the outcome is a deny whatever the tags), or when a tag-free `Allow` applies and no
 * tag-reading `Deny` could override it. The deciding *statement* reported by {@link evaluate} may
 * still differ with tags (an earlier tag-conditioned statement), never the outcome.
 */
export function needsResourceTags(policies: readonly Policy[], request: AuthorizationRequest): boolean {
  if (!policies.some((policy) => policy.readsResourceTags)) return false;
  const action = request.action.toLowerCase();
  const context = new Map([...foldContext(request.context)].filter(([key]) => !key.startsWith(RESOURCE_TAG_PREFIX)));
  let tagFreeAllow = false;
  let tagAllow = false;
  let tagDeny = false;
  for (const policy of policies) {
    for (const statement of policy.statements) {
      if (!targets(statement, action, request.resource)) continue;
      // A statement whose tag-free conditions already fail does not apply, whatever the tags say.
      if (!statement.conditions.every((condition) => readsResourceTag(condition) || conditionHolds(condition, context))) continue;
      const deny = statement.effect === 'Deny';
      if (!statement.conditions.some(readsResourceTag)) {
        if (deny) return false;
        tagFreeAllow = true;
      } else if (deny) tagDeny = true;
      else tagAllow = true;
    }
  }
  return tagDeny || (tagAllow && !tagFreeAllow);
}

// ---------------------------------------------------------------------------------------------
// Module-private: the grammar (zod) and its messages.

/** Module-private: a non-empty string, or a non-empty array of them (`Action`, `Resource`, …). */
const patterns = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);

/** Module-private: condition values; IAM accepts numbers and booleans and compares their text. */
const conditionScalar = z.union([z.string(), z.number(), z.boolean()]);

/** Module-private: the top level. `Statement` is checked per item below, so each problem names its statement. */
const policySchema = z.object({ Version: z.enum(POLICY_VERSIONS).optional(), Id: z.string().optional(), Statement: z.unknown() }).strict();

/** Module-private: one statement's shape; its strings are checked by `compileStatement`. */
const statementSchema = z
  .object({
    Sid: z.string().regex(/^[A-Za-z0-9]*$/).optional(),
    Effect: z.enum(['Allow', 'Deny']),
    Action: patterns.optional(),
    NotAction: patterns.optional(),
    Resource: patterns.optional(),
    NotResource: patterns.optional(),
    Condition: z.record(z.string(), z.record(z.string(), z.union([conditionScalar, z.array(conditionScalar).min(1)]))).optional(),
  })
  .strict();

/** Module-private: what each element must be, in the words of IAM's grammar. */
const ELEMENT_RULES: Readonly<Record<string, string>> = {
  Sid: 'must contain only letters and digits (A-Z, a-z, 0-9)',
  Effect: 'must be "Allow" or "Deny"',
  Action: 'must be a string or a non-empty array of non-empty strings',
  NotAction: 'must be a string or a non-empty array of non-empty strings',
  Resource: 'must be a string or a non-empty array of non-empty strings',
  NotResource: 'must be a string or a non-empty array of non-empty strings',
  Condition: 'must map operators to objects of key → value or non-empty array of values (strings, numbers or booleans)',
};

/** Module-private: the message for a top-level zod issue. */
function topMessage(issue: z.ZodIssue, value: unknown): string {
  if (issue.code === 'unrecognized_keys') return unknownElements(issue.keys, 'a policy has Version, Id and Statement');
  if (issue.path[0] === 'Version') return `must be "2012-10-17" or "2008-10-17"; got ${describe((value as Record<string, unknown>).Version)}`;
  if (issue.path[0] === 'Id') return `must be a string; got ${describe((value as Record<string, unknown>).Id)}`;
  return `must be a JSON object with Version and Statement; got ${describe(value)}`;
}

/** Module-private: the message for a zod issue inside a statement, naming the element. */
function statementMessage(issue: z.ZodIssue, raw: unknown): string {
  const statement = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  if (issue.code === 'unrecognized_keys') {
    const principal = issue.keys.find((key) => key === 'Principal' || key === 'NotPrincipal');
    if (principal) return `${principal} belongs in resource-based policies; these are identity policies, whose principal is the caller they are attached to`;
    return unknownElements(issue.keys, 'a statement has Sid, Effect, Action or NotAction, Resource or NotResource, and Condition');
  }
  const element = String(issue.path[0] ?? '');
  if (!Object.hasOwn(ELEMENT_RULES, element)) return `must be a JSON object; got ${describe(raw)}`;
  if (statement[element] === undefined) return `${element} is missing; it ${ELEMENT_RULES[element]}`;
  return `${element} ${ELEMENT_RULES[element]}; got ${describe(statement[element])}`;
}

/** Module-private. */
function unknownElements(keys: readonly string[], expected: string): string {
  return `unknown element${keys.length > 1 ? 's' : ''} ${keys.map((key) => `"${key}"`).join(', ')} (${expected})`;
}

/** Module-private: a value as a message shows it (JSON, cut short). */
function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

// ---------------------------------------------------------------------------------------------
// Module-private: compiling a statement (the grammar inside the strings).

/** Module-private: `*`, or `service:Name` with wildcards in the name only (IAM allows none in the prefix). */
const ACTION_PATTERN = /^(\*|[A-Za-z0-9-]+:[A-Za-z0-9*?]+)$/;

/** Module-private: folded condition keys the gateway supplies; `aws:resourcetag/` takes any tag key after it. */
const REQUESTED_REGION = 'aws:requestedregion';
const RESOURCE_TAG_PREFIX = 'aws:resourcetag/';

/** Module-private: validates one statement, recording problems; undefined when it has any. */
function compileStatement(raw: unknown, index: number, version: PolicyVersion, problems: PolicyProblem[]): PolicyStatement | undefined {
  const sid = typeof raw === 'object' && raw !== null && typeof (raw as { Sid?: unknown }).Sid === 'string' ? (raw as { Sid: string }).Sid : undefined;
  const where = `Statement[${index}]${sid ? ` (Sid "${sid}")` : ''}`;
  const before = problems.length;
  const report = (message: string) => problems.push({ where, message });
  const shape = statementSchema.safeParse(raw);
  if (!shape.success) {
    // One message per element, however many zod issues it raised (an array item, a union branch).
    const messages = shape.error.issues.map((issue) => statementMessage(issue, raw));
    for (const message of [...new Set(messages)]) report(message);
    return undefined;
  }
  const s = shape.data;
  if (s.Action !== undefined && s.NotAction !== undefined) report('has both Action and NotAction; a statement takes one of them');
  if (s.Action === undefined && s.NotAction === undefined) report('needs Action or NotAction');
  if (s.Resource !== undefined && s.NotResource !== undefined) report('has both Resource and NotResource; a statement takes one of them');
  if (s.Resource === undefined && s.NotResource === undefined) report('needs Resource or NotResource (an identity policy names the resources it applies to; "*" for all)');
  const actionElement = s.Action !== undefined ? 'Action' : 'NotAction';
  const actions = toList(s.Action ?? s.NotAction ?? []);
  for (const action of actions) {
    if (!ACTION_PATTERN.test(action)) report(`${actionElement} "${action}" must be "*" or "service:ActionName" (wildcards * and ? only in the action name)`);
  }
  const resourceElement = s.Resource !== undefined ? 'Resource' : 'NotResource';
  const resources = toList(s.Resource ?? s.NotResource ?? []);
  for (const resource of resources) {
    if (resource !== '*' && !(resource.startsWith('arn:') && resource.split(':').length >= 6)) {
      report(`${resourceElement} "${resource}" must be "*" or an ARN with six parts, arn:partition:service:region:account:resource (wildcards * and ? allowed)`);
    } else if (version === '2012-10-17' && resource.includes('${')) {
      report(`${resourceElement} "${resource}" uses a policy variable; the gateway does not substitute policy variables`);
    }
  }
  const conditions: PolicyCondition[] = [];
  for (const [operator, block] of Object.entries(s.Condition ?? {})) {
    const parsed = parseOperator(operator);
    if (typeof parsed === 'string') {
      report(parsed);
      continue;
    }
    if (Object.keys(block).length === 0) report(`Condition operator "${operator}" names no condition key`);
    for (const [key, rawValues] of Object.entries(block)) {
      const keyProblem = checkKey(key);
      if (keyProblem) report(keyProblem);
      const values = (Array.isArray(rawValues) ? rawValues : [rawValues]).map(String);
      if (version === '2012-10-17' && values.some((value) => value.includes('${'))) {
        report(`Condition ${operator} "${key}" uses a policy variable; the gateway does not substitute policy variables`);
      }
      conditions.push({ operator, ...parsed, key, values });
    }
  }
  if (problems.length > before) return undefined;
  return {
    index,
    ...(sid !== undefined ? { sid } : {}),
    effect: s.Effect,
    actions: actions.map((action) => action.toLowerCase()),
    notAction: s.Action === undefined,
    resources,
    notResource: s.Resource === undefined,
    conditions: conditions.map(foldCondition),
  };
}

/**
 * Module-private: every operator spelling the evaluator accepts (6 operators × no/ForAnyValue/
 * ForAllValues × with/without IfExists), parsed once. A table lookup instead of a pattern keeps
 * operator parsing free of any regular expression run on policy text.
 */
const OPERATOR_SPELLINGS: ReadonlyMap<string, Pick<PolicyCondition, 'base' | 'qualifier' | 'ifExists'>> = new Map(
  CONDITION_OPERATORS.flatMap((base) =>
    ([undefined, 'ForAnyValue', 'ForAllValues'] as const).flatMap((qualifier) =>
      [false, true].map((ifExists) => [
        `${qualifier ? `${qualifier}:` : ''}${base}${ifExists ? 'IfExists' : ''}`,
        { base, ...(qualifier ? { qualifier } : {}), ifExists },
      ] as const),
    ),
  ),
);

/** Module-private: splits `ForAnyValue:StringLikeIfExists`, or says why it is not supported. */
function parseOperator(operator: string): Pick<PolicyCondition, 'base' | 'qualifier' | 'ifExists'> | string {
  const parsed = OPERATOR_SPELLINGS.get(operator);
  if (parsed) return parsed;
  const folded = operator.toLowerCase();
  const meant = [...OPERATOR_SPELLINGS.keys()].find((spelling) => spelling.toLowerCase() === folded);
  const hint = meant ? ` (operator names are case-sensitive: did you mean "${meant}"?)` : '';
  return `Condition operator "${operator}" is not supported${hint}; supported: ${CONDITION_OPERATORS.join(', ')}, each with an optional ForAnyValue:/ForAllValues: prefix and IfExists suffix`;
}

/** Module-private: why a condition key cannot be evaluated here, or undefined when it can. */
function checkKey(key: string): string | undefined {
  const folded = key.toLowerCase();
  if (folded === REQUESTED_REGION) return undefined;
  if (folded.startsWith(RESOURCE_TAG_PREFIX) && folded.length > RESOURCE_TAG_PREFIX.length) return undefined;
  return `Condition key "${key}" is not supported; the gateway's request context has ${CONDITION_KEYS.join(' and ')}`;
}

/** Module-private: keys compare case-insensitively (IAM folds condition key names). */
function foldCondition(condition: PolicyCondition): PolicyCondition {
  return { ...condition, key: condition.key.toLowerCase() };
}

/** Module-private. */
function toList(value: string | readonly string[]): readonly string[] {
  return typeof value === 'string' ? [value] : value;
}

// ---------------------------------------------------------------------------------------------
// Module-private: evaluation.

/** Module-private: whether a statement's Action/NotAction and Resource/NotResource cover the request. */
function targets(statement: PolicyStatement, action: string, resource: string): boolean {
  // `action` is already lower-cased, as the statement's patterns are: IAM compares actions case-insensitively.
  const actionListed = statement.actions.some((pattern) => globMatch(pattern, action));
  if (actionListed === statement.notAction) return false;
  const resourceListed = statement.resources.some((pattern) => arnMatch(pattern, resource));
  return resourceListed !== statement.notResource;
}

/**
 * Module-private: IAM's ARN matching. `*` alone matches every resource (also the `*` of actions
 * with no resource type); otherwise each of the first five colon-separated parts is matched on
 * its own (a `*` in the region does not run into the account), and the resource part, which may
 * itself contain colons, takes the rest. Case-sensitive, as ARNs are.
 */
function arnMatch(pattern: string, arn: string): boolean {
  if (pattern === '*') return true;
  const want = splitArn(pattern);
  const have = splitArn(arn);
  if (want === undefined || have === undefined) return false;
  for (let part = 0; part < 6; part += 1) if (!globMatch(want[part], have[part])) return false;
  return true;
}

/** The six parts of an ARN (the sixth keeps its colons), or undefined for fewer (internal to auth/: not in index.ts). */
export function splitArn(arn: string): string[] | undefined {
  const parts: string[] = [];
  let start = 0;
  for (let part = 0; part < 5; part += 1) {
    const colon = arn.indexOf(':', start);
    if (colon < 0) return undefined;
    parts.push(arn.slice(start, colon));
    start = colon + 1;
  }
  parts.push(arn.slice(start));
  return parts;
}

/** Module-private: the request context with folded keys; missing and empty values are left out. */
function foldContext(context: ConditionContext | undefined): Map<string, readonly string[]> {
  const folded = new Map<string, readonly string[]>();
  for (const [key, value] of Object.entries(context ?? {})) {
    if (value === undefined) continue;
    const values = typeof value === 'string' ? [value] : value;
    if (values.length > 0) folded.set(key.toLowerCase(), values);
  }
  return folded;
}

/**
 * Module-private: one condition against the context, with IAM's rules for absent keys: a
 * positive operator is false and a negated one (`StringNot…`) true; `…IfExists` is true;
 * `ForAllValues:` is true and `ForAnyValue:` false. Values of one key are OR-ed (NOR-ed for the
 * negated operators); without a qualifier, a key with several values matches when any does.
 */
function conditionHolds(condition: PolicyCondition, context: ReadonlyMap<string, readonly string[]>): boolean {
  const negated = condition.base.startsWith('StringNot');
  const present = context.get(condition.key);
  if (present === undefined) {
    if (condition.ifExists || condition.qualifier === 'ForAllValues') return true;
    if (condition.qualifier === 'ForAnyValue') return false;
    return negated;
  }
  const listed = (value: string) => condition.values.some((wanted) => valueMatches(condition.base, wanted, value));
  switch (condition.qualifier) {
    case 'ForAllValues':
      return present.every((value) => listed(value) !== negated);
    case 'ForAnyValue':
      return present.some((value) => listed(value) !== negated);
    case undefined:
      return present.some(listed) !== negated;
  }
}

/** Module-private: one policy value against one context value. */
function valueMatches(base: ConditionOperator, wanted: string, value: string): boolean {
  switch (base) {
    case 'StringEquals':
    case 'StringNotEquals':
      return wanted === value;
    case 'StringEqualsIgnoreCase':
    case 'StringNotEqualsIgnoreCase':
      return wanted.toLowerCase() === value.toLowerCase();
    case 'StringLike':
    case 'StringNotLike':
      return globMatch(wanted, value);
  }
}

/** Module-private. */
function readsResourceTag(condition: PolicyCondition): boolean {
  return condition.key.startsWith(RESOURCE_TAG_PREFIX);
}

/** Module-private. */
function decidedBy(policy: Policy, statement: PolicyStatement): DecidingStatement {
  return { policyName: policy.name, ...(statement.sid !== undefined ? { sid: statement.sid } : {}), index: statement.index };
}
