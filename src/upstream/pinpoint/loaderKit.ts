import { NotFoundException } from '@aws-sdk/client-pinpoint';
import type DataLoader from 'dataloader';
import { CollectionReader, ParentLists } from '../collectionReader';
import type { ReadPlanHolder } from '../readPlan';
import type { CountableCommand, CommandOutputOf } from '../callCounter';
import type { BatchReporting } from '../observedLoader';

/**
 * The small pieces every Pinpoint loader module shares (module-level, no state): the counted
 * `send`, the DataLoader batch-function helpers and page handling. Each loader module
 * (`loaders.ts`, `journeyLoaders.ts`, `templateLoaders.ts`, ...) builds its loaders from these.
 */

/**
 * What every loader of a request takes as its DataLoader options: the loader mode (`naive`:
 * `{ batch: false, cache: false }`; see `../loaderMode.ts`) and where batches are reported
 * (read by `ObservedLoader`, ignored by DataLoader).
 */
export interface LoaderModeOptions {
  readonly batch?: false;
  readonly cache?: false;
  readonly batches?: BatchReporting;
}

export { ObservedLoader } from '../observedLoader';

/** Sends one command through the request's call counter (`countedSend` bound to a client and counter). */
export type PinpointSend = <C extends CountableCommand>(command: C) => Promise<CommandOutputOf<C>>;

/**
 * `page-size` bounds of Pinpoint list operations. Upstream documents neither (inventory §3); the
 * console sends 1000, which the emulator takes as its maximum, and 100 is its default.
 */
export const PINPOINT_PAGE_SIZE = { max: 1000, default: 100 } as const;

/** One upstream page (structurally the graph's `UpstreamPage`). */
export interface Page<T> {
  readonly items: readonly T[];
  readonly nextToken?: string;
}

/** Which page of an account-wide list. */
export interface PageKey {
  readonly pageSize: number;
  readonly token?: string;
}

/** Which page of a project's list. */
export interface AppPageKey extends PageKey {
  readonly applicationId: string;
}

/** A batch function that loads every key on its own, in parallel, settling failures as `Error` values. */
export function fanOut<K, V>(load: (key: K) => Promise<V>): DataLoader.BatchLoadFn<K, V> {
  return (keys) => Promise.all(keys.map((key) => load(key).catch(asError)));
}

/** Anything thrown, as an `Error` (DataLoader treats only `Error` values as failures). */
export function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(`Upstream call failed with a non-Error value: ${String(error)}`);
}

/** A required payload the SDK types as optional; its absence is an upstream contract breach. */
export function required<T>(value: T | undefined, operation: string): T {
  if (value === undefined) throw new Error(`${operation} returned no payload; the upstream contract requires one.`);
  return value;
}

/** A DataLoader cache key from the parts of a composite key (undefined parts kept as null). */
export function cacheKey(...parts: ReadonlyArray<string | number | boolean | undefined>): string {
  return JSON.stringify(parts.map((part) => part ?? null));
}

/** A page, with an empty upstream token treated as "no more pages". */
export function page<T>(items: readonly T[], nextToken: string | undefined): Page<T> {
  return nextToken ? { items, nextToken } : { items };
}

/** Whether an upstream error says the resource does not exist (node fetchers turn that into null). */
export function isPinpointNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'NotFoundException';
}

/** Resolves `null` when upstream answers NotFoundException (an optional sub-resource that is not configured). */
export async function nullWhenNotFound<T>(load: Promise<T>): Promise<T | null> {
  try {
    return await load;
  } catch (error) {
    if (isPinpointNotFound(error)) return null;
    throw error;
  }
}

/**
 * A request's reader of one Pinpoint list (upstream/collectionReader.ts): pages of up to the
 * upstream maximum, sized by the request's plan, remembered except in the naive mode.
 */
export function pinpointCollection<T>(operation: string, fetchPage: (parent: string, pageSize: number, token: string | undefined) => Promise<Page<T>>, mode: LoaderModeOptions, plan: ReadPlanHolder | undefined): CollectionReader<T> {
  return new CollectionReader<T>({ operation, maxPageSize: PINPOINT_PAGE_SIZE.max, fetchPage, plan, remember: mode.cache !== false });
}

/** The pages of a list loader read through the request's collection reader ({@link sizedPages}). */
export interface SizedPages<K extends PageKey, T> {
  /** A page of at least `key.pageSize` items (or the end) from `key.token`. */
  load(key: K): Promise<Page<T>>;
  /** Forgets every page (a write changed the list). */
  clearAll(): void;
  /**
   * An item of the list named by `parent` (`parentOf` a key) from what the request holds or is
   * already reading (`CollectionReader.lookup`): found, `absent` (the list is whole) or undefined;
   * undefined at once (no promise) when the request reads none of that list, so a by-ID read then
   * leaves as early as it always did.
   */
  lookup(parent: string, matches: (item: T) => boolean): Promise<T | 'absent' | undefined> | undefined;
}

/**
 * The pages of `loader` read through the request's reader of `operation`'s collections: every read
 * of one list (the key but its page size and token: `parentOf`) from one token shares one upstream
 * page, at the largest size the request needs (the plan's), so `apps(first: 2)` beside
 * `apps(first: 5)` is one GetApps; the first key read of a list stands for its filters
 * ({@link ParentLists}). The loader still makes the call (batch reports, priming).
 */
export function sizedPages<K extends PageKey, T>(
  operation: string,
  loader: DataLoader<K, Page<T>, string>,
  parentOf: (key: K) => string,
  mode: LoaderModeOptions,
  plan: ReadPlanHolder | undefined,
): SizedPages<K, T> {
  const lists = new ParentLists<T>({ operation, maxPageSize: PINPOINT_PAGE_SIZE.max, plan, remember: mode.cache !== false });
  return {
    load: (key) => lists.page(parentOf(key), key.pageSize, key.token, (pageSize, token) => loader.load({ ...key, pageSize, token })),
    clearAll() {
      lists.reader.forget();
      loader.clearAll();
    },
    lookup: (parent, matches) => lists.reader.lookup(parent, matches),
  };
}

/** The NotFoundException Pinpoint answers (HTTP 404) for an object a whole list proved absent. */
export function pinpointNotFound(message: string): NotFoundException {
  return new NotFoundException({ $metadata: { httpStatusCode: 404 }, message });
}

/**
 * An object from a list this request holds or is already reading (`SizedPages.lookup`), else from
 * `read` (its by-ID call). Absent from a whole list: the NotFoundException the by-ID call would
 * answer, so the graph reports NOT_FOUND at the same path.
 */
export async function listedOrRead<T>(listed: Promise<T | 'absent' | undefined> | undefined, notFoundMessage: string, read: () => Promise<T>): Promise<T> {
  if (listed === undefined) return read();
  const answer = await listed;
  if (answer === 'absent') throw pinpointNotFound(notFoundMessage);
  return answer ?? read();
}
