import type { Scenario } from '../lib/context';
import { postClean, waitForQuiet } from '../lib/http';
import { runLoad } from '../lib/load';
import { requestBody } from '../lib/queries';
import { cpuSeconds } from '../lib/procfs';
import { ratio } from '../lib/results';
import { startBareApollo } from '../lib/stack';
import { toRun } from './latency';

/**
 * Warm KPI query throughput on the product gateway ÷ the throughput of a bare Apollo Server
 * answering `{ __typename }` (baseline 3, its own process), both at the same concurrency.
 */
export const throughputScenario: Scenario<'throughput'> = {
  name: 'throughput',
  async run(ctx) {
    const query = ctx.queries['kpi-warm'];
    const body = requestBody(query);
    const url = `${ctx.gateway.url}/graphql`;
    // The first request fills the KPI cache; the second shows what a warm request costs upstream.
    await postClean(url, body, 'kpi-warm on the gateway');
    const warm = await postClean(url, body, 'kpi-warm on the gateway (warm)');
    const callsPerRequest = { ...(warm.extensions?.upstreamCalls?.byOperation ?? {}) };
    const { concurrency, seconds } = ctx.profile.throughput;
    const warmup = Math.max(0.5, ctx.profile.warmupSeconds);
    const bare = await startBareApollo();
    try {
      const bareBody = JSON.stringify({ query: '{ __typename }' });
      await postClean(`${bare.url}/graphql`, bareBody, 'bare Apollo');
      await waitForQuiet(ctx.emulator.url);
      await runLoad({ url: `${bare.url}/graphql`, bodies: [bareBody], connections: concurrency, durationSeconds: warmup });
      const bareCpuBefore = cpuSeconds(bare.pid);
      const bareFigures = await runLoad({ url: `${bare.url}/graphql`, bodies: [bareBody], connections: concurrency, durationSeconds: seconds });
      const bareCpu = cpuSeconds(bare.pid) - bareCpuBefore;
      await runLoad({ url, bodies: [body], connections: concurrency, durationSeconds: warmup });
      await waitForQuiet(ctx.emulator.url);
      const gatewayCpuBefore = cpuSeconds(ctx.gateway.pid);
      const gatewayFigures = await runLoad({ url, bodies: [body], connections: concurrency, durationSeconds: seconds });
      const gatewayCpu = cpuSeconds(ctx.gateway.pid) - gatewayCpuBefore;
      const cpuMicrosPerRequest = { gateway: microsPerRequest(gatewayCpu, gatewayFigures.requests), bareApollo: microsPerRequest(bareCpu, bareFigures.requests) };
      const { variant: _a, ...gatewayRun } = toRun('gateway', gatewayFigures);
      const { variant: _b, ...bareRun } = toRun('gateway', bareFigures);
      ctx.log(`throughput: warm KPI ${Math.round(gatewayFigures.rps)} req/s, bare Apollo ${Math.round(bareFigures.rps)} req/s at c=${concurrency}; CPU per request ${cpuMicrosPerRequest.gateway} vs ${cpuMicrosPerRequest.bareApollo} µs`);
      return { query: query.name, concurrency, gateway: gatewayRun, bareApollo: bareRun, gatewayCallsPerRequest: callsPerRequest, ratio: ratio(gatewayFigures.rps, bareFigures.rps) ?? 0, cpuMicrosPerRequest };
    } finally {
      await bare.stop();
    }
  },
};

/** Module-private: CPU seconds over a run ÷ its requests, in whole microseconds. */
function microsPerRequest(cpu: number, requests: number): number {
  return requests > 0 ? Math.round((cpu * 1e6) / requests) : 0;
}
