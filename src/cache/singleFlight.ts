import { silentCacheLogger, type Cache, type CacheLogger, type FlightLock } from './cache';

/**
 * Read-through loading where identical loads in flight at once cost one `load()`:
 * - within a process: callers of the same key share one promise (a Map of promises);
 * - across processes sharing Redis: the first takes a lock (`SET lock NX PX ttl`), the others
 *   poll the cache until the value lands. If the holder fails it releases the lock and one
 *   waiter takes over; if it crashes the lock expires after `lockTtlMs` and one waiter takes over.
 * A cache or lock fault never fails the caller: it degrades to a plain `load()`.
 *
 * Stale-while-revalidate: a value is stored with its freshness (`ttlMs`) and kept `staleMs`
 * longer. A fresh value is a hit; an expired one is loaded again, and when that load fails with
 * an error `serveStale` accepts (upstream unavailable, not a client mistake), the expired value is
 * the answer, marked `stale` with its age. Never past `staleMs`: then the failure is the answer.
 *
 * Every wait (a cache read, the lock, another process's load) stops when the caller's signal
 * aborts, with the signal's reason: a request past its deadline does not wait on a cache.
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
  /** Whether a failed load may be answered with an expired value (default: never). */
  readonly serveStale?: (error: unknown) => boolean;
  /** The clock, in epoch ms (tests move it). */
  readonly now?: () => number;
  readonly logger?: CacheLogger;
}

/** What to store a loaded value with. */
export interface FlightStorePolicy {
  /** How long the value is fresh, decided when it is stored. */
  readonly ttlMs: number;
  /** How much longer an expired value is kept, to be served when a new load fails (default 0). */
  readonly staleMs?: number;
  readonly tags?: readonly string[];
}

/**
 * What the flight needs of a caller's signal: an AbortSignal has it, and so does a request
 * budget's stop signal (server/limits/requestBudget.ts), which is cheaper than an AbortController
 * for a request that waits on nothing.
 */
