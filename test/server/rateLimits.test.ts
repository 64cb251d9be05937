import { createApiKeyStore, parsePolicy, staticPolicyStore, type ApiKeyBackend, type ApiKeyRecord } from '../../src/auth';
import { PINPOINT_SEED } from '../../src/emulator/services/pinpoint/seed';
import { DEFAULT_EXECUTION_LIMITS } from '../../src/server/limits';
import { testRedisClient } from '../helpers/redis';
import { startStack, type Stack } from '../helpers/startStack';
import { aliasedSends, emulatorCount, ONE_CALL, post, TEXT_INPUT, type LimitedResponse } from './rateLimitsKit';

// Rate limits per caller over real HTTP, real Redis (a unique key prefix) and the emulator. Every
// test uses callers of its own (a loopback address, an API key), so the tests share one gateway
// without sharing budgets. Windows are an hour long: nothing here depends on time passing.

const POINTS = 10;
const SEND_POINTS = 5;
const WINDOW_SECONDS = 3_600;

/** A query the cost model estimates at exactly 7 upstream calls (1 GetApps, 2 GetCampaigns, 4 GetSegmentVersion). */
const SEVEN_CALLS = '{ apps(first: 2) { nodes { name campaigns(first: 2) { nodes { name state segment { name version } } } } } }';
/** Estimated at 12 calls (GetApps, then GetCampaigns for each of up to 11 apps): more than a whole window's 10 points. */
const TWELVE_CALLS = '{ apps(first: 11) { nodes { campaigns(first: 1) { nodes { name } } } } }';
/** Estimated at 61 calls: over the gateway's cost ceiling of 50. */
const SIXTY_ONE_CALLS = '{ apps(first: 60) { nodes { campaigns(first: 1) { nodes { name } } } } }';

/** Module-private: API keys kept in memory (the store's contract, without a file or Redis). */
function memoryKeyBackend(): ApiKeyBackend {
  const records = new Map<string, ApiKeyRecord>();
  return {
    description: 'memory',
    get: async (id) => records.get(id),
    all: async () => [...records.values()],
    insert: async (record) => void records.set(record.id, record),
    update: async (id, update) => {
      const current = records.get(id);
      if (!current) return undefined;
      const next = update(current);
      records.set(id, next);
      return next;
    },
  };
}

const keys = createApiKeyStore(memoryKeyBackend());
let stack: Stack;

beforeAll(async () => {
  stack = await startStack({
    redis: true,
    gateway: {
      rateLimits: { points: POINTS, windowSeconds: WINDOW_SECONDS, sendPoints: SEND_POINTS, sendWindowSeconds: WINDOW_SECONDS },
      limits: { cost: { maxEstimatedObjects: 100_000, maxEstimatedUpstreamCalls: 50 } },
      auth: { apiKeys: keys, policies: staticPolicyStore([parsePolicy('everything', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] })]) },
    },
  });
  // Sends leave the sandbox: every destination is deliverable.
  const tier = await fetch(`${stack.emulator.endpoint}/_emulator/sms-voice-v2/account`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ accountTier: 'PRODUCTION' }) });
  expect(tier.status).toBe(200);
});

afterAll(async () => {
  await stack?.close();
  await keys.close();
});

/** Module-private: the refusal of a spent budget, as a client sees it. */
function expectRateLimited(response: LimitedResponse, rateLimit: { limit: 'requests' | 'sends'; max: number; remaining: number; charge: number }): number {
  expect(response.status).toBe(429);
  const retryAfter = Number(response.headers['retry-after']);
  expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= WINDOW_SECONDS).toBe(true);
  const unit = rateLimit.limit === 'sends' ? (rateLimit.charge === 1 ? 'message' : 'messages') : `${rateLimit.charge === 1 ? 'point' : 'points'} (estimated upstream calls)`;
  const budget = rateLimit.limit === 'sends' ? 'send budget' : 'request budget';
  expect(response.body.data).toBeUndefined();
  expect(response.body.errors).toEqual([
    {
      message: `Rate limit reached: this operation costs ${rateLimit.charge} ${unit} and the caller's ${budget} has ${rateLimit.remaining} of ${rateLimit.max} left in its ${WINDOW_SECONDS} s window; nothing was executed. Retry after ${retryAfter} s.`,
      extensions: { code: 'RATE_LIMITED', retryAfterSeconds: retryAfter, rateLimit: { ...rateLimit, windowSeconds: WINDOW_SECONDS } },
    },
  ]);
  return retryAfter;
}

