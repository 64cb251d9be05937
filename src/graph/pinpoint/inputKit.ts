import type { InputMaybe, TagInput } from '../../__generated__/resolvers-types';
import { badUserInput } from '../errors';

/**
 * The generic pieces of input mapping every Pinpoint input module shares (module-level, no
 * state): GraphQL's null as the SDK's undefined, unique keys of upstream maps, upstream
 * enumerations GraphQL types as strings, and the checks of free-form JSON maps.
 */

/** GraphQL's null ("not given") as the SDK's undefined. */
export function opt<T>(value: InputMaybe<T> | undefined): T | undefined {
  return value ?? undefined;
}

/** Maps a given input value, leaving "not given" undefined. */
export function map<T, R>(value: InputMaybe<T> | undefined, fn: (value: T) => R): R | undefined {
  return value === null || value === undefined ? undefined : fn(value);
}

/** Keys that become upstream map keys must be unique (a map cannot hold two). */
export function assertUnique(keys: readonly string[], path: string): void {
  const seen = new Set<string>();
  for (const key of keys) {
    if (seen.has(key)) throw badUserInput(`"${path}" must be unique; ${JSON.stringify(key)} appears more than once.`, { argument: path });
    seen.add(key);
  }
}

/** A string that must be one of an upstream enumeration's values (GraphQL types it as a plain string). */
export function oneOf<V extends string>(value: string, allowed: readonly V[], path: string): V {
  if (!(allowed as readonly string[]).includes(value)) throw badUserInput(`"${path}" must be one of ${allowed.join(', ')}; got ${JSON.stringify(value)}.`, { argument: path });
  return value as V;
}

/** Whether a JSON value is an object (not an array or null). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Tag entries → the upstream map; keys must be unique. */
export function tagMap(tags: InputMaybe<readonly TagInput[]> | undefined, path: string): Record<string, string> | undefined {
  if (tags === null || tags === undefined) return undefined;
  assertUnique(
    tags.map((tag) => tag.key),
    `${path}[].key`,
  );
  return Object.fromEntries(tags.map((tag) => [tag.key, tag.value]));
}

/** A free-form JSON map of name → string. */
export function stringMap(value: unknown, path: string): Record<string, string> | undefined {
  return jsonMap(value, path, 'a string', (v): v is string => typeof v === 'string');
}

/** A free-form JSON map of name → list of strings (attributes, substitutions). */
export function stringListMap(value: unknown, path: string): Record<string, string[]> | undefined {
  return jsonMap(value, path, 'a list of strings', (v): v is string[] => Array.isArray(v) && v.every((item) => typeof item === 'string'));
}

/** A free-form JSON map of name → number. */
export function numberMap(value: unknown, path: string): Record<string, number> | undefined {
  return jsonMap(value, path, 'a number', (v): v is number => typeof v === 'number' && Number.isFinite(v));
}

/** Module-private: checks a JSON map's values, or BAD_USER_INPUT naming the first bad entry. */
function jsonMap<V>(value: unknown, path: string, expected: string, isValue: (v: unknown) => v is V): Record<string, V> | undefined {
  if (value === null || value === undefined) return undefined;
  if (!isPlainObject(value)) throw badUserInput(`"${path}" must be a JSON object whose values are each ${expected}; got ${JSON.stringify(value)}.`, { argument: path });
  for (const [key, entry] of Object.entries(value)) {
    if (!isValue(entry)) throw badUserInput(`"${path}.${key}" must be ${expected}; got ${JSON.stringify(entry)}.`, { argument: path });
  }
  return value as Record<string, V>;
}
