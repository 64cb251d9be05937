import type { DirectSdkFigures } from './directSdk';
import type { BenchProcess } from './processes';
import type { BenchQuery } from './queries';
import type { Figures } from './results';
import type { StackOptions } from './stack';

/**
 * What every scenario gets from the runner: the run's profile, the processes already running
 * (emulator, product gateway, naive gateway) and the queries; and the shape of a scenario module.
 */

/** How long and how hard a run measures. */
export interface BenchProfile {
  readonly name: 'quick' | 'full';
  /** Length of each latency load run. */
  readonly loadSeconds: number;
  /** Warm-up before each query's first load run on a gateway (0: none). */
  readonly warmupSeconds: number;
  /** Concurrencies of the product gateway's load runs. */
  readonly concurrencies: readonly number[];
  /** Concurrencies of the naive gateway's load runs. */
  readonly naiveConcurrencies: readonly number[];
  /** The direct-SDK glue: runs per query at concurrency 1, after `warmup` runs. */
  readonly directSdk: { readonly iterations: number; readonly warmup: number };
  /** Warm requests per query of the round-trip chain figure. */
  readonly chain: { readonly samples: number };
  readonly throughput: { readonly seconds: number; readonly concurrency: number };
  readonly stampede: { readonly requests: number; readonly gatewayProcesses: number };
  /** The soak: its length, concurrency, warm-up share and RSS sampling interval. */
  readonly soak: { readonly seconds: number; readonly concurrency: number; readonly warmupShare: number; readonly sampleEveryMs: number };
}

/** The two profiles: `--quick` (under a minute) and the full suite (under ten minutes). */
export const PROFILES: Readonly<Record<BenchProfile['name'], BenchProfile>> = {
  quick: {
    name: 'quick',
    loadSeconds: 1,
    warmupSeconds: 0,
    concurrencies: [1, 16],
    naiveConcurrencies: [1],
    directSdk: { iterations: 10, warmup: 2 },
    chain: { samples: 1 },
    throughput: { seconds: 1, concurrency: 64 },
    stampede: { requests: 1000, gatewayProcesses: 3 },
    soak: { seconds: 4, concurrency: 16, warmupShare: 1 / 4, sampleEveryMs: 500 },
  },
  full: {
    name: 'full',
    loadSeconds: 8,
    warmupSeconds: 2,
    concurrencies: [1, 16, 64],
    naiveConcurrencies: [1, 16, 64],
    directSdk: { iterations: 100, warmup: 5 },
    chain: { samples: 3 },
    throughput: { seconds: 10, concurrency: 64 },
    stampede: { requests: 1000, gatewayProcesses: 3 },
    soak: { seconds: 120, concurrency: 16, warmupShare: 1 / 6, sampleEveryMs: 1000 },
  },
};

/** What a scenario runs against. */
export interface BenchContext {
  readonly profile: BenchProfile;
  readonly stack: StackOptions;
  readonly emulator: BenchProcess;
  /** The product: batched loaders, KPI cache in Redis under `keyPrefix`. */
  readonly gateway: BenchProcess;
  /** Baseline 1: the same gateway with LOADER_MODE=naive. */
  readonly naive: BenchProcess;
  readonly redisUrl: string;
  /** This run's Redis key prefix (unique per run; scenarios add their own suffix). */
  readonly keyPrefix: string;
  readonly queries: Readonly<Record<string, BenchQuery>>;
  /** The direct-SDK baseline's figures (run once per bench run, on first use). */
  directSdk(): Promise<readonly DirectSdkFigures[]>;
  log(line: string): void;
}

/** A scenario module: `{ name, run }`, where the name is the figure it fills. */
export interface Scenario<K extends keyof Figures = keyof Figures> {
  readonly name: K;
  run(ctx: BenchContext): Promise<NonNullable<Figures[K]>>;
}
