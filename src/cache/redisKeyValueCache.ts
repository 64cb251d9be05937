import type { PersistedQueryOptions } from '@apollo/server';
import { LRUCache } from 'lru-cache';
import { silentCacheLogger, type CacheLogger } from './cache';
import { waitForRedisReady } from './redisReady';
import { createGatewayRedis, type GatewayRedisHealth } from './redisClient';
import { isRedisUnavailable } from './redisHealth';
import type { CacheObserver } from './telemetry';

/**
 * Apollo's `KeyValueCache` over Redis (ioredis), for automatic persisted queries shared by every
 * gateway process: a hash registered through one replica is found by all. Like `redisCache.ts`
 * it fails fast rather than queue, and leaves Redis alone for a cool-off after a failed command
 * (cache/redisHealth.ts). Every entry set through this process is also kept in an in-process LRU
 * (bounded by text size), which answers while Redis cannot: a client's hash registered here still
 * resolves during an outage; one registered elsewhere is a miss, and Apollo then asks the client
 * for the full text, which still works. One warning is logged per outage and one note when it ends.
 */

/** Apollo's string `KeyValueCache` (what `persistedQueries.cache` takes), named without importing `@apollo/utils.keyvaluecache`. */
export type ApolloKeyValueCache = NonNullable<PersistedQueryOptions['cache']>;

/** Options of {@link createRedisKeyValueCache}. */
export interface RedisKeyValueCacheOptions {
  /** A `REDIS_URL` (any form of cache/redisClient.ts). */
  readonly url: string;
  /** Prefix of every key (Apollo adds its own `apq:` after it). */
  readonly keyPrefix: string;
  /**
   * Lifetime of an entry when Apollo passes no `ttl` (it passes `persistedQueries.ttl` when that
   * is set; `null` there means no expiry). Default 86 400 s: a client that sends a hash after a
   * day re-sends its text once.
   */
  readonly defaultTtlSeconds?: number;
  /** Bound on one command (default 500 ms). */
  readonly commandTimeoutMs?: number;
  /** How long Redis is left alone after a failed command (default cache/redisClient.ts's). */
  readonly coolOffMs?: number;
  /** What the outage warnings say the cache is for (default `persisted queries`). */
  readonly label?: string;
  /** Bytes of document text the in-process copy keeps (default 30 MiB, Apollo's own APQ default). */
  readonly fallbackMaxBytes?: number;
  readonly observer?: CacheObserver;
  readonly logger?: CacheLogger;
}

/** A Redis-backed Apollo cache; `close()` disconnects. */
export interface RedisKeyValueCache extends ApolloKeyValueCache {
  /** Resolves once connected, or after `timeoutMs` either way (start-up must not hang on Redis). */
  waitUntilReady(timeoutMs: number): Promise<boolean>;
  /** Resolves when Redis answers PING; rejects otherwise (readiness). */
  ping(): Promise<void>;
  /** The client's health (state and command counts). */
  readonly health: GatewayRedisHealth;
  close(): Promise<void>;
}

/** Connects to Redis (in the background) and returns the cache. */
export function createRedisKeyValueCache(options: RedisKeyValueCacheOptions): RedisKeyValueCache {
  const logger = options.logger ?? silentCacheLogger;
  const label = options.label ?? 'persisted queries';
  const defaultTtlSeconds = options.defaultTtlSeconds ?? 86_400;
  if (!Number.isSafeInteger(defaultTtlSeconds) || defaultTtlSeconds < 1) {
    throw new RangeError(`createRedisKeyValueCache: defaultTtlSeconds must be a whole number of seconds >= 1; got ${defaultTtlSeconds}.`);
  }
  const redis = createGatewayRedis(options.url, {
    component: 'apq',
    commandTimeoutMs: options.commandTimeoutMs ?? 500,
    coolOffMs: options.coolOffMs,
    fallback: true,
    observer: options.observer,
    logger,
    messages: { down: `${label}: Redis unavailable; hashes registered through this process still resolve, others are a miss until it returns`, up: `${label}: Redis reachable again` },
  });
  const copy = new LRUCache<string, string>({ maxSize: options.fallbackMaxBytes ?? 30 * 1024 * 1024, sizeCalculation: (value) => Math.max(1, value.length) });
  const key = (name: string) => options.keyPrefix + name;

  /** Module-private: an unavailable Redis is answered by the copy (the tracker logs and reports it); an error Redis answered with is a fault. */
  const orCopy = <T>(error: unknown, answer: () => T): T => {
    if (!isRedisUnavailable(error)) logger.warn({ err: error }, `${label}: Redis refused a command`);
    return answer();
  };

  return {
    health: redis.health,
    async get(name) {
      try {
        return (await redis.get(key(name))) ?? copy.get(name);
      } catch (error) {
        return orCopy(error, () => copy.get(name));
      }
    },
    async set(name, value, setOptions) {
      // Apollo's contract: a ttl in seconds; null means "never expires"; undefined means the cache's default.
      const ttl = setOptions?.ttl === undefined ? defaultTtlSeconds : setOptions.ttl;
      copy.set(name, value, ttl === null || ttl <= 0 ? {} : { ttl: Math.ceil(ttl) * 1_000 });
      try {
        if (ttl === null || ttl <= 0) await redis.set(key(name), value);
        else await redis.set(key(name), value, 'EX', Math.ceil(ttl));
      } catch (error) {
        orCopy(error, () => undefined);
      }
    },
    async delete(name) {
      const inCopy = copy.delete(name);
      try {
        return (await redis.del(key(name))) > 0 || inCopy;
      } catch (error) {
        return orCopy(error, () => inCopy);
      }
    },
    async ping() {
      await redis.ping();
    },
    waitUntilReady(timeoutMs) {
      return waitForRedisReady(redis, timeoutMs);
    },
    async close() {
      redis.disconnect(false);
      copy.clear();
    },
  };
}
