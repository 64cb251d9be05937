import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { ApolloServer, HeaderMap, type HTTPGraphQLRequest } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { loadFilesSync } from '@graphql-tools/load-files';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { pino, type Logger } from 'pino';
import { deriveFieldIamTable, type Caller } from '../auth';
import type { Cache, FlightLock } from '../cache/cache';
import { createKpiCache, type KpiCache } from '../cache/kpiCache';
import { createMemoryCache } from '../cache/memoryCache';
import { createRedisCache } from '../cache/redisCache';
import { ErrorCode } from '../graph/errors';
import { resolvers } from '../graph';
import { CallCounter, createPinpointClient, createSmsVoiceClient, type LoaderMode, type UpstreamClients } from '../upstream';
import { createCallerResolver, type CallerResolverOptions } from './auth/resolveCaller';
import { createContext, type RequestContext } from './context';
import { createFormatError } from './errors';
import { createGraphiqlHandler, graphiqlTabs, type GraphiqlTab } from './graphiql';
import { checkReadiness, upstreamReadinessChecks, type ReadinessCheck } from './health';
import { createBrowserAccess, type BrowserAccessOptions } from './http/browserAccess';
import { clientAddress } from './http/clientAddress';
import { clientGoneSignal } from './http/clientGone';
import { createResponseCompression } from './http/compression';
import { runMiddleware } from './http/middleware';
import { declaredBodyLength, payloadTooLarge, readGraphQLBody } from './http/readBody';
import { answerClientError, sendRefusal, typedErrorResponse } from './http/refusal';
import { createCostModel, DEFAULT_LIMITS, structuralLimitRules, type GatewayLimits } from './limits';
import { graphCostModelOptions } from './limits/graphCostOptions';
import { createMessageCounter } from './limits/messageCount';
import { createRateLimiter, type RateLimitBudgets, type RateLimiter } from './limits/rateLimiter';
import { boundedStringify, isOversizeReplacement } from './limits/responseSize';
import { auditLogger, auditPlugin } from './plugins/audit';
import { loggingPlugin } from './plugins/logging';
import { queryLimitsPlugin } from './plugins/queryLimits';
import { rateLimitsPlugin } from './plugins/rateLimits';
import { upstreamCallsPlugin } from './plugins/upstreamCalls';
import { introspectionDecision, introspectionForbidden, introspectionPolicyPlugin } from './plugins/introspectionPolicy';
import { applyFieldPolicies, tagReadsPerObject } from './authorization/fieldPolicies';
import { createDocumentTrust, graphiqlIntrospectionQueries, type TrustedDocumentStore, type TrustedDocumentsMode } from './trustedDocuments';

/** Options of {@link createGatewayServer}; every field has a default fit for tests. */
export interface GatewayServerOptions {
  /** TCP port (default 0: any free port). */
  readonly port?: number;
  /** Interface (default 127.0.0.1). */
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
  /** SDK attempts per command (default 3). */
  readonly upstreamMaxAttempts?: number;
  /** Bound on one upstream HTTP request (default 10 000 ms). */
  readonly upstreamTimeoutMs?: number;
  /** A ready KPI cache (the caller owns it); wins over `cache` and `redis`. */
  readonly kpiCache?: KpiCache;
  /** The store under the KPI cache (the caller owns it); default: Redis when `redis` is set, else memory. */
  readonly cache?: Cache & Partial<FlightLock>;
  /** Redis for the KPI cache (unless `kpiCache` or `cache` is given), automatic persisted queries and the trusted-document registry; the server opens and closes its own connections. */
  readonly redis?: { readonly url: string; readonly keyPrefix: string; readonly commandTimeoutMs?: number };
  /** KPI lifetimes and lock lifetime (defaults: 86 400 s past, 60 s current, 10 000 ms lock). */
  readonly kpi?: { readonly ttlPastSeconds?: number; readonly ttlCurrentSeconds?: number; readonly lockTtlMs?: number };
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
  /** `extensions.cost` (the operation's estimate and ceilings) in responses (default: on outside production). */
  readonly exposeCost?: boolean;
  /** Logger (default: silent). */
  readonly logger?: Logger;
  /** Folder of the SDL (default: the project's `schema/`). */
  readonly schemaDir?: string;
  /** GraphiQL's preloaded tabs (default: the project's `examples/queries/*.graphql`). */
  readonly graphiqlTabs?: readonly GraphiqlTab[];
  /** Counts every upstream command of this server (metrics); one is created when omitted. */
  readonly processCalls?: CallCounter;
  /** Bound on each `/readyz` probe (default 2 000 ms). */
  readonly readinessTimeoutMs?: number;
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
  readonly rateLimits?: RateLimitBudgets & { readonly redis?: { readonly url: string; readonly keyPrefix: string; readonly commandTimeoutMs?: number } };
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
}

