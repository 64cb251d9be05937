import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApolloServerErrorCode, ApolloServerValidationErrorCode } from '@apollo/server/errors';
import {
  AppCampaignsDocument,
  CampaignKpiDocument,
  createGatewayClient,
  GATEWAY_ERROR_CODES,
  GatewayError,
  ListAppsDocument,
  ListPhoneNumbersDocument,
  SendTextMessageDocument,
  type GatewayClientOptions,
  type RetryEvent,
} from '@pinpoint-graph/client';
import { createApiKeyStore, createFileApiKeyBackend, parsePolicy, staticPolicyStore } from '../../src/auth';
import { PINPOINT_SEED } from '../../src/emulator/services/pinpoint/seed';
import { ErrorCode } from '../../src/graph/errors';
import { startFaultProxy, type FaultProxy } from '../helpers/faultProxy';
import { startStack, type Stack } from '../helpers/startStack';

// The typed client (clients/typescript) against a real gateway over the seeded emulator. Faults
// come from a small proxy between the two that answers each request as its plan says (forward, a
// 503/429 with Retry-After, a dropped connection, an HTML error page, silence), and records what
// the client sent: what is retried (queries), what is not (mutations), and what surfaces as typed
// errors and partial data.

const { apps, campaigns } = PINPOINT_SEED;
const UNKNOWN_ID = '0badc0de0badc0de0badc0de0badc0d';

let stack: Stack;
let proxy: FaultProxy;
let retries: RetryEvent[];
beforeAll(async () => {
  stack = await startStack();
  proxy = await startFaultProxy(stack.graphqlUrl);
});
afterAll(async () => {
  await proxy.close();
  await stack.close();
});
beforeEach(() => {
  proxy.reset();
  retries = [];
});

/** Module-private: a client through the proxy that records its retries. */
function proxiedClient(options: Partial<GatewayClientOptions> = {}) {
  return createGatewayClient({ url: proxy.url, onRetry: (event) => retries.push(event), ...options });
}

/** Module-private: the rejection of `promise`, which must reject. */
async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the request to fail; it succeeded');
}

