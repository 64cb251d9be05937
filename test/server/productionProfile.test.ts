import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { KpiCache } from '../../src/cache/kpiCache';
import { startStack, type Stack } from '../helpers/startStack';

/**
 * The production profile (`nodeEnv: 'production'`): no GraphiQL, no introspection, no "Did you
 * mean" suggestions, masked internal errors and nothing in any answer that shows the server's
 * code (stack frames, file paths); each switch turns its feature on again. And response
 * compression, on every route, for bodies over 1 KiB when the client asks for it.
 */

/** Module-private: the seeded app and a KPI range the gateway accepts (the last 14 days, UTC). */
const APP_ID = '5eedaa00000000000000000000000001';
const today = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate());
const KPI_VARIABLES = { app: APP_ID, start: new Date(today - 14 * 86_400_000).toISOString(), end: new Date(today).toISOString() };
const KPI_QUERY = 'query($app: ID!, $start: DateTime!, $end: DateTime!) { app(id: $app) { name kpi(name: SUCCESSFUL_DELIVERY_RATE, startTime: $start, endTime: $end) { kpiName } } }';

/** Module-private: where this project sits on disk; no answer may name it. */
const PROJECT_ROOT = join(__dirname, '..', '..');

/** Module-private: a KPI cache that fails the way a programming error does, with a message naming a local file. */
const brokenKpiCache: KpiCache = {
  async getOrLoad() {
    throw new Error(`kpi cache exploded in ${join(PROJECT_ROOT, 'src', 'cache', 'kpiCache.ts')}:42`);
  },
};