/** A running gateway. */
export interface GatewayServer {
  /** `http://host:port` (GraphQL at `/graphql`, GraphiQL at `/`). */
  readonly url: string;
  readonly port: number;
  /** Every upstream command this server sent (all requests). */
  readonly processCalls: CallCounter;
  /** Stops accepting, drains requests, then closes what the server created (clients, Redis). */
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
  const logger = options.logger ?? pino({ level: 'silent' });
  const processCalls = options.processCalls ?? new CallCounter();
  const closers: (() => Promise<void> | void)[] = [];

  if (!options.clients && upstream === 'emulator' && !options.endpoints) {
    throw new Error('createGatewayServer: with upstream "emulator", pass `endpoints` (the emulator URL for both services) or prebuilt `clients`; got neither.');
  }
  const clientOptions = { upstream, region, endpoints: options.endpoints, maxAttempts: options.upstreamMaxAttempts, requestTimeoutMs: options.upstreamTimeoutMs };
  const clients: UpstreamClients = options.clients ?? { pinpoint: createPinpointClient(clientOptions, processCalls), smsVoice: createSmsVoiceClient(clientOptions, processCalls) };
  if (!options.clients) closers.push(() => clients.pinpoint.destroy(), () => clients.smsVoice.destroy());

  let store: (Cache & Partial<FlightLock>) | undefined = options.cache;
  if (!options.kpiCache && !store) {
    if (options.redis) {
      const redis = createRedisCache({ ...options.redis, logger: logger.child({ component: 'kpi-cache' }) });
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
      logger: logger.child({ component: 'kpi-cache' }),
    });

  const readinessChecks: ReadinessCheck[] = [
    ...upstreamReadinessChecks({ upstream, region, endpoints: options.endpoints }),
    ...(store ? [{ name: 'cache', check: async () => (await store.ping(), lock ? 'redis answers PING' : 'in-memory cache') }] : []),
  ];

  const schemaDir = options.schemaDir ?? join(projectRoot(), 'schema');
  const schema = makeExecutableSchema({
    typeDefs: loadFilesSync(join(schemaDir, '**/*.graphql')),
    resolvers: resolvers as Parameters<typeof makeExecutableSchema>[0]['resolvers'],
    resolverValidationOptions: { requireResolversToMatchSchema: 'error' },
  });
  // Every field that reaches upstream decides the caller's policies before its resolver runs.
  const fieldIamTable = deriveFieldIamTable(schema);
  applyFieldPolicies(schema, { table: fieldIamTable, accountId: options.accountId ?? (upstream === 'emulator' ? EMULATOR_ACCOUNT_ID : undefined) });

