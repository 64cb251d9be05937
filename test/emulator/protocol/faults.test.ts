import { GetAppsCommand, PinpointClient, TooManyRequestsException } from '@aws-sdk/client-pinpoint';
import { DescribePhoneNumbersCommand, PinpointSMSVoiceV2Client, ThrottlingException } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { readJson, startEmulator, testService, type StartedEmulator } from '../../helpers/emulator';

// The emulator as the fault harness (issue 14): every fault kind gives the real SDK clients what
// they would get from AWS (the throttling exceptions, a reset connection, no answer at all), a
// hang is released on the emulator's side when its client gives up, time windows start and end
// on their own, and several rules apply at once. Timing is never asserted: windows are observed
// through the rules' own state in GET /_emulator/faults.

const pinpoint = testService('pinpoint', { GetApps: () => ({ ApplicationsResponse: { Item: [] } }) });
const sms = testService('sms-voice-v2', { DescribePhoneNumbers: () => ({ PhoneNumbers: [] }) });

let stack: StartedEmulator;
/** Clients that make one attempt per call, so each call sees the fault itself rather than a retry's outcome. */
let once: { pinpoint: PinpointClient; sms: PinpointSMSVoiceV2Client };
beforeAll(async () => {
  stack = await startEmulator({ services: { pinpoint, 'sms-voice-v2': sms } });
  const config = { endpoint: stack.emulator.endpoint, region: 'us-east-1', credentials: { accessKeyId: '123456789012', secretAccessKey: 'x' }, maxAttempts: 1 };
  once = { pinpoint: new PinpointClient(config), sms: new PinpointSMSVoiceV2Client(config) };
});
afterAll(async () => {
  once.pinpoint.destroy();
  once.sms.destroy();
  await stack.close();
});
beforeEach(() => stack.emulator.reset());

/** One admin call; returns status and parsed JSON. */
async function admin(method: string, route: string, body?: unknown) {
  const res = await fetch(`${stack.emulator.endpoint}/_emulator/${route}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, body: await readJson(res) };
}

/** Polls GET /_emulator/faults until `done` holds for its body (bounded, so a broken window fails rather than hangs). */
async function faultsWhen(done: (state: { rules: { state: string }[]; hanging: number }) => boolean): Promise<{ rules: any[]; hanging: number }> {
  for (let attempt = 0; attempt < 400; attempt += 1) {
    const state = stack.emulator.faults();
    if (done(state)) return state;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`the fault state never reached the expected condition; last: ${JSON.stringify(stack.emulator.faults())}`);
}

/** The rejection of a promise that must reject. */
async function rejection(promise: Promise<unknown>): Promise<any> {
  return promise.then(
    (value) => {
      throw new Error(`expected a rejection; got ${JSON.stringify(value)}`);
    },
    (error: unknown) => error,
  );
}

describe('throttle: the service\'s own throttling answer', () => {
  it('one rule throttles both services as each does: Pinpoint TooManyRequestsException 429, SMS v2 ThrottlingException 400', async () => {
    await admin('PUT', 'faults', { kind: 'throttle' });
    const fromPinpoint = await rejection(once.pinpoint.send(new GetAppsCommand({})));
    const fromSms = await rejection(once.sms.send(new DescribePhoneNumbersCommand({})));
    expect(fromPinpoint).toBeInstanceOf(TooManyRequestsException);
    expect([fromPinpoint.$metadata.httpStatusCode, fromPinpoint.$fault, fromPinpoint.message]).toEqual([429, 'client', 'Injected fault: TooManyRequestsException for pinpoint.GetApps']);
    expect(fromSms).toBeInstanceOf(ThrottlingException);
    expect([fromSms.$metadata.httpStatusCode, fromSms.$fault, fromSms.$retryable]).toEqual([400, 'client', { throttling: true }]);
  });

  it('is in the wire envelope each protocol uses (restJson1 header, awsJson1_0 __type)', async () => {
    await admin('PUT', 'faults', { kind: 'throttle' });
    const restJson = await fetch(`${stack.emulator.endpoint}/v1/apps`);
    expect([restJson.status, restJson.headers.get('x-amzn-errortype')]).toEqual([429, 'TooManyRequestsException']);
    expect(Object.keys((await restJson.json()) as object).sort()).toEqual(['Message', 'RequestID']);
    const awsJson = await fetch(`${stack.emulator.endpoint}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'PinpointSMSVoiceV2.DescribePhoneNumbers' },
      body: '{}',
    });
    expect(awsJson.status).toBe(400);
    expect(await awsJson.json()).toEqual({ __type: 'com.amazonaws.pinpointsmsvoicev2#ThrottlingException', Message: 'Injected fault: ThrottlingException for sms-voice-v2.DescribePhoneNumbers' });
  });

  it('is retried by the SDK as throttling: two throttles then success takes three attempts', async () => {
    await admin('PUT', 'faults', { kind: 'throttle', service: 'sms-voice-v2', count: 2 });
    const out = await stack.sms.send(new DescribePhoneNumbersCommand({}));
    expect(out.$metadata.attempts).toBe(3);
    expect(stack.emulator.callCounts().byOperation).toEqual({ 'sms-voice-v2.DescribePhoneNumbers': 3 });
  });
});

