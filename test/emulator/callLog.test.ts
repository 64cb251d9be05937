import { GetAppsCommand, GetSegmentCommand, GetSegmentsCommand } from '@aws-sdk/client-pinpoint';
import { DescribePhoneNumbersCommand } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { createEmulatorServer } from '../../src/emulator';
import { callLogCollector } from '../../src/emulator/admin/callLog';
import { findRedundantCalls, mergeAttempts } from '../../src/emulator/admin/redundantCalls';
import { startEmulator, type StartedEmulator } from '../helpers/emulator';
import { startStack, type Stack } from '../helpers/startStack';

/**
 * The emulator's per-gateway-request call log over real HTTP (the input of the redundant call
 * check in test/setup/redundantCalls.ts): what is logged, how attempts show, what is not logged.
 */

/** Module-private: puts the gateway's request ID header on every command of a client. */
function withGatewayRequestId(client: { middlewareStack: { add: (...args: any[]) => void } }, id: () => string): void {
  client.middlewareStack.add(
    (next: any) => async (args: any) => {
      args.request.headers['x-gateway-request-id'] = id();
      return next(args);
    },
    { step: 'build', name: 'testGatewayRequestId' },
  );
}

describe('the call log, SDK clients straight at the emulator', () => {
  let started: StartedEmulator;
  let requestId = 'r-1';
  beforeAll(async () => {
    started = await startEmulator({ seed: true, callLog: true });
    withGatewayRequestId(started.pinpoint, () => requestId);
    withGatewayRequestId(started.sms, () => requestId);
  });
  afterAll(() => started.close());

  test('logs service, operation, decoded input, status and parsed response per gateway request, in order', async () => {
    requestId = 'r-order';
    const apps = await started.pinpoint.send(new GetAppsCommand({}));
    const appId = apps.ApplicationsResponse!.Item![0].Id!;
    const segments = await started.pinpoint.send(new GetSegmentsCommand({ ApplicationId: appId, PageSize: '5' }));
    const segmentId = segments.SegmentsResponse!.Item![0].Id!;
    await started.pinpoint.send(new GetSegmentCommand({ ApplicationId: appId, SegmentId: segmentId }));
    await started.sms.send(new DescribePhoneNumbersCommand({}));

    const log = started.emulator.callLog!.get('r-order')!;
    expect(log.calls.map((c) => `${c.service}.${c.operation} ${c.status}`)).toEqual(['pinpoint.GetApps 200', 'pinpoint.GetSegments 200', 'pinpoint.GetSegment 200', 'sms-voice-v2.DescribePhoneNumbers 200']);
    expect(log.calls[1].input).toEqual({ ApplicationId: appId, PageSize: '5' });
    expect(log.calls[2].input).toEqual({ ApplicationId: appId, SegmentId: segmentId });
    // Pinpoint's response is its payload (the wire body): the SegmentResponse itself.
    expect(log.calls[2].response).toMatchObject({ Id: segmentId, ApplicationId: appId });
    expect((log.calls[3].response as any).PhoneNumbers.length).toBeGreaterThan(0);
    for (const c of log.calls) {
      expect(c.invocationId).toMatch(/^[0-9a-f-]{36}$/);
      expect(c.attempt).toBe(1);
      expect(c.endSeq).toBeGreaterThan(c.startSeq);
      expect(c.endedAt).toBeGreaterThanOrEqual(c.startedAt);
    }
    // The GetSegment answered an object the GetSegments page held: what the check flags.
    const flags = findRedundantCalls(log.calls);
    expect(flags.map((f) => `${f.kind} ${f.call.operation} ← ${f.earlier.operation} ${f.path}`)).toEqual(['contained GetSegment ← GetSegments $.Item[0]']);
    // Made on purpose here: forgotten, so this file's own check (test/setup/redundantCalls.ts) does not fail on it.
    started.emulator.callLog!.clear();
  });

  test('SDK retry attempts share one invocation ID and merge into one call', async () => {
    requestId = 'r-retry';
    started.emulator.setFaults({ service: 'pinpoint', operation: 'GetApps', kind: 'error', count: 1 });
    await started.pinpoint.send(new GetAppsCommand({}));
    const { calls } = started.emulator.callLog!.get('r-retry')!;
    expect(calls.map((c) => [c.attempt, c.status, c.input])).toEqual([
      [1, 500, undefined],
      [2, 200, {}],
    ]);
    expect(calls[0].invocationId).toBe(calls[1].invocationId);
    expect(mergeAttempts(calls).map((c) => [c.operation, c.attempts, c.status])).toEqual([['GetApps', 2, 200]]);
    expect(findRedundantCalls(calls)).toEqual([]);
  });

  test('does not log calls without the gateway request header, nor admin requests', async () => {
    const bare = await startEmulator({ seed: true, callLog: true });
    try {
      await bare.pinpoint.send(new GetAppsCommand({}));
      await fetch(`${bare.emulator.endpoint}/_emulator/calls`);
      expect(bare.emulator.callLog!.all()).toEqual([]);
      expect(bare.emulator.callCounts().total).toBe(1);
    } finally {
      await bare.close();
    }
  });

  test('keeps the most recent requests only', async () => {
    const small = await startEmulator({ seed: true, callLog: { maxRequests: 2 } });
    let id = '';
    withGatewayRequestId(small.pinpoint, () => id);
    try {
      for (id of ['a', 'b', 'c']) await small.pinpoint.send(new GetAppsCommand({}));
      expect(small.emulator.callLog!.all().map((r) => r.gatewayRequestId)).toEqual(['b', 'c']);
      expect(small.emulator.callLog!.evicted).toBe(1);
    } finally {
      await small.close();
    }
  });

  test('callLog: false keeps it off, even with the suite collector installed', async () => {
    const off = await createEmulatorServer({ callLog: false });
    try {
      expect(off.callLog).toBeUndefined();
    } finally {
      await off.close();
    }
  });
});

describe('the call log behind a gateway', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  test('is kept by default while the suite collector is installed, keyed by the gateway request ID', async () => {
    const { status } = await stack.gql('{ apps { nodes { name } } }', undefined, { 'x-request-id': 'call-log-gateway-1' });
    expect(status).toBe(200);
    if (!callLogCollector()) {
      // REDUNDANT_CALLS=off: the setup file installed no collector, and an emulator keeps no log unless asked.
      expect(stack.emulator.callLog).toBeUndefined();
      return;
    }
    const log = stack.emulator.callLog!.get('call-log-gateway-1')!;
    expect(log.calls.map((c) => `${c.service}.${c.operation}`)).toEqual(['pinpoint.GetApps']);
    expect(log.calls[0].status).toBe(200);
  });
});
