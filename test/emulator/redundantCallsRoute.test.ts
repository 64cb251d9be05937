import { GetAppCommand, GetAppsCommand } from '@aws-sdk/client-pinpoint';
import { PINPOINT_SEED } from '../../src/emulator/services/pinpoint/seed';
import { allowRedundantUpstreamCalls } from '../helpers/redundantCalls';
import { startEmulator, type StartedEmulator } from '../helpers/emulator';

// GET /_emulator/redundant-calls: the detector over the call log, for processes that cannot read
// the log in memory (the bench's emulator runs in its own process, with EMULATOR_CALL_LOG=true).

allowRedundantUpstreamCalls('this file makes redundant calls on purpose, to see the route report them');

let withLog: StartedEmulator;
let withoutLog: StartedEmulator;
beforeAll(async () => {
  withLog = await startEmulator({ seed: true, callLog: true });
  withoutLog = await startEmulator({ seed: true, callLog: false });
  // Every call of these clients belongs to gateway request `req-<n>` (the header the gateway sends).
  for (const [index, client] of [withLog.pinpoint, withoutLog.pinpoint].entries()) {
    client.middlewareStack.add(
      (next) => async (args) => {
        (args.request as { headers: Record<string, string> }).headers['x-gateway-request-id'] = requestId;
        return next(args);
      },
      { step: 'build', name: `gatewayRequestId${index}` },
    );
  }
});
afterAll(async () => {
  await withLog.close();
  await withoutLog.close();
});

let requestId = 'req-1';

test('names a by-ID read whose answer the request had from a list, and only for the requests asked about', async () => {
  requestId = 'req-1';
  await withLog.pinpoint.send(new GetAppsCommand({}));
  await withLog.pinpoint.send(new GetAppCommand({ ApplicationId: PINPOINT_SEED.apps.RETAIL }));
  requestId = 'other-1';
  await withLog.pinpoint.send(new GetAppCommand({ ApplicationId: PINPOINT_SEED.apps.RETAIL }));
  const report = (await (await fetch(`${withLog.emulator.endpoint}/_emulator/redundant-calls?requestIdPrefix=req-`)).json()) as { requests: number; flags: string[] };
  expect(report.requests).toBe(1);
  expect(report.flags).toHaveLength(1);
  expect(report.flags[0]).toMatch(/^gateway request req-1: #2 pinpoint\.GetApp .* ← answer already contained \(at \$\.Item\[\d\]\) in #1 pinpoint\.GetApps/);
  const all = (await (await fetch(`${withLog.emulator.endpoint}/_emulator/redundant-calls`)).json()) as { requests: number };
  expect(all.requests).toBe(2);
});

test('is a 409 naming EMULATOR_CALL_LOG when the emulator keeps no call log', async () => {
  const response = await fetch(`${withoutLog.emulator.endpoint}/_emulator/redundant-calls`);
  expect(response.status).toBe(409);
  expect(((await response.json()) as { message: string }).message).toContain('EMULATOR_CALL_LOG=true');
});
