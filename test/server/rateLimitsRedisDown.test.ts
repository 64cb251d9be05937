import { createEmulatorServer, type EmulatorServer } from '../../src/emulator';
import { createGatewayServer, type GatewayServer } from '../../src/server';
import { closedPort } from '../helpers/gatewayProcess';
import { startOwnRedisServer, type OwnRedisServer } from '../helpers/redis';
import { emulatorCount, ONE_CALL, post, type LimitedResponse } from './rateLimitsKit';

// With Redis gone the rate limits degrade to limits per gateway process (rate-limiter-flexible's
// in-memory insurance limiter), never to no limits. The Redis here is the test's own
// redis-server, killed with SIGKILL; the shared test Redis is never touched.

const POINTS = 3;
const WINDOW_SECONDS = 3_600;

let emulator: EmulatorServer;
const closers: (() => Promise<void>)[] = [];

beforeAll(async () => {
  emulator = await createEmulatorServer({ port: 0, seed: true });
});

afterAll(async () => {
  for (const close of closers.reverse()) await close();
  await emulator?.close();
});

/** Module-private: a gateway with tiny budgets whose limits are kept in `redisUrl`. */
async function gateway(redisUrl: string): Promise<GatewayServer> {
  const server = await createGatewayServer({
    endpoints: { pinpoint: emulator.endpoint, smsVoice: emulator.endpoint },
    rateLimits: { points: POINTS, windowSeconds: WINDOW_SECONDS, sendPoints: 1, sendWindowSeconds: WINDOW_SECONDS, redis: { url: redisUrl, keyPrefix: 'ratelimit-down:', commandTimeoutMs: 200 } },
  });
  closers.push(() => server.close());
  return server;
}

/** Module-private: the statuses of `count` one-call requests to `server`, one after another. */
async function statuses(server: GatewayServer, count: number, from = '127.0.0.1'): Promise<number[]> {
  const answers: LimitedResponse[] = [];
  for (let i = 0; i < count; i += 1) answers.push(await post(server.url, ONE_CALL, { from }));
  for (const answer of answers) if (answer.status === 429) expect([answer.body.errors?.[0].extensions?.code, Number(answer.headers['retry-after']) >= 1]).toEqual(['RATE_LIMITED', true]);
  return answers.map((answer) => answer.status);
}

describe('Redis stopped while the gateways run', () => {
  let redis: OwnRedisServer;
  let a: GatewayServer;
  let b: GatewayServer;

  beforeAll(async () => {
    redis = await startOwnRedisServer();
    closers.push(() => redis.stop());
    a = await gateway(redis.url);
    b = await gateway(redis.url);
  });

  test('shared while Redis runs, then limited per process (never unlimited) once it is killed', async () => {
    // Shared: two requests through A and one through B spend the caller's one budget.
    expect([...(await statuses(a, 2)), ...(await statuses(b, 1)), ...(await statuses(a, 1))]).toEqual([200, 200, 200, 429]);

    await redis.stop();
    const before = emulatorCount(emulator, 'pinpoint.GetApps');
    // Each process now limits on its own, with the same budget: POINTS each, then 429.
    expect(await statuses(a, POINTS + 2)).toEqual([...Array(POINTS).fill(200), 429, 429]);
    expect(await statuses(b, POINTS + 2)).toEqual([...Array(POINTS).fill(200), 429, 429]);
    // Only the admitted requests reached upstream.
    expect(emulatorCount(emulator, 'pinpoint.GetApps') - before).toBe(2 * POINTS);
    // Callers are still told apart.
    expect(await statuses(a, 1, '127.0.0.2')).toEqual([200]);
  });
});

test('a gateway whose Redis never answered starts and limits per process', async () => {
  const server = await gateway(`redis://127.0.0.1:${await closedPort()}`);
  expect(await statuses(server, POINTS + 1)).toEqual([...Array(POINTS).fill(200), 429]);
});
