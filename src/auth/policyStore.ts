import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Cluster, Redis } from 'ioredis';
import { POLICY_NAME_PATTERN } from './credentials';
import { parsePolicy, PolicyError, type Policy } from './policy';

/**
 * Named policies in IAM's JSON grammar, the ones API keys and token claims are attached to. They
 * come from a folder (`POLICIES_DIR`, one `<name>.json` per policy) and/or Redis (one hash,
 * `<prefix>auth:policies`, field = name, value = the JSON document), and every one is parsed with
 * {@link parsePolicy} when loaded: a bad policy stops the start with a message naming it and its
 * problems, since a policy that half-loads would grant something other than what it says.
 *
 * The store is a snapshot: a lookup is a map read (it runs on every request). With Redis it can
 * re-read the hash on an interval; a reload that finds a bad policy keeps the previous snapshot.
 */

/** Where one policy document came from, and its text. */
export interface PolicySource {
  readonly name: string;
  /** `file /etc/policies/reader.json` or `redis pinpoint-graph:auth:policies[reader]`, for messages. */
  readonly origin: string;
  readonly text: string;
}

/** A set of policies refused at load time; the message lists every problem, one per line. */
export class PolicyStoreError extends Error {
  /** One entry per problem: the policy's name and origin, then what is wrong. */
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(`Policies could not be loaded:\n  - ${problems.join('\n  - ')}`);
    this.name = 'PolicyStoreError';
    this.problems = problems;
  }
}

/** The named policies a caller's policy names are looked up in. */
export interface PolicyStore {
  /** The policy stored under `name`, or undefined. */
  get(name: string): Policy | undefined;
  /** Every stored name, sorted. */
  names(): readonly string[];
  /** Bumped by every reload that changed the snapshot (callers memoize per version). */
  readonly version: number;
  /** Re-reads every source; on any problem, throws {@link PolicyStoreError} and keeps the previous snapshot. */
  reload(): Promise<void>;
  /** Stops the refresh timer (the Redis client belongs to whoever passed it). */
  close(): void;
}

/** Logger of the policy store (pino's shape). */
export interface PolicyStoreLogger {
  warn(details: object, message: string): void;
  info(details: object, message: string): void;
}

/** Options of {@link createPolicyStore}. */
export interface PolicyStoreOptions {
  /** A folder of `<name>.json` files (other files are ignored). */
  readonly dir?: string;
  /** A Redis client and the key prefix under which the policy hash lives. */
  readonly redis?: { readonly client: Redis | Cluster; readonly keyPrefix: string };
  /** Re-read the sources every this many seconds (0 or unset: only at start and on `reload()`). */
  readonly refreshSeconds?: number;
  readonly logger?: PolicyStoreLogger;
}

/** The Redis hash holding the policies under `keyPrefix` (field: name, value: JSON document). */
export function policyRedisKey(keyPrefix: string): string {
  return `${keyPrefix}auth:policies`;
}

/** Reads `<dir>/*.json`; the file name without `.json` is the policy's name. */
export async function readPolicyDir(dir: string): Promise<PolicySource[]> {
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch (error) {
    throw new PolicyStoreError([`POLICIES_DIR ${JSON.stringify(dir)} cannot be read: ${(error as Error).message}`]);
  }
  const files = entries.filter((entry) => entry.endsWith('.json')).sort();
  return Promise.all(files.map(async (file) => ({ name: file.slice(0, -'.json'.length), origin: `file ${join(dir, file)}`, text: await readFile(join(dir, file), 'utf8') })));
}

/** Reads the policy hash under `keyPrefix`. */
export async function readRedisPolicies(client: Redis | Cluster, keyPrefix: string): Promise<PolicySource[]> {
  const key = policyRedisKey(keyPrefix);
  const hash = await client.hgetall(key);
  return Object.keys(hash)
    .sort()
    .map((name) => ({ name, origin: `redis ${key}[${name}]`, text: hash[name] }));
}

/**
 * Parses every source. A bad name, a bad document or one name in two sources is a problem; all
 * problems are collected and thrown together, so an operator fixes them in one go.
 */
export function compilePolicies(sources: readonly PolicySource[]): Map<string, Policy> {
  const problems: string[] = [];
  const policies = new Map<string, Policy>();
  const origins = new Map<string, string>();
  for (const source of sources) {
    if (!POLICY_NAME_PATTERN.test(source.name)) {
      problems.push(`${source.origin}: the name ${JSON.stringify(source.name)} is not a policy name (a letter or digit, then letters, digits, ".", "_" or "-", at most 128 characters)`);
      continue;
    }
    const earlier = origins.get(source.name);
    if (earlier !== undefined) {
      problems.push(`${source.origin}: policy "${source.name}" is also defined by ${earlier}; a name must be defined once`);
      continue;
    }
    origins.set(source.name, source.origin);
    try {
      policies.set(source.name, parsePolicy(source.name, source.text));
    } catch (error) {
      if (!(error instanceof PolicyError)) throw error;
      problems.push(`${source.origin}: ${error.message}`);
    }
  }
  if (problems.length > 0) throw new PolicyStoreError(problems);
  return policies;
}

/**
 * Loads the policies of `options.dir` and `options.redis` (neither: an empty store).
 *
 * @throws {PolicyStoreError} when a source cannot be read or holds a bad policy.
 */
