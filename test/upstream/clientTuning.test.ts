import { GetAppsCommand, PinpointClient } from '@aws-sdk/client-pinpoint';
import { createEmulatorServer, type EmulatorServer } from '../../src/emulator';
import { CallCounter, countedSend, createPinpointClient } from '../../src/upstream';
import { dropSdkLogger, sdkClientConfig, shareSigner } from '../../src/upstream/clientOptions';

// The clients resolve their middleware once per command class and share one signer: per-request
// counts must still land in the right request's counter, and signing must still use the
// credentials of the moment.

let strict: EmulatorServer;
let plain: EmulatorServer;
beforeAll(async () => {
  strict = await createEmulatorServer({ port: 0, seed: true, strictSignatures: { credentials: { AKIAFIRST0000000000A: 'first-secret', AKIASECOND000000000B: 'second-secret' } } });
  plain = await createEmulatorServer({ port: 0, seed: true });
});
afterAll(async () => {
  await strict.close();
  await plain.close();
});

it('builds one signer for many calls, and signs each call with the credentials of that moment', async () => {
  let current = { accessKeyId: 'AKIAFIRST0000000000A', secretAccessKey: 'first-secret' };
  const client = new PinpointClient({ ...sdkClientConfig({ upstream: 'emulator', region: 'us-east-1' }, strict.endpoint), credentials: async () => ({ ...current, expiration: new Date(Date.now() + 1_000) }), maxAttempts: 1 });
  // (Expiring at once, so the SDK's credential memo asks again on every call, as with rotating role credentials.)
  // Count the SDK's own signer builds underneath the shared one.
  const build = client.config.signer;
  let builds = 0;
  client.config.signer = (scheme) => ((builds += 1), build(scheme));
  shareSigner(client);
  await client.send(new GetAppsCommand({}));
  current = { accessKeyId: 'AKIASECOND000000000B', secretAccessKey: 'second-secret' };
  await client.send(new GetAppsCommand({}));
  // A secret the emulator does not know is refused: the signature really is computed per call.
  current = { accessKeyId: 'AKIASECOND000000000B', secretAccessKey: 'stale-secret' };
  await expect(client.send(new GetAppsCommand({}))).rejects.toMatchObject({ $metadata: { httpStatusCode: 403 } });
  expect(builds).toBe(1);
  client.destroy();
});

it('keeps concurrent requests\' counts apart on one client whose middleware is resolved once', async () => {
  const client = createPinpointClient({ upstream: 'emulator', region: 'us-east-1', endpoints: { pinpoint: plain.endpoint, smsVoice: plain.endpoint } });
  const first = new CallCounter();
  const second = new CallCounter();
  await Promise.all([
    ...Array.from({ length: 3 }, () => countedSend(client, new GetAppsCommand({}), first)),
    ...Array.from({ length: 2 }, () => countedSend(client, new GetAppsCommand({}), second)),
    client.send(new GetAppsCommand({})), // sent without a request counter: counted nowhere
  ]);
  expect(first.snapshot()).toEqual({ total: 3, byOperation: { GetApps: 3 } });
  expect(second.snapshot()).toEqual({ total: 2, byOperation: { GetApps: 2 } });
  expect(plain.callCounts().byOperation['pinpoint.GetApps']).toBe(6);
  client.destroy();
});

it('takes the SDK logger middleware off, so no output is walked for a log line nobody writes', async () => {
  const client = createPinpointClient({ upstream: 'emulator', region: 'us-east-1', endpoints: { pinpoint: plain.endpoint, smsVoice: plain.endpoint } });
  const names = client.middlewareStack.identify().map((entry) => entry.split(' ')[0]);
  expect(names).not.toContain('loggerMiddleware');
  expect(names).toEqual(expect.arrayContaining(['requestCallCounterMiddleware', 'serializerMiddleware']));
  // A client that already lost it says so rather than pretending.
  expect(() => dropSdkLogger(client)).toThrow('The SDK client has no "loggerMiddleware" to remove: has the SDK renamed it?');
  expect((await client.send(new GetAppsCommand({}))).ApplicationsResponse?.Item?.length).toBeGreaterThan(0);
  client.destroy();
});