  const limits: GatewayLimits = { ...DEFAULT_LIMITS, ...options.limits };
  // Decisions that read tags cost them too (counted for callers whose policies read aws:ResourceTag).
  const costModel = createCostModel(schema, { ...graphCostModelOptions(schema), tagReads: tagReadsPerObject(fieldIamTable) });
  let rateLimiter: RateLimiter | undefined;
  if (options.rateLimits) {
    const { redis: limiterRedis = options.redis, ...budgets } = options.rateLimits;
    const limiter = createRateLimiter({ ...budgets, redis: limiterRedis, logger: logger.child({ component: 'rate-limits' }) });
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
  const fieldSuggestions = options.fieldSuggestions ?? nodeEnv !== 'production';
  const examplesDir = join(projectRoot(), 'examples', 'queries');
  const documents = await createDocumentTrust({
    ...options.trustedDocuments,
    mode: options.trustedDocuments?.mode ?? 'off',
    redis: options.redis,
    apqTtlSeconds: options.apqTtlSeconds,
    // GraphiQL's documents are part of the product: its tabs and the schema query it opens with.
    builtIn: [...graphiqlTabs({ tabs: options.graphiqlTabs, examplesDir }).map((tab) => tab.query), ...graphiqlIntrospectionQueries()],
    logger: logger.child({ component: 'trusted-documents' }),
  });
  closers.push(() => documents.close());
  const apollo = new ApolloServer<RequestContext>({
    schema,
    nodeEnv,
    introspection: options.introspection ?? nodeEnv !== 'production',
    hideSchemaDetailsFromClientErrors: !fieldSuggestions,
    // Explicit, though it is Apollo's default: a browser may send a "simple" request (GET, or a POST
    // of text/plain or a form) cross-site without a preflight, so CORS never gets to refuse it;
    // Apollo refuses those unless they carry a header only a preflighted request can.
    csrfPrevention: true,
    includeStacktraceInErrorResponses: nodeEnv === 'development',
    formatError: createFormatError({ nodeEnv, hideSuggestions: !fieldSuggestions, onMaskedError: (error) => logger.error({ err: error }, 'masked error') }),
    stopOnTerminationSignals: false,
    // graphql-js's parser stops at the token limit instead of building a huge document first.
    parseOptions: { maxTokens: limits.structural.maxTokens },
    validationRules: structuralLimitRules(limits.structural),
    // Compact JSON: Apollo's default indents every response (2 spaces), more bytes to write and
    // ~0.1 ms more CPU on a dashboard-sized answer, for no reader (GraphiQL formats on its own).
    stringifyResult: boundedStringify(limits.execution.maxResponseBytes),
    // Automatic persisted queries: in Redis when the gateway has one; the registry in `required` mode.
    persistedQueries: documents.persistedQueries,
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      // The schema declares no @cacheControl hints and no HTTP cache sits in front of /graphql;
      // Apollo's default cache-control plugin would still wrap every resolver to compute them.
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      upstreamCallsPlugin({ enabled: options.exposeUpstreamCalls ?? nodeEnv !== 'production' }),
      queryLimitsPlugin({ costModel, ceilings: limits.cost, exposeCost: options.exposeCost ?? options.exposeUpstreamCalls ?? nodeEnv !== 'production' }),
      // After queryLimitsPlugin: it charges the estimate that plugin puts on the request budget.
      ...(rateLimiter ? [rateLimitsPlugin({ limiter: rateLimiter, countMessages: createMessageCounter(schema), maxCharge: limits.execution.maxUpstreamCalls, costCeilings: limits.cost })] : []),
      loggingPlugin({ logger }),
      introspectionPolicyPlugin(),
      // The same account as the policy decisions' ARNs (unknown, so `*`, against real AWS unless configured).
      ...(options.audit ?? true ? [auditPlugin({ logger: auditLogger(logger), schema, region, account: options.accountId ?? (upstream === 'emulator' ? EMULATOR_ACCOUNT_ID : undefined) })] : []),
    ],
  });
  await apollo.start();

  const graphiqlEnabled = options.graphiql ?? nodeEnv !== 'production';
  const graphiql = createGraphiqlHandler({ endpointPath: '/graphql', tabs: options.graphiqlTabs, examplesDir });
  const contextDeps = { clients, kpiCache, region, loaderMode: options.loaderMode, executionLimits: limits.execution };
  const readinessTimeoutMs = options.readinessTimeoutMs ?? 2_000;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const compress = createResponseCompression();
  const resolveCaller = createCallerResolver({ ...options.auth, nodeEnv, logger: logger.child({ component: 'auth' }) });