/** Module-private: an answer that ran, with its request budget's headers. */
function expectAdmitted(response: LimitedResponse, remaining: number): void {
  expect(response.body.errors).toBeUndefined();
  expect(response.status).toBe(200);
  expect([response.headers['ratelimit-limit'], response.headers['ratelimit-remaining']]).toEqual([String(POINTS), String(remaining)]);
  expect(Number(response.headers['ratelimit-reset'])).toBeGreaterThan(0);
}

test('a caller over its request budget gets 429, Retry-After and RATE_LIMITED with nothing run; other callers are unaffected', async () => {
  for (let i = 1; i <= POINTS; i += 1) expectAdmitted(await post(stack.gatewayUrl, ONE_CALL, { from: '127.0.0.2' }), POINTS - i);
  const before = emulatorCount(stack.emulator, 'pinpoint.GetApps');
  const refused = await post(stack.gatewayUrl, ONE_CALL, { from: '127.0.0.2' });
  expectRateLimited(refused, { limit: 'requests', max: POINTS, remaining: 0, charge: 1 });
  expect(refused.headers['ratelimit-remaining']).toBe('0');
  expect(emulatorCount(stack.emulator, 'pinpoint.GetApps')).toBe(before);

  // Another anonymous client (another address) has its own budget, and so has a caller with a key.
  expectAdmitted(await post(stack.gatewayUrl, ONE_CALL, { from: '127.0.0.3' }), POINTS - 1);
  const { key } = await keys.create({ name: 'unaffected', owner: 'tests', policies: ['everything'] });
  expectAdmitted(await post(stack.gatewayUrl, ONE_CALL, { from: '127.0.0.2', headers: { 'x-api-key': key } }), POINTS - 1);
  // The limited client is still limited.
  expectRateLimited(await post(stack.gatewayUrl, ONE_CALL, { from: '127.0.0.2' }), { limit: 'requests', max: POINTS, remaining: 0, charge: 1 });
});

test('an API key is one budget from every address; two keys are two budgets', async () => {
  const first = (await keys.create({ name: 'frontend', owner: 'tests', policies: ['everything'] })).key;
  const second = (await keys.create({ name: 'backend', owner: 'tests', policies: ['everything'] })).key;
  for (let i = 1; i <= POINTS; i += 1) {
    expectAdmitted(await post(stack.gatewayUrl, ONE_CALL, { from: i % 2 === 0 ? '127.0.0.4' : '127.0.0.5', headers: { 'x-api-key': first } }), POINTS - i);
  }
  expectRateLimited(await post(stack.gatewayUrl, ONE_CALL, { from: '127.0.0.6', headers: { 'x-api-key': first } }), { limit: 'requests', max: POINTS, remaining: 0, charge: 1 });
  expectAdmitted(await post(stack.gatewayUrl, ONE_CALL, { from: '127.0.0.4', headers: { 'x-api-key': second } }), POINTS - 1);
});

