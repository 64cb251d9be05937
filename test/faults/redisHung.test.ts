import type { EmulatorServer } from '../../src/emulator';
import type { GatewayServer } from '../../src/server';
import { postGql } from '../helpers/gql';
import { startOwnRedisServer, type OwnRedisServer } from '../helpers/redis';
import { answers, APP_KPI, countingCacheObserver, eventually, kpiRange, mixedWave, registerPersistedQuery, startFaultEmulator, startFaultGateway, type CacheEvents } from './redisFaultKit';

// Issue 14: a hung Redis (SIGSTOP: paused, its socket open, nothing answered) under queries
// through a gateway. Every query answers as before (KPIs from the in-process copy, the persisted
// query from the APQ copy, rate limits from the in-memory insurance); the only commands that pay
// the command timeout are those in flight when it hung: afterwards none is sent (counted by the
// caches' observer), until a probe is answered after SIGCONT. A value written then is read from
// Redis by a second gateway.

let redis: OwnRedisServer;
let emulator: EmulatorServer;
let gateway: GatewayServer;
let events: CacheEvents;
const keyPrefix = 'hung:';

beforeAll(async () => {
  [redis, emulator] = await Promise.all([startOwnRedisServer(), startFaultEmulator()]);
  const counting = countingCacheObserver();
  events = counting.events;
  gateway = await startFaultGateway(emulator, redis.url, keyPrefix, counting.observer);
});
afterAll(async () => {
  await gateway?.close();
  await emulator?.close();
  redis?.resume();
  await redis?.stop();
});

test('hung Redis: 0 failed queries; one command timeout per component and outage, none after; back to Redis after SIGCONT', async () => {
  // Each Redis user connects on its own at start-up: a command sent before its connection is ready
  // fails at once (no offline queue) and is answered by the fallback. Wait until none does.
  await eventually(async () => {
    const before = events.failedCommands();
    await mixedWave(gateway.url);
    return events.failedCommands() === before;
  }, 'every Redis user connected');
  const failedWhileConnecting = events.failedCommands();
  expect((await registerPersistedQuery(gateway.url)).body.errors).toBeUndefined();
  const healthy = answers(await mixedWave(gateway.url));
  for (const answer of healthy) expect(answer).toMatchObject({ status: 200, errors: undefined });
  expect(events.failedCommands()).toBe(failedWhileConnecting);

  redis.pause();
  // The first wave meets the hang: its commands time out, and each component falls back.
  expect(answers(await mixedWave(gateway.url))).toEqual(healthy);
  const timedOut = events.failedCommands();
  expect(timedOut).toBeGreaterThan(failedWhileConnecting);
  expect(events.health['kpi-cache']).toEqual(['cooling-off']);
  expect(events.health['rate-limits']).toEqual(['cooling-off']);
  // Later waves: the same answers, and no command is sent to the hung Redis at all. The KPIs come
  // from the in-process copy of what this gateway loaded: not one upstream KPI call.
  for (let wave = 0; wave < 4; wave += 1) {
    const responses = await mixedWave(gateway.url);
    expect(answers(responses)).toEqual(healthy);
    expect(responses.map((response) => response.body.extensions?.upstreamCalls?.byOperation?.GetApplicationDateRangeKpi ?? 0)).toEqual(responses.map(() => 0));
  }
  expect(events.failedCommands()).toBe(timedOut);
  // At least one read per distinct KPI (3) per wave (identical reads at once share one flight).
  expect(events.count('kpi-cache', 'cooling-off')).toBeGreaterThanOrEqual(4 * 3);
  expect(events.count('rate-limits', 'cooling-off')).toBeGreaterThanOrEqual(4 * 12);
  expect(events.count('apq', 'cooling-off')).toBeGreaterThanOrEqual(4 * 3);
  expect(events.kpiLookups.error).toBeUndefined();

  redis.resume();
  await eventually(() => events.health['kpi-cache']?.at(-1) === 'up' && events.health['rate-limits']?.at(-1) === 'up', 'the probes to reopen the gates');
  expect(answers(await mixedWave(gateway.url))).toEqual(healthy);
  expect(events.failedCommands()).toBe(timedOut);

  // Back to Redis: a KPI this gateway loads now is served to a second gateway from Redis.
  const fresh = await postGql(`${gateway.url}/graphql`, APP_KPI, kpiRange(11));
  expect(fresh.body.extensions?.upstreamCalls?.byOperation?.GetApplicationDateRangeKpi).toBe(1);
  const second = await startFaultGateway(emulator, redis.url, keyPrefix, countingCacheObserver().observer);
  try {
    const shared = await postGql(`${second.url}/graphql`, APP_KPI, kpiRange(11));
    expect(shared.body.data).toEqual(fresh.body.data);
    expect(shared.body.extensions?.upstreamCalls?.byOperation?.GetApplicationDateRangeKpi).toBeUndefined();
  } finally {
    await second.close();
  }
});