describe('typed data over the wire', () => {
  test('a query returns the typed data the gateway answers, with no retry', async () => {
    const client = proxiedClient();
    const data = await client.request(ListAppsDocument, { first: 10 });
    expect(data.apps.nodes.map((app) => app.name)).toEqual(['Retail Storefront', 'Mobile Banking', 'Internal Alerts']);
    expect(data.apps.pageInfo.hasNextPage).toBe(false);
    expect(proxy.received.map((entry) => entry.operationName)).toEqual(['ListApps']);
    expect(retries).toEqual([]);
  });

  test('the request carries the JSON content type, the operation name and a deadline header no longer than timeoutMs', async () => {
    const client = proxiedClient({ timeoutMs: 4_000, headers: { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' } });
    await client.request(ListPhoneNumbersDocument, { first: 2 });
    const [{ headers }] = proxy.received;
    expect(headers['content-type']).toBe('application/json');
    expect(headers.traceparent).toBe('00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01');
    const deadline = Number(headers['x-request-deadline-ms']);
    expect(deadline).toBeGreaterThanOrEqual(1);
    expect(deadline).toBeLessThanOrEqual(4_000);
  });
});

describe('retries: queries only', () => {
  test('a query answered 503 with Retry-After is retried once the Retry-After has passed, and then succeeds', async () => {
    proxy.plan.push({ status: 503, retryAfter: '1' }, 'forward');
    const data = await proxiedClient().request(ListAppsDocument, { first: 1 });
    expect(data.apps.nodes).toEqual([expect.objectContaining({ applicationId: apps.RETAIL, name: 'Retail Storefront' })]);
    expect(proxy.received.map((entry) => entry.operationName)).toEqual(['ListApps', 'ListApps']);
    // The wait is the header's, exactly (no jitter on top of what the server asked for).
    expect(retries).toEqual([{ operationName: 'ListApps', attempt: 1, reason: 503, delayMs: 1_000, requestId: 'proxy-1' }]);
  });

  test('a mutation answered 503 with Retry-After is not retried: its typed error surfaces at once', async () => {
    proxy.plan.push({ status: 503, retryAfter: '1' }, 'forward');
    const error = await rejectionOf(
      proxiedClient().request(SendTextMessageDocument, { input: { destinationPhoneNumber: '+12065550177', messageBody: 'Your order has shipped.' } }),
    );
    expect(error).toBeInstanceOf(GatewayError);
    expect(error).toMatchObject({ code: 'OVERLOADED', status: 503, requestId: 'proxy-1', operationName: 'SendTextMessage', path: undefined });
    expect(proxy.received.map((entry) => entry.operationName)).toEqual(['SendTextMessage']);
    expect(retries).toEqual([]);
  });

  test('a dropped connection is retried for a query (with a jittered backoff), never for a mutation', async () => {
    proxy.plan.push('drop', 'forward');
    const data = await proxiedClient().request(AppCampaignsDocument, { applicationId: apps.BANKING, first: 5 });
    expect(data.app?.campaigns.nodes.map((campaign) => campaign.campaignId)).toEqual([campaigns.BANKING_CARD_OFFER, campaigns.BANKING_SECURITY_TIPS]);
    expect(retries).toEqual([{ operationName: 'AppCampaigns', attempt: 1, reason: 'network', delayMs: expect.any(Number) }]);
    // Full jitter below the first backoff ceiling (100 ms).
    expect(retries[0].delayMs).toBeGreaterThanOrEqual(0);
    expect(retries[0].delayMs).toBeLessThan(100);

    proxy.reset();
    retries = [];
    proxy.plan.push('drop', 'forward');
    const error = await rejectionOf(proxiedClient().request(SendTextMessageDocument, { input: { destinationPhoneNumber: '+12065550177', messageBody: 'Hello' } }));
    expect(error).toMatchObject({ name: 'GatewayError', code: 'NETWORK_ERROR', status: undefined, operationName: 'SendTextMessage' });
    expect(proxy.received).toHaveLength(1);
    expect(retries).toEqual([]);
  });

  test('retries are bounded: after `retries` more attempts the last answer is the error', async () => {
    proxy.plan.push({ status: 503, retryAfter: '0' }, { status: 502, retryAfter: '0' }, { status: 504, retryAfter: '0', code: 'DEADLINE_EXCEEDED' }, 'forward');
    const error = await rejectionOf(proxiedClient({ retries: 2 }).request(ListAppsDocument, { first: 1 }));
    expect(error).toMatchObject({ code: 'DEADLINE_EXCEEDED', status: 504, requestId: 'proxy-3' });
    expect(proxy.received).toHaveLength(3);
    expect(retries.map((retry) => [retry.attempt, retry.reason, retry.delayMs])).toEqual([
      [1, 503, 0],
      [2, 502, 0],
    ]);
  });

  test('a 429 whose Retry-After ends after the deadline is answered at once, not waited for', async () => {
    proxy.plan.push({ status: 429, retryAfter: '120', code: 'RATE_LIMITED' });
    const error = await rejectionOf(proxiedClient({ timeoutMs: 5_000 }).request(ListAppsDocument, { first: 1 }));
    expect(error).toMatchObject({ code: 'RATE_LIMITED', status: 429 });
    expect(proxy.received).toHaveLength(1);
    expect(retries).toEqual([]);
  });

  test('a 429 with a Retry-After date is retried after it', async () => {
    // An HTTP date (whole seconds) three seconds ahead: the wait is what is left of it, within (0, 3 s].
    proxy.plan.push({ status: 429, retryAfter: new Date(Date.now() + 3_000).toUTCString(), code: 'RATE_LIMITED' }, 'forward');
    await proxiedClient().request(ListAppsDocument, { first: 1 });
    expect(proxy.received).toHaveLength(2);
    expect(retries).toHaveLength(1);
    expect(retries[0].reason).toBe(429);
    expect(retries[0].delayMs).toBeGreaterThan(0);
    expect(retries[0].delayMs).toBeLessThanOrEqual(3_000);
  });

  test('no answer within timeoutMs is CLIENT_TIMEOUT; the caller cancelling is its own abort reason', async () => {
    proxy.plan.push('hang');
    const timedOut = await rejectionOf(proxiedClient({ timeoutMs: 300 }).request(ListAppsDocument, { first: 1 }));
    expect(timedOut).toMatchObject({ name: 'GatewayError', code: 'CLIENT_TIMEOUT', message: 'Operation ListApps got no answer within 300 ms (1 attempt(s)).' });

    proxy.plan.push('hang');
    const controller = new AbortController();
    const pending = proxiedClient().request(ListAppsDocument, { first: 1 }, { signal: controller.signal });
    while (proxy.received.length < 2) await new Promise((resolve) => setImmediate(resolve));
    const reason = new Error('the job is shutting down');
    controller.abort(reason);
    expect(await rejectionOf(pending)).toBe(reason);
  });

  test('an answer that is not GraphQL (a proxy error page) is BAD_RESPONSE with its status', async () => {
    proxy.plan.push({ status: 502, html: true });
    const error = await rejectionOf(proxiedClient({ retries: 0 }).request(ListAppsDocument, { first: 1 }));
    expect(error).toMatchObject({ code: 'BAD_RESPONSE', status: 502, message: 'Operation ListApps: HTTP 502 answer is not JSON: "<html><body><h1>502 Bad Gateway</h1></body></html>"' });
  });
});

describe('typed errors and partial data', () => {
  test('NOT_FOUND surfaces as a GatewayError with its code, path and the request ID', async () => {
    const client = createGatewayClient({ url: stack.graphqlUrl });
    const error = await rejectionOf(client.request(AppCampaignsDocument, { applicationId: UNKNOWN_ID, first: 1 }, { headers: { 'x-request-id': 'nightly-report-test-1' } }));
    expect(error).toBeInstanceOf(GatewayError);
    const gatewayError = error as GatewayError;
    expect({ code: gatewayError.code, path: gatewayError.path, requestId: gatewayError.requestId, status: gatewayError.status }).toEqual({
      code: 'NOT_FOUND',
      // The project is loaded by its first field that needs it (`name`; `applicationId` is the argument).
      path: ['app', 'name'],
      requestId: 'nightly-report-test-1',
      status: 200,
    });
    expect(gatewayError.result?.data).toEqual({ app: null });
  });

  test('partial data: execute() returns what arrived next to the typed errors; request() throws with the same result', async () => {
    const client = createGatewayClient({ url: stack.graphqlUrl });
    const variables = { applicationId: apps.RETAIL, campaignId: UNKNOWN_ID, name: 'UNIQUE_DELIVERIES' as const, startTime: '2030-01-01T00:00:00Z', endTime: '2030-01-02T00:00:00Z' };
    const result = await client.execute(CampaignKpiDocument, variables);
    expect(result.data).toEqual({ app: { applicationId: apps.RETAIL, name: 'Retail Storefront', campaign: null } });
    expect(result.errors.map((error) => ({ code: error.code, path: error.path }))).toEqual([{ code: 'NOT_FOUND', path: ['app', 'campaign'] }]);
    expect(result.requestId).toMatch(/^[0-9a-f-]{36}$/);

    const thrown = (await rejectionOf(client.request(CampaignKpiDocument, variables))) as GatewayError;
    expect(thrown.code).toBe('NOT_FOUND');
    expect(thrown.result?.data).toEqual(result.data);
  });

  test('a bad argument is BAD_USER_INPUT with the gateway extensions kept', async () => {
    const client = createGatewayClient({ url: stack.graphqlUrl });
    const error = (await rejectionOf(
      client.request(CampaignKpiDocument, { applicationId: apps.RETAIL, campaignId: campaigns.RETAIL_SPRING_SALE, name: 'UNIQUE_DELIVERIES', startTime: '2030-01-02T00:00:00Z', endTime: '2030-01-01T00:00:00Z' }),
    )) as GatewayError;
    expect(error).toMatchObject({ code: 'BAD_USER_INPUT', rawCode: 'BAD_USER_INPUT', extensions: expect.objectContaining({ argument: 'endTime' }) });
  });

  test("the client's code union is exactly the gateway's codes and Apollo Server's", () => {
    const served = new Set<string>([...Object.values(ErrorCode), ...Object.values(ApolloServerErrorCode), ...Object.values(ApolloServerValidationErrorCode)]);
    expect([...GATEWAY_ERROR_CODES].sort()).toEqual([...served].sort());
  });
});

describe('credentials', () => {
  let dir: string;
  let secured: Stack;
  let key: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'client-keys-'));
    const store = createApiKeyStore(createFileApiKeyBackend(join(dir, 'api-keys.json')));
    const allowAll = parsePolicy('everything', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });
    key = (await store.create({ name: 'nightly-report', owner: 'reporting', policies: ['everything'] })).key;
    secured = await startStack({ gateway: { auth: { apiKeys: store, policies: staticPolicyStore([allowAll]) } } });
  });
  afterAll(async () => {
    await secured?.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('an API key goes as x-api-key: a good one is served, a wrong one is UNAUTHENTICATED (401)', async () => {
    const data = await createGatewayClient({ url: secured.graphqlUrl, apiKey: key }).request(ListAppsDocument, { first: 1 });
    expect(data.apps.nodes).toHaveLength(1);
    const wrong = await rejectionOf(createGatewayClient({ url: secured.graphqlUrl, apiKey: `${key.slice(0, -4)}AAAA` }).request(ListAppsDocument, { first: 1 }));
    expect(wrong).toMatchObject({ code: 'UNAUTHENTICATED', status: 401 });
  });

  test('a token goes as a bearer Authorization header, read again for every attempt', async () => {
    const tokens = ['token-1', 'token-2'];
    proxy.plan.push({ status: 503, retryAfter: '0' }, { status: 503, retryAfter: '0' });
    await rejectionOf(proxiedClient({ retries: 1, token: () => tokens.shift()! }).request(ListAppsDocument, { first: 1 }));
    expect(proxy.received.map((entry) => [entry.headers.authorization, entry.headers['x-api-key']])).toEqual([
      ['Bearer token-1', undefined],
      ['Bearer token-2', undefined],
    ]);
  });

  test('a token provider that fails fails the request with its own error, sending nothing', async () => {
    const failure = new Error('the identity provider is down');
    const error = await rejectionOf(
      proxiedClient({
        token: () => {
          throw failure;
        },
      }).request(ListAppsDocument, { first: 1 }),
    );
    expect(error).toBe(failure);
    expect(proxy.received).toEqual([]);
    expect(retries).toEqual([]);
  });

  test('bad options are refused when the client is made', () => {
    expect(() => createGatewayClient({ url: secured.graphqlUrl, apiKey: key, token: 'x' })).toThrow('createGatewayClient: give apiKey or token, not both (the gateway refuses a request with two credentials).');
    expect(() => createGatewayClient({ url: secured.graphqlUrl, retries: -1 })).toThrow('createGatewayClient: retries must be a whole number from 0 to 10; got -1.');
    expect(() => createGatewayClient({ url: 'not a url' })).toThrow('createGatewayClient: url must be an absolute URL (the gateway\'s /graphql endpoint); got "not a url".');
  });
});
