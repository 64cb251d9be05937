import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { JWT_ALGORITHMS, POLICY_NAME_PATTERN, type JwtAlgorithm } from './auth/credentials';
import { DEFAULT_REDIS_COOL_OFF_MS, parseRedisUrl, RedisUrlError } from './cache/redisClient';
import { DEFAULT_MAX_OPERATION_NAMES } from './observability';
import { DEFAULT_LIMITS, type GatewayLimits } from './server/limits';
import { DEFAULT_TRUSTED_DOCUMENTS_FILE, TRUSTED_DOCUMENTS_MODES, type TrustedDocumentsMode } from './server/trustedDocuments';
import { DEFAULT_RESILIENCE, type ResilienceSettings } from './upstream/resilience/settings';

/**
 * The gateway's configuration: every environment variable it reads, validated once at start-up
 * with every default in this one place. A bad value stops the process with a message naming
 * the variable, the contract and the value.
 */

/** Module-private: an environment flag (`true/false/1/0/yes/no/on/off`). */
const flag = z
  .string()
  .trim()
  .toLowerCase()
  .refine((value) => ['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'].includes(value), { message: 'must be one of true, false, 1, 0, yes, no, on, off' })
  .transform((value) => ['true', '1', 'yes', 'on'].includes(value));

/** Module-private: a whole number from `min` to `max`. */
function integer(min: number, max: number) {
  return z
    .string()
    .trim()
    .regex(/^\d+$/, { message: `must be an integer from ${min} to ${max}` })
    .transform(Number)
    .refine((value) => value >= min && value <= max, { message: `must be an integer from ${min} to ${max}` });
}

/** Module-private: an absolute http(s) URL, kept as written (a JWKS location). */
const absoluteHttpUrl = z
  .string()
  .trim()
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === 'http:' || url.protocol === 'https:';
    } catch {
      return false;
    }
  }, { message: 'must be an absolute http:// or https:// URL' });

/** Module-private: an absolute http(s) URL with no trailing slash (SDK endpoint override). */
const httpUrl = absoluteHttpUrl.transform((value) => value.replace(/\/+$/, ''));

/** Module-private: the entries of a comma-separated list, trimmed, empty entries dropped. */
function listEntries(value: string): string[] {
  return value.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
}

/**
 * Module-private: `*` alone, or exact browser origins (`http://localhost:3999`). An entry must be
 * spelt as browsers send the `Origin` header (scheme, lower-case host, port only when not the
 * default), since the gateway compares origins as strings: a path or a stray slash would never match.
 */
const corsOrigins = z
  .string()
  .refine(
    (value) => {
      const entries = listEntries(value);
      if (entries.length === 1 && entries[0] === '*') return true;
      return entries.every((entry) => {
        try {
          const url = new URL(entry);
          return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === entry;
        } catch {
          return false;
        }
      });
    },
    { message: 'must be * or a comma-separated list of origins such as http://localhost:3999 (scheme://host[:port], lower case, no path)' },
  )
  .transform((value): readonly string[] | '*' => (value.trim() === '*' ? '*' : [...new Set(listEntries(value))]));

/** Module-private: a comma-separated list of HTTP header names (RFC 9110 tokens), lower-cased. */
const headerNames = z
  .string()
  .refine((value) => listEntries(value).every((entry) => /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(entry)), { message: 'must be a comma-separated list of HTTP header names such as x-request-id' })
  .transform((value) => [...new Set(listEntries(value).map((entry) => entry.toLowerCase()))]);

/** Module-private: policy names, comma-separated (`none` alone: no policy). */
const policyNames = z
  .string()
  .refine((value) => value.trim() === 'none' || (listEntries(value).length > 0 && listEntries(value).every((entry) => POLICY_NAME_PATTERN.test(entry))), {
    message: 'must be "none" or a comma-separated list of policy names (a letter or digit, then letters, digits, ".", "_" or "-")',
  })
  .transform((value) => (value.trim() === 'none' ? [] : [...new Set(listEntries(value))]));

/** Module-private: a non-empty comma-separated list (issuers, audiences). */
const nonEmptyList = z
  .string()
  .refine((value) => listEntries(value).length > 0, { message: 'must name at least one value (comma-separated)' })
  .transform((value) => [...new Set(listEntries(value))]);

/** Module-private: JWT signature algorithms, comma-separated, asymmetric only. */
const jwtAlgorithms = z
  .string()
  .refine((value) => listEntries(value).length > 0 && listEntries(value).every((entry) => (JWT_ALGORITHMS as readonly string[]).includes(entry)), {
    message: `must be a comma-separated list of ${JWT_ALGORITHMS.join(', ')} (asymmetric only; never none or HS*)`,
  })
  .transform((value) => [...new Set(listEntries(value))] as JwtAlgorithm[]);


/** Module-private: the most gateway processes `WORKERS` may ask for (a typo must not fork thousands). */
const MAX_WORKERS = 1024;

