import type { GraphQLContext } from '../context';
import type { ConnectionLimits } from '../connection';
import { toGlobalId } from '../ids';
import { fromWhole } from '../selection';
import { PINPOINT_PAGE_SIZE } from '../../upstream/pinpoint/loaders';

/**
 * Small helpers the Pinpoint resolvers share (module-level, no state): upstream-key field
 * resolvers, global IDs, tag and dimension-map conversions, and the connection limits.
 */

/** Connection limits of every Pinpoint list (`page-size`, inventory §3). */
export const PINPOINT_CONNECTION_LIMITS: ConnectionLimits = { maxPageSize: PINPOINT_PAGE_SIZE.max, defaultPageSize: PINPOINT_PAGE_SIZE.default };

/**
 * Field resolvers that read an upstream (PascalCase) key of the mapper model for each GraphQL
 * field: `upstreamFields<AppModel>()({ name: 'Name' })`. GraphQL field names are camelCase and
 * the SDK's are PascalCase, so graphql-js's default resolver cannot read them; this is the one
 * place that renaming is written, checked against the model's keys.
 */
export function upstreamFields<M>() {
  return <F extends string>(fields: Readonly<Record<F, keyof M & string>>): Record<F, (parent: M) => any> => {
    const resolvers = {} as Record<F, (parent: M) => any>;
    for (const [field, key] of Object.entries(fields) as Array<[F, keyof M & string]>) resolvers[field] = (parent) => parent[key];
    return resolvers;
  };
}

/**
 * {@link upstreamFields} for a parent that may be a by-ID reference rather than the whole model
 * (e.g. `Query.app`, which answers before GetApp so edges needing only the ID start at once):
 * `complete` returns the parent itself when it is whole, else the loaded model.
 */
export function lazyUpstreamFields<M>(complete: (parent: M, ctx: GraphQLContext) => M | Promise<M>) {
  const fromModel = fromWhole(complete);
  return <F extends string>(fields: Readonly<Record<F, keyof M & string>>): Record<F, (parent: M, args: unknown, ctx: GraphQLContext) => any> => {
    const resolvers = {} as Record<F, (parent: M, args: unknown, ctx: GraphQLContext) => any>;
    for (const [field, key] of Object.entries(fields) as Array<[F, keyof M & string]>) resolvers[field] = fromModel((whole) => whole[key]);
    return resolvers;
  };
}

/** An upstream key the SDK types as optional but the contract guarantees; its absence is a bug upstream. */
export function present<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null) throw new Error(`Upstream left out ${what}, which the Pinpoint contract always includes.`);
  return value;
}

/** The Pinpoint types that are Nodes (their global IDs name the type). */
export type PinpointNodeType =
  | 'App'
  | 'Campaign'
  | 'Segment'
  | 'Endpoint'
  | 'User'
  | 'Journey'
  | 'EmailTemplate'
  | 'SmsTemplate'
  | 'PushTemplate'
  | 'VoiceTemplate'
  | 'InAppTemplate'
  | 'ImportJob'
  | 'ExportJob'
  | 'RecommenderConfiguration';

/** The global ID of a Pinpoint object: type, this gateway's region, and its upstream keys. */
export function pinpointGlobalId(ctx: GraphQLContext, type: PinpointNodeType, ...keys: string[]): string {
  return toGlobalId(type, ctx.region, ...keys);
}

/** A version as a global-ID key (campaigns, segments and templates read at one saved version). */
export function versionKey(version: number | string | undefined): string[] {
  return version === undefined ? [] : [String(version)];
}

/** An upstream tags map as `Tag` values, sorted by key so responses are stable. */
export function tagList(tags: Readonly<Record<string, string>> | undefined): Array<{ key: string; value: string }> {
  return Object.entries(tags ?? {})
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, value]) => ({ key, value }));
}

/** An upstream map of named conditions (attribute or metric dimensions) as entries with their key. */
export function mapEntries<V extends object>(map: Readonly<Record<string, V>> | undefined): Array<V & { key: string }> {
  return Object.entries(map ?? {}).map(([key, value]) => ({ ...value, key }));
}

/** An upstream map of metric values (name → string) as `{ Name, Value }` entries sorted by name, so responses are stable. */
export function metricEntries(metrics: Readonly<Record<string, string>> | undefined): Array<{ Name: string; Value: string }> {
  return Object.entries(metrics ?? {})
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([Name, Value]) => ({ Name, Value }));
}

/** A number an upstream string holds, or null when it is not one. */
export function numberOrNull(raw: string | undefined): number | null {
  if (raw === undefined || raw.trim() === '') return null;
  const value = Number(raw);
  return Number.isFinite(value) ? value : null;
}
