import { mkdirSync, writeFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { attacks, type Attack } from '../test/limits/attacks';
import { operationBody, SEED_APP_ID } from '../test/limits/hostileDocuments';
import { sendHostile, type Outcome } from '../test/limits/fuzzClient';
import { ensureBuild } from './lib/build';
import { emulatorCalls, waitForQuiet } from './lib/http';
import { runBenchMain, stopAll, type BenchProcess } from './lib/processes';
import { ROOT, startEmulator, startGateway, type Runtime, type StackOptions } from './lib/stack';
import { median, percentile, round } from './lib/stats';
import { textTable } from './lib/table';

/**
 * `npx tsx bench/attacks.ts [-- options]`: the named attacks of issue 12 (test/limits/attacks.ts)
 * against the product gateway as its own process (dist, NODE_ENV=production, default limits) and
 * the seeded emulator with its usual added latency per call. For each attack: its size, the status
 * and codes of the answer, the time to it (median of `--repeat`), the upstream calls it caused (its
 * first send). Then `{ __typename }` latency from a separate client at concurrency 1, with the
 * gateway idle and during a burst of attacks from `--burst-concurrency` clients.
 *
 * Every request is time-boxed on the client (`--timeout-ms`), so the script ends whatever the
 * gateway does; an attack that times out or kills the gateway is reported as such, and the gateway
 * is restarted for the next one (a runaway request would otherwise skew every figure after it).
 */

/** Module-private. */
const USAGE = `usage: npx tsx bench/attacks.ts [--latency-ms 20] [--repeat 3] [--timeout-ms 30000] [--probe-seconds 10]
                                [--burst-concurrency 1,8] [--runtime dist|tsx] [--rebuild | --no-build] [--out FILE]`;

/** One attack's row. */
interface AttackRow {
  readonly attack: string;
  readonly bytes: number;
  readonly status: string;
  readonly codes: string;
  readonly medianMs: number;
  readonly maxMs: number;
  readonly upstreamCalls: number;
  /** `refused` (typed error), `internal error`, `answered` (ran cleanly), `timeout`, `violation`, or `gateway died`. */
  readonly verdict: string;
}

/** Latency of `{ __typename }` in one phase. */
interface ProbeFigures {
  /** Where the gateway checks new documents: `event loop` (ADMISSION_WORKERS=0, the baseline) or `worker` (the default). */
  readonly variant: string;
  /** `idle`, or `burst c=N` (N attacking clients). */
  readonly phase: string;
  readonly count: number;
  readonly failures: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly maxMs: number;
  /** Attack requests sent during the phase (burst only). */
  readonly attacksSent: number;
  readonly gatewayRssMaxBytes: number;
}

/** Module-private: the gateways the probe phases compare: the baseline first. */
const PROBE_VARIANTS: readonly { readonly name: string; readonly env: Readonly<Record<string, string>> }[] = [
  { name: 'event loop (ADMISSION_WORKERS=0)', env: { ADMISSION_WORKERS: '0' } },
  { name: 'worker (default)', env: {} },
];

/** Module-private: the gateway of the run, restarted when an attack leaves it dead or busy. */
class GatewayUnderAttack {
  #process: BenchProcess | undefined;
  restarts = 0;

  constructor(
    private readonly stack: StackOptions,
    private readonly emulatorUrl: string,
  ) {}

  /** The running gateway, started (again) when there is none. */
  async current(): Promise<BenchProcess> {
    if (this.#process && isAlive(this.#process.pid)) return this.#process;
    if (this.#process) this.restarts += 1;
    await this.#process?.stop();
    this.#process = await startGateway(this.stack, { name: `gateway-${this.restarts}`, emulatorUrl: this.emulatorUrl, loaderMode: 'batched' });
    return this.#process;
  }

  /** Stops the gateway (the next `current()` starts a fresh one). */
  async restart(): Promise<void> {
    await this.#process?.stop(2_000);
    this.#process = undefined;
    this.restarts += 1;
  }

  alive(): boolean {
    return this.#process !== undefined && isAlive(this.#process.pid);
  }
}

/**
 * Module-private: `count` repeats of one field under the first seeded app. Every read of `body`
 * is a new variant (a trailing comment), as an attacker would send: a document seen before is
 * served from the validated-document cache, so only variants cost a validation each.
 */
function repeatedFieldsAttack(count: number): Attack {
  const query = `{ app(id: "${SEED_APP_ID}") { ${Array.from({ length: count }, () => 'campaigns(first: 1) { nodes { name } }').join(' ')} } }`;
  let variant = 0;
  return {
    name: `repeated-fields-${count}`,
    description: `${count} repeats of one field: quadratic validation, refused when graphql-js's budget runs out`,
    get body() {
      variant += 1;
      return operationBody(`${query} # variant ${variant}`);
    },
  };
}

/** Module-private. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Module-private. */
async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      'latency-ms': { type: 'string', default: '20' },
      repeat: { type: 'string', default: '3' },
      'timeout-ms': { type: 'string', default: '30000' },
      'probe-seconds': { type: 'string', default: '10' },
      'burst-concurrency': { type: 'string', default: '1,8' },
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
  const latencyMs = nonNegativeInteger('--latency-ms', values['latency-ms']);
  const repeat = Math.max(1, nonNegativeInteger('--repeat', values.repeat));
  const timeoutMs = nonNegativeInteger('--timeout-ms', values['timeout-ms']);
  const probeSeconds = nonNegativeInteger('--probe-seconds', values['probe-seconds']);
  const burstConcurrency = values['burst-concurrency'].split(',').map((value) => Math.max(1, nonNegativeInteger('--burst-concurrency', value.trim())));
  const runtime = values.runtime as Runtime;
  if (runtime !== 'dist' && runtime !== 'tsx') throw new Error(`--runtime must be "dist" or "tsx"; got ${JSON.stringify(values.runtime)}.`);
  const startedAt = Date.now();
  const log = (line: string) => process.stdout.write(`[bench:attacks ${((Date.now() - startedAt) / 1000).toFixed(1)}s] ${line}\n`);
  const loadStart = loadavg()[0];
  if (runtime === 'dist' && !values['no-build']) ensureBuild(log, values.rebuild);

  const stack: StackOptions = { runtime, latencyMs };
  // Beside the named attacks: a document under every structural limit whose validation is quadratic
  // (graphql-js compares each pair of same-named fields, and gives up at its own budget, ~100 ms in).
  const list: readonly Attack[] = [...attacks(), repeatedFieldsAttack(400)];
  const rows: AttackRow[] = [];
  const probes: ProbeFigures[] = [];
  let restarts = 0;
  try {
    const emulator = await startEmulator(stack);
    const gateway = new GatewayUnderAttack(stack, emulator.url);
    log(`emulator ${emulator.url} (${latencyMs} ms per call); ${list.length} attacks, ${repeat} sends each, client timeout ${timeoutMs} ms`);

    for (const attack of list) {
      const target = await gateway.current();
      const before = (await emulatorCalls(emulator.url)).total;
      const outcomes: Outcome[] = [];
      let upstreamCalls = 0;
      for (let i = 0; i < repeat; i += 1) {
        const outcome = await sendAttack(attack, target.url, timeoutMs);
        outcomes.push(outcome);
        if (i === 0) {
          await waitForQuiet(emulator.url, 200, timeoutMs);
          upstreamCalls = (await emulatorCalls(emulator.url)).total - before;
        }
        if (outcome.verdict !== 'ok' || !gateway.alive()) break;
      }
      const first = outcomes[0];
      const died = !gateway.alive();
      const verdict = died ? 'gateway died' : first.verdict === 'ok' ? okVerdict(first) : first.verdict;
      const times = outcomes.map((o) => o.ms);
      rows.push({
        attack: attack.name,
        bytes: attack.body.length,
        status: first.status === undefined ? '-' : String(first.status),
        codes: [...new Set(first.codes)].join(', ') || '-',
        medianMs: round(median(times), 1),
        maxMs: round(Math.max(...times), 1),
        upstreamCalls,
        verdict,
      });
      log(`${attack.name}: ${verdict} ${first.status ?? '-'} ${[...new Set(first.codes)].join(',')} in ${round(first.ms, 1)} ms, ${upstreamCalls} upstream call(s)`);
      // A gateway that timed out still runs the attack; one that died is gone: the next attack gets a fresh one.
      if (died || first.verdict === 'timeout') await gateway.restart();
    }

    restarts = gateway.restarts;
    await gateway.restart();
    // The probe phases, for the baseline (every check on the event loop) and the default (new
    // documents checked on a worker thread), each on a fresh gateway, in the same run.
    for (const variant of PROBE_VARIANTS) {
      const target = await startGateway(stack, { name: `probe-${variant.name.replace(/\W+/g, '-')}`, emulatorUrl: emulator.url, loaderMode: 'batched', env: variant.env });
      const phases: [string, { attacks: readonly Attack[]; concurrency: number } | undefined][] = [['idle', undefined], ...burstConcurrency.map((concurrency): [string, { attacks: readonly Attack[]; concurrency: number }] => [`burst c=${concurrency}`, { attacks: list, concurrency }])];
      for (const [phase, burst] of phases) {
        await waitForQuiet(emulator.url, 200, timeoutMs);
        const figures = await probePhase(variant.name, phase, target, probeSeconds, timeoutMs, burst);
        probes.push(figures);
        log(`${variant.name}, ${phase}: p50 ${figures.p50Ms} ms, p95 ${figures.p95Ms} ms, max ${figures.maxMs} ms (${figures.count} requests${burst ? `, ${figures.attacksSent} attacks sent` : ''})`);
      }
      await target.stop(2_000);
    }
  } finally {
    await stopAll();
  }

  const out: string[] = [
    `pinpoint-graph bench:attacks: ${latencyMs} ms per upstream call, ${cpus().length} CPUs, load average ${round(loadStart)} → ${round(loadavg()[0])}, ${runtime}, gateway restarts ${restarts}`,
    '',
    'Attacks (time to the answer: median of up to ' + repeat + ' sends; upstream calls: the first send)',
    textTable(
      ['attack', 'bytes', 'status', 'code', 'ms', 'max ms', 'upstream calls', 'verdict'],
      rows.map((r) => [r.attack, String(r.bytes), r.status, r.codes, String(r.medianMs), String(r.maxMs), String(r.upstreamCalls), r.verdict]),
    ),
    '',
    `{ __typename } from a separate client at c=1, ${probeSeconds} s per phase (burst c=N: N clients sending the attacks above in turn), on a fresh gateway per variant`,
    textTable(
      ['new documents checked on', 'phase', 'requests', 'failed', 'p50 ms', 'p95 ms', 'max ms', 'attacks sent', 'gateway RSS max MiB'],
      probes.map((p) => [p.variant, p.phase, String(p.count), String(p.failures), String(p.p50Ms), String(p.p95Ms), String(p.maxMs), p.phase === 'idle' ? '-' : String(p.attacksSent), (p.gatewayRssMaxBytes / 1048576).toFixed(0)]),
    ),
  ];
  const file = values.out ?? join(ROOT, 'bench', 'results', 'attacks-latest.json');
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, `${JSON.stringify({ latencyMs, repeat, timeoutMs, probeSeconds, burstConcurrency, runtime, cpus: cpus().length, restarts, attacks: rows, probes }, null, 2)}\n`);
  process.stdout.write(`\n${out.join('\n')}\n\nresults: ${relative(process.cwd(), file)}\n`);
  return 0;
}

/** Module-private: one attack, time-boxed. */
function sendAttack(attack: Attack, baseUrl: string, timeoutMs: number, agent?: Agent): Promise<Outcome> {
  return sendHostile(0, { kind: 'http', family: attack.name, method: 'POST', path: '/graphql', headers: { 'content-type': 'application/json' }, body: attack.body }, { baseUrl, timeoutMs, agent });
}

/** Module-private: what a typed answer says: refused (a typed error), an internal error (a bug to fix), or ran cleanly. */
function okVerdict(outcome: Outcome): string {
  if (outcome.codes.includes('INTERNAL_SERVER_ERROR')) return 'internal error';
  return outcome.codes.length > 0 ? 'refused' : 'answered';
}

/**
 * Module-private: `{ __typename }` in a loop at concurrency 1 for `seconds`, optionally while
 * `burst.concurrency` clients send the attacks in turn. The probe uses its own keep-alive agent,
 * so its connections never queue behind an attack's.
 */
async function probePhase(variant: string, phase: string, gateway: BenchProcess, seconds: number, timeoutMs: number, burst?: { attacks: readonly Attack[]; concurrency: number }): Promise<ProbeFigures> {
  const deadline = Date.now() + seconds * 1000;
  let rssMax = safeRss(gateway);
  const sampler = setInterval(() => (rssMax = Math.max(rssMax, safeRss(gateway))), 100);
  let attacksSent = 0;
  const burstAgent = new Agent({ keepAlive: true, maxSockets: burst?.concurrency ?? 1 });
  const attackers = burst
    ? Array.from({ length: burst.concurrency }, async (_, worker) => {
        for (let i = worker; Date.now() < deadline; i += burst.concurrency) {
          await sendAttack(burst.attacks[i % burst.attacks.length], gateway.url, Math.min(timeoutMs, Math.max(1, deadline - Date.now()) + 1_000), burstAgent);
          attacksSent += 1;
        }
      })
    : [];
  let latencies: number[] = [];
  let failures = 0;
  try {
    // The probe runs on its own thread (its own event loop): the attackers' client work here
    // (building and writing bodies of up to a MiB) must not be measured as gateway latency.
    ({ latencies, failures } = await probeInWorker(`${gateway.url}/graphql`, deadline, timeoutMs));
    await Promise.all(attackers);
  } finally {
    clearInterval(sampler);
    burstAgent.destroy();
  }
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    variant,
    phase,
    count: latencies.length + failures,
    failures,
    p50Ms: round(percentile(sorted, 50), 1),
    p95Ms: round(percentile(sorted, 95), 1),
    maxMs: round(sorted[sorted.length - 1] ?? Number.NaN, 1),
    attacksSent,
    gatewayRssMaxBytes: rssMax,
  };
}

