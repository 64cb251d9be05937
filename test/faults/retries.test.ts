import { PINPOINT_SEED } from '../../src/emulator/services/pinpoint/seed';
import { toGlobalId } from '../../src/graph/ids';
import { UpstreamCall } from '../../src/upstream/resilience';
import { CallRetryStrategy, RetryBudget, type AttemptReport } from '../../src/upstream/resilience/retryBudget';
import { DEFAULT_RESILIENCE } from '../../src/upstream/resilience/settings';
import { startFaultStack, type FaultStack } from './faultStack';

// Retries (issue 14): the SDK's retry loop with a budget per operation inside the service's, so one
// operation failing 100% cannot take every other operation's retries (the issue measured the SDK's
// shared budget running dry after 18 requests); adaptive, jittered retries that absorb throttling;
// and no retry whose backoff would end past the call's deadline. Attempt counts are the emulator's:
// it counts every wire attempt.

const { apps, campaigns } = PINPOINT_SEED;
const CAMPAIGN_NODE = `query($id: ID!) { node(id: $id) { id } }`;
const campaignId = toGlobalId('Campaign', 'us-east-1', apps.RETAIL, campaigns.RETAIL_SPRING_SALE);
const APP = `query($app: ID!) { app(id: $app) { name } }`;

/** Sends `count` GetCampaign commands one after the other (each fails); the wire attempts each made. */
async function failingCampaignReads(stack: FaultStack, count: number): Promise<number[]> {
  const attempts: number[] = [];
  for (let i = 0; i < count; i++) {
    const before = stack.wire('pinpoint.GetCampaign');
    const { body } = await stack.gql(CAMPAIGN_NODE, { id: campaignId });
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', upstream: { operation: 'GetCampaign', httpStatusCode: 500 } });
    attempts.push(stack.wire('pinpoint.GetCampaign') - before);
  }
  return attempts;
}

/** GetCampaign fails always; GetApp fails twice, then answers. */
const FAULTS = [
  { service: 'pinpoint', operation: 'GetApp', status: 500, count: 2 },
  { service: 'pinpoint', operation: 'GetCampaign', status: 500 },
];

/** Module-private: the budget at the SDK's own size (500 tokens), the numbers these tests count in. */
const SDK_SIZED_BUDGET = { ...DEFAULT_RESILIENCE, retryTokens: 500, operationRetryTokens: 100 };

describe('retry budget isolation: GetCampaign fails 100%, GetApp twice (breakers kept out of the way)', () => {
  test('per operation (here 100 of the service’s 500 tokens each, the SDK’s size; the defaults are 500 of 2,000): GetCampaign spends its own 100, GetApp still gets its 3 attempts and succeeds', async () => {
    const stack = await startFaultStack({ resilience: { breakerFailures: 1_000, retryTokens: 500, operationRetryTokens: 100 } });
    try {
      await stack.clearWire();
      stack.faults(FAULTS);
      // A retry costs 14 tokens: 3 commands with 2 retries each (84), 1 with one more (98), then none.
      expect(await failingCampaignReads(stack, 7)).toEqual([3, 3, 3, 2, 1, 1, 1]);
      const { body } = await stack.gql(APP, { app: apps.RETAIL });
      expect(body.errors).toBeUndefined();
      expect(body.data).toEqual({ app: { name: 'Retail Storefront' } });
      expect(stack.wire('pinpoint.GetApp')).toBe(3);
    } finally {
      await stack.close();
    }
  });

  test('control, one shared bucket as the SDK keeps it (operation share = the whole 500): GetCampaign drains it after 19 commands and GetApp gets 1 attempt, and fails', async () => {
    const stack = await startFaultStack({ resilience: { breakerFailures: 1_000, retryTokens: 500, operationRetryTokens: 500 } });
    try {
      await stack.clearWire();
      stack.faults(FAULTS);
      // 35 retries × 14 = 490 tokens: 17 commands with 2 retries, 1 with one, then none.
      expect(await failingCampaignReads(stack, 19)).toEqual([...Array.from({ length: 17 }, () => 3), 2, 1]);
      const { body } = await stack.gql(APP, { app: apps.RETAIL });
      expect(body.data).toEqual({ app: null });
      expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', upstream: { operation: 'GetApp', httpStatusCode: 500 } });
      expect(stack.wire('pinpoint.GetApp')).toBe(1);
    } finally {
      await stack.close();
    }
  });
});

