import { performance } from 'node:perf_hooks';
import type { Scenario } from '../lib/context';
import { postClean } from '../lib/http';
import type { BenchProcess } from '../lib/processes';
import { REFERENCE_QUERIES, requestBody } from '../lib/queries';
import type { ChainRow } from '../lib/results';
import { round, summarize } from '../lib/stats';
import { startEmulator, startGateway } from '../lib/stack';

/** The latency this scenario's own emulator adds per call: large enough that per-call CPU is noise beside it. */
export const CHAIN_LATENCY_MS = 200;

/**
 * How many upstream round trips the gateway waits for in sequence per reference query (the
 * diagnosis of a latency miss): a second emulator adds {@link CHAIN_LATENCY_MS} per call, and the
 * median of a few warm requests (quick: one) at concurrency 1 ÷ that latency is the chain the gateway walks,
 * to compare with the query's critical path.
 */
export const chainScenario: Scenario<'chain'> = {
  name: 'chain',
  async run(ctx) {
    const started: BenchProcess[] = [];
    try {
      const emulator = await startEmulator({ ...ctx.stack, latencyMs: CHAIN_LATENCY_MS, cpuProfDir: undefined }, 'chain-emulator');
      started.push(emulator);
      const gateway = await startGateway({ ...ctx.stack, latencyMs: CHAIN_LATENCY_MS, cpuProfDir: undefined }, { name: 'chain-gateway', emulatorUrl: emulator.url, loaderMode: 'batched' });
      started.push(gateway);
      const rows: ChainRow[] = [];
      for (const name of REFERENCE_QUERIES) {
        const query = ctx.queries[name];
        const body = requestBody(query);
        // The first request fills the KPI cache and warms the code paths; the figure is about warm requests.
        await postClean(`${gateway.url}/graphql`, body, `${name} on the chain gateway`);
        const samples: number[] = [];
        for (let i = 0; i < ctx.profile.chain.samples; i += 1) {
          const t0 = performance.now();
          await postClean(`${gateway.url}/graphql`, body, `${name} on the chain gateway`);
          samples.push(performance.now() - t0);
        }
        const roundTrips = round(summarize(samples).p50Ms / CHAIN_LATENCY_MS, 2);
        rows.push({ query: name, latencyMs: CHAIN_LATENCY_MS, criticalPathCalls: query.criticalPathCalls, gatewayRoundTrips: roundTrips });
        ctx.log(`chain: ${name}: ${roundTrips} round trips in sequence (critical path ${query.criticalPathCalls})`);
      }
      return rows;
    } finally {
      await Promise.all(started.map((process) => process.stop()));
    }
  },
};
