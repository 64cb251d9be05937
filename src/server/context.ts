import type { KpiCache } from '../cache/kpiCache';
import type { GraphQLContext } from '../graph/context';
import { CallCounter, createPinpointLoaders, createSmsVoiceLoaders, type LoaderMode, type PinpointUpstream, type SmsVoiceUpstream, type UpstreamClients } from '../upstream';

/** What every request's context is built from (process-wide, shared by all requests). */
export interface ContextDeps {
  readonly clients: UpstreamClients;
  readonly kpiCache: KpiCache;
  readonly region: string;
  /** `naive` (LOADER_MODE=naive, the benchmark's baseline): loaders without batching or caching, KPI cache bypassed. */
  readonly loaderMode?: LoaderMode;
}

/** Module-private: the naive baseline's KPI cache, which loads every time. */
const passThroughKpiCache: KpiCache = { getOrLoad: (_key, load) => load() };

/**
 * Builds the context of one GraphQL request: a fresh call counter and fresh loaders (nothing
 * holding per-request data outlives the request), over the shared clients and KPI cache. A
 * service's loaders are built when a resolver first reaches for them: most requests touch one
 * service, and building the other's loaders was a tenth of a warm KPI query's CPU.
 */
export function createContext(deps: ContextDeps): GraphQLContext {
  const upstreamCalls = new CallCounter();
  let pinpoint: PinpointUpstream | undefined;
  let smsVoice: SmsVoiceUpstream | undefined;
  return {
    get pinpoint() {
      return (pinpoint ??= createPinpointLoaders(deps.clients.pinpoint, upstreamCalls, { mode: deps.loaderMode }));
    },
    get smsVoice() {
      return (smsVoice ??= createSmsVoiceLoaders(deps.clients.smsVoice, upstreamCalls, { mode: deps.loaderMode }));
    },
    kpiCache: deps.loaderMode === 'naive' ? passThroughKpiCache : deps.kpiCache,
    region: deps.region,
    upstreamCalls,
  };
}
