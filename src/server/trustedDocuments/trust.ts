import type { PersistedQueryOptions } from '@apollo/server';
import { LRUCache } from 'lru-cache';
import type { Logger } from 'pino';
import type { GatewayRedisSettings } from '../../cache/redisClient';
import { createRedisKeyValueCache, type ApolloKeyValueCache } from '../../cache/redisKeyValueCache';
import { ErrorCode } from '../../graph/errors';
import type { HttpRefusal } from '../http/refusal';
import { documentHash, isDocumentHash } from './documents';
import { createFileDocumentStore, createRedisDocumentStore, DEFAULT_TRUSTED_DOCUMENTS_FILE, type TrustedDocumentStore } from './store';

/**
 * Which documents a request may carry, and where automatic persisted queries (APQ) live:
 * - `off` (default): any document; APQ in Redis when the gateway has one, else in memory;
 * - `log`: any document, and each unregistered one is logged once (a dry run before `required`);
 *   a registered hash is found even if no client has sent its text yet;
 * - `required`: only registered documents run, sent by hash (`extensions.persistedQuery`) or as
 *   the full text of a registered document; anything else is refused with
 *   PERSISTED_QUERY_NOT_ALLOWED (HTTP 400) before Apollo parses it. APQ registration (a hash with
 *   its text) registers nothing: the registry is the only source of hashes.
 */

/** The values of `TRUSTED_DOCUMENTS`. */
export const TRUSTED_DOCUMENTS_MODES = ['off', 'log', 'required'] as const;

/** One of {@link TRUSTED_DOCUMENTS_MODES}. */
export type TrustedDocumentsMode = (typeof TRUSTED_DOCUMENTS_MODES)[number];

/** Options of {@link createDocumentTrust}. */
export interface DocumentTrustOptions {
  readonly mode: TrustedDocumentsMode;
  /** The registry (the caller owns it); default: Redis when `redis` is set, else the file `file`. Unused with mode `off`. */
  readonly store?: TrustedDocumentStore;
  /** The registry file without Redis (default {@link DEFAULT_TRUSTED_DOCUMENTS_FILE}, relative to the working directory). */
  readonly file?: string;
  /** The gateway's Redis: APQ entries (`<prefix>apq:<hash>`) and the registry (`<prefix>trusted-documents`). */
  readonly redis?: GatewayRedisSettings;
  /** Documents the gateway itself serves (GraphiQL's examples and its schema query): registered in-process at start-up. */
  readonly builtIn?: readonly string[];
  /** Lifetime of an APQ entry in Redis (default 86 400 s). */
  readonly apqTtlSeconds?: number;
  readonly logger: Logger;
}

/** What the HTTP adapter reads a request's document from. */
export interface GraphQLHttpRequestParts {
  readonly method: string;
  /** The parsed JSON body of a POST (undefined otherwise). */
  readonly body: unknown;
  /** The request URL (a GET carries `query` and `extensions` in it). */
  readonly url: URL;
}

/** The trusted-documents policy of one gateway. */
export interface DocumentTrust {
  readonly mode: TrustedDocumentsMode;
  /** Apollo's `persistedQueries` option (undefined: Apollo's default in-memory APQ). */
  readonly persistedQueries: PersistedQueryOptions | undefined;
  /** The refusal for a request whose document is not allowed, or undefined to let it through to Apollo. */
  check(request: GraphQLHttpRequestParts): Promise<HttpRefusal | undefined>;
  /** Closes the connections this object opened. */
  close(): Promise<void>;
}

/** Module-private: the prefix Apollo's `PrefixingKeyValueCache` puts before every APQ hash (requestPipeline's `APQ_CACHE_PREFIX`). */
const APOLLO_APQ_PREFIX = 'apq:';

/** Module-private: distinct unregistered hashes remembered by `log` mode, so each is logged once. */
const MAX_LOGGED_HASHES = 10_000;

/**
 * Builds the policy: opens the registry (mode `log` or `required`) and loads what it holds, and
 * the APQ cache (Redis when `redis` is set).
 */