/** Module-private: the raw environment schema, defaults included. */
const envSchema = z.object({
  PORT: integer(0, 65535).default('4000'),
  // `localhost`: every loopback address, IPv4 and IPv6, so http://localhost:4000 answers whichever one a client resolves (server/http/listen.ts); loopback only.
  HOST: z.string().trim().min(1, { message: 'must not be empty' }).default('localhost'),
  MAX_BODY_BYTES: integer(1_024, 8_388_608).default('1048576'),
  // Node's own default (5 s); behind a load balancer that pools connections, above its idle timeout (an ALB's may be set up to 4,000 s).
  KEEP_ALIVE_TIMEOUT_MS: integer(1_000, 4_200_000).default('5000'),
  UPSTREAM: z.enum(['emulator', 'aws'], { message: 'must be "emulator" or "aws"' }).default('emulator'),
  AWS_REGION: z
    .string()
    .trim()
    .regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, { message: 'must be an AWS region name such as us-east-1' })
    .default('us-east-1'),
  // The account of the upstream resources, for the ARNs policies are decided on (server/authorization/).
  AWS_ACCOUNT_ID: z.string().trim().regex(/^\d{12}$/, { message: 'must be a 12-digit AWS account ID' }).optional(),
  PINPOINT_ENDPOINT: httpUrl.optional(),
  SMS_VOICE_ENDPOINT: httpUrl.optional(),
  // UPSTREAM=aws only: where the Pinpoint operations AWS retired on 2026-10-30 go (upstream/pinpoint/engagementRouting.ts).
  ENGAGEMENT_ENDPOINT: httpUrl.optional(),
  ENGAGEMENT_ACCESS_KEY_ID: z.string().trim().min(1, { message: 'must not be empty' }).optional(),
  ENGAGEMENT_SECRET_ACCESS_KEY: z.string().trim().min(1, { message: 'must not be empty' }).optional(),
  UPSTREAM_MAX_ATTEMPTS: integer(1, 10).default('3'),
  UPSTREAM_TIMEOUT_MS: integer(100, 120_000).default('10000'),
  // Upstream resilience (upstream/resilience/): defaults in DEFAULT_RESILIENCE; unset means the default.
  UPSTREAM_THROTTLE_MAX_ATTEMPTS: integer(1, 50).optional(),
  UPSTREAM_RETRY_TOKENS: integer(0, 100_000).optional(),
  UPSTREAM_OPERATION_RETRY_TOKENS: integer(0, 100_000).optional(),
  UPSTREAM_THROTTLE_MIN_RATE: integer(1, 10_000).optional(),
  UPSTREAM_THROTTLE_BASE_DELAY_MS: integer(1, 20_000).optional(),
  UPSTREAM_BREAKER_FAILURES: integer(1, 1_000).optional(),
  UPSTREAM_BREAKER_HALF_OPEN_MS: integer(50, 600_000).optional(),
  UPSTREAM_MAX_CONCURRENCY: integer(1, 10_000).optional(),
  UPSTREAM_QUEUE_SIZE: integer(0, 1_000_000).optional(),
  // One server, a Sentinel group or a Cluster (cache/redisClient.ts#parseRedisUrl says what is wrong).
  REDIS_URL: z
    .string()
    .trim()
    .superRefine((value, context) => {
      try {
        parseRedisUrl(value);
      } catch (error) {
        if (!(error instanceof RedisUrlError)) throw error;
        context.addIssue({ code: 'custom', message: error.message });
      }
    })
    .optional(),
  // No braces: a `{` in the prefix would become every key's Redis Cluster hash tag and break the
  // slot co-location of the keys the gateway writes together (cache/redisCache.ts, auth/apiKeyBackends.ts).
  REDIS_KEY_PREFIX: z.string().min(1, { message: 'must not be empty' }).regex(/^[^{}]*$/, { message: 'must not contain { or } (Redis Cluster hash tags are the gateway\'s own)' }).default('pinpoint-graph:'),
  REDIS_COMMAND_TIMEOUT_MS: integer(10, 60_000).default('500'),
  REDIS_COOL_OFF_MS: integer(100, 600_000).default(String(DEFAULT_REDIS_COOL_OFF_MS)),
  KPI_TTL_PAST_SECONDS: integer(1, 31_536_000).default('86400'),
  KPI_TTL_CURRENT_SECONDS: integer(1, 31_536_000).default('60'),
  KPI_LOCK_TTL_MS: integer(100, 600_000).default('10000'),
  KPI_STALE_SECONDS: integer(0, 31_536_000).default('3600'),
  NODE_ENV: z.enum(['development', 'test', 'production'], { message: 'must be "development", "test" or "production"' }).default('development'),
  EXPOSE_UPSTREAM_CALLS: flag.optional(),
  // Browser access: unset means no other origin may call /graphql from a browser, in every mode.
  CORS_ORIGINS: corsOrigins.default(''),
  CORS_ALLOW_CREDENTIALS: flag.default('false'),
  CORS_ALLOWED_HEADERS: headerNames.default(''),
  CORS_MAX_AGE_SECONDS: integer(0, 86_400).default('600'),
  // The production profile: each is on outside production and off in it unless set.
  GRAPHIQL: flag.optional(),
  INTROSPECTION: flag.optional(),
  FIELD_SUGGESTIONS: flag.optional(),
  // Request limits (server/limits/): defaults in DEFAULT_LIMITS; unset means the default.
  LIMIT_MAX_DEPTH: integer(1, 1_000).optional(),
  LIMIT_MAX_ALIASES: integer(0, 10_000).optional(),
  LIMIT_MAX_DIRECTIVES: integer(0, 10_000).optional(),
  LIMIT_MAX_ROOT_FIELDS: integer(1, 10_000).optional(),
  LIMIT_MAX_TOKENS: integer(10, 1_000_000).optional(),
  LIMIT_MAX_DOCUMENT_BYTES: integer(100, 8_388_608).optional(),
  LIMIT_MAX_ESTIMATED_OBJECTS: integer(1, 1_000_000_000).optional(),
  LIMIT_MAX_ESTIMATED_UPSTREAM_CALLS: integer(1, 1_000_000_000).optional(),
  LIMIT_MAX_UPSTREAM_CALLS: integer(1, 1_000_000).optional(),
  LIMIT_MAX_RESOLVER_CALLS: integer(1, 100_000_000).optional(),
  LIMIT_MAX_KPI_READS: integer(1, 100_000).optional(),
  LIMIT_MAX_NODE_IDS: integer(1, 100_000).optional(),
  LIMIT_MAX_RESPONSE_BYTES: integer(1_024, 1_073_741_824).optional(),
  REQUEST_DEADLINE_MS: integer(100, 600_000).optional(),
  // Worker threads checking new documents off the event loop (server/admission/); 0: on the event loop.
  ADMISSION_WORKERS: integer(0, 16).default('1'),
  // Rate limits per caller (server/limits/rateLimiter.ts): in Redis when REDIS_URL is set, else per process.
  RATE_LIMITS: flag.default('true'),
  RATE_LIMIT_POINTS: integer(1, 1_000_000_000).default('6000'),
  RATE_LIMIT_WINDOW_SECONDS: integer(1, 86_400).default('60'),
  RATE_LIMIT_SEND_POINTS: integer(1, 1_000_000_000).default('100'),
  RATE_LIMIT_SEND_WINDOW_SECONDS: integer(1, 86_400).default('60'),
  TRUST_PROXY_HOPS: integer(0, 10).default('0'),
  // Callers (server/auth/): named policies, API keys, JWT bearer tokens, the anonymous caller.
  POLICIES_DIR: z.string().trim().min(1, { message: 'must not be empty' }).optional(),
  POLICIES_REFRESH_SECONDS: integer(0, 86_400).default('30'),
  API_KEYS_FILE: z.string().trim().min(1, { message: 'must not be empty' }).default('.data/api-keys.json'),
  ANONYMOUS_POLICIES: policyNames.optional(),
  JWT_JWKS_URL: absoluteHttpUrl.optional(),
  JWT_JWKS_FILE: z.string().trim().min(1, { message: 'must not be empty' }).optional(),
  JWT_ISSUER: nonEmptyList.optional(),
  JWT_AUDIENCE: nonEmptyList.optional(),
  JWT_ALGORITHMS: jwtAlgorithms.default('RS256,ES256'),
  JWT_CLOCK_TOLERANCE_SECONDS: integer(0, 300).default('30'),
  JWT_POLICY_CLAIM: z.string().trim().min(1, { message: 'must not be empty' }).default('policies'),
  // Trusted documents and automatic persisted queries (server/trustedDocuments/), the audit log (plugins/audit.ts).
  TRUSTED_DOCUMENTS: z.enum(TRUSTED_DOCUMENTS_MODES, { message: 'must be "off", "log" or "required"' }).default('off'),
  TRUSTED_DOCUMENTS_FILE: z.string().trim().min(1, { message: 'must not be empty' }).default(DEFAULT_TRUSTED_DOCUMENTS_FILE),
  APQ_TTL_SECONDS: integer(1, 31_536_000).default('86400'),
  AUDIT_LOG: flag.default('true'),
  // Graceful shutdown (server/http/drain.ts): how long requests in flight may finish after SIGTERM/SIGINT.
  SHUTDOWN_GRACE_MS: integer(0, 600_000).default('10000'),
  // Gateway processes on this machine (supervisor/): `auto` is one per CPU; unset: see workersSetting.
  WORKERS: z
    .string()
    .trim()
    .toLowerCase()
    .refine((value) => value === 'auto' || (/^\d+$/.test(value) && Number(value) >= 1 && Number(value) <= MAX_WORKERS), { message: `must be "auto" or an integer from 1 to ${MAX_WORKERS}` })
    .optional(),
  LOADER_MODE: z.enum(['batched', 'naive'], { message: 'must be "batched" or "naive"' }).default('batched'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { message: 'must be one of fatal, error, warn, info, debug, trace, silent' }).default('info'),
  // Metrics (`GET /metrics`, server/http/metricsEndpoint.ts) and traces (observability/tracing.ts).
  METRICS_PORT: integer(0, 65535).optional(),
  METRICS_HOST: z.string().trim().min(1, { message: 'must not be empty' }).optional(),
  METRICS_TOKEN: z.string().regex(/^[A-Za-z0-9._~+/=-]{16,512}$/, { message: 'must be 16 to 512 characters of A-Z a-z 0-9 . _ ~ + / = - (a bearer token)' }).optional(),
  METRICS_MAX_OPERATION_NAMES: integer(1, 10_000).default(String(DEFAULT_MAX_OPERATION_NAMES)),
  TRACING: z.enum(['off', 'otlp'], { message: 'must be "off" or "otlp"' }).optional(),
  OTEL_EXPORTER_OTLP_ENDPOINT: httpUrl.optional(),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: absoluteHttpUrl.optional(),
  OTEL_SERVICE_NAME: z.string().trim().min(1, { message: 'must not be empty' }).default('pinpoint-graph'),
  TRACING_SAMPLE_RATIO: z
    .string()
    .trim()
    .regex(/^(0(\.\d+)?|1(\.0+)?)$/, { message: 'must be a number from 0 to 1 (the share of requests traced)' })
    .transform(Number)
    .default('1'),
});

