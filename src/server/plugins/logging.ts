import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, type DocumentNode } from 'graphql';
import type { Logger } from 'pino';
import type { RequestContext } from '../context';

/** Options of {@link loggingPlugin}. */
export interface LoggingPluginOptions {
  /** The gateway's logger, for a request whose context has none (its own is a child with `requestId` bound). */
  readonly logger: Logger;
}

/**
 * The request log, through each request's own logger (so every line carries `requestId`):
 *
 * - `graphql request started` (info), when execution starts: operation name, type and hash (the
 *   SHA-256 of the document text, Apollo's `queryHash`) and the caller. Written before any
 *   resolver runs, so a request that takes the process down (memory, a hang) is in the log;
 *   refused documents never execute and have only the end line;
 * - `graphql request` (info), once per request: the same, plus duration, upstream calls, error
 *   codes and HTTP status;
 * - `GraphQL error` (warn), per resolver error with a code of INTERNAL_SERVER_ERROR or
 *   UPSTREAM_UNAVAILABLE (or none), with its cause, since clients only see masked messages for those.
 *
 * The caller is `{ kind, id }`: the API key's ID or the token's subject, never a secret.
 */
export function loggingPlugin(options: LoggingPluginOptions): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart({ request, contextValue }) {
      const started = process.hrtime.bigint();
      const log = contextValue.logger ?? options.logger;
      const caller = contextValue.caller ? { kind: contextValue.caller.kind, id: contextValue.caller.id } : undefined;
      return {
        async executionDidStart({ operationName, operation, queryHash }) {
          log.info({ operationName: operationName ?? null, operationType: operation?.operation, operationHash: queryHash, caller }, 'graphql request started');
        },
        async didEncounterErrors({ errors, operationName }) {
          for (const error of errors) {
            const code = error.extensions?.code;
            if (code === undefined || code === 'INTERNAL_SERVER_ERROR' || code === 'UPSTREAM_UNAVAILABLE') {
              log.warn({ err: error.originalError ?? error, path: error.path, operationName: operationName ?? request.operationName }, 'GraphQL error');
            }
          }
        },
        async willSendResponse({ response, errors, operationName, operation, queryHash, document }) {
          const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
          const codes = (response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : (errors ?? [])).map((error) => error.extensions?.code);
          log.info(
            {
              // A document refused by validation has no resolved operation, but usually a name.
              operationName: operationName ?? request.operationName ?? soleOperationName(document) ?? null,
              operationType: operation?.operation,
              operationHash: queryHash,
              caller,
              durationMs: Math.round(durationMs * 10) / 10,
              upstreamCalls: contextValue.upstreamCalls?.total,
              errorCodes: codes.length > 0 ? codes : undefined,
              httpStatus: response.http.status ?? 200,
            },
            'graphql request',
          );
        },
      };
    },
  };
}

/** Module-private: the name of a parsed document's only operation, when it has exactly one. */
function soleOperationName(document: DocumentNode | undefined): string | undefined {
  const operations = document?.definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION) ?? [];
  return operations.length === 1 && operations[0].kind === Kind.OPERATION_DEFINITION ? operations[0].name?.value : undefined;
}
