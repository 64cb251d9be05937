import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import IORedis, { type Redis } from 'ioredis';
import { createPolicyStore, lookupPolicies, parsePolicy, policyRedisKey, PolicyStoreError, putRedisPolicy, type PolicyStore } from '../../src/auth';
import { deleteRedisPrefix, startOwnRedisServer, testRedisClient, uniqueRedisPrefix } from '../helpers/redis';

// The named policies keys and claims attach: loaded from a folder and from a Redis hash (the
// shared test Redis, under a prefix of this file's own), every document parsed when loaded, and
// every problem refused at once with its name and origin.

const READ_CAMPAIGNS = { Version: '2012-10-17', Statement: [{ Sid: 'Read', Effect: 'Allow', Action: 'mobiletargeting:GetCampaign*', Resource: 'arn:aws:mobiletargeting:*:*:apps/abc/*' }] };
const SEND_SMS = { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 'sms-voice:SendTextMessage', Resource: '*' } };

let dir: string;
let redis: Redis;
const prefix = uniqueRedisPrefix('policies');
const stores: PolicyStore[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'policies-'));
  redis = testRedisClient();
});

afterAll(async () => {
  for (const store of stores) store.close();
  redis.disconnect();
  await deleteRedisPrefix(prefix);
  await rm(dir, { recursive: true, force: true });
});

/** A store that the suite closes. */
async function open(options: Parameters<typeof createPolicyStore>[0]): Promise<PolicyStore> {
  const store = await createPolicyStore(options);
  stores.push(store);
  return store;
}

/** The message a load fails with. */
async function loadError(options: Parameters<typeof createPolicyStore>[0]): Promise<string> {
  try {
    (await open(options)).close();
    return 'loaded';
  } catch (error) {
    expect(error).toBeInstanceOf(PolicyStoreError);
    return (error as Error).message;
  }
}

/** A fresh folder holding `files`. */
async function folder(files: Record<string, string>): Promise<string> {
  const path = await mkdtemp(join(dir, 'set-'));
  await Promise.all(Object.entries(files).map(([name, text]) => writeFile(join(path, name), text)));
  return path;
}

test('a folder: one policy per <name>.json, other files ignored; parsed as parsePolicy parses', async () => {
  const path = await folder({ 'campaign-reader.json': JSON.stringify(READ_CAMPAIGNS), 'sms-sender.json': JSON.stringify(SEND_SMS), 'README.md': '# not a policy' });
  const store = await open({ dir: path });
  expect(store.names()).toEqual(['campaign-reader', 'sms-sender']);
  expect(store.get('campaign-reader')).toEqual(parsePolicy('campaign-reader', READ_CAMPAIGNS));
  expect(store.get('README')).toBeUndefined();
  expect(lookupPolicies(store, ['sms-sender', 'ghost', 'sms-sender'])).toEqual({ policies: [store.get('sms-sender')], unknown: ['ghost'] });
});

test('bad policies are refused at load, every problem at once, naming the file', async () => {
  const path = await folder({
    'broken.json': '{ "Version": "2012-10-17", ',
    'wildcard-typo.json': JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'mobiletargeting:Get*', Resource: '*', Condition: { NumericEquals: { 'aws:RequestedRegion': '1' } } }] }),
    'bad name!.json': JSON.stringify(SEND_SMS),
    'fine.json': JSON.stringify(SEND_SMS),
  });
  const message = await loadError({ dir: path });
  const lines = message.split('\n');
  expect(lines[0]).toBe('Policies could not be loaded:');
  expect(lines.slice(1)).toEqual([
    `  - file ${join(path, 'bad name!.json')}: the name "bad name!" is not a policy name (a letter or digit, then letters, digits, ".", "_" or "-", at most 128 characters)`,
    expect.stringMatching(new RegExp(`^  - file ${join(path, 'broken.json').replace(/[.]/g, '\\.')}: Policy "broken" is invalid: document: is not valid JSON \\(`)),
    expect.stringMatching(new RegExp(`^  - file ${join(path, 'wildcard-typo.json').replace(/[.]/g, '\\.')}: Policy "wildcard-typo" is invalid: Statement\\[0\\]: .*NumericEquals`)),
  ]);
});

test('a folder that cannot be read is refused with its path', async () => {
  expect(await loadError({ dir: join(dir, 'missing') })).toMatch(new RegExp(`^Policies could not be loaded:\n  - POLICIES_DIR "${join(dir, 'missing')}" cannot be read: ENOENT`));
});