/** The validated configuration the composition root (`main.ts`) works from. */
export interface Config {
  /** Port the gateway listens on (0: any free port). */
  readonly port: number;
  /** Interface the gateway binds to; `localhost` (the default): every loopback address. */
  readonly host: string;
  /**
   * The largest `/graphql` request body accepted, in bytes: larger ones are answered 413
   * PAYLOAD_TOO_LARGE (from `Content-Length` before reading, or as soon as a chunked body crosses it).
   */
  readonly maxBodyBytes: number;
  /** How long an idle keep-alive connection stays open (`KEEP_ALIVE_TIMEOUT_MS`). */
  readonly keepAliveTimeoutMs: number;
  /** `emulator`: the project's emulator (fake static credentials); `aws`: real AWS (default credential chain). */
  readonly upstream: 'emulator' | 'aws';
  /** Region of both upstream clients; global IDs of other regions are refused. */
  readonly region: string;
  /**
   * The AWS account of the upstream resources (`AWS_ACCOUNT_ID`), for the `${Account}` of the ARNs
   * policies are decided on. Unset: the emulator's account with `UPSTREAM=emulator`, unknown with `aws`.
   */
  readonly awsAccountId?: string;
  /**
   * Endpoint overrides for both services. Undefined with `upstream: 'emulator'` means: start the
   * emulator in-process, seeded; with `upstream: 'aws'`: the SDK's regional endpoints.
   */
  readonly endpoints?: { readonly pinpoint: string; readonly smsVoice: string };
  /**
   * `ENGAGEMENT_ENDPOINT` (`upstream: 'aws'` only): the endpoint the Pinpoint operations AWS retired
   * on 2026-10-30 are sent to, signed with `credentials` (`ENGAGEMENT_ACCESS_KEY_ID` /
   * `ENGAGEMENT_SECRET_ACCESS_KEY`; unset: the emulator's fake static ones). Undefined: those
   * operations answer UPSTREAM_RETIRED without a call.
   */
  readonly engagement?: { readonly endpoint: string; readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string } };
  /** SDK attempts per command (retries included). */
  readonly upstreamMaxAttempts: number;
  /** Bound on one upstream command (its retries and its wait for a bulkhead slot included), enforced by cancelling it. */
  readonly upstreamTimeoutMs: number;
  /** Breakers, bulkheads, retry budgets and throttling of the upstream clients (`UPSTREAM_*`; defaults in upstream/resilience/settings.ts). */
  readonly upstreamResilience: ResilienceSettings;
  /** Redis for the shared KPI cache; undefined: an in-process memory cache. */
  readonly redis?: {
    /** `REDIS_URL`: `redis://`, `rediss://`, `redis-sentinel://` or `redis-cluster://` (cache/redisClient.ts). */
    readonly url: string;
    readonly keyPrefix: string;
    readonly commandTimeoutMs: number;
    /** After a command timeout or connection failure, how long no command is sent to Redis (`REDIS_COOL_OFF_MS`). */
    readonly coolOffMs: number;
  };
  /** KPI cache lifetimes and the cross-process single-flight lock lifetime. */
  readonly kpi: {
    readonly ttlPastSeconds: number;
    readonly ttlCurrentSeconds: number;
    readonly lockTtlMs: number;
    /** How long past its TTL a KPI is kept to be served (marked stale) when upstream fails (`KPI_STALE_SECONDS`; 0: never). */
    readonly staleSeconds: number;
  };
  /** Runtime mode: error details are shown only in `development`. */
  readonly nodeEnv: 'development' | 'test' | 'production';
  /** Whether responses carry `extensions.upstreamCalls` (default: on outside production). */
  readonly exposeUpstreamCalls: boolean;
  /**
   * Which web pages on other origins may call `/graphql` from a browser: `origins` (`'*'` only
   * outside production; empty: none), credentials (cookies, HTTP auth) for listed origins only,
   * request headers allowed on top of the gateway's defaults, and how long a browser may cache a preflight.
   */
  readonly cors: { readonly origins: readonly string[] | '*'; readonly allowCredentials: boolean; readonly extraAllowedHeaders: readonly string[]; readonly maxAgeSeconds: number };
  /** Serve GraphiQL at `/` and `/graphiql` (default: on outside production). */
  readonly graphiql: boolean;
  /** Answer introspection queries (default: on outside production). */
  readonly introspection: boolean;
  /** "Did you mean …" suggestions in validation errors (default: on outside production). */
  readonly fieldSuggestions: boolean;
  /** `naive`: loaders without batching or caching and no KPI cache (the benchmark's baseline only). */
  /** Every request limit: structural, cost and execution bounds (`LIMIT_*`, `REQUEST_DEADLINE_MS`; defaults in server/limits). */
  readonly limits: GatewayLimits;
  /** Worker threads that check documents not admitted before, off the event loop (`ADMISSION_WORKERS`; 0: none). */
  readonly admissionWorkers: number;
  readonly loaderMode: 'batched' | 'naive';
  /**
   * Rate limits per caller (`RATE_LIMIT_*`): points (estimated upstream calls) and messages per
   * window; undefined with `RATE_LIMITS=false`. Kept in `redis` when it is set.
   */
  readonly rateLimits?: { readonly points: number; readonly windowSeconds: number; readonly sendPoints: number; readonly sendWindowSeconds: number };
  /** Proxies in front of the gateway that append to `X-Forwarded-For` (0: the socket's peer is the client). */
  readonly trustProxyHops: number;
  /** Who may call: where policies and API keys live, how bearer tokens are verified, and the anonymous caller. */
  readonly auth: AuthConfig;
  /**
   * Trusted documents (`TRUSTED_DOCUMENTS`, `TRUSTED_DOCUMENTS_FILE`): `off`, `log` (unregistered
   * documents run and are logged) or `required` (only registered ones run); the registry is in
   * `redis` when set, else in `file`.
   */
  readonly trustedDocuments: { readonly mode: TrustedDocumentsMode; readonly file: string };
  /** Lifetime of an automatic persisted query in Redis (`APQ_TTL_SECONDS`). */
  readonly apqTtlSeconds: number;
  /** One audit line per mutation field (`AUDIT_LOG`), at `info` whatever `LOG_LEVEL` (silent only with `silent`). */
  readonly audit: boolean;
  /**
   * After SIGTERM/SIGINT, how long requests in flight may finish (`SHUTDOWN_GRACE_MS`); those still
   * running then are stopped and answer with what they have, and the process exits 1 instead of 0.
   */
  readonly shutdownGraceMs: number;
  /**
   * Gateway processes sharing the port (`WORKERS`; `auto`: one per CPU). More than 1: this process
   * is a node:cluster primary that supervises them (supervisor/) and serves nothing itself. Default:
   * one per CPU in production with `REDIS_URL`, else 1.
   */
  readonly workers: number;
  /** pino log level. */
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /**
   * `GET /metrics` (`METRICS_*`): on a listener of its own at `port` (on `host`, default `HOST`),
   * else on the main port (in production only with `token`); `token` is the bearer token scrapes
   * must send; `maxOperationNames` bounds the `operation_name` label.
   */
  readonly metrics: { readonly port?: number; readonly host?: string; readonly token?: string; readonly maxOperationNames: number };
  /**
   * Traces (`TRACING`, `OTEL_EXPORTER_OTLP_ENDPOINT`, `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`,
   * `OTEL_SERVICE_NAME`, `TRACING_SAMPLE_RATIO`): exported over OTLP/HTTP to `endpoint` (the full
   * traces URL); undefined: off.
   */
  readonly tracing?: { readonly endpoint: string; readonly serviceName: string; readonly sampleRatio: number };
}

