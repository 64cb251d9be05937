import cluster from 'node:cluster';
import { pino } from 'pino';
import type { Cache, FlightLock } from './cache/cache';
import { createKpiCache } from './cache/kpiCache';
import { createMemoryCache } from './cache/memoryCache';
import { createRedisCache } from './cache/redisCache';
import { ConfigError, loadConfig, type Config } from './config';
import { createObservability, otlpExporter } from './observability';
import { version } from '../package.json';
import { createEmulatorServer, type EmulatorServer } from './emulator';
import { PolicyStoreError } from './auth';
import { callerResolverOptions, createGatewayServer, emulatorViewOverHttp, openAuth, type DrainReport, type OpenedAuth } from './server';
import { CallCounter, createPinpointClient, createSmsVoiceClient } from './upstream';
import { announceListening, onSupervisorStop, superviseWorkers, workerMetricsExposition, workerReadinessChecks } from './supervisor';

/**
 * The composition root: config → (the emulator in-process, seeded, when UPSTREAM=emulator and no
 * endpoints are given) → SDK clients → KPI cache → gateway server. Prints the URL, and shuts
 * everything down in reverse order on SIGINT/SIGTERM.
 */
async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  // WORKERS > 1: this process is the cluster primary (src/supervisor/); it serves nothing itself,
  // and each of its workers runs this function again as one gateway.
  if (cluster.isPrimary && config.workers > 1) return superviseWorkers(config);
  const logger = pino({ level: config.logLevel });
  const closers: (() => Promise<void> | void)[] = [];

  let endpoints = config.endpoints;
  let emulator: EmulatorServer | undefined;
  if (config.upstream === 'emulator' && !endpoints) {
    emulator = await createEmulatorServer({ port: 0, seed: true });
    closers.push(() => emulator?.close());
    endpoints = { pinpoint: emulator.endpoint, smsVoice: emulator.endpoint };
    logger.info({ endpoint: emulator.endpoint }, 'started the emulator in-process with the demo data set');
  }

  // Metrics always, traces when configured; the server closes it (flushing spans) when it shuts down.
  const observability = createObservability({
    // In a cluster worker, `/metrics` answers every worker's metrics merged (supervisor/clusterMetrics.ts).
    metrics: { maxOperationNames: config.metrics.maxOperationNames, version, exposition: workerMetricsExposition },
    tracing: config.tracing && { exporter: otlpExporter(config.tracing.endpoint), serviceName: config.tracing.serviceName, serviceVersion: version, sampleRatio: config.tracing.sampleRatio },
  });
  // The pinned SDK releases run on Node 20 (README, Quick start); the SDK's start-up notice on
  // stderr is about its later releases, which this project does not install: nothing to act on.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const processCalls = new CallCounter();
  const clientOptions = {
    upstream: config.upstream,
    region: config.region,
    endpoints,
    engagement: config.engagement,
    maxAttempts: config.upstreamMaxAttempts,
    requestTimeoutMs: config.upstreamTimeoutMs,
    resilience: config.upstreamResilience,
    observer: observability.upstreamObserver,
  };
  const clients = { pinpoint: createPinpointClient(clientOptions, processCalls), smsVoice: createSmsVoiceClient(clientOptions, processCalls) };
  closers.push(() => clients.pinpoint.destroy(), () => clients.smsVoice.destroy());

  let cache: Cache & Partial<FlightLock>;
  if (config.redis) {
    const redis = createRedisCache({ ...config.redis, logger: logger.child({ component: 'kpi-cache' }), observer: observability.cacheObserver });
    closers.push(() => redis.close());
    if (!(await redis.waitUntilReady(2_000))) logger.warn({}, 'KPI cache: Redis not reachable at start-up; answering from upstream until it is');
    cache = redis;
  } else {
    cache = createMemoryCache();
  }
  const kpiCache = createKpiCache({
    cache,
    lock: config.redis ? (cache as Cache & FlightLock) : undefined,
    ttl: { pastSeconds: config.kpi.ttlPastSeconds, currentSeconds: config.kpi.ttlCurrentSeconds },
    lockTtlMs: config.kpi.lockTtlMs,
    staleSeconds: config.kpi.staleSeconds,
    logger: logger.child({ component: 'kpi-cache' }),
    observer: observability.cacheObserver,
  });

  let auth: OpenedAuth;
  try {
    auth = await openAuth(config, logger.child({ component: 'auth' }));
  } catch (error) {
    if (!(error instanceof PolicyStoreError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return process.exit(2);
  }
  closers.push(() => auth.close());

  const server = await createGatewayServer({
    port: config.port,
    host: config.host,
    maxBodyBytes: config.maxBodyBytes,
    keepAliveTimeoutMs: config.keepAliveTimeoutMs,
    region: config.region,
    accountId: config.awsAccountId,
    upstream: config.upstream,
    endpoints,
    clients,
    cache,
    kpiCache,
    nodeEnv: config.nodeEnv,
    exposeUpstreamCalls: config.exposeUpstreamCalls,
    cors: config.cors,
    graphiql: config.graphiql,
    introspection: config.introspection,
    fieldSuggestions: config.fieldSuggestions,
    loaderMode: config.loaderMode,
    limits: config.limits,
    admissionWorkers: config.admissionWorkers,
    // Kept in the KPI cache's Redis when there is one (shared by every replica), else per process.
    rateLimits: config.rateLimits && { ...config.rateLimits, redis: config.redis },
    trustProxyHops: config.trustProxyHops,
    // Automatic persisted queries and the trusted-document registry live in Redis when there is one.
    redis: config.redis,
    trustedDocuments: config.trustedDocuments,
    apqTtlSeconds: config.apqTtlSeconds,
    audit: config.audit,
    shutdownGraceMs: config.shutdownGraceMs,
    processCalls,
    logger,
    observability,
    metricsEndpoint: config.metrics,
    auth: callerResolverOptions(auth),
    // In a cluster worker, `/readyz` names the worker that answered.
    readinessChecks: workerReadinessChecks(),
    // The in-process emulator listens on a random port: its sent messages and verification codes are
    // read through the gateway's own origin instead (read-only; never in production).
    emulatorView: emulator && config.nodeEnv !== 'production' ? emulatorViewOverHttp(emulator.endpoint) : undefined,
  });
  // The server drains first (closers run in reverse): Redis, the clients and the emulator stay up
  // while the requests in flight still need them.
  let drained: DrainReport | undefined;
  closers.push(async () => {
    drained = await server.shutdown();
  });
  // Before the start line: whoever reads the URL may send SIGTERM at once, and a signal that
  // arrived before its handler would end the process with no drain.
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, graceMs: config.shutdownGraceMs }, 'shutting down: draining requests in flight');
    // A stuck close must not keep the process alive forever: the grace, then a bound for the
    // stopped requests' answers and the closers.
    setTimeout(() => process.exit(1), config.shutdownGraceMs + SHUTDOWN_CLOSE_BOUND_MS).unref();
    void (async () => {
      let failed = false;
      for (const close of closers.reverse()) {
        try {
          await close();
        } catch (error) {
          failed = true;
          logger.error({ err: error }, 'error during shutdown');
        }
      }
      logger.info({ drain: drained }, 'shut down');
      // Non-zero when the grace ran out with requests still running (they were stopped early).
      process.exit(failed || drained?.graceExpired ? 1 : 0);
    })();
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  onSupervisorStop(shutdown);
  logger.info({ url: server.url, upstream: config.upstream, region: config.region, cache: config.redis ? 'redis' : 'memory', rateLimits: config.rateLimits ? (config.redis ? 'redis' : 'per process') : 'off' }, 'gateway listening');
  logger.info({ metrics: server.metricsUrl ?? 'off', tracing: config.tracing ? { endpoint: config.tracing.endpoint, sampleRatio: config.tracing.sampleRatio } : 'off' }, 'observability');
  logger.info({ apiKeys: auth.apiKeys.description, jwt: auth.jwt?.description ?? 'off', policies: auth.policies.names(), anonymous: auth.anonymous }, 'callers');
  // A worker hands the line to the primary, which prints it once for the cluster.
  announceListening(`pinpoint-graph gateway: GraphQL at ${server.url}/graphql, ${config.graphiql ? `GraphiQL at ${server.url}/` : 'GraphiQL off (GRAPHIQL=true turns it on)'}`, server.port);
  if (emulator && config.nodeEnv !== 'production') {
    process.stdout.write(`pinpoint-graph emulator (in-process, read-only): sent messages at ${server.url}/_emulator/outbox, verification codes at ${server.url}/_emulator/verification-codes\n`);
  }
}

/** Module-private: how long after the grace the process may take to stop before it is ended with exit code 1. */
const SHUTDOWN_CLOSE_BOUND_MS = 5_000;

main().catch((error: unknown) => {
  process.stderr.write(`pinpoint-graph failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