test('a request is charged its estimated upstream calls; a refused one is charged nothing', async () => {
  const redis = testRedisClient();
  try {
    const counter = `${stack.redisPrefix}ratelimit:requests:anonymous:127.0.0.7`;
    const seven = await post(stack.gatewayUrl, SEVEN_CALLS, { from: '127.0.0.7' });
    expect(seven.body.extensions?.cost?.estimatedUpstreamCalls).toBe(7);
    expectAdmitted(seven, POINTS - 7);
    expect(await redis.get(counter)).toBe('7');
    // The ceiling is set at its first charge: the counter expires with its window.
    expect(await redis.ttl(counter)).toBeGreaterThan(WINDOW_SECONDS - 60);

    // 7 more do not fit in the 3 left; the refusal gives its points back, so 1 still fits.
    const calls = emulatorCount(stack.emulator, 'pinpoint.GetApps');
    expectRateLimited(await post(stack.gatewayUrl, SEVEN_CALLS, { from: '127.0.0.7' }), { limit: 'requests', max: POINTS, remaining: 3, charge: 7 });
    expect(emulatorCount(stack.emulator, 'pinpoint.GetApps')).toBe(calls);
    expect(await redis.get(counter)).toBe('7');
    expectAdmitted(await post(stack.gatewayUrl, ONE_CALL, { from: '127.0.0.7' }), 2);
    expect(await redis.get(counter)).toBe('8');
    // A document with no upstream call still costs 1.
    expectAdmitted(await post(stack.gatewayUrl, '{ __typename }', { from: '127.0.0.7' }), 1);
  } finally {
    redis.disconnect();
  }
});

test('a request costing more than a whole window is refused with COST_LIMIT_EXCEEDED (400), and one over the cost ceiling is not charged', async () => {
  const over = await post(stack.gatewayUrl, TWELVE_CALLS, { from: '127.0.0.8' });
  expect(over.status).toBe(400);
  expect(over.headers['retry-after']).toBeUndefined();
  expect(over.body.errors).toEqual([
    {
      message: `The operation costs 12 points (estimated upstream calls), more than the caller's whole request budget of ${POINTS} per ${WINDOW_SECONDS} s; nothing was executed. Ask for smaller pages (\`first\`) or fewer nested lists.`,
      extensions: { code: 'COST_LIMIT_EXCEEDED', rateLimit: { limit: 'requests', max: POINTS, windowSeconds: WINDOW_SECONDS, charge: 12 } },
    },
  ]);
  // Over the gateway's cost ceiling: the query limits refuse it, and the rate limits charge nothing.
  const ceiling = await post(stack.gatewayUrl, SIXTY_ONE_CALLS, { from: '127.0.0.8' });
  expect(ceiling.status).toBe(400);
  expect(ceiling.body.errors?.map((error) => error.extensions?.code)).toEqual(['COST_LIMIT_EXCEEDED']);
  expect(ceiling.body.errors?.[0].extensions?.cost?.estimatedUpstreamCalls).toBe(61);
  expectAdmitted(await post(stack.gatewayUrl, ONE_CALL, { from: '127.0.0.8' }), POINTS - 1);
});

