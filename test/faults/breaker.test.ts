import { PINPOINT_SEED } from '../../src/emulator/services/pinpoint/seed';
import { SMS_VOICE_SEED } from '../../src/emulator/services/sms-voice-v2/seed';
import { errorsOf, sleep, startFaultStack, until, type FaultStack } from './faultStack';

// Circuit breakers (issue 14), one per service, region and operation class, over real HTTP with the
// emulator's fault rules: which failures count (5xx, timeouts; not 4xx, not throttles), an open
// breaker sends nothing upstream (the emulator's log, the agent's sockets) and answers at once with
// UPSTREAM_UNAVAILABLE and a retry hint, one probe after the half-open delay (one attempt), closed
// again by its success; /readyz shows the state without going unready. The steps of the first
// describe run in order on one stack: each starts from the state the previous one left.

const { apps } = PINPOINT_SEED;
const phoneNumberId = SMS_VOICE_SEED.phoneNumbers.simulator;
const APP = `query($app: ID!) { app(id: $app) { name } }`;
const APPS = `{ apps(first: 1) { nodes { name } } }`;
const PHONE = `query($pn: String!) { phoneNumber(phoneNumberId: $pn) { phoneNumberId } }`;
const CREATE_APP = `mutation($name: String!) { createApp(input: { name: $name }) { app { name } } }`;

/** The fail-fast refusal of a Pinpoint read at `path`, with the hint the answer carried. */
function circuitOpen(operation: string, path: string[], retryAfterMs: number) {
  return {
    message: `${operation} was not sent: pinpoint read calls in us-east-1 are failing, so their circuit breaker is open; try again in ${retryAfterMs} ms.`,
    path,
    extensions: { code: 'UPSTREAM_UNAVAILABLE', reason: 'CIRCUIT_OPEN', retryAfterMs, upstream: { service: 'pinpoint', operation, errorName: 'UpstreamRefusedError', requestId: null, httpStatusCode: null } },
  };
}

/** The `retryAfterMs` of a response's first error. */
function hintOf(body: { errors?: { extensions?: Record<string, any> }[] }): number {
  return body.errors?.[0]?.extensions?.retryAfterMs as number;
}

/** The Pinpoint read breaker's transitions, as the observer heard them. */
function readTransitions(stack: FaultStack): string[] {
  return stack.observed.breakers.filter(({ scope }) => scope.service === 'pinpoint' && scope.operationClass === 'read').map(({ state }) => state);
}

