/**
 * The three-method cache the gateway stores through (envelop's `Cache` shape: `get`, `set` with a
 * TTL, `invalidate`), implemented by `memoryCache.ts` (lru-cache) and `redisCache.ts` (ioredis).
 * Values must survive a JSON round trip: both implementations store JSON text, so a value read
 * back is always a fresh copy and behaves the same whichever cache is configured.
 */

/** How long a value lives and what it may be invalidated by. */
export interface CacheSetOptions {
  /** Lifetime in milliseconds (at least 1). */
  readonly ttlMs: number;
  /** Entities the value depends on (e.g. a resource ARN); `invalidate(tags)` drops it. */
  readonly tags?: readonly string[];
}

/** A key–value cache with expiry and tag invalidation. */
export interface Cache {
  /** The value under `key`, or `undefined` when absent or expired. */
  get<T>(key: string): Promise<T | undefined>;
  /** Stores `value` (JSON-serializable) under `key`. */
  set(key: string, value: unknown, options: CacheSetOptions): Promise<void>;
  /** Drops every value stored with any of `tags`. */
  invalidate(tags: readonly string[]): Promise<void>;
  /** Resolves when the cache answers (readiness); rejects with the reason otherwise. */
  ping(): Promise<void>;
  /** Releases connections; the cache is unusable afterwards. */
  close(): Promise<void>;
}

/**
 * A cross-process mutual exclusion with expiry (Redis `SET key token NX PX ttl`), used by
 * `singleFlight.ts` so identical loads in several gateway processes cost one upstream call.
 */
export interface FlightLock {
  /** Takes the lock for `ttlMs`; resolves the owner token, or `undefined` when someone holds it. */
  acquire(key: string, ttlMs: number): Promise<string | undefined>;
  /** Releases the lock only if `token` still owns it (an expired lock may belong to another). */
  release(key: string, token: string): Promise<void>;
  /** Whether anyone holds the lock now. */
  isHeld(key: string): Promise<boolean>;
}

/** The logging the caches do (a subset of pino's API, so cache/ does not depend on the logger). */
export interface CacheLogger {
  warn(details: object, message: string): void;
  info(details: object, message: string): void;
}

/** A logger that drops everything (the default when none is given). */
export const silentCacheLogger: CacheLogger = { warn: () => undefined, info: () => undefined };

/** Throws the contract error for a bad TTL (shared by both implementations). */
export function assertTtl(key: string, ttlMs: number): void {
  if (!Number.isSafeInteger(ttlMs) || ttlMs < 1) throw new RangeError(`Cache TTL must be a whole number of milliseconds >= 1; got ${ttlMs} for key ${JSON.stringify(key)}.`);
}
