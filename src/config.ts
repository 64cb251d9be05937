import { z } from 'zod';

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

/** Module-private: an absolute http(s) URL with no trailing slash (SDK endpoint override). */
const httpUrl = z
  .string()
  .trim()
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === 'http:' || url.protocol === 'https:';
    } catch {
      return false;
    }
  }, { message: 'must be an absolute http:// or https:// URL' })
  .transform((value) => value.replace(/\/+$/, ''));

/** Module-private: the raw environment schema, defaults included. */
const envSchema = z.object({
  PORT: integer(0, 65535).default('4000'),
  HOST: z.string().trim().min(1, { message: 'must not be empty' }).default('127.0.0.1'),
  UPSTREAM: z.enum(['emulator', 'aws'], { message: 'must be "emulator" or "aws"' }).default('emulator'),
  AWS_REGION: z
    .string()
    .trim()
    .regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, { message: 'must be an AWS region name such as us-east-1' })
    .default('us-east-1'),
  PINPOINT_ENDPOINT: httpUrl.optional(),
  SMS_VOICE_ENDPOINT: httpUrl.optional(),
  UPSTREAM_MAX_ATTEMPTS: integer(1, 10).default('3'),
  UPSTREAM_TIMEOUT_MS: integer(100, 120_000).default('10000'),
  REDIS_URL: z
    .string()
    .trim()
    .refine((value) => /^rediss?:\/\/.+/.test(value), { message: 'must be a redis:// or rediss:// URL' })
    .optional(),
  REDIS_KEY_PREFIX: z.string().min(1, { message: 'must not be empty' }).default('pinpoint-graph:'),
  REDIS_COMMAND_TIMEOUT_MS: integer(10, 60_000).default('500'),
  KPI_TTL_PAST_SECONDS: integer(1, 31_536_000).default('86400'),
  KPI_TTL_CURRENT_SECONDS: integer(1, 31_536_000).default('60'),
  KPI_LOCK_TTL_MS: integer(100, 600_000).default('10000'),
  NODE_ENV: z.enum(['development', 'test', 'production'], { message: 'must be "development", "test" or "production"' }).default('development'),
  EXPOSE_UPSTREAM_CALLS: flag.optional(),
  LOADER_MODE: z.enum(['batched', 'naive'], { message: 'must be "batched" or "naive"' }).default('batched'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { message: 'must be one of fatal, error, warn, info, debug, trace, silent' }).default('info'),
});

/** The validated configuration the composition root (`main.ts`) works from. */
export interface Config {
  /** Port the gateway listens on (0: any free port). */
  readonly port: number;
  /** Interface the gateway binds to. */
  readonly host: string;
  /** `emulator`: the project's emulator (fake static credentials); `aws`: real AWS (default credential chain). */
  readonly upstream: 'emulator' | 'aws';
  /** Region of both upstream clients; global IDs of other regions are refused. */
  readonly region: string;
  /**
   * Endpoint overrides for both services. Undefined with `upstream: 'emulator'` means: start the
   * emulator in-process, seeded; with `upstream: 'aws'`: the SDK's regional endpoints.
   */
  readonly endpoints?: { readonly pinpoint: string; readonly smsVoice: string };
  /** SDK attempts per command (retries included). */
  readonly upstreamMaxAttempts: number;
  /** Bound on one upstream HTTP request (connection plus response). */
  readonly upstreamTimeoutMs: number;
  /** Redis for the shared KPI cache; undefined: an in-process memory cache. */
  readonly redis?: { readonly url: string; readonly keyPrefix: string; readonly commandTimeoutMs: number };
  /** KPI cache lifetimes and the cross-process single-flight lock lifetime. */
  readonly kpi: { readonly ttlPastSeconds: number; readonly ttlCurrentSeconds: number; readonly lockTtlMs: number };
  /** Runtime mode: error details are shown only in `development`. */
  readonly nodeEnv: 'development' | 'test' | 'production';
  /** Whether responses carry `extensions.upstreamCalls` (default: on outside production). */
  readonly exposeUpstreamCalls: boolean;
  /** `naive`: loaders without batching or caching and no KPI cache (the benchmark's baseline only). */
  readonly loaderMode: 'batched' | 'naive';
  /** pino log level. */
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
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
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    port: e.PORT,
    host: e.HOST,
    upstream: e.UPSTREAM,
    region: e.AWS_REGION,
    endpoints: e.PINPOINT_ENDPOINT !== undefined && e.SMS_VOICE_ENDPOINT !== undefined ? { pinpoint: e.PINPOINT_ENDPOINT, smsVoice: e.SMS_VOICE_ENDPOINT } : undefined,
    upstreamMaxAttempts: e.UPSTREAM_MAX_ATTEMPTS,
    upstreamTimeoutMs: e.UPSTREAM_TIMEOUT_MS,
    redis: e.REDIS_URL === undefined ? undefined : { url: e.REDIS_URL, keyPrefix: e.REDIS_KEY_PREFIX, commandTimeoutMs: e.REDIS_COMMAND_TIMEOUT_MS },
    kpi: { ttlPastSeconds: e.KPI_TTL_PAST_SECONDS, ttlCurrentSeconds: e.KPI_TTL_CURRENT_SECONDS, lockTtlMs: e.KPI_LOCK_TTL_MS },
    nodeEnv: e.NODE_ENV,
    exposeUpstreamCalls: e.EXPOSE_UPSTREAM_CALLS ?? e.NODE_ENV !== 'production',
    loaderMode: e.LOADER_MODE,
    logLevel: e.LOG_LEVEL,
  };
}
