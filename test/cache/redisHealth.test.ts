import { createGatewayRedis, type GatewayRedis } from '../../src/cache/redisClient';
import { RedisUnavailableError } from '../../src/cache/redisHealth';
import type { CacheObserver, RedisHealth } from '../../src/cache/telemetry';
import { createRateLimiter } from '../../src/server/limits/rateLimiter';
import { startOwnRedisServer, type OwnRedisServer } from '../helpers/redis';

// The health gate of every gateway Redis client (cache/redisHealth.ts), on a private redis-server
// that is paused (SIGSTOP: hung, the socket stays open) and killed (SIGKILL: dead). Asserted by
// counting: commands the client sent, skipped and saw fail, and commands the server processed.

/** An observer that records what it hears. */
function recordingObserver() {
  const health: RedisHealth[] = [];
  const fallbacks: Record<string, number> = {};
  const observer: CacheObserver = {
    redisHealthChanged: (_component, state) => health.push(state),
    redisFallback: (component, reason) => {
      fallbacks[`${component}:${reason}`] = (fallbacks[`${component}:${reason}`] ?? 0) + 1;
    },
  };
  return { observer, health, fallbacks };
}

/** Polls `condition` (the probe and reconnection run in the background). */
async function eventually(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let attempt = 0; attempt < 400; attempt += 1) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

describe('a hung Redis (paused)', () => {
  let server: OwnRedisServer;
  let redis: GatewayRedis;
  const recorded = recordingObserver();
  const logs: string[] = [];

  beforeAll(async () => {
    server = await startOwnRedisServer();
    redis = createGatewayRedis(server.url, {
      component: 'test',
      commandTimeoutMs: 150,
      coolOffMs: 400,
      fallback: true,
      observer: recorded.observer,
      logger: { warn: (_details, message) => logs.push(`warn: ${message}`), info: (_details, message) => logs.push(`info: ${message}`) },
      messages: { down: 'test: Redis unavailable', up: 'test: Redis back' },
    });
    await eventually(() => redis.status === 'ready', 'the first connection');
  });
  afterAll(async () => {
    redis.disconnect();
    server.resume();
    await server.stop();
  });

  test('costs one command timeout: every later command fails at once without being sent, until a probe gets an answer', async () => {
    await redis.set('k', 'before');
    server.pause();

    // The first wave is sent and times out (the server cannot answer).
    const first = await Promise.allSettled(Array.from({ length: 5 }, () => redis.get('k')));
    expect(first.map((result) => result.status === 'rejected' && (result.reason as Error).message)).toEqual(Array.from({ length: 5 }, () => 'Command timed out'));
    expect(redis.health.state).toBe('cooling-off');
    const afterFirst = redis.health.counts();
    expect(afterFirst).toMatchObject({ timeouts: 5, errors: 0, skipped: 0 });

    // Every later command is refused with the typed error, sent to nobody, for as long as it hangs
    // (probes after each cool-off get no answer either: the gate stays closed).
    for (let wave = 0; wave < 3; wave += 1) {
      const later = await Promise.allSettled(Array.from({ length: 20 }, () => redis.get('k')));
      for (const result of later) {
        expect(result.status).toBe('rejected');
        expect((result as PromiseRejectedResult).reason).toBeInstanceOf(RedisUnavailableError);
        expect((result as PromiseRejectedResult).reason).toMatchObject({ code: 'REDIS_UNAVAILABLE', component: 'test', health: 'cooling-off' });
      }
    }
    await eventually(() => redis.health.counts().probes >= 2, 'two probes while hung');
    const duringHang = redis.health.counts();
    expect(duringHang).toMatchObject({ sent: afterFirst.sent, timeouts: 5, skipped: 60 });
    expect(redis.health.state).toBe('cooling-off');

    // Resumed: it processes what it was sent (the first wave and the probes: nothing else), a
    // probe is answered and commands go to Redis again.
    const processedBefore = duringHang.sent;
    server.resume();
    await eventually(() => redis.health.state === 'up', 'the probe to reopen the gate');
    await expect(redis.get('k')).resolves.toBe('before');
    expect(redis.health.counts().sent).toBe(processedBefore + 1);

    expect(recorded.health).toEqual(['cooling-off', 'up']);
    expect(recorded.fallbacks).toEqual({ 'test:timeout': 5, 'test:cooling-off': 60 });
    expect(logs).toEqual(['warn: test: Redis unavailable', 'info: test: Redis back']);
  });

  test('the server processed only the commands sent before the gate closed, and the probes', async () => {
    // A fresh pause on a counted server: commands processed = the wave that timed out + probes (+ INFO of the count itself).
    const before = await server.commandsProcessed();
    const sentBefore = redis.health.counts();
    server.pause();
    await Promise.allSettled(Array.from({ length: 3 }, () => redis.get('k')));
    for (let wave = 0; wave < 5; wave += 1) await Promise.allSettled(Array.from({ length: 50 }, () => redis.get('k')));
    await eventually(() => redis.health.counts().probes >= sentBefore.probes + 1, 'a probe while hung');
    server.resume();
    await eventually(() => redis.health.state === 'up', 'the gate to reopen');
    const after = redis.health.counts();
    const probes = after.probes - sentBefore.probes;
    // The first count's own INFO is one more.
    expect((await server.commandsProcessed()) - before).toBe(3 + probes + 1);
    expect(after.skipped - sentBefore.skipped).toBe(250);
  });
});

