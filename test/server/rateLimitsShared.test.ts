import { createEmulatorServer, type EmulatorServer } from '../../src/emulator';
import { startGatewayProcess, type GatewayProcess } from '../helpers/gatewayProcess';
import { deleteRedisPrefix, TEST_REDIS_URL, uniqueRedisPrefix } from '../helpers/redis';
import { aliasedSends, emulatorCount, ONE_CALL, post, TEXT_INPUT } from './rateLimitsKit';

// Two gateway processes (src/main.ts, configured by environment only) sharing one Redis: a
// caller's budget is one budget whichever process answers it, also under concurrent load (Redis
// counts atomically). Windows are an hour long: nothing depends on time passing.

const POINTS = 12;
const SEND_POINTS = 4;

let emulator: EmulatorServer;
let redisPrefix: string;
let gatewayA: GatewayProcess;
let gatewayB: GatewayProcess;

beforeAll(async () => {
  emulator = await createEmulatorServer({ port: 0, seed: true });
  const tier = await fetch(`${emulator.endpoint}/_emulator/sms-voice-v2/account`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ accountTier: 'PRODUCTION' }) });
  expect(tier.status).toBe(200);
  redisPrefix = uniqueRedisPrefix('ratelimit-shared');
  const env = {
    PINPOINT_ENDPOINT: emulator.endpoint,
    SMS_VOICE_ENDPOINT: emulator.endpoint,
    REDIS_URL: TEST_REDIS_URL,
    REDIS_KEY_PREFIX: redisPrefix,
    RATE_LIMITS: 'true',
    RATE_LIMIT_POINTS: String(POINTS),
    RATE_LIMIT_WINDOW_SECONDS: '3600',
    RATE_LIMIT_SEND_POINTS: String(SEND_POINTS),
    RATE_LIMIT_SEND_WINDOW_SECONDS: '3600',
  };
  // Started side by side; when one fails, the other is still kept so afterAll stops it.
  const [a, b] = await Promise.allSettled([startGatewayProcess({ env }), startGatewayProcess({ env })]);
  if (a.status === 'fulfilled') gatewayA = a.value;
  if (b.status === 'fulfilled') gatewayB = b.value;
  if (a.status === 'rejected') throw a.reason;
  if (b.status === 'rejected') throw b.reason;
}, 120_000);

afterAll(async () => {
  await Promise.all([gatewayA?.stop(), gatewayB?.stop()]);
  await emulator?.close();
  if (redisPrefix) await deleteRedisPrefix(redisPrefix);
}, 30_000);

test('one budget across both processes, one request after another', async () => {
  const statuses: number[] = [];
  for (let i = 0; i < POINTS + 2; i += 1) statuses.push((await post(i % 2 === 0 ? gatewayA.url : gatewayB.url, ONE_CALL, { from: '127.0.0.2' })).status);
  expect(statuses).toEqual([...Array(POINTS).fill(200), 429, 429]);
  // Each process refuses the caller now, and answers another.
  const refusedA = await post(gatewayA.url, ONE_CALL, { from: '127.0.0.2' });
  expect([refusedA.status, refusedA.body.errors?.[0].extensions?.code, Number(refusedA.headers['retry-after']) > 0]).toEqual([429, 'RATE_LIMITED', true]);
  expect((await post(gatewayB.url, ONE_CALL, { from: '127.0.0.3' })).status).toBe(200);
});

test('the combined rate holds under concurrent requests to both processes', async () => {
  const wave = await Promise.all(Array.from({ length: 3 * POINTS }, (_, i) => post(i % 2 === 0 ? gatewayA.url : gatewayB.url, ONE_CALL, { from: '127.0.0.4' })));
  const admitted = wave.filter((response) => response.status === 200);
  const refused = wave.filter((response) => response.status === 429);
  // One budget, not one per process (which would admit 2 × POINTS).
  expect([admitted.length, refused.length]).toEqual([POINTS, 2 * POINTS]);
});

test('the send budget is shared too: no more messages leave than the budget, whichever process sends', async () => {
  const before = emulatorCount(emulator, 'sms-voice-v2.SendTextMessage');
  const send = (gateway: GatewayProcess, count: number) => post(gateway.url, aliasedSends(count), { from: '127.0.0.5', variables: { input: TEXT_INPUT } });
  expect((await send(gatewayA, 2)).status).toBe(200);
  expect((await send(gatewayB, 2)).status).toBe(200);
  const refusedA = await send(gatewayA, 1);
  const refusedB = await send(gatewayB, 1);
  expect([refusedA.status, refusedB.status]).toEqual([429, 429]);
  expect(refusedB.body.errors?.[0].extensions?.rateLimit).toEqual({ limit: 'sends', max: SEND_POINTS, windowSeconds: 3600, remaining: 0, charge: 1 });
  expect(emulatorCount(emulator, 'sms-voice-v2.SendTextMessage') - before).toBe(SEND_POINTS);
});
