import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync, readlinkSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { connect, createServer } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { PINPOINT_SEED } from '../src/emulator/services/pinpoint/seed';
import { SMS_VOICE_SEED } from '../src/emulator/services/sms-voice-v2/seed';
import { ensureBuild } from './lib/build';
import { assertAllAlive, killAllNow, stopAll, type BenchProcess } from './lib/processes';
import { loadBenchQuery, REFERENCE_QUERIES, requestBody } from './lib/queries';
import { ROOT, startEmulator, startGateway, type Runtime, type StackOptions } from './lib/stack';
import { median, percentile, round } from './lib/stats';
import { textTable } from './lib/table';

/**
 * `npm run bench:faults [-- options]`: the resilience figures of issue 14, measured on the product
 * gateway as its own process against the emulator as its own process, with the faults injected
 * through the emulator's fault rules (`PUT /_emulator/faults`) and a Redis server of the run's own
 * that the bench stops, freezes and restarts. Every scenario measures its healthy baseline in the
 * same run, next to the faulty figure:
 *
 * | scenario | fault | figures |
 * |---|---|---|
 * | throttle | 30% of every call of both services throttled | share of queries answered cleanly within the deadline; p50/p99 beside the healthy run |
 * | hang | SMS v2 never answers | time to the answer vs the deadline; the affected fields' codes; Pinpoint's fields intact; held upstream requests and gateway sockets after |
 * | outage | Pinpoint reset for `--outage-seconds` (one PUT with a window) | first fast failure after the start (breaker open), failure latency, SMS p50 beside before, recovery after the window |
 * | redis | Redis frozen (SIGSTOP), then killed, each for `--redis-seconds`, under load | failed queries, p99 beside healthy |
 * | sigterm | SIGTERM with requests in flight (slow upstream), beside a SIGKILL baseline | in-flight requests answered whole / dropped, exit code, time to exit vs the grace |
 * | soak | mixed faults for `FAULT_SOAK_SECONDS` (default 600) | RSS and open sockets, median of the first vs the last third |
 *
 * The gateway runs whatever resilience it has (per-call timeouts, retries, breakers, bulkheads,
 * Redis cool-off): the bench only provokes and measures. Results go to
 * `bench/results/faults-latest.json`, with a verdict on every target.
 */

/** Module-private. */
const USAGE = `usage: npm run bench:faults -- [--only throttle,hang,outage,redis,sigterm,soak] [--latency-ms 20] [--deadline-ms 2000]
          [--phase-seconds 10] [--outage-seconds 30] [--redis-seconds 10] [--grace-ms 10000] [--concurrency 8]
          [--runtime dist|tsx] [--rebuild | --no-build] [--out FILE]
environment: FAULT_SOAK_SECONDS (default 600) sets the soak's length`;

/** Module-private: the scenarios, in run order (sigterm stops its gateway, so it runs on its own). */
const SCENARIOS = ['throttle', 'hang', 'outage', 'redis', 'soak', 'sigterm'] as const;

/** Module-private. */
type ScenarioName = (typeof SCENARIOS)[number];

/**
 * Module-private: queries of one service each, and of both (the hang's). The hang's reads nullable
 * root fields (`app`, `pool`), so a failed one does not null its sibling (the list roots are non-null:
 * one failure there nulls the whole `data`, whatever the other service did).
 */
const QUERIES = {
  pinpoint: 'query BenchPinpointApps { apps(first: 5) { nodes { id name } } }',
  sms: 'query BenchSmsPools { pools(first: 5) { nodes { id poolId } } }',
  both: `query BenchBoth { app(id: "${PINPOINT_SEED.apps.RETAIL}") { id name } pool(poolId: "${SMS_VOICE_SEED.pools.alerts}") { id poolId } }`,
} as const;

// ---- the client ---------------------------------------------------------------------------

/** One request as the client saw it. */
interface Sample {
  /** Start, ms since the drive began. */
  readonly at: number;
  readonly ms: number;
  /** HTTP status; 0 when the connection failed. */
  readonly status: number;
  /** A 200 with data and no errors. */
  readonly ok: boolean;
  /** `extensions.code` of each error, or the socket error's code. */
  readonly codes: readonly string[];
  /** The parsed body (kept only when asked for). */
  readonly body?: any;
}

/** How to drive load. */
interface DriveSpec {
  readonly url: string;
  readonly bodies: readonly string[];
  readonly concurrency: number;
  /** Stop starting requests after this long. */
  readonly seconds: number;
  /** Paced: at most this many requests per second over all workers (default: closed loop, as fast as answers come). */
  readonly ratePerSecond?: number;
  /** Bound on one request on the client (default 30 s). */
  readonly timeoutMs?: number;
  readonly keepBodies?: boolean;
  /** Called every `tickMs` while the drive runs (samplers). */
  readonly onTick?: (elapsedMs: number) => void;
  readonly tickMs?: number;
}

