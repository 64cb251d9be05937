import { connect, type Socket } from 'node:net';
import { GetAppsCommand, TooManyRequestsException } from '@aws-sdk/client-pinpoint';
import { DescribePhoneNumbersCommand, ThrottlingException } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { readJson, startEmulator, testService, type StartedEmulator } from '../../helpers/emulator';

// The admin API under /_emulator/ over HTTP, and what it drives: call counts that see every SDK
// attempt, fault rules that make the SDK retry, added latency, reset and seed.

const pinpoint = testService('pinpoint', { GetApps: () => ({ ApplicationsResponse: { Item: [] } }) });
const sms = testService('sms-voice-v2', { DescribePhoneNumbers: () => ({ PhoneNumbers: [] }) });

let stack: StartedEmulator;
beforeAll(async () => {
  stack = await startEmulator({ services: { pinpoint, 'sms-voice-v2': sms } });
});
afterAll(() => stack.close());
beforeEach(() => stack.emulator.reset());

/** One admin call; returns status and parsed JSON. */
async function admin(method: string, route: string, body?: unknown) {
  const res = await fetch(`${stack.emulator.endpoint}/_emulator/${route}`, { method, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: res.status, body: await readJson(res) };
}

describe('admin API', () => {
  it('GET /_emulator/health reports each service with its operation and handler counts', async () => {
    expect(await admin('GET', 'health')).toEqual({ status: 200, body: { status: 'ok', services: { pinpoint: { operations: 122, implemented: 1 }, 'sms-voice-v2': { operations: 110, implemented: 1 } } } });
  });

  it('GET /_emulator/calls counts every request, per service and operation; DELETE clears', async () => {
    await stack.pinpoint.send(new GetAppsCommand({}));
    await stack.pinpoint.send(new GetAppsCommand({}));
    await stack.sms.send(new DescribePhoneNumbersCommand({}));
    await fetch(`${stack.emulator.endpoint}/v1/unknown`);
    expect(await admin('GET', 'calls')).toEqual({
      status: 200,
      body: { total: 4, byService: { pinpoint: 3, 'sms-voice-v2': 1 }, byOperation: { 'pinpoint.GetApps': 2, 'sms-voice-v2.DescribePhoneNumbers': 1 }, byGatewayRequestId: {} },
    });
    expect(await admin('DELETE', 'calls')).toEqual({ status: 200, body: { total: 0, byService: {}, byOperation: {}, byGatewayRequestId: {} } });
  });

  it('POST /_emulator/reset resets every service, the counts and the faults', async () => {
    const before = pinpoint.resets;
    await stack.pinpoint.send(new GetAppsCommand({}));
    await admin('PUT', 'faults', { latencyMs: 1 });
    expect(await admin('POST', 'reset')).toEqual({ status: 200, body: { reset: true } });
    expect([pinpoint.resets - before, sms.resets > 0]).toEqual([1, true]);
    expect(stack.emulator.callCounts().total).toBe(0);
    expect((await admin('GET', 'faults')).body).toEqual({ rules: [], hanging: 0 });
  });

  it('POST /_emulator/seed seeds every service (default account/region, or the given ones)', async () => {
    pinpoint.seeds.length = 0;
    sms.seeds.length = 0;
    expect(await admin('POST', 'seed')).toEqual({ status: 200, body: { seeded: { accountId: '123456789012', region: 'us-east-1' } } });
    expect(await admin('POST', 'seed', { accountId: '111122223333', region: 'eu-west-1' })).toEqual({ status: 200, body: { seeded: { accountId: '111122223333', region: 'eu-west-1' } } });
    expect(pinpoint.seeds).toEqual([['123456789012', 'us-east-1'], ['111122223333', 'eu-west-1']]);
    expect(sms.seeds).toEqual(pinpoint.seeds);
  });

  it.each([
    ['seed', 'POST', { accountId: '12' }, 'accountId must be a 12-digit string; got "12"'],
    ['seed', 'POST', '{not json', /^Admin request body must be JSON: /],
    ['faults', 'PUT', { probability: 2 }, /^Fault rules must be a rule or a list of rules .*probability: Number must be less than or equal to 1/],
    ['faults', 'PUT', { service: 'sqs' }, /service: Invalid enum value/],
    ['faults', 'PUT', { colour: 'red' }, /Unrecognized key\(s\) in object: 'colour'/],
  ])('answers bad input to %s with 400 and a clear message (%#)', async (route, method, body, message) => {
    const res = await admin(method, route, body);
    expect(res.status).toBe(400);
    expect(res.body.message).toEqual(typeof message === 'string' ? message : expect.stringMatching(message));
  });

  it('answers unknown admin routes with 404 and wrong methods with 405', async () => {
    expect((await admin('GET', 'nope')).status).toBe(404);
    expect(await admin('PATCH', 'faults')).toEqual({ status: 405, body: { message: 'PATCH is not allowed on /_emulator/faults; allowed: GET, PUT, DELETE' } });
  });

  it('PUT/GET/DELETE /_emulator/faults manage the rules', async () => {
    const rule = { service: 'pinpoint', operation: 'GetApps', errorCode: 'TooManyRequestsException', count: 2 };
    expect(await admin('PUT', 'faults', [rule])).toEqual({ status: 200, body: { rules: [{ ...rule, kind: 'error', probability: 1, remaining: 2, state: 'active' }], hanging: 0 } });
    expect((await admin('GET', 'faults')).body.rules).toHaveLength(1);
    expect(await admin('DELETE', 'faults')).toEqual({ status: 200, body: { rules: [], hanging: 0 } });
  });
});

describe('fault injection through the SDK', () => {
  it('two injected 500s then success: the SDK retries and the emulator counts 3 attempts', async () => {
    await admin('PUT', 'faults', { service: 'pinpoint', operation: 'GetApps', count: 2 });
    const out = await stack.pinpoint.send(new GetAppsCommand({}));
    expect(out.$metadata.attempts).toBe(3);
    expect(stack.emulator.callCounts().byOperation).toEqual({ 'pinpoint.GetApps': 3 });
    expect((await admin('GET', 'faults')).body.rules[0].remaining).toBe(0);
  });

  it('injects the Pinpoint throttling error in its envelope; the SDK retries it until attempts run out', async () => {
    await admin('PUT', 'faults', { service: 'pinpoint', errorCode: 'TooManyRequestsException' });
    const error = await stack.pinpoint.send(new GetAppsCommand({})).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TooManyRequestsException);
    expect([(error as TooManyRequestsException).$metadata.httpStatusCode, (error as TooManyRequestsException).$metadata.attempts]).toEqual([429, 3]);
    expect(stack.emulator.callCounts().byOperation).toEqual({ 'pinpoint.GetApps': 3 });
  });

  it('injects the SMS v2 ThrottlingException (400) in the awsJson envelope; the SDK retries it', async () => {
    await admin('PUT', 'faults', { service: 'sms-voice-v2', operation: 'DescribePhoneNumbers', errorCode: 'ThrottlingException', count: 1 });
    const out = await stack.sms.send(new DescribePhoneNumbersCommand({}));
    expect(out.$metadata.attempts).toBe(2);
    const single = await startEmulator({ services: { 'sms-voice-v2': sms }, maxAttempts: 1 });
    single.emulator.setFaults({ errorCode: 'ThrottlingException' });
    const error = await single.sms.send(new DescribePhoneNumbersCommand({})).catch((e: unknown) => e);
    await single.close();
    expect(error).toBeInstanceOf(ThrottlingException);
    expect((error as ThrottlingException).$metadata.httpStatusCode).toBe(400);
  });

  it('a rule that does not match the service, the operation or its probability does not fire', async () => {
    await admin('PUT', 'faults', [{ service: 'sms-voice-v2' }, { operation: 'GetCampaign' }, { probability: 0 }]);
    expect((await stack.pinpoint.send(new GetAppsCommand({}))).$metadata.attempts).toBe(1);
  });

  it('adds latency from a latency-only rule without failing', async () => {
    await admin('PUT', 'faults', { operation: 'GetApps', latencyMs: 60, count: 1 });
    const started = performance.now();
    const out = await stack.pinpoint.send(new GetAppsCommand({}));
    expect(out.$metadata.attempts).toBe(1);
    expect(performance.now() - started).toBeGreaterThanOrEqual(59);
  });
});

