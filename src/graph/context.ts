import type { Caller } from '../auth';
import type { KpiCache } from '../cache/kpiCache';
import type { StopSignal } from '../cache/singleFlight';
import type { CallCounter } from '../upstream/callCounter';
import type { PinpointUpstream } from '../upstream/pinpoint/loaders';
import type { SmsVoiceUpstream } from '../upstream/sms-voice-v2/loaders';

/**
 * Everything a resolver may use, built fresh for every GraphQL request by
 * `server/context.ts#createContext` (codegen's `contextType`). Nothing here outlives the request
 * except the shared KPI cache.
 */
export interface GraphQLContext {
  /** Per-request loaders and write calls for Amazon Pinpoint. */
  readonly pinpoint: PinpointUpstream;
  /** Per-request loaders and write calls for Pinpoint SMS and Voice v2. */
  readonly smsVoice: SmsVoiceUpstream;
  /** Shared (Redis or in-memory) single-flight KPI cache. */
  readonly kpiCache: KpiCache;
  /** The region this gateway's upstream clients talk to; global IDs of other regions are refused. */
  readonly region: string;
  /** Upstream SDK calls made for this request, per operation (reported in `extensions.upstreamCalls` when enabled). */
  readonly upstreamCalls: CallCounter;
  /** Who is calling (resolved once per request from its credentials, before any resolver runs). */
  readonly caller: Caller;
  /** The request's execution bounds that resolvers consult (built by the server's request budget). */
  readonly bounds: RequestBounds;
  /** Where a resolver notes a field answered with stale data (reported in `extensions.stale`). */
  readonly staleFields: StaleFieldLog;
}

/**
 * The fields of one request answered with stale data: an expired cached value served because
 * upstream failed (stale-while-revalidate, cache/kpiCache.ts). The server reports them to the
 * client in `extensions.stale`, so a frontend can tell which fields are old and by how much.
 */
export interface StaleFieldLog {
  /** Notes that the field at `path` (its response path, aliases included) holds a value `ageSeconds` old. */
  note(path: readonly (string | number)[], ageSeconds: number): void;
}

/**
 * The execution bounds a resolver checks itself, where only it knows the quantity: each throws a
 * typed EXECUTION_LIMIT_EXCEEDED error when the request is over its limit.
 */
export interface RequestBounds {
  /** Admits one KPI read by its cache key (a key already admitted is free). */
  admitKpiRead(key: string): void;
  /** Refuses a `nodes(ids:)` list longer than the limit. */
  admitNodeIds(count: number): void;
  /** Whether `error` was raised by this request's own bounds (not by another request whose load it joined). */
  raised(error: unknown): boolean;
  /** Whether this request was stopped (deadline, client gone). */
  readonly stopReason: Error | undefined;
  /** Aborts when the request is stopped (deadline, client gone), with the stop reason: waits a resolver starts (the KPI cache) end with it. */
  readonly stopSignal: StopSignal;
}