/** The callers' configuration (`POLICIES_*`, `API_KEYS_FILE`, `ANONYMOUS_POLICIES`, `JWT_*`). */
export interface AuthConfig {
  /** A folder of `<name>.json` IAM policies (with Redis, also the hash `<prefix>auth:policies`). */
  readonly policiesDir?: string;
  /** With Redis, re-read the policies every this many seconds (0: only at start). */
  readonly policiesRefreshSeconds: number;
  /** Where API keys are kept without Redis (with `REDIS_URL`, they are kept in Redis). */
  readonly apiKeysFile: string;
  /**
   * The policies of a request without credentials: names in the policy store, or `open`, the
   * built-in allow-everything policy. Default: `open` outside production, none in production.
   */
  readonly anonymousPolicies: readonly string[] | 'open';
  /** Bearer tokens; undefined: not accepted. */
  readonly jwt?: {
    readonly jwks: { readonly url: string } | { readonly file: string };
    readonly issuer: readonly string[];
    readonly audience: readonly string[];
    readonly algorithms: readonly JwtAlgorithm[];
    readonly clockToleranceSeconds: number;
    /** The claim naming the caller's policies (a string or an array of strings). */
    readonly policyClaim: string;
  };
}

/** Thrown by {@link loadConfig}; its message lists every bad variable with its value. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  /** One line per problem: `PORT must be an integer from 0 to 65535; got "abc"`. */
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.problems = problems;
  }
}

