import { randomUUID } from 'node:crypto';
import calculateSlot from 'cluster-key-slot';
import { assertTtl, silentCacheLogger, type Cache, type CacheLogger, type CacheSetOptions, type FlightLock } from './cache';
import { createMemoryCache } from './memoryCache';
import { waitForRedisReady } from './redisReady';
import { createGatewayRedis, describeRedisUrl, type GatewayRedisHealth } from './redisClient';
import { isRedisUnavailable } from './redisHealth';
import type { CacheObserver } from './telemetry';

/**
 * The Redis {@link Cache} (ioredis), also the cross-process {@link FlightLock} of
 * `singleFlight.ts`. Built to fail fast rather than queue: with Redis down, slow or hung, a call
 * fails within `commandTimeoutMs` once, and then at once for the cool-off (cache/redisHealth.ts),
 * so callers never wait on it per request; the client reconnects in the background and the cache
 * recovers by itself. Tags are Redis sets (never `KEYS`).
 *
 * On a Redis Cluster a MULTI, a multi-key DEL or a script must keep to one hash slot. A tag set is
 * named `tag:{<tag>}` ({@link redisTagKey}), so a key whose hash tag is the same tag (a KPI result
 * and its resource ARN: kpiCache.ts) lives in its tag set's slot, and is written and invalidated
 * with one command there as on one server; keys that do not share their tags' slot are written
 * one command per key on a cluster.
 *
 * Every value stored is also kept in an in-process memory cache (the fallback), which answers
 * reads while Redis cannot: during an outage this process still serves what it loaded itself,
 * rather than going upstream for every read. The outage is logged once (and its end), and every
 * read or write the fallback answered is reported to the observer.
 */

/** Options of {@link createRedisCache}. */
export interface RedisCacheOptions {
  /** A `REDIS_URL` (any form of cache/redisClient.ts). */
  readonly url: string;
  /** Prefix of every key (isolates deployments and parallel tests). */
  readonly keyPrefix: string;
  /** Bound on one command (default 500 ms). */
  readonly commandTimeoutMs?: number;
  /** How long Redis is left alone after a failed command (default cache/redisClient.ts's). */
  readonly coolOffMs?: number;
  /** The in-process copy that answers while Redis cannot (default: a memory cache of 10 000 entries). */
  readonly fallback?: Cache;
  readonly observer?: CacheObserver;
  readonly logger?: CacheLogger;
}

/** A Redis-backed cache and lock; `close()` disconnects. */
export interface RedisCache extends Cache, FlightLock {
  /** Resolves once connected, or after `timeoutMs` either way (start-up must not hang on Redis). */
  waitUntilReady(timeoutMs: number): Promise<boolean>;
  /** The client's health (state and command counts). */
  readonly health: GatewayRedisHealth;
}

/**
 * The Redis set of the keys stored with `tag`: `<prefix>tag:{<tag>}`. The braces make the tag the
 * set's Redis Cluster hash tag, so it shares a slot with every key whose hash tag is the same tag.
 */
export function redisTagKey(keyPrefix: string, tag: string): string {
  return `${keyPrefix}tag:{${tag}}`;
}

/** Module-private: deletes a lock only while it still holds the caller's token. */
const RELEASE_SCRIPT = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

