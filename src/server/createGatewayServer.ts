import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { dirname, join } from 'node:path';
import { ApolloServer, HeaderMap, type HTTPGraphQLRequest } from '@apollo/server';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { GraphQLError } from 'graphql';
import { pino, type Logger } from 'pino';
import { deriveFieldIamTable, type Caller } from '../auth';
import { acceptRequestId, createObservability, REQUEST_ID_HEADER, type CurrentRequest, type Observability } from '../observability';
import type { Cache, FlightLock } from '../cache/cache';
import { createKpiCache, type KpiCache } from '../cache/kpiCache';
import { createMemoryCache } from '../cache/memoryCache';
import type { GatewayRedisSettings } from '../cache/redisClient';
import { createRedisCache } from '../cache/redisCache';
import { ErrorCode } from '../graph/errors';
import { applyIdArguments, resolvers } from '../graph';
import { CallCounter, createPinpointClient, createSmsVoiceClient, upstreamBreakers, type EngagementEndpointOptions, type LoaderMode, type ResilienceSettings, type UpstreamClients } from '../upstream';
import { createCallerResolver, type CallerResolverOptions } from './auth/resolveCaller';
import { createContext, type RequestContext } from './context';
import { createDocumentAdmission, type AdmissionOutcome, type DocumentAdmission } from './admission/documentAdmission';
import { createAdmittedDocumentStore } from './admission/documentStore';
import { createGatewayCostModel, gatewaySdlSchema, pipelineServerOptions, type PipelineSettings } from './admission/pipeline';
import { createGraphiqlHandler, GRAPHIQL_ASSET_PREFIX, graphiqlTabs, type GraphiqlTab } from './graphiql';
import { breakerReadinessCheck, checkReadiness, drainingReport, upstreamReadinessChecks, type ReadinessCheck } from './health';
import { createBrowserAccess, type BrowserAccessOptions } from './http/browserAccess';
import { clientAddress } from './http/clientAddress';
import { watchClientGone } from './http/clientGone';
import { createResponseCompression } from './http/compression';
import { HttpDrain, type DrainReport } from './http/drain';
import { listenOnHost } from './http/listen';
import { metricsExposure, serveMetrics, startMetricsListener, type MetricsEndpointOptions, type MetricsListener } from './http/metricsEndpoint';
import { runMiddleware } from './http/middleware';
import { declaredBodyLength, parseGraphQLBody, payloadTooLarge, readGraphQLBodyBytes } from './http/readBody';
import { documentText, documentRefusal } from './http/documentSize';
import { EMULATOR_VIEW_PREFIX, serveEmulatorView, type EmulatorView } from './http/emulatorView';
import { answerClientError, sendRefusal, typedErrorResponse } from './http/refusal';
import { readRequestDeadline, withinDeadline } from './http/requestDeadline';
import { DEFAULT_LIMITS, readUpstreamAnnotations, type GatewayLimits } from './limits';
import { createMessageCounter } from './limits/messageCount';
import { applyResolverCount } from './limits/resolverCount';
import { createRateLimiter, type RateLimitBudgets, type RateLimiter } from './limits/rateLimiter';
import { auditLogger, auditPlugin } from './plugins/audit';
import { loggingPlugin } from './plugins/logging';
import { staleDataPlugin } from './plugins/staleData';
import { metricsPlugin } from './plugins/metrics';
import { tracingPlugin } from './plugins/tracing';
import { requestPlanPlugin } from './plugins/requestPlan';
import { createPlanner, graphPlannerOptions } from './plan/requestPlan';
import { isOversizeReplacement } from './limits/responseSize';
import { rateLimitsPlugin } from './plugins/rateLimits';
import { introspectionDecision, introspectionForbidden, introspectionPolicyPlugin } from './plugins/introspectionPolicy';
import { applyFieldPolicies } from './authorization/fieldPolicies';
import { createDocumentTrust, graphiqlIntrospectionQueries, type TrustedDocumentStore, type TrustedDocumentsMode } from './trustedDocuments';

