import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { waitForRedisReady } from '../../cache/redisReady';
import type { CacheLogger } from '../../cache/cache';
import { createGatewayRedis, describeRedisUrl, type GatewayRedisSettings } from '../../cache/redisClient';
import { documentHash, isDocumentHash, type TrustedDocument } from './documents';

/**
 * Where registered documents live: a Redis hash when `REDIS_URL` is set (every replica and the
 * `npm run documents` CLI see the same registry), else a local JSON file. Registration only
 * adds; a hash always names the same text, so a registered document never changes.
 */

/** A registry of trusted documents (hash → text). */
export interface TrustedDocumentStore {
  /** Where the documents are kept, for messages (`Redis hash pinpoint-graph:trusted-documents`, `file /app/.trusted-documents.json`). */
  readonly description: string;
  /** The document registered under `hash`, or undefined. Rejects when the store cannot be read. */
  get(hash: string): Promise<string | undefined>;
  /**
   * Registers `documents` (each hash must be its text's SHA-256); returns the hashes that were
   * new and those that were already registered.
   */
  register(documents: readonly TrustedDocument[]): Promise<{ readonly added: readonly string[]; readonly existing: readonly string[] }>;
  /** Every registered document. */
  list(): Promise<TrustedDocument[]>;
  /** Releases connections. */
  close(): Promise<void>;
}

/** The default of `TRUSTED_DOCUMENTS_FILE` (relative to the working directory; gitignored). */
export const DEFAULT_TRUSTED_DOCUMENTS_FILE = '.trusted-documents.json';

/** Module-private: throws unless every document's hash is its text's SHA-256. */
function assertHashes(documents: readonly TrustedDocument[]): void {
  for (const { hash, document } of documents) {
    if (!isDocumentHash(hash) || documentHash(document) !== hash) throw new Error(`A trusted document is stored under the SHA-256 of its text; got hash ${JSON.stringify(hash)} for a text whose SHA-256 is ${documentHash(document)}.`);
  }
}

/** The shape of the JSON file. */
interface DocumentFile {
  readonly documents: Record<string, string>;
}

/**
 * The file store: `{ "documents": { "<sha256>": "<text>" } }`. Reads are served from memory; a
 * miss looks at the file's modification time and re-reads it when it changed, so documents the
 * CLI registers while the gateway runs are found without a restart. Writes go to a temporary
 * file renamed over the old one, so a reader never sees half a file.
 */
export function createFileDocumentStore(path: string): TrustedDocumentStore {
  const file = resolve(path);
  let documents = new Map<string, string>();
  /** Module-private: modification time and size of the file as last read (undefined: not read, or absent). */
  let loadedVersion: string | undefined;

  /** Module-private: re-reads the file when it changed since the last read (a missing file is an empty registry). */
  const refresh = () => {
    let version: string;
    try {
      version = fileVersion(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        documents = new Map();
        loadedVersion = undefined;
        return;
      }
      throw error;
    }
    if (version === loadedVersion) return;
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<DocumentFile>;
    if (typeof parsed !== 'object' || parsed === null || typeof parsed.documents !== 'object' || parsed.documents === null) {
      throw new Error(`${file}: expected { "documents": { "<sha256>": "<document>" } }.`);
    }
    const next = new Map<string, string>();
    for (const [hash, document] of Object.entries(parsed.documents)) {
      if (typeof document === 'string' && documentHash(document) === hash) next.set(hash, document);
    }
    documents = next;
    loadedVersion = version;
  };

  return {
    description: `file ${file}`,
    async get(hash) {
      const known = documents.get(hash);
      if (known !== undefined) return known;
      refresh();
      return documents.get(hash);
    },
    async register(incoming) {
      assertHashes(incoming);
      refresh();
      const added: string[] = [];
      const existing: string[] = [];
      for (const { hash, document } of incoming) {
        if (documents.has(hash)) existing.push(hash);
        else {
          documents.set(hash, document);
          added.push(hash);
        }
      }
      if (added.length > 0) {
        mkdirSync(dirname(file), { recursive: true });
        const temporary = `${file}.${process.pid}.tmp`;
        const sorted = Object.fromEntries([...documents.entries()].sort(([a], [b]) => a.localeCompare(b)));
        writeFileSync(temporary, `${JSON.stringify({ documents: sorted } satisfies DocumentFile, null, 2)}\n`);
        renameSync(temporary, file);
        loadedVersion = fileVersion(file);
      }
      return { added, existing };
    },
    async list() {
      refresh();
      return [...documents.entries()].map(([hash, document]) => ({ hash, document }));
    },
    async close() {},
  };
}

