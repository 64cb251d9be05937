import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import type { Socket } from 'node:net';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureBuild, type BuildReport } from './lib/build';
import { childPids, connectionsOnPort, cpuSeconds, treeCpuSeconds } from './lib/procfs';
import { postClean, waitForQuiet } from './lib/http';
import { runLoad } from './lib/load';
import { assertAllAlive, runBenchMain, stopAll, type BenchProcess } from './lib/processes';
import { loadBenchQuery, REFERENCE_QUERIES, requestBody } from './lib/queries';
import { assertRedis, deleteByPrefix } from './lib/redis';
import { ROOT, startEmulator, startGateway, type Runtime, type StackOptions } from './lib/stack';
import { percentile, round } from './lib/stats';
import { textTable } from './lib/table';

/**
 * `npm run bench:scale [-- options]`: what `WORKERS` buys on this machine (issue "Scale out").
 * The emulator runs as its own process (20 ms per upstream call, as in `npm run bench`); the
 * product gateway (dist, production, KPI cache in Redis) is started with 1 worker, then 2, then one
 * per CPU, and each serves the reference queries in turn at a fixed concurrency. Each row is its
 * throughput beside the 1-worker baseline of the same run, with the CPU seconds that the gateway's
 * processes (primary and workers), the emulator and the load generator (this process) used during
 * the measurement, read from `/proc/<pid>/stat`: on a machine with fewer cores than processes, they
 * share the cores, and that is what caps the ratio. Then the "worker killed under load" row: one
 * worker SIGKILLed mid-run; the requests that failed, those in flight at the kill, and the time
 * until its replacement answered. Results: `bench/results/scale-latest.json`.
 */

/** Module-private. */
const USAGE = `usage: npm run bench:scale -- [--quick] [--workers 1,2,N] [--concurrency 64] [--seconds 10] [--latency-ms 20]
          [--runtime dist|tsx] [--rebuild | --no-build] [--redis-url URL] [--out FILE]`;

/** One worker count's throughput figures. */
interface ThroughputRow {
  readonly workers: number;
  readonly requests: number;
  readonly rps: number;
  /** rps ÷ the 1-worker rps of the same run. */
  readonly ratioToOneWorker: number | null;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly failures: number;
  /** CPU seconds used during the measurement. */
  readonly cpuSeconds: { readonly gateway: number; readonly gatewayByProcess: readonly number[]; readonly emulator: number; readonly loadGenerator: number };
  /** CPU seconds ÷ wall seconds: 1.0 is one core busy all the time. */
  readonly coresBusy: { readonly gateway: number; readonly gatewayByProcess: readonly number[]; readonly emulator: number; readonly loadGenerator: number };
}

/** The worker-killed-under-load figures. */
interface KilledRow {
  readonly workers: number;
  readonly concurrency: number;
  readonly requests: number;
  /** Requests without a clean answer (errors by kind in `failureCodes`). */
  readonly failed: number;
  /** Of those, the ones on connections opened after the kill (the rest were on connections open at the kill: the victim's). */
  readonly failedOnConnectionsOpenedAfterKill: number;
  readonly failureCodes: Record<string, number>;
  /** Requests the client had sent and not yet seen answered when the worker died (every worker's). */
  readonly inFlightAtKill: number;
  /** Client connections the killed worker held (the primary hands connections to whichever worker is free, so not always an even share). */
  readonly victimConnections: number;
  /** From the SIGKILL until a `/readyz` on a new connection was answered by the replacement. */
  readonly replacementMs: number | null;
  /** `/readyz` probes on new connections never answered within 10 s (a connection handed to the worker as it died; see README). */
  readonly unansweredConnections: number;
  /** Throughput before the kill and from the replacement's first answer to the end. */
  readonly rpsBefore: number;
  readonly rpsAfterReplacement: number;
}