/** Options of {@link createGatewayServer}; every field has a default fit for tests. */
export interface GatewayServerOptions {
  /** TCP port (default 0: any free port). */
  readonly port?: number;
  /** Interface (default 127.0.0.1); `localhost`: every loopback address, IPv4 and IPv6 (http/listen.ts). */
  readonly host?: string;
  /**
   * The largest `/graphql` request body accepted, in bytes (default {@link DEFAULT_MAX_BODY_BYTES}).
   * Larger ones are answered 413 PAYLOAD_TOO_LARGE with `Connection: close`: from `Content-Length`
   * before a byte is read, or as soon as a chunked body crosses the limit.
   */
  readonly maxBodyBytes?: number;
  /** Region of the upstream clients and of accepted global IDs (default us-east-1). */
  readonly region?: string;
  /** `emulator` (default): fake static credentials and emulator health probes; `aws`: real AWS. */
  readonly upstream?: 'emulator' | 'aws';
  /** Endpoint overrides (the emulator's URL for both); required with `upstream: 'emulator'` unless `clients` is given. */
  readonly endpoints?: { readonly pinpoint: string; readonly smsVoice: string };
  /** Prebuilt SDK clients (the caller owns them); built from the fields above otherwise. */
  readonly clients?: UpstreamClients;
  /**
   * `upstream: 'aws'` only: where the Pinpoint operations AWS retired on 2026-10-30 are sent
   * (`ENGAGEMENT_ENDPOINT`, README "AWS as it is today"); unset: they answer UPSTREAM_RETIRED unsent.
   */
  readonly engagement?: EngagementEndpointOptions;
  /** SDK attempts per command for transient failures (default 3). */
  readonly upstreamMaxAttempts?: number;
  /** Bound on one upstream command, retries and waiting for a slot included, enforced by cancelling it (default 10 000 ms): its field gets UPSTREAM_TIMEOUT. */
  readonly upstreamTimeoutMs?: number;
  /** Breakers, bulkheads, retry budgets and throttling of the clients the server builds (default `DEFAULT_RESILIENCE`, per field; README "Resilience"). */
  readonly upstreamResilience?: Partial<ResilienceSettings>;
  /** A ready KPI cache (the caller owns it); wins over `cache` and `redis`. */
  readonly kpiCache?: KpiCache;
  /** The store under the KPI cache (the caller owns it); default: Redis when `redis` is set, else memory. */
  readonly cache?: Cache & Partial<FlightLock>;
  /** Redis for the KPI cache (unless `kpiCache` or `cache` is given), automatic persisted queries and the trusted-document registry; the server opens and closes its own connections. */
  readonly redis?: GatewayRedisSettings;
  /** KPI lifetimes, lock lifetime and stale window (defaults: 86 400 s past, 60 s current, 10 000 ms lock, 3 600 s stale). */
  readonly kpi?: { readonly ttlPastSeconds?: number; readonly ttlCurrentSeconds?: number; readonly lockTtlMs?: number; readonly staleSeconds?: number };
  /** Error detail policy: internals are shown only in `development` (default `test`). */
  readonly nodeEnv?: 'development' | 'test' | 'production';
  /** `extensions.upstreamCalls` in responses (default: on outside production). */
  readonly exposeUpstreamCalls?: boolean;
  /** Which other origins' pages may call `/graphql` from a browser (default: none). */
  readonly cors?: Omit<BrowserAccessOptions, 'nodeEnv'>;
  /** Serve GraphiQL at `/` and `/graphiql` (default: on outside production). */
  readonly graphiql?: boolean;
  /** Answer introspection queries (default: on outside production), to callers whose policy allows `graphql:Introspect`. */
  readonly introspection?: boolean;
  /**
   * The AWS account of the upstream resources, for the `${Account}` of the ARNs policies are
   * decided on (server/authorization/fieldPolicies.ts). Default: the emulator's seeded account
   * (123456789012) with `upstream: 'emulator'`, unknown with `upstream: 'aws'` (then only policy
   * statements with `*` in the account field allow what is addressed by ID).
   */
  readonly accountId?: string;
  /** "Did you mean …" suggestions in validation errors, which reveal schema names (default: on outside production). */
  readonly fieldSuggestions?: boolean;
  /** `naive`: the benchmark's baseline (loaders without batching or caching, KPI cache bypassed); default `batched`. */
  readonly loaderMode?: LoaderMode;
  /** Request limits: structural, cost and execution bounds (default {@link DEFAULT_LIMITS}; each part replaces its default whole). */
  readonly limits?: Partial<GatewayLimits>;
  /** How long a client may take to send a request's headers before its socket is closed (default 10 000 ms); its body gets the request deadline more. */
  readonly headersTimeoutMs?: number;
  /**
   * How long a keep-alive connection may stay idle before the gateway closes it (default 5 000 ms,
   * Node's). A load balancer that pools connections must close its idle ones first: one it reuses
   * as the gateway closes it fails the request unanswered, so behind one set this above its idle timeout.
   */
  readonly keepAliveTimeoutMs?: number;
  /** `extensions.cost` (the operation's estimate and ceilings) in responses (default: on outside production). */
  readonly exposeCost?: boolean;
  /** Logger (default: silent); each request logs through a child with its `requestId` bound. */
  readonly logger?: Logger;
  /**
   * Metrics and traces (src/observability/): default metrics only (tracing off). With prebuilt
   * `clients` or caches, build them with this bundle's `upstreamObserver` and `cacheObserver`
   * (main.ts does). The server closes it (flushing spans) when it closes.
   */
  readonly observability?: Observability;
  /** Where `GET /metrics` is served and whether it needs a bearer token (http/metricsEndpoint.ts; default: the main port outside production, off in production). */
  readonly metricsEndpoint?: MetricsEndpointOptions;
  /** Folder of the SDL (default: the project's `schema/`). */
  readonly schemaDir?: string;
  /** GraphiQL's preloaded tabs (default: the project's `examples/queries/*.graphql`). */
  readonly graphiqlTabs?: readonly GraphiqlTab[];
  /** Counts every upstream command of this server (metrics); one is created when omitted. */
  readonly processCalls?: CallCounter;
  /** Bound on each `/readyz` probe (default 2 000 ms). */
  readonly readinessTimeoutMs?: number;
  /** More `/readyz` checks, after the upstream and cache probes (breaker state, ...): any part of the gateway may contribute one. */
  readonly readinessChecks?: readonly ReadinessCheck[];
  /**
   * How long `close()` lets requests in flight finish (default 10 000 ms, `SHUTDOWN_GRACE_MS`);
   * those still running then are stopped through their request budgets and answer with what they have.
   */
  readonly shutdownGraceMs?: number;
  /**
   * Who may call (server/auth/resolveCaller.ts): the policy store, API keys, JWT verification and
   * the anonymous caller; the caller owns the stores. Default: no keys and no tokens accepted, the
   * anonymous caller open outside production and without any policy in it.
   */
  readonly auth?: Omit<CallerResolverOptions, 'nodeEnv' | 'logger'>;
  /** Called with each request's caller once resolved, before Apollo runs (tests, audit). */
  readonly onCaller?: (caller: Caller) => void;
  /**
   * Rate limits per caller (server/limits/rateLimiter.ts, plugins/rateLimits.ts): the request and
   * send budgets, kept in `rateLimits.redis` (default: `redis`) and so shared by every process using
   * it; without Redis, or while it is unreachable, per process. Default: none (tests; main.ts turns
   * them on from `RATE_LIMITS`).
   */
  readonly rateLimits?: RateLimitBudgets & { readonly redis?: GatewayRedisSettings };
  /** Proxies in front of the gateway that append to `X-Forwarded-For` (default 0: the socket's peer is the client; see http/clientAddress.ts). */
  readonly trustProxyHops?: number;
  /**
   * Trusted documents (server/trustedDocuments/): `mode` `off` (default), `log` or `required`; the
   * registry is `store` (the caller owns it), else Redis when `redis` is set, else the JSON file
   * `file`. GraphiQL's tabs and schema query are registered in-process at start-up.
   */
  readonly trustedDocuments?: { readonly mode: TrustedDocumentsMode; readonly store?: TrustedDocumentStore; readonly file?: string };
  /** Lifetime of an automatic persisted query in `redis` (default 86 400 s); without Redis, APQ is Apollo's in-memory cache. */
  readonly apqTtlSeconds?: number;
  /** One audit line per mutation field on `logger` (`component: 'audit'`, plugins/audit.ts); default on. */
  readonly audit?: boolean;
  /**
   * Worker threads that check documents this process has not admitted yet (parse, validation,
   * limits, cost) off the event loop (server/admission/); 0 (default) checks everything on the
   * event loop. main.ts turns them on from `ADMISSION_WORKERS`.
   */
  readonly admissionWorkers?: number;
  /**
   * A read-only view of the in-process emulator (http/emulatorView.ts): `GET /_emulator/outbox` and
   * `GET /_emulator/verification-codes` on the gateway's own origin. main.ts passes it only for the
   * emulator it started itself; refused with `upstream: 'aws'` and in production. Default: none.
   */
  readonly emulatorView?: EmulatorView;
}

