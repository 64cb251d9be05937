import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayTracing } from '../../observability';
import type { RequestContext } from '../context';

/** Options of {@link tracingPlugin}. */
export interface TracingPluginOptions {
  readonly tracing: GatewayTracing;
}

/**
 * The request span of each GraphQL request (observability/tracing.ts): opened when Apollo starts
 * the request, named after its operation once resolved (`query Dashboard`), ended with the HTTP
 * status and error codes. The resolver spans find it through the request's context value.
 */
export function tracingPlugin(options: TracingPluginOptions): ApolloServerPlugin<RequestContext> {
  const { tracing } = options;
  return {
    async requestDidStart({ contextValue, request }) {
      const span = tracing.startRequest(contextValue, { requestId: contextValue.requestId, headers: request.http?.headers });
      return {
        async didResolveOperation({ operationName, operation }) {
          if (operation) tracing.nameRequest(span, { operationName: operationName ?? null, operationType: operation.operation });
        },
        async willSendResponse({ response, errors }) {
          const sent = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : (errors ?? []);
          tracing.endRequest(span, { httpStatus: response.http.status ?? 200, errorCodes: sent.map((error) => String(error.extensions?.code ?? 'UNKNOWN')) });
        },
      };
    },
  };
}