/** Reads and validates the configuration from `env` (default `process.env`). */
export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env): Config {
  // Empty strings count as unset, as a shell `FOO= npm start` means.
  const present = Object.fromEntries(Object.keys(envSchema.shape).flatMap((name) => (env[name] === undefined || env[name] === '' ? [] : [[name, env[name]]])));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = String(issue.path[0]);
        return `${name} ${issue.message}; got ${JSON.stringify(present[name])}`;
      }),
    );
  }
  const e = parsed.data;
  const problems: string[] = [];
  if ((e.PINPOINT_ENDPOINT === undefined) !== (e.SMS_VOICE_ENDPOINT === undefined)) {
    const [set, unset] = e.PINPOINT_ENDPOINT === undefined ? ['SMS_VOICE_ENDPOINT', 'PINPOINT_ENDPOINT'] : ['PINPOINT_ENDPOINT', 'SMS_VOICE_ENDPOINT'];
    problems.push(`${unset} must be set when ${set} is (both services point at the same kind of upstream); got ${set}=${JSON.stringify(present[set])} and no ${unset}`);
  }
  problems.push(...engagementProblems(e, present));
  if (e.CORS_ORIGINS === '*' && e.NODE_ENV === 'production') {
    problems.push(`CORS_ORIGINS must list the origins in production ("*" lets every web site read the gateway's answers); got "*"`);
  }
  if (e.METRICS_HOST !== undefined && e.METRICS_PORT === undefined) {
    problems.push(`METRICS_PORT must be set when METRICS_HOST is (METRICS_HOST is the interface of the metrics listener); got METRICS_HOST=${JSON.stringify(present.METRICS_HOST)} and no METRICS_PORT`);
  }
  if (e.CORS_ORIGINS === '*' && e.CORS_ALLOW_CREDENTIALS) {
    problems.push(`CORS_ALLOW_CREDENTIALS must be false when CORS_ORIGINS is "*" (credentials are only allowed for listed origins); got CORS_ALLOW_CREDENTIALS=${JSON.stringify(present.CORS_ALLOW_CREDENTIALS)} and CORS_ORIGINS="*"`);
  }
  const retryTokens = e.UPSTREAM_RETRY_TOKENS ?? DEFAULT_RESILIENCE.retryTokens;
  const operationRetryTokens = e.UPSTREAM_OPERATION_RETRY_TOKENS ?? DEFAULT_RESILIENCE.operationRetryTokens;
  if (operationRetryTokens > retryTokens) {
    problems.push(`UPSTREAM_OPERATION_RETRY_TOKENS must not exceed UPSTREAM_RETRY_TOKENS (one operation's share of its service's retry budget); got ${operationRetryTokens} and ${retryTokens}`);
  }
  problems.push(...jwtProblems(e, present));
  problems.push(...workersProblems(e, present));
  if (problems.length > 0) throw new ConfigError(problems);
  const jwks = e.JWT_JWKS_URL !== undefined ? { url: e.JWT_JWKS_URL } : e.JWT_JWKS_FILE !== undefined ? { file: e.JWT_JWKS_FILE } : undefined;
  return {
    port: e.PORT,
    host: e.HOST,
    maxBodyBytes: e.MAX_BODY_BYTES,
    keepAliveTimeoutMs: e.KEEP_ALIVE_TIMEOUT_MS,
    upstream: e.UPSTREAM,
    region: e.AWS_REGION,
    awsAccountId: e.AWS_ACCOUNT_ID,
    endpoints: e.PINPOINT_ENDPOINT !== undefined && e.SMS_VOICE_ENDPOINT !== undefined ? { pinpoint: e.PINPOINT_ENDPOINT, smsVoice: e.SMS_VOICE_ENDPOINT } : undefined,
    engagement:
      e.ENGAGEMENT_ENDPOINT === undefined
        ? undefined
        : {
            endpoint: e.ENGAGEMENT_ENDPOINT,
            ...(e.ENGAGEMENT_ACCESS_KEY_ID !== undefined && e.ENGAGEMENT_SECRET_ACCESS_KEY !== undefined
              ? { credentials: { accessKeyId: e.ENGAGEMENT_ACCESS_KEY_ID, secretAccessKey: e.ENGAGEMENT_SECRET_ACCESS_KEY } }
              : {}),
          },
    upstreamMaxAttempts: e.UPSTREAM_MAX_ATTEMPTS,
    upstreamTimeoutMs: e.UPSTREAM_TIMEOUT_MS,
    upstreamResilience: {
      throttleMaxAttempts: e.UPSTREAM_THROTTLE_MAX_ATTEMPTS ?? DEFAULT_RESILIENCE.throttleMaxAttempts,
      retryTokens: e.UPSTREAM_RETRY_TOKENS ?? DEFAULT_RESILIENCE.retryTokens,
      operationRetryTokens: e.UPSTREAM_OPERATION_RETRY_TOKENS ?? DEFAULT_RESILIENCE.operationRetryTokens,
      throttleMinRate: e.UPSTREAM_THROTTLE_MIN_RATE ?? DEFAULT_RESILIENCE.throttleMinRate,
      throttleBaseDelayMs: e.UPSTREAM_THROTTLE_BASE_DELAY_MS ?? DEFAULT_RESILIENCE.throttleBaseDelayMs,
      breakerFailures: e.UPSTREAM_BREAKER_FAILURES ?? DEFAULT_RESILIENCE.breakerFailures,
      breakerHalfOpenMs: e.UPSTREAM_BREAKER_HALF_OPEN_MS ?? DEFAULT_RESILIENCE.breakerHalfOpenMs,
      maxConcurrency: e.UPSTREAM_MAX_CONCURRENCY ?? DEFAULT_RESILIENCE.maxConcurrency,
      queueSize: e.UPSTREAM_QUEUE_SIZE ?? DEFAULT_RESILIENCE.queueSize,
    },
    redis: e.REDIS_URL === undefined ? undefined : { url: e.REDIS_URL, keyPrefix: e.REDIS_KEY_PREFIX, commandTimeoutMs: e.REDIS_COMMAND_TIMEOUT_MS, coolOffMs: e.REDIS_COOL_OFF_MS },
    kpi: { ttlPastSeconds: e.KPI_TTL_PAST_SECONDS, ttlCurrentSeconds: e.KPI_TTL_CURRENT_SECONDS, lockTtlMs: e.KPI_LOCK_TTL_MS, staleSeconds: e.KPI_STALE_SECONDS },
    nodeEnv: e.NODE_ENV,
    exposeUpstreamCalls: e.EXPOSE_UPSTREAM_CALLS ?? e.NODE_ENV !== 'production',
    cors: { origins: e.CORS_ORIGINS, allowCredentials: e.CORS_ALLOW_CREDENTIALS, extraAllowedHeaders: e.CORS_ALLOWED_HEADERS, maxAgeSeconds: e.CORS_MAX_AGE_SECONDS },
    graphiql: e.GRAPHIQL ?? e.NODE_ENV !== 'production',
    introspection: e.INTROSPECTION ?? e.NODE_ENV !== 'production',
    fieldSuggestions: e.FIELD_SUGGESTIONS ?? e.NODE_ENV !== 'production',
    limits: {
      structural: {
        maxDepth: e.LIMIT_MAX_DEPTH ?? DEFAULT_LIMITS.structural.maxDepth,
        maxAliases: e.LIMIT_MAX_ALIASES ?? DEFAULT_LIMITS.structural.maxAliases,
        maxDirectives: e.LIMIT_MAX_DIRECTIVES ?? DEFAULT_LIMITS.structural.maxDirectives,
        maxRootFields: e.LIMIT_MAX_ROOT_FIELDS ?? DEFAULT_LIMITS.structural.maxRootFields,
        maxTokens: e.LIMIT_MAX_TOKENS ?? DEFAULT_LIMITS.structural.maxTokens,
        maxDocumentBytes: e.LIMIT_MAX_DOCUMENT_BYTES ?? DEFAULT_LIMITS.structural.maxDocumentBytes,
      },
      cost: {
        maxEstimatedObjects: e.LIMIT_MAX_ESTIMATED_OBJECTS ?? DEFAULT_LIMITS.cost.maxEstimatedObjects,
        maxEstimatedUpstreamCalls: e.LIMIT_MAX_ESTIMATED_UPSTREAM_CALLS ?? DEFAULT_LIMITS.cost.maxEstimatedUpstreamCalls,
      },
      execution: {
        deadlineMs: e.REQUEST_DEADLINE_MS ?? DEFAULT_LIMITS.execution.deadlineMs,
        maxUpstreamCalls: e.LIMIT_MAX_UPSTREAM_CALLS ?? DEFAULT_LIMITS.execution.maxUpstreamCalls,
        maxResolverCalls: e.LIMIT_MAX_RESOLVER_CALLS ?? DEFAULT_LIMITS.execution.maxResolverCalls,
        maxKpiReads: e.LIMIT_MAX_KPI_READS ?? DEFAULT_LIMITS.execution.maxKpiReads,
        maxNodeIds: e.LIMIT_MAX_NODE_IDS ?? DEFAULT_LIMITS.execution.maxNodeIds,
        maxResponseBytes: e.LIMIT_MAX_RESPONSE_BYTES ?? DEFAULT_LIMITS.execution.maxResponseBytes,
      },
    },
    loaderMode: e.LOADER_MODE,
    admissionWorkers: e.ADMISSION_WORKERS,
    rateLimits: e.RATE_LIMITS
      ? { points: e.RATE_LIMIT_POINTS, windowSeconds: e.RATE_LIMIT_WINDOW_SECONDS, sendPoints: e.RATE_LIMIT_SEND_POINTS, sendWindowSeconds: e.RATE_LIMIT_SEND_WINDOW_SECONDS }
      : undefined,
    trustProxyHops: e.TRUST_PROXY_HOPS,
    auth: {
      policiesDir: e.POLICIES_DIR,
      policiesRefreshSeconds: e.POLICIES_REFRESH_SECONDS,
      apiKeysFile: e.API_KEYS_FILE,
      anonymousPolicies: e.ANONYMOUS_POLICIES ?? (e.NODE_ENV === 'production' ? [] : 'open'),
      jwt:
        jwks && e.JWT_ISSUER && e.JWT_AUDIENCE
          ? { jwks, issuer: e.JWT_ISSUER, audience: e.JWT_AUDIENCE, algorithms: e.JWT_ALGORITHMS, clockToleranceSeconds: e.JWT_CLOCK_TOLERANCE_SECONDS, policyClaim: e.JWT_POLICY_CLAIM }
          : undefined,
    },
    trustedDocuments: { mode: e.TRUSTED_DOCUMENTS, file: e.TRUSTED_DOCUMENTS_FILE },
    apqTtlSeconds: e.APQ_TTL_SECONDS,
    audit: e.AUDIT_LOG,
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    workers: workersSetting(e),
    logLevel: e.LOG_LEVEL,
    metrics: { port: e.METRICS_PORT, host: e.METRICS_HOST, token: e.METRICS_TOKEN, maxOperationNames: e.METRICS_MAX_OPERATION_NAMES },
    tracing: tracingConfig(e),
  };
}