/** Module-private: a GET or POST over node:http, which (unlike fetch) leaves the body as it came, compressed or not. */
function raw(url: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('production defaults', () => {
  let stack: Stack;
  /** Every body this suite received, checked at the end for anything that shows the server's code. */
  const bodies: string[] = [];
  const gql = async (query: string, variables?: Record<string, unknown>) => {
    const response = await stack.gql(query, variables);
    bodies.push(JSON.stringify(response.body));
    return response;
  };
  beforeAll(async () => {
    // Production's anonymous caller has no policy (every upstream field FORBIDDEN); this suite is not about callers.
    stack = await startStack({ gateway: { nodeEnv: 'production', auth: { anonymous: 'open' }, kpiCache: brokenKpiCache, upstreamMaxAttempts: 1 } });
  });
  afterAll(() => stack.close());

  test('no GraphiQL: / and its assets are 404', async () => {
    for (const path of ['/', '/graphiql', '/graphiql/assets/graphiql.min.js']) {
      const response = await fetch(`${stack.gatewayUrl}${path}`);
      const text = await response.text();
      bodies.push(text);
      expect([path, response.status]).toEqual([path, 404]);
      expect(JSON.parse(text)).toEqual({ error: `No route for GET ${path}; GraphQL is served at /graphql, GraphiQL is off.` });
    }
  });

  test('introspection is refused with a typed validation error; __typename still answers', async () => {
    for (const query of ['{ __schema { queryType { name } } }', '{ __type(name: "App") { name } }']) {
      const { status, body } = await gql(query);
      expect(status).toBe(400);
      expect(body.errors).toEqual([
        {
          message: 'GraphQL introspection is not allowed by Apollo Server, but the query contained __schema or __type. To enable introspection, pass introspection: true to ApolloServer in production',
          locations: [{ line: 1, column: 3 }],
          extensions: { validationErrorCode: 'INTROSPECTION_DISABLED', code: 'GRAPHQL_VALIDATION_FAILED' },
        },
      ]);
    }
    expect((await gql('{ __typename }')).body).toMatchObject({ data: { __typename: 'Query' } });
  });

  test('a misspelt field, enum value or variable value gets no "Did you mean"', async () => {
    const field = await gql('{ apps(first: 1) { nodes { nme } } }');
    expect(field.body.errors!.map((error) => error.message)).toEqual(['Cannot query field "nme" on type "App".']);
    const literal = await gql('{ app(id: "x") { kpi(name: SUCCESSFUL_DELIVERY_RAT, startTime: "2020-01-01T00:00:00Z", endTime: "2020-01-02T00:00:00Z") { kpiName } } }');
    expect(literal.body.errors!.map((error) => error.message)).toEqual(['Value "SUCCESSFUL_DELIVERY_RAT" does not exist in "KpiName" enum.']);
    // Variables are coerced after validation, outside Apollo's own suggestion filter.
    const variable = await gql('query($name: KpiName!) { app(id: "x") { kpi(name: $name, startTime: "2020-01-01T00:00:00Z", endTime: "2020-01-02T00:00:00Z") { kpiName } } }', { name: 'SUCCESSFUL_DELIVERY_RAT' });
    expect(variable.body.errors).toEqual([
      {
        message: 'Variable "$name" got invalid value "SUCCESSFUL_DELIVERY_RAT"; Value "SUCCESSFUL_DELIVERY_RAT" does not exist in "KpiName" enum.',
        locations: [{ line: 1, column: 7 }],
        extensions: { code: 'BAD_USER_INPUT' },
      },
    ]);
  });

  test('an internal error is masked: generic message, INTERNAL_SERVER_ERROR, no stack trace', async () => {
    const { status, body } = await gql(KPI_QUERY, KPI_VARIABLES);
    expect(status).toBe(200);
    // `kpi` is non-null, so its error nulls the app.
    expect(body.data).toEqual({ app: null });
    expect(body.errors).toEqual([{ message: 'Internal server error.', locations: [expect.any(Object)], path: ['app', 'kpi'], extensions: { code: 'INTERNAL_SERVER_ERROR' } }]);
  });

  test('no answer above showed a stack frame, a stack trace or a local path', () => {
    expect(bodies.length).toBeGreaterThanOrEqual(8);
    for (const body of bodies) {
      expect(body).not.toMatch(/stacktrace|\bat .+:\d+:\d+|node_modules|\/work\//i);
      expect(body).not.toContain(PROJECT_ROOT);
    }
  });
});

describe('production, each switch on again', () => {
  let stack: Stack;
  beforeAll(async () => {
    // Production's anonymous caller has no policy (every upstream field FORBIDDEN); this suite is not about callers.
    stack = await startStack({ seed: false, gateway: { nodeEnv: 'production', auth: { anonymous: 'open' }, graphiql: true, introspection: true, fieldSuggestions: true } });
  });
  afterAll(() => stack.close());

  test('graphiql: true serves GraphiQL at /', async () => {
    const response = await fetch(`${stack.gatewayUrl}/`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('/graphiql/assets/graphiql.min.js');
  });

  test('introspection: true answers introspection', async () => {
    const { status, body } = await stack.gql('{ __schema { queryType { name } } }');
    expect([status, body.errors, body.data]).toEqual([200, undefined, { __schema: { queryType: { name: 'Query' } } }]);
  });

  test('fieldSuggestions: true suggests', async () => {
    const { body } = await stack.gql('{ apps(first: 1) { nodes { nme } } }');
    expect(body.errors!.map((error) => error.message)).toEqual(['Cannot query field "nme" on type "App". Did you mean "name"?']);
  });
});

describe('response compression', () => {
  let stack: Stack;
  const bundle = readFileSync(require.resolve('graphiql/graphiql.min.js'));
  beforeAll(async () => {
    stack = await startStack({ seed: false });
  });
  afterAll(() => stack.close());

  test("GraphiQL's bundle is served gzip or brotli when asked, and decompresses to the same bytes", async () => {
    const url = `${stack.gatewayUrl}/graphiql/assets/graphiql.min.js`;
    const gzip = await raw(url, { headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.status).toBe(200);
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.headers.vary).toBe('Accept-Encoding');
    expect(gzip.body.length).toBeLessThan(bundle.length / 3);
    expect(gunzipSync(gzip.body).equals(bundle)).toBe(true);

    // A browser's usual header: brotli is preferred.
    const br = await raw(url, { headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.body).equals(bundle)).toBe(true);
  }, 30_000);

  test('not compressed when not asked', async () => {
    const plain = await raw(`${stack.gatewayUrl}/graphiql/assets/graphiql.min.js`);
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['content-length']).toBe(String(bundle.length));
    expect(plain.body.equals(bundle)).toBe(true);
  });

  test('a large GraphQL answer is compressed, a small one and /healthz are not', async () => {
    const post = (query: string) =>
      raw(stack.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json', 'accept-encoding': 'gzip' }, body: JSON.stringify({ query }) });
    const large = await post('{ __schema { types { name fields { name } } } }');
    expect([large.status, large.headers['content-encoding']]).toEqual([200, 'gzip']);
    const json = JSON.parse(gunzipSync(large.body).toString('utf8')) as { data: { __schema: { types: unknown[] } } };
    expect(json.data.__schema.types.length).toBeGreaterThan(100);

    const small = await post('{ __typename }');
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(small.body.toString('utf8'))).toMatchObject({ data: { __typename: 'Query' } });

    const health = await raw(`${stack.gatewayUrl}/healthz`, { headers: { 'accept-encoding': 'gzip' } });
    expect([health.status, health.headers['content-encoding'], JSON.parse(health.body.toString('utf8'))]).toEqual([200, undefined, { status: 'alive' }]);
  });
});
