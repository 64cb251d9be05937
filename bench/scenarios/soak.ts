import type { Scenario } from '../lib/context';
import { waitForQuiet } from '../lib/http';
import { runLoad } from '../lib/load';
import { REFERENCE_QUERIES, requestBody } from '../lib/queries';
import { round } from '../lib/stats';

/**
 * A bounded soak of the product gateway: every reference query in turn on each connection for
 * the profile's length, with the gateway's RSS (from /proc) sampled throughout. "Start" is the
 * first sample after the warm-up share (JIT, connection pools and the KPI cache settled), "end"
 * the last sample before the load stops.
 */
export const soakScenario: Scenario<'soak'> = {
  name: 'soak',
  async run(ctx) {
    const { seconds, concurrency, warmupShare, sampleEveryMs } = ctx.profile.soak;
    const bodies = REFERENCE_QUERIES.map((name) => requestBody(ctx.queries[name]));
    await waitForQuiet(ctx.emulator.url);
    const samples: { seconds: number; rssBytes: number }[] = [];
    const started = Date.now();
    const sample = () => samples.push({ seconds: round((Date.now() - started) / 1000, 1), rssBytes: ctx.gateway.rssBytes() });
    sample();
    const timer = setInterval(sample, sampleEveryMs);
    let figures;
    try {
      figures = await runLoad({ url: `${ctx.gateway.url}/graphql`, bodies, connections: concurrency, durationSeconds: seconds });
    } finally {
      clearInterval(timer);
    }
    const warm = samples.filter((s) => s.seconds >= seconds * warmupShare);
    const start = warm[0] ?? samples[0];
    const end = samples[samples.length - 1];
    const growth = round(end.rssBytes / start.rssBytes - 1, 4);
    ctx.log(`soak: ${figures.requests} requests in ${seconds} s; RSS ${Math.round(start.rssBytes / 1048576)} → ${Math.round(end.rssBytes / 1048576)} MiB (${(growth * 100).toFixed(1)}%)`);
    return {
      durationSeconds: seconds,
      concurrency,
      queries: [...REFERENCE_QUERIES],
      requests: figures.requests,
      failures: figures.failures,
      rps: round(figures.rps),
      rssStartBytes: start.rssBytes,
      rssEndBytes: end.rssBytes,
      rssMaxBytes: Math.max(...samples.map((s) => s.rssBytes)),
      growth,
      samples,
    };
  },
};
