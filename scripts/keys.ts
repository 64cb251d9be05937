/**
 * `npm run keys -- <command>`: creates, lists and revokes API keys in the store the gateway reads
 * (Redis when REDIS_URL is set, else API_KEYS_FILE), through the same module the gateway uses.
 *
 *   create --name N --owner O --policy P [--policy P2 …] [--expires ISO-8601] [--json]
 *   list [--json]
 *   revoke ID
 *
 * `create` prints the key once; only its SHA-256 is stored. `list` never shows secrets.
 * Exit codes: 0 done, 1 refused (bad arguments, unknown ID), 2 bad configuration.
 */
import { parseArgs } from 'node:util';
import type { ApiKeyInfo } from '../src/auth';
import { ConfigError, loadConfig, type Config } from '../src/config';
import { openAuth, type OpenedAuth } from '../src/server';

/** Module-private: the usage text. */
const USAGE = `Usage: npm run keys -- <command>
  create --name NAME --owner OWNER --policy POLICY [--policy POLICY ...] [--expires ISO-8601] [--json]
  list [--json]
  revoke ID
Keys are stored in Redis when REDIS_URL is set (under REDIS_KEY_PREFIX), else in API_KEYS_FILE (default .data/api-keys.json).`;

/** Module-private: a refusal the CLI reports as one line and exit code 1. */
class UsageError extends Error {}

/** Module-private: runs one command; returns the exit code. */
async function run(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(`${USAGE}\n`);
    return command === undefined ? 1 : 0;
  }
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const warn = (_details: object, message: string) => process.stderr.write(`warning: ${message}\n`);
  const auth = await openAuth(config, { warn, info: () => undefined }, { jwt: false });
  try {
    switch (command) {
      case 'create':
        return await create(auth, rest);
      case 'list':
        return await list(auth, rest);
      case 'revoke':
        return await revoke(auth, rest);
      default:
        throw new UsageError(`unknown command ${JSON.stringify(command)}; expected create, list or revoke`);
    }
  } finally {
    await auth.close();
  }
}

/** Module-private: `create`. */
async function create(auth: OpenedAuth, args: readonly string[]): Promise<number> {
  const { values } = parse(args, {
    name: { type: 'string' },
    owner: { type: 'string' },
    policy: { type: 'string', multiple: true },
    expires: { type: 'string' },
    json: { type: 'boolean' },
  });
  const missing = (['name', 'owner', 'policy'] as const).filter((option) => values[option] === undefined);
  if (missing.length > 0) throw new UsageError(`create needs ${missing.map((option) => `--${option}`).join(', ')}`);
  let expiresAt: Date | undefined;
  if (values.expires !== undefined) {
    // ISO 8601 with a date at least; a bare date means its midnight UTC, as Date.parse reads it.
    if (!/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(values.expires) || Number.isNaN(Date.parse(values.expires))) {
      throw new UsageError(`--expires must be an ISO 8601 date or date-time such as 2027-01-31 or 2027-01-31T12:00:00Z; got ${JSON.stringify(values.expires)}`);
    }
    expiresAt = new Date(values.expires);
  }
  const policies = values.policy as string[];
  let created: Awaited<ReturnType<OpenedAuth['apiKeys']['create']>>;
  try {
    created = await auth.apiKeys.create({ name: values.name as string, owner: values.owner as string, policies, expiresAt });
  } catch (error) {
    if (error instanceof RangeError) throw new UsageError(error.message);
    throw error;
  }
  const undefinedPolicies = policies.filter((name) => auth.policies.get(name) === undefined);
  if (undefinedPolicies.length > 0) {
    process.stderr.write(`warning: ${undefinedPolicies.map((name) => JSON.stringify(name)).join(', ')} ${undefinedPolicies.length === 1 ? 'is' : 'are'} not defined in the policy store; the key gets nothing from ${undefinedPolicies.length === 1 ? 'it' : 'them'} until defined.\n`);
  }
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ key: created.key, ...created.info })}\n`);
    return 0;
  }
  const { info } = created;
  process.stdout.write(
    [
      `Created API key ${info.id} "${info.name}" for ${info.owner} in ${auth.apiKeys.description}`,
      `  policies: ${info.policies.join(', ')}`,
      `  expires:  ${info.expiresAt ?? 'never'}`,
      '',
      'The key (shown this once; only its hash is stored):',
      '',
      `  ${created.key}`,
      '',
      'Send it as `x-api-key: <key>` or `Authorization: ApiKey <key>`.',
      '',
    ].join('\n'),
  );
  return 0;
}

/** Module-private: `list`. */
async function list(auth: OpenedAuth, args: readonly string[]): Promise<number> {
  const { values } = parse(args, { json: { type: 'boolean' } });
  const keys = await auth.apiKeys.list();
  if (values.json) {
    process.stdout.write(`${JSON.stringify(keys.map((key) => ({ ...key, status: status(key) })))}\n`);
    return 0;
  }
  if (keys.length === 0) {
    process.stdout.write(`No API keys in ${auth.apiKeys.description}.\n`);
    return 0;
  }
  const rows = [['ID', 'NAME', 'OWNER', 'POLICIES', 'CREATED', 'EXPIRES', 'STATUS'], ...keys.map((key) => [key.id, key.name, key.owner, key.policies.join(','), key.createdAt, key.expiresAt ?? 'never', status(key)])];
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  process.stdout.write(`${rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd()).join('\n')}\n`);
  return 0;
}

/** Module-private: `revoke`. */
async function revoke(auth: OpenedAuth, args: readonly string[]): Promise<number> {
  const { positionals } = parse(args, {}, true);
  if (positionals.length !== 1) throw new UsageError(`revoke takes one key ID; got ${positionals.length}`);
  const revoked = await auth.apiKeys.revoke(positionals[0]);
  if (!revoked) throw new UsageError(`no API key has the ID ${JSON.stringify(positionals[0])} in ${auth.apiKeys.description}`);
  process.stdout.write(`Revoked API key ${revoked.id} "${revoked.name}" (${revoked.owner}) at ${revoked.revokedAt}.\n`);
  return 0;
}

/** Module-private: a key's state now. */
function status(key: ApiKeyInfo): 'active' | 'expired' | 'revoked' {
  if (key.revoked) return 'revoked';
  return key.expiresAt !== undefined && Date.parse(key.expiresAt) <= Date.now() ? 'expired' : 'active';
}

/** Module-private: `parseArgs`, strict, its errors as usage errors. */
function parse<T extends NonNullable<Parameters<typeof parseArgs>[0]>['options']>(args: readonly string[], options: T, allowPositionals = false) {
  try {
    return parseArgs({ args: [...args], options, allowPositionals, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`keys: ${error.message}\n${USAGE}\n`);
      process.exit(1);
    }
    process.stderr.write(`keys: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
