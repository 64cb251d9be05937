import type { PersistedQueryOptions } from '@apollo/server';
import { silentCacheLogger, type CacheLogger } from './cache';
import { waitForRedisReady } from './redisReady';
import { createGatewayRedis } from './redisClient';

/**
 * Apollo's `KeyValueCache` over Redis (ioredis), for automatic persisted queries shared by every
 * gateway process: a hash registered through one replica is found by all. Like `redisCache.ts`
 * it fails fast rather than queue: with Redis down, `get` answers a miss (Apollo then asks the
 * client for the full text, which still works) and `set` drops the entry, each within
 * `commandTimeoutMs`; one warning is logged per outage and one note when it ends.
 */

/** Apollo's string `KeyValueCache` (what `persistedQueries.cache` takes), named without importing `@apollo/utils.keyvaluecache`. */
export type ApolloKeyValueCache = NonNullable<PersistedQueryOptions['cache']>;

/** Options of {@link createRedisKeyValueCache}. */
export interface RedisKeyValueCacheOptions {
  /** `redis://host:port/db`. */
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
  /** What the outage warnings say the cache is for (default `persisted queries`). */
  readonly label?: string;
  readonly logger?: CacheLogger;
}

/** A Redis-backed Apollo cache; `close()` disconnects. */
export interface RedisKeyValueCache extends ApolloKeyValueCache {
  /** Resolves once connected, or after `timeoutMs` either way (start-up must not hang on Redis). */
  waitUntilReady(timeoutMs: number): Promise<boolean>;
  /** Resolves when Redis answers PING; rejects otherwise (readiness). */
  ping(): Promise<void>;
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
  const redis = createGatewayRedis(options.url, { commandTimeoutMs: options.commandTimeoutMs ?? 500 });
  let closed = false;
  let down = false;
  const markDown = (error: unknown) => {
    if (!down && !closed) {
      down = true;
      logger.warn({ err: error }, `${label}: Redis unavailable; every hash is a miss until it returns`);
    }
  };
  const markUp = () => {
    if (down) {
      down = false;
      logger.info({}, `${label}: Redis reachable again`);
    }
  };
  redis.on('error', markDown);
  redis.on('ready', markUp);
  const key = (name: string) => options.keyPrefix + name;

  return {
    async get(name) {
      try {
        const value = await redis.get(key(name));
        markUp();
        return value ?? undefined;
      } catch (error) {
        markDown(error);
        return undefined;
      }
    },
    async set(name, value, setOptions) {
      // Apollo's contract: a ttl in seconds; null means "never expires"; undefined means the cache's default.
      const ttl = setOptions?.ttl === undefined ? defaultTtlSeconds : setOptions.ttl;
      try {
        if (ttl === null || ttl <= 0) await redis.set(key(name), value);
        else await redis.set(key(name), value, 'EX', Math.ceil(ttl));
        markUp();
      } catch (error) {
        markDown(error);
      }
    },
    async delete(name) {
      try {
        return (await redis.del(key(name))) > 0;
      } catch (error) {
        markDown(error);
        return false;
      }
    },
    async ping() {
      await redis.ping();
    },
    waitUntilReady(timeoutMs) {
      return waitForRedisReady(redis, timeoutMs);
    },
    async close() {
      closed = true;
      redis.disconnect(false);
    },
  };
}
