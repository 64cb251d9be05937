import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { CredentialError, POLICY_NAME_PATTERN } from './credentials';

/**
 * API keys: `ppg_<id>_<secret>`, where `id` (16 hex digits) is public and names the stored record,
 * and `secret` is 32 random bytes (base64url). The key is shown once, when created; the store keeps
 * only SHA-256 of the secret, and a presented key is checked by reading its record by ID and
 * comparing hashes in constant time. Where records live (a local JSON file or Redis) is an
 * {@link ApiKeyBackend}; everything else is here, shared by the gateway and `npm run keys`.
 */

/** What every key starts with (so a leaked key is recognisable by secret scanners). */
export const API_KEY_PREFIX = 'ppg_';

/** A stored key, without its secret (what `list` shows and what a verified caller carries). */
export interface ApiKeyInfo {
  /** 16 hex digits; the public part of the key. */
  readonly id: string;
  readonly name: string;
  /** Who answers for the key (a team, a service, a person). */
  readonly owner: string;
  /** The policies attached (names in the policy store). */
  readonly policies: readonly string[];
  /** ISO 8601. */
  readonly createdAt: string;
  /** ISO 8601; absent: never expires. */
  readonly expiresAt?: string;
  readonly revoked: boolean;
  /** ISO 8601, when `revoked`. */
  readonly revokedAt?: string;
}

/** A stored key: its info and the hex SHA-256 of its secret. */
export interface ApiKeyRecord extends ApiKeyInfo {
  readonly secretSha256: string;
}

/** Where records are kept: one JSON file (`apiKeyBackends.ts`) or Redis. */
export interface ApiKeyBackend {
  /** The record with this ID, or undefined. */
  get(id: string): Promise<ApiKeyRecord | undefined>;
  /** Every record, oldest first. */
  all(): Promise<ApiKeyRecord[]>;
  /** Stores a new record (its ID is fresh). */
  insert(record: ApiKeyRecord): Promise<void>;
  /** Replaces the record with `id` by `update(record)`; returns the new record, undefined when there is none. */
  update(id: string, update: (record: ApiKeyRecord) => ApiKeyRecord): Promise<ApiKeyRecord | undefined>;
  /** Releases what the backend opened (not a client it was given). */
  close?(): Promise<void> | void;
  /** `file /path` or `redis prefix…`, for messages. */
  readonly description: string;
}

/** What `create` needs. */
export interface NewApiKey {
  readonly name: string;
  readonly owner: string;
  readonly policies: readonly string[];
  readonly expiresAt?: Date;
}

/** The store the gateway verifies keys with and the CLI manages them with. */
export interface ApiKeyStore {
  /** Creates a key; `key` is the only time the secret exists outside the caller's hands. */
  create(input: NewApiKey, now?: Date): Promise<{ readonly key: string; readonly info: ApiKeyInfo }>;
  /** Every key, oldest first, without secrets. */
  list(): Promise<ApiKeyInfo[]>;
  /** Revokes the key (idempotent: revoking again keeps the first time); undefined when no key has this ID. */
  revoke(id: string, now?: Date): Promise<ApiKeyInfo | undefined>;
  /**
   * The key's info when the presented key is one of the store's, not revoked and not expired.
   *
   * @throws {CredentialError} `invalid` (malformed, unknown, wrong secret, revoked, expired) or
   *   `unavailable` (the backend did not answer).
   */
  verify(presented: string, now?: Date): Promise<ApiKeyInfo>;
  close(): Promise<void>;
  readonly description: string;
}

/** Module-private: the shape of a key. */
const KEY_PATTERN = /^ppg_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

/** Module-private: compared against when the ID is unknown, so a miss costs what a hit costs. */
const DUMMY_HASH = Buffer.alloc(32);

