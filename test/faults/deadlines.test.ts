import { PINPOINT_SEED } from '../../src/emulator/services/pinpoint/seed';
import { SMS_VOICE_SEED } from '../../src/emulator/services/sms-voice-v2/seed';
import { errorsOf, startFaultStack, until, type FaultStack } from './faultStack';

// Deadlines (issue 14): every upstream call is bounded by min(UPSTREAM_TIMEOUT_MS, the time left in
// its request), enforced by aborting it through the SDK's abort signal, so a hung upstream costs a
// field (null, typed) and never the page, and its socket is given back. A client may shorten its
// request's deadline with `x-request-deadline-ms`. The emulator's `hang` rule holds a request
// unanswered until its client goes away, so "the socket was released" is what the emulator sees
// (`hanging` back to 0) as well as what the gateway's agent holds (no socket in use).

const { apps } = PINPOINT_SEED;
const phoneNumberId = SMS_VOICE_SEED.phoneNumbers.simulator;

/** Two root fields on two services: `app` (GetApp, made to hang) and `phoneNumber` (DescribePhoneNumbers, answers). */
const TWO_FIELDS = `query($app: ID!, $pn: String!) { app(id: $app) { name } phoneNumber(phoneNumberId: $pn) { phoneNumberId } }`;
const variables = { app: apps.RETAIL, pn: phoneNumberId };
const HANG_GET_APP = [{ service: 'pinpoint', operation: 'GetApp', kind: 'hang' }];

/** The `extensions.upstream` of a call that got no answer. */
const unanswered = (operation: string) => ({ service: 'pinpoint', operation, errorName: 'UpstreamTimeoutError', requestId: null, httpStatusCode: null });

/** Waits until the emulator holds no request and the Pinpoint client's agent has no socket in use. */
async function socketsReleased(stack: FaultStack): Promise<void> {
  await until(() => stack.hanging() === 0 && stack.socketsInUse(stack.clients.pinpoint) === 0, 'the hung request was released on both ends');
}

describe('UPSTREAM_TIMEOUT_MS 300 ms, request deadline 5 s', () => {
  let stack: FaultStack;
  beforeAll(async () => {
    stack = await startFaultStack({ timeoutMs: 300, execution: { deadlineMs: 5_000 } });
  });
  afterAll(() => stack.close());
  beforeEach(async () => {
    stack.faults(HANG_GET_APP);
    await stack.clearWire();
  });

  test('a hung GetApp: `app` is null with UPSTREAM_TIMEOUT, `phoneNumber` arrives; one attempt, and its socket is released', async () => {
    const answer = stack.gql(TWO_FIELDS, variables);
    // While it hangs, both ends hold it: the emulator's request, the agent's socket.
    await until(() => stack.hanging() === 1 && stack.socketsInUse(stack.clients.pinpoint) === 1, 'GetApp hangs');
    const { status, body } = await answer;
    expect(status).toBe(200);
    expect(body.data).toEqual({ app: null, phoneNumber: { phoneNumberId } });
    expect(errorsOf(body)).toEqual([
      {
        message: 'GetApp got no answer within 300 ms (the upstream timeout); it was cancelled.',
        path: ['app'],
        extensions: { code: 'UPSTREAM_TIMEOUT', reason: 'UPSTREAM_TIMEOUT', timeoutMs: 300, upstream: unanswered('GetApp') },
      },
    ]);
    // A timeout is not retried (the call's time is spent), and the gateway counted the one it sent.
    expect(stack.wire('pinpoint.GetApp')).toBe(1);
    expect(body.extensions?.upstreamCalls).toEqual({ total: 2, byOperation: { DescribePhoneNumbers: 1, GetApp: 1 } });
    await socketsReleased(stack);
    expect(stack.observed.commands.filter(({ call }) => call.operation === 'GetApp').at(-1)?.end).toMatchObject({ outcome: 'timeout', attempts: 1, errorName: 'UpstreamTimeoutError' });
  });

  test('a request deadline shorter than the call timeout binds the call: DEADLINE_EXCEEDED at 100 ms, not UPSTREAM_TIMEOUT', async () => {
    const { status, body } = await stack.gql(TWO_FIELDS, variables, { 'x-request-deadline-ms': '100' });
    expect(status).toBe(200);
    expect(body.data).toEqual({ app: null, phoneNumber: { phoneNumberId } });
    expect(errorsOf(body)).toEqual([{ message: "The request's deadline of 100 ms passed.", path: ['app'], extensions: { code: 'DEADLINE_EXCEEDED', deadlineMs: 100 } }]);
    expect(stack.wire('pinpoint.GetApp')).toBe(1);
    await socketsReleased(stack);
    // The observer reads a call cut by its request's deadline as a timeout, not as a cancellation.
    expect(stack.observed.commands.filter(({ call }) => call.operation === 'GetApp').at(-1)?.end).toMatchObject({ outcome: 'timeout', attempts: 1 });
  });

  test('after a hung call the next page is served whole, and no socket stays in use', async () => {
    await stack.gql(TWO_FIELDS, variables);
    stack.faults([]);
    const { body } = await stack.gql(TWO_FIELDS, variables);
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({ app: { name: 'Retail Storefront' }, phoneNumber: { phoneNumberId } });
    await socketsReleased(stack);
  });
});