describe('clients of the same Redis share its health', () => {
  test("one client's timeout closes the gate of the others: a request pays the timeout once, not once per Redis user", async () => {
    const server = await startOwnRedisServer();
    const recorded = recordingObserver();
    const options = { commandTimeoutMs: 150, coolOffMs: 60_000, fallback: true, observer: recorded.observer };
    const limits = createGatewayRedis(server.url, { ...options, component: 'limits' });
    const cache = createGatewayRedis(server.url, { ...options, component: 'cache' });
    try {
      await eventually(() => limits.status === 'ready' && cache.status === 'ready', 'both connections');
      server.pause();
      await expect(limits.get('k')).rejects.toThrow('Command timed out');
      // The cache's client never sent a command to the hung server, and does not now.
      await expect(cache.get('k')).rejects.toBeInstanceOf(RedisUnavailableError);
      expect(cache.health.counts()).toMatchObject({ sent: 0, timeouts: 0, skipped: 1 });
      expect(recorded.fallbacks).toEqual({ 'limits:timeout': 1, 'cache:cooling-off': 1 });
      expect(recorded.health).toEqual(['cooling-off', 'cooling-off']);
    } finally {
      limits.disconnect();
      cache.disconnect();
      server.resume();
      await server.stop();
    }
  });
});

describe('a dead Redis (killed), then restarted', () => {
  test('commands fail at once while it is down; its reconnection reopens the gate', async () => {
    const server = await startOwnRedisServer();
    const recorded = recordingObserver();
    const redis = createGatewayRedis(server.url, { component: 'dead', commandTimeoutMs: 150, coolOffMs: 60_000, fallback: true, observer: recorded.observer });
    try {
      await eventually(() => redis.status === 'ready', 'the first connection');
      await server.stop();
      await eventually(() => redis.health.state === 'down', 'the connection loss to be seen');
      const during = await Promise.allSettled(Array.from({ length: 10 }, () => redis.get('k')));
      expect(during.every((result) => result.status === 'rejected')).toBe(true);
      expect(redis.health.counts().timeouts).toBe(0);

      // Back long before the 60 s cool-off ends: the reconnection (its ready check answered) is enough.
      await server.start();
      await eventually(() => redis.health.state === 'up', 'the reconnection');
      await expect(redis.set('k', 'after')).resolves.toBe('OK');
      expect(recorded.health).toEqual(['down', 'up']);
      expect(recorded.fallbacks['dead:error']).toBeGreaterThanOrEqual(10);
      expect(recorded.fallbacks['dead:timeout']).toBeUndefined();
    } finally {
      redis.disconnect();
      await server.stop();
    }
  });
});

describe('the rate limiter on a hung Redis', () => {
  test('decides every request from its in-memory insurance without waiting, one command timeout per outage', async () => {
    const server = await startOwnRedisServer();
    const recorded = recordingObserver();
    const limiter = createRateLimiter({ points: 1_000, windowSeconds: 60, sendPoints: 10, sendWindowSeconds: 60, redis: { url: server.url, keyPrefix: 'rl:', commandTimeoutMs: 150, coolOffMs: 60_000, observer: recorded.observer } });
    try {
      expect(await limiter.waitUntilReady(5_000)).toBe(true);
      await expect(limiter.admit('caller', { points: 1, messages: 0 })).resolves.toMatchObject({ kind: 'admitted' });
      server.pause();
      const decisions = await Promise.all(Array.from({ length: 30 }, () => limiter.admit('caller', { points: 1, messages: 0 })));
      expect(decisions.every((decision) => decision.kind === 'admitted')).toBe(true);
      const more = await Promise.all(Array.from({ length: 30 }, () => limiter.admit('caller', { points: 1, messages: 0 })));
      expect(more.every((decision) => decision.kind === 'admitted')).toBe(true);
      // The first wave's commands were sent and timed out; the second wave's were never sent.
      expect(recorded.fallbacks['rate-limits:timeout']).toBe(30);
      expect(recorded.fallbacks['rate-limits:cooling-off']).toBe(30);
      expect(recorded.health).toEqual(['cooling-off']);
    } finally {
      await limiter.close();
      server.resume();
      await server.stop();
    }
  });
});
