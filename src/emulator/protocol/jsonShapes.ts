import type { NormalizedSchema } from '@smithy/core/schema';

/**
 * Schema-driven conversion between SDK-shaped values and JSON wire values, shared by both
 * protocols. Reading is strict about types (a string where a number is modelled is a
 * serialization error, as AWS answers it) and lenient about unknown members (AWS ignores them).
 */

/** How a protocol writes the things JSON has no type for. */
export interface JsonSettings {
  /** Use `jsonName` traits for member keys (restJson1 yes, awsJson1_0 no). */
  readonly jsonName: boolean;
}

/** A wire value that does not fit the modelled type; `path` names the member, e.g. `Filters[0].Values`. */
export class WireTypeError extends Error {
  constructor(
    readonly path: string,
    readonly expected: string,
  ) {
    super(`Value at '${path || '(body)'}' is not a valid ${expected}`);
  }
}

/** Timestamp schema sentinels of the static schema format (`@smithy/types`). */
const TIMESTAMP_DATE_TIME = 5;
const TIMESTAMP_HTTP_DATE = 6;

/** Converts a decoded JSON value into the SDK shape of `schema` (Dates, Uint8Arrays, member names). */
export function readShape(schema: NormalizedSchema, value: unknown, settings: JsonSettings, path = ''): unknown {
  if (value === null || value === undefined) return undefined;
  if (schema.isStructSchema()) {
    if (!isObject(value)) throw new WireTypeError(path, 'structure');
    const out: Record<string, unknown> = {};
    for (const [member, ns] of schema.structIterator()) {
      const key = wireKey(member, ns, settings);
      if (value[key] !== undefined && value[key] !== null) out[member] = readShape(ns, value[key], settings, join(path, member));
    }
    return out;
  }
  if (schema.isListSchema()) {
    if (!Array.isArray(value)) throw new WireTypeError(path, 'list');
    const item = schema.getValueSchema();
    return value.map((v, i) => readShape(item, v, settings, `${path}[${i}]`));
  }
  if (schema.isMapSchema()) {
    if (!isObject(value)) throw new WireTypeError(path, 'map');
    const item = schema.getValueSchema();
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, readShape(item, v, settings, join(path, k))]));
  }
  if (schema.isTimestampSchema()) return readTimestamp(schema, value, path);
  if (schema.isBlobSchema()) {
    if (typeof value !== 'string') throw new WireTypeError(path, 'base64 blob');
    return new Uint8Array(Buffer.from(value, 'base64'));
  }
  if (schema.isBooleanSchema()) return expectType(value, 'boolean', path);
  if (schema.isNumericSchema()) return expectType(value, 'number', path);
  if (schema.isStringSchema()) return expectType(value, 'string', path);
  return value; // document: any JSON
}

/** Converts an SDK-shaped value into its JSON wire value (the reverse of `readShape`). */
export function writeShape(schema: NormalizedSchema, value: unknown, settings: JsonSettings): unknown {
  if (value === null || value === undefined) return undefined;
  if (schema.isStructSchema()) {
    const object = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [member, ns] of schema.structIterator()) {
      const written = writeShape(ns, object[member], settings);
      if (written !== undefined) out[wireKey(member, ns, settings)] = written;
    }
    return out;
  }
  if (schema.isListSchema()) return (value as unknown[]).map((v) => writeShape(schema.getValueSchema(), v, settings) ?? null);
  if (schema.isMapSchema()) {
    const item = schema.getValueSchema();
    return Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, writeShape(item, v, settings) ?? null]));
  }
  if (schema.isTimestampSchema()) return writeTimestamp(schema, value);
  if (schema.isBlobSchema()) return Buffer.from(value as Uint8Array).toString('base64');
  return value;
}

/** Reads a timestamp from a string in its bound format (labels, query) or a JSON value. */
export function readTimestamp(schema: NormalizedSchema, value: unknown, path: string): Date {
  const format = schema.getSchema();
  const date =
    format === TIMESTAMP_DATE_TIME || format === TIMESTAMP_HTTP_DATE
      ? typeof value === 'string' ? new Date(value) : undefined
      : typeof value === 'number' ? new Date(value * 1000) : undefined;
  if (!date || Number.isNaN(date.getTime())) throw new WireTypeError(path, format === TIMESTAMP_DATE_TIME ? 'ISO-8601 timestamp' : 'epoch-seconds timestamp');
  return date;
}

/** Module-private: epoch seconds unless the shape says `date-time` / `http-date`. */
function writeTimestamp(schema: NormalizedSchema, value: unknown): unknown {
  const date = value instanceof Date ? value : new Date(value as string | number);
  switch (schema.getSchema()) {
    case TIMESTAMP_DATE_TIME:
      return date.toISOString();
    case TIMESTAMP_HTTP_DATE:
      return date.toUTCString();
    default:
      return date.getTime() / 1000;
  }
}

/** Module-private. */
function wireKey(member: string, ns: NormalizedSchema, settings: JsonSettings): string {
  const jsonName = ns.getMergedTraits().jsonName;
  return settings.jsonName && typeof jsonName === 'string' ? jsonName : member;
}

/** Module-private. */
function expectType(value: unknown, type: 'string' | 'number' | 'boolean', path: string): unknown {
  if (typeof value !== type) throw new WireTypeError(path, type);
  return value;
}

/** Module-private. */
function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Module-private. */
function join(path: string, member: string): string {
  return path ? `${path}.${member}` : member;
}
