import type { RequestContext } from '../../types';
import { paginate, type Page } from '../../../protocol/pagination';
import { badRequest, invalidToken } from '../errors';

/**
 * Helpers the Pinpoint handlers share: page-size and token handling, identifier and tag
 * checks. Limits live here as named constants so each is written down once.
 */

/** A handler with SDK-shaped input and output types. */
export type PinpointHandler<Input, Output> = (input: Input, ctx: RequestContext) => Output;

/**
 * `page-size` bounds. Seed 002 documents neither a default nor a maximum (inventory §3); the
 * console sends `page-size=1000`, so that is the ceiling the emulator accepts.
 */
export const PAGE_SIZE_LIMITS = { default: 100, max: 1000 } as const;

/** A page of `items` for a `page-size`/`token` query scoped by `scope` (operation, account, region, parents). */
export function pageOf<T>(items: readonly T[], pageSize: string | undefined, token: string | undefined, scope: string): Page<T> {
  return paginate(items, { pageSize: parsePageSize(pageSize), token, scope, invalidToken });
}

/** The `page-size` query value as a number; it travels as a string, so its form is checked here. */
export function parsePageSize(raw: string | undefined): number {
  if (raw === undefined || raw === '') return PAGE_SIZE_LIMITS.default;
  const size = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(size) || size < 1 || size > PAGE_SIZE_LIMITS.max) {
    throw badRequest(`page-size must be an integer from 1 to ${PAGE_SIZE_LIMITS.max}; got '${raw}'`);
  }
  return size;
}

/** The scope string a page token is bound to. */
export function pageScope(operation: string, ctx: RequestContext, ...parents: string[]): string {
  return [operation, ctx.accountId, ctx.region, ...parents].join('\u0000');
}

/** Seed 002: endpoint and user IDs "can't contain $, { or }". */
export function checkIdentifier(kind: 'endpoint ID' | 'user ID', id: string): void {
  if (id === '' || /[${}]/.test(id)) throw badRequest(`The ${kind} must be non-empty and can't contain $, { or }; got '${id}'`);
}

/** Tag limits from seed 002 (Tags resource): 50 per resource, key ≤ 128 and value ≤ 256 characters. */
export const TAG_LIMITS = { perResource: 50, keyLength: 128, valueLength: 256 } as const;

/** Checks tags to be written, then returns the merged map (`existing` is not modified). */
export function mergeTags(existing: Readonly<Record<string, string>>, added: Readonly<Record<string, string>> | undefined): Record<string, string> {
  const merged = { ...existing };
  for (const [key, value] of Object.entries(added ?? {})) {
    if (key.length < 1 || key.length > TAG_LIMITS.keyLength) throw badRequest(`A tag key must be 1 to ${TAG_LIMITS.keyLength} characters; got '${key}'`);
    if (key.toLowerCase().startsWith('aws:')) throw badRequest(`Tag keys starting with 'aws:' are reserved for AWS; got '${key}'`);
    if (typeof value !== 'string' || value.length > TAG_LIMITS.valueLength) {
      throw badRequest(`A tag value must be a string of at most ${TAG_LIMITS.valueLength} characters; got a value of length ${String(value).length} for key '${key}'`);
    }
    merged[key] = value;
  }
  const count = Object.keys(merged).length;
  if (count > TAG_LIMITS.perResource) throw badRequest(`A resource can have at most ${TAG_LIMITS.perResource} tags; this request would leave ${count}`);
  return merged;
}

/** A strict ISO 8601 date-time (`2024-05-01T10:00:00Z`, optional fraction and offset), as epoch milliseconds. */
export function parseIsoDateTime(value: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/.test(value)) return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : time;
}

/** Seed 002 QuietTime: "24-hour notation … in HH:MM format". */
export function checkQuietTime(field: string, quietTime: { Start?: string; End?: string } | undefined): void {
  for (const [name, value] of [['Start', quietTime?.Start], ['End', quietTime?.End]] as const) {
    if (value !== undefined && !/^([01]\d|2[0-3]):[0-5]\d$/.test(value)) throw badRequest(`${field}.${name} must be HH:MM in 24-hour notation; got '${value}'`);
  }
}

/** Seed 002 CampaignLimits: Daily and Total ≤ 100, MessagesPerSecond 1–20,000, MaximumDuration ≥ 60 seconds. */
export function checkCampaignLimits(field: string, limits: { Daily?: number; Total?: number; Session?: number; MessagesPerSecond?: number; MaximumDuration?: number } | undefined): void {
  if (limits === undefined) return;
  const checks: Array<[string, number | undefined, number, number]> = [
    ['Daily', limits.Daily, 0, 100],
    ['Total', limits.Total, 0, 100],
    ['Session', limits.Session, 0, Number.MAX_SAFE_INTEGER],
    ['MessagesPerSecond', limits.MessagesPerSecond, 1, 20_000],
    ['MaximumDuration', limits.MaximumDuration, 60, Number.MAX_SAFE_INTEGER],
  ];
  for (const [name, value, min, max] of checks) {
    if (value !== undefined && (!Number.isInteger(value) || value < min || value > max)) {
      throw badRequest(`${field}.${name} must be an integer from ${min}${max === Number.MAX_SAFE_INTEGER ? ' up' : ` to ${max}`}; got ${value}`);
    }
  }
}

/** A fresh copy of a JSON-shaped value, so stored records never alias request objects. */
export function clone<T>(value: T): T {
  return value === undefined ? value : structuredClone(value);
}

/** A `version` path value as a version number; it must be a positive integer. */
export function parseVersion(raw: string | undefined): number {
  const version = raw !== undefined && /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(version) || version < 1) throw badRequest(`version must be a positive integer; got '${raw ?? ''}'`);
  return version;
}