/** Module-private: POSTs one body and classifies the answer. */
function postOnce(url: string, body: string, agent: Agent, timeoutMs: number, keepBody: boolean, t0: number): Promise<Sample> {
  const started = performance.now();
  return new Promise((resolve) => {
    const done = (status: number, codes: string[], ok: boolean, parsed?: unknown) =>
      resolve({ at: started - t0, ms: performance.now() - started, status, ok, codes, ...(keepBody ? { body: parsed } : {}) });
    const req = request(url, { method: 'POST', agent, timeout: timeoutMs, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('error', (error: NodeJS.ErrnoException) => done(0, [error.code ?? 'RESPONSE_ERROR'], false));
      res.on('end', () => {
        let parsed: any;
        try {
          parsed = JSON.parse(text);
        } catch {
          return done(res.statusCode ?? 0, ['NOT_JSON'], false);
        }
        const codes: string[] = (parsed?.errors ?? []).map((e: any) => String(e?.extensions?.code ?? 'NO_CODE'));
        done(res.statusCode ?? 0, codes, res.statusCode === 200 && codes.length === 0 && parsed?.data != null, parsed);
      });
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error('client timeout'), { code: 'CLIENT_TIMEOUT' })));
    req.on('error', (error: NodeJS.ErrnoException) => done(0, [error.code ?? 'REQUEST_ERROR'], false));
    req.end(body);
  });
}

/** Module-private: drives load and returns every request's sample. */
async function drive(spec: DriveSpec): Promise<Sample[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: spec.concurrency });
  const samples: Sample[] = [];
  const t0 = performance.now();
  const end = t0 + spec.seconds * 1000;
  const timer = spec.onTick ? setInterval(() => spec.onTick!(performance.now() - t0), spec.tickMs ?? 1000) : undefined;
  const interval = spec.ratePerSecond ? (spec.concurrency / spec.ratePerSecond) * 1000 : 0;
  try {
    await Promise.all(
      Array.from({ length: spec.concurrency }, async (_, worker) => {
        // Paced workers start spread over one interval, so the rate is even rather than in bursts.
        let next = t0 + (interval * worker) / spec.concurrency;
        for (let i = worker; ; i += spec.concurrency) {
          if (interval) {
            const wait = next - performance.now();
            if (wait > 0) await sleep(wait);
            next += interval;
          }
          if (performance.now() >= end) return;
          samples.push(await postOnce(spec.url, spec.bodies[i % spec.bodies.length], agent, spec.timeoutMs ?? 30_000, spec.keepBodies ?? false, t0));
        }
      }),
    );
  } finally {
    if (timer) clearInterval(timer);
    agent.destroy();
  }
  return samples.sort((a, b) => a.at - b.at);
}

/** Latency and outcome figures of a set of samples. */
interface Summary {
  readonly requests: number;
  readonly ok: number;
  readonly failed: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /** Failures by code (`extensions.code`, HTTP status or socket error). */
  readonly failureCodes: Record<string, number>;
}

/** Module-private. */
function summarize(samples: readonly Sample[]): Summary {
  const sorted = samples.map((s) => s.ms).sort((a, b) => a - b);
  const failureCodes: Record<string, number> = {};
  for (const s of samples) {
    if (s.ok) continue;
    const key = s.codes.length ? [...new Set(s.codes)].join('+') : `HTTP_${s.status}`;
    failureCodes[key] = (failureCodes[key] ?? 0) + 1;
  }
  const ok = samples.filter((s) => s.ok).length;
  return { requests: samples.length, ok, failed: samples.length - ok, p50Ms: r1(percentile(sorted, 50)), p99Ms: r1(percentile(sorted, 99)), maxMs: r1(sorted[sorted.length - 1] ?? Number.NaN), failureCodes };
}

// ---- processes ----------------------------------------------------------------------------

/** Module-private: a redis-server of the run's own (the bench freezes and kills it). */
interface OwnRedis {
  readonly url: string;
  readonly pid: () => number;
  start(): Promise<void>;
  kill(): Promise<void>;
}

/** Module-private: redis-servers to kill on the way out. */
const redisChildren = new Set<ChildProcess>();

/** Module-private. */
async function startOwnRedis(): Promise<OwnRedis> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  const own: OwnRedis = {
    url: `redis://127.0.0.1:${port}`,
    pid: () => child!.pid!,
    async start() {
      child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
      const running = child;
      redisChildren.add(running);
      running.once('exit', () => redisChildren.delete(running));
      for (let attempt = 0; attempt < 200; attempt += 1) {
        if (await redisAnswers(port)) return;
        await sleep(25);
      }
      throw new Error(`redis-server on port ${port} did not answer PING`);
    },
    async kill() {
      const running = child;
      if (!running || running.exitCode !== null || running.signalCode !== null) return;
      const exited = new Promise((resolve) => running.once('exit', resolve));
      running.kill('SIGKILL');
      await exited;
    },
  };
  await own.start();
  return own;
}

/** Module-private: a raw PING over TCP (no client library state to clean up). */
function redisAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const timer = setTimeout(() => finish(false), 500);
    const finish = (ok: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(ok);
    };
    socket.once('error', () => finish(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data: Buffer) => finish(data.toString().startsWith('+PONG')));
  });
}

/** Module-private. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Module-private: the open sockets of a process (its `/proc/<pid>/fd` links to `socket:[…]`). */
function openSockets(pid: number): number {
  let count = 0;
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      if (readlinkSync(`/proc/${pid}/fd/${fd}`).startsWith('socket:')) count += 1;
    } catch {
      // Closed while listing.
    }
  }
  return count;
}

