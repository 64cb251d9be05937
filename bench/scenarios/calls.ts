import type { Scenario } from '../lib/context';
import { callsDelta, emulatorCalls, postClean } from '../lib/http';
import { REFERENCE_QUERIES, requestBody } from '../lib/queries';
import { isAtMinimum, type CallsRow } from '../lib/results';

/**
 * Upstream calls of every reference query beside its computed minimum: the product gateway's
 * first request (cold KPI cache; counted by the gateway and cross-checked against the emulator's
 * own count) and second request (warm), the naive baseline's and the direct-SDK glue's.
 * Runs first, while the run's KPI cache is still cold.
 */
export const callsScenario: Scenario<'calls'> = {
  name: 'calls',
  async run(ctx) {
    const direct = await ctx.directSdk();
    const rows: CallsRow[] = [];
    for (const name of REFERENCE_QUERIES) {
      const query = ctx.queries[name];
      const body = requestBody(query);
      // Request IDs the emulator's call log can be asked about (the gateway takes a well-formed one).
      const requestIds = { cold: `bench-calls-${RUN}-${name}-cold`, warm: `bench-calls-${RUN}-${name}-warm` };
      const before = await emulatorCalls(ctx.emulator.url);
      const cold = await postClean(`${ctx.gateway.url}/graphql`, body, `${name} on the gateway`, { 'x-request-id': requestIds.cold });
      const after = await emulatorCalls(ctx.emulator.url);
      const warm = await postClean(`${ctx.gateway.url}/graphql`, body, `${name} on the gateway (warm)`, { 'x-request-id': requestIds.warm });
      const redundantCalls = [...(await redundantCallsOf(ctx.emulator.url, requestIds.cold)), ...(await redundantCallsOf(ctx.emulator.url, requestIds.warm))];
      const naive = await postClean(`${ctx.naive.url}/graphql`, body, `${name} on the naive gateway`);
      const coldCalls = upstreamCallsOf(cold, name);
      const emulatorSeen = Object.fromEntries(Object.entries(callsDelta(before, after)).map(([operation, n]) => [operation.replace(/^[^.]+\./, ''), n]));
      const naiveCalls = upstreamCallsOf(naive, name);
      const directCalls = direct.find((figures) => figures.query === name)?.calls ?? null;
      rows.push({
        query: name,
        minimum: query.minimumCalls,
        minimumTotal: total(query.minimumCalls),
        gatewayCold: coldCalls,
        gatewayColdTotal: total(coldCalls),
        emulatorAgrees: isAtMinimum(coldCalls, emulatorSeen),
        gatewayWarm: upstreamCallsOf(warm, name),
        gatewayWarmTotal: total(upstreamCallsOf(warm, name)),
        naive: naiveCalls,
        naiveTotal: total(naiveCalls),
        directSdk: directCalls,
        directSdkTotal: directCalls ? total(directCalls) : null,
        atMinimum: isAtMinimum(query.minimumCalls, coldCalls),
        redundantCalls,
      });
      ctx.log(`calls: ${name}: minimum ${total(query.minimumCalls)}, gateway ${total(coldCalls)} cold / ${total(upstreamCallsOf(warm, name))} warm, naive ${total(naiveCalls)}, redundant ${redundantCalls.length}`);
      for (const flag of redundantCalls) ctx.log(`calls: ${name}: redundant: ${flag}`);
    }
    return rows;
  },
};

/** Module-private: this run's tag in request IDs (several runs may share an emulator's log). */
const RUN = `${Date.now().toString(36)}${process.pid.toString(36)}`;

/** Module-private: the redundant calls the emulator's call log shows for one gateway request (the naive baseline's are not asked about: it repeats calls by design). */
async function redundantCallsOf(emulatorUrl: string, requestId: string): Promise<string[]> {
  const response = await fetch(`${emulatorUrl}/_emulator/redundant-calls?requestIdPrefix=${encodeURIComponent(requestId)}`);
  if (response.status !== 200) throw new Error(`GET /_emulator/redundant-calls answered ${response.status}: ${await response.text()}`);
  const report = (await response.json()) as { requests: number; flags: string[] };
  // Every reference query calls upstream on its cold request: a log without it checked nothing.
  if (requestId.endsWith('-cold') && report.requests !== 1) throw new Error(`The emulator's call log holds ${report.requests} requests with ID ${requestId}; expected the one just sent (is EMULATOR_CALL_LOG on, and the x-request-id taken?).`);
  return report.flags;
}

/** Module-private: `extensions.upstreamCalls.byOperation` of a response (the gateway runs with EXPOSE_UPSTREAM_CALLS). */
function upstreamCallsOf(response: Awaited<ReturnType<typeof postClean>>, name: string): Record<string, number> {
  const calls = response.extensions?.upstreamCalls?.byOperation;
  if (!calls) throw new Error(`${name}: the response has no extensions.upstreamCalls; the gateway must run with EXPOSE_UPSTREAM_CALLS=true.`);
  return { ...calls };
}

/** Module-private. */
function total(calls: Readonly<Record<string, number>>): number {
  return Object.values(calls).reduce((sum, n) => sum + n, 0);
}
