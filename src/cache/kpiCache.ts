import type { Cache, CacheLogger, FlightLock } from './cache';
import { createSingleFlight } from './singleFlight';

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

/** Cached, single-flight KPI loading. `T` must survive a JSON round trip. */
export interface KpiCache {
  getOrLoad<T>(key: KpiCacheKey, load: () => Promise<T>): Promise<T>;
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
  /** The clock (tests pin "today"). */
  readonly now?: () => Date;
  readonly logger?: CacheLogger;
}

/** The cache key of one KPI result: ARN (account + region), KPI name, normalized range, variant. */
export function kpiCacheKey(key: KpiCacheKey, namespace = 'kpi:v1:'): string {
  return [namespace + key.resourceArn, key.kpiName, key.startTime.toISOString(), key.endTime.toISOString(), key.variant ?? ''].join('|');
}

/** The lifetime of a KPI result in ms: long once its range ended before today (UTC), short otherwise. */
export function kpiTtlMs(key: Pick<KpiCacheKey, 'endTime'>, policy: KpiTtlPolicy, now: Date): number {
  const startOfTodayUtc = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return (key.endTime.getTime() < startOfTodayUtc ? policy.pastSeconds : policy.currentSeconds) * 1000;
}

/** Builds the gateway's {@link KpiCache}: cached, single-flight KPI loading with the TTL policy. */
export function createKpiCache(options: KpiCacheOptions): KpiCache {
  const now = options.now ?? (() => new Date());
  const flight = createSingleFlight({ cache: options.cache, lock: options.lock, lockTtlMs: options.lockTtlMs, logger: options.logger });
  return {
    getOrLoad<T>(key: KpiCacheKey, load: () => Promise<T>): Promise<T> {
      for (const [name, date] of [['startTime', key.startTime], ['endTime', key.endTime]] as const) {
        if (!(date instanceof Date) || Number.isNaN(date.getTime())) return Promise.reject(new TypeError(`KpiCacheKey.${name} must be a valid Date; got ${String(date)}.`));
      }
      return flight.run(kpiCacheKey(key, options.namespace), { ttlMs: kpiTtlMs(key, options.ttl, now()), tags: [key.resourceArn] }, load);
    },
  };
}
