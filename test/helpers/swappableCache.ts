import type { Cache } from '../../src/cache/cache';
import { createMemoryCache } from '../../src/cache/memoryCache';

/**
 * A KPI cache for a gateway that lives across test runs, each run starting cold: `cache` goes to
 * the gateway, `reset()` swaps in a new, empty store before a run.
 */
export function swappableCache(): { readonly cache: Cache; reset(): void } {
  let store: Cache = createMemoryCache();
  return {
    cache: {
      get: (key) => store.get(key),
      set: (key, value, options) => store.set(key, value, options),
      invalidate: (tags) => store.invalidate(tags),
      ping: () => store.ping(),
      close: async () => undefined,
    },
    reset() {
      store = createMemoryCache();
    },
  };
}