/** Module-private: OTLP's default traces URL (a collector on the same host), for `TRACING=otlp` without an endpoint. */
const DEFAULT_OTLP_TRACES_ENDPOINT = 'http://localhost:4318/v1/traces';

/**
 * Module-private: traces follow OpenTelemetry's variables: `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` is
 * the traces URL as is, `OTEL_EXPORTER_OTLP_ENDPOINT` a base the signal path `/v1/traces` is added
 * to; either turns tracing on unless `TRACING=off`, and `TRACING=otlp` alone sends to OTLP's default.
 */
function tracingConfig(e: z.infer<typeof envSchema>): Config['tracing'] {
  if (e.TRACING === 'off') return undefined;
  const endpoint =
    e.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ??
    (e.OTEL_EXPORTER_OTLP_ENDPOINT !== undefined ? `${e.OTEL_EXPORTER_OTLP_ENDPOINT}/v1/traces` : e.TRACING === 'otlp' ? DEFAULT_OTLP_TRACES_ENDPOINT : undefined);
  return endpoint === undefined ? undefined : { endpoint, serviceName: e.OTEL_SERVICE_NAME, sampleRatio: e.TRACING_SAMPLE_RATIO };
}

/**
 * Module-private: `ENGAGEMENT_*` go together: the endpoint only with `UPSTREAM=aws` (the emulator
 * still serves every engagement operation, so a second endpoint would only split its data), and its
 * two credentials both or neither, only with the endpoint.
 */
