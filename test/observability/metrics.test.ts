import { createEmulatorServer, type EmulatorServer } from '../../src/emulator';
import { PINPOINT_SEED } from '../../src/emulator/services/pinpoint/seed';
import { createObservability, OTHER_OPERATION, UNRESOLVED_OPERATION } from '../../src/observability';
import { createGatewayServer, type GatewayServer, type GatewayServerOptions } from '../../src/server';
import { DEFAULT_RESILIENCE } from '../../src/upstream/resilience/settings';
import { readReferenceQuery } from '../graph/pinpoint/support';
import { startStack, type Stack } from '../helpers/startStack';
import { parseMetrics, scrape, type Scrape } from './kit';

/**
 * `GET /metrics` after real queries over real HTTP: every counter moves by exactly what the
 * request did (checked against the gateway's own `extensions.upstreamCalls` and the emulator's
 * wire count), operation names are bounded, and the exposure rules hold in production.
 */

/** Module-private: the prefix of the gateway's own metrics. */
const P = 'pinpoint_graph_';

describe('metrics after real queries', () => {
  let stack: Stack;
  let metricsUrl: string;

  beforeAll(async () => {
    stack = await startStack();
    metricsUrl = stack.gateway.metricsUrl!;
    // The account scope is learnt once per process; learning it here keeps each test's counts its own.
    expect((await stack.gql('{ apps(first: 1) { nodes { arn } } }')).body.errors).toBeUndefined();
  });
  afterAll(() => stack.close());

  test('outside production /metrics is on the main port, in the text format, with process metrics', async () => {
    expect(metricsUrl).toBe(`${stack.gatewayUrl}/metrics`);
    const response = await fetch(metricsUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const metrics = parseMetrics(await response.text());
    expect(metrics.value('process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(metrics.types.get('nodejs_eventloop_lag_seconds')).toBe('gauge');
    expect(metrics.value(`${P}build_info`)).toBe(1);
  });

  test('one request: each counter moves by exactly what it did upstream (the reference query’s minimum, 10 calls of 3 operations)', async () => {
    const { query, minimumCalls } = readReferenceQuery('pinpoint-apps-campaigns-segments');
    const before = await scrape(metricsUrl);
    await fetch(`${stack.emulator.endpoint}/_emulator/calls`, { method: 'DELETE' });
    const response = await stack.gql(query);
    expect(response.body.errors).toBeUndefined();
    const gatewayCalls: Record<string, number> = response.body.extensions!.upstreamCalls.byOperation;
    expect(gatewayCalls).toEqual(minimumCalls);
    const wire = stack.emulator.callCounts().byOperation;
    const after = await scrape(metricsUrl);
    const moved = (name: string, labels: Record<string, string> = {}) => after.value(name, labels) - before.value(name, labels);

    for (const [operation, count] of Object.entries(minimumCalls)) {
      expect({ operation, calls: moved(`${P}upstream_calls_total`, { service: 'pinpoint', operation, outcome: 'ok' }) }).toEqual({ operation, calls: count });
      expect({ operation, attempts: moved(`${P}upstream_attempts_total`, { service: 'pinpoint', operation, result: 'ok' }) }).toEqual({ operation, attempts: wire[`pinpoint.${operation}`] });
      expect({ operation, timed: moved(`${P}upstream_call_duration_seconds_count`, { service: 'pinpoint', operation }) }).toEqual({ operation, timed: count });
    }
    // Nothing else went upstream, nothing failed or retried.
    const total = Object.values(minimumCalls).reduce((sum, count) => sum + count, 0);
    expect(total).toBe(10);
    expect(moved(`${P}upstream_calls_total`)).toBe(total);
    expect(moved(`${P}upstream_retries_total`)).toBe(0);
    expect(moved(`${P}upstream_throttles_total`)).toBe(0);
    expect(after.value(`${P}upstream_calls_in_flight`)).toBe(0);

    const operation = { operation_name: 'AppsCampaignsSegments', operation_type: 'query' };
    expect(moved(`${P}graphql_requests_total`, { ...operation, result: 'success' })).toBe(1);
    expect(moved(`${P}graphql_requests_total`)).toBe(1);
    expect(moved(`${P}graphql_request_duration_seconds_count`, operation)).toBe(1);
    expect(moved(`${P}graphql_request_upstream_calls_sum`, { operation_name: 'AppsCampaignsSegments' })).toBe(total);
    expect(moved(`${P}graphql_errors_total`)).toBe(0);
    expect(after.value(`${P}graphql_requests_in_flight`)).toBe(0);
    expect(moved(`${P}http_requests_total`, { route: '/graphql', status: '200' })).toBe(1);

    // The loaders' batches: one for the app list, one for the three apps' campaign pages.
    expect(moved(`${P}loader_batches_total`, { service: 'pinpoint', loader: 'apps', result: 'ok' })).toBe(1);
    expect(moved(`${P}loader_batches_total`, { service: 'pinpoint', loader: 'campaigns', result: 'ok' })).toBe(1);
    expect(moved(`${P}loader_batch_keys_sum`, { service: 'pinpoint', loader: 'campaigns' })).toBe(3);
  });

  test('errors count by code, and the request as an error', async () => {
    const before = await scrape(metricsUrl);
    const response = await stack.gql('query MissingApp { app(id: "no-such-app") { name } }');
    expect(response.body.errors?.map((error) => error.extensions?.code)).toEqual(['NOT_FOUND']);
    const invalid = await stack.gql('{ noSuchField }');
    expect(invalid.status).toBe(400);
    const after = await scrape(metricsUrl);
    const moved = (name: string, labels: Record<string, string> = {}) => after.value(name, labels) - before.value(name, labels);
    expect(moved(`${P}graphql_errors_total`, { code: 'NOT_FOUND' })).toBe(1);
    expect(moved(`${P}graphql_errors_total`, { code: 'GRAPHQL_VALIDATION_FAILED' })).toBe(1);
    expect(moved(`${P}graphql_requests_total`, { operation_name: 'MissingApp', result: 'error' })).toBe(1);
    expect(moved(`${P}graphql_requests_total`, { operation_name: UNRESOLVED_OPERATION, operation_type: UNRESOLVED_OPERATION, result: 'error' })).toBe(1);
    expect(moved(`${P}upstream_calls_total`, { operation: 'GetApp', outcome: 'error' })).toBe(1);
    expect(moved(`${P}http_requests_total`, { route: '/graphql', status: '400' })).toBe(1);
  });

  test('the KPI cache: a miss, then a hit', async () => {
    const query = `query Kpi($app: ID!, $start: DateTime!, $end: DateTime!) { app(id: $app) { kpi(name: TXN_EMAILS_SENT, startTime: $start, endTime: $end) { kpiName } } }`;
    const variables = { app: PINPOINT_SEED.apps.RETAIL, start: new Date(Date.now() - 20 * 86_400_000).toISOString().slice(0, 19) + 'Z', end: new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 19) + 'Z' };
    const before = await scrape(metricsUrl);
    expect((await stack.gql(query, variables)).body.errors).toBeUndefined();
    const between = await scrape(metricsUrl);
    expect((await stack.gql(query, variables)).body.errors).toBeUndefined();
    const after = await scrape(metricsUrl);
    const kpi = (scrape: Scrape, outcome: string) => scrape.value(`${P}kpi_lookups_total`, { outcome });
    expect(kpi(between, 'miss') - kpi(before, 'miss')).toBe(1);
    expect(kpi(after, 'hit') - kpi(between, 'hit')).toBe(1);
    expect(kpi(after, 'miss') - kpi(between, 'miss')).toBe(0);
    // Every outcome has a series from the start.
    expect(after.labelValues(`${P}kpi_lookups_total`, 'outcome')).toEqual(['error', 'hit', 'joined', 'miss', 'stale']);
  });
});

describe('upstream faults in the metrics', () => {
  let stack: Stack;
  let metricsUrl: string;
  const APP = 'query App($app: ID!) { app(id: $app) { name } }';
  const app = { app: PINPOINT_SEED.apps.RETAIL };

  beforeAll(async () => {
    stack = await startStack({ gateway: { observability: createObservability({ metrics: { processMetrics: false } }) } });
    metricsUrl = stack.gateway.metricsUrl!;
  });
  afterAll(() => stack.close());

  /** Module-private: runs `work` and returns how much each named series moved during it. */
  async function during(work: () => Promise<void>): Promise<(name: string, labels?: Record<string, string>) => number> {
    const before = await scrape(metricsUrl);
    await work();
    const after = await scrape(metricsUrl);
    return (name, labels = {}) => after.value(name, labels) - before.value(name, labels);
  }

  test('two 5xx then an answer: 3 attempts (2 errors, 1 ok), 2 retries, 1 command ok; the emulator saw the same 3', async () => {
    await fetch(`${stack.emulator.endpoint}/_emulator/calls`, { method: 'DELETE' });
    const moved = await during(async () => {
      stack.emulator.setFaults([{ service: 'pinpoint', operation: 'GetApp', status: 500, count: 2 }]);
      expect((await stack.gql(APP, app)).body.errors).toBeUndefined();
    });
    const getApp = { service: 'pinpoint', operation: 'GetApp' };
    expect(moved(`${P}upstream_attempts_total`, { ...getApp, result: 'error' })).toBe(2);
    expect(moved(`${P}upstream_attempts_total`, { ...getApp, result: 'ok' })).toBe(1);
    expect(moved(`${P}upstream_retries_total`, getApp)).toBe(2);
    expect(moved(`${P}upstream_calls_total`, getApp)).toBe(1);
    expect(moved(`${P}upstream_calls_total`, { ...getApp, outcome: 'ok' })).toBe(1);
    expect(stack.emulator.callCounts().byOperation['pinpoint.GetApp']).toBe(3);
  });

  test('a throttled attempt: counted as a throttle and a retry; the command still ends ok', async () => {
    const moved = await during(async () => {
      stack.emulator.setFaults([{ service: 'pinpoint', operation: 'GetApps', kind: 'throttle', count: 1 }]);
      expect((await stack.gql('{ apps { nodes { name } } }')).body.errors).toBeUndefined();
    });
    const getApps = { service: 'pinpoint', operation: 'GetApps' };
    expect(moved(`${P}upstream_throttles_total`, getApps)).toBe(1);
    expect(moved(`${P}upstream_attempts_total`, { ...getApps, result: 'throttled' })).toBe(1);
    expect(moved(`${P}upstream_retries_total`, getApps)).toBe(1);
    expect(moved(`${P}upstream_calls_total`, { ...getApps, outcome: 'ok' })).toBe(1);
  });

  test('the bulkhead gauges show its limit, and nothing active or queued once the requests are answered', async () => {
    const metrics = await scrape(metricsUrl);
    const pinpoint = { service: 'pinpoint', region: 'us-east-1' };
    expect(metrics.value(`${P}upstream_bulkhead_limit`, pinpoint)).toBe(DEFAULT_RESILIENCE.maxConcurrency);
    expect(metrics.value(`${P}upstream_bulkhead_active`, pinpoint)).toBe(0);
    expect(metrics.value(`${P}upstream_bulkhead_queued`, pinpoint)).toBe(0);
  });

  test('a read that keeps failing opens the breaker: the state gauge says open, later reads are counted as rejected', async () => {
    stack.emulator.setFaults([{ service: 'pinpoint', operation: 'GetApp', status: 500 }]);
    try {
      for (let i = 0; i < 10 && (await scrape(metricsUrl)).value(`${P}upstream_breaker_state`, { service: 'pinpoint', operation_class: 'read', state: 'open' }) === 0; i++) {
        expect((await stack.gql(APP, app)).body.errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
      }
      const open = await scrape(metricsUrl);
      const read = { service: 'pinpoint', region: 'us-east-1', operation_class: 'read' };
      expect([open.value(`${P}upstream_breaker_state`, { ...read, state: 'open' }), open.value(`${P}upstream_breaker_state`, { ...read, state: 'closed' })]).toEqual([1, 0]);
      const moved = await during(async () => {
        expect((await stack.gql(APP, app)).body.errors).toHaveLength(1);
      });
      expect(moved(`${P}upstream_calls_total`, { service: 'pinpoint', operation: 'GetApp', outcome: 'rejected' })).toBe(1);
      expect(moved(`${P}upstream_attempts_total`, { operation: 'GetApp' })).toBe(0);
    } finally {
      stack.emulator.clearFaults();
    }
  });
});

describe('operation names are bounded', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ gateway: { observability: createObservability({ metrics: { maxOperationNames: 3, processMetrics: false } }) } });
  });
  afterAll(() => stack.close());

  test('the first 3 distinct names are kept, every later one is counted as (other); anonymous and over-long names have their own values', async () => {
    for (const name of ['One', 'Two', 'Three', 'Four', 'Five', 'One']) expect((await stack.gql(`query ${name} { __typename }`)).status).toBe(200);
    expect((await stack.gql('{ __typename }')).status).toBe(200);
    expect((await stack.gql(`query ${'L'.repeat(101)} { __typename }`)).status).toBe(200);
    const metrics = await scrape(stack.gateway.metricsUrl!);
    const name = `${P}graphql_requests_total`;
    expect(metrics.labelValues(name, 'operation_name')).toEqual(['(anonymous)', OTHER_OPERATION, 'One', 'Three', 'Two'].sort());
    expect(metrics.value(name, { operation_name: 'One' })).toBe(2);
    expect(metrics.value(name, { operation_name: OTHER_OPERATION })).toBe(3);
    expect(metrics.value(`${P}graphql_request_duration_seconds_count`, { operation_name: OTHER_OPERATION })).toBe(3);
  });
});