/** Module-private. */
async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      workers: { type: 'string' },
      concurrency: { type: 'string', default: '64' },
      seconds: { type: 'string' },
      'latency-ms': { type: 'string', default: '20' },
      runtime: { type: 'string', default: 'dist' },
      rebuild: { type: 'boolean', default: false },
      'no-build': { type: 'boolean', default: false },
      'redis-url': { type: 'string', default: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' },
      out: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const cores = availableParallelism();
  const workerCounts = values.workers ? values.workers.split(',').map((raw) => positiveInteger('--workers', raw.trim())) : [...new Set([1, 2, cores])].sort((a, b) => a - b);
  if (!workerCounts.includes(1)) workerCounts.unshift(1);
  const concurrency = positiveInteger('--concurrency', values.concurrency);
  const seconds = positiveInteger('--seconds', values.seconds ?? (values.quick ? '3' : '15'));
  const warmupSeconds = values.quick ? 1 : 3;
  const latencyMs = positiveInteger('--latency-ms', values['latency-ms'], true);
  const runtime = values.runtime as Runtime;
  if (runtime !== 'dist' && runtime !== 'tsx') throw new Error(`--runtime must be "dist" or "tsx"; got ${JSON.stringify(values.runtime)}.`);
  const startedAt = Date.now();
  const loadStart = loadavg()[0];
  const log = (line: string) => process.stdout.write(`[bench:scale ${((Date.now() - startedAt) / 1000).toFixed(1)}s] ${line}\n`);
  const redisUrl = values['redis-url'];
  const keyPrefix = `pinpoint-graph-bench-scale:${startedAt}:`;
  const stack: StackOptions = { runtime, latencyMs };

  log(`${cores} CPUs; workers ${workerCounts.join(', ')}; c=${concurrency}, ${seconds} s each, ${latencyMs} ms per upstream call`);
  const build: BuildReport = runtime === 'dist' && !values['no-build'] ? ensureBuild(log, values.rebuild) : { rebuilt: false, typeErrors: 0 };
  await assertRedis(redisUrl);
  const bodies = REFERENCE_QUERIES.map((name) => requestBody(loadBenchQuery(name)));

  const throughput: ThroughputRow[] = [];
  let killed: KilledRow | undefined;
  try {
    const emulator = await startEmulator(stack);
    log(`emulator ${emulator.url} (pid ${emulator.pid})`);
    const gatewayWith = async (workers: number, name: string) => {
      const gateway = await startGateway(stack, { name, emulatorUrl: emulator.url, loaderMode: 'batched', redis: { url: redisUrl, keyPrefix: `${keyPrefix}${name}:` }, env: { WORKERS: String(workers) } });
      // The start line comes with the first worker: the measurement waits for all of them.
      if (workers > 1) await allWorkersAnswer(gateway.url, workers);
      for (const [index, body] of bodies.entries()) await postClean(`${gateway.url}/graphql`, body, `${REFERENCE_QUERIES[index]} on ${name}`);
      return gateway;
    };

    for (const workers of workerCounts) {
      const gateway = await gatewayWith(workers, `scale-${workers}`);
      await runLoad({ url: `${gateway.url}/graphql`, bodies, connections: concurrency, durationSeconds: warmupSeconds });
      await waitForQuiet(emulator.url);
      const before = { gateway: treeCpuSeconds(gateway.pid), emulator: cpuSeconds(emulator.pid), loadGenerator: ownCpuSeconds() };
      const load = await runLoad({ url: `${gateway.url}/graphql`, bodies, connections: concurrency, durationSeconds: seconds });
      const after = { gateway: treeCpuSeconds(gateway.pid), emulator: cpuSeconds(emulator.pid), loadGenerator: ownCpuSeconds() };
      const gatewayByProcess = [...after.gateway].map(([pid, total]) => round(total - (before.gateway.get(pid) ?? 0)));
      const gatewaySeconds = gatewayByProcess.reduce((sum, value) => sum + value, 0);
      const emulatorSeconds = after.emulator - before.emulator;
      const loadGeneratorSeconds = after.loadGenerator - before.loadGenerator;
      const base = throughput[0]?.rps;
      const row: ThroughputRow = {
        workers,
        requests: load.requests,
        rps: round(load.rps, 1),
        ratioToOneWorker: base === undefined ? 1 : base > 0 ? round(load.rps / base, 3) : null,
        p50Ms: load.p50Ms,
        p99Ms: load.p99Ms,
        failures: load.failures,
        cpuSeconds: { gateway: round(gatewaySeconds), gatewayByProcess, emulator: round(emulatorSeconds), loadGenerator: round(loadGeneratorSeconds) },
        coresBusy: { gateway: round(gatewaySeconds / load.durationSeconds), gatewayByProcess: gatewayByProcess.map((value) => round(value / load.durationSeconds)), emulator: round(emulatorSeconds / load.durationSeconds), loadGenerator: round(loadGeneratorSeconds / load.durationSeconds) },
      };
      throughput.push(row);
      log(`WORKERS=${workers}: ${Math.round(row.rps)} req/s (× ${row.ratioToOneWorker}), cores busy: gateway ${row.coresBusy.gateway}, emulator ${row.coresBusy.emulator}, load generator ${row.coresBusy.loadGenerator}`);
      assertAllAlive();
      await gateway.stop();
    }

    const killWorkers = Math.max(2, cores);
    const gateway = await gatewayWith(killWorkers, `scale-kill-${killWorkers}`);
    killed = await workerKilledUnderLoad(gateway, killWorkers, bodies, concurrency, Math.max(seconds, 6), log);
    assertAllAlive();
    await gateway.stop();
  } finally {
    await stopAll();
    const deleted = await deleteByPrefix(redisUrl, keyPrefix).catch(() => 0);
    if (deleted > 0) log(`removed ${deleted} Redis key(s) under ${keyPrefix}`);
  }

  const meta = {
    startedAt: new Date(startedAt).toISOString(),
    wallSeconds: round((Date.now() - startedAt) / 1000, 1),
    cpus: cpus().length,
    availableParallelism: cores,
    loadAverage: { start: round(loadStart), end: round(loadavg()[0]) },
    node: process.version,
    runtime,
    build,
    profile: values.quick ? 'quick' : 'full',
    latencyMs,
    concurrency,
    seconds,
    warmupSeconds,
    queries: [...REFERENCE_QUERIES],
  };
  const out = [
    `pinpoint-graph bench:scale (${meta.profile}): ${cores} CPUs, reference queries in turn at c=${concurrency} for ${seconds} s, ${latencyMs} ms per upstream call, load average ${meta.loadAverage.start} → ${meta.loadAverage.end}, ${runtime}`,
    '',
    'Throughput by WORKERS (cores busy = CPU seconds ÷ wall seconds; the emulator and the load generator share the same cores)',
    textTable(
      ['WORKERS', 'req/s', '× 1 worker', 'p50 / p99 ms', 'failed', 'cores busy: gateway (per process)', 'emulator', 'load generator'],
      throughput.map((row) => [
        String(row.workers),
        String(Math.round(row.rps)),
        row.ratioToOneWorker === null ? '-' : String(row.ratioToOneWorker),
        `${row.p50Ms} / ${row.p99Ms}`,
        String(row.failures),
        `${row.coresBusy.gateway} (${row.coresBusy.gatewayByProcess.join(' + ')})`,
        String(row.coresBusy.emulator),
        String(row.coresBusy.loadGenerator),
      ]),
    ),
  ];
  if (killed) {
    out.push(
      '',
      `One worker of ${killed.workers} SIGKILLed under load (c=${killed.concurrency})`,
      textTable(
        ['requests', 'failed (on new connections)', 'in flight at the kill', 'connections of the killed worker', 'failures by kind', 'replacement answered after', 'probes never answered', 'req/s before / after'],
        [
          [
            String(killed.requests),
            `${killed.failed} (${killed.failedOnConnectionsOpenedAfterKill})`,
            String(killed.inFlightAtKill),
            String(killed.victimConnections),
            Object.entries(killed.failureCodes).map(([code, n]) => `${code} ${n}`).join(', ') || '-',
            killed.replacementMs === null ? 'never' : `${killed.replacementMs} ms`,
            String(killed.unansweredConnections),
            `${Math.round(killed.rpsBefore)} / ${Math.round(killed.rpsAfterReplacement)}`,
          ],
        ],
      ),
    );
  }
  const file = values.out ?? join(ROOT, 'bench', 'results', 'scale-latest.json');
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, `${JSON.stringify({ meta, throughput, workerKilled: killed ?? null }, null, 2)}\n`);
  process.stdout.write(`\n${out.join('\n')}\n\nresults: ${relative(process.cwd(), file)}\n`);
  return 0;
}

