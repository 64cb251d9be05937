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