/** The hex SHA-256 of a key's secret part. */
export function hashApiKeySecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Validates a new key's fields; returns every problem (empty: fine). */
export function apiKeyInputProblems(input: NewApiKey, now: Date = new Date()): string[] {
  const problems: string[] = [];
  if (input.name.trim() === '' || input.name.length > 200) problems.push(`name must be 1 to 200 characters; got ${JSON.stringify(input.name)}`);
  if (input.owner.trim() === '' || input.owner.length > 200) problems.push(`owner must be 1 to 200 characters; got ${JSON.stringify(input.owner)}`);
  if (input.policies.length === 0) problems.push('at least one policy is required (a key without a policy may do nothing)');
  for (const policy of input.policies) {
    if (!POLICY_NAME_PATTERN.test(policy)) problems.push(`policy ${JSON.stringify(policy)} is not a policy name (a letter or digit, then letters, digits, ".", "_" or "-")`);
  }
  if (input.expiresAt !== undefined) {
    if (Number.isNaN(input.expiresAt.getTime())) problems.push('expiry must be a valid date');
    else if (input.expiresAt.getTime() <= now.getTime()) problems.push(`expiry must be in the future; got ${input.expiresAt.toISOString()}`);
  }
  return problems;
}

/** The store over a backend. */
export function createApiKeyStore(backend: ApiKeyBackend): ApiKeyStore {
  return {
    description: backend.description,
    async create(input, now = new Date()) {
      const problems = apiKeyInputProblems(input, now);
      if (problems.length > 0) throw new RangeError(`Cannot create the API key: ${problems.join('; ')}.`);
      const id = randomBytes(8).toString('hex');
      const secret = randomBytes(32).toString('base64url');
      const record: ApiKeyRecord = {
        id,
        name: input.name.trim(),
        owner: input.owner.trim(),
        policies: [...new Set(input.policies)],
        createdAt: now.toISOString(),
        ...(input.expiresAt ? { expiresAt: input.expiresAt.toISOString() } : {}),
        revoked: false,
        secretSha256: hashApiKeySecret(secret),
      };
      await backend.insert(record);
      return { key: `${API_KEY_PREFIX}${id}_${secret}`, info: withoutSecret(record) };
    },
    async list() {
      return (await backend.all()).map(withoutSecret);
    },
    async revoke(id, now = new Date()) {
      const record = await backend.update(id, (current) => (current.revoked ? current : { ...current, revoked: true, revokedAt: now.toISOString() }));
      return record && withoutSecret(record);
    },
    async verify(presented, now = new Date()) {
      const match = KEY_PATTERN.exec(presented);
      if (!match) throw new CredentialError('ApiKey', `The API key is malformed: expected ${API_KEY_PREFIX}<16 hex digits>_<43 base64url characters>.`);
      const [, id, secret] = match;
      let record: ApiKeyRecord | undefined;
      try {
        record = await backend.get(id);
      } catch (error) {
        throw new CredentialError('ApiKey', `The API key could not be checked: the key store (${backend.description}) is unavailable.`, 'unavailable', { cause: error });
      }
      const presentedHash = Buffer.from(hashApiKeySecret(secret), 'hex');
      const storedHash = record ? Buffer.from(record.secretSha256, 'hex') : DUMMY_HASH;
      const equal = storedHash.length === presentedHash.length && timingSafeEqual(storedHash, presentedHash);
      // One message for an unknown ID and a wrong secret: which one it was is nobody's business.
      if (!record || !equal) throw new CredentialError('ApiKey', 'The API key is not valid.');
      if (record.revoked) throw new CredentialError('ApiKey', `The API key ${record.id} was revoked${record.revokedAt ? ` at ${record.revokedAt}` : ''}.`);
      if (record.expiresAt !== undefined && Date.parse(record.expiresAt) <= now.getTime()) throw new CredentialError('ApiKey', `The API key ${record.id} expired at ${record.expiresAt}.`);
      return withoutSecret(record);
    },
    async close() {
      await backend.close?.();
    },
  };
}

/** Module-private: a record without its hash. */
function withoutSecret(record: ApiKeyRecord): ApiKeyInfo {
  const { secretSha256: _secret, ...info } = record;
  return info;
}