// ---- worker killed under load -------------------------------------------------------------

/** Module-private: one request as the client saw it. */
interface Sample {
  readonly startedAt: number;
  readonly endedAt: number;
  readonly ok: boolean;
  readonly code?: string;
  /** When the connection it went out on was opened. */
  readonly connectionOpenedAt: number;
}

/**
 * Module-private: the reference queries at `concurrency` over keep-alive connections; one worker
 * SIGKILLed after `seconds` / 3, and the load kept on until `seconds` / 3 after its replacement
 * first answered. Failed requests are counted by kind (a socket error, the client's 10 s timeout,
 * an HTTP status, an error in the answer) and by whether their connection was open at the kill.
 */
async function workerKilledUnderLoad(gateway: BenchProcess, workers: number, bodies: readonly string[], concurrency: number, seconds: number, log: (line: string) => void): Promise<KilledRow> {
  const url = `${gateway.url}/graphql`;
  const original = new Set(workerPidsOf(gateway.pid));
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const samples: Sample[] = [];
  let inFlight = 0;
  const t0 = performance.now();
  let end = Number.POSITIVE_INFINITY;
  const clients = Array.from({ length: concurrency }, async (_, client) => {
    for (let i = client; performance.now() < end; i += concurrency) {
      inFlight += 1;
      samples.push(await postOnce(url, bodies[i % bodies.length], agent));
      inFlight -= 1;
    }
  });

  await sleep((seconds * 1000) / 3);
  const victim = [...original][0];
  const victimConnections = connectionsOnPort(victim, Number(new URL(gateway.url).port));
  const inFlightAtKill = inFlight;
  const killedAt = performance.now();
  process.kill(victim, 'SIGKILL');
  // A probe on a new connection every 100 ms, each given 10 s (an overloaded worker answers
  // /readyz late, which is not the same as never): the first answer from a new pid is the replacement.
  let replacedAt: number | undefined;
  const probes: Promise<number | 'timeout' | undefined>[] = [];
  while (replacedAt === undefined && performance.now() < killedAt + 60_000) {
    const probe = readyzPid(gateway.url, 10_000);
    probes.push(probe);
    void probe.then((pid) => {
      if (replacedAt === undefined && typeof pid === 'number' && !original.has(pid)) replacedAt = performance.now();
    });
    await sleep(100);
  }
  end = (replacedAt ?? performance.now()) + (seconds * 1000) / 3;
  await Promise.all(clients);
  const unansweredConnections = (await Promise.all(probes)).filter((answer) => answer === 'timeout').length;
  agent.destroy();

  const failed = samples.filter((sample) => !sample.ok);
  const failureCodes: Record<string, number> = {};
  for (const sample of failed) failureCodes[sample.code ?? 'UNKNOWN'] = (failureCodes[sample.code ?? 'UNKNOWN'] ?? 0) + 1;
  const rate = (from: number, to: number) => samples.filter((sample) => sample.ok && sample.endedAt >= from && sample.endedAt < to).length / Math.max(0.001, (to - from) / 1000);
  const lastEnd = Math.max(...samples.map((sample) => sample.endedAt));
  const row: KilledRow = {
    workers,
    concurrency,
    requests: samples.length,
    failed: failed.length,
    failedOnConnectionsOpenedAfterKill: failed.filter((sample) => sample.connectionOpenedAt > killedAt).length,
    failureCodes,
    inFlightAtKill,
    victimConnections,
    replacementMs: replacedAt === undefined ? null : Math.round(replacedAt - killedAt),
    unansweredConnections,
    rpsBefore: round(rate(t0, killedAt), 1),
    rpsAfterReplacement: replacedAt === undefined ? 0 : round(rate(replacedAt, lastEnd), 1),
  };
  const latencies = samples.filter((sample) => sample.ok).map((sample) => sample.endedAt - sample.startedAt).sort((a, b) => a - b);
  log(`worker killed: ${row.failed} failed (${row.inFlightAtKill} in flight at the kill, ${row.victimConnections} on the killed worker's connections), replacement answered after ${row.replacementMs} ms; p99 ${round(percentile(latencies, 99), 1)} ms`);
  return row;
}

