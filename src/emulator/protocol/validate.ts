/**
 * Input validation before the handler runs, as AWS's front end does it: required members,
 * lengths (strings in code points, lists and maps in entries), numeric ranges, patterns and
 * enum values, from the committed table `__generated__/constraints.ts`
 * (`npm run gen:validation`). Messages follow the AWS wording
 * (`Value '…' at '…' failed to satisfy constraint: Member must …`).
 */

/** The constraints of one shape, keyed in the table by its Smithy shape name. */
export interface ShapeRule {
  /** Structures: members that must be present. */
  readonly required?: readonly string[];
  /** Structures: member → shape name, only for members whose shape has rules. */
  readonly members?: Readonly<Record<string, string>>;
  /** Lists: the item shape; maps: the key and value shapes. */
  readonly member?: string;
  readonly key?: string;
  readonly value?: string;
  /** `[min, max]`; `null` for an open end. */
  readonly length?: readonly [number | null, number | null];
  readonly range?: readonly [number | null, number | null];
  readonly pattern?: string;
  readonly enum?: readonly string[];
}

/** Every rule of one service, by shape name. */
export type ConstraintTable = Readonly<Record<string, ShapeRule>>;

/** One failed constraint. `path` uses SDK member names (`Filters[0].Values`). */
export interface Violation {
  readonly path: string;
  /** The AWS phrase after "failed to satisfy constraint: ", e.g. `Member must not be null`. */
  readonly constraint: string;
  /** The whole AWS sentence for this violation. */
  readonly message: string;
}

/** Checks `value` against the rules of `shape` (an operation's input structure); returns every violation. */
export function validateShape(table: ConstraintTable, shape: string, value: unknown): Violation[] {
  const violations: Violation[] = [];
  check(table, shape, value, '', violations);
  return violations;
}

/** The AWS summary sentence for a list of violations. */
export function describeViolations(violations: readonly Violation[]): string {
  const count = violations.length === 1 ? '1 validation error detected' : `${violations.length} validation errors detected`;
  return `${count}: ${violations.map((v) => v.message).join('; ')}`;
}

/** Module-private: compiled patterns (Smithy patterns are ECMA-262, unanchored). */
const patterns = new Map<string, RegExp>();

/** Module-private. */
function check(table: ConstraintTable, shape: string, value: unknown, path: string, out: Violation[]): void {
  const rule = table[shape];
  if (!rule || value === undefined || value === null) return;
  const fail = (constraint: string) =>
    out.push({ path, constraint, message: `Value ${show(value)} at '${path}' failed to satisfy constraint: ${constraint}` });

  const size = typeof value === 'string' ? [...value].length : Array.isArray(value) ? value.length : isPlainObject(value) && (rule.key || rule.value) ? Object.keys(value).length : undefined;
  if (rule.length && size !== undefined) bounds(rule.length, size, 'length', fail);
  if (rule.range && typeof value === 'number') bounds(rule.range, value, 'value', fail);
  if (typeof value === 'string') {
    if (rule.pattern && !regex(rule.pattern).test(value)) fail(`Member must satisfy regular expression pattern: ${rule.pattern}`);
    if (rule.enum && !rule.enum.includes(value)) fail(`Member must satisfy enum value set: [${rule.enum.join(', ')}]`);
  }

  if (Array.isArray(value) && rule.member) value.forEach((item, i) => check(table, rule.member!, item, `${path}[${i}]`, out));
  if (!isPlainObject(value)) return;
  for (const member of rule.required ?? []) {
    const memberPath = join(path, member);
    if (value[member] === undefined || value[member] === null) {
      out.push({ path: memberPath, constraint: 'Member must not be null', message: `Value null at '${memberPath}' failed to satisfy constraint: Member must not be null` });
    }
  }
  for (const [member, target] of Object.entries(rule.members ?? {})) check(table, target, value[member], join(path, member), out);
  if (rule.key || rule.value) {
    for (const [k, v] of Object.entries(value)) {
      if (rule.key) check(table, rule.key, k, join(path, k), out);
      if (rule.value) check(table, rule.value, v, join(path, k), out);
    }
  }
}

/** Module-private. */
function bounds([min, max]: readonly [number | null, number | null], actual: number, what: string, fail: (c: string) => void): void {
  if (min !== null && actual < min) fail(`Member must have ${what} greater than or equal to ${min}`);
  if (max !== null && actual > max) fail(`Member must have ${what} less than or equal to ${max}`);
}

/** Module-private: `u` mode for `\p{…}` classes; some model patterns only compile without it. */
function regex(pattern: string): RegExp {
  let compiled = patterns.get(pattern);
  if (!compiled) {
    try {
      compiled = new RegExp(pattern, 'u');
    } catch {
      compiled = new RegExp(pattern);
    }
    patterns.set(pattern, compiled);
  }
  return compiled;
}

/** Module-private: how AWS quotes the offending value. */
function show(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (typeof value === 'number' || typeof value === 'boolean') return `'${value}'`;
  return `'${JSON.stringify(value)}'`;
}

/** Module-private. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date) && !(value instanceof Uint8Array);
}

/** Module-private. */
function join(path: string, member: string): string {
  return path ? `${path}.${member}` : member;
}