describe('exposure', () => {
  let emulator: EmulatorServer;
  const gateways: GatewayServer[] = [];
  const gateway = async (options: GatewayServerOptions) => {
    const started = await createGatewayServer({ endpoints: { pinpoint: emulator.endpoint, smsVoice: emulator.endpoint }, observability: createObservability({ metrics: { processMetrics: false } }), ...options });
    gateways.push(started);
    return started;
  };
  beforeAll(async () => {
    emulator = await createEmulatorServer({ port: 0 });
  });
  afterAll(async () => {
    for (const each of gateways) await each.close();
    await emulator.close();
  });

  test('production without a token or a port: not served', async () => {
    const server = await gateway({ nodeEnv: 'production' });
    expect(server.metricsUrl).toBeUndefined();
    expect((await fetch(`${server.url}/metrics`)).status).toBe(404);
  });

  test('production with METRICS_TOKEN: only with the bearer token', async () => {
    const token = 'scrape-token-0123456789';
    const server = await gateway({ nodeEnv: 'production', metricsEndpoint: { token } });
    expect(server.metricsUrl).toBe(`${server.url}/metrics`);
    const none = await fetch(server.metricsUrl!);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer realm="metrics"');
    expect(await none.json()).toEqual({ errors: [{ message: '/metrics needs the metrics bearer token (Authorization: Bearer <METRICS_TOKEN>).', extensions: { code: 'UNAUTHENTICATED' } }] });
    expect((await fetch(server.metricsUrl!, { headers: { authorization: 'Bearer wrong-token-0123456789' } })).status).toBe(401);
    expect((await fetch(server.metricsUrl!, { headers: { authorization: `Basic ${token}` } })).status).toBe(401);
    const scraped = await scrape(server.metricsUrl!, { authorization: `Bearer ${token}` });
    expect(scraped.types.get(`${P}graphql_requests_total`)).toBe('counter');
    expect((await fetch(server.metricsUrl!, { method: 'POST', headers: { authorization: `Bearer ${token}` } })).status).toBe(405);
  });

  test('METRICS_PORT: a listener of its own, and none on the main port', async () => {
    const server = await gateway({ nodeEnv: 'production', metricsEndpoint: { port: 0 } });
    expect(server.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    expect(server.metricsUrl).not.toBe(`${server.url}/metrics`);
    expect((await fetch(`${server.url}/metrics`)).status).toBe(404);
    const scraped = await scrape(server.metricsUrl!);
    expect(scraped.types.get(`${P}http_requests_total`)).toBe('counter');
    expect((await fetch(server.metricsUrl!.replace('/metrics', '/graphql'))).status).toBe(404);
  });

  test('METRICS_PORT with a token: the token is asked there too', async () => {
    const server = await gateway({ nodeEnv: 'development', metricsEndpoint: { port: 0, token: 'port-token-0123456789' } });
    expect((await fetch(server.metricsUrl!)).status).toBe(401);
    expect((await fetch(server.metricsUrl!, { headers: { authorization: 'Bearer port-token-0123456789' } })).status).toBe(200);
  });

  test('each server has its own registry: one server\'s requests do not show in another\'s metrics', async () => {
    const [a, b] = [await gateway({}), await gateway({})];
    await fetch(`${a.url}/healthz`);
    await fetch(`${a.url}/healthz`);
    const [fromA, fromB] = [await scrape(a.metricsUrl!), await scrape(b.metricsUrl!)];
    expect(fromA.value(`${P}http_requests_total`, { route: '/healthz', status: '200' })).toBe(2);
    expect(fromB.value(`${P}http_requests_total`, { route: '/healthz' })).toBe(0);
  });
});
