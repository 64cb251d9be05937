import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { createHash } from 'node:crypto';
import { ConfigError, loadConfig } from '../../src/config';
import { createGatewayServer, type GatewayServer } from '../../src/server';
import { graphiqlTabs, resolveRelativeDates } from '../../src/server/graphiql';
import { createFileDocumentStore, createRedisDocumentStore, trustedDocumentsRedisKey, type TrustedDocumentStore } from '../../src/server/trustedDocuments';
import { postGql } from '../helpers/gql';
import { deleteRedisPrefix, startOwnRedisServer, TEST_REDIS_URL, testRedisClient, uniqueRedisPrefix } from '../helpers/redis';
import { startStack, type Stack } from '../helpers/startStack';
import { tsxArgs } from '../helpers/tsx';

/**
 * Trusted documents and automatic persisted queries, over real HTTP and the shared test Redis
 * (unique key prefixes): APQ stored in Redis and shared by two gateways; `TRUSTED_DOCUMENTS=required`
 * refusing every unregistered document before parsing while registered ones, GraphiQL's examples
 * and GraphiQL's schema query run; `log` mode; the `npm run documents` CLI.
 */

const root = join(__dirname, '..', '..');

/** Module-private: the SHA-256 of a document's text (what Apollo's APQ link sends). */
function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Module-private: POSTs an APQ request: the hash, with the text when `query` is given. */
async function postPersisted(graphqlUrl: string, hash: string, query?: string, variables?: Record<string, unknown>) {
  const response = await fetch(graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
    body: JSON.stringify({ ...(query === undefined ? {} : { query }), ...(variables ? { variables } : {}), extensions: { persistedQuery: { version: 1, sha256Hash: hash } } }),
  });
  return { status: response.status, body: (await response.json()) as { data?: any; errors?: { message: string; extensions?: Record<string, any> }[] } };
}

/** Module-private: the refusal of an unregistered document, exactly. */
function notAllowed(hash: string) {
  return {
    status: 400,
    body: {
      errors: [
        {
          message: `This gateway runs registered documents only (TRUSTED_DOCUMENTS=required); no document is registered with SHA-256 ${hash}. Register the operation with \`npm run documents -- register FILE\`.`,
          extensions: { code: 'PERSISTED_QUERY_NOT_ALLOWED', sha256Hash: hash },
        },
      ],
    },
  };
}

