import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import { inputResourceArns, operationIam, partitionOf, type ArnScope, type IamService } from '../../auth';
import { ErrorCode } from '../../graph/errors';
import type { RequestContext } from '../context';
import { isUpstreamError, upstreamErrorCode, upstreamErrorDetails } from '../errors';
import { readUpstreamAnnotations } from '../limits';

/** Options of {@link auditPlugin}. */
export interface AuditPluginOptions {
  /** Where the lines go: normally {@link auditLogger} of the gateway's logger. */
  readonly logger: Logger;
  /** The executable schema (its `@upstream` annotations name each mutation's operation). */
  readonly schema: GraphQLSchema;
  /** Region of the resource ARNs (the upstream clients' region). */
  readonly region: string;
  /** Account of the resource ARNs (default `*`: unknown; the server passes the account its policy decisions use). */
  readonly account?: string;
}

/** What one audit line carries besides pino's `level`, `time`, `component` and `msg` (`mutation`). */
export interface AuditRecord {
  /** The gateway request's ID (its `x-request-id`, as in the request log). */
  readonly requestId: string;
  /** The operation's name, or null for an anonymous operation. */
  readonly operationName: string | null;
  /** Who called (`ctx.caller`). */
  readonly caller: { readonly kind: string; readonly id: string; readonly name: string };
  /** The schema coordinate (`Mutation.deleteApp`). */
  readonly field: string;
  /** The response key (the alias when the document gave one). */
  readonly path: string;
  /** IAM action(s) of the field's upstream operation (`mobiletargeting:DeleteApp`); empty for a field that reaches no upstream. */
  readonly actions: readonly string[];
  /** Resource ARNs built from the input (account `*` when unknown); `["*"]` when none can be built. */
  readonly resources: readonly string[];
  /** `ok`, or the error code the caller received (`NOT_FOUND`, `FORBIDDEN`, ...). */
  readonly outcome: string;
  /** The SDK exception name when the upstream refused (`NotFoundException`). */
  readonly upstreamError?: string;
  /** Upstream request IDs (`x-amzn-RequestId`) of the field's own upstream calls, in completion order; empty when none got an answer. */
  readonly upstreamRequestIds: readonly string[];
  /** How long the field's resolver took (ms, 0.1 ms resolution). */
  readonly durationMs: number;
}

/**
 * The audit logger: a child of the gateway's logger with `component: 'audit'`, at `info` whatever
 * the gateway's level (an operator who turns logs down to `warn` keeps the audit trail); silent
 * only when the gateway's logger is.
 */
export function auditLogger(logger: Logger): Logger {
  return logger.child({ component: 'audit' }, { level: logger.level === 'silent' ? 'silent' : 'info' });
}

/** Module-private: what the plugin knows of one Mutation field, from the schema. */
interface AuditedField {
  readonly coordinate: string;
  readonly service?: IamService;
  /** The `@upstream` operations of the field (whose request IDs are its own). */
  readonly operations: ReadonlySet<string>;
  readonly actions: readonly string[];
}

/**
 * One structured line per executed mutation field (each alias its own line): who, what (field,
 * IAM actions, resource ARNs), the outcome, and the upstream request IDs that tie it to AWS's own
 * records (CloudTrail, support cases). Fields are resolved one after another in a mutation, so the
 * upstream calls that finish while a field's resolver runs are that field's.
 *
 * Not audited: an operation refused before execution (parse, validation, limits, trusted
 * documents) never ran a mutation; the request log (`plugins/logging.ts`) records it.
 */
export function auditPlugin(options: AuditPluginOptions): ApolloServerPlugin<RequestContext> {
  const { logger } = options;
  const scope: ArnScope = { partition: partitionOf(options.region), region: options.region, account: options.account ?? '*' };
  const fields = auditedFields(options.schema);
  return {
    async requestDidStart() {
      return {
        async executionDidStart({ operation }) {
          if (operation?.operation !== 'mutation') return;
          return {
            willResolveField({ info, args, contextValue }) {
              if (info.parentType.name !== info.schema.getMutationType()?.name) return;
              const field = fields.get(info.fieldName);
              if (!field) return;
              const started = process.hrtime.bigint();
              const firstCall = contextValue.upstreamCalls.finished.length;
              return (error) => {
                const durationMs = Math.round(Number(process.hrtime.bigint() - started) / 1e5) / 10;
                const upstreamRequestIds = contextValue.upstreamCalls.finished
                  .slice(firstCall)
                  .filter((call) => field.operations.has(call.operation) && call.requestId !== null)
                  .map((call) => call.requestId as string);
                const input = typeof args.input === 'object' && args.input !== null ? (args.input as Record<string, unknown>) : args;
                const [upstreamOperation] = field.operations;
                const record: AuditRecord = {
                  requestId: contextValue.requestId,
                  operationName: info.operation.name?.value ?? null,
                  caller: { kind: contextValue.caller.kind, id: contextValue.caller.id, name: contextValue.caller.name },
                  field: field.coordinate,
                  path: info.path.key as string,
                  actions: field.actions,
                  resources: field.service && upstreamOperation ? inputResourceArns(field.service, upstreamOperation, input, scope) : ['*'],
                  ...outcomeOf(error),
                  upstreamRequestIds,
                  durationMs,
                };
                logger.info(record, 'mutation');
              };
            },
          };
        },
      };
    },
  };
}

/** Module-private: each Mutation field with its upstream operations and IAM actions. */
function auditedFields(schema: GraphQLSchema): ReadonlyMap<string, AuditedField> {
  const mutation = schema.getMutationType();
  const annotations = readUpstreamAnnotations(schema);
  const fields = new Map<string, AuditedField>();
  for (const name of Object.keys(mutation?.getFields() ?? {})) {
    const coordinate = `${mutation!.name}.${name}`;
    const annotation = annotations.get(coordinate) ?? {};
    const service = (Object.keys(annotation) as IamService[]).find((key) => (key === 'pinpoint' || key === 'smsVoice') && annotation[key].length > 0);
    const operations = service ? annotation[service] : [];
    const actions = [...new Set(operations.flatMap((operation) => (service ? (operationIam(service, operation)?.actions ?? []) : [])))];
    fields.set(name, { coordinate, service, operations: new Set(operations), actions });
  }
  return fields;
}

/** Module-private: the outcome as the caller sees it: the code `formatError` gives the error (server/errors.ts). */
function outcomeOf(error: unknown): Pick<AuditRecord, 'outcome' | 'upstreamError'> {
  if (error === null || error === undefined) return { outcome: 'ok' };
  const original = error instanceof GraphQLError && error.originalError ? error.originalError : error;
  if (isUpstreamError(original)) return { outcome: upstreamErrorCode(original), upstreamError: upstreamErrorDetails(original).errorName };
  for (const candidate of [error, original]) {
    if (candidate instanceof GraphQLError && typeof candidate.extensions.code === 'string') return { outcome: candidate.extensions.code };
  }
  return { outcome: ErrorCode.InternalServerError };
}
