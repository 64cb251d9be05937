import cluster, { type Worker } from 'node:cluster';
import { createServer, type AddressInfo } from 'node:net';
import { pino } from 'pino';
import type { Config } from '../config';
import { createEmulatorServer, type EmulatorServer } from '../emulator';
import { answerClusterMetrics } from './clusterMetrics';
import { RestartPolicy } from './restartPolicy';
import { drainMessage, isListeningMessage } from './worker';

/**
 * The node:cluster primary of `WORKERS` > 1 (issue "Scale out"): it forks the gateway workers,
 * which share one listening port (the primary accepts and hands connections out round robin), and
 * serves nothing itself: it never builds a gateway, an SDK client or a cache. It
 *
 * - starts the seeded emulator in-process when the gateway would (`UPSTREAM=emulator`, no
 *   endpoints) and gives every worker its endpoint, so all workers see one emulator state;
 * - prints the start line once, when the first worker serves; with `PORT=0` it picks the free port
 *   every worker listens on (and the same for `METRICS_PORT=0`);
 * - merges the workers' metrics for whichever worker serves a `/metrics` scrape, so a scrape
 *   answers for the whole cluster (clusterMetrics.ts);
 * - restarts a worker that dies on its own, after a back-off, and stops with exit code 1 and a
 *   message on a crash loop (restartPolicy.ts);
 * - on SIGTERM/SIGINT tells every worker to drain, which it does as a single process does
 *   (`SHUTDOWN_GRACE_MS`), and exits once all have exited: 0 when every one drained cleanly, 1
 *   otherwise or when they outlive the bound.
 */

/** Module-private: how long past the grace the workers may take to exit (their own bound is the grace + 5 s, main.ts). */
const WORKER_EXIT_BOUND_MS = 7_000;

/** Module-private: one worker as the primary tracks it. */
interface TrackedWorker {
  readonly worker: Worker;
  readonly pid: number;
  /** It announced that it serves (so a signal that ends it dropped whatever it held). */
  listening: boolean;
}

