import type { ReadPlanHolder } from './readPlan';

/**
 * One reader per upstream collection (a project's segments, the account's sender IDs, ...) per
 * request: the request's store of that collection's pages.
 *
 * - A page is remembered by (parent, token), not by page size: a read from a token answers every
 *   later read from the same token that asks for as many items or fewer (or that the page proved
 *   to be the end). A page holding more items than asked is returned whole; its callers cut it
 *   (`connectionFromUpstream` slices, and its cursors name positions inside a page, so resuming
 *   works whatever size was read).
 * - The page size sent upstream is the largest of what the caller asks and what the request's
 *   plan says any field of the request needs from this collection (`ReadPlan.pageSize`), so two
 *   fields never read the same collection twice: `segments(first: 20)` beside a lookup that reads
 *   the whole segment list sends one page of the upstream maximum.
 * - Completeness: a read from the start that ends without a next token (or a walk of every page)
 *   makes the collection `whole` for the parent; lookups by ID or filter inside it then answer
 *   locally, present or absent (`whole`), and any later page from the start is cut from it.
 *
 * Why hand-written, not a DataLoader: DataLoader keys a value by one cache key, and the rule here
 * is "any read at least as large answers", which is not a key equality. The upstream read itself
 * still goes through the loader it is given (batch reporting, naive mode), so this only decides
 * sizes and reuse.
 */

/** One upstream page. */
export interface CollectionPage<T> {
  readonly items: readonly T[];
  readonly nextToken?: string;
}

/** Options of a {@link CollectionReader}. */
export interface CollectionReaderOptions<T> {
  /** The list operation (`GetSegments`): the name the request's plan sizes pages by. */
  readonly operation: string;
  /** The upstream maximum page size. */
  readonly maxPageSize: number;
  /** Reads one upstream page of the parent's collection. */
  readonly fetchPage: (parent: string, pageSize: number, token: string | undefined) => Promise<CollectionPage<T>>;
  /** The request's plan (page sizes by operation); absent: pages are read at the size asked. */
  readonly plan?: ReadPlanHolder;
  /** False in the benchmark's naive mode: every read goes upstream. */
  readonly remember?: boolean;
}

/** Module-private: one page read, in flight or settled. */
interface PageRead<T> {
  readonly size: number;
  readonly promise: Promise<CollectionPage<T>>;
  settled?: CollectionPage<T>;
}

/** The pages of one kind of collection read by one request, by parent. */
export class CollectionReader<T> {
  readonly #options: CollectionReaderOptions<T>;
  readonly #reads = new Map<string, PageRead<T>[]>();
  readonly #whole = new Map<string, readonly T[]>();
  readonly #walks = new Map<string, Promise<readonly T[]>>();

  constructor(options: CollectionReaderOptions<T>) {
    this.#options = options;
  }

  /** The parent's whole collection, when this request has read all of it (else undefined). */
  whole(parent: string): readonly T[] | undefined {
    return this.#whole.get(parent);
  }

  /** The first read from the start of the parent's collection this request started (any size), if any. */
  started(parent: string): Promise<CollectionPage<T>> | undefined {
    const whole = this.#whole.get(parent);
    if (whole !== undefined) return Promise.resolve({ items: whole });
    return this.#reads.get(readKey(parent, undefined))?.[0]?.promise;
  }