/** Module-private: the gateway workers of a primary (its children running main; tsx also keeps an esbuild child). */
function workerPidsOf(primaryPid: number): number[] {
  return childPids(primaryPid)
    .filter((pid) => {
      try {
        return /main\.(js|ts)/.test(readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
      } catch {
        return false;
      }
    })
    .sort((a, b) => a - b);
}

/** Module-private: POSTs one body and classifies the answer. */
function postOnce(url: string, body: string, agent: Agent): Promise<Sample> {
  const startedAt = performance.now();
  return new Promise((resolve) => {
    let connectionOpenedAt = Number.NaN;
    const done = (ok: boolean, code?: string) => resolve({ startedAt, endedAt: performance.now(), ok, connectionOpenedAt, ...(code === undefined ? {} : { code }) });
    const req = request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('error', (error: NodeJS.ErrnoException) => done(false, error.code ?? 'RESPONSE_ERROR'));
      res.on('end', () => {
        if (res.statusCode !== 200) return done(false, `HTTP_${res.statusCode}`);
        try {
          const parsed = JSON.parse(text) as { errors?: { extensions?: { code?: string } }[] };
          if (parsed.errors?.length) return done(false, String(parsed.errors[0].extensions?.code ?? 'NO_CODE'));
        } catch {
          return done(false, 'NOT_JSON');
        }
        done(true);
      });
    });
    req.on('socket', (socket: Socket & { openedAt?: number }) => {
      socket.openedAt ??= performance.now();
      connectionOpenedAt = socket.openedAt;
    });
    req.setTimeout(10_000, () => req.destroy(Object.assign(new Error('client timeout'), { code: 'CLIENT_TIMEOUT' })));
    req.on('error', (error: NodeJS.ErrnoException) => done(false, error.code ?? 'REQUEST_ERROR'));
    req.end(body);
  });
}

