import { globMatch } from './glob';
import { evaluate, splitArn, type AuthorizationRequest, type Decision, type Policy, type PolicyStatement } from './policy';

/**
 * Decisions on resources whose ARN is only partly known: "every phone number" for a list of all
 * phone numbers, a pool ID the gateway learns only from an upstream answer, an account the
 * gateway was not told, or an ID the policy simulator reads from nowhere. The unknown parts are
 * marked with {@link UNKNOWN_ID} in the ARN text.
 *
 * A request on such a resource is allowed only when it would be allowed for *every* value the
 * unknown parts could take (`pessimistic`, what enforcement uses): an `Allow` statement counts
 * only when its resource pattern matches whatever the unknown part is (`…:pool/*`), and a `Deny`
 * counts as soon as its pattern could match some value (`…:pool/pool-abc` denies "every pool").
 * The simulator also asks the `optimistic` question (allowed for *some* value), and reports
 * "depends on the ID" when the two differ.
 *
 * How: each statement's Resource/NotResource is decided here against the partial ARN (pattern
 * vs pattern: "matches every value" and "can match some value"), and the statement is handed to
 * {@link evaluate} with its resource part replaced by `*` (applies) or dropped (does not), so
 * actions, conditions, precedence and the reported statement stay the evaluator's own.
 */

/** Marks an unknown part of an ARN (a private-use character: never part of a real ID or ARN). */
export const UNKNOWN_ID = '\uE000';

/** How to treat unknown parts: allowed for every value they may take, or for at least one. */
export type UnknownIdMode = 'pessimistic' | 'optimistic';

/** Whether an ARN has unknown parts. */
export function hasUnknownIds(resource: string): boolean {
  return resource.includes(UNKNOWN_ID);
}

/** The ARN as people read it: unknown parts shown as `*`. */
export function displayArn(resource: string): string {
  return resource.split(UNKNOWN_ID).join('*');
}

/**
 * {@link evaluate}, for a resource that may have unknown parts ({@link UNKNOWN_ID}). With none,
 * exactly `evaluate`. Policies are rewritten per call; a request with unknown parts is the rare
 * case (lists of every resource, IDs only an answer names), so nothing is cached.
 */
export function evaluateWithUnknownIds(policies: readonly Policy[], request: AuthorizationRequest, mode: UnknownIdMode = 'pessimistic'): Decision {
  if (!hasUnknownIds(request.resource)) return evaluate(policies, request);
  const resolved = policies.map((policy) => ({
    ...policy,
    statements: policy.statements.flatMap((statement) => (resourcePartApplies(statement, request.resource, mode) ? [{ ...statement, resources: ['*'], notResource: false }] : [])),
  }));
  return evaluate(resolved, { ...request, resource: '*' });
}

/**
 * Whether pattern `pattern` (IAM ARN wildcards) matches `text` for every value of its unknown
 * parts (`every`), or for at least one (`some`). Exposed for tests.
 */
export function arnPatternMatches(pattern: string, text: string, quantifier: 'every' | 'some'): boolean {
  if (pattern === '*') return true;
  const want = splitArn(pattern);
  const have = splitArn(text);
  if (want === undefined || have === undefined) {
    // A text without six parts is only the `*` of actions with no resource type.
    return false;
  }
  for (let part = 0; part < 6; part += 1) {
    const ok = quantifier === 'every' ? matchesEveryValue(want[part], have[part]) : globsIntersect(want[part], have[part]);
    if (!ok) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Module-private.

/**
 * Module-private: whether a statement's Resource/NotResource covers the partial resource, for
 * the question `mode` asks of this statement's effect. Pessimistic: an Allow must cover every
 * value, a Deny may cover any one. Optimistic: the other way round.
 */
function resourcePartApplies(statement: PolicyStatement, resource: string, mode: UnknownIdMode): boolean {
  const strict = (statement.effect === 'Allow') === (mode === 'pessimistic');
  if (!statement.notResource) return statement.resources.some((pattern) => arnPatternMatches(pattern, resource, strict ? 'every' : 'some'));
  // NotResource: the statement covers the resource when no listed pattern matches it.
  return !statement.resources.some((pattern) => arnPatternMatches(pattern, resource, strict ? 'some' : 'every'));
}

/**
 * Module-private: whether a glob matches the text for every value of its unknown parts. An
 * unknown part is at least one character and never contains a pattern's literal characters, so
 * the glob matches every value exactly when it matches both a one-character and a long value
 * made of a character no pattern contains (only wildcards can cover an unknown part: a star,
 * and at most one `?` next to it).
 */
function matchesEveryValue(pattern: string, text: string): boolean {
  if (!text.includes(UNKNOWN_ID)) return globMatch(pattern, text);
  return globMatch(pattern, text.split(UNKNOWN_ID).join(SHORT_VALUE)) && globMatch(pattern, text.split(UNKNOWN_ID).join(LONG_VALUE));
}

/** Module-private: stand-ins for an unknown part (a control character no policy pattern contains). */
const SHORT_VALUE = '\u0001';
const LONG_VALUE = '\u0001'.repeat(64);

/**
 * Module-private: whether some text matches both the glob `pattern` and `text`, where the
 * unknown parts of `text` match any run of characters: the intersection of two glob languages
 * is not empty. A search over position pairs (i in the pattern, j in the text), so at most
 * |pattern|·|text| states: linear for a given pattern, like {@link globMatch}.
 */
function globsIntersect(pattern: string, text: string): boolean {
  const seen = new Set<number>();
  const width = text.length + 1;
  const stack: number[] = [0];
  while (stack.length) {
    const state = stack.pop()!;
    if (seen.has(state)) continue;
    seen.add(state);
    const i = Math.floor(state / width);
    const j = state % width;
    if (i === pattern.length && j === text.length) return true;
    const p = i < pattern.length ? pattern[i] : undefined;
    const t = j < text.length ? text[j] : undefined;
    // Empty moves: a star or an unknown part may stop here.
    if (p === '*') stack.push((i + 1) * width + j);
    if (t === UNKNOWN_ID) stack.push(i * width + j + 1);
    // Consume one common character.
    if (p !== undefined && t !== undefined) {
      const pWild = p === '*' || p === '?';
      const tWild = t === UNKNOWN_ID;
      if (pWild || tWild || p === t) {
        if (!(p === '*' && tWild)) stack.push((p === '*' ? i : i + 1) * width + (tWild ? j : j + 1));
      }
    }
  }
  return false;
}

