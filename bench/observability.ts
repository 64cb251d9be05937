import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { runLoad, type LoadFigures } from './lib/load';
import { killAllNow, stopAll } from './lib/processes';
import { loadBenchQuery, requestBody } from './lib/queries';
import { startEmulator, startGateway, type Runtime, type StackOptions } from './lib/stack';
import { round } from './lib/stats';
import { textTable } from './lib/table';

/**
 * `npx tsx bench/observability.ts [-- options]`: what observability costs a request. The same warm
 * query (`app-dashboard`) at the same concurrency against gateway processes that differ only in
 * what they record: metrics alone (always on; request logs at `warn`, as the main bench runs),
 * plus the two request log lines (`LOG_LEVEL=info`, written to a pipe the bench drains), plus
 * traces of every request (OTLP/HTTP to a collector in this process that answers 200 and drops
 * the spans). Then the size and time of one `/metrics` scrape. Throughput and latency vary with the
 * machine's load (compare the rows of one run, not runs); the gateway's CPU per request much less.
 */

/** Module-private. */
const USAGE = 'usage: npx tsx bench/observability.ts [--seconds 10] [--connections 16] [--latency-ms 20] [--runtime tsx|dist]';

/** Module-private: the gateway variants, in the order they run. */
const VARIANTS: readonly { readonly name: string; readonly env: Readonly<Record<string, string>> }[] = [
  { name: 'metrics (logs at warn)', env: { LOG_LEVEL: 'warn' } },
  { name: 'metrics + request logs (info)', env: { LOG_LEVEL: 'info' } },
  { name: 'metrics + traces (every request)', env: { LOG_LEVEL: 'warn', TRACING: 'otlp', TRACING_SAMPLE_RATIO: '1' } },
];

/** Module-private: the token the variants' `/metrics` asks for (production serves it only with one). */
const METRICS_TOKEN = 'bench-observability-token';

/** Module-private. */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { seconds: { type: 'string', default: '10' }, connections: { type: 'string', default: '16' }, 'latency-ms': { type: 'string', default: '20' }, runtime: { type: 'string', default: 'tsx' }, help: { type: 'boolean' } } });
  if (values.help) return void process.stdout.write(`${USAGE}\n`);
  const seconds = Number(values.seconds);
  const connections = Number(values.connections);
  const options: StackOptions = { runtime: values.runtime as Runtime, latencyMs: Number(values['latency-ms']) };
  const load = loadavg()[0];
  const collector = await startCollector();
  const query = loadBenchQuery('app-dashboard');
  const emulator = await startEmulator(options);
  const rows: string[][] = [];
  let scrape = '';
  try {
    for (const variant of VARIANTS) {
      const gateway = await startGateway(options, {
        name: variant.name,
        emulatorUrl: emulator.url,
        loaderMode: 'batched',
        env: { ...variant.env, METRICS_TOKEN, OTEL_EXPORTER_OTLP_ENDPOINT: collector.url },
      });
      const url = `${gateway.url}/graphql`;
      // Warm: the KPI cache, the account scope, the JIT.
      await runLoad({ url, bodies: [requestBody(query)], connections, durationSeconds: 2 });
      const cpuBefore = cpuSeconds(gateway.pid);
      const figures = await runLoad({ url, bodies: [requestBody(query)], connections, durationSeconds: seconds });
      const cpuMsPerRequest = ((cpuSeconds(gateway.pid) - cpuBefore) * 1000) / Math.max(1, figures.requests);
      rows.push(row(variant.name, figures, cpuMsPerRequest, gateway.rssBytes()));
      if (scrape === '') scrape = await timeScrape(`${gateway.url}/metrics`);
      await gateway.stop();
    }
  } finally {
    await stopAll();
    await new Promise<void>((resolve) => collector.server.close(() => resolve()));
  }
  process.stdout.write(
    [
      `pinpoint-graph observability cost: app-dashboard warm, c=${connections}, ${seconds} s per variant, ${options.latencyMs} ms per upstream call, ${cpus().length} CPUs, load average ${round(load)} → ${round(loadavg()[0])}, ${options.runtime}`,
      '',
      textTable(['variant', 'req/s', 'p50 ms', 'p99 ms', 'gateway CPU ms/req', 'failures', 'RSS MB'], rows),
      '',
      `collector received ${collector.posts()} OTLP posts; ${scrape}`,
      '',
    ].join('\n'),
  );
}

/** Module-private: one table row. */
function row(name: string, figures: LoadFigures, cpuMsPerRequest: number, rssBytes: number): string[] {
  return [name, String(round(figures.rps, 0)), String(figures.p50Ms), String(figures.p99Ms), String(round(cpuMsPerRequest, 2)), String(figures.failures), String(round(rssBytes / 1_048_576, 0))];
}

/**
 * Module-private: CPU seconds a process has used (user + system, `/proc/<pid>/stat`, in clock ticks of
 * 1/100 s on Linux). CPU per request moves far less with the machine's load than throughput does.
 */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  // After the command name: state is field 3, utime 14 and stime 15 (1-based over the whole line).
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Module-private: the size and time of one `/metrics` scrape (after the variant's load, so its series exist). */
async function timeScrape(url: string): Promise<string> {
  const started = performance.now();
  const response = await fetch(url, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  const text = await response.text();
  const ms = performance.now() - started;
  const series = text.split('\n').filter((line) => line !== '' && !line.startsWith('#')).length;
  return `one /metrics scrape: HTTP ${response.status}, ${round(text.length / 1024, 1)} KiB, ${series} series, ${round(ms, 1)} ms`;
}

/** Module-private: an OTLP/HTTP collector that counts posts and drops them. */
async function startCollector(): Promise<{ readonly server: Server; readonly url: string; posts(): number }> {
  let posts = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      posts += 1;
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, posts: () => posts };
}

main().catch((error: unknown) => {
  killAllNow();
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
