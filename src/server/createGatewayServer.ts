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
import type { Cache, FlightLock } from '../cache/cache';
import { createKpiCache, type KpiCache } from '../cache/kpiCache';
import { createMemoryCache } from '../cache/memoryCache';
import { createRedisCache } from '../cache/redisCache';
import type { GraphQLContext } from '../graph/context';
import { resolvers } from '../graph';
import { CallCounter, createPinpointClient, createSmsVoiceClient, type LoaderMode, type UpstreamClients } from '../upstream';
import { createContext } from './context';
import { createFormatError } from './errors';
import { createGraphiqlHandler, type GraphiqlTab } from './graphiql';
import { checkReadiness, upstreamReadinessChecks, type ReadinessCheck } from './health';
import { loggingPlugin } from './plugins/logging';
import { upstreamCallsPlugin } from './plugins/upstreamCalls';

/** Options of {@link createGatewayServer}; every field has a default fit for tests. */
export interface GatewayServerOptions {
  /** TCP port (default 0: any free port). */
  readonly port?: number;
  /** Interface (default 127.0.0.1). */
  readonly host?: string;
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
  /** Redis for the KPI cache (created and closed by the server). */
  readonly redis?: { readonly url: string; readonly keyPrefix: string; readonly commandTimeoutMs?: number };
  /** KPI lifetimes and lock lifetime (defaults: 86 400 s past, 60 s current, 10 000 ms lock). */
  readonly kpi?: { readonly ttlPastSeconds?: number; readonly ttlCurrentSeconds?: number; readonly lockTtlMs?: number };
  /** Error detail policy: internals are shown only in `development` (default `test`). */
  readonly nodeEnv?: 'development' | 'test' | 'production';
  /** `extensions.upstreamCalls` in responses (default: on outside production). */
  readonly exposeUpstreamCalls?: boolean;
  /** `naive`: the benchmark's baseline (loaders without batching or caching, KPI cache bypassed); default `batched`. */
  readonly loaderMode?: LoaderMode;
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

/** Module-private: the largest request body accepted. */
const MAX_BODY_BYTES = 1024 * 1024;

/** Starts the gateway: node:http + Apollo Server over the schema in `schema/**\/*.graphql`. */
export async function createGatewayServer(options: GatewayServerOptions = {}): Promise<GatewayServer> {
  const region = options.region ?? 'us-east-1';
  const upstream = options.upstream ?? 'emulator';
  const nodeEnv = options.nodeEnv ?? 'test';
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

  const httpServer = createServer();
  const apollo = new ApolloServer<GraphQLContext>({
    schema,
    nodeEnv,
    introspection: true,
    includeStacktraceInErrorResponses: nodeEnv === 'development',
    formatError: createFormatError({ nodeEnv, onMaskedError: (error) => logger.error({ err: error }, 'masked error') }),
    stopOnTerminationSignals: false,
    // Compact JSON: Apollo's default indents every response (2 spaces), more bytes to write and
    // ~0.1 ms more CPU on a dashboard-sized answer, for no reader (GraphiQL formats on its own).
    stringifyResult: (result) => JSON.stringify(result),
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      // The schema declares no @cacheControl hints and no HTTP cache sits in front of /graphql;
      // Apollo's default cache-control plugin would still wrap every resolver to compute them.
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      upstreamCallsPlugin({ enabled: options.exposeUpstreamCalls ?? nodeEnv !== 'production' }),
      loggingPlugin({ logger }),
    ],
  });
  await apollo.start();

  const graphiql = createGraphiqlHandler({ endpointPath: '/graphql', tabs: options.graphiqlTabs, examplesDir: join(projectRoot(), 'examples', 'queries') });
  const contextDeps = { clients, kpiCache, region, loaderMode: options.loaderMode };
  const readinessTimeoutMs = options.readinessTimeoutMs ?? 2_000;

  httpServer.on('request', (req: IncomingMessage, res: ServerResponse) => {
    void route(req, res).catch((error: unknown) => {
      logger.error({ err: error }, 'request handling failed');
      if (!res.headersSent) sendJson(res, 500, { errors: [{ message: 'Internal server error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      else res.destroy();
    });
  });

  /** Module-private: the gateway's routes. */
  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://gateway.invalid');
    const method = req.method ?? 'GET';
    if (url.pathname === '/graphql') return handleGraphQL(req, res, url, method);
    if (url.pathname === '/healthz') return sendJson(res, 200, { status: 'alive' });
    if (url.pathname === '/readyz') {
      const report = await checkReadiness(readinessChecks, readinessTimeoutMs);
      return sendJson(res, report.status === 'ready' ? 200 : 503, report);
    }
    if (graphiql(method, url.pathname, res)) return;
    sendJson(res, 404, { error: `No route for ${method} ${url.pathname}; GraphQL is served at /graphql, GraphiQL at /.` });
  }

  /** Module-private: the node adapter around Apollo's `executeHTTPGraphQLRequest`. */
  async function handleGraphQL(req: IncomingMessage, res: ServerResponse, url: URL, method: string): Promise<void> {
    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    let body: unknown;
    if (method === 'POST') {
      const text = await readBody(req);
      if (text === undefined) return sendJson(res, 413, { errors: [{ message: `Request body exceeds ${MAX_BODY_BYTES} bytes.`, extensions: { code: 'BAD_REQUEST' } }] });
      const mediaType = (headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
      if (mediaType === 'application/json') {
        try {
          body = JSON.parse(text);
        } catch (error) {
          return sendJson(res, 400, { errors: [{ message: `Request body is not valid JSON: ${(error as Error).message}`, extensions: { code: 'BAD_REQUEST' } }] });
        }
      } else {
        // Apollo answers non-JSON bodies with its own 400 (or CSRF refusal).
        body = text;
      }
    } else {
      req.resume();
    }
    const httpGraphQLRequest: HTTPGraphQLRequest = { method: method.toUpperCase(), headers, search: url.search, body };
    const response = await apollo.executeHTTPGraphQLRequest({ httpGraphQLRequest, context: async () => createContext(contextDeps) });
    for (const [name, value] of response.headers) res.setHeader(name, value);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
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

/** Module-private: the body as text, or undefined when it exceeds MAX_BODY_BYTES. */
async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    // Keep draining past the limit: leaving the loop early would destroy the socket before the 413 is sent.
    if (size <= MAX_BODY_BYTES) chunks.push(chunk as Buffer);
  }
  return size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks).toString('utf8');
}

/** Module-private. */
function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