describe('the Pinpoint read breaker: 3 failed commands open it, a probe after 300 ms', () => {
  let stack: FaultStack;
  beforeAll(async () => {
    stack = await startFaultStack({ resilience: { breakerFailures: 3, breakerHalfOpenMs: 300 } });
  });
  afterAll(() => stack.close());
  beforeEach(() => stack.clearWire());

  test('4xx answers never open it: five NotFound in a row leave it closed, each one attempt', async () => {
    for (let i = 0; i < 5; i++) {
      const { body } = await stack.gql(APP, { app: `missing${i}` });
      expect(body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }
    expect(stack.wire('pinpoint.GetApp')).toBe(5);
    expect(stack.breakerState(stack.clients.pinpoint, 'read')).toBe('closed');
    expect(readTransitions(stack)).toEqual([]);
  });

  test('5xx: three commands that failed their 3 attempts each open it', async () => {
    stack.faults([{ service: 'pinpoint', operation: 'GetApp', status: 500 }]);
    for (let i = 0; i < 3; i++) {
      const { status, body } = await stack.gql(APP, { app: apps.RETAIL });
      expect(status).toBe(200);
      expect(body.data).toEqual({ app: null });
      expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', upstream: { operation: 'GetApp', httpStatusCode: 500 } });
    }
    expect(stack.wire('pinpoint.GetApp')).toBe(9);
    expect(stack.breakerState(stack.clients.pinpoint, 'read')).toBe('open');
    expect(readTransitions(stack)).toEqual(['open']);
  });

  test('open: every read of the class fails at once with CIRCUIT_OPEN and a retry hint, and nothing reaches the wire or takes a socket', async () => {
    const socketsBefore = stack.socketsInUse(stack.clients.pinpoint);
    const app = await stack.gql(APP, { app: apps.RETAIL });
    const retryAfterMs = hintOf(app.body);
    expect(retryAfterMs).toBeGreaterThan(0);
    expect(retryAfterMs).toBeLessThanOrEqual(300);
    expect(app.status).toBe(200);
    expect(app.body.data).toEqual({ app: null });
    expect(errorsOf(app.body)).toEqual([circuitOpen('GetApp', ['app'], retryAfterMs)]);
    // Refused before it was sent: the request counted no call.
    expect(app.body.extensions?.upstreamCalls).toEqual({ total: 0, byOperation: {} });
    // Another read operation of the same class (its field non-null, so `data` is null).
    const list = await stack.gql(APPS);
    expect(list.body.data).toBeNull();
    expect(errorsOf(list.body)).toEqual([circuitOpen('GetApps', ['apps'], hintOf(list.body))]);
    expect(stack.emulator.callCounts().total).toBe(0);
    expect(stack.socketsInUse(stack.clients.pinpoint)).toBe(socketsBefore);
    expect(stack.observed.commands.at(-1)?.end).toMatchObject({ outcome: 'rejected', attempts: 0, errorName: 'UpstreamRefusedError' });
  });

  test('open: the other classes and the other service are served (a write, an SMS read)', async () => {
    const created = await stack.gql(CREATE_APP, { name: 'breaker-probe' });
    expect(created.body.errors).toBeUndefined();
    expect(created.body.data).toEqual({ createApp: { app: { name: 'breaker-probe' } } });
    const phone = await stack.gql(PHONE, { pn: phoneNumberId });
    expect(phone.body.errors).toBeUndefined();
    expect(phone.body.data).toEqual({ phoneNumber: { phoneNumberId } });
    expect(stack.wire('pinpoint.CreateApp')).toBe(1);
    expect(stack.wire('sms-voice-v2.DescribePhoneNumbers')).toBe(1);
  });

  test('/readyz shows the open breaker and stays ready (an upstream outage is every replica’s)', async () => {
    const response = await fetch(`${stack.gateway.url}/readyz`);
    const report = (await response.json()) as { status: string; checks: Record<string, { ok: boolean; detail: string; critical?: boolean }> };
    expect(response.status).toBe(200);
    expect(report.status).toBe('ready');
    expect(report.checks.upstreamBreakers).toEqual({ ok: false, critical: false, detail: expect.stringMatching(/^pinpoint read calls in us-east-1: open \(probe in \d+ ms\)$/) });
  });

  test('half-open: after the hint, one probe with one attempt (no retry); it fails, so the breaker opens again', async () => {
    const waiting = await stack.gql(APP, { app: apps.RETAIL });
    await sleep(hintOf(waiting.body) + 20);
    await stack.clearWire();
    const probe = await stack.gql(APP, { app: apps.RETAIL });
    expect(probe.body.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', upstream: { operation: 'GetApp', httpStatusCode: 500 } });
    expect(stack.wire('pinpoint.GetApp')).toBe(1);
    const after = await stack.gql(APP, { app: apps.RETAIL });
    expect(errorsOf(after.body)).toEqual([circuitOpen('GetApp', ['app'], hintOf(after.body))]);
    expect(stack.wire('pinpoint.GetApp')).toBe(1);
    expect(readTransitions(stack)).toEqual(['open', 'half-open', 'open']);
  });

  test('while the probe is in flight, other calls are refused rather than queued behind it; a probe cut by its deadline proves nothing and keeps it open', async () => {
    stack.faults([{ service: 'pinpoint', operation: 'GetApp', kind: 'hang' }]);
    const waiting = await stack.gql(APP, { app: apps.RETAIL });
    await sleep(hintOf(waiting.body) + 20);
    await stack.clearWire();
    const probe = stack.gql(APP, { app: apps.RETAIL }, { 'x-request-deadline-ms': '500' });
    await until(() => stack.hanging() === 1, 'the probe hangs');
    const meanwhile = await stack.gql(APP, { app: apps.BANKING });
    expect(meanwhile.body.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', reason: 'CIRCUIT_OPEN' });
    const { body } = await probe;
    expect(errorsOf(body)).toEqual([{ message: "The request's deadline of 500 ms passed.", path: ['app'], extensions: { code: 'DEADLINE_EXCEEDED', deadlineMs: 500 } }]);
    expect(stack.wire('pinpoint.GetApp')).toBe(1);
    expect(stack.breakerState(stack.clients.pinpoint, 'read')).toBe('open');
    expect(readTransitions(stack)).toEqual(['open', 'half-open', 'open', 'half-open', 'open']);
  });

  test('recovery: once the service answers again, the next probe (one attempt) closes the breaker and reads flow', async () => {
    stack.faults([]);
    const waiting = await stack.gql(APP, { app: apps.RETAIL });
    await sleep(hintOf(waiting.body) + 20);
    await stack.clearWire();
    const probe = await stack.gql(APP, { app: apps.RETAIL });
    expect(probe.body.errors).toBeUndefined();
    expect(probe.body.data).toEqual({ app: { name: 'Retail Storefront' } });
    expect(stack.wire('pinpoint.GetApp')).toBe(1);
    expect(stack.breakerState(stack.clients.pinpoint, 'read')).toBe('closed');
    const list = await stack.gql(APPS);
    expect(list.body.errors).toBeUndefined();
    expect(stack.wire('pinpoint.GetApps')).toBe(1);
    expect(readTransitions(stack)).toEqual(['open', 'half-open', 'open', 'half-open', 'open', 'half-open', 'closed']);
    const ready = (await (await fetch(`${stack.gateway.url}/readyz`)).json()) as { checks: Record<string, { ok: boolean }> };
    expect(ready.checks.upstreamBreakers).toMatchObject({ ok: true, critical: false });
  });
});

describe('what else counts: timeouts do (2 failures open a breaker)', () => {
  let stack: FaultStack;
  beforeAll(async () => {
    stack = await startFaultStack({ timeoutMs: 200, resilience: { breakerFailures: 2, breakerHalfOpenMs: 60_000, throttleMaxAttempts: 2 } });
  });
  afterAll(() => stack.close());
  beforeEach(() => stack.clearWire());

  test('two calls that time out open the SMS v2 read breaker; the third is refused without reaching the wire', async () => {
    stack.faults([{ service: 'sms-voice-v2', operation: 'DescribePhoneNumbers', kind: 'hang' }]);
    for (let i = 0; i < 2; i++) {
      const { body } = await stack.gql(PHONE, { pn: phoneNumberId });
      expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_TIMEOUT', timeoutMs: 200 });
    }
    expect(stack.wire('sms-voice-v2.DescribePhoneNumbers')).toBe(2);
    const { body } = await stack.gql(PHONE, { pn: phoneNumberId });
    expect(body.errors?.[0]).toMatchObject({ path: ['phoneNumber'], extensions: { code: 'UPSTREAM_UNAVAILABLE', reason: 'CIRCUIT_OPEN', upstream: { service: 'sms-voice-v2', operation: 'DescribePhoneNumbers' } } });
    expect(body.errors?.[0]?.message).toMatch(/^DescribePhoneNumbers was not sent: sms-voice-v2 read calls in us-east-1 are failing, so their circuit breaker is open; try again in \d+ ms\.$/);
    expect(stack.wire('sms-voice-v2.DescribePhoneNumbers')).toBe(2);
    await until(() => stack.hanging() === 0, 'the hung calls were released');
  });
});

describe('throttles do not count (2 failures would open a breaker)', () => {
  let stack: FaultStack;
  beforeAll(async () => {
    // A call timeout far above two throttled attempts and their backoff, even on a busy machine: what is
    // asserted is the breaker's view of throttles, not a race with the timeout.
    stack = await startFaultStack({ timeoutMs: 5_000, resilience: { breakerFailures: 2, breakerHalfOpenMs: 60_000, throttleMaxAttempts: 2 } });
  });
  afterAll(() => stack.close());
  beforeEach(() => stack.clearWire());

  test('throttled commands (each out of attempts) leave the breaker closed: the service is alive and asks for less', async () => {
    stack.faults([{ service: 'pinpoint', operation: 'GetApp', kind: 'throttle' }]);
    for (let i = 0; i < 4; i++) {
      const { body } = await stack.gql(APP, { app: apps.RETAIL });
      expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'THROTTLED', upstream: { operation: 'GetApp', errorName: 'TooManyRequestsException', httpStatusCode: 429 } });
    }
    expect(stack.wire('pinpoint.GetApp')).toBe(8);
    expect(stack.breakerState(stack.clients.pinpoint, 'read')).toBe('closed');
  });
});
