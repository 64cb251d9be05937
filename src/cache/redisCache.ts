import { randomUUID } from 'node:crypto';
import { assertTtl, silentCacheLogger, type Cache, type CacheLogger, type CacheSetOptions, type FlightLock } from './cache';
import { waitForRedisReady } from './redisReady';
import { createGatewayRedis } from './redisClient';

/**
 * The Redis {@link Cache} (ioredis), also the cross-process {@link FlightLock} of
 * `singleFlight.ts`. Built to fail fast rather than queue: with Redis down or slow, every call
 * rejects within `commandTimeoutMs` (no offline queue) so callers fall back to upstream; the
 * client keeps reconnecting in the background and the cache recovers by itself. One warning is
 * logged per outage and one note when it ends. Tags are Redis sets (never `KEYS`).
 */

/** Options of {@link createRedisCache}. */
export interface RedisCacheOptions {
  /** `redis://host:port/db`. */
  readonly url: string;
  /** Prefix of every key (isolates deployments and parallel tests). */
  readonly keyPrefix: string;
  /** Bound on one command (default 500 ms). */
  readonly commandTimeoutMs?: number;
  readonly logger?: CacheLogger;
}

/** A Redis-backed cache and lock; `close()` disconnects. */
export interface RedisCache extends Cache, FlightLock {
  /** Resolves once connected, or after `timeoutMs` either way (start-up must not hang on Redis). */
  waitUntilReady(timeoutMs: number): Promise<boolean>;
}

/** Module-private: deletes a lock only while it still holds the caller's token. */
const RELEASE_SCRIPT = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

/** Connects to Redis (in the background) and returns the cache. */
export function createRedisCache(options: RedisCacheOptions): RedisCache {
  const logger = options.logger ?? silentCacheLogger;
  const prefix = options.keyPrefix;
  const redis = createGatewayRedis(options.url, { commandTimeoutMs: options.commandTimeoutMs ?? 500 });
  let closed = false;
  let down = false;
  const markDown = (error: unknown) => {
    if (!down && !closed) {
      down = true;
      logger.warn({ err: error, url: redactUrl(options.url) }, 'KPI cache: Redis unavailable; answering from upstream until it returns');
    }
  };
  const markUp = () => {
    if (down) {
      down = false;
      logger.info({ url: redactUrl(options.url) }, 'KPI cache: Redis reachable again');
    }
  };
  // Without a listener ioredis reports connection errors as unhandled; the outage is logged once here.
  redis.on('error', markDown);
  redis.on('ready', markUp);

  /** Module-private: runs a command, recording outages and recoveries. */
  const run = async <T>(command: () => Promise<T>): Promise<T> => {
    try {
      const result = await command();
      markUp();
      return result;
    } catch (error) {
      markDown(error);
      throw error;
    }
  };
  const tagKey = (tag: string) => `${prefix}tag:${tag}`;

  return {
    async get<T>(key: string) {
      const text = await run(() => redis.get(prefix + key));
      return text === null ? undefined : (JSON.parse(text) as T);
    },
    async set(key: string, value: unknown, { ttlMs, tags = [] }: CacheSetOptions) {
      assertTtl(key, ttlMs);
      const text = JSON.stringify(value);
      if (text === undefined) throw new TypeError(`Cache values must be JSON-serializable; got ${typeof value} for key ${JSON.stringify(key)}.`);
      const multi = redis.multi().set(prefix + key, text, 'PX', ttlMs);
      for (const tag of tags) {
        // The tag set lives as long as its longest-lived member (NX: first member; GT: a longer one).
        multi.sadd(tagKey(tag), prefix + key).pexpire(tagKey(tag), ttlMs, 'NX').pexpire(tagKey(tag), ttlMs, 'GT');
      }
      await run(() => multi.exec());
    },
    async invalidate(tags: readonly string[]) {
      for (const tag of tags) {
        const members = await run(() => redis.smembers(tagKey(tag)));
        await run(() => redis.del(tagKey(tag), ...members));
      }
    },
    async ping() {
      await run(() => redis.ping());
    },
    async acquire(key: string, ttlMs: number) {
      const token = randomUUID();
      const answer = await run(() => redis.set(prefix + key, token, 'PX', ttlMs, 'NX'));
      return answer === 'OK' ? token : undefined;
    },
    async release(key: string, token: string) {
      await run(() => redis.eval(RELEASE_SCRIPT, 1, prefix + key, token));
    },
    async isHeld(key: string) {
      return (await run(() => redis.exists(prefix + key))) === 1;
    },
    waitUntilReady(timeoutMs: number) {
      return waitForRedisReady(redis, timeoutMs);
    },
    async close() {
      closed = true;
      redis.disconnect(false);
    },
  };
}

/** Module-private: the URL without its password, for logs. */
function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'redis://(unparseable URL)';
  }
}
