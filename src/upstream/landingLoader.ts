import type DataLoader from 'dataloader';
import { ObservedLoader, type ObservedLoaderOptions } from './observedLoader';

/**
 * A by-ID loader whose batch, when it goes, first takes the objects other answers of the request
 * brought while it waited (`land`). An SMS v2 batch is parked for its wave and waits for the calls
 * already in flight, such as a filtered read (a list's numbers by opt-out list) that turns out to
 * hold its keys; DataLoader's `prime` cannot answer a key already being loaded, so without this
 * such a key costs a call whose answer the request already holds (the redundant-call detector
 * found it on generated queries). `clear` and `clearAll` forget what landed: a write made it stale.
 */
export class LandingLoader<K, V> extends ObservedLoader<K, V, string> {
  readonly #landed: Map<string, V>;
  readonly #keyOf: (key: K) => string;

  /** `options.cacheKeyFn` names a key (required unless keys are strings). */
  constructor(name: string, batch: DataLoader.BatchLoadFn<K, V>, options: ObservedLoaderOptions<K, V, string> & (K extends string ? unknown : { cacheKeyFn: (key: K) => string })) {
    const landed = new Map<string, V>();
    const keyOf = options.cacheKeyFn ?? ((key: K) => key as unknown as string);
    super(
      name,
      async (keys) => {
        const missing = keys.filter((key) => !landed.has(keyOf(key)));
        if (missing.length === keys.length) return batch(keys);
        const fetched = missing.length > 0 ? await batch(missing) : [];
        const byKey = new Map(missing.map((key, i) => [keyOf(key), fetched[i]]));
        return keys.map((key) => (landed.has(keyOf(key)) ? landed.get(keyOf(key))! : byKey.get(keyOf(key))!));
      },
      options,
    );
    this.#landed = landed;
    this.#keyOf = keyOf;
  }

  /** Another answer of the request brought `value` (named `key`): primes it, and answers a batch already waiting for it. */
  land(key: K, value: V): this {
    this.#landed.set(this.#keyOf(key), value);
    return this.prime(key, value);
  }

  override clear(key: K): this {
    this.#landed.delete(this.#keyOf(key));
    return super.clear(key);
  }

  override clearAll(): this {
    this.#landed.clear();
    return super.clearAll();
  }
}