describe('global latency', () => {
  it('delays every service request by latencyMs (a lower bound, never an upper one)', async () => {
    const slow = await startEmulator({ services: { pinpoint }, latencyMs: 80 });
    try {
      const started = performance.now();
      await slow.pinpoint.send(new GetAppsCommand({}));
      expect(performance.now() - started).toBeGreaterThanOrEqual(79);
    } finally {
      await slow.close();
    }
  });

  it('counts the emulator\'s own processing inside latencyMs: the handler runs on arrival, the reply waits', async () => {
    // The handler records when it ran; the reply still leaves no earlier than latencyMs after arrival.
    const handled: number[] = [];
    const recording = testService('pinpoint', { GetApps: () => (handled.push(performance.now()), { ApplicationsResponse: { Item: [] } }) });
    const slow = await startEmulator({ services: { pinpoint: recording }, latencyMs: 300 });
    try {
      const started = performance.now();
      await slow.pinpoint.send(new GetAppsCommand({}));
      const answered = performance.now();
      expect(handled).toHaveLength(1);
      expect(handled[0] - started).toBeLessThan(answered - handled[0]);
      expect(answered - started).toBeGreaterThanOrEqual(299);
    } finally {
      await slow.close();
    }
  });

  it('stamps requests that arrive together before serving any: one call\'s processing does not delay the next one\'s reply', async () => {
    // Each handler holds the emulator's one thread for BUSY_MS. Three requests written in one go
    // (three keep-alive sockets, as a client's fan-out) and stamped on arrival are answered by
    // max(arrival + LATENCY_MS, the processing queue) = 3 × BUSY_MS; stamped only once the previous
    // call was served, the third would leave at 2 × BUSY_MS + LATENCY_MS.
    const BUSY_MS = 200;
    const LATENCY_MS = 500;
    const busy = testService('pinpoint', {
      GetApps: () => {
        const until = performance.now() + BUSY_MS;
        while (performance.now() < until);
        return { ApplicationsResponse: { Item: [] } };
      },
    });
    const slow = await startEmulator({ services: { pinpoint: busy }, latencyMs: LATENCY_MS });
    const { port } = new URL(slow.emulator.endpoint);
    const sockets = await Promise.all([1, 2, 3].map(() => new Promise<Socket>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => resolve(socket));
      socket.once('error', reject);
    })));
    const request = `GET /v1/apps HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Length: 0\r\n\r\n`;
    const answer = (socket: Socket) => new Promise<number>((resolve) => socket.once('data', () => resolve(performance.now())));
    try {
      // One call per socket first, so the emulator has accepted all three and reads from them.
      for (const socket of sockets) {
        const answered = answer(socket);
        socket.write(request);
        await answered;
      }
      const answered = sockets.map(answer);
      const started = performance.now();
      for (const socket of sockets) socket.write(request);
      const after = (await Promise.all(answered)).map((at) => at - started);
      expect(Math.min(...after)).toBeGreaterThanOrEqual(LATENCY_MS - 1);
      expect(Math.max(...after)).toBeGreaterThanOrEqual(3 * BUSY_MS - 1);
      // Midway between the two behaviours (600 ms stamped on arrival, 900 ms stamped late).
      expect(Math.max(...after)).toBeLessThan(750);
    } finally {
      for (const socket of sockets) socket.destroy();
      await slow.close();
    }
  });

  it('adds a fault rule\'s latency to latencyMs', async () => {
    const slow = await startEmulator({ services: { pinpoint }, latencyMs: 60 });
    try {
      await fetch(`${slow.emulator.endpoint}/_emulator/faults`, { method: 'PUT', body: JSON.stringify({ operation: 'GetApps', latencyMs: 60, count: 1 }) });
      const started = performance.now();
      await slow.pinpoint.send(new GetAppsCommand({}));
      expect(performance.now() - started).toBeGreaterThanOrEqual(119);
    } finally {
      await slow.close();
    }
  });

  it('seeds at start when asked', async () => {
    const seeded = testService('pinpoint', {});
    const started = await startEmulator({ services: { pinpoint: seeded }, seed: true });
    await started.close();
    expect(seeded.seeds).toEqual([['123456789012', 'us-east-1']]);
  });
});