/**
 * Module-private: `{ __typename }` at concurrency 1 over one keep-alive connection until
 * `deadline` (epoch ms), on a worker thread; the latencies of the answers that were 200 with
 * `{ data: { __typename: "Query" } }`, and how many were not.
 */
function probeInWorker(url: string, deadline: number, timeoutMs: number): Promise<{ latencies: number[]; failures: number }> {
  const source = `
    const { parentPort, workerData } = require('node:worker_threads');
    const { Agent, request } = require('node:http');
    const { url, deadline, timeoutMs } = workerData;
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const body = JSON.stringify({ query: '{ __typename }' });
    const once = () => new Promise((resolve) => {
      const req = request(url, { method: 'POST', agent, timeout: timeoutMs, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk.toString('utf8')));
        res.on('end', () => resolve(res.statusCode === 200 && text.includes('"__typename":"Query"')));
        res.on('error', () => resolve(false));
      });
      req.on('timeout', () => req.destroy());
      req.on('error', () => resolve(false));
      req.end(body);
    });
    (async () => {
      const latencies = [];
      let failures = 0;
      while (Date.now() < deadline) {
        const started = performance.now();
        if (await once()) latencies.push(performance.now() - started);
        else failures += 1;
      }
      agent.destroy();
      parentPort.postMessage({ latencies, failures });
    })();
  `;
  return new Promise((resolve, reject) => {
    const worker = new Worker(source, { eval: true, workerData: { url, deadline, timeoutMs } });
    worker.once('message', (result: { latencies: number[]; failures: number }) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
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
function nonNegativeInteger(name: string, raw: string): number {
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer; got ${JSON.stringify(raw)}.`);
  return value;
}

runBenchMain('bench:attacks', main);
