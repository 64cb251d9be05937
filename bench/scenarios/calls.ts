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
      const before = await emulatorCalls(ctx.emulator.url);
      const cold = await postClean(`${ctx.gateway.url}/graphql`, body, `${name} on the gateway`);
      const after = await emulatorCalls(ctx.emulator.url);
      const warm = await postClean(`${ctx.gateway.url}/graphql`, body, `${name} on the gateway (warm)`);
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
      });
      ctx.log(`calls: ${name}: minimum ${total(query.minimumCalls)}, gateway ${total(coldCalls)} cold / ${total(upstreamCallsOf(warm, name))} warm, naive ${total(naiveCalls)}`);
    }
    return rows;
  },
};

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