export async function createDocumentTrust(options: DocumentTrustOptions): Promise<DocumentTrust> {
  const { mode, logger } = options;
  const closers: (() => Promise<void>)[] = [];
  let apqCache: ApolloKeyValueCache | undefined;
  if (options.redis && mode !== 'required') {
    const redisCache = createRedisKeyValueCache({
      url: options.redis.url,
      keyPrefix: options.redis.keyPrefix,
      commandTimeoutMs: options.redis.commandTimeoutMs,
      coolOffMs: options.redis.coolOffMs,
      observer: options.redis.observer,
      defaultTtlSeconds: options.apqTtlSeconds,
      logger,
    });
    closers.push(() => redisCache.close());
    apqCache = redisCache;
  }
  if (mode === 'off') {
    return { mode, persistedQueries: apqCache ? { cache: apqCache } : undefined, check: async () => undefined, close: () => closeAll(closers) };
  }

  let store = options.store;
  if (!store) {
    store = options.redis ? createRedisDocumentStore({ ...options.redis, logger }) : createFileDocumentStore(options.file ?? DEFAULT_TRUSTED_DOCUMENTS_FILE);
    const created = store;
    closers.push(() => created.close());
  }
  const registry = new DocumentRegistry(store, options.builtIn ?? []);
  try {
    const loaded = await registry.load();
    logger.info({ mode, registry: store.description, registered: loaded, builtIn: options.builtIn?.length ?? 0 }, 'trusted documents loaded');
  } catch (error) {
    // Lookups still go to the store one hash at a time; start-up does not wait for it.
    logger.warn({ err: error, mode, registry: store.description }, 'trusted documents: the registry could not be read at start-up; looking hashes up as they arrive');
  }

  const registryView: ApolloKeyValueCache = {
    get: (key) => registry.lookup(key.startsWith(APOLLO_APQ_PREFIX) ? key.slice(APOLLO_APQ_PREFIX.length) : key).catch(() => undefined),
    // Registration goes through `npm run documents -- register` only.
    set: async () => undefined,
    delete: async () => false,
  };
  let persistedQueries: PersistedQueryOptions;
  if (mode === 'required') {
    persistedQueries = { cache: registryView };
  } else {
    const apq = apqCache ?? createMemoryKeyValueCache();
    persistedQueries = {
      cache: {
        get: async (key) => (await registryView.get(key)) ?? apq.get(key),
        set: (key, value, setOptions) => apq.set(key, value, setOptions),
        delete: (key) => apq.delete(key),
      },
    };
  }

  const logged = new Set<string>();
  let lastStoreErrorLoggedAt = 0;
  return {
    mode,
    persistedQueries,
    async check(request) {
      for (const { hash, operationName } of requestedDocuments(request)) {
        // `log` mode: a hash already reported runs without asking the store again.
        if (mode === 'log' && logged.has(hash)) continue;
        let document: string | undefined;
        try {
          document = await registry.lookup(hash);
        } catch (error) {
          // One line per outage-ish (at most every 10 s), not one per request.
          if (Date.now() - lastStoreErrorLoggedAt > 10_000) {
            lastStoreErrorLoggedAt = Date.now();
            logger.error({ err: error, registry: store.description }, 'trusted documents: the registry could not be read');
          }
          if (mode === 'log') continue;
          return { status: 503, code: ErrorCode.InternalServerError, message: 'The registry of trusted documents could not be read; nothing was executed. Try again.' };
        }
        if (document !== undefined) continue;
        if (mode === 'required') {
          // A claimed hash is echoed only when it is a digest (it could be a megabyte of anything).
          const named = isDocumentHash(hash) ? `SHA-256 ${hash}` : 'that hash (not a SHA-256 hex digest)';
          return {
            status: 400,
            code: ErrorCode.PersistedQueryNotAllowed,
            message: `This gateway runs registered documents only (TRUSTED_DOCUMENTS=required); no document is registered with ${named}. Register the operation with \`npm run documents -- register FILE\`.`,
            extensions: isDocumentHash(hash) ? { sha256Hash: hash } : {},
          };
        }
        if (!logged.has(hash)) {
          if (logged.size >= MAX_LOGGED_HASHES) logged.clear();
          logged.add(hash);
          logger.warn({ sha256Hash: isDocumentHash(hash) ? hash : '(not a SHA-256 digest)', operationName }, 'trusted documents: a request used an unregistered document (TRUSTED_DOCUMENTS=log: it ran)');
        }
      }
      return undefined;
    },
    close: () => closeAll(closers),
  };
}

