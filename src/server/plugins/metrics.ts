import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayMetrics } from '../../observability';
import type { RequestContext } from '../context';

/** Options of {@link metricsPlugin}. */
export interface MetricsPluginOptions {
  readonly metrics: GatewayMetrics;
}

/**
 * The GraphQL request metrics: requests in flight, then per request its operation (bounded names),
 * result, error codes, latency and upstream calls (observability/metrics.ts). HTTP answers,
 * refusals before GraphQL included, are counted by the server itself.
 */
export function metricsPlugin(options: MetricsPluginOptions): ApolloServerPlugin<RequestContext> {
  const { metrics } = options;
  return {
    async requestDidStart() {
      const finish = metrics.graphqlRequestStarted();
      return {
        async willSendResponse({ response, errors, operationName, operation, contextValue }) {
          const sent = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : (errors ?? []);
          finish({
            // Known only once the document parsed and its operation was chosen.
            operationName: operation ? (operationName ?? null) : undefined,
            operationType: operation?.operation,
            errorCodes: sent.map((error) => (typeof error.extensions?.code === 'string' ? error.extensions.code : 'UNKNOWN')),
            upstreamCalls: contextValue.upstreamCalls?.total ?? 0,
          });
        },
      };
    },
  };
}