function engagementProblems(e: z.infer<typeof envSchema>, present: Record<string, unknown>): string[] {
  const problems: string[] = [];
  if (e.ENGAGEMENT_ENDPOINT !== undefined && e.UPSTREAM !== 'aws') {
    problems.push(`ENGAGEMENT_ENDPOINT applies only with UPSTREAM=aws (it serves the Pinpoint operations AWS retired; the emulator still serves them all); got ENGAGEMENT_ENDPOINT=${JSON.stringify(present.ENGAGEMENT_ENDPOINT)} and UPSTREAM=${JSON.stringify(e.UPSTREAM)}`);
  }
  for (const [name, other] of [['ENGAGEMENT_ACCESS_KEY_ID', 'ENGAGEMENT_SECRET_ACCESS_KEY'], ['ENGAGEMENT_SECRET_ACCESS_KEY', 'ENGAGEMENT_ACCESS_KEY_ID']] as const) {
    if (e[name] === undefined) continue;
    if (e.ENGAGEMENT_ENDPOINT === undefined) problems.push(`ENGAGEMENT_ENDPOINT must be set when ${name} is (the credentials are the engagement endpoint's); got no ENGAGEMENT_ENDPOINT`);
    else if (e[other] === undefined) problems.push(`${other} must be set when ${name} is (one key pair); got no ${other}`);
  }
  return problems;
}

