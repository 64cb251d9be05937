import type { AuthScheme, Pluggable, RequestSigner } from '@smithy/types';
import { getCallCounterPlugin, getRequestCallCounterPlugin, type CallCounter } from './callCounter';
import { getUpstreamErrorContextPlugin } from './errorContext';
import { getPropagationPlugin } from './propagation';
import { attachResilience, createUpstreamAgents, DEFAULT_RESILIENCE, type UpstreamAgents } from './resilience';
import type { ResilienceSettings } from './resilience/settings';
import type { UpstreamObserver, UpstreamServiceName } from './telemetry';

/**
 * What both upstream clients are built from (a subset of `config.ts#Config`, so tests can build
 * clients against an emulator without a whole configuration).
 */
export interface UpstreamClientOptions {
  /** `emulator`: fake static credentials; `aws`: the SDK's default credential chain. */
  readonly upstream: 'emulator' | 'aws';
  readonly region: string;
  /** Endpoint overrides (the emulator's URL); undefined: the SDK's regional endpoints. */
  readonly endpoints?: { readonly pinpoint: string; readonly smsVoice: string };
  /**
   * `aws` only: where the Pinpoint operations AWS retired on 2026-10-30 are sent instead
   * (`ENGAGEMENT_ENDPOINT`; see pinpoint/engagementRouting.ts), with static credentials
   * (default {@link EMULATOR_CREDENTIALS}: the AWS credentials are never sent to a non-AWS host).
   * Undefined with `aws`: those operations fail with UPSTREAM_RETIRED, unsent.
   */
  readonly engagement?: EngagementEndpointOptions;
  /** SDK attempts per command for transient failures (5xx, network), retries included (default 3). */
  readonly maxAttempts?: number;
  /** Bound on one command in ms, retries and waiting for a slot included, enforced by aborting it (default 10 000). */
  readonly requestTimeoutMs?: number;
  /** Breakers, bulkhead and retry budget (default `DEFAULT_RESILIENCE`, per field). */
  readonly resilience?: Partial<ResilienceSettings>;
  /** Told of every command, wire attempt, breaker transition and bulkhead change (default `NO_UPSTREAM_OBSERVER`). */
  readonly observer?: UpstreamObserver;
}

/** The endpoint that serves the retired Pinpoint engagement operations (`ENGAGEMENT_ENDPOINT`). */
export interface EngagementEndpointOptions {
  readonly endpoint: string;
  /** Static credentials to sign with (`ENGAGEMENT_ACCESS_KEY_ID` / `ENGAGEMENT_SECRET_ACCESS_KEY`); default {@link EMULATOR_CREDENTIALS}. */
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
}

/** The default of {@link UpstreamClientOptions.requestTimeoutMs} (`UPSTREAM_TIMEOUT_MS`). */
export const DEFAULT_UPSTREAM_TIMEOUT_MS = 10_000;

/** The default of {@link UpstreamClientOptions.maxAttempts} (`UPSTREAM_MAX_ATTEMPTS`). */
export const DEFAULT_UPSTREAM_MAX_ATTEMPTS = 3;

/** Credentials the emulator accepts; never valid anywhere else. */
export const EMULATOR_CREDENTIALS = { accessKeyId: 'AKIAEMULATOR00000000', secretAccessKey: 'emulator-secret-access-key' } as const;

/**
 * The SDK client configuration shared by both services (module-internal to upstream/). `agents`
 * (resilience/index.ts) size the socket pool to the bulkhead; without them, the SDK's own (50).
 */
export function sdkClientConfig(options: UpstreamClientOptions, endpoint: string | undefined, agents?: UpstreamAgents) {
  const timeout = options.requestTimeoutMs ?? DEFAULT_UPSTREAM_TIMEOUT_MS;
  return {
    region: options.region,
    maxAttempts: options.maxAttempts ?? DEFAULT_UPSTREAM_MAX_ATTEMPTS,
    // Resolve each command class's middleware stack once, not on every send (the SDK's own switch,
    // 0-1 ms per call): the stack is complete when the client is built, and per-request counting
    // rides on the command (callCounter.ts), not on a per-command middleware.
    cacheMiddleware: true,
    // `requestTimeout` only logs a warning in the SDK; the bound is enforced by aborting each call
    // (resilience/upstreamCall.ts), so this is a second line for sends that bypass countedSend.
    requestHandler: { connectionTimeout: Math.min(timeout, 3_000), requestTimeout: timeout, ...agents },
    ...(endpoint === undefined ? {} : { endpoint }),
    // Undefined lets the SDK run its default chain (env, SSO, IMDS, ...), as for any AWS client.
    ...(options.upstream === 'emulator' ? { credentials: { ...EMULATOR_CREDENTIALS } } : {}),
  };
}