describe('reset: the connection is dropped', () => {
  it('the SDK sees ECONNRESET', async () => {
    await admin('PUT', 'faults', { kind: 'reset', operation: 'GetApps' });
    const error = await rejection(once.pinpoint.send(new GetAppsCommand({})));
    // The SDK wraps the socket error (as a transient one); its message keeps the cause.
    expect(error.message).toMatch(/ECONNRESET/);
    expect(stack.emulator.callCounts().byOperation).toEqual({ 'pinpoint.GetApps': 1 });
  });

  it('is a transient network error to the SDK: two resets then success takes three attempts', async () => {
    await admin('PUT', 'faults', { kind: 'reset', service: 'pinpoint', count: 2 });
    const out = await stack.pinpoint.send(new GetAppsCommand({}));
    expect(out.$metadata.attempts).toBe(3);
  });
});

describe('hang: no answer until the client goes away', () => {
  it('holds the request until the SDK call is aborted, then releases it; other operations are served meanwhile', async () => {
    await admin('PUT', 'faults', { kind: 'hang', operation: 'GetApps' });
    const controller = new AbortController();
    const call = rejection(once.pinpoint.send(new GetAppsCommand({}), { abortSignal: controller.signal }));
    await faultsWhen((state) => state.hanging === 1);
    expect((await once.sms.send(new DescribePhoneNumbersCommand({}))).PhoneNumbers).toEqual([]);
    controller.abort();
    expect((await call).name).toBe('AbortError');
    expect((await faultsWhen((state) => state.hanging === 0)).hanging).toBe(0);
  });

  it('is released when the SDK\'s own request timeout gives up (throwOnRequestTimeout: without it the SDK only warns)', async () => {
    await admin('PUT', 'faults', { kind: 'hang', service: 'sms-voice-v2' });
    const timed = new PinpointSMSVoiceV2Client({ endpoint: stack.emulator.endpoint, region: 'us-east-1', credentials: { accessKeyId: '123456789012', secretAccessKey: 'x' }, maxAttempts: 1, requestHandler: { requestTimeout: 200, throwOnRequestTimeout: true } });
    try {
      const error = await rejection(timed.send(new DescribePhoneNumbersCommand({})));
      expect(error.name).toBe('TimeoutError');
    } finally {
      timed.destroy();
    }
    expect((await faultsWhen((state) => state.hanging === 0)).hanging).toBe(0);
  });

  it('is released when the emulator closes, so close() never waits on a held request', async () => {
    const own = await startEmulator({ services: { pinpoint }, maxAttempts: 1 });
    own.emulator.setFaults({ kind: 'hang' });
    const call = rejection(own.pinpoint.send(new GetAppsCommand({})));
    for (let attempt = 0; own.emulator.faults().hanging === 0 && attempt < 400; attempt += 1) await new Promise((resolve) => setTimeout(resolve, 25));
    expect(own.emulator.faults().hanging).toBe(1);
    await own.close();
    expect((await call).message).toMatch(/socket hang up|ECONNRESET/);
    expect(own.emulator.faults().hanging).toBe(0);
  });
});

