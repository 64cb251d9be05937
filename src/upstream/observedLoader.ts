import DataLoader from 'dataloader';
import type { UpstreamObserver, UpstreamServiceName } from './telemetry';

/** Where a request's loaders report their batches: the observer, and the service they read. */
export interface BatchReporting {
  readonly observer: UpstreamObserver;
  readonly service: UpstreamServiceName;
}

/**
 * DataLoader options plus {@link BatchReporting}: the loader kits' per-request options object
 * carries it, so every loader built from that object reports without being told.
 */
export type ObservedLoaderOptions<K, V, C> = DataLoader.Options<K, V, C> & { readonly batches?: BatchReporting };

/**
 * A DataLoader that reports each batch to the request's observer (`batchStarted`) under `name`
 * (also DataLoader's own `name`, which its README reserves for APM tools). Without an observer in
 * the options, or one without `batchStarted`, the batch function is DataLoader's as given: the
 * observed path costs nothing when nobody observes.
 */
export class ObservedLoader<K, V, C = K> extends DataLoader<K, V, C> {
  constructor(name: string, batch: DataLoader.BatchLoadFn<K, V>, options?: ObservedLoaderOptions<K, V, C>) {
    const reporting = options?.batches;
    super(reporting?.observer.batchStarted ? observeBatches(name, batch, reporting) : batch, { ...options, name });
  }
}

/**
 * Module-private: `batch`, reporting each call's start and settlement. A batch is `ok` when it
 * resolved and no key failed (DataLoader's contract puts per-key failures in the values).
 */
function observeBatches<K, V>(name: string, batch: DataLoader.BatchLoadFn<K, V>, { observer, service }: BatchReporting): DataLoader.BatchLoadFn<K, V> {
  return (keys) => {
    const end = observer.batchStarted!({ service, loader: name, keys: keys.length });
    let pending: PromiseLike<ArrayLike<V | Error>>;
    try {
      pending = end.within ? end.within(() => batch(keys)) : batch(keys);
    } catch (error) {
      end({ ok: false });
      throw error;
    }
    return Promise.resolve(pending).then(
      (values) => {
        end({ ok: !Array.prototype.some.call(values, (value) => value instanceof Error) });
        return values;
      },
      (error: unknown) => {
        end({ ok: false });
        throw error;
      },
    );
  };
}
