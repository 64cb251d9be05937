import cluster from 'node:cluster';

/**
 * The worker's side of the supervisor (issue "Scale out"): what `main.ts` does differently when it
 * runs as one of the cluster's gateway workers. Outside a cluster each function does what a single
 * process always did, so the composition root has no branch of its own.
 */

/** The IPC message a worker sends once it serves: the primary prints the banner of the first one. */
export interface ListeningMessage {
  readonly type: typeof LISTENING_MESSAGE;
  /** The start line, as a single process prints it (without the newline). */
  readonly banner: string;
  /** The port the worker listens on: the one the primary assigned when `PORT=0`. */
  readonly port: number;
}

/** Module-private: the `type` of a {@link ListeningMessage} (namespaced: other libraries use the same channel). */
const LISTENING_MESSAGE = 'pinpoint-graph:worker-listening';

/** Whether an IPC message is a {@link ListeningMessage}. */
export function isListeningMessage(message: unknown): message is ListeningMessage {
  const candidate = message as Partial<ListeningMessage> | null;
  return typeof candidate === 'object' && candidate !== null && candidate.type === LISTENING_MESSAGE && typeof candidate.banner === 'string' && typeof candidate.port === 'number';
}

/**
 * Announces that the gateway serves: a single process prints `banner` on stdout; a worker tells the
 * primary, which prints it once for the whole cluster (N copies of the start line would be N
 * URLs to a reader and to the tests that parse the first one).
 */
export function announceListening(banner: string, port: number): void {
  if (cluster.isWorker && process.send) {
    process.send({ type: LISTENING_MESSAGE, banner, port } satisfies ListeningMessage);
    return;
  }
  process.stdout.write(`${banner}\n`);
}

/** The shape of a `/readyz` check (server/health.ts's `ReadinessCheck`; the supervisor does not import the gateway). */
export interface WorkerReadinessCheck {
  readonly name: string;
  readonly critical: false;
  check(): Promise<string>;
}

/**
 * In a worker, a `/readyz` entry naming the worker that answered (`worker 3, pid 4242`): behind one
 * port, it is how an operator (and the cluster test) tells the workers apart and ties an answer to
 * the logs' `pid`. It never fails, so it is marked non-critical. None outside a cluster.
 */
export function workerReadinessChecks(): WorkerReadinessCheck[] {
  const worker = cluster.worker;
  if (!cluster.isWorker || worker === undefined) return [];
  return [{ name: 'worker', critical: false, check: async () => `worker ${worker.id}, pid ${process.pid}` }];
}

/** The IPC message the primary sends each worker to drain and exit (its SIGTERM path, without a signal). */
export interface DrainMessage {
  readonly type: typeof DRAIN_MESSAGE;
}

/** Module-private: the `type` of a {@link DrainMessage}. */
const DRAIN_MESSAGE = 'pinpoint-graph:drain';

/** The message the primary sends to make a worker drain. */
export const drainMessage: DrainMessage = { type: DRAIN_MESSAGE };

/**
 * In a worker, calls `stop` when the primary asks it to drain, or when the primary is gone (its IPC
 * channel closed: the primary was killed; the listening socket is the primary's, so no connection
 * would arrive again, and the worker drains what it holds instead of lingering as an orphan).
 * A message rather than a second SIGTERM: a process manager that signals the whole group
 * (systemd's default, `timeout`) already sent one, and a second would end the worker mid-drain.
 * Nothing outside a cluster.
 */
export function onSupervisorStop(stop: (reason: string) => void): void {
  if (!cluster.isWorker) return;
  process.on('message', (message: unknown) => {
    if ((message as Partial<DrainMessage> | null)?.type === DRAIN_MESSAGE) stop('drain requested by the supervisor');
  });
  process.once('disconnect', () => stop('the supervisor is gone'));
}