describe('30% of every call throttled (default settings)', () => {
  let stack: FaultStack;
  beforeAll(async () => {
    stack = await startFaultStack();
  });
  afterAll(() => stack.close());

  const PAGE = `query($app: ID!) { app(id: $app) { name campaigns { nodes { name } } segments { nodes { name } } } phoneNumbers(first: 5) { nodes { phoneNumberId } } }`;

  test('a batch of 12 concurrent pages all succeed, whole; every retry is a throttle the observer saw, and no breaker opens', async () => {
    const pages = [apps.RETAIL, apps.BANKING, apps.ALERTS].flatMap((app) => Array.from({ length: 4 }, () => ({ app })));
    const expected = await Promise.all(pages.map((variables) => stack.gql(PAGE, variables)));
    for (const { body } of expected) expect(body.errors).toBeUndefined();
    await stack.clearWire();
    const attemptsBefore = stack.observed.attempts.length;
    const commandsBefore = stack.observed.commands.length;
    stack.faults([{ kind: 'throttle', probability: 0.3 }]);

    const answers = await Promise.all(pages.map((variables) => stack.gql(PAGE, variables)));
    answers.forEach(({ status, body }, i) => {
      expect({ status, errors: body.errors, data: body.data }).toEqual({ status: 200, errors: undefined, data: expected[i].body.data });
    });
    const wire = stack.emulator.callCounts().total;
    const commands = answers.reduce((sum, { body }) => sum + (body.extensions?.upstreamCalls?.total as number), 0);
    const attempts = stack.observed.attempts.slice(attemptsBefore);
    // Every wire attempt was reported, and every one beyond a command's first was a throttle retried.
    expect(attempts.length).toBe(wire);
    expect(stack.observed.commands.length - commandsBefore).toBe(commands);
    expect(attempts.filter((attempt) => attempt.throttled).length).toBe(wire - commands);
    expect(attempts.filter((attempt) => attempt.throttled).every((attempt) => attempt.retry)).toBe(true);
    expect(wire).toBeGreaterThan(commands);
    for (const client of [stack.clients.pinpoint, stack.clients.smsVoice]) expect(stack.breakerState(client, 'read')).toBe('closed');
  });
});

describe('the backoff of a retry must end before the call’s deadline (the strategy the SDK loop asks)', () => {
  /** A call of a request with `remainingMs` left. */
  function callWith(remainingMs: number): UpstreamCall {
    return new UpstreamCall({ signal: new AbortController().signal, beforeSend: () => undefined, failureAfterStop: () => undefined, remainingMs: () => remainingMs });
  }
  const throttle = { name: 'TooManyRequestsException', $metadata: { httpStatusCode: 429 } } as never;

  test('a throttle whose Retry-After (2 s) ends past the deadline (0.5 s): no retry, no token spent', async () => {
    const budget = new RetryBudget(SDK_SIZED_BUDGET);
    const reports: AttemptReport[] = [];
    const strategy = new CallRetryStrategy(budget, 'GetApp', callWith(500), { maxAttempts: 3, throttleMaxAttempts: 10, throttleBaseDelayMs: 100 }, (report) => reports.push(report));
    const token = await strategy.acquireInitialRetryToken('');
    await expect(strategy.refreshRetryTokenForRetry(token, { errorType: 'THROTTLING', error: throttle, retryAfterHint: new Date(Date.now() + 2_000) })).rejects.toThrow('No retry');
    expect(budget.tokens).toBe(500);
    expect(reports).toMatchObject([{ httpStatus: 429, errorName: 'TooManyRequestsException', throttled: true, retry: false }]);
  });

  test('the same throttle with time left: one retry, after at least the Retry-After, for 5 tokens', async () => {
    const budget = new RetryBudget(SDK_SIZED_BUDGET);
    const reports: AttemptReport[] = [];
    const strategy = new CallRetryStrategy(budget, 'GetApp', callWith(10_000), { maxAttempts: 3, throttleMaxAttempts: 10, throttleBaseDelayMs: 100 }, (report) => reports.push(report));
    const token = await strategy.acquireInitialRetryToken('');
    const retry = await strategy.refreshRetryTokenForRetry(token, { errorType: 'THROTTLING', error: throttle, retryAfterHint: new Date(Date.now() + 50) });
    expect(retry.getRetryCount()).toBe(1);
    expect(budget.tokens).toBe(495);
    expect(budget.tokensOf('GetApp')).toBe(95);
    expect(reports).toMatchObject([{ throttled: true, retry: true }]);
  });

  test('a client error is never retried; a transient one is, up to maxAttempts', async () => {
    const budget = new RetryBudget(SDK_SIZED_BUDGET);
    const strategy = new CallRetryStrategy(budget, 'GetApp', callWith(10_000), { maxAttempts: 2, throttleMaxAttempts: 10, throttleBaseDelayMs: 100 }, () => undefined);
    const token = await strategy.acquireInitialRetryToken('');
    await expect(strategy.refreshRetryTokenForRetry(token, { errorType: 'CLIENT_ERROR' })).rejects.toThrow('No retry');
    const second = await strategy.refreshRetryTokenForRetry(token, { errorType: 'TRANSIENT' });
    await expect(strategy.refreshRetryTokenForRetry(second, { errorType: 'TRANSIENT' })).rejects.toThrow('No retry');
    expect(budget.tokens).toBe(486);
  });
});