describe('the send budget', () => {
  const SENDS = 'sms-voice-v2.SendTextMessage';

  test('aliased sends are charged one message each; beyond the budget nothing is sent', async () => {
    const from = '127.0.0.9';
    const sent = () => emulatorCount(stack.emulator, SENDS);
    const start = sent();

    const three = await post(stack.gatewayUrl, aliasedSends(3), { from, variables: { input: TEXT_INPUT } });
    expect(three.body.errors).toBeUndefined();
    expect(Object.values(three.body.data).map((payload: any) => typeof payload.messageId)).toEqual(['string', 'string', 'string']);
    expect(sent() - start).toBe(3);

    // Three more do not fit in the 2 messages left: none of them is sent.
    expectRateLimited(await post(stack.gatewayUrl, aliasedSends(3), { from, variables: { input: TEXT_INPUT } }), { limit: 'sends', max: SEND_POINTS, remaining: 2, charge: 3 });
    expect(sent() - start).toBe(3);
    // Two still do (the refusal was not charged), then the budget is spent.
    expect((await post(stack.gatewayUrl, aliasedSends(2), { from, variables: { input: TEXT_INPUT } })).body.errors).toBeUndefined();
    expect(sent() - start).toBe(SEND_POINTS);
    expectRateLimited(await post(stack.gatewayUrl, aliasedSends(1), { from, variables: { input: TEXT_INPUT } }), { limit: 'sends', max: SEND_POINTS, remaining: 0, charge: 1 });
    expect(sent() - start).toBe(SEND_POINTS);
    // Reads are another budget: still open.
    expect((await post(stack.gatewayUrl, ONE_CALL, { from })).status).toBe(200);
  });

  test('more sends in one request than a whole window allows are refused with nothing sent', async () => {
    const before = emulatorCount(stack.emulator, SENDS);
    const eight = await post(stack.gatewayUrl, aliasedSends(8), { from: '127.0.0.10', variables: { input: TEXT_INPUT } });
    expect(eight.status).toBe(400);
    expect(eight.body.errors).toEqual([
      {
        message: `The operation costs 8 messages, more than the caller's whole send budget of ${SEND_POINTS} per ${WINDOW_SECONDS} s; nothing was executed. Send to fewer recipients (or fewer messages) per request.`,
        extensions: { code: 'COST_LIMIT_EXCEEDED', rateLimit: { limit: 'sends', max: SEND_POINTS, windowSeconds: WINDOW_SECONDS, charge: 8 } },
      },
    ]);
    expect(emulatorCount(stack.emulator, SENDS)).toBe(before);
    // Nothing was charged: the whole budget is there.
    expect((await post(stack.gatewayUrl, aliasedSends(SEND_POINTS), { from: '127.0.0.10', variables: { input: TEXT_INPUT } })).body.errors).toBeUndefined();
    expect(emulatorCount(stack.emulator, SENDS)).toBe(before + SEND_POINTS);
  });

  test('a Pinpoint send is charged per recipient', async () => {
    const from = '127.0.0.11';
    const sendMessages = `mutation ($app: ID!) { sendMessages(input: { applicationId: $app,
      addresses: [{ address: "+12065550161", channelType: SMS }, { address: "+12065550162", channelType: SMS }, { address: "+12065550163", channelType: SMS }],
      endpoints: [{ endpointId: "${PINPOINT_SEED.endpoints.ALICE_EMAIL}" }],
      message: { smsMessage: { body: "Your parcel is on its way", messageType: TRANSACTIONAL } } }) { requestId } }`;
    const before = emulatorCount(stack.emulator, 'pinpoint.SendMessages');
    expect((await post(stack.gatewayUrl, sendMessages, { from, variables: { app: PINPOINT_SEED.apps.RETAIL } })).body.errors).toBeUndefined();
    expect(emulatorCount(stack.emulator, 'pinpoint.SendMessages')).toBe(before + 1);
    // Four recipients charged: one message is left, two are refused.
    expectRateLimited(await post(stack.gatewayUrl, aliasedSends(2), { from, variables: { input: TEXT_INPUT } }), { limit: 'sends', max: SEND_POINTS, remaining: 1, charge: 2 });
    expect((await post(stack.gatewayUrl, aliasedSends(1), { from, variables: { input: TEXT_INPUT } })).body.errors).toBeUndefined();
  });
});

describe('the charge is bounded by the execution bound on upstream calls', () => {
  let small: Stack;
  beforeAll(async () => {
    small = await startStack({
      redis: true,
      gateway: { rateLimits: { points: 20, windowSeconds: WINDOW_SECONDS, sendPoints: 1, sendWindowSeconds: WINDOW_SECONDS }, limits: { execution: { ...DEFAULT_EXECUTION_LIMITS, maxUpstreamCalls: 5 } } },
    });
  });
  afterAll(() => small?.close());

  test('a query estimated at 12 calls is charged 5, the most a request may make', async () => {
    const response = await post(small.gatewayUrl, TWELVE_CALLS);
    expect(response.body.extensions?.cost?.estimatedUpstreamCalls).toBe(12);
    expect(response.body.errors).toBeUndefined();
    expect(response.headers['ratelimit-remaining']).toBe('15');
  });
});