export interface StopSignal {
  readonly aborted: boolean;
  readonly reason: unknown;
  addEventListener(type: 'abort', listener: () => void, options?: { readonly once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

/** Per-call options of {@link SingleFlight.run}. */
export interface FlightRunOptions {
  /** The caller's signal: its waits stop when it aborts (rejecting with its reason). */
  readonly signal?: StopSignal;
}

/** How a call was answered. */
export type FlightOutcome =
  /** A fresh stored value. */
  | 'hit'
  /** This call's `load()`. */
  | 'miss'
  /** A load another caller made (in this process, or in another through the lock). */
  | 'joined'
  /** An expired value, because the new load failed. */
  | 'stale';

/** The answer of one call. */
export interface FlightAnswer<T> {
  readonly value: T;
  readonly outcome: FlightOutcome;
  /** Milliseconds since the value was loaded (0 for a load made now). */
  readonly ageMs: number;
}

/** Single-flight, read-through loading over a {@link Cache}. */
export interface SingleFlight {
  /** The fresh cached value of `key`, or `load()`'s result (stored with `policy`), loaded once across callers. */
  run<T>(key: string, policy: FlightStorePolicy, load: () => Promise<T>, options?: FlightRunOptions): Promise<FlightAnswer<T>>;
  /** Keys with a load in flight in this process (for tests and diagnostics). */
  inFlight(): number;
}

/** The stored form of a value: the value and when it was loaded, stops being fresh, and stops being served. */
export interface StoredFlightValue<T> {
  readonly value: T;
  /** Epoch ms. */
  readonly loadedAt: number;
  readonly freshUntil: number;
  readonly staleUntil: number;
}

/** Builds a {@link SingleFlight} over `options.cache` (and `options.lock` across processes). */
export function createSingleFlight(options: SingleFlightOptions): SingleFlight {
  const { cache, lock } = options;
  const lockTtlMs = options.lockTtlMs ?? 10_000;
  const pollIntervalMs = options.pollIntervalMs ?? 20;
  const serveStale = options.serveStale ?? (() => false);
  const now = options.now ?? Date.now;
  const logger = options.logger ?? silentCacheLogger;
  const flights = new Map<string, Promise<FlightAnswer<unknown>>>();

  /**
   * Module-private: a cache read that treats a cache fault as a miss (`healthy: false`), and an
   * entry by its age: `fresh`, or `stale` while still within its stale window.
   */
  const read = async <T>(key: string, signal: StopSignal | undefined): Promise<{ fresh?: StoredFlightValue<T>; stale?: StoredFlightValue<T>; healthy: boolean }> => {
    let stored: unknown;
    try {
      stored = await abortable(cache.get(key), signal);
    } catch {
      // The cache logged its outage (once, not per read).
      if (signal?.aborted) throw signal.reason;
      return { healthy: false };
    }
    if (!isStoredFlightValue<T>(stored)) return { healthy: true };
    const at = now();
    if (at < stored.freshUntil) return { fresh: stored, healthy: true };
    return at < stored.staleUntil ? { stale: stored, healthy: true } : { healthy: true };
  };

  /** Module-private: one flight, shared by every caller of `key` in this process. */
  const fly = async <T>(key: string, policy: FlightStorePolicy, load: () => Promise<T>, signal: StopSignal | undefined): Promise<FlightAnswer<T>> => {
    const first = await read<T>(key, signal);
    if (first.fresh) return answer(first.fresh, 'hit');
    let stale = first.stale;
    const remember = (seen: { stale?: StoredFlightValue<T> }) => {
      if (seen.stale && (!stale || seen.stale.loadedAt > stale.loadedAt)) stale = seen.stale;
    };

    /** Module-private: loads and stores; a failure the policy allows is answered with the stale value. */
    const loadOrStale = async (): Promise<FlightAnswer<T>> => {
      try {
        const value = await load();
        const loadedAt = now();
        const staleMs = policy.staleMs ?? 0;
        const stored: StoredFlightValue<T> = { value, loadedAt, freshUntil: loadedAt + policy.ttlMs, staleUntil: loadedAt + policy.ttlMs + staleMs };
        // A store fault is logged by the cache and ignored here: the value is still the answer.
        await cache.set(key, stored, { ttlMs: policy.ttlMs + staleMs, tags: policy.tags }).catch(() => undefined);
        return { value, outcome: 'miss', ageMs: 0 };
      } catch (error) {
        if (stale && now() < stale.staleUntil && serveStale(error)) return answer(stale, 'stale');
        throw error;
      }
    };

    if (!lock || !first.healthy) return loadOrStale();
    const lockKey = flightLockKey(key);
    for (;;) {
      let token: string | undefined;
      try {
        token = await abortable(lock.acquire(lockKey, lockTtlMs), signal);
      } catch {
        // No lock (Redis unavailable, logged by its client): single flight holds within this process.
        if (signal?.aborted) throw signal.reason;
        return loadOrStale();
      }
      if (token !== undefined) {
        try {
          // The previous holder may have stored the value between our read and our acquire.
          const again = await read<T>(key, signal);
          if (again.fresh) return answer(again.fresh, 'joined');
          remember(again);
          return await loadOrStale();
        } finally {
          await lock.release(lockKey, token).catch(() => undefined);
        }
      }
      // Someone else (another process) is loading: wait for the value or for the lock to go.
      for (;;) {
        await delay(pollIntervalMs, signal);
        const landed = await read<T>(key, signal);
        if (landed.fresh) return answer(landed.fresh, 'joined');
        remember(landed);
        if (!landed.healthy) return loadOrStale();
        let held: boolean;
        try {
          held = await abortable(lock.isHeld(lockKey), signal);
        } catch {
          if (signal?.aborted) throw signal.reason;
          return loadOrStale();
        }
        if (!held) {
          // Released without a value (the holder failed) or expired (it crashed): take over.
          logger.info({ key }, 'single flight: lock released without a value; taking over the load');
          break;
        }
      }
    }
  };

  /** Module-private: an answer from a stored value. */
  const answer = <T>(stored: StoredFlightValue<T>, outcome: FlightOutcome): FlightAnswer<T> => ({ value: stored.value, outcome, ageMs: Math.max(0, now() - stored.loadedAt) });

  return {
    run<T>(key: string, policy: FlightStorePolicy, load: () => Promise<T>, runOptions: FlightRunOptions = {}): Promise<FlightAnswer<T>> {
      const { signal } = runOptions;
      if (signal?.aborted) return Promise.reject(signal.reason);
      const existing = flights.get(key) as Promise<FlightAnswer<T>> | undefined;
      if (existing) {
        // A joiner waits on the shared flight under its own signal; the flight goes on for the others.
        return abortable(
          existing.then((shared) => (shared.outcome === 'hit' || shared.outcome === 'stale' ? shared : { ...shared, outcome: 'joined' as const })),
          signal,
        );
      }
      const flight = fly(key, policy, load, signal).finally(() => flights.delete(key));
      flights.set(key, flight);
      return abortable(flight, signal);
    },
    inFlight: () => flights.size,
  };
}

/**
 * The cross-process lock of `key`'s flight: the key with a suffix, so it keeps the key's Redis
 * Cluster hash tag (its first `{…}`) and lives in the key's hash slot (kpiCache.ts).
 */
export function flightLockKey(key: string): string {
  return `${key}:lock`;
}

/** Whether `stored` has the shape {@link createSingleFlight} stores (anything else is a miss). */
export function isStoredFlightValue<T>(stored: unknown): stored is StoredFlightValue<T> {
  if (typeof stored !== 'object' || stored === null || !('value' in stored)) return false;
  const { loadedAt, freshUntil, staleUntil } = stored as Partial<Record<'loadedAt' | 'freshUntil' | 'staleUntil', unknown>>;
  return typeof loadedAt === 'number' && typeof freshUntil === 'number' && typeof staleUntil === 'number';
}

/**
 * Module-private: `promise`, or a rejection with the signal's reason as soon as it aborts. The
 * promise itself goes on (a Redis command cannot be recalled); its outcome is then ignored.
 */
function abortable<T>(promise: Promise<T>, signal: StopSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) {
    promise.catch(() => undefined);
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/** Module-private: a pause that ends early, rejecting with the signal's reason, when it aborts. */
function delay(ms: number, signal: StopSignal | undefined): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