test('Redis: one hash under the prefix; the same name in the folder and Redis is refused', async () => {
  await putRedisPolicy(redis, prefix, 'sms-sender', SEND_SMS);
  expect(await redis.hget(policyRedisKey(prefix), 'sms-sender')).toBe(JSON.stringify(SEND_SMS));
  const store = await open({ redis: { client: redis, keyPrefix: prefix } });
  expect(store.names()).toEqual(['sms-sender']);
  expect(store.get('sms-sender')).toEqual(parsePolicy('sms-sender', SEND_SMS));

  const path = await folder({ 'sms-sender.json': JSON.stringify(SEND_SMS) });
  expect(await loadError({ dir: path, redis: { client: redis, keyPrefix: prefix } })).toBe(
    `Policies could not be loaded:\n  - redis ${prefix}auth:policies[sms-sender]: policy "sms-sender" is also defined by file ${join(path, 'sms-sender.json')}; a name must be defined once`,
  );
});

test('putRedisPolicy refuses a bad document before it reaches Redis', async () => {
  await expect(putRedisPolicy(redis, prefix, 'bad', { Version: '2012-10-17', Statement: [] })).rejects.toThrow(/^Policies could not be loaded:\n {2}- policy "bad": Policy "bad" is invalid: Statement: must be a statement object or a non-empty array of them; got/);
  expect(await redis.hexists(policyRedisKey(prefix), 'bad')).toBe(0);
});

test('reload: a new policy bumps the version; a bad one is refused and the previous snapshot kept', async () => {
  const own = `${prefix}reload:`;
  await putRedisPolicy(redis, own, 'a', SEND_SMS);
  const store = await open({ redis: { client: redis, keyPrefix: own } });
  expect([store.version, store.names()]).toEqual([1, ['a']]);
  await store.reload();
  expect(store.version).toBe(1);
  await putRedisPolicy(redis, own, 'b', READ_CAMPAIGNS);
  await store.reload();
  expect([store.version, store.names()]).toEqual([2, ['a', 'b']]);
  // Written behind the helper's back, as a hand edit would be.
  await redis.hset(policyRedisKey(own), 'c', '{"Statement": 42}');
  await expect(store.reload()).rejects.toThrow(PolicyStoreError);
  expect([store.version, store.names()]).toEqual([2, ['a', 'b']]);
});

test('refreshSeconds: the store picks up Redis changes by itself, and warns once about a bad one', async () => {
  const own = `${prefix}refresh:`;
  const warnings: string[] = [];
  const store = await open({ redis: { client: redis, keyPrefix: own }, refreshSeconds: 1, logger: { warn: (_details, message) => warnings.push(message), info: () => undefined } });
  expect(store.names()).toEqual([]);
  await putRedisPolicy(redis, own, 'late', SEND_SMS);
  await waitFor(() => store.names().length === 1);
  expect(store.names()).toEqual(['late']);
  await redis.hset(policyRedisKey(own), 'bad', 'nope');
  await waitFor(() => warnings.length > 0);
  await new Promise((resolve) => setTimeout(resolve, 1_200));
  expect(warnings).toEqual(['policies: reload failed; keeping the policies loaded before']);
  expect(store.names()).toEqual(['late']);
});

/** Module-private: polls `done` every 50 ms, for at most 5 s. */
async function waitFor(done: () => boolean): Promise<void> {
  for (let waited = 0; !done(); waited += 50) {
    if (waited > 5_000) throw new Error('condition not met within 5 s');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

test('Redis unreachable at start: the store starts with the directory policies, Redis names grant nothing, and it loads them once Redis answers', async () => {
  const own = await startOwnRedisServer();
  const prefix = uniqueRedisPrefix('policies-down');
  const client = new IORedis(own.url, { maxRetriesPerRequest: 1, lazyConnect: true, enableOfflineQueue: false });
  const dir = await mkdtemp(join(tmpdir(), 'policies-down-'));
  await writeFile(join(dir, 'from-dir.json'), JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'mobiletargeting:GetApps', Resource: '*' }] }));
  try {
    await client.connect();
    await putRedisPolicy(client, prefix, 'from-redis', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });
    await own.stop();
    const store = await createPolicyStore({ dir, redis: { client, keyPrefix: prefix } });
    try {
      expect(store.names()).toEqual(['from-dir']);
      expect(lookupPolicies(store, ['from-redis', 'from-dir'])).toMatchObject({ unknown: ['from-redis'] });
      // The test's Redis keeps nothing on disk: it comes back empty, so the policy is put again.
      await own.start();
      // The client reconnects on its own (ioredis's retry strategy); wait until it is ready again.
      for (let attempt = 0; client.status !== 'ready' && attempt < 100; attempt += 1) {
        if (client.status === 'end') await client.connect().catch(() => undefined);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(client.status).toBe('ready');
      await putRedisPolicy(client, prefix, 'from-redis', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });
      await store.reload();
      expect(store.names()).toEqual(['from-dir', 'from-redis']);
    } finally {
      store.close();
    }
  } finally {
    client.disconnect();
    await own.stop();
    await rm(dir, { recursive: true, force: true });
  }
}, 20_000);
