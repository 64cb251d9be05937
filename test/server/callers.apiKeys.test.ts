import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiKeyIndexRedisKey, apiKeyRedisKey, createApiKeyStore, createFileApiKeyBackend, parsePolicy, putRedisPolicy, staticPolicyStore, type ApiKeyStore, type Caller } from '../../src/auth';
import { callerResolverOptions, openAuth, type OpenedAuth } from '../../src/server';
import { deleteRedisPrefix, startOwnRedisServer, TEST_REDIS_URL, testRedisClient, uniqueRedisPrefix } from '../helpers/redis';
import { startStack, type Stack } from '../helpers/startStack';
import { tsxArgs } from '../helpers/tsx';

// API keys end to end: created, listed and revoked with the CLI (`scripts/keys.ts`, spawned as an
// operator runs it) in a key file and in Redis, then presented to a gateway over real HTTP. A good
// key reaches the request as its caller; a wrong, malformed, expired or revoked one is answered
// 401 UNAUTHENTICATED with an `ApiKey` challenge before any GraphQL work (no upstream call).

const QUERY = '{ apps(first: 1) { nodes { name } } }';
const allowAll = parsePolicy('everything', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });
const KEY_SHAPE = /^ppg_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/;

/** Module-private: runs `scripts/keys.ts` with `env` on top of a clean environment. */
function keysCli(args: readonly string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, tsxArgs(join(__dirname, '..', '..', 'scripts', 'keys.ts'), ...args), {
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The refusal of an API key. */
function unauthenticated(message: string) {
  return { status: 401, body: { errors: [{ message, extensions: { code: 'UNAUTHENTICATED' } }] }, challenge: 'ApiKey realm="pinpoint-graph"' };
}

describe('API keys in a file', () => {
  let dir: string;
  let file: string;
  let store: ApiKeyStore;
  let stack: Stack;
  const callers: Caller[] = [];
  let created: { key: string; id: string };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'api-keys-'));
    file = join(dir, 'nested', 'api-keys.json');
    store = createApiKeyStore(createFileApiKeyBackend(file));
    stack = await startStack({ gateway: { auth: { apiKeys: store, policies: staticPolicyStore([allowAll]) }, onCaller: (caller) => callers.push(caller) } });
  });

  afterAll(async () => {
    await stack?.close();
    await rm(dir, { recursive: true, force: true });
  });

  beforeEach(() => {
    callers.length = 0;
  });

  /** Asserts the key is refused with `message`, costing no upstream call. */
  async function expectRefused(headers: Record<string, string>, message: string, challenge = unauthenticated(message).challenge): Promise<void> {
    const before = stack.gateway.processCalls.total;
    const response = await stack.gql(QUERY, undefined, headers);
    const expected = unauthenticated(message);
    expect({ status: response.status, body: response.body }).toEqual({ status: expected.status, body: expected.body });
    expect(response.headers.get('www-authenticate')).toBe(challenge);
    expect(stack.gateway.processCalls.total).toBe(before);
    expect(callers).toEqual([]);
  }

  test('create: the CLI prints the key once; the file (mode 0600) holds only its hash', async () => {
    const { code, stdout, stderr } = await keysCli(['create', '--name', 'Storefront', '--owner', 'web-team', '--policy', 'everything', '--policy', 'ghost', '--json'], { API_KEYS_FILE: file });
    expect({ code, stderr }).toEqual({ code: 0, stderr: 'warning: "everything", "ghost" are not defined in the policy store; the key gets nothing from them until defined.\n' });
    const printed = JSON.parse(stdout);
    expect(printed).toEqual({ key: expect.stringMatching(KEY_SHAPE), id: expect.stringMatching(/^[0-9a-f]{16}$/), name: 'Storefront', owner: 'web-team', policies: ['everything', 'ghost'], createdAt: expect.any(String), revoked: false });
    created = { key: printed.key, id: printed.id };
    const text = await readFile(file, 'utf8');
    expect(text).not.toContain(created.key.slice(21));
    expect(JSON.parse(text).keys[0]).toEqual({ ...printed, key: undefined, secretSha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  test('a valid key (x-api-key or Authorization: ApiKey) runs the query as its caller', async () => {
    for (const headers of [{ 'x-api-key': created.key }, { authorization: `ApiKey ${created.key}` }] as Record<string, string>[]) {
      const response = await stack.gql(QUERY, undefined, headers);
      expect(response.status).toBe(200);
      expect(response.body.data.apps.nodes).toHaveLength(1);
    }
    const caller: Caller = { kind: 'apiKey', id: created.id, name: 'Storefront (web-team)', policyNames: ['everything', 'ghost'], policies: [allowAll] };
    expect(callers).toEqual([caller, caller]);
  });

  test('a wrong secret, an unknown ID and a malformed key are refused', async () => {
    const wrongSecret = `${created.key.slice(0, 21)}${'A'.repeat(43)}`;
    await expectRefused({ 'x-api-key': wrongSecret }, 'The API key is not valid.');
    await expectRefused({ 'x-api-key': `ppg_0000000000000000_${'A'.repeat(43)}` }, 'The API key is not valid.');
    await expectRefused({ authorization: 'ApiKey hunter2' }, 'The API key is malformed: expected ppg_<16 hex digits>_<43 base64url characters>.');
  });

  test('an expired key is refused', async () => {
    const { key, info } = await store.create({ name: 'Old', owner: 'ops', policies: ['everything'], expiresAt: new Date('2021-01-01T00:00:00Z') }, new Date('2020-06-01T00:00:00Z'));
    await expectRefused({ 'x-api-key': key }, `The API key ${info.id} expired at 2021-01-01T00:00:00.000Z.`);
  });

  test('list: the CLI shows every key and its status, never a secret', async () => {
    const json = await keysCli(['list', '--json'], { API_KEYS_FILE: file });
    expect(json.code).toBe(0);
    const listed = JSON.parse(json.stdout);
    expect(listed.map((key: any) => [key.name, key.status])).toEqual([['Storefront', 'active'], ['Old', 'expired']]);
    expect(listed.every((key: any) => !('secretSha256' in key) && !('key' in key))).toBe(true);
    const table = await keysCli(['list'], { API_KEYS_FILE: file });
    expect(table.stdout.split('\n')[0]).toMatch(/^ID\s+NAME\s+OWNER\s+POLICIES\s+CREATED\s+EXPIRES\s+STATUS$/);
    expect(table.stdout).toContain(`${created.id}  Storefront  web-team  everything,ghost`);
  });

  test('revoke: the CLI revokes the key and the running gateway refuses it on the next request', async () => {
    const revoked = await keysCli(['revoke', created.id], { API_KEYS_FILE: file });
    expect(revoked.code).toBe(0);
    const at = /at (\S+)\.\n$/.exec(revoked.stdout)?.[1];
    expect(revoked.stdout).toBe(`Revoked API key ${created.id} "Storefront" (web-team) at ${at}.\n`);
    await expectRefused({ 'x-api-key': created.key }, `The API key ${created.id} was revoked at ${at}.`);
    const unknown = await keysCli(['revoke', 'ffffffffffffffff'], { API_KEYS_FILE: file });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr.split('\n')[0]).toBe(`keys: no API key has the ID "ffffffffffffffff" in file ${file}`);
  });

  test('the CLI refuses bad arguments with the contract', async () => {
    const missing = await keysCli(['create', '--name', 'x'], { API_KEYS_FILE: file });
    expect([missing.code, missing.stderr.split('\n')[0]]).toEqual([1, 'keys: create needs --owner, --policy']);
    const badDate = await keysCli(['create', '--name', 'x', '--owner', 'o', '--policy', 'p', '--expires', 'tomorrow'], { API_KEYS_FILE: file });
    expect([badDate.code, badDate.stderr.split('\n')[0]]).toEqual([1, 'keys: --expires must be an ISO 8601 date or date-time such as 2027-01-31 or 2027-01-31T12:00:00Z; got "tomorrow"']);
    const past = await keysCli(['create', '--name', 'x', '--owner', 'o', '--policy', 'p', '--expires', '2020-01-01'], { API_KEYS_FILE: file });
    expect([past.code, past.stderr.split('\n')[0]]).toEqual([1, 'keys: Cannot create the API key: expiry must be in the future; got 2020-01-01T00:00:00.000Z.']);
  });

  test('two credentials, or an unsupported scheme, are refused with the challenges of the accepted schemes', async () => {
    // Only the schemes this gateway accepts are offered (it has a key store and no JWT key set).
    const apiKeyOnly = 'ApiKey realm="pinpoint-graph"';
    await expectRefused({ 'x-api-key': 'a', authorization: 'ApiKey b' }, 'The request carries two credentials (Authorization and x-api-key); send one.', apiKeyOnly);
    await expectRefused({ authorization: 'Basic dXNlcjpwYXNz' }, 'The Authorization scheme "Basic" is not supported; use "Bearer <jwt>" or "ApiKey <key>" (or the x-api-key header).', apiKeyOnly);
    // This gateway has no JWT key set: a bearer token is refused, not ignored.
    await expectRefused({ authorization: 'Bearer abc.def.ghi' }, 'Bearer tokens are not accepted by this gateway (no JWT key set is configured).', `Bearer realm="pinpoint-graph", error="invalid_token", error_description="Bearer tokens are not accepted by this gateway (no JWT key set is configured)."`);
  });
});

describe('API keys and policies in Redis', () => {
  const prefix = uniqueRedisPrefix('apikeys');
  const env = { REDIS_URL: TEST_REDIS_URL, REDIS_KEY_PREFIX: prefix };
  let auth: OpenedAuth;
  let stack: Stack;
  const callers: Caller[] = [];

  beforeAll(async () => {
    const redis = testRedisClient();
    try {
      await putRedisPolicy(redis, prefix, 'campaign-reader', { Version: '2012-10-17', Statement: [{ Sid: 'Read', Effect: 'Allow', Action: 'mobiletargeting:GetCampaign*', Resource: '*' }] });
    } finally {
      redis.disconnect();
    }
    auth = await openAuth({ auth: { policiesRefreshSeconds: 0, apiKeysFile: '/nonexistent/never-used.json', anonymousPolicies: 'open' }, redis: { url: TEST_REDIS_URL, keyPrefix: prefix, commandTimeoutMs: 500 } });
    stack = await startStack({ gateway: { auth: callerResolverOptions(auth), onCaller: (caller) => callers.push(caller) } });
  });

  afterAll(async () => {
    await stack?.close();
    await auth?.close();
    await deleteRedisPrefix(prefix);
  });

  test('create with the CLI, use at the gateway, list, revoke: the next request is refused', async () => {
    const create = await keysCli(['create', '--name', 'Campaign board', '--owner', 'marketing', '--policy', 'campaign-reader', '--expires', '2099-12-31T23:59:59Z'], env);
    expect(create.stderr).toBe('');
    expect(create.code).toBe(0);
    const key = /^ {2}(ppg_\S+)$/m.exec(create.stdout)?.[1] ?? '';
    const id = key.slice(4, 20);
    expect(key).toMatch(KEY_SHAPE);
    expect(create.stdout.split('\n').slice(0, 3)).toEqual([`Created API key ${id} "Campaign board" for marketing in redis ${prefix}auth:{apikeys}:*`, '  policies: campaign-reader', '  expires:  2099-12-31T23:59:59.000Z']);

    const ok = await stack.gql(QUERY, undefined, { 'x-api-key': key });
    expect(ok.status).toBe(200);
    expect(callers).toEqual([{ kind: 'apiKey', id, name: 'Campaign board (marketing)', policyNames: ['campaign-reader'], policies: [auth.policies.get('campaign-reader')] }]);
    expect(auth.policies.get('campaign-reader')?.statements[0].sid).toBe('Read');

    const redis = testRedisClient();
    try {
      const stored = JSON.parse((await redis.get(apiKeyRedisKey(prefix, id))) ?? '{}');
      expect(Object.keys(stored).sort()).toEqual(['createdAt', 'expiresAt', 'id', 'name', 'owner', 'policies', 'revoked', 'secretSha256']);
      expect(await redis.smembers(apiKeyIndexRedisKey(prefix))).toEqual([id]);
    } finally {
      redis.disconnect();
    }

    const listed = await keysCli(['list', '--json'], env);
    expect(JSON.parse(listed.stdout)).toEqual([{ id, name: 'Campaign board', owner: 'marketing', policies: ['campaign-reader'], createdAt: expect.any(String), expiresAt: '2099-12-31T23:59:59.000Z', revoked: false, status: 'active' }]);

    expect((await keysCli(['revoke', id], env)).code).toBe(0);
    const refused = await stack.gql(QUERY, undefined, { 'x-api-key': key });
    expect(refused.status).toBe(401);
    expect(refused.body.errors?.[0].message).toMatch(new RegExp(`^The API key ${id} was revoked at \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z\\.$`));
  }, 60_000);

  test('a key stored by an earlier version (auth:apikey:<id>, index auth:apikeys) keeps working and is adopted on first use', async () => {
    const create = await keysCli(['create', '--name', 'Legacy board', '--owner', 'ops', '--policy', 'campaign-reader'], env);
    const key = /^ {2}(ppg_\S+)$/m.exec(create.stdout)?.[1] ?? '';
    const id = key.slice(4, 20);
    const redis = testRedisClient();
    try {
      // Put the record back where the previous version kept it, as an upgrade finds it.
      await redis.rename(apiKeyRedisKey(prefix, id), `${prefix}auth:apikey:${id}`);
      await redis.srem(apiKeyIndexRedisKey(prefix), id);
      await redis.sadd(`${prefix}auth:apikeys`, id);
      expect(await redis.exists(apiKeyRedisKey(prefix, id))).toBe(0);

      const ok = await stack.gql(QUERY, undefined, { 'x-api-key': key });
      expect(ok.status).toBe(200);
      expect(await redis.get(apiKeyRedisKey(prefix, id))).toBe(await redis.get(`${prefix}auth:apikey:${id}`));
      expect(await redis.smembers(apiKeyIndexRedisKey(prefix))).toContain(id);
      const listed = JSON.parse((await keysCli(['list', '--json'], env)).stdout) as { id: string }[];
      expect(listed.map((entry) => entry.id)).toContain(id);

      expect((await keysCli(['revoke', id], env)).code).toBe(0);
      expect((await stack.gql(QUERY, undefined, { 'x-api-key': key })).status).toBe(401);
    } finally {
      redis.disconnect();
    }
  }, 60_000);
});

test('Redis down: a key cannot be checked, so the answer is 503, never the anonymous caller', async () => {
  const own = await startOwnRedisServer();
  const auth = await openAuth({ auth: { policiesRefreshSeconds: 0, apiKeysFile: '/nonexistent.json', anonymousPolicies: 'open' }, redis: { url: own.url, keyPrefix: 'down:', commandTimeoutMs: 200 } });
  const { key } = await auth.apiKeys.create({ name: 'n', owner: 'o', policies: ['p'] });
  const stack = await startStack({ gateway: { auth: callerResolverOptions(auth) } });
  let stopped = false;
  try {
    expect((await stack.gql(QUERY, undefined, { 'x-api-key': key })).status).toBe(200);
    await own.stop();
    stopped = true;
    const response = await stack.gql(QUERY, undefined, { 'x-api-key': key });
    expect({ status: response.status, body: response.body }).toEqual({
      status: 503,
      body: { errors: [{ message: 'The API key could not be checked: the key store (redis down:auth:{apikeys}:*) is unavailable.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] },
    });
  } finally {
    await stack.close();
    await auth.close();
    // Once: the helper's stop() waits for an exit that a second call would never see.
    if (!stopped) await own.stop();
  }
});

describe('the anonymous caller (no credentials)', () => {
  const reader = parsePolicy('reader', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'mobiletargeting:Get*', Resource: '*' }] });

  /** The caller a request without credentials gets from a gateway with `gateway` options. */
  async function anonymousOf(gateway: Parameters<typeof startStack>[0] extends infer O ? (O extends { gateway?: infer G } ? G : never) : never): Promise<Caller> {
    const callers: Caller[] = [];
    const stack = await startStack({ gateway: { ...gateway, onCaller: (caller) => callers.push(caller) } });
    try {
      expect((await stack.gql('{ __typename }')).status).toBe(200);
      return callers[0];
    } finally {
      await stack.close();
    }
  }

  test('development and test: the built-in open policy (npm start stays zero-setup)', async () => {
    const caller = await anonymousOf({ nodeEnv: 'development' });
    expect({ ...caller, policies: caller.policies.map((policy) => policy.name) }).toEqual({ kind: 'anonymous', id: 'anonymous', name: 'anonymous', policyNames: ['open'], policies: ['open'] });
  });

  test('production: no policy at all (everything denied)', async () => {
    expect(await anonymousOf({ nodeEnv: 'production' })).toEqual({ kind: 'anonymous', id: 'anonymous', name: 'anonymous', policyNames: [], policies: [] });
  });

  test('ANONYMOUS_POLICIES names policies of the store; an undefined one grants nothing', async () => {
    expect(await anonymousOf({ nodeEnv: 'production', auth: { anonymous: ['reader', 'ghost'], policies: staticPolicyStore([reader]) } })).toEqual({
      kind: 'anonymous',
      id: 'anonymous',
      name: 'anonymous',
      policyNames: ['reader', 'ghost'],
      policies: [reader],
    });
  });

  test('a gateway without a key store refuses keys rather than ignoring them', async () => {
    const stack = await startStack();
    try {
      const response = await stack.gql(QUERY, undefined, { 'x-api-key': 'ppg_x' });
      expect({ status: response.status, body: response.body, challenge: response.headers.get('www-authenticate') }).toEqual({
        status: 401,
        body: { errors: [{ message: 'API keys are not accepted by this gateway (no key store is configured).', extensions: { code: 'UNAUTHENTICATED' } }] },
        challenge: 'ApiKey realm="pinpoint-graph"',
      });
    } finally {
      await stack.close();
    }
  });
});
