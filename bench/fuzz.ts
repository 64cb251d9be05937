import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { fuzzSeed, runFuzz, type FuzzSummary } from '../test/limits/fuzzClient';
import { ensureBuild } from './lib/build';
import { assertAllAlive, runBenchMain, stopAll, type BenchProcess } from './lib/processes';
import { ROOT, startEmulator, startGateway, type Runtime, type StackOptions } from './lib/stack';
import { round } from './lib/stats';
import { textTable } from './lib/table';

/**
 * `npm run bench:fuzz [-- options]`: the fuzz test's hostile requests (test/limits/hostileDocuments.ts,
 * same generator, same seeds) in the thousands, against the product gateway as its own process
 * (dist, NODE_ENV=production, default limits) and the seeded emulator. Prints the answers by status
 * and code, by family, the gateway's RSS (sampled every 100 ms), the duration and the seed, and
 * writes the figures to `bench/results/fuzz-latest.json`. Exits 1 when a request broke the
 * contract (an untyped or non-JSON answer, no answer in time) or the gateway died.
 */

/** Module-private. */
const USAGE = `usage: npm run bench:fuzz -- [--count 10000] [--concurrency 4] [--seed N (default FUZZ_SEED or fixed)] [--timeout-ms 30000]
                              [--runtime dist|tsx] [--rebuild | --no-build] [--out FILE]`;

/** Module-private: the gateway's body limit (its default MAX_BODY_BYTES), which the oversized family crosses. */
const MAX_BODY_BYTES = 1024 * 1024;

/** Module-private. */
async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      count: { type: 'string', default: '10000' },
      concurrency: { type: 'string', default: '4' },
      seed: { type: 'string' },
      'timeout-ms': { type: 'string', default: '30000' },
      runtime: { type: 'string', default: 'dist' },
      rebuild: { type: 'boolean', default: false },
      'no-build': { type: 'boolean', default: false },
      out: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const count = positiveInteger('--count', values.count);
  const concurrency = positiveInteger('--concurrency', values.concurrency);
  const timeoutMs = positiveInteger('--timeout-ms', values['timeout-ms']);
  const seed = values.seed === undefined ? fuzzSeed() : fuzzSeed({ FUZZ_SEED: values.seed });
  const runtime = values.runtime as Runtime;
  if (runtime !== 'dist' && runtime !== 'tsx') throw new Error(`--runtime must be "dist" or "tsx"; got ${JSON.stringify(values.runtime)}.`);
  const startedAt = Date.now();
  const log = (line: string) => process.stdout.write(`[bench:fuzz ${((Date.now() - startedAt) / 1000).toFixed(1)}s] ${line}\n`);
  const loadStart = loadavg()[0];
  if (runtime === 'dist' && !values['no-build']) ensureBuild(log, values.rebuild);

  const stack: StackOptions = { runtime, latencyMs: 0 };
  let summary: FuzzSummary;
  let rss: { before: number; max: number; after: number };
  let alive: boolean;
  let health: number | string;
  try {
    const emulator = await startEmulator(stack);
    const gateway = await startGateway(stack, { name: 'gateway', emulatorUrl: emulator.url, loaderMode: 'batched' });
    log(`emulator ${emulator.url} (pid ${emulator.pid}), gateway ${gateway.url} (pid ${gateway.pid}); seed ${seed}, ${count} requests at concurrency ${concurrency}`);
    const before = gateway.rssBytes();
    let max = before;
    // A gone gateway reads 0; assertAllAlive reports it below.
    const sampler = setInterval(() => (max = Math.max(max, safeRss(gateway))), 100);
    let done = 0;
    try {
      summary = await runFuzz({
        baseUrl: gateway.url,
        seed,
        count,
        concurrency,
        timeoutMs,
        maxBodyBytes: MAX_BODY_BYTES,
        onOutcome: () => {
          done += 1;
          if (done % 1000 === 0) log(`${done} sent; gateway RSS ${mib(safeRss(gateway))} MiB now, ${mib(max)} MiB at most so far`);
        },
      });
    } finally {
      clearInterval(sampler);
    }
    health = await fetch(`${gateway.url}/healthz`).then((response) => response.status, (error: Error) => error.message);
    alive = true;
    try {
      assertAllAlive();
    } catch (error) {
      alive = false;
      log((error as Error).message);
    }
    rss = { before, max, after: alive ? gateway.rssBytes() : 0 };
  } finally {
    await stopAll();
  }

  const families = Object.entries(summary.byFamily).sort((a, b) => b[1].totalMs - a[1].totalMs);
  const out: string[] = [
    `pinpoint-graph bench:fuzz: seed ${seed}, ${summary.sent} requests at concurrency ${concurrency}, ${cpus().length} CPUs, load average ${round(loadStart)} → ${round(loadavg()[0])}, ${runtime}`,
    `duration ${(summary.durationMs / 1000).toFixed(1)} s (${Math.round(summary.sent / (summary.durationMs / 1000))} req/s); gateway RSS ${mib(rss.before)} MiB before, ${mib(rss.max)} MiB at most (+${mib(rss.max - rss.before)}), ${mib(rss.after)} MiB after; alive ${alive}, /healthz ${health}`,
    `verdicts: ${Object.entries(summary.verdicts).map(([verdict, n]) => `${verdict} ${n}`).join(', ')} (closed: the connection closed unanswered, allowed only for bytes that are no request and bodies over the limit)`,
    '',
    'Answers by status and first error code',
    textTable(['status', 'code', 'count'], Object.entries(summary.byStatusAndCode).sort((a, b) => b[1] - a[1]).map(([key, n]) => [...splitKey(key), String(n)])),
    '',
    'By family (time to answer)',
    textTable(['family', 'count', 'mean ms', 'max ms'], families.map(([family, f]) => [family, String(f.count), (f.totalMs / f.count).toFixed(1), f.maxMs.toFixed(0)])),
  ];
  if (summary.failures.length > 0) {
    out.push('', `Contract broken by ${summary.failures.length} request(s) (replay one: FUZZ_SEED=${seed} FUZZ_ONLY=<index> npx jest test/limits/fuzz.test.ts)`);
    out.push(...summary.failures.slice(0, 20).map((o) => `  #${o.index} ${o.family}: ${o.verdict} ${o.status ?? '-'} ${o.detail ?? ''}`));
  }
  const file = values.out ?? join(ROOT, 'bench', 'results', 'fuzz-latest.json');
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, `${JSON.stringify({ count, concurrency, runtime, cpus: cpus().length, rssBytes: rss, alive, health, ...summary }, null, 2)}\n`);
  process.stdout.write(`\n${out.join('\n')}\n\nresults: ${relative(process.cwd(), file)}\n`);
  return summary.failures.length === 0 && alive && health === 200 ? 0 : 1;
}

/** Module-private. */
function positiveInteger(name: string, raw: string): number {
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`${name} must be a positive integer; got ${JSON.stringify(raw)}.`);
  return value;
}

/** Module-private: `"400 BAD_REQUEST"` → `["400", "BAD_REQUEST"]`. */
function splitKey(key: string): [string, string] {
  const space = key.indexOf(' ');
  return [key.slice(0, space), key.slice(space + 1)];
}

/** Module-private: the gateway's RSS, 0 once it is gone. */
function safeRss(gateway: BenchProcess): number {
  try {
    return gateway.rssBytes();
  } catch {
    return 0;
  }
}

/** Module-private. */
function mib(bytes: number): string {
  return (bytes / 1048576).toFixed(0);
}

runBenchMain('bench:fuzz', main);
