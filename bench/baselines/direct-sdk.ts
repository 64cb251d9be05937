import { performance } from 'node:perf_hooks';
import { DIRECT_SDK_RESULT_MARKER, type DirectSdkFigures, type DirectSdkInput } from '../lib/directSdk';
import { loadBenchQuery } from '../lib/queries';
import { round, summarize } from '../lib/stats';
import { CallCounter, createPinpointClient, createSmsVoiceClient } from '../../src/upstream';
import { GLUE } from './glue';
import { measureTransportFloor } from './transport-floor';

/**
 * Baseline 2's process: runs the hand-written glue of each requested reference query against the
 * emulator and prints one line `direct-sdk result <json>`: per query, the upstream calls of one
 * run and the latency of `iterations` runs by `concurrency` workers. Its SDK clients are built
 * exactly as the gateway builds its own (same factories, same HTTP settings), so the difference
 * to the gateway is the GraphQL layer alone. Beside each query, the transport floor: its critical
 * path's round trips in bare node:http (transport-floor.ts). Input: the JSON in the environment variable
 * BENCH_DIRECT_SDK ({ endpoint, queries, iterations, concurrency, warmup }).
 */

/** Module-private. */
async function main(): Promise<void> {
  const input = JSON.parse(process.env.BENCH_DIRECT_SDK ?? 'null') as DirectSdkInput | null;
  if (!input) throw new Error('BENCH_DIRECT_SDK must hold the JSON input {endpoint, queries, iterations, concurrency, warmup}; it is unset.');
  const calls = new CallCounter();
  const options = { upstream: 'emulator' as const, region: 'us-east-1', endpoints: { pinpoint: input.endpoint, smsVoice: input.endpoint } };
  const clients = { pinpoint: createPinpointClient(options, calls), sms: createSmsVoiceClient(options, calls) };
  const results: DirectSdkFigures[] = [];
  for (const name of input.queries) {
    const glue = GLUE[name];
    const { variables, criticalPathCalls } = loadBenchQuery(name);
    for (let i = 0; i < input.warmup; i += 1) await glue(clients, variables);
    const before = calls.snapshot().byOperation;
    await glue(clients, variables);
    const after = calls.snapshot().byOperation;
    const perRun = Object.fromEntries(Object.entries(after).map(([op, n]) => [op, n - (before[op] ?? 0)]).filter(([, n]) => (n as number) > 0));
    const samples: number[] = [];
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: input.concurrency }, async () => {
        while (next < input.iterations) {
          next += 1;
          const t0 = performance.now();
          await glue(clients, variables);
          samples.push(performance.now() - t0);
        }
      }),
    );
    const elapsedSeconds = (performance.now() - started) / 1000;
    const summary = summarize(samples);
    results.push({
      query: name,
      calls: perRun,
      concurrency: input.concurrency,
      requests: samples.length,
      rps: round(samples.length / elapsedSeconds),
      p50Ms: round(summary.p50Ms),
      p99Ms: round(summary.p99Ms),
      meanMs: round(summary.meanMs),
      maxMs: round(summary.maxMs),
      transportFloorP50Ms: await measureTransportFloor(input.endpoint, criticalPathCalls, { iterations: input.iterations, warmup: input.warmup }),
    });
  }
  clients.pinpoint.destroy();
  clients.sms.destroy();
  process.stdout.write(`${DIRECT_SDK_RESULT_MARKER}${JSON.stringify(results)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`direct-sdk failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
