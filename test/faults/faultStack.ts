import { createEmulatorServer, type EmulatorServer } from '../../src/emulator';
import { DEFAULT_LIMITS, type ExecutionLimits } from '../../src/server/limits';
import { createGatewayServer, type GatewayServer } from '../../src/server';
import { createPinpointClient, createSmsVoiceClient, resilienceOf, upstreamSockets, type ResilienceSettings, type UpstreamClients } from '../../src/upstream';
import type { BreakerState, UpstreamCallEnd, UpstreamCallInfo, UpstreamObserver, UpstreamScope } from '../../src/upstream/telemetry';
import { postGql, type GqlResponse } from '../helpers/gql';

/**
 * A gateway and its own emulator for the fault tests (test/faults/): the SDK clients are built here,
 * with an observer that records what the resilience layer reports, so a test can read the clients'
 * sockets, bulkheads and breakers, and every report, besides the emulator's own count of the wire
 * attempts it received.
 */

/** What the test observer saw. */
export interface Observed {
  readonly commands: { readonly call: UpstreamCallInfo; readonly end: UpstreamCallEnd }[];
  readonly attempts: { readonly call: UpstreamCallInfo; readonly throttled: boolean; readonly retry: boolean; readonly httpStatus?: number; readonly errorName?: string }[];
  readonly breakers: { readonly scope: UpstreamScope; readonly state: BreakerState }[];
  readonly bulkheads: { readonly service: string; readonly active: number; readonly queued: number; readonly limit: number }[];
}

/** Options of {@link startFaultStack}. */
export interface FaultStackOptions {
  /** `UPSTREAM_TIMEOUT_MS` (default 10 000). */
  readonly timeoutMs?: number;
  /** `UPSTREAM_MAX_ATTEMPTS` (default 3). */
  readonly maxAttempts?: number;
  readonly resilience?: Partial<ResilienceSettings>;
  /** Execution bounds over the defaults (`deadlineMs` ...). */
  readonly execution?: Partial<ExecutionLimits>;
}

/** A running fault stack. */
export interface FaultStack {
  readonly emulator: EmulatorServer;
  readonly gateway: GatewayServer;
  readonly clients: UpstreamClients;
  readonly observed: Observed;
  /** POSTs one operation to the gateway's `/graphql`. */
  gql<T = any>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GqlResponse<T>>;
  /** Wire attempts the emulator received for `service.Operation` since the last {@link clearWire}. */
  wire(key: string): number;
  /** Starts the emulator's count from zero. */
  clearWire(): Promise<void>;
  /** Replaces the emulator's fault rules. */
  faults(rules: unknown[]): void;
  /** Requests the emulator's `hang` rules hold open now. */
  hanging(): number;
  /** Sockets of a client's agent that carry a request now. */
  socketsInUse(client: object): number;
  /** The breaker of a client's operation class, as `/readyz` shows it ("closed" before its first use). */
  breakerState(client: object, operationClass: 'read' | 'write' | 'send'): BreakerState;
  close(): Promise<void>;
}

/** Starts an emulator (seeded) and a gateway on it, both on port 0, the clients built here. */
export async function startFaultStack(options: FaultStackOptions = {}): Promise<FaultStack> {
  const emulator = await createEmulatorServer({ port: 0, seed: true });
  const observed: Observed = { commands: [], attempts: [], breakers: [], bulkheads: [] };
  const observer: UpstreamObserver = {
    commandStarted: (call) => (end) => void observed.commands.push({ call, end }),
    attemptFinished: (call, attempt) => void observed.attempts.push({ call, ...attempt }),
    breakerStateChanged: (scope, state) => void observed.breakers.push({ scope, state }),
    bulkheadChanged: (scope, occupancy) => void observed.bulkheads.push({ service: scope.service, ...occupancy }),
  };
  const clientOptions = {
    upstream: 'emulator' as const,
    region: 'us-east-1',
    endpoints: { pinpoint: emulator.endpoint, smsVoice: emulator.endpoint },
    requestTimeoutMs: options.timeoutMs,
    maxAttempts: options.maxAttempts,
    resilience: options.resilience,
    observer,
  };
  const clients: UpstreamClients = { pinpoint: createPinpointClient(clientOptions), smsVoice: createSmsVoiceClient(clientOptions) };
  const gateway = await createGatewayServer({
    endpoints: clientOptions.endpoints,
    clients,
    limits: { execution: { ...DEFAULT_LIMITS.execution, ...options.execution } },
  });
  const graphqlUrl = `${gateway.url}/graphql`;
  return {
    emulator,
    gateway,
    clients,
    observed,
    gql: (query, variables, headers) => postGql(graphqlUrl, query, variables, headers),
    wire: (key) => emulator.callCounts().byOperation[key] ?? 0,
    async clearWire() {
      const cleared = await fetch(`${emulator.endpoint}/_emulator/calls`, { method: 'DELETE' });
      if (!cleared.ok) throw new Error(`DELETE /_emulator/calls answered ${cleared.status}`);
    },
    faults: (rules) => void emulator.setFaults(rules),
    hanging: () => emulator.faults().hanging,
    socketsInUse: (client) => upstreamSockets(client)?.inUse ?? 0,
    breakerState: (client, operationClass) => resilienceOf(client)?.breakers().find((breaker) => breaker.operationClass === operationClass)?.state ?? 'closed',
    async close() {
      await gateway.close();
      clients.pinpoint.destroy();
      clients.smsVoice.destroy();
      await emulator.close();
    },
  };
}

/** Waits until `condition` holds (polling every 5 ms); throws when it never does, so no test passes on a wait that gave up. */
export async function until(condition: () => boolean, what: string, maxMs = 5_000): Promise<void> {
  const start = Date.now();
  while (Date.now() - start < maxMs) {
    if (condition()) return;
    await sleep(5);
  }
  throw new Error(`Gave up waiting until ${what}.`);
}

/** Resolves after `ms`. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** An error as the tests compare it: without `locations`. */
export function errorsOf(body: { errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[] }) {
  return body.errors?.map(({ message, path, extensions }) => ({ message, ...(path ? { path } : {}), ...(extensions ? { extensions } : {}) }));
}