/** Module-private: which worker answers `/readyz` on a new connection (`timeout`: no answer within `timeoutMs`). */
function readyzPid(baseUrl: string, timeoutMs = 2_000): Promise<number | 'timeout' | undefined> {
  return new Promise((resolve) => {
    const req = request(`${baseUrl}/readyz`, { agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('error', () => resolve(undefined));
      res.on('end', () => {
        const match = /"detail":"worker \d+, pid (\d+)"/.exec(text);
        resolve(match ? Number(match[1]) : undefined);
      });
    });
    req.setTimeout(timeoutMs, () => {
      req.destroy();
      resolve('timeout');
    });
    req.on('error', () => resolve(undefined));
    req.end();
  });
}

/** Module-private: waits until `/readyz` on new connections has named `workers` distinct workers (the primary hands connections out in turn). */
async function allWorkersAnswer(baseUrl: string, workers: number): Promise<void> {
  const seen = new Set<number>();
  const deadline = performance.now() + 120_000;
  while (seen.size < workers) {
    if (performance.now() > deadline) throw new Error(`only ${seen.size} of ${workers} workers answered /readyz within 120 s`);
    const pid = await readyzPid(baseUrl);
    if (typeof pid === 'number') seen.add(pid);
    else await sleep(100);
  }
}

/** Module-private: this process's CPU seconds (the load generator's). */
function ownCpuSeconds(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
}

/** Module-private. */
function positiveInteger(name: string, raw: string, zeroAllowed = false): number {
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < (zeroAllowed ? 0 : 1)) throw new Error(`${name} must be a ${zeroAllowed ? 'non-negative' : 'positive'} integer; got ${JSON.stringify(raw)}.`);
  return value;
}

/** Module-private. */
function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

runBenchMain('bench:scale', main);
