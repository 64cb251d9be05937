import type { Scenario } from '../lib/context';
import { waitForQuiet } from '../lib/http';
import { runLoad } from '../lib/load';
import { REFERENCE_QUERIES, requestBody } from '../lib/queries';
import { median, round } from '../lib/stats';

/**
 * A bounded soak of the product gateway: every reference query in turn on each connection for
 * the profile's length, with the gateway's RSS (from /proc) sampled throughout. After the warm-up
 * share (JIT, connection pools and the KPI cache settled), "start" is the median of the first
 * third of the samples and "end" the median of the last third. Not single samples: under load the
 * RSS saw-tooths by ±15% within seconds as V8 grows and compacts its heap, so one sample against
 * another measured where in a GC cycle each fell, not whether memory grows (the first full run
 * read +23.9% that way; the medians of its samples give +4.9%). A leak still shows: it lifts the
 * whole last third.
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
    const window = Math.max(1, Math.floor(warm.length / 3));
    const rssStartBytes = median(warm.slice(0, window).map((s) => s.rssBytes));
    const rssEndBytes = median(warm.slice(-window).map((s) => s.rssBytes));
    const growth = round(rssEndBytes / rssStartBytes - 1, 4);
    ctx.log(`soak: ${figures.requests} requests in ${seconds} s; median RSS ${Math.round(rssStartBytes / 1048576)} → ${Math.round(rssEndBytes / 1048576)} MiB (${(growth * 100).toFixed(1)}%)`);
    return {
      durationSeconds: seconds,
      concurrency,
      queries: [...REFERENCE_QUERIES],
      requests: figures.requests,
      failures: figures.failures,
      rps: round(figures.rps),
      windowSamples: window,
      rssStartBytes,
      rssEndBytes,
      rssFirstSampleBytes: warm[0].rssBytes,
      rssLastSampleBytes: warm[warm.length - 1].rssBytes,
      rssMaxBytes: Math.max(...samples.map((s) => s.rssBytes)),
      growth,
      samples,
    };
  },
};
