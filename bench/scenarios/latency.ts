import type { BenchContext, Scenario } from '../lib/context';
import { waitForQuiet } from '../lib/http';
import { runLoad, type LoadFigures } from '../lib/load';
import { assertAllAlive, type BenchProcess } from '../lib/processes';
import { REFERENCE_QUERIES, requestBody } from '../lib/queries';
import { ratio, type LatencyRow, type LoadRun } from '../lib/results';
import { round } from '../lib/stats';

/**
 * p50/p99 latency and req/s of every reference query on the product gateway and the naive
 * gateway at each concurrency, beside the direct-SDK glue at concurrency 1, and each p50 at
 * concurrency 1 ÷ the query's upstream critical path, beside the same ratio of the transport floor
 * (the critical path's round trips in bare node:http, measured in the direct-SDK process).
 */
export const latencyScenario: Scenario<'latency'> = {
  name: 'latency',
  async run(ctx) {
    const direct = await ctx.directSdk();
    const rows: LatencyRow[] = [];
    for (const name of REFERENCE_QUERIES) {
      const query = ctx.queries[name];
      const body = requestBody(query);
      const runs: LoadRun[] = [
        ...(await measure(ctx, ctx.gateway, 'gateway', body, ctx.profile.concurrencies)),
        ...(await measure(ctx, ctx.naive, 'naive', body, ctx.profile.naiveConcurrencies)),
      ];
      const sdk = direct.find((figures) => figures.query === name);
      if (sdk) {
        const { query: _query, calls: _calls, transportFloorP50Ms: _floor, ...figures } = sdk;
        runs.push({ variant: 'direct-sdk', ...figures, failures: 0 });
      }
      const criticalPathMs = query.criticalPathCalls * ctx.stack.latencyMs;
      const gatewayC1 = runs.find((run) => run.variant === 'gateway' && run.concurrency === 1)?.p50Ms;
      rows.push({
        query: name,
        criticalPathCalls: query.criticalPathCalls,
        criticalPathMs,
        runs,
        gatewayC1OverCriticalPath: ratio(gatewayC1, criticalPathMs),
        directSdkOverCriticalPath: ratio(sdk?.p50Ms, criticalPathMs),
        transportFloorOverCriticalPath: ratio(sdk?.transportFloorP50Ms, criticalPathMs),
        gatewayOverDirectSdk: ratio(gatewayC1, sdk?.p50Ms),
      });
    }
    return rows;
  },
};

/** Module-private: one query on one gateway at each concurrency, after the profile's warm-up. */
async function measure(ctx: BenchContext, target: BenchProcess, variant: 'gateway' | 'naive', body: string, concurrencies: readonly number[]): Promise<LoadRun[]> {
  const url = `${target.url}/graphql`;
  if (ctx.profile.warmupSeconds > 0) await runLoad({ url, bodies: [body], connections: 8, durationSeconds: ctx.profile.warmupSeconds });
  const runs: LoadRun[] = [];
  for (const concurrency of concurrencies) {
    await waitForQuiet(ctx.emulator.url);
    const figures = await runLoad({ url, bodies: [body], connections: concurrency, durationSeconds: ctx.profile.loadSeconds });
    assertAllAlive();
    runs.push(toRun(variant, figures));
    ctx.log(`latency: ${variant} c=${concurrency}: p50 ${figures.p50Ms} ms, p99 ${figures.p99Ms} ms, ${Math.round(figures.rps)} req/s${figures.failures ? `, ${figures.failures} FAILED` : ''}`);
  }
  return runs;
}

/** Converts load figures to a result row entry. */
export function toRun(variant: LoadRun['variant'], figures: LoadFigures): LoadRun {
  return {
    variant,
    concurrency: figures.connections,
    requests: figures.requests,
    rps: round(figures.rps),
    p50Ms: figures.p50Ms,
    p99Ms: figures.p99Ms,
    meanMs: round(figures.meanMs),
    maxMs: figures.maxMs,
    failures: figures.failures,
  };
}