  httpServer.on('request', (req: IncomingMessage, res: ServerResponse) => {
    void route(req, res).catch((error: unknown) => {
      logger.error({ err: error }, 'request handling failed');
      if (!res.headersSent) sendJson(res, 500, { errors: [{ message: 'Internal server error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      else res.destroy();
    });
  });
  // Requests node:http's parser refuses get the typed JSON refusal too, not Node's bare 400.
  httpServer.on('clientError', answerClientError);
  // A client that asks before sending its body (`Expect: 100-continue`, as curl does for large
  // ones) hears of the limit before sending a byte; without this listener Node says 100 Continue to all.
  httpServer.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => {
    const declared = declaredBodyLength(req);
    if (declared !== undefined && declared > maxBodyBytes) return sendRefusal(res, payloadTooLarge(maxBodyBytes, declared));
    res.writeContinue();
    httpServer.emit('request', req, res);
  });

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
    if (url.pathname === '/readyz') {
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
    // Credentials first: a refused caller costs no body read and no GraphQL work. A body left
    // unread is drained by node:http when it is declared within the limit, else the socket closes.
    const resolved = await resolveCaller(req.headers);
    if (!resolved.ok) return sendRefusal(res, { ...resolved.refusal, close: method === 'POST' && !((declaredBodyLength(req) ?? Infinity) <= maxBodyBytes) });
    const caller = resolved.caller;
    options.onCaller?.(caller);
    const signal = clientGoneSignal(req, res);
    let body: unknown;
    if (method === 'POST') {
      const read = await readGraphQLBody(req, maxBodyBytes);
      if (read.kind === 'aborted') return;
      if (read.kind === 'refused') return sendRefusal(res, read.refusal);
      body = read.body;
    } else {
      // Apollo reads no body outside POST; a declared oversized one is refused rather than drained.
      const declared = declaredBodyLength(req);
      if (declared !== undefined && declared > maxBodyBytes) return sendRefusal(res, payloadTooLarge(maxBodyBytes, declared));
      req.resume();
    }
    // The client left while its body arrived: nothing to run it for.
    if (signal.aborted) return;
    // A document over the byte limit is refused before the parser sees it (the validation rule
    // would refuse it too, after lexing up to the token limit): the cheapest refusal of a big attack.
    const documentBytes = documentByteLength(method === 'POST' ? body : undefined, url);
    if (documentBytes > limits.structural.maxDocumentBytes) {
      const max = limits.structural.maxDocumentBytes;
      return sendRefusal(res, { status: 400, code: ErrorCode.QueryLimitExceeded, message: `Document of ${documentBytes} bytes exceeds the limit of ${max} bytes.`, extensions: { limit: 'maxDocumentBytes', max } });
    }
    // TRUSTED_DOCUMENTS=required: an unregistered document is refused before Apollo parses it.
    const untrusted = await documents.check({ method, body, url });
    if (untrusted) return sendRefusal(res, untrusted);
    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    const httpGraphQLRequest: HTTPGraphQLRequest = { method: method.toUpperCase(), headers, search: url.search, body };
    const deadline = new DeadlineGuard();
    const execution = apollo.executeHTTPGraphQLRequest({ httpGraphQLRequest, context: async () => deadline.watch(createContext(contextDeps, { signal, caller, clientAddress: clientAddress(req, trustProxyHops) })) });
    const response = await deadline.race(execution);
    if (response === 'deadline') {
      return sendRefusal(res, { status: 504, code: ErrorCode.DeadlineExceeded, message: `The request's deadline of ${limits.execution.deadlineMs} ms passed before its answer was complete.` });
    }
    for (const [name, value] of response.headers) res.setHeader(name, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      if (isOversizeReplacement(response.body.string)) res.statusCode = 400;
      const typed = typedErrorResponse({ status: res.statusCode, contentType: response.headers.get('content-type'), body: response.body.string });
      if (typed !== undefined) res.setHeader('content-type', 'application/json; charset=utf-8');
      res.end(typed ?? response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) {
      res.write(chunk);
      // Each part of an incremental answer must reach the client now, not when the compressor's buffer fills.
      (res as ServerResponse & { flush?: () => void }).flush?.();
    }
    res.end();
  }

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      httpServer.off('error', reject);
      resolve();
    });
  });
  const { port } = httpServer.address() as AddressInfo;
  const host = options.host ?? '127.0.0.1';
  const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${shownHost}:${port}`,
    port,
    processCalls,
    close() {
      closing ??= (async () => {
        await apollo.stop();
        for (const close of closers.reverse()) await close();
      })();
      return closing;
    },
  };
}

/** Module-private: the UTF-8 length of the request's `query` (a POST body's, or the URL's for GET); 0 when it has none. */
function documentByteLength(body: unknown, url: URL): number {
  const fromBody = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as { query?: unknown }).query : undefined;
  const query = fromBody ?? url.searchParams.get('query');
  return typeof query === 'string' ? Buffer.byteLength(query, 'utf8') : 0;
}

/** Module-private: the default of {@link GatewayServerOptions.headersTimeoutMs}. */
const DEFAULT_HEADERS_TIMEOUT_MS = 10_000;

/** Module-private: the account the emulator seeds (its ARNs name it). */
const EMULATOR_ACCOUNT_ID = '123456789012';

/** Module-private: how long past its deadline a request may take to send the fields that did arrive. */
const DEADLINE_GRACE_MS = 250;

/**
 * Module-private: bounds an execution by its request's deadline. At the deadline the request
 * budget aborts every in-flight upstream call and fails every later field, so Apollo normally
 * answers at once with the fields that did arrive; this bound is for what no signal reaches (a
 * wait on another process's KPI lock): {@link DEADLINE_GRACE_MS} after the budget stops, the
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
    if (context.budget.signal.aborted) this.#onStop();
    else context.budget.signal.addEventListener('abort', this.#onStop, { once: true });
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