  /**
   * An item of the parent's collection by `matches`, from what this request holds or is already
   * reading: the whole collection (found, or `absent`), else the first page being read from the
   * start (waited for: the call is in flight anyway), found there or proven absent when it is the
   * last page; undefined when that page cannot tell (the item may be on a later page). Undefined at
   * once, with no promise, when this request reads none of the parent's collection: the caller's
   * by-ID read then leaves as early as it would without the store ({@link listedOrRead}).
   */
  lookup(parent: string, matches: (item: T) => boolean): Promise<T | 'absent' | undefined> | undefined {
    if (this.#options.remember === false) return undefined;
    const read = this.started(parent);
    if (read === undefined) return undefined;
    return read.then(
      (first) => {
        const found = first.items.find(matches);
        if (found !== undefined) return found;
        return first.nextToken === undefined ? 'absent' : undefined;
      },
      () => undefined,
    );
  }

  /** A page of at least `pageSize` items (or the end) from `token`; one upstream read at most. */
  page(parent: string, pageSize: number, token: string | undefined): Promise<CollectionPage<T>> {
    if (this.#options.remember === false) return this.#options.fetchPage(parent, pageSize, token);
    const whole = token === undefined ? this.#whole.get(parent) : undefined;
    if (whole !== undefined) return Promise.resolve({ items: whole });
    const reads = this.#reads.get(readKey(parent, token)) ?? [];
    for (const read of reads) {
      if (read.size >= pageSize || (read.settled !== undefined && answers(read.settled, pageSize))) return read.promise;
    }
    const smaller = reads.find((read) => read.settled === undefined);
    if (smaller !== undefined) {
      // A smaller read of the same page is in flight: it may prove to be the end; else read the larger page.
      return smaller.promise.then(
        (settled) => (answers(settled, pageSize) ? settled : this.#read(parent, pageSize, token)),
        () => this.#read(parent, pageSize, token),
      );
    }
    return this.#read(parent, pageSize, token);
  }

  /** Every item of the parent's collection (pages of the upstream maximum; a repeated token is refused). */
  all(parent: string): Promise<readonly T[]> {
    const whole = this.#whole.get(parent);
    if (whole !== undefined) return Promise.resolve(whole);
    const walking = this.#walks.get(parent);
    if (walking !== undefined) return walking;
    const walk = this.#walk(parent);
    if (this.#options.remember !== false) this.#walks.set(parent, walk);
    return walk;
  }

  /** Forgets what was read (a write changed the collection): one parent's, or every parent's. */
  forget(parent?: string): void {
    if (parent === undefined) {
      this.#reads.clear();
      this.#whole.clear();
      this.#walks.clear();
      return;
    }
    for (const key of [...this.#reads.keys()]) if (key.startsWith(`${parent}\u0000`)) this.#reads.delete(key);
    this.#whole.delete(parent);
    this.#walks.delete(parent);
  }

  async #walk(parent: string): Promise<readonly T[]> {
    const items: T[] = [];
    const seen = new Set<string>();
    let token: string | undefined;
    do {
      const current = await this.page(parent, this.#options.maxPageSize, token);
      items.push(...current.items);
      if (current.nextToken !== undefined && seen.has(current.nextToken)) throw new Error(`Upstream repeated page token ${JSON.stringify(current.nextToken)} of ${this.#options.operation}; refusing to loop.`);
      token = current.nextToken;
      if (token !== undefined) seen.add(token);
    } while (token !== undefined);
    if (this.#options.remember !== false) this.#whole.set(parent, items);
    return items;
  }

  #read(parent: string, pageSize: number, token: string | undefined): Promise<CollectionPage<T>> {
    const planned = this.#options.plan?.current?.pageSize(this.#options.operation) ?? 0;
    const size = Math.min(this.#options.maxPageSize, Math.max(pageSize, planned));
    const key = readKey(parent, token);
    const read: PageRead<T> = {
      size,
      promise: this.#options.fetchPage(parent, size, token).then((settled) => {
        read.settled = settled;
        if (token === undefined && settled.nextToken === undefined && this.#reads.get(key)?.includes(read)) this.#whole.set(parent, settled.items);
        return settled;
      }),
    };
    const reads = this.#reads.get(key);
    if (reads) reads.push(read);
    else this.#reads.set(key, [read]);
    return read.promise;
  }
}

/** Module-private: whether a settled page answers a read of `pageSize` items. */
function answers<T>(settled: CollectionPage<T>, pageSize: number): boolean {
  return settled.items.length >= pageSize || settled.nextToken === undefined;
}

/** Module-private. */
function readKey(parent: string, token: string | undefined): string {
  return `${parent}\u0000${token ?? ''}`;
}

/**
 * The per-parent lists of one operation (a pool's members, a project's import jobs) read through
 * one {@link CollectionReader}: the first caller's read of a parent stands for that parent's list,
 * since every caller sends the same request but for its paging.
 */
export class ParentLists<T> {
  readonly reader: CollectionReader<T>;
  readonly #reads = new Map<string, (pageSize: number, token: string | undefined) => Promise<CollectionPage<T>>>();

  constructor(options: Omit<CollectionReaderOptions<T>, 'fetchPage'>) {
    this.reader = new CollectionReader<T>({ ...options, fetchPage: (parent, pageSize, token) => this.#reads.get(parent)!(pageSize, token) });
  }

  /** A page of the parent's list (`CollectionReader.page`); `read` reads one upstream page of it. */
  page(parent: string, pageSize: number, token: string | undefined, read: (pageSize: number, token: string | undefined) => Promise<CollectionPage<T>>): Promise<CollectionPage<T>> {
    if (!this.#reads.has(parent)) this.#reads.set(parent, read);
    return this.reader.page(parent, pageSize, token);
  }
}