/**
 * Module-private: `WORKERS` resolved. Unset, production with Redis gets one process per CPU (every
 * shared state is in Redis); anything else one process, so no default ever splits the state.
 */
function workersSetting(e: z.infer<typeof envSchema>): number {
  if (e.WORKERS === 'auto') return availableParallelism();
  if (e.WORKERS !== undefined) return Number(e.WORKERS);
  return e.NODE_ENV === 'production' && e.REDIS_URL !== undefined ? availableParallelism() : 1;
}

/**
 * Module-private: without Redis, each worker process keeps its own rate-limit budgets (a caller
 * gets one per worker: N times the budget), KPI cache and single flight. In production, with rate
 * limits on, that weakens a protection, so it is refused; elsewhere the supervisor warns.
 */
function workersProblems(e: z.infer<typeof envSchema>, present: Record<string, unknown>): string[] {
  const workers = workersSetting(e);
  if (workers <= 1 || e.REDIS_URL !== undefined || e.NODE_ENV !== 'production' || !e.RATE_LIMITS) return [];
  return [
    `WORKERS must be 1 in production without REDIS_URL while rate limits are on: each of the ${workers} worker processes would keep its own rate-limit budgets (a caller would get ${workers} times its budget), KPI cache and single flight; set REDIS_URL (shared by every worker), or WORKERS=1; got WORKERS=${JSON.stringify(present.WORKERS)} and no REDIS_URL`,
  ];
}

/**
 * Module-private: the JWT variables go together: one key set (URL or file), with an issuer and an
 * audience (a token checked against no issuer or audience would be accepted from anyone the key
 * set's owner ever signed for); a key set fetched over plain HTTP is refused in production.
 */
function jwtProblems(e: z.infer<typeof envSchema>, present: Record<string, unknown>): string[] {
  const problems: string[] = [];
  if (e.JWT_JWKS_URL !== undefined && e.JWT_JWKS_FILE !== undefined) {
    problems.push(`JWT_JWKS_URL and JWT_JWKS_FILE are exclusive (one key set); got JWT_JWKS_URL=${JSON.stringify(present.JWT_JWKS_URL)} and JWT_JWKS_FILE=${JSON.stringify(present.JWT_JWKS_FILE)}`);
  }
  const keySet = e.JWT_JWKS_URL !== undefined ? 'JWT_JWKS_URL' : e.JWT_JWKS_FILE !== undefined ? 'JWT_JWKS_FILE' : undefined;
  for (const name of ['JWT_ISSUER', 'JWT_AUDIENCE'] as const) {
    if (keySet !== undefined && e[name] === undefined) problems.push(`${name} must be set when ${keySet} is (tokens are checked against it); got no ${name}`);
    if (keySet === undefined && e[name] !== undefined) problems.push(`JWT_JWKS_URL or JWT_JWKS_FILE must be set when ${name} is (no key set, no tokens); got ${name}=${JSON.stringify(present[name])}`);
  }
  if (e.JWT_JWKS_URL !== undefined && e.NODE_ENV === 'production' && !e.JWT_JWKS_URL.startsWith('https:')) {
    problems.push(`JWT_JWKS_URL must be https:// in production (a key set fetched over plain HTTP can be replaced on the way); got ${JSON.stringify(present.JWT_JWKS_URL)}`);
  }
  return problems;
}
