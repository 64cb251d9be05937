import type { KpiCache } from '../cache/kpiCache';
import type { GraphQLContext } from '../graph/context';
import { CallCounter, createPinpointLoaders, createSmsVoiceLoaders, type UpstreamClients } from '../upstream';

/** What every request's context is built from (process-wide, shared by all requests). */
export interface ContextDeps {
  readonly clients: UpstreamClients;
  readonly kpiCache: KpiCache;
  readonly region: string;
}

/**
 * Builds the context of one GraphQL request: a fresh call counter and fresh loaders (nothing
 * holding per-request data outlives the request), over the shared clients and KPI cache.
 */
export function createContext(deps: ContextDeps): GraphQLContext {
  const upstreamCalls = new CallCounter();
  return {
    pinpoint: createPinpointLoaders(deps.clients.pinpoint, upstreamCalls),
    smsVoice: createSmsVoiceLoaders(deps.clients.smsVoice, upstreamCalls),
    kpiCache: deps.kpiCache,
    region: deps.region,
    upstreamCalls,
  };
}