/** Runs the primary until it exits the process (after a signal or a crash loop). */
export async function superviseWorkers(config: Config): Promise<void> {
  const logger = pino({ level: config.logLevel }).child({ component: 'supervisor' });
  const workerEnv: Record<string, string> = {};
  if (!config.redis) {
    // Only outside production, or with rate limits off: config.ts refuses the rest.
    logger.warn(
      { workers: config.workers },
      `WORKERS=${config.workers} without REDIS_URL: each worker keeps its own KPI cache and single flight (up to ${config.workers} upstream loads of one KPI), ` +
        `its own rate-limit budgets (a caller gets up to ${config.workers} times its budget) and its own automatic persisted queries; ` +
        'API keys and trusted documents files are re-read by every worker when they change. Set REDIS_URL to share them.',
    );
  }
  let emulator: EmulatorServer | undefined;
  if (config.upstream === 'emulator' && !config.endpoints) {
    emulator = await createEmulatorServer({ port: 0, seed: true });
    workerEnv.PINPOINT_ENDPOINT = emulator.endpoint;
    workerEnv.SMS_VOICE_ENDPOINT = emulator.endpoint;
    logger.info({ endpoint: emulator.endpoint }, 'started the emulator in-process with the demo data set; every worker uses it');
  }

  if (config.port === 0) {
    // The workers' listening socket is the primary's, one per address and port as the workers ask
    // for it: workers asking for port 0 share one, but a worker started after every holder died
    // would get a new random port. One free port, picked here, keeps the address for good.
    workerEnv.PORT = String(await freePort(config.host));
  }
  if (config.metrics.port === 0) {
    // The same for the metrics listener the workers share (`METRICS_PORT=0`).
    workerEnv.METRICS_PORT = String(await freePort(config.metrics.host ?? config.host));
  }

  const policy = new RestartPolicy();
  const live = new Map<number, TrackedWorker>();
  const pendingRestarts = new Set<NodeJS.Timeout>();
  let announced = false;
  let stopping = false;
  let exitCode = 0;

  const fork = () => {
    const worker = cluster.fork(workerEnv);
    const pid = worker.process.pid!;
    live.set(worker.id, { worker, pid, listening: false });
    // A message to a worker whose channel just closed fails here; its 'exit' follows and decides.
    worker.on('error', (error) => logger.warn({ err: error, worker: worker.id, workerPid: pid }, 'worker channel error'));
    logger.info({ worker: worker.id, workerPid: pid }, 'worker started');
  };

  const finish = async () => {
    try {
      await emulator?.close();
    } catch (error) {
      exitCode = 1;
      logger.error({ err: error }, 'error closing the emulator');
    }
    logger.info({ exitCode }, 'shut down');
    process.exit(exitCode);
  };

  const stop = (reason: string, code: number) => {
    if (stopping) return;
    stopping = true;
    exitCode = Math.max(exitCode, code);
    for (const timer of pendingRestarts) clearTimeout(timer);
    pendingRestarts.clear();
    logger.info({ reason, workers: live.size, graceMs: config.shutdownGraceMs }, 'shutting down: draining every worker');
    if (live.size === 0) return void finish();
    // A drain message, not worker.disconnect() (which closes the worker's server at once): each
    // worker runs its own graceful shutdown (drain.ts), as on SIGTERM. A worker whose channel is
    // already closed gets the signal itself.
    for (const { worker } of live.values()) {
      if (worker.isConnected()) worker.send(drainMessage);
      else worker.process.kill('SIGTERM');
    }
    setTimeout(() => {
      logger.error({ workerPids: [...live.values()].map((tracked) => tracked.pid) }, 'workers still running after the shutdown bound: killing them');
      exitCode = 1;
      for (const { worker } of live.values()) worker.process.kill('SIGKILL');
    }, config.shutdownGraceMs + WORKER_EXIT_BOUND_MS).unref();
  };

  // Every worker's `/metrics` answers the whole cluster: it asks here (clusterMetrics.ts), and the
  // workers that serve are asked for their registries.
  answerClusterMetrics(() => [...live.values()].filter((tracked) => tracked.listening).map((tracked) => tracked.worker), logger);

  cluster.on('message', (worker, message) => {
    const tracked = live.get(worker.id);
    if (!isListeningMessage(message) || tracked === undefined) return;
    tracked.listening = true;
    logger.info({ worker: worker.id, workerPid: tracked.pid, port: message.port }, 'worker listening');
    if (announced) return;
    announced = true;
    process.stdout.write(`${message.banner}\n`);
  });

  cluster.on('exit', (worker, code, signal) => {
    const tracked = live.get(worker.id);
    live.delete(worker.id);
    const pid = tracked?.pid ?? worker.process.pid;
    if (stopping) {
      // Clean: exit code 0 (drained), or ended by the signal before it served anything.
      const clean = code === 0 || (signal !== null && tracked?.listening !== true);
      if (!clean) exitCode = 1;
      logger.info({ worker: worker.id, workerPid: pid, code, signal, clean }, 'worker exited');
      if (live.size === 0) void finish();
      return;
    }
    const decision = policy.recordDeath();
    logger.error({ worker: worker.id, workerPid: pid, code, signal, recentDeaths: decision.recentDeaths }, 'worker exited unexpectedly');
    if (decision.kind === 'crash-loop') {
      const how = code !== null ? `exit code ${code}` : `signal ${signal}`;
      const message =
        `pinpoint-graph: ${decision.recentDeaths} gateway workers died within ${policy.windowMs / 1000} s (the last: pid ${pid}, ${how}): ` +
        'a crash loop, so the supervisor stops instead of restarting them again. The workers\' own output above says why.';
      logger.fatal({ recentDeaths: decision.recentDeaths, windowMs: policy.windowMs }, message);
      process.stderr.write(`${message}\n`);
      stop('crash loop', 1);
      return;
    }
    logger.info({ delayMs: decision.delayMs, recentDeaths: decision.recentDeaths }, 'restarting a worker');
    const timer = setTimeout(() => {
      pendingRestarts.delete(timer);
      if (!stopping) fork();
    }, decision.delayMs);
    pendingRestarts.add(timer);
  });

  process.once('SIGINT', () => stop('SIGINT', 0));
  process.once('SIGTERM', () => stop('SIGTERM', 0));
  for (let i = 0; i < config.workers; i += 1) fork();
}

/** Module-private: a port free on `host` a moment ago (the workers bind it right after). */
function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
