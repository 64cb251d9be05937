import { join } from 'node:path';
import type { ApolloServerOptions, ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { loadFilesSync } from '@graphql-tools/load-files';
import { makeExecutableSchema } from '@graphql-tools/schema';
import type { GraphQLFormattedError, GraphQLSchema } from 'graphql';
import { deriveFieldIamTable, type FieldIamTable } from '../../auth';
import { tagReadsPerObject } from '../authorization/fieldPolicies';
import { createFormatError } from '../errors';
import { createCostModel, structuralLimitRules, type CostModel, type GatewayLimits } from '../limits';
import { graphCostModelOptions } from '../limits/graphCostOptions';
import { boundedStringify } from '../limits/responseSize';
import { queryLimitsPlugin, type QueryLimitsContext } from '../plugins/queryLimits';
import type { CallCounter } from '../../upstream';
import { upstreamCallsPlugin } from '../plugins/upstreamCalls';

/**
 * Apollo's request pipeline up to execution (body shape, parse, validation, operation
 * resolution, cost), configured once for the two places that run it: the gateway's Apollo server
 * and the admission worker (admissionWorker.ts), which runs it off the event loop for documents
 * the gateway has not yet admitted. One definition, so a document the worker refuses gets exactly
 * the answer the gateway itself would give, and one it admits is one the gateway accepts.
 */

/** The settings both pipelines are built from (plain data: they cross to the worker thread). */
export interface PipelineSettings {
  /** Folder of the SDL. */
  readonly schemaDir: string;
  readonly nodeEnv: 'development' | 'test' | 'production';
  readonly introspection: boolean;
  readonly fieldSuggestions: boolean;
  readonly limits: GatewayLimits;
  /** `extensions.cost` in responses. */
  readonly exposeCost: boolean;
  /** `extensions.upstreamCalls` in responses. */
  readonly exposeUpstreamCalls: boolean;
}

/** The gateway's SDL, every `schema/**\/*.graphql` file. */
export function loadGatewayTypeDefs(schemaDir: string) {
  return loadFilesSync(join(schemaDir, '**/*.graphql'));
}

/** Module-private: {@link gatewaySdlSchema}'s schemas, by schema directory. */
const sdlSchemas = new Map<string, GraphQLSchema>();

/**
 * The schema of `schemaDir`'s SDL without resolvers, read, parsed and validated once per process,
 * and never changed afterwards: a gateway passes it to `makeExecutableSchema`, whose
 * `addResolversToSchema` builds every type anew for that gateway's resolvers and wrappers. So a
 * process that starts several gateways (the test suite starts hundreds) pays for the SDL once.
 */
export function gatewaySdlSchema(schemaDir: string): GraphQLSchema {
  let schema = sdlSchemas.get(schemaDir);
  if (!schema) {
    schema = buildPipelineSchema(schemaDir);
    sdlSchemas.set(schemaDir, schema);
  }
  return schema;
}

/** The schema without resolvers: enough for everything before execution (the admission worker's). */
export function buildPipelineSchema(schemaDir: string): GraphQLSchema {
  return makeExecutableSchema({ typeDefs: loadGatewayTypeDefs(schemaDir) });
}

/** The cost model of a gateway schema; tag reads from its field → action table (read off the same annotations). */
export function createGatewayCostModel(schema: GraphQLSchema, fieldIamTable: FieldIamTable = deriveFieldIamTable(schema)): CostModel {
  // Decisions that read tags cost them too (counted for callers whose policies read aws:ResourceTag).
  return createCostModel(schema, { ...graphCostModelOptions(schema), tagReads: tagReadsPerObject(fieldIamTable) });
}

/** What the pipeline's plugins read from a request's context. */
export interface PipelineContext extends BaseContext, QueryLimitsContext {
  readonly upstreamCalls: CallCounter;
}

/** Options of {@link pipelineServerOptions}. */
export interface PipelineServerOptions<TContext extends BaseContext> {
  readonly settings: PipelineSettings;
  readonly costModel: CostModel;
  /** Called with each error `formatError` masks (the gateway logs them). */
  readonly onMaskedError?: (error: unknown) => void;
  /** Plugins after the pipeline's own. */
  readonly plugins?: readonly ApolloServerPlugin<TContext>[];
}

/** The Apollo server options of the pipeline: everything but the schema, persisted queries and the caller's own plugins. */
export function pipelineServerOptions<TContext extends PipelineContext>(
  options: PipelineServerOptions<TContext>,
): Omit<ApolloServerOptions<TContext>, 'schema' | 'typeDefs' | 'resolvers' | 'gateway'> & { plugins: ApolloServerPlugin<TContext>[] } {
  const { settings, costModel } = options;
  const { nodeEnv, limits } = settings;
  return {
    nodeEnv,
    introspection: settings.introspection,
    hideSchemaDetailsFromClientErrors: !settings.fieldSuggestions,
    // Explicit, though it is Apollo's default: a browser may send a "simple" request (GET, or a POST
    // of text/plain or a form) cross-site without a preflight, so CORS never gets to refuse it;
    // Apollo refuses those unless they carry a header only a preflighted request can.
    csrfPrevention: true,
    includeStacktraceInErrorResponses: nodeEnv === 'development',
    formatError: createFormatError({ nodeEnv, hideSuggestions: !settings.fieldSuggestions, onMaskedError: options.onMaskedError }) as (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError,
    stopOnTerminationSignals: false,
    // graphql-js's parser stops at the token limit instead of building a huge document first.
    parseOptions: { maxTokens: limits.structural.maxTokens },
    validationRules: structuralLimitRules(limits.structural),
    // Compact JSON: Apollo's default indents every response (2 spaces), more bytes to write and
    // ~0.1 ms more CPU on a dashboard-sized answer, for no reader (GraphiQL formats on its own).
    stringifyResult: boundedStringify(limits.execution.maxResponseBytes),
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      // The schema declares no @cacheControl hints and no HTTP cache sits in front of /graphql;
      // Apollo's default cache-control plugin would still wrap every resolver to compute them.
      ApolloServerPluginCacheControlDisabled(),
      upstreamCallsPlugin({ enabled: settings.exposeUpstreamCalls }) as ApolloServerPlugin<TContext>,
      queryLimitsPlugin({ costModel, ceilings: limits.cost, exposeCost: settings.exposeCost, maxNodeIds: limits.execution.maxNodeIds }) as ApolloServerPlugin<TContext>,
      ...(options.plugins ?? []),
    ],
  };
}
