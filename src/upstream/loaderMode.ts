import type { ReadPlanHolder } from './readPlan';
import type { UpstreamObserver } from './telemetry';

/**
 * How the per-request loaders batch and cache: `batched` (the product) or `naive`, the benchmark's
 * baseline of plain resolvers (LOADER_MODE=naive): every load is its own upstream call, nothing
 * is de-duplicated or primed within a request, and the KPI cache is bypassed (server/context.ts).
 */
export type LoaderMode = 'batched' | 'naive';

/** Options of `createPinpointLoaders` and `createSmsVoiceLoaders`. */
export interface LoaderOptions {
  /** Default `batched`. */
  readonly mode?: LoaderMode;
  /** Where the loaders report their batches (`batchStarted`); default: nowhere. */
  readonly observer?: UpstreamObserver;
  /** The request's plan (page sizes, whole collections, waves), once the operation is known. */
  readonly plan?: ReadPlanHolder;
}

/** The DataLoader options a mode adds to every loader (`naive`: DataLoader `{ batch: false, cache: false }`). */
export function dataLoaderModeOptions(options: LoaderOptions | undefined): { batch?: false; cache?: false } {
  const mode = options?.mode ?? 'batched';
  switch (mode) {
    case 'batched':
      return {};
    case 'naive':
      return { batch: false, cache: false };
    default:
      throw new Error(`Unknown loader mode ${JSON.stringify(mode satisfies never)}; expected "batched" or "naive".`);
  }
}
