import { PINPOINT_SEED } from '../../src/emulator/services/pinpoint/seed';
import { SMS_VOICE_SEED } from '../../src/emulator/services/sms-voice-v2/seed';
import { resilienceOf } from '../../src/upstream';
import { errorsOf, startFaultStack, until, type FaultStack } from './faultStack';

// Bulkheads (issue 14): each service and region has its own bounded number of calls in flight (and
// as many sockets) and a bounded queue; past both, a call is refused at once with
// UPSTREAM_UNAVAILABLE / BULKHEAD_FULL. A slow SMS v2 fills SMS v2's slots only: Pinpoint reads go
// on. A call waiting in the queue still honours its deadline, and one whose deadline passed there
// never reaches the wire nor holds up the calls behind it.

const { apps } = PINPOINT_SEED;
const phoneNumberId = SMS_VOICE_SEED.phoneNumbers.simulator;
const PHONE = `query($pn: String!) { phoneNumber(phoneNumberId: $pn) { phoneNumberId } }`;
const APP = `query($app: ID!) { app(id: $app) { name } }`;

describe('2 calls in flight and 1 waiting per service', () => {
  let stack: FaultStack;
  beforeAll(async () => {
    stack = await startFaultStack({ resilience: { maxConcurrency: 2, queueSize: 1 } });
  });
  afterAll(() => stack.close());

  const occupancy = () => resilienceOf(stack.clients.smsVoice)!.bulkhead.occupancy();

  test('a hung SMS v2 fills its 2 slots and its queue; one more SMS call is refused at once; Pinpoint is served meanwhile', async () => {
    await stack.clearWire();
    stack.faults([{ service: 'sms-voice-v2', operation: 'DescribePhoneNumbers', kind: 'hang' }]);
    // Two calls that hang (each request ends at its own 1.5 s deadline).
    const hung = [stack.gql(PHONE, { pn: phoneNumberId }, { 'x-request-deadline-ms': '1500' }), stack.gql(PHONE, { pn: phoneNumberId }, { 'x-request-deadline-ms': '1500' })];
    await until(() => stack.hanging() === 2, 'two SMS calls hang');
    expect(occupancy()).toEqual({ active: 2, queued: 0, limit: 2 });
    expect(stack.socketsInUse(stack.clients.smsVoice)).toBe(2);
    // A third waits in the queue, under a deadline of its own that passes there.
    const queued = stack.gql(PHONE, { pn: phoneNumberId }, { 'x-request-deadline-ms': '300' });
    await until(() => occupancy().queued === 1, 'the third SMS call waits');

    const refused = await stack.gql(PHONE, { pn: phoneNumberId });
    expect(refused.status).toBe(200);
    expect(refused.body.data).toEqual({ phoneNumber: null });
    expect(errorsOf(refused.body)).toEqual([
      {
        message: 'DescribePhoneNumbers was not sent: sms-voice-v2 in us-east-1 already has 2 calls in flight and 1 waiting (its bulkhead is full).',
        path: ['phoneNumber'],
        extensions: {
          code: 'UPSTREAM_UNAVAILABLE',
          reason: 'BULKHEAD_FULL',
          upstream: { service: 'sms-voice-v2', operation: 'DescribePhoneNumbers', errorName: 'UpstreamRefusedError', requestId: null, httpStatusCode: null },
        },
      },
    ]);

    const pinpoint = await stack.gql(APP, { app: apps.RETAIL });
    expect(pinpoint.body.errors).toBeUndefined();
    expect(pinpoint.body.data).toEqual({ app: { name: 'Retail Storefront' } });

    // The queued call answers at its deadline, while the two ahead of it still hang: it never reached the wire.
    const waited = await queued;
    expect(errorsOf(waited.body)).toEqual([{ message: "The request's deadline of 300 ms passed.", path: ['phoneNumber'], extensions: { code: 'DEADLINE_EXCEEDED', deadlineMs: 300 } }]);
    expect(stack.hanging()).toBe(2);
    expect(stack.wire('sms-voice-v2.DescribePhoneNumbers')).toBe(2);
    expect(stack.wire('pinpoint.GetApp')).toBe(1);

    for (const { body } of await Promise.all(hung)) {
      expect(errorsOf(body)).toEqual([{ message: "The request's deadline of 1500 ms passed.", path: ['phoneNumber'], extensions: { code: 'DEADLINE_EXCEEDED', deadlineMs: 1500 } }]);
    }
    await until(() => stack.hanging() === 0 && occupancy().active === 0 && occupancy().queued === 0, 'every slot and the queue are free');
    expect(stack.socketsInUse(stack.clients.smsVoice)).toBe(0);
    expect(stack.wire('sms-voice-v2.DescribePhoneNumbers')).toBe(2);
    // The refused and the expired calls took no slot the next call needs.
    stack.faults([]);
    const next = await stack.gql(PHONE, { pn: phoneNumberId });
    expect(next.body.errors).toBeUndefined();
    expect(next.body.data).toEqual({ phoneNumber: { phoneNumberId } });
  });

  test('the observer hears every change of occupancy, never above the limit', async () => {
    const sms = stack.observed.bulkheads.filter(({ service }) => service === 'sms-voice-v2');
    expect(sms.length).toBeGreaterThan(0);
    expect(Math.max(...sms.map(({ active }) => active))).toBe(2);
    expect(Math.max(...sms.map(({ queued }) => queued))).toBe(1);
    expect(sms.at(-1)).toEqual({ service: 'sms-voice-v2', active: 0, queued: 0, limit: 2 });
    expect(stack.observed.commands.filter(({ end }) => end.outcome === 'rejected').map(({ call, end }) => [call.operation, end.errorName, end.attempts])).toEqual([['DescribePhoneNumbers', 'UpstreamRefusedError', 0]]);
  });
});