describe('x-request-deadline-ms: a client’s own, shorter deadline (UPSTREAM_TIMEOUT_MS 10 s, REQUEST_DEADLINE_MS 400)', () => {
  let stack: FaultStack;
  beforeAll(async () => {
    stack = await startFaultStack({ timeoutMs: 10_000, execution: { deadlineMs: 400 } });
  });
  afterAll(() => stack.close());
  beforeEach(async () => {
    stack.faults(HANG_GET_APP);
    await stack.clearWire();
  });

  test('150 ms: the hung field is null with DEADLINE_EXCEEDED and deadlineMs 150; the other field is sent', async () => {
    const { status, body } = await stack.gql(TWO_FIELDS, variables, { 'x-request-deadline-ms': '150' });
    expect(status).toBe(200);
    expect(body.data).toEqual({ app: null, phoneNumber: { phoneNumberId } });
    expect(errorsOf(body)).toEqual([{ message: "The request's deadline of 150 ms passed.", path: ['app'], extensions: { code: 'DEADLINE_EXCEEDED', deadlineMs: 150 } }]);
    await socketsReleased(stack);
  });

  test('a value above the configured deadline is capped to it: 60000 runs under 400', async () => {
    const { status, body } = await stack.gql(TWO_FIELDS, variables, { 'x-request-deadline-ms': '60000' });
    expect(status).toBe(200);
    expect(errorsOf(body)).toEqual([{ message: "The request's deadline of 400 ms passed.", path: ['app'], extensions: { code: 'DEADLINE_EXCEEDED', deadlineMs: 400 } }]);
    await socketsReleased(stack);
  });

  test.each(['soon', '0', '-5', '1.5', '10ms', '1e3'])('%j is refused with 400 BAD_REQUEST before any work (no upstream call)', async (value) => {
    const { status, body } = await stack.gql(TWO_FIELDS, variables, { 'x-request-deadline-ms': value });
    expect(status).toBe(400);
    expect(body).toEqual({
      errors: [
        {
          message: `The x-request-deadline-ms header must be one whole number of milliseconds from 1 (values above 400 are capped to it); got ${JSON.stringify(value)}.`,
          extensions: { code: 'BAD_REQUEST', reason: 'BAD_DEADLINE_HEADER', header: 'x-request-deadline-ms' },
        },
      ],
    });
    expect(stack.emulator.callCounts().total).toBe(0);
  });

  test('without the header the configured deadline applies', async () => {
    const { body } = await stack.gql(TWO_FIELDS, variables);
    expect(errorsOf(body)).toEqual([{ message: "The request's deadline of 400 ms passed.", path: ['app'], extensions: { code: 'DEADLINE_EXCEEDED', deadlineMs: 400 } }]);
    await socketsReleased(stack);
  });
});