/** What {@link buildUpstreamClient} needs of an SDK client. */
interface GatewayClient extends StackedClient, SigningClient {
  readonly middlewareStack: StackedClient['middlewareStack'] & { use(pluggable: Pluggable<any, any>): void };
}

/**
 * Builds one service's client with `create` (the SDK constructor) and puts the gateway's parts on
 * it, in this order on its stack: the error context (outermost, so it tags every error, refusals
 * included), resilience (timeouts, breakers, bulkhead, the observer; the retry strategy in the
 * SDK's retry slot), the per-request counter, then the process counter (`processCalls`, metrics).
 * A command refused by a breaker or a bulkhead never reaches the counters: it was not sent.
 */
export function buildUpstreamClient<C extends GatewayClient>(options: UpstreamClientOptions, service: UpstreamServiceName, endpoint: string | undefined, create: (config: ReturnType<typeof sdkClientConfig>) => C, processCalls?: CallCounter): C {
  const settings = { ...DEFAULT_RESILIENCE, ...options.resilience };
  const agents = createUpstreamAgents(settings.maxConcurrency);
  const client = create(sdkClientConfig(options, endpoint, agents));
  client.middlewareStack.use(getUpstreamErrorContextPlugin(service));
  attachResilience(client, {
    service,
    region: options.region,
    timeoutMs: options.requestTimeoutMs ?? DEFAULT_UPSTREAM_TIMEOUT_MS,
    maxAttempts: options.maxAttempts ?? DEFAULT_UPSTREAM_MAX_ATTEMPTS,
    settings,
    observer: options.observer,
    agents,
  });
  client.middlewareStack.use(getRequestCallCounterPlugin());
  if (processCalls) client.middlewareStack.use(getCallCounterPlugin(processCalls, 'processCallCounterMiddleware'));
  // The observer's headers (the gateway's request ID) on each command's HTTP request (propagation.ts).
  if (options.observer?.propagationHeaders) client.middlewareStack.use(getPropagationPlugin(options.observer));
  shareSigner(client);
  dropSdkLogger(client);
  return client;
}

/** The part of an SDK client that `dropSdkLogger` changes. */
interface StackedClient {
  readonly middlewareStack: { remove(toRemove: string): boolean };
}

/**
 * Takes the SDK's logger middleware off a client. The gateway never gives the SDK a logger (its
 * own logs are the pino plugins' and `errorContext.ts`'s), yet with the default no-op logger that
 * middleware still walks every input and output against its schema to mask sensitive members for a
 * log line nobody writes: ~60 µs of CPU per call.
 */
export function dropSdkLogger(client: StackedClient): void {
  if (!client.middlewareStack.remove('loggerMiddleware')) throw new Error('The SDK client has no "loggerMiddleware" to remove: has the SDK renamed it?');
}

/** The part of a SigV4 SDK client that `shareSigner` changes. */
interface SigningClient {
  readonly config: { signer: (authScheme?: AuthScheme) => Promise<RequestSigner> };
}

/**
 * Makes a client build its request signer once per auth scheme instead of once per request: the
 * SDK's default makes a new SignatureV4 from a copy of the whole client configuration for every
 * call, a tenth of the client's CPU per call. The shared signer is stateless between calls and
 * asks the client's credential provider on every signing, so rotated credentials still apply.
 */
export function shareSigner(client: SigningClient): void {
  const build = client.config.signer;
  const signers = new Map<string, Promise<RequestSigner>>();
  client.config.signer = (authScheme) => {
    const key = `${authScheme?.name}|${authScheme?.signingName}|${authScheme?.signingRegion}`;
    let signer = signers.get(key);
    if (!signer) {
      signer = build(authScheme);
      signers.set(key, signer);
      // A failed build (e.g. no region yet) is not kept: the next call tries again.
      signer.catch(() => signers.delete(key));
    }
    return signer;
  };
}
