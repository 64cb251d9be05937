import { LRUCache } from 'lru-cache';
import { assertTtl, type Cache, type CacheSetOptions } from './cache';

/** Options of {@link createMemoryCache}. */
export interface MemoryCacheOptions {
  /** Most entries kept before the least recently used are evicted (default 10 000). */
  readonly maxEntries?: number;
}

/** An in-process {@link Cache} over lru-cache (used when no `REDIS_URL` is configured). */
export function createMemoryCache(options: MemoryCacheOptions = {}): Cache {
  const keysByTag = new Map<string, Set<string>>();
  const tagsByKey = new Map<string, readonly string[]>();
  const forgetTags = (key: string) => {
    for (const tag of tagsByKey.get(key) ?? []) {
      const keys = keysByTag.get(tag);
      keys?.delete(key);
      if (keys?.size === 0) keysByTag.delete(tag);
    }
    tagsByKey.delete(key);
  };
  const entries = new LRUCache<string, string>({
    max: options.maxEntries ?? 10_000,
    // Evicted or expired entries must leave the tag index too.
    dispose: (_value, key) => forgetTags(key),
  });

  return {
    async get<T>(key: string) {
      const text = entries.get(key);
      return text === undefined ? undefined : (JSON.parse(text) as T);
    },
    async set(key: string, value: unknown, { ttlMs, tags = [] }: CacheSetOptions) {
      assertTtl(key, ttlMs);
      const text = JSON.stringify(value);
      if (text === undefined) throw new TypeError(`Cache values must be JSON-serializable; got ${typeof value} for key ${JSON.stringify(key)}.`);
      entries.set(key, text, { ttl: ttlMs });
      tagsByKey.set(key, [...tags]);
      for (const tag of tags) {
        const keys = keysByTag.get(tag) ?? new Set<string>();
        keys.add(key);
        keysByTag.set(tag, keys);
      }
    },
    async invalidate(tags: readonly string[]) {
      for (const tag of tags) for (const key of [...(keysByTag.get(tag) ?? [])]) entries.delete(key);
    },
    async ping() {
      // Always reachable: it lives in this process.
    },
    async close() {
      entries.clear();
    },
  };
}
