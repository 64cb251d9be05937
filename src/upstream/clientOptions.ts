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
    requestHandler: { connectionTimeout: Math.min(timeout, 3_000), requestTimeout: timeout },
    ...(endpoint === undefined ? {} : { endpoint }),
    // Undefined lets the SDK run its default chain (env, SSO, IMDS, ...), as for any AWS client.
    ...(options.upstream === 'emulator' ? { credentials: { ...EMULATOR_CREDENTIALS } } : {}),
  };
}
