import { join } from 'node:path';
import { runToCompletion } from './processes';
import { REFERENCE_QUERIES, type ReferenceQueryName } from './queries';
import { ROOT } from './stack';

/** The runner's side of baseline 2 (bench/baselines/direct-sdk.ts): its input, its output, and running it. */

/** The input of the direct-SDK process (JSON in BENCH_DIRECT_SDK). */
export interface DirectSdkInput {
  readonly endpoint: string;
  readonly queries: readonly ReferenceQueryName[];
  readonly iterations: number;
  readonly concurrency: number;
  readonly warmup: number;
}

/** One query's figures from the direct-SDK process. */
export interface DirectSdkFigures {
  readonly query: ReferenceQueryName;
  /** Upstream calls of one run of the glue. */
  readonly calls: Readonly<Record<string, number>>;
  readonly concurrency: number;
  readonly requests: number;
  readonly rps: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly meanMs: number;
  readonly maxMs: number;
  /** p50 of the query's critical path walked in bare node:http GETs: the machine's floor. */
  readonly transportFloorP50Ms: number;
}

/** The marker before the process's JSON result line. */
export const DIRECT_SDK_RESULT_MARKER = 'direct-sdk result ';

/** Runs the direct-SDK glue of every reference query in its own process (tsx) and parses its result line. */
export async function runDirectSdk(endpoint: string, options: { iterations: number; warmup: number }, log: (line: string) => void): Promise<DirectSdkFigures[]> {
  const input: DirectSdkInput = { endpoint, queries: [...REFERENCE_QUERIES], iterations: options.iterations, concurrency: 1, warmup: options.warmup };
  log(`direct SDK: ${options.iterations} runs per query at c=1`);
  const stdout = await runToCompletion({ name: 'direct-sdk', nodeArgs: ['--import', 'tsx', join(ROOT, 'bench', 'baselines', 'direct-sdk.ts')], env: { BENCH_DIRECT_SDK: JSON.stringify(input) } });
  const line = stdout.split('\n').find((l) => l.startsWith(DIRECT_SDK_RESULT_MARKER));
  if (!line) throw new Error(`direct-sdk printed no "${DIRECT_SDK_RESULT_MARKER.trim()}" line; its output:\n${stdout}`);
  return JSON.parse(line.slice(DIRECT_SDK_RESULT_MARKER.length)) as DirectSdkFigures[];
}
