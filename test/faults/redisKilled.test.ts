import type { EmulatorServer } from '../../src/emulator';
import type { GatewayServer } from '../../src/server';
import { postGql } from '../helpers/gql';
import { startOwnRedisServer, type OwnRedisServer } from '../helpers/redis';
import { answers, APP_KPI, countingCacheObserver, eventually, kpiRange, mixedWave, registerPersistedQuery, startFaultEmulator, startFaultGateway, type CacheEvents } from './redisFaultKit';

// Issue 14: a dead Redis (SIGKILL) under queries through a gateway, then restarted (empty, as a
// replacement would be). Every query answers as before, no command waits for a timeout (each
// fails at once while the connection is down), the reconnection puts the gateway back on Redis
// without waiting out the cool-off, and a value written then is read from Redis by a second gateway.

let redis: OwnRedisServer;
let emulator: EmulatorServer;
let gateway: GatewayServer;
let events: CacheEvents;
const keyPrefix = 'killed:';

beforeAll(async () => {
  [redis, emulator] = await Promise.all([startOwnRedisServer(), startFaultEmulator()]);
  const counting = countingCacheObserver();
  events = counting.events;
  // A cool-off far longer than the test: only the reconnection can end the outage.
  gateway = await startFaultGateway(emulator, redis.url, keyPrefix, counting.observer, 120_000);
});
afterAll(async () => {
  await gateway?.close();
  await emulator?.close();
  await redis?.stop();
});

test('killed Redis: 0 failed queries, no command timeout, back to Redis once it is restarted', async () => {
  expect((await registerPersistedQuery(gateway.url)).body.errors).toBeUndefined();
  const healthy = answers(await mixedWave(gateway.url));
  for (const answer of healthy) expect(answer).toMatchObject({ status: 200, errors: undefined });

  await redis.stop();
  await eventually(() => events.health['kpi-cache']?.at(-1) === 'down' && events.health['rate-limits']?.at(-1) === 'down', 'the connection loss to be seen');
  for (let wave = 0; wave < 5; wave += 1) {
    const responses = await mixedWave(gateway.url);
    expect(answers(responses)).toEqual(healthy);
    // The KPIs come from the in-process copy: not one upstream KPI call.
    expect(responses.map((response) => response.body.extensions?.upstreamCalls?.byOperation?.GetApplicationDateRangeKpi ?? 0)).toEqual(responses.map(() => 0));
  }
  // Each command failed at once (connection down), and each was answered by the fallback.
  for (const component of ['kpi-cache', 'rate-limits', 'apq']) {
    expect(events.count(component, 'timeout')).toBe(0);
    expect(events.count(component, 'error') + events.count(component, 'cooling-off')).toBeGreaterThan(0);
  }
  expect(events.kpiLookups.error).toBeUndefined();

  await redis.start();
  await eventually(() => ['kpi-cache', 'rate-limits', 'apq'].every((component) => events.health[component]?.at(-1) === 'up'), 'the reconnections');
  expect(answers(await mixedWave(gateway.url))).toEqual(healthy);

  // Back to Redis (empty after the restart): a KPI this gateway loads now is served to a second gateway from Redis.
  const fresh = await postGql(`${gateway.url}/graphql`, APP_KPI, kpiRange(12));
  expect(fresh.body.extensions?.upstreamCalls?.byOperation?.GetApplicationDateRangeKpi).toBe(1);
  const second = await startFaultGateway(emulator, redis.url, keyPrefix, countingCacheObserver().observer);
  try {
    const shared = await postGql(`${second.url}/graphql`, APP_KPI, kpiRange(12));
    expect(shared.body.data).toEqual(fresh.body.data);
    expect(shared.body.extensions?.upstreamCalls?.byOperation?.GetApplicationDateRangeKpi).toBeUndefined();
  } finally {
    await second.close();
  }
});