/** Module-private: the registry as the gateway sees it: built-in documents, then what the store held at start-up, then the store itself. */
class DocumentRegistry {
  readonly #store: TrustedDocumentStore;
  /** Hashes known to be registered (a registration is never withdrawn, so a hit can be kept). */
  readonly #known = new Map<string, string>();

  constructor(store: TrustedDocumentStore, builtIn: readonly string[]) {
    this.#store = store;
    for (const document of builtIn) this.#known.set(documentHash(document), document);
  }

  /** Loads every registered document; resolves how many the store holds. */
  async load(): Promise<number> {
    const documents = await this.#store.list();
    for (const { hash, document } of documents) this.#known.set(hash, document);
    return documents.length;
  }

  /** The document registered under `hash` (asking the store on a miss, so new registrations count at once); rejects when the store fails. */
  async lookup(hash: string): Promise<string | undefined> {
    const known = this.#known.get(hash);
    if (known !== undefined) return known;
    // A claimed hash that is no SHA-256 digest names nothing; the store is not asked about it.
    if (!isDocumentHash(hash)) return undefined;
    const stored = await this.#store.get(hash);
    if (stored !== undefined) this.#known.set(hash, stored);
    return stored;
  }
}

/**
 * Module-private: the hash of each operation a request carries: the SHA-256 of its `query` text
 * when it has one (whatever hash it claims: the text is what would run), else the hash of its
 * `extensions.persistedQuery`. An operation with neither is left to Apollo, which refuses it.
 */
function requestedDocuments(request: GraphQLHttpRequestParts): { hash: string; operationName?: string }[] {
  const operations: unknown[] = [];
  if (request.method === 'POST') {
    if (Array.isArray(request.body)) operations.push(...request.body);
    else operations.push(request.body);
  } else {
    const params = request.url.searchParams;
    let extensions: unknown;
    try {
      extensions = JSON.parse(params.get('extensions') ?? 'null');
    } catch {
      extensions = undefined;
    }
    operations.push({ query: params.get('query') ?? undefined, extensions, operationName: params.get('operationName') ?? undefined });
  }
  const found: { hash: string; operationName?: string }[] = [];
  for (const operation of operations) {
    if (typeof operation !== 'object' || operation === null) continue;
    const { query, extensions, operationName } = operation as { query?: unknown; extensions?: { persistedQuery?: { sha256Hash?: unknown } }; operationName?: unknown };
    const name = typeof operationName === 'string' ? operationName : undefined;
    if (typeof query === 'string' && query !== '') found.push({ hash: documentHash(query), operationName: name });
    else if (typeof extensions?.persistedQuery?.sha256Hash === 'string') found.push({ hash: extensions.persistedQuery.sha256Hash, operationName: name });
  }
  return found;
}

/** Module-private: Apollo's in-memory APQ cache, for `log` mode without Redis (bounded by total text size, as Apollo's default). */
function createMemoryKeyValueCache(): ApolloKeyValueCache {
  const entries = new LRUCache<string, string>({ maxSize: 30 * 1024 * 1024, sizeCalculation: (value) => Math.max(1, value.length) });
  return {
    get: async (key) => entries.get(key),
    set: async (key, value, setOptions) => {
      entries.set(key, value, typeof setOptions?.ttl === 'number' && setOptions.ttl > 0 ? { ttl: setOptions.ttl * 1_000 } : {});
    },
    delete: async (key) => entries.delete(key),
  };
}

/** Module-private. */
async function closeAll(closers: readonly (() => Promise<void>)[]): Promise<void> {
  for (const close of [...closers].reverse()) await close();
}
