import type { AuthScheme, RequestSigner } from '@smithy/types';

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
  /** SDK attempts per command, retries included (default 3). */
  readonly maxAttempts?: number;
  /** Bound on one HTTP request in ms (default 10 000). */
  readonly requestTimeoutMs?: number;
}

/** Credentials the emulator accepts; never valid anywhere else. */
export const EMULATOR_CREDENTIALS = { accessKeyId: 'AKIAEMULATOR00000000', secretAccessKey: 'emulator-secret-access-key' } as const;

/** The SDK client configuration shared by both services (module-internal to upstream/). */
export function sdkClientConfig(options: UpstreamClientOptions, endpoint: string | undefined) {
  const timeout = options.requestTimeoutMs ?? 10_000;
  return {
    region: options.region,
    maxAttempts: options.maxAttempts ?? 3,
    // Resolve each command class's middleware stack once, not on every send (the SDK's own switch,
    // 0-1 ms per call): the stack is complete when the client is built, and per-request counting
    // rides on the command (callCounter.ts), not on a per-command middleware.
    cacheMiddleware: true,
    requestHandler: { connectionTimeout: Math.min(timeout, 3_000), requestTimeout: timeout },
    ...(endpoint === undefined ? {} : { endpoint }),
    // Undefined lets the SDK run its default chain (env, SSO, IMDS, ...), as for any AWS client.
    ...(options.upstream === 'emulator' ? { credentials: { ...EMULATOR_CREDENTIALS } } : {}),
  };
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