/** Module-private: waits until `check` holds (Apollo stores an APQ entry after answering, without waiting for Redis). */
async function eventually(check: () => Promise<boolean>, timeoutMs = 2_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const APPS = '{ apps(first: 2) { nodes { name } } }';
const APPS_DATA = { apps: { nodes: [{ name: 'Retail Storefront' }, { name: 'Mobile Banking' }] } };

describe('automatic persisted queries in Redis', () => {
  const prefix = uniqueRedisPrefix('apq');
  const redis = { url: TEST_REDIS_URL, keyPrefix: prefix };
  let stack: Stack;
  let second: GatewayServer;

  beforeAll(async () => {
    stack = await startStack({ gateway: { redis, apqTtlSeconds: 120 } });
    const endpoint = stack.emulator.endpoint;
    second = await createGatewayServer({ redis, apqTtlSeconds: 120, endpoints: { pinpoint: endpoint, smsVoice: endpoint } });
  });
  afterAll(async () => {
    await second?.close();
    await stack?.close();
    await deleteRedisPrefix(prefix);
  });

  test('a hash miss, then registration by text, then hits on this gateway and on another sharing Redis', async () => {
    const hash = sha256(APPS);
    const miss = await postPersisted(stack.graphqlUrl, hash);
    expect(miss).toEqual({ status: 200, body: { errors: [{ message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }], extensions: { upstreamCalls: { total: 0, byOperation: {} } } } });
    // The other gateway has not seen it either.
    expect((await postPersisted(`${second.url}/graphql`, hash)).body.errors?.[0].extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');

    const registered = await postPersisted(stack.graphqlUrl, hash, APPS);
    expect(registered.status).toBe(200);
    expect(registered.body.data).toEqual(APPS_DATA);

    const client = testRedisClient();
    try {
      await eventually(async () => (await client.exists(`${prefix}apq:${hash}`)) === 1);
      expect(await client.get(`${prefix}apq:${hash}`)).toBe(APPS);
      const ttl = await client.ttl(`${prefix}apq:${hash}`);
      expect(ttl).toBeGreaterThan(100);
      expect(ttl).toBeLessThanOrEqual(120);
    } finally {
      client.disconnect();
    }

    const hit = await postPersisted(stack.graphqlUrl, hash);
    expect({ status: hit.status, data: hit.body.data, errors: hit.body.errors }).toEqual({ status: 200, data: APPS_DATA, errors: undefined });
    const hitElsewhere = await postPersisted(`${second.url}/graphql`, hash);
    expect({ status: hitElsewhere.status, data: hitElsewhere.body.data, errors: hitElsewhere.body.errors }).toEqual({ status: 200, data: APPS_DATA, errors: undefined });
  });

  test('a hash that does not match the text is refused and stores nothing', async () => {
    const wrong = sha256('{ __typename }');
    const response = await postPersisted(stack.graphqlUrl, wrong, APPS);
    expect({ status: response.status, message: response.body.errors?.[0].message, data: response.body.data }).toEqual({ status: 400, message: 'provided sha does not match query', data: undefined });
    const client = testRedisClient();
    try {
      expect(await client.exists(`${prefix}apq:${wrong}`)).toBe(0);
    } finally {
      client.disconnect();
    }
  });
});

describe('TRUSTED_DOCUMENTS=required (registry in a file)', () => {
  let dir: string;
  let file: string;
  let store: TrustedDocumentStore;
  let stack: Stack;
  const registered = 'query RegisteredApps { apps(first: 2) { nodes { name } } }';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'trusted-documents-'));
    file = join(dir, 'documents.json');
    store = createFileDocumentStore(file);
    await store.register([{ hash: sha256(registered), document: registered }]);
    stack = await startStack({ gateway: { trustedDocuments: { mode: 'required', file } } });
  });
  afterAll(async () => {
    await stack?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('an unregistered document is refused before parsing, as text or as a hash, and costs no upstream call', async () => {
    const text = '{ apps(first: 1) { nodes { name } } }';
    const before = await (await fetch(`${stack.emulator.endpoint}/_emulator/calls`)).json();
    const asText = await stack.gql(text);
    expect({ status: asText.status, body: asText.body }).toEqual(notAllowed(sha256(text)));
    expect(await postPersisted(stack.graphqlUrl, sha256(text))).toEqual(notAllowed(sha256(text)));
    // Not even a syntax error gets as far as the parser.
    const broken = await stack.gql('{ apps(');
    expect({ status: broken.status, body: broken.body }).toEqual(notAllowed(sha256('{ apps(')));
    expect(await (await fetch(`${stack.emulator.endpoint}/_emulator/calls`)).json()).toEqual(before);
  });

  test('a registered document runs, sent by hash alone or as its exact text; the same operation spelt differently does not', async () => {
    const byHash = await postPersisted(stack.graphqlUrl, sha256(registered));
    expect({ status: byHash.status, data: byHash.body.data, errors: byHash.body.errors }).toEqual({ status: 200, data: APPS_DATA, errors: undefined });
    const byText = await stack.gql(registered);
    expect({ status: byText.status, data: byText.body.data, errors: byText.body.errors }).toEqual({ status: 200, data: APPS_DATA, errors: undefined });
    const respelt = `${registered}\n`;
    expect(await stack.gql(respelt).then(({ status, body }) => ({ status, body }))).toEqual(notAllowed(sha256(respelt)));
  });

  test('a registered hash does not vouch for another text sent with it', async () => {
    const other = '{ phoneNumbers(first: 1) { nodes { phoneNumber } } }';
    expect(await postPersisted(stack.graphqlUrl, sha256(registered), other)).toEqual(notAllowed(sha256(other)));
  });

  test('GET requests are checked the same way', async () => {
    const headers = { 'apollo-require-preflight': 'true' };
    const unregistered = '{ apps(first: 1) { nodes { applicationId } } }';
    const refused = await fetch(`${stack.graphqlUrl}?query=${encodeURIComponent(unregistered)}`, { headers });
    expect({ status: refused.status, body: await refused.json() }).toEqual(notAllowed(sha256(unregistered)));
    const extensions = JSON.stringify({ persistedQuery: { version: 1, sha256Hash: sha256(registered) } });
    const accepted = await fetch(`${stack.graphqlUrl}?extensions=${encodeURIComponent(extensions)}`, { headers });
    expect({ status: accepted.status, data: ((await accepted.json()) as { data?: unknown }).data }).toEqual({ status: 200, data: APPS_DATA });
  });

  test("APQ registration (a new hash with its text) is refused and registers nothing", async () => {
    const text = 'query Sneaky { apps(first: 1) { nodes { applicationId } } }';
    expect(await postPersisted(stack.graphqlUrl, sha256(text), text)).toEqual(notAllowed(sha256(text)));
    expect(await postPersisted(stack.graphqlUrl, sha256(text))).toEqual(notAllowed(sha256(text)));
    expect((await store.list()).map(({ hash }) => hash)).toEqual([sha256(registered)]);
  });

  test("GraphiQL's examples run as GraphiQL sends them (text and variables)", async () => {
    const tabs = graphiqlTabs({ examplesDir: join(root, 'examples', 'queries') });
    expect(tabs.length).toBeGreaterThanOrEqual(4);
    for (const tab of tabs) {
      const variables = tab.variables === undefined ? undefined : (JSON.parse(resolveRelativeDates(tab.variables)) as Record<string, unknown>);
      const response = await stack.gql(tab.query, variables);
      expect({ query: tab.query.slice(0, 60), status: response.status, errors: response.body.errors }).toEqual({ query: tab.query.slice(0, 60), status: 200, errors: undefined });
    }
  });

  test("GraphiQL's schema query (as the served bundle builds it) runs, and its retry without subscriptionType", async () => {
    const bundle = readFileSync(require.resolve('graphiql/graphiql.min.js'), 'utf8');
    const start = bundle.indexOf('function getIntrospectionQuery(options) {');
    expect(start).toBeGreaterThan(0);
    const source = bundle.slice(start, bundle.indexOf('\n}\n', start) + 2);
    const getIntrospectionQuery = new Function(`${source}; return getIntrospectionQuery;`)() as (options: object) => string;
    // What GraphiQL's useIntrospectionQuery passes when the page sets no props.
    const query = getIntrospectionQuery({ inputValueDeprecation: undefined, schemaDescription: undefined });
    for (const text of [query, query.replace('subscriptionType { name }', '')]) {
      const response = await postGql(stack.graphqlUrl, text);
      expect({ status: response.status, types: Array.isArray(response.body.data?.__schema?.types) }).toEqual({ status: 200, types: true });
    }
  });

  test('a document registered while the gateway runs is accepted at once', async () => {
    const late = 'query Late { apps(first: 1) { nodes { name } } }';
    expect((await stack.gql(late)).status).toBe(400);
    await createFileDocumentStore(file).register([{ hash: sha256(late), document: late }]);
    const response = await postPersisted(stack.graphqlUrl, sha256(late));
    expect({ status: response.status, data: response.body.data }).toEqual({ status: 200, data: { apps: { nodes: [{ name: 'Retail Storefront' }] } } });
  });
});