/** Module-private: what tells one content of the file from another without reading it. */
function fileVersion(file: string): string {
  const stats = statSync(file);
  return `${stats.mtimeMs}:${stats.size}`;
}

/** Options of {@link createRedisDocumentStore}. */
export interface RedisDocumentStoreOptions extends GatewayRedisSettings {
  /** How long a command waits for the first connection (default 2 000 ms). */
  readonly connectTimeoutMs?: number;
  /** Logs the start and end of an outage (default: silent). */
  readonly logger?: CacheLogger;
}

/** The Redis key of the registry under `keyPrefix`. */
export function trustedDocumentsRedisKey(keyPrefix: string): string {
  return `${keyPrefix}trusted-documents`;
}

/**
 * The Redis store: one Redis hash, field = SHA-256, value = text (HGET per lookup, HSETNX to
 * register, HSCAN to list: never KEYS). It fails fast like the caches (no offline queue, a
 * cool-off after a failed command: cache/redisHealth.ts); only a command issued before the first
 * connection waits for it, up to `connectTimeoutMs` (the start-up load), never one during an
 * outage. It has no fallback of its own: the gateway keeps every document it has seen in memory
 * (trust.ts), and answers an unknown hash with a typed 503 while the store is unreadable.
 */
export function createRedisDocumentStore(options: RedisDocumentStoreOptions): TrustedDocumentStore {
  const key = trustedDocumentsRedisKey(options.keyPrefix);
  const connectTimeoutMs = options.connectTimeoutMs ?? 2_000;
  const redis = createGatewayRedis(options.url, {
    component: 'trusted-documents',
    commandTimeoutMs: options.commandTimeoutMs ?? 500,
    connectTimeoutMs,
    coolOffMs: options.coolOffMs,
    observer: options.observer,
    logger: options.logger,
    messages: { down: 'trusted documents: Redis unavailable; only documents already known to this process resolve until it returns', up: 'trusted documents: Redis reachable again' },
  });
  let connected = false;
  redis.once('ready', () => (connected = true));

  /** Module-private: before the first connection, waits for it (commands would reject at once without the offline queue). */
  const ready = async () => {
    if (connected || redis.status === 'ready') return;
    if (!(await waitForRedisReady(redis, connectTimeoutMs))) {
      throw new Error(`Redis at ${describeRedisUrl(options.url)} did not answer within ${connectTimeoutMs} ms (trusted documents).`);
    }
  };

  return {
    description: `Redis hash ${key}`,
    async get(hash) {
      await ready();
      return (await redis.hget(key, hash)) ?? undefined;
    },
    async register(documents) {
      assertHashes(documents);
      await ready();
      const added: string[] = [];
      const existing: string[] = [];
      for (const { hash, document } of documents) {
        if ((await redis.hsetnx(key, hash, document)) === 1) added.push(hash);
        else existing.push(hash);
      }
      return { added, existing };
    },
    async list() {
      await ready();
      const documents: TrustedDocument[] = [];
      let cursor = '0';
      do {
        const [next, flat] = await redis.hscan(key, cursor, 'COUNT', 500);
        for (let i = 0; i + 1 < flat.length; i += 2) documents.push({ hash: flat[i], document: flat[i + 1] });
        cursor = next;
      } while (cursor !== '0');
      return documents;
    },
    async close() {
      redis.disconnect(false);
    },
  };
}