/** A running gateway. */
export interface GatewayServer {
  /** `http://host:port` (GraphQL at `/graphql`, GraphiQL at `/`). */
  readonly url: string;
  readonly port: number;
  /** Every upstream command this server sent (all requests). */
  readonly processCalls: CallCounter;
  /** Where `GET /metrics` is served (the main port or a listener of its own); undefined when it is off (production without `METRICS_TOKEN` or `METRICS_PORT`). */
  readonly metricsUrl?: string;
  /**
   * Graceful stop (http/drain.ts): `/readyz` answers 503 `draining` at once, the listener stops
   * accepting, keep-alive connections close after their current response, requests in flight
   * finish (up to `graceMs`, default {@link GatewayServerOptions.shutdownGraceMs}; then they are
   * stopped through their budgets), then what the server created is closed (clients, Redis).
   * Resolves with how the drain went; later calls (and `close()`) share the first one's promise.
   */
  shutdown(options?: { readonly graceMs?: number }): Promise<DrainReport>;
  /** {@link shutdown} with the configured grace, without its report. */
  close(): Promise<void>;
}

/** Module-private: the default of {@link GatewayServerOptions.maxBodyBytes}, as `MAX_BODY_BYTES` defaults in config.ts. */
const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/** Starts the gateway: node:http + Apollo Server over the schema in `schema/**\/*.graphql`. */
export async function createGatewayServer(options: GatewayServerOptions = {}): Promise<GatewayServer> {
  const region = options.region ?? 'us-east-1';
  const upstream = options.upstream ?? 'emulator';
  const nodeEnv = options.nodeEnv ?? 'test';
  // First: an unsafe CORS configuration fails before anything is created that would need closing.
  const browserAccess = createBrowserAccess({ ...options.cors, nodeEnv });
  // The emulator's messages are a development aid: never beside real AWS, never in production.
  if (options.emulatorView && (upstream === 'aws' || nodeEnv === 'production')) {
    throw new Error(`createGatewayServer: the emulator view (emulatorView) is for an in-process emulator outside production; got upstream "${upstream}" and nodeEnv "${nodeEnv}".`);
  }
  const logger = options.logger ?? pino({ level: 'silent' });
  const processCalls = options.processCalls ?? new CallCounter();
  const observability = options.observability ?? createObservability();
  // First in, so last out (closers run in reverse): spans of the final requests are flushed.
  const closers: (() => Promise<void> | void)[] = [() => observability.close()];
  const metricsExposed = metricsExposure(options.metricsEndpoint ?? {}, nodeEnv);

  if (!options.clients && upstream === 'emulator' && !options.endpoints) {
    throw new Error('createGatewayServer: with upstream "emulator", pass `endpoints` (the emulator URL for both services) or prebuilt `clients`; got neither.');
  }
  const clientOptions = { upstream, region, endpoints: options.endpoints, engagement: options.engagement, maxAttempts: options.upstreamMaxAttempts, requestTimeoutMs: options.upstreamTimeoutMs, resilience: options.upstreamResilience, observer: observability.upstreamObserver };
  const clients: UpstreamClients = options.clients ?? { pinpoint: createPinpointClient(clientOptions, processCalls), smsVoice: createSmsVoiceClient(clientOptions, processCalls) };
  if (!options.clients) closers.push(() => clients.pinpoint.destroy(), () => clients.smsVoice.destroy());

  let store: (Cache & Partial<FlightLock>) | undefined = options.cache;
  if (!options.kpiCache && !store) {
    if (options.redis) {
      const redis = createRedisCache({ ...options.redis, logger: logger.child({ component: 'kpi-cache' }), observer: observability.cacheObserver });
      closers.push(() => redis.close());
      if (!(await redis.waitUntilReady(2_000))) logger.warn({}, 'KPI cache: Redis not reachable at start-up; answering from upstream until it is');
      store = redis;
    } else {
      store = createMemoryCache();
    }
  }
  const lock = store && typeof store.acquire === 'function' ? (store as Cache & FlightLock) : undefined;
  const kpiCache =
    options.kpiCache ??
    createKpiCache({
      cache: store!,
      lock,
      ttl: { pastSeconds: options.kpi?.ttlPastSeconds ?? 86_400, currentSeconds: options.kpi?.ttlCurrentSeconds ?? 60 },
      lockTtlMs: options.kpi?.lockTtlMs ?? 10_000,
      // An expired KPI is kept this long, and served (marked in `extensions.stale`) when upstream fails.
      staleSeconds: options.kpi?.staleSeconds ?? 3_600,
      logger: logger.child({ component: 'kpi-cache' }),
      observer: observability.cacheObserver,
    });

  const readinessChecks: ReadinessCheck[] = [
    ...upstreamReadinessChecks({ upstream, region, endpoints: options.endpoints }),
    // Shown, never deciding readiness: without Redis every user of it falls back in-process (KPI
    // cache, APQ, rate limits), so an instance serves as well as its peers, which share the outage.
    ...(store ? [{ name: 'cache', critical: false, check: async () => (await store.ping(), lock ? 'redis answers PING' : 'in-memory cache') }] : []),
    // Shown, never deciding readiness (health.ts): an open breaker is the upstream's trouble, shared by every replica.
    breakerReadinessCheck(() => upstreamBreakers([clients.pinpoint, clients.smsVoice])),
    ...(options.readinessChecks ?? []),
  ];

  const schemaDir = options.schemaDir ?? join(projectRoot(), 'schema');
  const schema = makeExecutableSchema({
    // The SDL built once per process; makeExecutableSchema copies it, adding this gateway's resolvers.
    typeDefs: gatewaySdlSchema(schemaDir),
    resolvers: resolvers as Parameters<typeof makeExecutableSchema>[0]['resolvers'],
    resolverValidationOptions: { requireResolversToMatchSchema: 'error' },
  });
  // Every field that reaches upstream decides the caller's policies before its resolver runs.
  const fieldIamTable = deriveFieldIamTable(schema);
  applyFieldPolicies(schema, { table: fieldIamTable, accountId: options.accountId ?? (upstream === 'emulator' ? EMULATOR_ACCOUNT_ID : undefined) });
  // With tracing on, each resolver of a field that reaches upstream runs in a span (outside the policy check).
  observability.tracing?.traceResolvers(schema, readUpstreamAnnotations(schema).keys());
  // Outermost: a global ID given where an upstream ID is asked for becomes that ID before the
  // policy check and the resolver read the arguments (graph/idArguments.ts).
  applyIdArguments(schema);
  // Outside everything: each resolution counts against the request's resolver bound before it runs.
  applyResolverCount(schema);

  const limits: GatewayLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const costModel = createGatewayCostModel(schema, fieldIamTable);
  let rateLimiter: RateLimiter | undefined;
  if (options.rateLimits) {
    const { redis: limiterRedis = options.redis, ...budgets } = options.rateLimits;
    const limiter = createRateLimiter({ ...budgets, redis: limiterRedis && { observer: observability.cacheObserver, ...limiterRedis }, logger: logger.child({ component: 'rate-limits' }) });
    closers.push(() => limiter.close());
    // Until connected, every process would count on its own: wait (bounded) so budgets start shared.
    if (limiterRedis && !(await limiter.waitUntilReady(2_000))) logger.warn({}, 'rate limits: Redis not reachable at start-up; limiting per process until it is');
    rateLimiter = limiter;
  }
  const trustProxyHops = options.trustProxyHops ?? 0;

  // A client that trickles its headers or body (slowloris) holds a socket and up to a body's bytes:
  // Node's defaults wait 60 s for headers and 300 s for a whole request. A request's whole life is
  // bounded by its deadline anyway, so the transfer of its headers and body gets far less.
  const headersTimeoutMs = options.headersTimeoutMs ?? DEFAULT_HEADERS_TIMEOUT_MS;
  const httpServer = createServer({
    headersTimeout: headersTimeoutMs,
    requestTimeout: limits.execution.deadlineMs + headersTimeoutMs,
    // Node checks both timeouts on this interval (30 s by default), which would let a slow client
    // hold its socket up to that much longer than the timeout says.
    connectionsCheckingInterval: Math.min(1_000, Math.max(50, Math.floor(headersTimeoutMs / 4))),
  });
  // Announced in each answer's `Keep-Alive: timeout=` (whole seconds); an idle connection's next
  // request gets the headers timeout again, counted from its first byte, not from the last answer.
  httpServer.keepAliveTimeout = options.keepAliveTimeoutMs ?? DEFAULT_KEEP_ALIVE_TIMEOUT_MS;
  const fieldSuggestions = options.fieldSuggestions ?? nodeEnv !== 'production';
  const examplesDir = join(projectRoot(), 'examples', 'queries');
  const documents = await createDocumentTrust({
    ...options.trustedDocuments,
    mode: options.trustedDocuments?.mode ?? 'off',
    redis: options.redis && { observer: observability.cacheObserver, ...options.redis },
    apqTtlSeconds: options.apqTtlSeconds,
    // GraphiQL's documents are part of the product: its tabs and the schema query it opens with.
    builtIn: [...graphiqlTabs({ tabs: options.graphiqlTabs, examplesDir }).map((tab) => tab.query), ...graphiqlIntrospectionQueries()],
    logger: logger.child({ component: 'trusted-documents' }),
  });
  closers.push(() => documents.close());
  const pipelineSettings: PipelineSettings = {
    schemaDir,
    nodeEnv,
    introspection: options.introspection ?? nodeEnv !== 'production',
    fieldSuggestions,
    limits,
    exposeCost: options.exposeCost ?? options.exposeUpstreamCalls ?? nodeEnv !== 'production',
    exposeUpstreamCalls: options.exposeUpstreamCalls ?? nodeEnv !== 'production',
  };
  const pipeline = pipelineServerOptions<RequestContext>({
    settings: pipelineSettings,
    costModel,
    // Apollo's formatError knows no request: this line is the process's; the logging plugin writes the
    // request's own (`requestId` bound) for the same error (codes INTERNAL_SERVER_ERROR, UPSTREAM_UNAVAILABLE).
    onMaskedError: (error) => logger.error({ err: error }, 'masked error'),
    plugins: [
      // After queryLimitsPlugin: it charges the estimate that plugin puts on the request budget.
      ...(rateLimiter ? [rateLimitsPlugin({ limiter: rateLimiter, countMessages: createMessageCounter(schema), maxCharge: limits.execution.maxUpstreamCalls, costCeilings: limits.cost })] : []),
      loggingPlugin({ logger }),
      // The read plan (page sizes, whole collections, waves) the loaders follow; `extensions.plan` where call counts are shown.
      requestPlanPlugin({ planner: createPlanner(schema, graphPlannerOptions(schema)), expose: pipelineSettings.exposeUpstreamCalls }),
      // `extensions.stale`: the fields answered with an expired KPI because upstream failed.
      staleDataPlugin(),
      metricsPlugin({ metrics: observability.metrics }),
      ...(observability.tracing ? [tracingPlugin({ tracing: observability.tracing })] : []),
      introspectionPolicyPlugin(),
      // The same account as the policy decisions' ARNs (unknown, so `*`, against real AWS unless configured).
      ...(options.audit ?? true ? [auditPlugin({ logger: auditLogger(logger), schema, region, account: options.accountId ?? (upstream === 'emulator' ? EMULATOR_ACCOUNT_ID : undefined) })] : []),
    ],
  });
  // Apollo's cache of validated documents, which admission also fills (admission/documentStore.ts).
  const documentStore = createAdmittedDocumentStore({ parseOptions: { maxTokens: limits.structural.maxTokens } });
  const apollo = new ApolloServer<RequestContext>({
    schema,
    ...pipeline,
    documentStore,
    // Automatic persisted queries: in Redis when the gateway has one; the registry in `required` mode.
    persistedQueries: documents.persistedQueries,
  });
  await apollo.start();
  let admission: DocumentAdmission | undefined;
  /** Admission checks in flight, by document text (at most the admission queue's length). */
  const checksInFlight = new Map<string, Promise<AdmissionOutcome>>();
  if ((options.admissionWorkers ?? 0) > 0) {
    const started = createDocumentAdmission({
      settings: pipelineSettings,
      workers: options.admissionWorkers!,
      onFault: ({ reason, error }) => logger.error({ err: error, reason }, 'document admission fault'),
    });
    closers.push(() => started.close());
    await started.ready();
    admission = started;
  }

  const graphiqlEnabled = options.graphiql ?? nodeEnv !== 'production';
  const graphiql = createGraphiqlHandler({ endpointPath: '/graphql', tabs: options.graphiqlTabs, examplesDir });
  const contextDeps = { clients, kpiCache, region, loaderMode: options.loaderMode, executionLimits: limits.execution, observer: observability.upstreamObserver };
  const readinessTimeoutMs = options.readinessTimeoutMs ?? 2_000;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const compress = createResponseCompression();
  const resolveCaller = createCallerResolver({ ...options.auth, nodeEnv, logger: logger.child({ component: 'auth' }) });

  // Graceful shutdown (close()): every request is tracked from its first byte to its last.
  const drain = new HttpDrain(httpServer);
  httpServer.on('request', (req: IncomingMessage, res: ServerResponse) => {
    drain.track(res);
    const request = identifyRequest(req, res);
    void route(req, res).catch((error: unknown) => {
      request.logger.error({ err: error }, 'request handling failed');
      if (!res.headersSent) sendJson(res, 500, { errors: [{ message: 'Internal server error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      else res.destroy();
    });
  });
  // Requests node:http's parser refuses get the typed JSON refusal too, not Node's bare 400.
  httpServer.on('clientError', answerClientError);
  // A client that asks before sending its body (`Expect: 100-continue`, as curl does for large
  // ones) hears of the limit before sending a byte; without this listener Node says 100 Continue to all.
  httpServer.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => {
    identifyRequest(req, res);
    const declared = declaredBodyLength(req);
    if (declared !== undefined && declared > maxBodyBytes) return sendRefusal(res, payloadTooLarge(maxBodyBytes, declared));
    res.writeContinue();
    httpServer.emit('request', req, res);
  });

  /** Module-private: each response's request (ID and logger), set once by {@link identifyRequest}. */
  const identified = new WeakMap<ServerResponse, CurrentRequest>();

  /**
   * Module-private: names a request: its ID (the client's well-formed `x-request-id`, else a new
   * one) on its answer, whatever answers it, and a logger with the ID bound; counts its answer in
   * the HTTP metric when the response closes (499 when the client left first). Once per response.
   */
  function identifyRequest(req: IncomingMessage, res: ServerResponse): CurrentRequest {
    const known = identified.get(res);
    if (known) return known;
    const requestId = acceptRequestId(req.headers[REQUEST_ID_HEADER]);
    res.setHeader(REQUEST_ID_HEADER, requestId);
    const request: CurrentRequest = { requestId, logger: logger.child({ requestId }) };
    identified.set(res, request);
    const routeName = routeLabel(req.url, graphiqlEnabled);
    res.once('close', () => observability.metrics.httpResponse(routeName, res.writableFinished ? res.statusCode : CLIENT_CLOSED_REQUEST));
    return request;
  }

  /** Module-private: the logger of the request `res` answers (`requestId` bound). */
  function requestLogger(res: ServerResponse): Logger {
    return identified.get(res)?.logger ?? logger;
  }

  /** Module-private: the gateway's routes. */
  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://gateway.invalid');
    const method = req.method ?? 'GET';
    await runMiddleware(compress, req, res);
    if (url.pathname === '/graphql') {
      // CORS only where browsers on other origins have business; it answers preflights itself.
      await runMiddleware(browserAccess, req, res);
      if (res.writableEnded) return;
      return handleGraphQL(req, res, url, method);
    }
    if (url.pathname === '/healthz') return sendJson(res, 200, { status: 'alive' });
    if (options.emulatorView && url.pathname.startsWith(EMULATOR_VIEW_PREFIX)) return serveEmulatorView(options.emulatorView, req, res, url);
    if (url.pathname === '/metrics' && metricsExposed.where === 'main-port') return serveMetrics(req, res, observability.metrics, metricsExposed.token);
    if (url.pathname === '/readyz') {
      if (drain.draining) return sendJson(res, 503, drainingReport(drain.describe()));
      const report = await checkReadiness(readinessChecks, readinessTimeoutMs);
      return sendJson(res, report.status === 'ready' ? 200 : 503, report);
    }
    // GraphiQL's page is for callers who may introspect (graphql:Introspect); its assets are public files.
    if (graphiqlEnabled && (url.pathname === '/' || url.pathname === '/graphiql')) {
      const resolved = await resolveCaller(req.headers);
      if (!resolved.ok) return sendRefusal(res, resolved.refusal);
      const decision = introspectionDecision(resolved.caller, region);
      if (decision.decision !== 'allow') return sendRefusal(res, { status: 403, code: ErrorCode.Forbidden, message: introspectionForbidden(decision).message });
    }
    if (graphiqlEnabled && graphiql(method, url.pathname, res)) return;
    sendJson(res, 404, { error: `No route for ${method} ${url.pathname}; GraphQL is served at /graphql, ${graphiqlEnabled ? 'GraphiQL at /' : 'GraphiQL is off'}.` });
  }

  /**
   * Module-private: the node adapter around Apollo's `executeHTTPGraphQLRequest`. The body is
   * read under the byte limit (server/http/readBody.ts), every refusal is typed JSON, and the
   * request carries a signal that aborts when its client goes away.
   */
  async function handleGraphQL(req: IncomingMessage, res: ServerResponse, url: URL, method: string): Promise<void> {
    // The request's deadline counts from here: the body read and the wait for its admission check are in it.
    const arrivedAt = performance.now();
    // Credentials first: a refused caller costs no body read and no GraphQL work. A body left
    // unread is drained by node:http when it is declared within the limit, else the socket closes.
    const resolved = await resolveCaller(req.headers);
    const unreadBodyCloses = method === 'POST' && !((declaredBodyLength(req) ?? Infinity) <= maxBodyBytes);
    if (!resolved.ok) return sendRefusal(res, { ...resolved.refusal, close: unreadBodyCloses });
    // The client's own, shorter deadline (http/requestDeadline.ts); a malformed one is refused before any work.
    const clientDeadline = readRequestDeadline(req.headers, limits.execution.deadlineMs);
    if (clientDeadline.kind === 'refused') return sendRefusal(res, { ...clientDeadline.refusal, close: unreadBodyCloses });
    const deadlineMs = clientDeadline.kind === 'deadline' ? clientDeadline.deadlineMs : limits.execution.deadlineMs;
    const deadlineAt = arrivedAt + deadlineMs;
    const caller = resolved.caller;
    options.onCaller?.(caller);
    const signal = watchClientGone(req, res);
    const headerPairs: [string, string][] = [];
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headerPairs.push([name, Array.isArray(value) ? value.join(', ') : value]);
    }
    const readsTags = caller.policies.some((policy) => policy.readsResourceTags);
    let body: unknown;
    // Set once a worker has checked this request (admission/): it is not checked again.
    let checked = false;
    if (method === 'POST') {
      const read = await readGraphQLBodyBytes(req, maxBodyBytes);
      if (read.kind === 'aborted') return;
      if (read.kind === 'refused') return sendRefusal(res, read.refusal);
      let bodyBytes: Uint8Array = read.bytes;
      if (admission && read.bytes.length > admission.inlineBodyBytes) {
        // A large body is decoded, parsed and checked off the event loop; only one that passes is parsed here.
        const outcome = await withinDeadline(admission.check({ method, headers: headerPairs, search: url.search, bodyBytes: read.bytes, readsTags }), deadlineAt);
        if (signal.aborted) return;
        if (outcome === 'deadline') return deadlinePassedInAdmission(res, deadlineMs);
        if (outcome.kind !== 'pass') return answerAdmission(res, outcome);
        checked = true;
        // The bytes were moved to the worker; a passing check brings them back.
        bodyBytes = outcome.bodyBytes ?? bodyBytes;
      }
      const parsed = parseGraphQLBody(bodyBytes);
      if (parsed.kind === 'refused') return sendRefusal(res, parsed.refusal);
      body = parsed.body;
    } else {
      // Apollo reads no body outside POST; a declared oversized one is refused rather than drained.
      const declared = declaredBodyLength(req);
      if (declared !== undefined && declared > maxBodyBytes) return sendRefusal(res, payloadTooLarge(maxBodyBytes, declared));
      req.resume();
    }
    // The client left while its body arrived: nothing to run it for.
    if (signal.aborted) return;
    const tooLarge = documentRefusal(method === 'POST' ? body : undefined, url.search, limits.structural.maxDocumentBytes);
    if (tooLarge) return sendRefusal(res, tooLarge);
    // TRUSTED_DOCUMENTS=required: an unregistered document is refused before Apollo parses it.
    const untrusted = await documents.check({ method, body, url });
    if (untrusted) return sendRefusal(res, untrusted);
    // A document this process has not validated yet is checked on a worker first (admission/), then
    // parsed here and stored, so Apollo does not validate it on the event loop again.
    const document = documentText(method === 'POST' ? body : undefined, url.search);
    if (admission && document !== undefined && !documentStore.has(document)) {
      // A burst of one new document (a page everyone opens after a deploy) waits for the first
      // request's check instead of queueing one check each: once it passes, the document is stored.
      const running = checksInFlight.get(document);
      if (!checked && running && (await withinDeadline(running, deadlineAt)) === 'deadline') return deadlinePassedInAdmission(res, deadlineMs);
      if (!checked && !documentStore.has(document)) {
        // The flight ends once a passing document is stored, so those waiting for it find it there;
        // it goes on if this request's deadline passes first.
        const flight = admission.check({ method, headers: headerPairs, search: url.search, body, readsTags }).then((outcome) => {
          if (outcome.kind === 'pass' && !documentStore.has(document)) documentStore.admit(document);
          return outcome;
        });
        checksInFlight.set(document, flight);
        void flight.then(() => {
          if (checksInFlight.get(document) === flight) checksInFlight.delete(document);
        });
        const outcome = await withinDeadline(flight, deadlineAt);
        if (signal.aborted) return;
        if (outcome === 'deadline') return deadlinePassedInAdmission(res, deadlineMs);
        if (outcome.kind !== 'pass') return answerAdmission(res, outcome);
      }
      if (signal.aborted) return;
      if (!documentStore.has(document)) documentStore.admit(document);
    }
    const headers = new HeaderMap(headerPairs);
    const httpGraphQLRequest: HTTPGraphQLRequest = { method: method.toUpperCase(), headers, search: url.search, body };
    const deadline = new DeadlineGuard();
    const execution = apollo.executeHTTPGraphQLRequest({ httpGraphQLRequest, context: async () => {
        const context = deadline.watch(createContext(contextDeps, { signal, caller, clientAddress: clientAddress(req, trustProxyHops), deadlineMs, startedAt: arrivedAt, ...identified.get(res) }));
        // Stopped through its budget if still running when a shutdown's grace ends.
        drain.attach(res, context.budget);
        return context;
      },
    });
    const response = await deadline.race(execution);
    if (response === 'deadline') {
      return sendRefusal(res, { status: 504, code: ErrorCode.DeadlineExceeded, message: `The request's deadline of ${deadlineMs} ms passed before its answer was complete.` });
    }
    if (response.body.kind === 'complete') return writeAnswer(res, { status: response.status ?? 200, headers: response.headers, body: response.body.string });
    for (const [name, value] of response.headers) res.setHeader(name, value);
    res.statusCode = response.status ?? 200;
    for await (const chunk of response.body.asyncIterator) {
      res.write(chunk);
      // Each part of an incremental answer must reach the client now, not when the compressor's buffer fills.
      (res as ServerResponse & { flush?: () => void }).flush?.();
    }
    res.end();
  }

  /** Module-private: sends what admission decided for a request it refused. */
  /** Module-private: the request's deadline passed while it waited for its document's admission check. */
  function deadlinePassedInAdmission(res: ServerResponse, deadlineMs: number): void {
    requestLogger(res).info({ admission: 'deadline', status: 504, errorCodes: [ErrorCode.DeadlineExceeded] }, 'graphql request refused before execution');
    sendRefusal(res, { status: 504, code: ErrorCode.DeadlineExceeded, message: `The request's deadline of ${deadlineMs} ms passed while its document waited to be checked.`, extensions: { deadlineMs } });
  }

  function answerAdmission(res: ServerResponse, outcome: Exclude<AdmissionOutcome, { kind: 'pass' }>): void {
    if (outcome.kind === 'refuse') {
      requestLogger(res).info({ admission: 'refused', status: outcome.refusal.status, errorCodes: [outcome.refusal.code] }, 'graphql request refused before execution');
      return sendRefusal(res, outcome.refusal);
    }
    requestLogger(res).info({ admission: 'refused', status: outcome.answer.status }, 'graphql request refused before execution');
    writeAnswer(res, outcome.answer);
  }

  // Before the main listener: a metrics port that cannot be bound fails the start with nothing listening.
  let metricsListener: MetricsListener | undefined;
  if (metricsExposed.where === 'own-port') {
    const listener = await startMetricsListener({
      port: metricsExposed.port,
      host: metricsExposed.host ?? options.host ?? '127.0.0.1',
      metrics: observability.metrics,
      token: metricsExposed.token,
      onError: (error) => logger.error({ err: error }, 'metrics listener failed'),
    });
    closers.push(() => listener.close());
    metricsListener = listener;
  } else if (metricsExposed.where === 'off') {
    logger.warn({}, metricsExposed.reason);
  }
  // `localhost`: every loopback address, each one feeding this server, so a drain stops them all (http/listen.ts).
  const listening = await listenOnHost(httpServer, { port: options.port ?? 0, host: options.host ?? '127.0.0.1' });
  for (const listener of listening.extra) drain.feedFrom(listener);
  const { port } = listening;
  const host = options.host ?? '127.0.0.1';
  const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  const metricsUrl = metricsListener ? `${metricsListener.url}/metrics` : metricsExposed.where === 'main-port' ? `http://${shownHost}:${port}/metrics` : undefined;
  let closing: Promise<DrainReport> | undefined;
  const shutdown: GatewayServer['shutdown'] = (shutdownOptions) => {
    closing ??= (async () => {
      const graceMs = shutdownOptions?.graceMs ?? options.shutdownGraceMs ?? DEFAULT_SHUTDOWN_GRACE_MS;
      const drained = await drain.drain(graceMs, () => shutdownStop(graceMs));
      // Nothing is in flight any more: Apollo stops at once.
      await apollo.stop();
      for (const close of closers.reverse()) await close();
      return drained;
    })();
    return closing;
  };
  return {
    url: `http://${shownHost}:${port}`,
    port,
    processCalls,
    metricsUrl,
    shutdown,
    async close() {
      await shutdown();
    },
  };
}

/** Module-private: writes a complete GraphQL answer (the gateway's own or an admission worker's); typed JSON whatever Apollo's media type. */
function writeAnswer(res: ServerResponse, answer: { readonly status: number; readonly headers: Iterable<readonly [string, string]> & { get?(name: string): string | undefined }; readonly body: string }): void {
  let contentType: string | undefined;
  for (const [name, value] of answer.headers) {
    res.setHeader(name, value);
    if (name.toLowerCase() === 'content-type') contentType = value;
  }
  res.statusCode = isOversizeReplacement(answer.body) ? 400 : answer.status;
  const typed = typedErrorResponse({ status: res.statusCode, contentType, body: answer.body });
  if (typed !== undefined) res.setHeader('content-type', 'application/json; charset=utf-8');
  res.end(typed ?? answer.body);
}

/** Module-private: the default of {@link GatewayServerOptions.shutdownGraceMs}, as `SHUTDOWN_GRACE_MS` defaults in config.ts. */
const DEFAULT_SHUTDOWN_GRACE_MS = 10_000;

/** Module-private: why a request still running at the end of a shutdown's grace was stopped (its fields say so). */
function shutdownStop(graceMs: number): GraphQLError {
  return new GraphQLError(`The gateway is shutting down and its grace of ${graceMs} ms ended before this field was resolved.`, { extensions: { code: ErrorCode.DeadlineExceeded, reason: 'SHUTTING_DOWN' } });
}

/** Module-private: the HTTP metric's status of a request whose client left before its answer was complete (nginx's convention). */
const CLIENT_CLOSED_REQUEST = 499;

/** Module-private: the HTTP metric's `route` label of a request URL: one of a fixed few, whatever the path. */
function routeLabel(rawUrl: string | undefined, graphiqlEnabled: boolean): string {
  const path = (rawUrl ?? '/').split('?')[0];
  if (path === '/graphql' || path === '/healthz' || path === '/readyz' || path === '/metrics') return path;
  if (graphiqlEnabled && (path === '/' || path === '/graphiql' || path.startsWith(GRAPHIQL_ASSET_PREFIX))) return 'graphiql';
  return 'other';
}

/** Module-private: the default of {@link GatewayServerOptions.headersTimeoutMs}. */
const DEFAULT_HEADERS_TIMEOUT_MS = 10_000;

/** Module-private: the default of {@link GatewayServerOptions.keepAliveTimeoutMs} (Node's own). */
const DEFAULT_KEEP_ALIVE_TIMEOUT_MS = 5_000;

/** Module-private: the account the emulator seeds (its ARNs name it). */
const EMULATOR_ACCOUNT_ID = '123456789012';

/**
 * Module-private: how long past its deadline a request may take to send the fields that did arrive.
 * The answer must leave within 100 ms of the deadline: aborted calls settle within a few ms, so 50 ms
 * leaves the rest for serializing and writing the answer.
 */
const DEADLINE_GRACE_MS = 50;

/**
 * Module-private: bounds an execution by its request's deadline. At the deadline the request
 * budget aborts every in-flight upstream call and fails every later field, so Apollo normally
 * answers at once with the fields that did arrive (KPI cache waits end with the budget's signal
 * too); this bound is for what no signal reaches: {@link DEADLINE_GRACE_MS} after the budget stops, the
 * request is answered 504 whatever it waits on, and the abandoned execution ends on its own.
 */
class DeadlineGuard {
  readonly #stopped: Promise<'deadline'>;
  #onStop: () => void = () => undefined;
  #timer: NodeJS.Timeout | undefined;

  constructor() {
    this.#stopped = new Promise((resolve) => {
      this.#onStop = () => {
        this.#timer = setTimeout(() => resolve('deadline'), DEADLINE_GRACE_MS);
        this.#timer.unref();
      };
    });
  }

  /** Watches the context's budget (called by Apollo's context factory, once per request). */
  watch<C extends RequestContext>(context: C): C {
    context.budget.onStop(this.#onStop);
    return context;
  }

  /** The execution's result, or `'deadline'`. */
  async race<T>(execution: Promise<T>): Promise<T | 'deadline'> {
    try {
      return await Promise.race([execution, this.#stopped]);
    } finally {
      if (this.#timer) clearTimeout(this.#timer);
    }
  }
}

/** Module-private: the folder holding `schema/base.graphql` (src/server in dev, dist/src/server when built). */
function projectRoot(): string {
  let dir = __dirname;
  for (;;) {
    if (existsSync(join(dir, 'schema', 'base.graphql'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`Cannot find schema/base.graphql above ${__dirname}; pass schemaDir.`);
    dir = parent;
  }
}

/** Module-private. */
function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
