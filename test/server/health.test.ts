import { createEmulatorServer } from '../../src/emulator';
import { createGatewayServer } from '../../src/server';
import { startOwnRedisServer } from '../helpers/redis';
import { startStack } from '../helpers/startStack';

/** Polls `url` until it answers `status` (the Redis client reconnects in the background). */
async function eventuallyStatus(url: string, status: number, attempts = 200): Promise<unknown> {
  for (let attempt = 0; ; attempt += 1) {
    const response = await fetch(url);
    const body = await response.json();
    if (response.status === status || attempt >= attempts) return { status: response.status, body };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Module-private: polls `url` until its check `name` reports `ok` (or the attempts run out); the last answer. */
async function eventuallyCheck(url: string, name: string, ok: boolean, attempts = 200): Promise<unknown> {
  for (let attempt = 0; ; attempt += 1) {
    const response = await fetch(url);
    const body = (await response.json()) as { checks?: Record<string, { ok: boolean }> };
    if (body.checks?.[name]?.ok === ok || attempt >= attempts) return { status: response.status, body };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

test('/healthz answers alive; /readyz reports every dependency ready; both 503 and detail when the emulator is down', async () => {
  const stack = await startStack({ seed: false });
  try {
    const alive = await fetch(`${stack.gatewayUrl}/healthz`);
    expect(alive.status).toBe(200);
    expect(await alive.json()).toEqual({ status: 'alive' });

    const ready = await fetch(`${stack.gatewayUrl}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: 'ready',
      checks: {
        pinpoint: { ok: true, detail: `emulator at ${stack.emulator.endpoint} is healthy` },
        smsVoice: { ok: true, detail: `emulator at ${stack.emulator.endpoint} is healthy` },
        cache: { ok: true, critical: false, detail: 'in-memory cache' },
        // Shown, never deciding readiness (test/faults/breaker.test.ts opens one).
        upstreamBreakers: { ok: true, critical: false, detail: '0 breaker(s) in use, all closed' },
      },
    });

    await stack.emulator.close();
    const notReady = await fetch(`${stack.gatewayUrl}/readyz`);
    expect(notReady.status).toBe(503);
    const body = (await notReady.json()) as { status: string; checks: Record<string, { ok: boolean; detail: string }> };
    expect(body.status).toBe('unavailable');
    expect(body.checks.pinpoint).toEqual({ ok: false, detail: 'fetch failed: ECONNREFUSED' });
    expect(body.checks.smsVoice).toEqual({ ok: false, detail: 'fetch failed: ECONNREFUSED' });
    expect(body.checks.cache).toEqual({ ok: true, critical: false, detail: 'in-memory cache' });
    // Alive all the same: the process is fine, its dependency is not.
    expect((await fetch(`${stack.gatewayUrl}/healthz`)).status).toBe(200);
  } finally {
    await stack.gateway.close();
  }
});

test('/readyz shows the Redis cache down without leaving rotation (queries fall back in-process), and ok again once Redis returns', async () => {
  const redis = await startOwnRedisServer();
  const emulator = await createEmulatorServer({ port: 0 });
  const gateway = await createGatewayServer({ endpoints: { pinpoint: emulator.endpoint, smsVoice: emulator.endpoint }, redis: { url: redis.url, keyPrefix: 'readyz:', commandTimeoutMs: 200 } });
  try {
    expect(await eventuallyStatus(`${gateway.url}/readyz`, 200)).toMatchObject({ status: 200, body: { checks: { cache: { ok: true, detail: 'redis answers PING' } } } });
    await redis.stop();
    expect(await eventuallyCheck(`${gateway.url}/readyz`, 'cache', false)).toMatchObject({ status: 200, body: { status: 'ready', checks: { cache: { ok: false, critical: false }, pinpoint: { ok: true } } } });
    // GraphQL keeps answering meanwhile.
    const response = await fetch(`${gateway.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });
    expect(response.status).toBe(200);
    await redis.start();
    expect(await eventuallyCheck(`${gateway.url}/readyz`, 'cache', true)).toMatchObject({ status: 200, body: { status: 'ready', checks: { cache: { ok: true } } } });
  } finally {
    await gateway.close();
    await emulator.close();
    await redis.stop();
  }
});

test('/readyz takes checks from any part of the gateway: a critical one decides readiness, a non-critical one is only shown', async () => {
  const emulator = await createEmulatorServer({ port: 0 });
  let breakerOpen = true;
  let queueFull = false;
  const gateway = await createGatewayServer({
    endpoints: { pinpoint: emulator.endpoint, smsVoice: emulator.endpoint },
    readinessChecks: [
      // Shared by every replica, so shown but not a reason to leave rotation.
      { name: 'breakers', critical: false, check: async () => {
        if (breakerOpen) throw new Error('pinpoint read breaker open');
        return 'all closed';
      } },
      { name: 'queue', check: async () => {
        if (queueFull) throw new Error('queue full');
        return 'room left';
      } },
    ],
  });
  try {
    const open = await fetch(`${gateway.url}/readyz`);
    expect(open.status).toBe(200);
    expect(await open.json()).toMatchObject({ status: 'ready', checks: { breakers: { ok: false, detail: 'pinpoint read breaker open', critical: false }, queue: { ok: true, detail: 'room left' } } });
    breakerOpen = false;
    queueFull = true;
    const full = await fetch(`${gateway.url}/readyz`);
    expect(full.status).toBe(503);
    expect(await full.json()).toMatchObject({ status: 'unavailable', checks: { breakers: { ok: true, detail: 'all closed', critical: false }, queue: { ok: false, detail: 'queue full' } } });
  } finally {
    await gateway.close();
    await emulator.close();
  }
});
