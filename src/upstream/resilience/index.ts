import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { Pluggable } from '@smithy/types';
import { NO_UPSTREAM_OBSERVER, type UpstreamObserver, type UpstreamServiceName } from '../telemetry';
import { getResiliencePlugin } from './middleware';
import { ServiceResilience, type BreakerReport } from './serviceResilience';
import { DEFAULT_RESILIENCE, type ResilienceSettings } from './settings';

/**
 * Upstream resilience (issue 14): per-call deadlines, retries with a budget per operation, circuit
 * breakers per operation class, a bulkhead per service, and the observer calls that report them.
 * Everything rides on the SDK client (its middleware stack and its HTTP agents) and on the call
 * state `countedSend` creates, so every loader inherits it without a change.
 */

export { abortError, isAbortError, resilienceErrorDetails, UpstreamRefusedError, UpstreamTimeoutError } from './errors';
export type { UpstreamRefusalReason } from './errors';
export { isBreakerFailure } from './breaker';
export { operationClassOf } from './operationClass';
export { DEFAULT_RESILIENCE } from './settings';
export type { ResilienceSettings } from './settings';
export type { BreakerReport } from './serviceResilience';
export { UpstreamCall } from './upstreamCall';

/** The HTTP agents of one client: as many sockets per host as its bulkhead has slots, kept alive. */
export interface UpstreamAgents {
  readonly httpAgent: HttpAgent;
  readonly httpsAgent: HttpsAgent;
}

/** Builds a client's agents (`requestHandler.httpAgent` / `httpsAgent`): `maxSockets` = the bulkhead's limit. */
export function createUpstreamAgents(maxSockets: number): UpstreamAgents {
  return { httpAgent: new HttpAgent({ keepAlive: true, maxSockets }), httpsAgent: new HttpsAgent({ keepAlive: true, maxSockets }) };
}

/** What {@link attachResilience} needs of a client: its middleware stack. */
export interface ResilientClient {
  readonly middlewareStack: { use(pluggable: Pluggable<any, any>): void };
}

/** What {@link attachResilience} is given. */
export interface ResilienceOptions {
  readonly service: UpstreamServiceName;
  readonly region: string;
  readonly timeoutMs: number;
  readonly maxAttempts: number;
  readonly settings?: Partial<ResilienceSettings>;
  readonly observer?: UpstreamObserver;
  /** The client's agents, for {@link upstreamSockets}. */
  readonly agents?: UpstreamAgents;
}

/** Module-private: each resilient client's state and agents. */
const attached = new WeakMap<object, { readonly resilience: ServiceResilience; readonly agents?: UpstreamAgents }>();

/** Puts resilience on `client` (after its error-context plugin, before its call counters) and returns its state. */
export function attachResilience(client: ResilientClient, options: ResilienceOptions): ServiceResilience {
  const resilience = new ServiceResilience({
    service: options.service,
    region: options.region,
    timeoutMs: options.timeoutMs,
    maxAttempts: options.maxAttempts,
    settings: { ...DEFAULT_RESILIENCE, ...options.settings },
    observer: options.observer ?? NO_UPSTREAM_OBSERVER,
  });
  client.middlewareStack.use(getResiliencePlugin(resilience));
  attached.set(client, { resilience, agents: options.agents });
  return resilience;
}

/** Module-private: clients that serve behind another one (the engagement client behind the AWS Pinpoint client). */
const companions = new WeakMap<object, object[]>();

/**
 * Records that `companion` serves part of `owner`'s commands (pinpoint/client.ts), so that reports
 * asked of the owner's client ({@link upstreamBreakers}) cover the companion's breakers too.
 */
export function addCompanionClient(owner: object, companion: object): void {
  companions.set(owner, [...(companions.get(owner) ?? []), companion]);
}

/** The breakers of `clients` and of their companions (each client's that were used so far), for `/readyz`. */
export function upstreamBreakers(clients: readonly object[]): BreakerReport[] {
  return clients.flatMap((client) => [client, ...(companions.get(client) ?? [])]).flatMap((client) => attached.get(client)?.resilience.breakers() ?? []);
}

/** The resilience state of a client built by the gateway's factories (undefined for any other client). */
export function resilienceOf(client: object): ServiceResilience | undefined {
  return attached.get(client)?.resilience;
}

/** The sockets of a client's agents: `inUse` carry a request now, `idle` wait in the keep-alive pool. */
export function upstreamSockets(client: object): { readonly inUse: number; readonly idle: number } | undefined {
  const agents = attached.get(client)?.agents;
  if (!agents) return undefined;
  const count = (pool: NodeJS.ReadOnlyDict<readonly unknown[]>) => Object.values(pool).reduce((sum, list) => sum + (list?.length ?? 0), 0);
  return {
    inUse: count(agents.httpAgent.sockets) + count(agents.httpsAgent.sockets),
    idle: count(agents.httpAgent.freeSockets) + count(agents.httpsAgent.freeSockets),
  };
}
