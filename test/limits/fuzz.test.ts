import { fuzzOnly, fuzzSeed, rssBytes, runFuzz, type FuzzSummary } from './fuzzClient';
import { startLimitStack, type LimitStack } from './limitStack';

/**
 * Seeded fuzzing of the gateway with hostile documents and bodies (hostileDocuments.ts): no
 * request may crash it, every answer is JSON whose errors all carry a string `extensions.code`,
 * and its memory stays bounded. The seed is printed; `FUZZ_SEED=<seed>` replays a run,
 * `FUZZ_ONLY=<i,j>` replays single requests of it, `FUZZ_COUNT` changes its length.
 *
 * 3,000 requests here (about 20 s on the 2-core box); `npm run bench:fuzz` sends 10,000 and more
 * with the same generator and prints the figures (10,000 take about a minute, too long for jest).
 */

/** Module-private: requests per run (`FUZZ_COUNT` overrides). */
const COUNT = Number(process.env.FUZZ_COUNT ?? 3_000);
/** Module-private: requests in flight at once: enough to overlap, few enough for a shared 2-core machine. */
const CONCURRENCY = 4;
/** Module-private: the gateway's default body limit (MAX_BODY_BYTES), which the oversized family crosses. */
const MAX_BODY_BYTES = 1024 * 1024;
/** Module-private: growth of the gateway's RSS over its idle size that the run may cause. */
const MAX_RSS_GROWTH_BYTES = 300 * 1024 * 1024;

let stack: LimitStack;
beforeAll(async () => {
  stack = await startLimitStack();
}, 60_000);
afterAll(() => stack?.close());

test(`${COUNT} hostile requests: no crash, every answer typed JSON, memory bounded`, async () => {
  const seed = fuzzSeed();
  const only = fuzzOnly();
  console.log(`fuzz seed ${seed} (replay: FUZZ_SEED=${seed}${only ? ` FUZZ_ONLY=${only.join(',')}` : ''}), ${only?.length ?? COUNT} requests`);
  const rssBefore = rssBytes(stack.gateway.pid)!;
  let rssMax = rssBefore;
  const sampler = setInterval(() => (rssMax = Math.max(rssMax, rssBytes(stack.gateway.pid) ?? 0)), 100);
  let summary: FuzzSummary;
  try {
    summary = await runFuzz({ baseUrl: stack.gateway.url, seed, count: COUNT, only, concurrency: CONCURRENCY, timeoutMs: 30_000, maxBodyBytes: MAX_BODY_BYTES });
  } finally {
    clearInterval(sampler);
  }
  const health = await fetch(`${stack.gateway.url}/healthz`).then((response) => response.status, (error: Error) => error.message);
  const mib = (bytes: number) => `${(bytes / 1048576).toFixed(0)} MiB`;
  console.log(
    [
      `fuzz seed ${seed}: ${summary.sent} requests in ${(summary.durationMs / 1000).toFixed(1)} s; verdicts ${JSON.stringify(summary.verdicts)}`,
      `gateway RSS ${mib(rssBefore)} before, ${mib(rssMax)} at most; answers by status and first code:`,
      ...Object.entries(summary.byStatusAndCode)
        .sort((a, b) => b[1] - a[1])
        .map(([key, count]) => `  ${key.padEnd(36)} ${count}`),
    ].join('\n'),
  );
  // Everything in one object: a failing run shows what failed (index and family, to replay it).
  expect({
    alive: stack.alive(),
    health,
    failures: summary.failures.slice(0, 10).map((o) => `#${o.index} ${o.family}: ${o.verdict} ${o.detail}`),
    rssGrowthUnderBound: rssMax - rssBefore < MAX_RSS_GROWTH_BYTES,
  }).toEqual({ alive: true, health: 200, failures: [], rssGrowthUnderBound: true });
}, 600_000);
