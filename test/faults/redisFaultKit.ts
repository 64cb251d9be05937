import { createHash } from 'node:crypto';
import type { CacheObserver, KpiLookupOutcome, RedisHealth } from '../../src/cache/telemetry';
import { createEmulatorServer, type EmulatorServer } from '../../src/emulator';
import { PINPOINT_SEED } from '../../src/emulator/services/pinpoint/seed';
import { createObservability } from '../../src/observability';
import { createGatewayServer, type GatewayServer } from '../../src/server';
import { postGql, type GqlResponse } from '../helpers/gql';

/**
 * What the Redis fault tests (redisHung, redisKilled) share: a gateway on a private Redis with
 * short timeouts, an observer that counts what the caches report, and a mixed wave of queries
 * (KPIs through the KPI cache, an automatic persisted query through the APQ cache, every request
 * through the Redis rate limiter) whose answers must not change whatever Redis does.
 */

/** Counts of what the caches told the observer. */
export interface CacheEvents {
  /** `component:reason` → fallbacks (`kpi-cache:timeout`, `rate-limits:cooling-off`, ...). */
  readonly fallbacks: Record<string, number>;
  /** Health transitions per component, in order. */
  readonly health: Record<string, RedisHealth[]>;
  readonly kpiLookups: Record<string, number>;
  /** Fallbacks of `component` for `reason` so far. */
  count(component: string, reason: 'cooling-off' | 'timeout' | 'error'): number;
  /** Every fallback of a failed command (timeouts and errors), all components. */
  failedCommands(): number;
}

/** A counting {@link CacheObserver} and what it counted. */
export function countingCacheObserver(): { observer: CacheObserver; events: CacheEvents } {
  const fallbacks: Record<string, number> = {};
  const health: Record<string, RedisHealth[]> = {};
  const kpiLookups: Record<string, number> = {};
  const events: CacheEvents = {
    fallbacks,
    health,
    kpiLookups,
    count: (component, reason) => fallbacks[`${component}:${reason}`] ?? 0,
    failedCommands: () => Object.entries(fallbacks).reduce((sum, [name, count]) => sum + (name.endsWith(':cooling-off') ? 0 : count), 0),
  };
  const observer: CacheObserver = {
    redisFallback: (component, reason) => {
      fallbacks[`${component}:${reason}`] = (fallbacks[`${component}:${reason}`] ?? 0) + 1;
    },
    redisHealthChanged: (component, state) => {
      (health[component] ??= []).push(state);
    },
    kpiLookup: (outcome: KpiLookupOutcome) => {
      kpiLookups[outcome] = (kpiLookups[outcome] ?? 0) + 1;
    },
  };
  return { observer, events };
}

/** A KPI of the seeded RETAIL project over `days` whole days ending yesterday. */
export const APP_KPI = `query AppKpi($app: ID!, $start: DateTime!, $end: DateTime!) {
  app(id: $app) { name kpi(name: TXN_EMAILS_SENT, startTime: $start, endTime: $end) { rows { values { key value } } } }
}`;

/** A query sent as an automatic persisted query (by hash) once registered. */
export const APQ_QUERY = 'query ApqApp($app: ID!) { app(id: $app) { id name } }';

/** The variables of a KPI over the `days` days before today (UTC), ending at today's midnight. */
export function kpiRange(days: number): Record<string, string> {
  const today = new Date();
  const end = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  return { app: PINPOINT_SEED.apps.RETAIL, start: new Date(end - days * 86_400_000).toISOString(), end: new Date(end).toISOString() };
}

/**
 * A gateway on `redisUrl` with short Redis timeouts, reporting to `observer`. The command timeout
 * is a second: short enough to meet a hang quickly, long enough that a healthy Redis on a machine
 * busy with the whole suite never misses it (at 200 ms, one did).
 */
export async function startFaultGateway(emulator: EmulatorServer, redisUrl: string, keyPrefix: string, observer: CacheObserver, coolOffMs = 1_500): Promise<GatewayServer> {
  const base = createObservability();
  return createGatewayServer({
    endpoints: { pinpoint: emulator.endpoint, smsVoice: emulator.endpoint },
    redis: { url: redisUrl, keyPrefix, commandTimeoutMs: 1_000, coolOffMs },
    // Every request goes through the Redis rate limiter too (a budget no test reaches).
    rateLimits: { points: 1_000_000, windowSeconds: 60, sendPoints: 1_000, sendWindowSeconds: 60 },
    observability: { ...base, cacheObserver: observer },
    exposeUpstreamCalls: true,
  });
}

/** The emulator of a fault test (seeded). */
export function startFaultEmulator(): Promise<EmulatorServer> {
  return createEmulatorServer({ port: 0, seed: true });
}

/** One wave: `size` requests at once, mixing KPIs of three ranges and the persisted query by hash. */
export async function mixedWave(gatewayUrl: string, size = 12): Promise<GqlResponse[]> {
  return Promise.all(
    Array.from({ length: size }, (_, i) => (i % 4 === 3 ? persistedQuery(gatewayUrl) : postGql(`${gatewayUrl}/graphql`, APP_KPI, kpiRange(7 + (i % 3))))),
  );
}

/** Registers {@link APQ_QUERY} (hash and text), as a client does after PERSISTED_QUERY_NOT_FOUND. */
export async function registerPersistedQuery(gatewayUrl: string): Promise<GqlResponse> {
  return postApq(gatewayUrl, { query: APQ_QUERY, variables: { app: PINPOINT_SEED.apps.RETAIL }, extensions: { persistedQuery: { version: 1, sha256Hash: sha256(APQ_QUERY) } } });
}

/** Sends {@link APQ_QUERY} by hash only. */
export function persistedQuery(gatewayUrl: string): Promise<GqlResponse> {
  return postApq(gatewayUrl, { variables: { app: PINPOINT_SEED.apps.RETAIL }, extensions: { persistedQuery: { version: 1, sha256Hash: sha256(APQ_QUERY) } } });
}

/** The answers every wave must give, whatever Redis does: compared without the per-request extensions. */
export function answers(responses: readonly GqlResponse[]): unknown[] {
  return responses.map((response) => ({ status: response.status, errors: response.body.errors, data: response.body.data }));
}

/** Polls `condition` until it holds (bounded). */
export async function eventually(condition: () => boolean | Promise<boolean>, what: string, attempts = 400): Promise<void> {
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

/** Module-private. */
function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Module-private: one POST of a raw body. */
async function postApq(gatewayUrl: string, body: unknown): Promise<GqlResponse> {
  const response = await fetch(`${gatewayUrl}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, headers: response.headers, body: (await response.json()) as GqlResponse['body'] };
}
