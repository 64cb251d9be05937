import type { Cache, CacheLogger, FlightLock } from './cache';
import { createSingleFlight, type StopSignal } from './singleFlight';
import { NO_CACHE_OBSERVER, type CacheObserver, type KpiLookupOutcome } from './telemetry';

/**
 * The KPI cache as the graph sees it: one method that returns a cached KPI result or loads it
 * once (single flight within a process and, with Redis, across processes).
 * Implementations live beside this file (memoryCache.ts, redisCache.ts, singleFlight.ts).
 */

/** What identifies one KPI result. The ARN carries the account and region. */
export interface KpiCacheKey {
  /** ARN of the application, campaign or journey the KPI is about. */
  readonly resourceArn: string;
  /** Upstream kebab-case KPI name (`successful-delivery-rate`). */
  readonly kpiName: string;
  /** Start of the range (inclusive), already normalized by the caller. */
  readonly startTime: Date;
  /** End of the range, already normalized by the caller. */
  readonly endTime: Date;
  /** Anything else that changes the upstream answer (e.g. a page token). */
  readonly variant?: string;
}

/** Per-lookup options of {@link KpiCache.getOrLoad}. */
export interface KpiLoadOptions {
  /**
   * The request's signal (its budget's: the deadline, the client leaving). Waiting for the cache,
   * the cross-process lock or another caller's load stops when it aborts, with its reason.
   */
  readonly signal?: StopSignal;
  /** Called when the answer is an expired value because upstream failed (stale-while-revalidate). */
  readonly onStale?: (stale: { readonly ageSeconds: number }) => void;
}

/** Cached, single-flight KPI loading. `T` must survive a JSON round trip. */
export interface KpiCache {
  getOrLoad<T>(key: KpiCacheKey, load: () => Promise<T>, options?: KpiLoadOptions): Promise<T>;
}

// --- Implementation: keys, TTL policy and the single-flight cache behind `KpiCache`. ---


/** Lifetimes of cached KPI results. */
export interface KpiTtlPolicy {
  /** For a range that ended before today (UTC): its numbers no longer change. */
  readonly pastSeconds: number;
  /** For a range that includes today (or the future): its numbers still grow. */
  readonly currentSeconds: number;
}

/** Options of {@link createKpiCache}. */
export interface KpiCacheOptions {
  readonly cache: Cache;
  /** The cross-process lock (the Redis cache); omit for single flight within this process only. */
  readonly lock?: FlightLock;
  readonly ttl: KpiTtlPolicy;
  /** Cross-process lock lifetime (the longest a crashed holder delays others). */
  readonly lockTtlMs?: number;
  /** Prefix of every key this cache writes (the Redis cache adds its own prefix on top). */
  readonly namespace?: string;
  /**
   * How long past its TTL a result is kept, to be served (marked stale) when a new load fails
   * with an error {@link KpiCacheOptions.serveStale} accepts (default 0: never served expired).
   */
  readonly staleSeconds?: number;
  /** Which load failures may be answered with a stale result (default {@link isUpstreamUnavailable}). */
  readonly serveStale?: (error: unknown) => boolean;
  /** The clock (tests pin "today" and move time past a TTL). */
  readonly now?: () => Date;
  /** Hears how every lookup was answered (default: nobody). */
  readonly observer?: CacheObserver;
  readonly logger?: CacheLogger;
}

/**
 * The default of {@link KpiCacheOptions.serveStale}: whether a load failed because upstream could
 * not answer (so an older answer is better than none) rather than because of the request.
 * - an error the gateway raised with a GraphQL code (bounds, deadline, bad input) is the
 *   request's, except `UPSTREAM_UNAVAILABLE` and `THROTTLED`;
 * - an SDK error with an HTTP status: 5xx and 429 are upstream's, other 4xx the request's;
 * - an abort is the request's (it was stopped);
 * - anything else (a timeout, a network failure, an open breaker or full bulkhead) is upstream's.
 */