describe('time windows', () => {
  it('a rule with durationMs is active at once and spent when its window ends; GET shows the time left', async () => {
    const put = await admin('PUT', 'faults', { kind: 'throttle', service: 'pinpoint', durationMs: 1_000 });
    expect(put.body.rules).toEqual([{ kind: 'throttle', service: 'pinpoint', probability: 1, durationMs: 1_000, state: 'active', endsInMs: expect.any(Number) }]);
    expect(put.body.rules[0].endsInMs).toBeGreaterThan(0);
    expect(put.body.rules[0].endsInMs).toBeLessThanOrEqual(1_000);
    expect(await rejection(once.pinpoint.send(new GetAppsCommand({})))).toBeInstanceOf(TooManyRequestsException);
    const spent = await faultsWhen((state) => state.rules[0].state === 'spent');
    expect(spent.rules[0]).toMatchObject({ state: 'spent', endsInMs: 0 });
    expect((await once.pinpoint.send(new GetAppsCommand({}))).$metadata.httpStatusCode).toBe(200);
  });

  it('a rule with afterMs is pending (requests pass) until it starts: "down for a while, then back" is one PUT', async () => {
    await admin('PUT', 'faults', { kind: 'error', errorCode: 'ServiceUnavailable', status: 503, service: 'pinpoint', afterMs: 1_000, durationMs: 60_000 });
    const pending = stack.emulator.faults().rules[0];
    expect(pending).toMatchObject({ state: 'pending', startsInMs: expect.any(Number) });
    expect(pending.startsInMs).toBeLessThanOrEqual(1_000);
    expect((await once.pinpoint.send(new GetAppsCommand({}))).$metadata.httpStatusCode).toBe(200);
    await faultsWhen((state) => state.rules[0].state === 'active');
    const error = await rejection(once.pinpoint.send(new GetAppsCommand({})));
    expect([error.name, error.$metadata.httpStatusCode]).toEqual(['ServiceUnavailable', 503]);
  });

  it('a count and a window together: spent by whichever runs out first', async () => {
    await admin('PUT', 'faults', { kind: 'throttle', count: 1, durationMs: 60_000 });
    expect(await rejection(once.sms.send(new DescribePhoneNumbersCommand({})))).toBeInstanceOf(ThrottlingException);
    expect(stack.emulator.faults().rules[0]).toMatchObject({ state: 'spent', remaining: 0 });
    expect((await once.sms.send(new DescribePhoneNumbersCommand({}))).$metadata.httpStatusCode).toBe(200);
  });
});

describe('several rules at once', () => {
  it('each request meets the first rule that matches, is active and fires: a hang on one operation beside a throttle on the other service', async () => {
    await admin('PUT', 'faults', [
      { kind: 'hang', operation: 'GetApps', probability: 0 },
      { kind: 'reset', operation: 'GetApps' },
      { kind: 'throttle', service: 'sms-voice-v2' },
    ]);
    // The first rule never fires (probability 0), so the second one decides GetApps.
    expect((await rejection(once.pinpoint.send(new GetAppsCommand({})))).message).toMatch(/ECONNRESET/);
    expect(await rejection(once.sms.send(new DescribePhoneNumbersCommand({})))).toBeInstanceOf(ThrottlingException);
    expect(stack.emulator.faults().hanging).toBe(0);
  });

  it('30% throttled on every operation of both services: some calls of each service are throttled, the others answered', async () => {
    await admin('PUT', 'faults', { kind: 'throttle', probability: 0.3 });
    const outcomes = { pinpoint: { ok: 0, throttled: 0, other: 0 }, sms: { ok: 0, throttled: 0, other: 0 } };
    const tally = (counts: { ok: number; throttled: number; other: number }, result: PromiseSettledResult<unknown>, throttle: new (...args: any[]) => Error) => {
      if (result.status === 'fulfilled') counts.ok += 1;
      else if (result.reason instanceof throttle) counts.throttled += 1;
      else counts.other += 1;
    };
    for (let i = 0; i < 120; i += 1) {
      const [p, s] = await Promise.allSettled([once.pinpoint.send(new GetAppsCommand({})), once.sms.send(new DescribePhoneNumbersCommand({}))]);
      tally(outcomes.pinpoint, p, TooManyRequestsException);
      tally(outcomes.sms, s, ThrottlingException);
    }
    // 120 calls each at 30%: none throttled, or all, has a probability below 1e-18.
    for (const counts of Object.values(outcomes)) {
      expect(counts.other).toBe(0);
      expect(counts.ok).toBeGreaterThan(0);
      expect(counts.throttled).toBeGreaterThan(0);
    }
  });
});

describe('validation', () => {
  it.each([
    [{ kind: 'throttle', errorCode: 'ThrottlingException' }, 'errorCode: only an "error" rule names errorCode; a "throttle" rule answers as the service does'],
    [{ kind: 'reset', status: 503 }, 'status: only an "error" rule names status; a "reset" rule answers as the service does'],
    [{ kind: 'hang', latencyMs: 10 }, 'latencyMs: a "hang" rule never answers, so latencyMs means nothing'],
    [{ kind: 'latency' }, 'latencyMs: a "latency" rule needs latencyMs'],
    [{ kind: 'explode' }, "kind: Invalid enum value. Expected 'error' | 'throttle' | 'latency' | 'hang' | 'reset', received 'explode'"],
    [[{ kind: 'throttle' }, { durationMs: 0 }], '1.durationMs: Number must be greater than or equal to 1'],
  ])('refuses %j with 400 and the field at fault', async (body, issue) => {
    const res = await admin('PUT', 'faults', body);
    expect(res.status).toBe(400);
    expect(res.body.message).toBe(`Fault rules must be a rule or a list of rules {kind?: error|throttle|latency|hang|reset, service?, operation?, probability?, errorCode?, status?, latencyMs?, count?, afterMs?, durationMs?}: ${issue}`);
    // A refused PUT leaves the rules as they were.
    expect(stack.emulator.faults().rules).toEqual([]);
  });
});
