/**
 * What cache/ tells an observer (implemented by `src/observability/`, which cache/ never
 * imports). Every method is optional and must not throw; {@link NO_CACHE_OBSERVER} is the default.
 */

/** How one KPI lookup was answered. */
export type KpiLookupOutcome =
  /** A fresh cached value. */
  | 'hit'
  /** Loaded from upstream (and stored). */
  | 'miss'
  /** Upstream failed and a recently expired value was served instead (stale-while-revalidate). */
  | 'stale'
  /** Joined a load already in flight (in this process or, through the Redis lock, in another). */
  | 'joined'
  /** Upstream failed and no stale value could be served. */
  | 'error';

/** Health of the Redis connection as the gateway uses it. */
export type RedisHealth = 'up' | 'down' | 'cooling-off';

/** The observer cache/ reports to. */
export interface CacheObserver {
  /** One KPI lookup finished. */
  kpiLookup?(outcome: KpiLookupOutcome): void;
  /** The Redis connection of `component` (`kpi-cache`, `rate-limits`, ...) changed health. */
  redisHealthChanged?(component: string, health: RedisHealth): void;
  /** A Redis command of `component` was skipped (cooling off) or failed, and the in-memory fallback answered. */
  redisFallback?(component: string, reason: 'cooling-off' | 'timeout' | 'error'): void;
}

/** The observer that observes nothing. */
export const NO_CACHE_OBSERVER: CacheObserver = Object.freeze({});