export function isUpstreamUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const shape = error as { name?: unknown; extensions?: { code?: unknown }; $fault?: unknown; $metadata?: { httpStatusCode?: unknown } };
  if (typeof shape.extensions?.code === 'string') return shape.extensions.code === 'UPSTREAM_UNAVAILABLE' || shape.extensions.code === 'THROTTLED';
  if (shape.name === 'AbortError') return false;
  const status = shape.$metadata?.httpStatusCode;
  if (typeof status === 'number') return status >= 500 || status === 429;
  if (shape.$fault === 'client') return typeof shape.name === 'string' && /Throttl|TooManyRequests/.test(shape.name);
  return true;
}

/**
 * The cache key of one KPI result: ARN (account + region), KPI name, normalized range, variant.
 * `v2`: the stored value carries its freshness (singleFlight.ts's `StoredFlightValue`); a `v1`
 * entry (the bare result) is never read as one.
 *
 * The ARN is the key's Redis Cluster hash tag (`{…}`, the part of a key a cluster hashes to pick
 * its slot), and it is also the result's cache tag, whose set redisCache.ts names `tag:{ARN}`: a
 * result, its single-flight lock (the key + `:lock`) and its tag set share one hash slot. So a
 * cluster stores a result and its tag set in one MULTI, invalidates a tag in one DEL, and a
 * failover moves a result, its lock and its tag set together. Results of different resources
 * spread over the slots.
 */
export function kpiCacheKey(key: KpiCacheKey, namespace = 'kpi:v2:'): string {
  return [`${namespace}{${key.resourceArn}}`, key.kpiName, key.startTime.toISOString(), key.endTime.toISOString(), key.variant ?? ''].join('|');
}

/** The cache tags of one KPI result: its resource's ARN (what invalidating the resource drops; also its key's hash tag, see {@link kpiCacheKey}). */
export function kpiCacheTags(key: Pick<KpiCacheKey, 'resourceArn'>): string[] {
  return [key.resourceArn];
}

/** The lifetime of a KPI result in ms: long once its range ended before today (UTC), short otherwise. */
export function kpiTtlMs(key: Pick<KpiCacheKey, 'endTime'>, policy: KpiTtlPolicy, now: Date): number {
  const startOfTodayUtc = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return (key.endTime.getTime() < startOfTodayUtc ? policy.pastSeconds : policy.currentSeconds) * 1000;
}

/** Builds the gateway's {@link KpiCache}: cached, single-flight KPI loading with the TTL policy and stale-while-revalidate. */
export function createKpiCache(options: KpiCacheOptions): KpiCache {
  const now = options.now ?? (() => new Date());
  const staleSeconds = options.staleSeconds ?? 0;
  if (!Number.isSafeInteger(staleSeconds) || staleSeconds < 0) throw new RangeError(`createKpiCache: staleSeconds must be a whole number of seconds >= 0; got ${staleSeconds}.`);
  const observer = options.observer ?? NO_CACHE_OBSERVER;
  const flight = createSingleFlight({
    cache: options.cache,
    lock: options.lock,
    lockTtlMs: options.lockTtlMs,
    serveStale: options.serveStale ?? isUpstreamUnavailable,
    now: () => now().getTime(),
    logger: options.logger,
  });
  /** Module-private: the observer must not fail a lookup. */
  const report = (outcome: KpiLookupOutcome) => {
    try {
      observer.kpiLookup?.(outcome);
    } catch {
      // Ignored: observing is not the cache's job.
    }
  };
  return {
    async getOrLoad<T>(key: KpiCacheKey, load: () => Promise<T>, loadOptions: KpiLoadOptions = {}): Promise<T> {
      for (const [name, date] of [['startTime', key.startTime], ['endTime', key.endTime]] as const) {
        if (!(date instanceof Date) || Number.isNaN(date.getTime())) throw new TypeError(`KpiCacheKey.${name} must be a valid Date; got ${String(date)}.`);
      }
      const policy = { ttlMs: kpiTtlMs(key, options.ttl, now()), staleMs: staleSeconds * 1000, tags: kpiCacheTags(key) };
      let answer;
      try {
        answer = await flight.run(kpiCacheKey(key, options.namespace), policy, load, { signal: loadOptions.signal });
      } catch (error) {
        report('error');
        throw error;
      }
      report(answer.outcome);
      if (answer.outcome === 'stale') loadOptions.onStale?.({ ageSeconds: Math.floor(answer.ageMs / 1000) });
      return answer.value;
    },
  };
}
