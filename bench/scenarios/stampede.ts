import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Scenario } from '../lib/context';
import { callsDelta, emulatorCalls, postClean, waitForQuiet } from '../lib/http';
import type { BenchProcess } from '../lib/processes';
import { requestBody } from '../lib/queries';
import { round, summarize } from '../lib/stats';
import { startGateway } from '../lib/stack';

/**
 * The cold KPI stampede: `requests` identical KPI queries, all in flight at once, spread round
 * robin over `gatewayProcesses` fresh gateway processes that share one Redis under a key prefix
 * of their own (so the KPI is cold). The emulator's count tells how many upstream KPI calls the
 * whole stampede cost; single flight in each process and the Redis lock across them should make it 1.
 */
export const stampedeScenario: Scenario<'stampede'> = {
  name: 'stampede',
  async run(ctx) {
    const query = ctx.queries['kpi-stampede'];
    const body = requestBody(query);
    const { requests, gatewayProcesses } = ctx.profile.stampede;
    const keyPrefix = `${ctx.keyPrefix}stampede:`;
    const gateways: BenchProcess[] = [];
    try {
      gateways.push(
        ...(await Promise.all(
          Array.from({ length: gatewayProcesses }, (_, i) =>
            startGateway(ctx.stack, { name: `stampede-${i + 1}`, emulatorUrl: ctx.emulator.url, redis: { url: ctx.redisUrl, keyPrefix }, loaderMode: 'batched' }),
          ),
        )),
      );
      // Warm each process's HTTP and GraphQL paths without touching the KPI.
      for (const gateway of gateways) await postClean(`${gateway.url}/graphql`, JSON.stringify({ query: '{ __typename }' }), gateway.name);
      const agents = gateways.map(() => new Agent({ keepAlive: true, maxSockets: Infinity }));
      await waitForQuiet(ctx.emulator.url);
      const before = await emulatorCalls(ctx.emulator.url);
      const started = performance.now();
      const outcomes = await Promise.all(Array.from({ length: requests }, (_, i) => post(gateways[i % gateways.length].url, agents[i % agents.length], body)));
      const wallMs = performance.now() - started;
      const emulatorSeen = callsDelta(before, await emulatorCalls(ctx.emulator.url));
      for (const agent of agents) agent.destroy();
      const kpiCalls = Object.entries(emulatorSeen)
        .filter(([operation]) => operation.endsWith('DateRangeKpi'))
        .reduce((sum, [, n]) => sum + n, 0);
      const latency = summarize(outcomes.map((outcome) => outcome.ms));
      const failed = outcomes.filter((outcome) => !outcome.ok);
      const failures = failed.length;
      const failureSamples = [...new Set(failed.map((outcome) => outcome.problem ?? 'unknown'))].slice(0, 3);
      ctx.log(`stampede: ${requests} requests over ${gatewayProcesses} processes → ${kpiCalls} upstream KPI call(s), ${failures} failed, ${Math.round(wallMs)} ms`);
      return { query: query.name, requests, gatewayProcesses, kpiCalls, emulatorCalls: emulatorSeen, failures, failureSamples, wallMs: round(wallMs), p50Ms: round(latency.p50Ms), maxMs: round(latency.maxMs) };
    } finally {
      await Promise.all(gateways.map((gateway) => gateway.stop()));
    }
  },
};

/** Module-private: one POST; `ok` when the answer is a 200 whose JSON has data and no errors. */
function post(baseUrl: string, agent: Agent, body: string): Promise<{ ok: boolean; ms: number; problem?: string }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const req = request(`${baseUrl}/graphql`, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let ok = res.statusCode === 200;
        try {
          const parsed = JSON.parse(text) as { data?: unknown; errors?: unknown[] };
          ok &&= parsed.data !== undefined && parsed.data !== null && !parsed.errors?.length;
        } catch {
          ok = false;
        }
        resolve({ ok, ms: performance.now() - started, problem: ok ? undefined : `${res.statusCode} ${text.slice(0, 300)}` });
      });
      res.on('error', (error) => resolve({ ok: false, ms: performance.now() - started, problem: error.message }));
    });
    req.on('error', (error) => resolve({ ok: false, ms: performance.now() - started, problem: error.message }));
    req.end(body);
  });
}
