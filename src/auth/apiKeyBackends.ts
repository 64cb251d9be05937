import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Cluster, Redis } from 'ioredis';
import { z } from 'zod';
import type { ApiKeyBackend, ApiKeyRecord } from './apiKeys';

/**
 * The two places API key records live: one JSON file (no Redis: a single gateway process and the
 * CLI on the same machine) and Redis (shared by every replica). Both hold only hashes of secrets.
 */

/** Module-private: a stored record, checked on every read (a hand-edited file must not grant by accident). */
const recordSchema = z
  .object({
    id: z.string().regex(/^[0-9a-f]{16}$/),
    name: z.string().min(1),
    owner: z.string().min(1),
    policies: z.array(z.string()),
    createdAt: z.string().datetime(),
    expiresAt: z.string().datetime().optional(),
    revoked: z.boolean(),
    revokedAt: z.string().datetime().optional(),
    secretSha256: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .strict();

/** Module-private: the key file's layout. */
const fileSchema = z.object({ version: z.literal(1), keys: z.array(recordSchema) }).strict();

/** Module-private: the file layout version this code writes. */
type KeyFile = z.infer<typeof fileSchema>;

/**
 * Records in one JSON file (`API_KEYS_FILE`). Reads are cached and re-read when the file changes
 * (its inode, size or mtime: every write replaces it with a rename), so a key revoked by the CLI
 * is refused by a running gateway on its next request. Writes go to a temporary file in the same
 * folder, then rename over the old one: a reader sees the old file or the new one, never half of
 * one. The file is created with mode 0600. Two writers at the same instant can lose one update
 * (there is no lock); the CLI is the only writer.
 */
export function createFileApiKeyBackend(path: string): ApiKeyBackend {
  let cached: { readonly stamp: string; readonly records: readonly ApiKeyRecord[] } | undefined;

  const read = async (): Promise<readonly ApiKeyRecord[]> => {
    let stamp: string;
    try {
      const info = await stat(path);
      stamp = `${info.ino}:${info.size}:${info.mtimeMs}`;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    if (cached?.stamp === stamp) return cached.records;
    const text = await readFile(path, 'utf8');
    let parsed: KeyFile;
    try {
      parsed = fileSchema.parse(JSON.parse(text));
    } catch (error) {
      throw new Error(`API key file ${path} is not a valid key file (${error instanceof z.ZodError ? error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ') : (error as Error).message})`);
    }
    cached = { stamp, records: parsed.keys };
    return parsed.keys;
  };

  const write = async (records: readonly ApiKeyRecord[]) => {
    await mkdir(dirname(path), { recursive: true });
    const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    const file = { version: 1, keys: records };
    try {
      await writeFile(temporary, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
      await rename(temporary, path);
    } catch (error) {
      await unlink(temporary).catch(() => undefined);
      throw error;
    }
  };

  return {
    description: `file ${path}`,
    async get(id) {
      return (await read()).find((record) => record.id === id);
    },
    async all() {
      return [...(await read())];
    },
    async insert(record) {
      const records = await read();
      if (records.some((existing) => existing.id === record.id)) throw new Error(`API key ${record.id} already exists in ${path}.`);
      await write([...records, record]);
    },
    async update(id, update) {
      const records = await read();
      const index = records.findIndex((record) => record.id === id);
      if (index < 0) return undefined;
      const next = update(records[index]);
      await write(records.map((record, at) => (at === index ? next : record)));
      return next;
    },
  };
}

/**
 * The Redis key of one record under `keyPrefix` (a JSON string). `{apikeys}` is the Redis Cluster
 * hash tag of every API key record and of the index: they share one hash slot, so a record and
 * its index entry are written in one MULTI and listed with one MGET on a cluster too.
 */
export function apiKeyRedisKey(keyPrefix: string, id: string): string {
  return `${keyPrefix}auth:{apikeys}:${id}`;
}

/** The Redis set of every key ID under `keyPrefix` (listing without `KEYS` or `SCAN`), in the records' hash slot. */
export function apiKeyIndexRedisKey(keyPrefix: string): string {
  return `${keyPrefix}auth:{apikeys}:ids`;
}

/**
 * Records in Redis: one string per key (`<prefix>auth:{apikeys}:<id>`, the record as JSON) and a
 * set of IDs for listing (`<prefix>auth:{apikeys}:ids`), all in one hash slot. A verification is
 * one GET. Updates (revocation) run under WATCH, so a concurrent update is retried rather than
 * lost. The client belongs to the caller.
 */
export function createRedisApiKeyBackend(client: Redis | Cluster, keyPrefix: string): ApiKeyBackend {
  const parse = (id: string, text: string | null): ApiKeyRecord | undefined => {
    if (text === null) return undefined;
    const parsed = recordSchema.safeParse(JSON.parse(text));
    if (!parsed.success) throw new Error(`API key record ${apiKeyRedisKey(keyPrefix, id)} is not valid: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
    return parsed.data;
  };
  // Records written before the keys shared one hash slot (`auth:apikey:<id>`, index
  // `auth:apikeys`) are adopted on first use: copied into the current layout (never overwriting a
  // current record), so an upgrade keeps every key working without a migration step. The old
  // records are left as they are for replicas of the previous version still running.
  const legacyIndex = `${keyPrefix}auth:apikeys`;
  const adopt = async (id: string): Promise<string | null> => {
    const text = await client.get(`${keyPrefix}auth:apikey:${id}`);
    if (text === null) return null;
    parse(id, text);
    const [[setError], [addError]] = (await client.multi().set(apiKeyRedisKey(keyPrefix, id), text, 'NX').sadd(apiKeyIndexRedisKey(keyPrefix), id).exec()) as [Error | null, unknown][];
    if (setError || addError) throw setError ?? addError;
    return client.get(apiKeyRedisKey(keyPrefix, id));
  };
  const current = async (id: string): Promise<string | null> => (await client.get(apiKeyRedisKey(keyPrefix, id))) ?? adopt(id);
  return {
    description: `redis ${keyPrefix}auth:{apikeys}:*`,
    async get(id) {
      return parse(id, await current(id));
    },
    async all() {
      const [ids, legacyIds] = await Promise.all([client.smembers(apiKeyIndexRedisKey(keyPrefix)), client.smembers(legacyIndex)]);
      const adopted = legacyIds.filter((id) => !ids.includes(id));
      for (const id of adopted) await adopt(id);
      const every = [...ids, ...adopted];
      if (every.length === 0) return [];
      const texts = await client.mget(...every.map((id) => apiKeyRedisKey(keyPrefix, id)));
      return every
        .flatMap((id, at) => parse(id, texts[at]) ?? [])
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
    },
    async insert(record) {
      const [[setError, set], [addError]] = (await client
        .multi()
        .set(apiKeyRedisKey(keyPrefix, record.id), JSON.stringify(record), 'NX')
        .sadd(apiKeyIndexRedisKey(keyPrefix), record.id)
        .exec()) as [Error | null, unknown][];
      if (setError || addError) throw setError ?? addError;
      if (set !== 'OK') throw new Error(`API key ${record.id} already exists in Redis.`);
    },
    async update(id, update) {
      const key = apiKeyRedisKey(keyPrefix, id);
      if ((await current(id)) === null) return undefined;
      for (let attempt = 0; attempt < 10; attempt += 1) {
        await client.watch(key);
        const current = parse(id, await client.get(key));
        if (!current) {
          await client.unwatch();
          return undefined;
        }
        const next = update(current);
        const result = await client.multi().set(key, JSON.stringify(next)).exec();
        if (result !== null) return next;
      }
      throw new Error(`API key ${id} kept changing while being updated; try again.`);
    },
  };
}