export async function createPolicyStore(options: PolicyStoreOptions = {}): Promise<PolicyStore> {
  const read = async (withRedis = true) => {
    const sources: PolicySource[] = [];
    if (options.dir !== undefined) sources.push(...(await readPolicyDir(options.dir)));
    if (options.redis && withRedis) {
      try {
        sources.push(...(await readRedisPolicies(options.redis.client, options.redis.keyPrefix)));
      } catch (error) {
        throw new RedisPoliciesUnreadable(`Redis hash ${policyRedisKey(options.redis.keyPrefix)} cannot be read: ${(error as Error).message}`);
      }
    }
    return compilePolicies(sources);
  };
  let initial: Map<string, Policy>;
  let degraded = false;
  try {
    initial = await read();
  } catch (error) {
    if (!(error instanceof RedisPoliciesUnreadable)) throw error;
    // Redis down at start must not keep the gateway down (the KPI cache degrades the same way), nor
    // open anything: the policies Redis holds are unknown names until it answers, and an unknown
    // name grants nothing. The directory's policies apply meanwhile.
    options.logger?.warn({ err: error }, 'policies: Redis unreachable at start; its policies grant nothing until it answers');
    initial = await read(false);
    degraded = true;
  }
  const store = new SnapshotPolicyStore(initial, () => read());
  const refreshMs = (options.refreshSeconds ?? 0) * 1000 || (degraded ? DEGRADED_RETRY_MS : 0);
  if (refreshMs > 0) {
    let lastProblem = degraded ? 'unreadable at start' : '';
    store.startRefresh(refreshMs, (error) => {
      // One warning per distinct problem, not one per interval.
      const problem = error === undefined ? '' : (error as Error).message;
      if (problem !== lastProblem && problem !== '') options.logger?.warn({ err: error }, 'policies: reload failed; keeping the policies loaded before');
      if (problem === '' && lastProblem !== '') options.logger?.info({}, 'policies: reloaded');
      lastProblem = problem;
      if (problem === '' && degraded && (options.refreshSeconds ?? 0) === 0) store.close();
    });
  }
  return store;
}

/** Module-private: how often a store that started without Redis retries it (when no refresh is configured). */
const DEGRADED_RETRY_MS = 5_000;

/** Module-private: the Redis policy hash could not be read (as opposed to holding a bad policy). */
class RedisPoliciesUnreadable extends PolicyStoreError {
  constructor(message: string) {
    super([message]);
  }
}

/** A fixed store of already parsed policies (tests, embedders that build policies in code). */
export function staticPolicyStore(policies: readonly Policy[]): PolicyStore {
  return new SnapshotPolicyStore(new Map(policies.map((policy) => [policy.name, policy])), async () => new Map(policies.map((policy) => [policy.name, policy])));
}

/**
 * Validates `document` and stores it in the Redis policy hash under `name` (an operator's or a
 * test's helper: a policy that would be refused at load never reaches Redis this way).
 *
 * @throws {PolicyStoreError} for a bad name or document.
 */
export async function putRedisPolicy(client: Redis | Cluster, keyPrefix: string, name: string, document: unknown): Promise<void> {
  const text = typeof document === 'string' ? document : JSON.stringify(document);
  compilePolicies([{ name, origin: `policy "${name}"`, text }]);
  await client.hset(policyRedisKey(keyPrefix), name, text);
}

/** Module-private: the store over a snapshot that `reload` replaces whole. */
class SnapshotPolicyStore implements PolicyStore {
  #policies: Map<string, Policy>;
  #names: readonly string[];
  #version = 1;
  #timer: NodeJS.Timeout | undefined;
  readonly #read: () => Promise<Map<string, Policy>>;

  constructor(policies: Map<string, Policy>, read: () => Promise<Map<string, Policy>>) {
    this.#policies = policies;
    this.#names = [...policies.keys()].sort();
    this.#read = read;
  }

  get version(): number {
    return this.#version;
  }

  get(name: string): Policy | undefined {
    return this.#policies.get(name);
  }

  names(): readonly string[] {
    return this.#names;
  }

  async reload(): Promise<void> {
    const next = await this.#read();
    if (sameSnapshot(this.#policies, next)) return;
    this.#policies = next;
    this.#names = [...next.keys()].sort();
    this.#version += 1;
  }

  close(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /** Reloads every `intervalMs`, reporting each outcome (undefined: success). */
  startRefresh(intervalMs: number, report: (error: unknown) => void): void {
    this.#timer = setInterval(() => {
      this.reload().then(() => report(undefined), report);
    }, intervalMs);
    this.#timer.unref();
  }
}

/** Module-private: whether two snapshots hold the same documents (so an unchanged reload keeps the version). */
function sameSnapshot(a: Map<string, Policy>, b: Map<string, Policy>): boolean {
  if (a.size !== b.size) return false;
  for (const [name, policy] of a) {
    const other = b.get(name);
    if (!other || JSON.stringify(other) !== JSON.stringify(policy)) return false;
  }
  return true;
}

/** The policies a caller's names resolve to, and the names the store does not define. */
export interface PolicyLookup {
  readonly policies: readonly Policy[];
  /** Names with no policy: they grant nothing (never an allow), and the caller's resolver logs them. */
  readonly unknown: readonly string[];
}

/** Looks up each name in `store` (duplicates once). */
export function lookupPolicies(store: PolicyStore, names: readonly string[]): PolicyLookup {
  const policies: Policy[] = [];
  const unknown: string[] = [];
  for (const name of new Set(names)) {
    const policy = store.get(name);
    if (policy) policies.push(policy);
    else unknown.push(name);
  }
  return { policies, unknown };
}