/** Module-private: the emulator's admin API. */
async function emulatorAdmin(emulatorUrl: string, method: string, route: string, body?: unknown): Promise<any> {
  const response = await fetch(`${emulatorUrl}/_emulator/${route}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
  const json = await response.json();
  if (!response.ok) throw new Error(`${method} /_emulator/${route} answered ${response.status}: ${JSON.stringify(json)}`);
  return json;
}

/** Module-private: sets the emulator's fault rules; resolves with the local time they took effect. */
async function setFaults(emulatorUrl: string, rules: unknown): Promise<number> {
  await emulatorAdmin(emulatorUrl, 'PUT', 'faults', rules);
  return performance.now();
}

/** Module-private: polls until `condition` holds or `timeoutMs` passes; whether it held. */
async function eventually(condition: () => Promise<boolean> | boolean, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    if (await condition()) return true;
    if (performance.now() > deadline) return false;
    await sleep(50);
  }
}

// ---- scenarios ----------------------------------------------------------------------------

/** What every scenario gets. */
interface RunContext {
  readonly stack: StackOptions;
  readonly emulator: BenchProcess;
  readonly redis: OwnRedis;
  readonly deadlineMs: number;
  readonly phaseSeconds: number;
  readonly outageSeconds: number;
  readonly redisSeconds: number;
  readonly graceMs: number;
  readonly concurrency: number;
  readonly soakSeconds: number;
  readonly referenceBodies: readonly string[];
  readonly log: (line: string) => void;
  /** A fresh product gateway on the run's emulator and Redis. */
  gateway(name: string, env?: Record<string, string>): Promise<BenchProcess>;
}

/** Module-private: throttling on every operation of both services. */
async function throttleScenario(ctx: RunContext, gateway: BenchProcess) {
  const url = `${gateway.url}/graphql`;
  const load = { url, bodies: ctx.referenceBodies, concurrency: ctx.concurrency, seconds: ctx.phaseSeconds };
  await setFaults(ctx.emulator.url, []);
  const healthy = await drive(load);
  await setFaults(ctx.emulator.url, { kind: 'throttle', probability: 0.3 });
  const throttled = await drive(load);
  await setFaults(ctx.emulator.url, []);
  // The same load once the throttling has stopped: how long what the gateway learned from it lingers.
  const after = await drive(load);
  const withinDeadline = (samples: Sample[]) => samples.filter((s) => s.ok && s.ms <= ctx.deadlineMs).length / Math.max(1, samples.length);
  const figure = {
    probability: 0.3,
    healthy: { ...summarize(healthy), successWithinDeadline: r4(withinDeadline(healthy)) },
    throttled: { ...summarize(throttled), successWithinDeadline: r4(withinDeadline(throttled)) },
    afterThrottling: { ...summarize(after), successWithinDeadline: r4(withinDeadline(after)) },
  };
  ctx.log(
    `throttle: ${pct(figure.throttled.successWithinDeadline)} of ${figure.throttled.requests} queries clean within ${ctx.deadlineMs} ms (healthy ${pct(figure.healthy.successWithinDeadline)}); p50 ${figure.healthy.p50Ms} → ${figure.throttled.p50Ms} → ${figure.afterThrottling.p50Ms} ms after`,
  );
  return figure;
}

/** Module-private: one service never answers. */
async function hangScenario(ctx: RunContext, gateway: BenchProcess) {
  const url = `${gateway.url}/graphql`;
  const body = JSON.stringify({ query: QUERIES.both });
  const settleMs = 6_000;
  await setFaults(ctx.emulator.url, []);
  const healthy = await drive({ url, bodies: [body], concurrency: 4, seconds: 2, keepBodies: true });
  // Idle connections to the emulator close after its keep-alive timeout (5 s): the counts compare settled states.
  await sleep(settleMs);
  const socketsBefore = openSockets(gateway.pid);
  await setFaults(ctx.emulator.url, { kind: 'hang', service: 'sms-voice-v2' });
  const hung = await drive({ url, bodies: [body], concurrency: 4, seconds: Math.max(3, ctx.phaseSeconds / 2), keepBodies: true });
  const released = await eventually(async () => (await emulatorAdmin(ctx.emulator.url, 'GET', 'faults')).hanging === 0, 5_000);
  const hangingAfter = (await emulatorAdmin(ctx.emulator.url, 'GET', 'faults')).hanging as number;
  await setFaults(ctx.emulator.url, []);
  await sleep(settleMs);
  const socketsAfter = openSockets(gateway.pid);
  const fieldCodes: Record<string, number> = {};
  let pinpointIntact = 0;
  let answered = 0;
  for (const s of hung) {
    if (s.status === 0) continue;
    answered += 1;
    if (typeof s.body?.data?.app?.name === 'string') pinpointIntact += 1;
    for (const error of s.body?.errors ?? []) {
      const key = `${(error.path ?? ['(request)']).join('.')}: ${error.extensions?.code ?? 'NO_CODE'}`;
      fieldCodes[key] = (fieldCodes[key] ?? 0) + 1;
    }
  }
  const figure = {
    deadlineMs: ctx.deadlineMs,
    healthy: summarize(healthy),
    hung: summarize(hung),
    answered,
    pinpointIntact,
    errorsByPathAndCode: fieldCodes,
    overDeadlineMs: r1(Math.max(...hung.map((s) => s.ms)) - ctx.deadlineMs),
    emulatorHangingAfter: hangingAfter,
    emulatorReleasedAll: released,
    gatewaySocketsBefore: socketsBefore,
    gatewaySocketsAfter: socketsAfter,
  };
  ctx.log(`hang: ${hung.length} queries, max ${figure.hung.maxMs} ms (deadline ${ctx.deadlineMs}), Pinpoint intact ${pinpointIntact}/${answered}, codes ${JSON.stringify(fieldCodes)}, held after ${hangingAfter}, gateway sockets ${socketsBefore} → ${socketsAfter}`);
  return figure;
}

/** Module-private: Pinpoint down for a window, SMS v2 alongside. */
async function outageScenario(ctx: RunContext, gateway: BenchProcess) {
  const url = `${gateway.url}/graphql`;
  const rate = 40;
  const before = 5;
  const after = 5;
  await setFaults(ctx.emulator.url, []);
  const total = before + ctx.outageSeconds + after;
  const t0 = performance.now();
  // The outage is one PUT: the rule starts after `before` seconds and ends by itself.
  const putAt = await setFaults(ctx.emulator.url, { kind: 'reset', service: 'pinpoint', afterMs: before * 1000, durationMs: ctx.outageSeconds * 1000 });
  const startMs = putAt - t0 + before * 1000;
  const endMs = startMs + ctx.outageSeconds * 1000;
  const readyz: { at: number; breakers?: string }[] = [];
  const [pinpoint, sms] = await Promise.all([
    drive({ url, bodies: [JSON.stringify({ query: QUERIES.pinpoint })], concurrency: 4, seconds: total, ratePerSecond: rate }),
    drive({
      url,
      bodies: [JSON.stringify({ query: QUERIES.sms })],
      concurrency: 4,
      seconds: total,
      ratePerSecond: rate,
      tickMs: 250,
      // What /readyz says about breakers, when some part reports them (a non-critical check).
      onTick: (elapsed) =>
        void fetch(`${gateway.url}/readyz`)
          .then((res) => res.json())
          .then((body: any) => readyz.push({ at: elapsed, breakers: Object.entries(body.checks ?? {}).filter(([name]) => /breaker/i.test(name)).map(([, check]: [string, any]) => check.detail).join('; ') || undefined }))
          .catch(() => undefined),
    }),
  ]);
  // Both drives start together (within a millisecond of t0).
  const during = (s: Sample) => s.at >= startMs && s.at < endMs;
  const pre = (s: Sample) => s.at + s.ms < startMs;
  const pinpointDuring = pinpoint.filter(during);
  const firstFast = pinpointDuring.find((s) => !s.ok && s.ms < 5);
  const failedAfterOpen = firstFast ? pinpointDuring.filter((s) => !s.ok && s.at >= firstFast.at) : [];
  const firstRecovered = pinpoint.find((s) => s.ok && s.at + s.ms >= endMs);
  const smsPre = summarize(sms.filter(pre));
  const smsDuring = summarize(sms.filter(during));
  const breakerSeen = readyz.find((entry) => entry.at >= startMs && /open/i.test(entry.breakers ?? ''));
  const figure = {
    outageSeconds: ctx.outageSeconds,
    fault: 'reset',
    ratePerService: rate,
    pinpointBefore: summarize(pinpoint.filter(pre)),
    pinpointDuring: summarize(pinpointDuring),
    firstFastFailureAfterMs: firstFast ? r1(firstFast.at + firstFast.ms - startMs) : null,
    failureAfterOpen: firstFast ? summarize(failedAfterOpen) : null,
    smsBefore: smsPre,
    smsDuring,
    smsP50Ratio: ratio(smsDuring.p50Ms, smsPre.p50Ms),
    recoveryAfterMs: firstRecovered ? r1(firstRecovered.at + firstRecovered.ms - endMs) : null,
    readyzBreakerOpenAfterMs: breakerSeen ? r1(breakerSeen.at - startMs) : null,
  };
  ctx.log(
    `outage: first fast failure ${figure.firstFastFailureAfterMs ?? '-'} ms after the start, failures p50/p99 ${figure.failureAfterOpen?.p50Ms ?? '-'}/${figure.failureAfterOpen?.p99Ms ?? '-'} ms, SMS p50 ${smsPre.p50Ms} → ${smsDuring.p50Ms} ms, recovered ${figure.recoveryAfterMs ?? '-'} ms after the end`,
  );
  return figure;
}

/** Module-private: Redis frozen, then killed, under load. */
async function redisScenario(ctx: RunContext, gateway: BenchProcess) {
  const url = `${gateway.url}/graphql`;
  const load = { url, bodies: ctx.referenceBodies, concurrency: ctx.concurrency, seconds: ctx.redisSeconds };
  await setFaults(ctx.emulator.url, []);
  const healthy = await drive(load);
  // Frozen: the process stops answering, its connections stay open (the worst case for a client).
  process.kill(ctx.redis.pid(), 'SIGSTOP');
  let hung: Sample[];
  try {
    hung = await drive(load);
  } finally {
    process.kill(ctx.redis.pid(), 'SIGCONT');
  }
  await sleep(2_000);
  await ctx.redis.kill();
  let killed: Sample[];
  try {
    killed = await drive(load);
  } finally {
    await ctx.redis.start();
  }
  const recovered = await drive({ ...load, seconds: Math.min(5, ctx.redisSeconds) });
  const figure = { healthy: summarize(healthy), hung: summarize(hung), killed: summarize(killed), afterRestart: summarize(recovered), hungP99Ratio: 0, killedP99Ratio: 0 };
  figure.hungP99Ratio = ratio(figure.hung.p99Ms, figure.healthy.p99Ms) ?? Number.NaN;
  figure.killedP99Ratio = ratio(figure.killed.p99Ms, figure.healthy.p99Ms) ?? Number.NaN;
  ctx.log(`redis: failed hung ${figure.hung.failed}/${figure.hung.requests}, killed ${figure.killed.failed}/${figure.killed.requests}; p99 ${figure.healthy.p99Ms} → ${figure.hung.p99Ms} (hung) / ${figure.killed.p99Ms} ms (killed)`);
  return figure;
}

/** Module-private: SIGTERM (graceful) and SIGKILL (the baseline) with requests in flight. */
async function sigtermScenario(ctx: RunContext) {
  // Slow upstream, so requests are in flight when the signal lands.
  const latencyMs = 400;
  const runs = [];
  for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
    const gateway = await ctx.gateway(`gateway-${signal.toLowerCase()}`, { SHUTDOWN_GRACE_MS: String(ctx.graceMs) });
    await setFaults(ctx.emulator.url, { kind: 'latency', latencyMs });
    const signalAfterMs = 3_000;
    let signalledAt = Number.NaN;
    let exitAt = Number.NaN;
    const t0 = performance.now();
    const exitStatus = gateway.exited.then((status) => ((exitAt = performance.now() - t0), status));
    setTimeout(() => {
      signalledAt = performance.now() - t0;
      if (signal === 'SIGKILL') process.kill(gateway.pid, 'SIGKILL');
      // stop() sends SIGTERM (and marks the exit as expected; after a SIGKILL it only waits).
      void gateway.stop(ctx.graceMs + 10_000);
    }, signalAfterMs);
    const samples = await drive({ url: `${gateway.url}/graphql`, bodies: ctx.referenceBodies, concurrency: 16, seconds: signalAfterMs / 1000 + 2 });
    const status = await exitStatus;
    await setFaults(ctx.emulator.url, []);
    const inFlight = samples.filter((s) => s.at < signalledAt && s.at + s.ms > signalledAt);
    const after = samples.filter((s) => s.at >= signalledAt);
    const run = {
      signal,
      graceMs: ctx.graceMs,
      inFlightAtSignal: inFlight.length,
      answeredWhole: inFlight.filter((s) => s.status === 200).length,
      answeredClean: inFlight.filter((s) => s.ok).length,
      dropped: inFlight.filter((s) => s.status === 0).length,
      droppedCodes: summarize(inFlight.filter((s) => s.status === 0)).failureCodes,
      sentAfterSignal: after.length,
      refusedAfterSignal: after.filter((s) => s.codes.includes('ECONNREFUSED')).length,
      exitCode: status.code,
      exitSignal: status.signal,
      exitAfterSignalMs: r1(exitAt - signalledAt),
    };
    ctx.log(`${signal}: ${run.inFlightAtSignal} in flight → ${run.answeredWhole} answered whole, ${run.dropped} dropped; exit ${run.exitCode ?? run.exitSignal} after ${run.exitAfterSignalMs} ms`);
    runs.push(run);
  }
  return { upstreamLatencyMs: latencyMs, runs };
}

/** Module-private: a long run under mixed faults, memory and sockets sampled. */
async function soakScenario(ctx: RunContext) {
  const gateway = await ctx.gateway('gateway-soak');
  await setFaults(ctx.emulator.url, [
    { kind: 'throttle', probability: 0.1 },
    { kind: 'error', probability: 0.02 },
    { kind: 'reset', probability: 0.01 },
    { kind: 'hang', probability: 0.005 },
    { kind: 'latency', latencyMs: 200, probability: 0.05 },
  ]);
  const samples: { seconds: number; rssBytes: number; sockets: number }[] = [];
  let requests: Sample[] = [];
  try {
    requests = await drive({
      url: `${gateway.url}/graphql`,
      bodies: ctx.referenceBodies,
      concurrency: ctx.concurrency,
      seconds: ctx.soakSeconds,
      tickMs: 1000,
      onTick: (elapsed) => samples.push({ seconds: round(elapsed / 1000, 1), rssBytes: gateway.rssBytes(), sockets: openSockets(gateway.pid) }),
    });
  } finally {
    await setFaults(ctx.emulator.url, []);
  }
  const warm = samples.filter((s) => s.seconds >= ctx.soakSeconds / 6);
  const window = Math.max(1, Math.floor(warm.length / 3));
  const first = warm.slice(0, window);
  const last = warm.slice(-window);
  const figure = {
    seconds: ctx.soakSeconds,
    ...summarize(requests),
    windowSamples: window,
    rssStartBytes: median(first.map((s) => s.rssBytes)),
    rssEndBytes: median(last.map((s) => s.rssBytes)),
    rssMaxBytes: Math.max(...samples.map((s) => s.rssBytes)),
    rssGrowth: 0,
    socketsStart: median(first.map((s) => s.sockets)),
    socketsEnd: median(last.map((s) => s.sockets)),
    socketsMax: Math.max(...samples.map((s) => s.sockets)),
    samples,
  };
  figure.rssGrowth = r4(figure.rssEndBytes / figure.rssStartBytes - 1);
  ctx.log(`soak: ${figure.requests} requests in ${ctx.soakSeconds} s (${figure.ok} clean); RSS ${mib(figure.rssStartBytes)} → ${mib(figure.rssEndBytes)} MiB (${(figure.rssGrowth * 100).toFixed(1)}%), sockets ${figure.socketsStart} → ${figure.socketsEnd}`);
  await gateway.stop();
  return figure;
}

// ---- targets ------------------------------------------------------------------------------

/** One verdict. */
interface Verdict {
  readonly target: string;
  readonly wanted: string;
  readonly measured: string;
  /** null when the scenario did not run or the figure is missing. */
  readonly met: boolean | null;
}

/** Module-private: the targets, judged from the figures alone. */
function verdicts(figures: Partial<Record<ScenarioName, any>>, deadlineMs: number): Verdict[] {
  const out: Verdict[] = [];
  const add = (target: string, wanted: string, measured: string, met: boolean | null) => out.push({ target, wanted, measured, met });
  const t = figures.throttle;
  if (t) add('throttle-success', '≥ 99.9% of queries clean within the deadline, 30% throttled', `${pct(t.throttled.successWithinDeadline)} of ${t.throttled.requests}`, t.throttled.successWithinDeadline >= 0.999);
  const h = figures.hang;
  if (h) {
    add('hang-answer-time', `every answer within deadline + 100 ms (${deadlineMs + 100} ms)`, `max ${h.hung.maxMs} ms (${h.overDeadlineMs >= 0 ? '+' : ''}${h.overDeadlineMs} ms vs the deadline)`, h.hung.maxMs <= deadlineMs + 100);
    const count = (code: string) => Object.entries(h.errorsByPathAndCode as Record<string, number>).filter(([key]) => key.endsWith(`: ${code}`)).reduce((sum, [, n]) => sum + n, 0);
    // Once its calls have timed out often enough, the hung service's breaker opens: its fields then fail
    // at once with UPSTREAM_UNAVAILABLE (CIRCUIT_OPEN) instead of waiting for their timeout.
    const timeouts = count('UPSTREAM_TIMEOUT');
    const open = count('UPSTREAM_UNAVAILABLE');
    add(
      'hang-fields',
      'UPSTREAM_TIMEOUT on the hung service\'s fields (UPSTREAM_UNAVAILABLE once its breaker opens), the other service\'s fields intact',
      `${timeouts} UPSTREAM_TIMEOUT + ${open} UPSTREAM_UNAVAILABLE of ${h.answered}; Pinpoint intact ${h.pinpointIntact}/${h.answered}; ${JSON.stringify(h.errorsByPathAndCode)}`,
      h.answered > 0 && timeouts > 0 && timeouts + open >= h.answered && h.pinpointIntact === h.answered,
    );
    add('hang-no-sockets-left', 'no upstream request left held; gateway sockets back to before', `held ${h.emulatorHangingAfter}; sockets ${h.gatewaySocketsBefore} → ${h.gatewaySocketsAfter}`, h.emulatorHangingAfter === 0 && h.gatewaySocketsAfter <= h.gatewaySocketsBefore);
  }
  const o = figures.outage;
  if (o) {
    add('outage-breaker-open', 'fast failures (< 5 ms) within 1 s of the outage', o.firstFastFailureAfterMs === null ? 'never' : `${o.firstFastFailureAfterMs} ms`, o.firstFastFailureAfterMs !== null && o.firstFastFailureAfterMs <= 1000);
    add('outage-fail-fast', 'requests to the down service fail in under 5 ms (p99, once open)', o.failureAfterOpen ? `p50 ${o.failureAfterOpen.p50Ms} / p99 ${o.failureAfterOpen.p99Ms} ms` : 'no fast failure', o.failureAfterOpen ? o.failureAfterOpen.p99Ms < 5 : false);
    add('outage-other-service-p50', 'the other service\'s p50 within ±10%', `${o.smsBefore.p50Ms} → ${o.smsDuring.p50Ms} ms (×${o.smsP50Ratio})`, o.smsP50Ratio !== null && Math.abs(o.smsP50Ratio - 1) <= 0.1);
    add('outage-recovery', 'recovered within 1 s of the service returning', o.recoveryAfterMs === null ? 'never' : `${o.recoveryAfterMs} ms`, o.recoveryAfterMs !== null && o.recoveryAfterMs <= 1000);
  }
  const r = figures.redis;
  if (r) {
    add('redis-no-failures', '0 failed queries with Redis hung or killed', `hung ${r.hung.failed}/${r.hung.requests}, killed ${r.killed.failed}/${r.killed.requests}`, r.hung.failed === 0 && r.killed.failed === 0);
    add('redis-p99', 'p99 within 2× healthy', `hung ×${round(r.hungP99Ratio)}, killed ×${round(r.killedP99Ratio)} (healthy ${r.healthy.p99Ms} ms)`, r.hungP99Ratio <= 2 && r.killedP99Ratio <= 2);
  }
  const s = figures.sigterm;
  if (s) {
    const term = s.runs.find((run: any) => run.signal === 'SIGTERM');
    add('sigterm-no-drops', '0 dropped in-flight requests', `${term.dropped} of ${term.inFlightAtSignal} dropped (SIGKILL baseline: ${s.runs.find((run: any) => run.signal === 'SIGKILL')?.dropped ?? '-'})`, term.inFlightAtSignal > 0 && term.dropped === 0);
    add('sigterm-exit', `exit 0 within the grace (${term.graceMs} ms)`, `exit ${term.exitCode ?? term.exitSignal} after ${term.exitAfterSignalMs} ms`, term.exitCode === 0 && term.exitAfterSignalMs <= term.graceMs);
  }
  const k = figures.soak;
  if (k) {
    add('soak-memory-flat', 'RSS end ÷ start within ±10%', `${(k.rssGrowth * 100).toFixed(1)}% (${mib(k.rssStartBytes)} → ${mib(k.rssEndBytes)} MiB over ${k.seconds} s)`, Math.abs(k.rssGrowth) <= 0.1);
    add('soak-sockets-flat', 'open sockets do not grow (end median ≤ start median × 1.1)', `${k.socketsStart} → ${k.socketsEnd} (max ${k.socketsMax})`, k.socketsEnd <= k.socketsStart * 1.1);
  }
  return out;
}

// ---- main ---------------------------------------------------------------------------------

/** Module-private. */
async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      only: { type: 'string' },
      'latency-ms': { type: 'string', default: '20' },
      'deadline-ms': { type: 'string', default: '2000' },
      'phase-seconds': { type: 'string', default: '10' },
      'outage-seconds': { type: 'string', default: '30' },
      'redis-seconds': { type: 'string', default: '10' },
      'grace-ms': { type: 'string', default: '10000' },
      concurrency: { type: 'string', default: '8' },
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
  const only = values.only ? values.only.split(',').map((name) => name.trim()) : [...SCENARIOS];
  const unknown = only.filter((name) => !(SCENARIOS as readonly string[]).includes(name));
  if (unknown.length) throw new Error(`--only takes ${SCENARIOS.join(', ')}; got ${unknown.join(', ')}.`);
  const runtime = values.runtime as Runtime;
  if (runtime !== 'dist' && runtime !== 'tsx') throw new Error(`--runtime must be "dist" or "tsx"; got ${JSON.stringify(values.runtime)}.`);
  const soakSeconds = positiveInteger('FAULT_SOAK_SECONDS', process.env.FAULT_SOAK_SECONDS || '600');
  const settings = {
    latencyMs: positiveInteger('--latency-ms', values['latency-ms']!, true),
    deadlineMs: positiveInteger('--deadline-ms', values['deadline-ms']!),
    phaseSeconds: positiveInteger('--phase-seconds', values['phase-seconds']!),
    outageSeconds: positiveInteger('--outage-seconds', values['outage-seconds']!),
    redisSeconds: positiveInteger('--redis-seconds', values['redis-seconds']!),
    graceMs: positiveInteger('--grace-ms', values['grace-ms']!),
    concurrency: positiveInteger('--concurrency', values.concurrency!),
    soakSeconds,
  };
  const startedAt = Date.now();
  const log = (line: string) => process.stdout.write(`[bench:faults ${((Date.now() - startedAt) / 1000).toFixed(1)}s] ${line}\n`);
  const loadStart = loadavg()[0];
  const build = runtime === 'dist' && !values['no-build'] ? ensureBuild(log, values.rebuild) : { rebuilt: false, typeErrors: 0 };

  const stack: StackOptions = { runtime, latencyMs: settings.latencyMs };
  const figures: Partial<Record<ScenarioName, any>> = {};
  try {
    const emulator = await startEmulator(stack);
    const redis = await startOwnRedis();
    const keyPrefix = `pinpoint-graph-bench-faults:${process.pid}:`;
    const gatewayEnv = {
      REQUEST_DEADLINE_MS: String(settings.deadlineMs),
      // Each call's own timeout below the request's deadline, as the defaults are (10 s within 30 s): a hung
      // call ends as UPSTREAM_TIMEOUT and the rest of the answer is sent, rather than the whole request timing out.
      UPSTREAM_TIMEOUT_MS: String(Math.max(100, Math.min(10_000, Math.floor(settings.deadlineMs / 2)))),
      // The limiter keeps its budgets in Redis too, so the Redis faults reach it; budgets the load never spends.
      RATE_LIMITS: 'true',
      RATE_LIMIT_POINTS: '1000000000',
      RATE_LIMIT_SEND_POINTS: '1000000000',
    };
    const ctx: RunContext = {
      stack,
      emulator,
      redis,
      ...settings,
      referenceBodies: REFERENCE_QUERIES.map((name) => requestBody(loadBenchQuery(name))),
      log,
      gateway: (name, env = {}) => startGateway(stack, { name, emulatorUrl: emulator.url, loaderMode: 'batched', redis: { url: redis.url, keyPrefix }, env: { ...gatewayEnv, ...env } }),
    };
    log(`emulator ${emulator.url} (${settings.latencyMs} ms per call), redis ${redis.url}, deadline ${settings.deadlineMs} ms; scenarios: ${only.join(', ')}`);
    for (const name of SCENARIOS) {
      if (!only.includes(name)) continue;
      log(`${name}: running`);
      if (name === 'soak' || name === 'sigterm') {
        figures[name] = name === 'soak' ? await soakScenario(ctx) : await sigtermScenario(ctx);
        assertAllAlive();
        continue;
      }
      // A fresh gateway per scenario: what one fault leaves behind (an adaptive rate limiter still
      // slowed down, an open breaker) must not leak into the next scenario's baseline.
      const gateway = await ctx.gateway(`gateway-${name}`);
      // Warm-up: JIT, connection pools, the KPI cache.
      await drive({ url: `${gateway.url}/graphql`, bodies: ctx.referenceBodies, concurrency: settings.concurrency, seconds: 3 });
      figures[name] =
        name === 'throttle' ? await throttleScenario(ctx, gateway)
        : name === 'hang' ? await hangScenario(ctx, gateway)
        : name === 'outage' ? await outageScenario(ctx, gateway)
        : await redisScenario(ctx, gateway);
      assertAllAlive();
      await gateway.stop();
    }
  } finally {
    await stopAll();
    killRedis();
  }

  const targets = verdicts(figures, settings.deadlineMs);
  const out: string[] = [
    `pinpoint-graph bench:faults: ${settings.latencyMs} ms per upstream call, deadline ${settings.deadlineMs} ms, ${cpus().length} CPUs, load average ${round(loadStart)} → ${round(loadavg()[0])}, ${runtime}, soak ${soakSeconds} s`,
    '',
    textTable(
      ['target', 'wanted', 'measured', 'met'],
      targets.map((v) => [v.target, v.wanted, v.measured, v.met === null ? '-' : v.met ? 'yes' : 'NO']),
    ),
  ];
  const phases = phaseRows(figures);
  if (phases.length) out.push('', 'Phases (each beside its healthy baseline from the same run)', textTable(['scenario', 'phase', 'requests', 'failed', 'p50 ms', 'p99 ms', 'max ms', 'failures by code'], phases));
  const file = values.out ?? join(ROOT, 'bench', 'results', 'faults-latest.json');
  mkdirSync(join(file, '..'), { recursive: true });
  const meta = { startedAt: new Date(startedAt).toISOString(), wallSeconds: round((Date.now() - startedAt) / 1000, 1), cpus: cpus().length, loadAverage: { start: round(loadStart), end: round(loadavg()[0]) }, runtime, build, node: process.version, settings };
  writeFileSync(file, `${JSON.stringify({ meta, targets, figures }, null, 2)}\n`);
  process.stdout.write(`\n${out.join('\n')}\n\nresults: ${relative(process.cwd(), file)}\n`);
  return 0;
}

/** Module-private: the per-phase table rows. */
function phaseRows(figures: Partial<Record<ScenarioName, any>>): string[][] {
  const row = (scenario: string, phase: string, s: Summary | null | undefined) =>
    s ? [scenario, phase, String(s.requests), String(s.failed), String(s.p50Ms), String(s.p99Ms), String(s.maxMs), Object.entries(s.failureCodes).map(([code, n]) => `${code} ${n}`).join(', ') || '-'] : [scenario, phase, '-', '-', '-', '-', '-', '-'];
  const rows: string[][] = [];
  if (figures.throttle) rows.push(row('throttle', 'healthy', figures.throttle.healthy), row('throttle', '30% throttled', figures.throttle.throttled), row('throttle', 'after throttling', figures.throttle.afterThrottling));
  if (figures.hang) rows.push(row('hang', 'healthy', figures.hang.healthy), row('hang', 'SMS v2 hangs', figures.hang.hung));
  if (figures.outage) {
    const o = figures.outage;
    rows.push(row('outage', 'Pinpoint before', o.pinpointBefore), row('outage', 'Pinpoint down', o.pinpointDuring), row('outage', 'Pinpoint down, once open', o.failureAfterOpen), row('outage', 'SMS v2 before', o.smsBefore), row('outage', 'SMS v2 during', o.smsDuring));
  }
  if (figures.redis) {
    const r = figures.redis;
    rows.push(row('redis', 'healthy', r.healthy), row('redis', 'hung (SIGSTOP)', r.hung), row('redis', 'killed', r.killed), row('redis', 'after restart', r.afterRestart));
  }
  if (figures.soak) rows.push(row('soak', `mixed faults ${figures.soak.seconds} s`, figures.soak));
  return rows;
}

/** Module-private: kills the run's redis-servers (synchronous: also the exit handler's). */
function killRedis(): void {
  for (const child of redisChildren) {
    try {
      // A frozen server ignores nothing: SIGKILL ends it even while stopped.
      child.kill('SIGKILL');
    } catch {
      // Already gone.
    }
  }
}

/** Module-private. */
function positiveInteger(name: string, raw: string, zeroAllowed = false): number {
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < (zeroAllowed ? 0 : 1)) throw new Error(`${name} must be a ${zeroAllowed ? 'non-negative' : 'positive'} integer; got ${JSON.stringify(raw)}.`);
  return value;
}

/** Module-private. */
function ratio(numerator: number, denominator: number): number | null {
  return Number.isFinite(numerator) && Number.isFinite(denominator) && denominator > 0 ? Math.round((numerator / denominator) * 1000) / 1000 : null;
}

/** Module-private. */
function r1(value: number): number {
  return round(value, 1);
}

/** Module-private. */
function r4(value: number): number {
  return round(value, 4);
}

/** Module-private. */
function pct(share: number): string {
  return `${(share * 100).toFixed(2)}%`;
}

/** Module-private. */
function mib(bytes: number): number {
  return Math.round(bytes / 1048576);
}

/** Module-private. */
function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// A crash must not leave the gateways, the emulator or Redis running.
process.once('exit', () => {
  killAllNow();
  killRedis();
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    killAllNow();
    killRedis();
    process.exit(130);
  });
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`bench:faults failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
