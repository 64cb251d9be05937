import { join } from 'node:path';
import { startProcess, type BenchProcess } from './processes';

/**
 * How the bench starts each kind of process. The gateway and the emulator run as compiled
 * JavaScript from `dist/` (the product, not the TypeScript loader) unless the runtime is `tsx`;
 * the bench's own baselines always run through tsx, whose cost is paid once at module load.
 */

/** The project root (bench/lib/ → ../..). */
export const ROOT = join(__dirname, '..', '..');

/** `dist`: compiled JS from `npm run build`; `tsx`: the TypeScript sources through tsx. */
export type Runtime = 'dist' | 'tsx';

/** What every process of a run shares. */
export interface StackOptions {
  readonly runtime: Runtime;
  /** Latency the emulator adds to every service call, in ms. */
  readonly latencyMs: number;
  /** When set, the emulator and the gateways run with `--cpu-prof` and write their profiles here. */
  readonly cpuProfDir?: string;
  /** The gateways' LOG_LEVEL (default `warn`: one log line per request would be measured too). */
  readonly logLevel?: string;
}

/** How a gateway differs from its siblings. */
export interface GatewaySpec {
  /** Label (`gateway`, `naive`, `stampede-2`, ...). */
  readonly name: string;
  readonly emulatorUrl: string;
  /** Shared KPI cache; undefined: the gateway's in-process memory cache. */
  readonly redis?: { readonly url: string; readonly keyPrefix: string };
  /** `naive`: DataLoader without batching or caching and a pass-through KPI cache (the baseline). */
  readonly loaderMode: 'batched' | 'naive';
  /** More environment for the gateway (a variant's settings). */
  readonly env?: Readonly<Record<string, string>>;
}

/** Module-private: the `node` arguments that run one of the project's entry points. */
function entry(options: StackOptions, source: string): string[] {
  return options.runtime === 'dist' ? [join(ROOT, 'dist', source.replace(/\.ts$/, '.js'))] : ['--import', 'tsx', join(ROOT, source)];
}

/** Module-private: `--cpu-prof` flags writing `<name>.cpuprofile` when profiling is on. */
function cpuProfFlags(options: StackOptions, name: string): string[] {
  return options.cpuProfDir ? ['--cpu-prof', '--cpu-prof-dir', options.cpuProfDir, '--cpu-prof-name', `${name}.cpuprofile`] : [];
}

/** Starts the emulator, seeded, with the run's latency, on a free port. */
export function startEmulator(options: StackOptions, name = 'emulator'): Promise<BenchProcess> {
  return startProcess({
    name,
    nodeArgs: [...cpuProfFlags(options, name), ...entry(options, 'src/emulator/main.ts')],
    // The call log (last 2,000 gateway requests) lets the calls scenario check for redundant calls.
    env: { EMULATOR_PORT: '0', EMULATOR_HOST: '127.0.0.1', EMULATOR_LATENCY_MS: String(options.latencyMs), EMULATOR_SEED: 'true', EMULATOR_CALL_LOG: 'true' },
    ready: /listening on (http:\/\/[\d.:]+)/,
  });
}

/** Starts one gateway process against the emulator, on a free port. */
export function startGateway(options: StackOptions, spec: GatewaySpec): Promise<BenchProcess> {
  return startProcess({
    name: spec.name,
    nodeArgs: [...cpuProfFlags(options, spec.name), ...entry(options, 'src/main.ts')],
    env: {
      PORT: '0',
      HOST: '127.0.0.1',
      UPSTREAM: 'emulator',
      PINPOINT_ENDPOINT: spec.emulatorUrl,
      SMS_VOICE_ENDPOINT: spec.emulatorUrl,
      NODE_ENV: 'production',
      // Production hides the per-request call counts; the bench reads them.
      EXPOSE_UPSTREAM_CALLS: 'true',
      // Production's anonymous caller has no policy (every upstream field FORBIDDEN); the bench's
      // anonymous caller may do anything (bench/policies/bench-open.json), so no decision runs.
      // bench/policyCost.ts measures what deciding a realistic policy costs.
      POLICIES_DIR: join(ROOT, 'bench', 'policies'),
      ANONYMOUS_POLICIES: 'bench-open',
      // The load generators are one anonymous caller at 127.0.0.1: rate limits would measure
      // themselves (429s), not the gateway.
      RATE_LIMITS: 'false',
      // One process unless a scenario asks for more (bench/scale.ts): production with Redis would
      // default to one worker per CPU, and the figures read /proc of the one pid printed here.
      WORKERS: '1',
      LOG_LEVEL: options.logLevel ?? 'warn',
      LOADER_MODE: spec.loaderMode,
      ...(spec.redis ? { REDIS_URL: spec.redis.url, REDIS_KEY_PREFIX: spec.redis.keyPrefix } : {}),
      ...spec.env,
    },
    ready: /GraphQL at (http:\/\/[\d.:]+)\/graphql/,
  });
}

/** Starts the bare Apollo Server baseline (answers `{ __typename }`). */
export function startBareApollo(): Promise<BenchProcess> {
  return startProcess({ name: 'bare-apollo', nodeArgs: ['--import', 'tsx', join(ROOT, 'bench', 'baselines', 'bare-apollo.ts')], ready: /bare-apollo listening on (http:\/\/[\d.:]+)/ });
}
