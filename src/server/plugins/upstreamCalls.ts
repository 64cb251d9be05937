import type { ApolloServerPlugin } from '@apollo/server';
import type { CallCounter } from '../../upstream';

/** Options of {@link upstreamCallsPlugin}. */
export interface UpstreamCallsPluginOptions {
  /** Whether responses carry `extensions.upstreamCalls` (config `EXPOSE_UPSTREAM_CALLS`). */
  readonly enabled: boolean;
}

/**
 * Puts the request's upstream SDK call counts in the response, as
 * `extensions.upstreamCalls = { total, byOperation }`, so clients and tests can see what a query
 * cost upstream (the way DataLoader's tests assert `loadCalls`).
 */
export function upstreamCallsPlugin(options: UpstreamCallsPluginOptions): ApolloServerPlugin<{ readonly upstreamCalls: CallCounter }> {
  if (!options.enabled) return {};
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single') return;
          response.body.singleResult.extensions = { ...response.body.singleResult.extensions, upstreamCalls: contextValue.upstreamCalls.snapshot() };
        },
      };
    },
  };
}