describe('TRUSTED_DOCUMENTS=required (registry in Redis)', () => {
  test('documents registered with the CLI are accepted; a second registration changes nothing; invalid files register nothing', async () => {
    const prefix = uniqueRedisPrefix('trusted');
    const dir = mkdtempSync(join(tmpdir(), 'trusted-cli-'));
    const stack = await startStack({ gateway: { redis: { url: TEST_REDIS_URL, keyPrefix: prefix }, trustedDocuments: { mode: 'required' } } });
    try {
      const first = join(dir, 'apps.graphql');
      const second = join(dir, 'numbers.graphql');
      writeFileSync(first, 'query FrontendApps {\n  apps(first: 2) { nodes { name } }\n}\n');
      writeFileSync(second, 'query FrontendNumbers {\n  phoneNumbers(first: 1) { nodes { phoneNumber } }\n}\n');
      const firstHash = sha256(readFileSync(first, 'utf8'));
      const secondHash = sha256(readFileSync(second, 'utf8'));
      expect((await postPersisted(stack.graphqlUrl, firstHash)).status).toBe(400);

      const env = { REDIS_URL: TEST_REDIS_URL, REDIS_KEY_PREFIX: prefix };
      expect(await runDocumentsCli(['register', first, second], env)).toEqual({
        code: 0,
        stdout: `${firstHash}  ${first}  added\n${secondHash}  ${second}  added\n2 added, 0 already registered, in Redis hash ${trustedDocumentsRedisKey(prefix)}\n`,
        stderr: '',
      });
      const accepted = await postPersisted(stack.graphqlUrl, firstHash);
      expect({ status: accepted.status, data: accepted.body.data }).toEqual({ status: 200, data: APPS_DATA });
      expect((await postPersisted(stack.graphqlUrl, secondHash)).status).toBe(200);

      expect((await runDocumentsCli(['register', first], env)).stdout).toBe(`${firstHash}  ${first}  already registered\n0 added, 1 already registered, in Redis hash ${trustedDocumentsRedisKey(prefix)}\n`);

      const invalid = join(dir, 'invalid.graphql');
      writeFileSync(invalid, '{ noSuchField }');
      const refused = await runDocumentsCli(['register', invalid, join(dir, 'later.graphql')], env);
      expect({ code: refused.code, stdout: refused.stdout }).toEqual({ code: 1, stdout: '' });
      expect(refused.stderr).toMatch(/^documents: .*later\.graphql: cannot read it/);
      const refusedInvalid = await runDocumentsCli(['register', invalid], env);
      expect(refusedInvalid.code).toBe(1);
      expect(refusedInvalid.stderr).toContain(`invalid.graphql (${sha256('{ noSuchField }').slice(0, 12)}…): Cannot query field "noSuchField" on type "Query".`);

      const listed = await runDocumentsCli(['list', '--json'], env);
      expect(JSON.parse(listed.stdout)).toEqual({
        registry: `Redis hash ${trustedDocumentsRedisKey(prefix)}`,
        documents: [
          { hash: firstHash, document: readFileSync(first, 'utf8') },
          { hash: secondHash, document: readFileSync(second, 'utf8') },
        ].sort((a, b) => a.hash.localeCompare(b.hash)),
      });
    } finally {
      await stack.close();
      await deleteRedisPrefix(prefix);
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  test('the CLI writes the file registry without REDIS_URL, and reads Apollo manifests', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trusted-cli-file-'));
    try {
      const body = 'query ManifestApps { apps(first: 1) { nodes { name } } }';
      const manifest = join(dir, 'persisted-query-manifest.json');
      writeFileSync(manifest, JSON.stringify({ format: 'apollo-persisted-query-manifest', version: 1, operations: [{ id: sha256(body), name: 'ManifestApps', type: 'query', body }] }));
      const file = join(dir, 'registry.json');
      const result = await runDocumentsCli(['register', manifest], { TRUSTED_DOCUMENTS_FILE: file });
      expect(result).toEqual({ code: 0, stdout: `${sha256(body)}  ${manifest}  added\n1 added, 0 already registered, in file ${file}\n`, stderr: '' });
      expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ documents: { [sha256(body)]: body } });

      writeFileSync(manifest, JSON.stringify({ format: 'apollo-persisted-query-manifest', version: 1, operations: [{ id: 'ManifestApps', body }] }));
      const refused = await runDocumentsCli(['register', manifest], { TRUSTED_DOCUMENTS_FILE: file });
      expect(refused).toEqual({ code: 1, stdout: '', stderr: `documents: ${manifest}: the ID "ManifestApps" is not the SHA-256 of its document (${sha256(body)}); the gateway looks documents up by that hash only.\n` });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  test('with Redis gone, known documents still run and unknown ones are refused as unverifiable (503), never run', async () => {
    const own = await startOwnRedisServer();
    const prefix = uniqueRedisPrefix('trusted-outage');
    let registry: TrustedDocumentStore | undefined;
    let stack: Stack | undefined;
    let running = true;
    try {
      registry = createRedisDocumentStore({ url: own.url, keyPrefix: prefix });
      await registry.register([{ hash: sha256(APPS), document: APPS }]);
      stack = await startStack({ gateway: { redis: { url: own.url, keyPrefix: prefix, commandTimeoutMs: 200 }, trustedDocuments: { mode: 'required' } } });
      expect((await postPersisted(stack.graphqlUrl, sha256(APPS))).status).toBe(200);
      await own.stop();
      running = false;
      const known = await postPersisted(stack.graphqlUrl, sha256(APPS));
      expect({ status: known.status, data: known.body.data }).toEqual({ status: 200, data: APPS_DATA });
      const unknown = await stack.gql('{ __typename }');
      expect({ status: unknown.status, body: unknown.body }).toEqual({
        status: 503,
        body: { errors: [{ message: 'The registry of trusted documents could not be read; nothing was executed. Try again.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] },
      });
    } finally {
      await stack?.close();
      await registry?.close();
      // (stop() waits for an exit that already happened when called twice)
      if (running) await own.stop();
    }
  });
});

test('TRUSTED_DOCUMENTS=log: unregistered documents run and each is logged once; registered hashes are found without an APQ round', async () => {
  const lines: Record<string, any>[] = [];
  const logger = pino({ level: 'info', base: null }, { write: (text: string) => void lines.push(JSON.parse(text) as Record<string, any>) });
  const dir = mkdtempSync(join(tmpdir(), 'trusted-log-'));
  const file = join(dir, 'documents.json');
  const registered = 'query Known { apps(first: 2) { nodes { name } } }';
  await createFileDocumentStore(file).register([{ hash: sha256(registered), document: registered }]);
  const stack = await startStack({ gateway: { logger, trustedDocuments: { mode: 'log', file } } });
  try {
    const unregistered = 'query Unknown { apps(first: 2) { nodes { name } } }';
    for (let i = 0; i < 2; i += 1) expect((await stack.gql(unregistered, undefined)).body.data).toEqual(APPS_DATA);
    const warnings = lines.filter((line) => line.component === 'trusted-documents' && line.level === 40);
    expect(warnings.map(({ sha256Hash, msg }) => ({ sha256Hash, msg }))).toEqual([
      { sha256Hash: sha256(unregistered), msg: 'trusted documents: a request used an unregistered document (TRUSTED_DOCUMENTS=log: it ran)' },
    ]);
    const byHash = await postPersisted(stack.graphqlUrl, sha256(registered));
    expect({ status: byHash.status, data: byHash.body.data }).toEqual({ status: 200, data: APPS_DATA });
    // Ordinary APQ still works for the rest.
    expect((await postPersisted(stack.graphqlUrl, sha256(unregistered))).body.errors?.[0].extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  } finally {
    await stack.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('configuration: TRUSTED_DOCUMENTS, TRUSTED_DOCUMENTS_FILE, APQ_TTL_SECONDS and AUDIT_LOG', () => {
  expect(loadConfig({ TRUSTED_DOCUMENTS: 'required', TRUSTED_DOCUMENTS_FILE: '/srv/documents.json', APQ_TTL_SECONDS: '600', AUDIT_LOG: 'off' })).toMatchObject({
    trustedDocuments: { mode: 'required', file: '/srv/documents.json' },
    apqTtlSeconds: 600,
    audit: false,
  });
  let error: unknown;
  try {
    loadConfig({ TRUSTED_DOCUMENTS: 'strict', APQ_TTL_SECONDS: '0' });
  } catch (caught) {
    error = caught;
  }
  expect(error).toBeInstanceOf(ConfigError);
  expect([...(error as ConfigError).problems].sort()).toEqual(['APQ_TTL_SECONDS must be an integer from 1 to 31536000; got "0"', 'TRUSTED_DOCUMENTS must be "off", "log" or "required"; got "strict"']);
});

/** Module-private: runs `scripts/documents.ts ARGS` (as `npm run documents -- ARGS` does, through the tsx loader) with only `env` of the trusted-document variables set. */
function runDocumentsCli(args: readonly string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  const base = { ...process.env };
  for (const name of ['REDIS_URL', 'REDIS_KEY_PREFIX', 'TRUSTED_DOCUMENTS_FILE', 'TRUSTED_DOCUMENTS']) delete base[name];
  return new Promise((resolve) => {
    execFile(process.execPath, tsxArgs(join(root, 'scripts', 'documents.ts'), ...args), { cwd: root, env: { ...base, ...env } }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}