/** Connects to Redis (in the background) and returns the cache. */
export function createRedisCache(options: RedisCacheOptions): RedisCache {
  const logger = options.logger ?? silentCacheLogger;
  const prefix = options.keyPrefix;
  const fallback = options.fallback ?? createMemoryCache();
  const where = describeRedisUrl(options.url);
  const redis = createGatewayRedis(options.url, {
    component: 'kpi-cache',
    commandTimeoutMs: options.commandTimeoutMs ?? 500,
    coolOffMs: options.coolOffMs,
    fallback: true,
    observer: options.observer,
    logger: { warn: (details, message) => logger.warn({ ...details, redis: where }, message), info: (details, message) => logger.info({ ...details, redis: where }, message) },
    messages: { down: 'KPI cache: Redis unavailable; answering from the in-process cache and upstream until it returns', up: 'KPI cache: Redis reachable again' },
  });
  const cluster = (redis as { isCluster?: boolean }).isCluster === true;
  const tagKey = (tag: string) => redisTagKey(prefix, tag);
  /** Module-private: whether one command may touch all of `keys` (always on one server; on a cluster, when they share a hash slot). */
  const oneCommand = (keys: readonly string[]) => !cluster || new Set(keys.map((key) => calculateSlot(key))).size <= 1;

  /** Module-private: the value and its tag sets, in one MULTI (one command per key on a cluster when they span slots). */
  const storeInRedis = async (key: string, text: string, ttlMs: number, tags: readonly string[]) => {
    if (!oneCommand([prefix + key, ...tags.map(tagKey)])) {
      await redis.set(prefix + key, text, 'PX', ttlMs);
      // The tag set lives as long as its longest-lived member (NX: first member; GT: a longer one).
      await Promise.all(tags.map(async (tag) => {
        await redis.sadd(tagKey(tag), prefix + key);
        await redis.pexpire(tagKey(tag), ttlMs, 'NX');
        await redis.pexpire(tagKey(tag), ttlMs, 'GT');
      }));
      return;
    }
    const multi = redis.multi().set(prefix + key, text, 'PX', ttlMs);
    for (const tag of tags) multi.sadd(tagKey(tag), prefix + key).pexpire(tagKey(tag), ttlMs, 'NX').pexpire(tagKey(tag), ttlMs, 'GT');
    const results = await multi.exec();
    const failed = results?.find(([error]) => error);
    if (failed) throw failed[0];
  };

  return {
    health: redis.health,
    async get<T>(key: string) {
      let text: string | null;
      try {
        text = await redis.get(prefix + key);
      } catch (error) {
        // Cooling off, down or timed out (the health tracker logged and reported it): the copy answers.
        if (isRedisUnavailable(error)) return fallback.get<T>(key);
        throw error;
      }
      return text === null ? undefined : (JSON.parse(text) as T);
    },
    async set(key: string, value: unknown, setOptions: CacheSetOptions) {
      const { ttlMs, tags = [] } = setOptions;
      assertTtl(key, ttlMs);
      const text = JSON.stringify(value);
      if (text === undefined) throw new TypeError(`Cache values must be JSON-serializable; got ${typeof value} for key ${JSON.stringify(key)}.`);
      await fallback.set(key, value, setOptions);
      try {
        await storeInRedis(key, text, ttlMs, tags);
      } catch (error) {
        // Unavailable: the copy holds it (reported by the health tracker). Redis refusing it is a fault to see.
        if (!isRedisUnavailable(error)) throw error;
      }
    },
    async invalidate(tags: readonly string[]) {
      await fallback.invalidate(tags);
      for (const tag of tags) {
        const members = await redis.smembers(tagKey(tag));
        const keys = [tagKey(tag), ...members];
        if (oneCommand(keys)) await redis.del(...keys);
        else await Promise.all(keys.map((key) => redis.del(key)));
      }
    },
    async ping() {
      await redis.ping();
    },
    async acquire(key: string, ttlMs: number) {
      const token = randomUUID();
      const answer = await redis.set(prefix + key, token, 'PX', ttlMs, 'NX');
      return answer === 'OK' ? token : undefined;
    },
    async release(key: string, token: string) {
      await redis.eval(RELEASE_SCRIPT, 1, prefix + key, token);
    },
    async isHeld(key: string) {
      return (await redis.exists(prefix + key)) === 1;
    },
    waitUntilReady(timeoutMs: number) {
      return waitForRedisReady(redis, timeoutMs);
    },
    async close() {
      redis.disconnect(false);
      await fallback.close();
    },
  };
}
