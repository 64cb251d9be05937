import { silentCacheLogger, type Cache, type CacheLogger, type FlightLock } from './cache';

/**
 * Read-through loading where identical loads in flight at once cost one `load()`:
 * - within a process: callers of the same key share one promise (a Map of promises);
 * - across processes sharing Redis: the first takes a lock (`SET lock NX PX ttl`), the others
 *   poll the cache until the value lands. If the holder fails it releases the lock and one
 *   waiter takes over; if it crashes the lock expires after `lockTtlMs` and one waiter takes over.
 * A cache or lock fault never fails the caller: it degrades to a plain `load()`.
 */

/** Options of {@link createSingleFlight}. */
export interface SingleFlightOptions {
  /** Where values land (and where waiters in other processes look for them). */
  readonly cache: Cache;
  /** The cross-process lock; without one, single flight holds within this process only. */
  readonly lock?: FlightLock;
  /** Lock lifetime: the longest a crashed holder can delay others (default 10 000 ms). */
  readonly lockTtlMs?: number;
  /** How often a waiter looks for the value (default 20 ms). */
  readonly pollIntervalMs?: number;
  readonly logger?: CacheLogger;
}

/** What to store a loaded value with. */
export interface FlightStorePolicy {
  /** Lifetime of the value, decided when it is stored. */
  readonly ttlMs: number;
  readonly tags?: readonly string[];
}

/** Single-flight, read-through loading over a {@link Cache}. */
export interface SingleFlight {
  /** The cached value of `key`, or `load()`'s result (stored with `policy`), loaded once across callers. */
  run<T>(key: string, policy: FlightStorePolicy, load: () => Promise<T>): Promise<T>;
  /** Keys with a load in flight in this process (for tests and diagnostics). */
  inFlight(): number;
}

/** Builds a {@link SingleFlight} over `options.cache` (and `options.lock` across processes). */
export function createSingleFlight(options: SingleFlightOptions): SingleFlight {
  const { cache, lock } = options;
  const lockTtlMs = options.lockTtlMs ?? 10_000;
  const pollIntervalMs = options.pollIntervalMs ?? 20;
  const logger = options.logger ?? silentCacheLogger;
  const flights = new Map<string, Promise<unknown>>();

  /** Module-private: a cache read that treats a cache fault as a miss. */
  const read = async <T>(key: string): Promise<{ hit: true; value: T } | { hit: false; healthy: boolean }> => {
    try {
      const value = await cache.get<T>(key);
      return value === undefined ? { hit: false, healthy: true } : { hit: true, value };
    } catch {
      return { hit: false, healthy: false };
    }
  };

  /** Module-private: loads and stores; a store fault is logged by the cache and ignored here. */
  const loadAndStore = async <T>(key: string, policy: FlightStorePolicy, load: () => Promise<T>): Promise<T> => {
    const value = await load();
    await cache.set(key, value, policy).catch(() => undefined);
    return value;
  };

  /** Module-private: one flight, shared by every caller of `key` in this process. */
  const fly = async <T>(key: string, policy: FlightStorePolicy, load: () => Promise<T>): Promise<T> => {
    const first = await read<T>(key);
    if (first.hit) return first.value;
    if (!lock || !first.healthy) return loadAndStore(key, policy, load);
    const lockKey = `${key}:lock`;
    for (;;) {
      let token: string | undefined;
      try {
        token = await lock.acquire(lockKey, lockTtlMs);
      } catch {
        return loadAndStore(key, policy, load);
      }
      if (token !== undefined) {
        try {
          // The previous holder may have stored the value between our read and our acquire.
          const again = await read<T>(key);
          if (again.hit) return again.value;
          return await loadAndStore(key, policy, load);
        } finally {
          await lock.release(lockKey, token).catch(() => undefined);
        }
      }
      // Someone else (another process) is loading: wait for the value or for the lock to go.
      for (;;) {
        await delay(pollIntervalMs);
        const landed = await read<T>(key);
        if (landed.hit) return landed.value;
        if (!landed.healthy) return loadAndStore(key, policy, load);
        let held: boolean;
        try {
          held = await lock.isHeld(lockKey);
        } catch {
          return loadAndStore(key, policy, load);
        }
        if (!held) {
          // Released without a value (the holder failed) or expired (it crashed): take over.
          logger.info({ key }, 'single flight: lock released without a value; taking over the load');
          break;
        }
      }
    }
  };

  return {
    run<T>(key: string, policy: FlightStorePolicy, load: () => Promise<T>): Promise<T> {
      const existing = flights.get(key);
      if (existing) return existing as Promise<T>;
      const flight = fly(key, policy, load).finally(() => flights.delete(key));
      flights.set(key, flight);
      return flight;
    },
    inFlight: () => flights.size,
  };
}

/** Module-private. */
function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
