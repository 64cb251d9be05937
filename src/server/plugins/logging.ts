import type { ApolloServerPlugin } from '@apollo/server';
import type { Logger } from 'pino';
import type { GraphQLContext } from '../../graph/context';

/** Options of {@link loggingPlugin}. */
export interface LoggingPluginOptions {
  readonly logger: Logger;
}

/**
 * Logs one line per GraphQL operation (name, duration, upstream calls, error codes) at `info`,
 * and resolver errors with a code of INTERNAL_SERVER_ERROR or UPSTREAM_UNAVAILABLE at `warn`
 * with their cause, since clients only see masked messages for those.
 */
export function loggingPlugin(options: LoggingPluginOptions): ApolloServerPlugin<GraphQLContext> {
  const { logger } = options;
  return {
    async requestDidStart({ request }) {
      const started = process.hrtime.bigint();
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors) {
            const code = error.extensions?.code;
            if (code === undefined || code === 'INTERNAL_SERVER_ERROR' || code === 'UPSTREAM_UNAVAILABLE') {
              logger.warn({ err: error.originalError ?? error, path: error.path, operationName: request.operationName }, 'GraphQL error');
            }
          }
        },
        async willSendResponse({ response, contextValue, errors }) {
          const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
          const codes = (response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : (errors ?? [])).map((error) => error.extensions?.code);
          logger.info(
            { operationName: request.operationName ?? null, durationMs: Math.round(durationMs * 10) / 10, upstreamCalls: contextValue?.upstreamCalls?.total, errorCodes: codes.length > 0 ? codes : undefined, httpStatus: response.http.status ?? 200 },
            'graphql request',
          );
        },
      };
    },
  };
}
