import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { HttpRefusal } from '../http/refusal';
import { ErrorCode } from '../../graph/errors';
import type { PipelineSettings } from './pipeline';
import type { AdmissionAnswer, AdmissionCheck, AdmissionVerdict, AdmissionWorkerData, AdmissionWorkerReady } from './protocol';
import { threadCpuClock } from './threadCpuClock';

/**
 * Document admission: checks of a document the gateway has not validated before (parse,
 * validation, structural limits, cost) run on worker threads, so that no document, however large
 * or crafted, blocks the event loop every other request is served from. Parsing a 0.5 MB body,
 * lexing a 64 KiB document or validating a 5,000-token one takes milliseconds of CPU (up to 170 ms
 * for validation, which is quadratic in repeated fields); on the event loop, a burst of them makes
 * every cheap request wait behind them.
 *
 * - A document that passes is parsed by the gateway and put in Apollo's document store
 *   (documentStore.ts), so Apollo does not validate it again; requests with a stored document and
 *   a small body skip the workers: a frontend's queries repeat, so the steady state costs nothing
 *   here. The gateway still checks cost with each request's own variables.
 * - Bodies over `inlineBodyBytes` always go to a worker, raw: it decodes and parses the JSON too.
 * - A check that runs longer than `checkTimeoutMs` ends its worker (a fresh one replaces it) and
 *   the request is refused; so does one that arrives when `maxPending` checks already wait. The
 *   bound is on the check's own run: a worker checks one document at a time, and the check at the
 *   head of its queue is charged the CPU time its thread uses from then on (threadCpuClock.ts;
 *   wall time where the OS does not say), not its wait behind other checks, nor the time a busy
 *   machine gives other threads (the workers run below the event loop's priority on purpose, and
 *   a cheap check on a loaded machine waited over 2 s of wall time for a core). How long a
 *   request waits for its check is bounded by the request's deadline (createGatewayServer.ts).
 * - A worker that dies (e.g. at its heap limit) is replaced; its pending requests are refused.
 */

/** Options of {@link createDocumentAdmission}. */
export interface DocumentAdmissionOptions {
  readonly settings: PipelineSettings;
  /** Worker threads (at least 1). */
  readonly workers: number;
  /** Bodies longer than this go to a worker undecoded (default 16 KiB). */
  readonly inlineBodyBytes?: number;
  /** Checks waiting or running at once, all workers together (default 64); more are refused 503. */
  readonly maxPending?: number;
  /** Bound on one check's CPU time, from when its worker starts it (default 2 000 ms). */
  readonly checkTimeoutMs?: number;
  /** Heap of each worker, in MiB (default 256). */
  readonly workerHeapMb?: number;
  /** The CPU clock of a worker's thread by its kernel thread ID (default: threadCpuClock.ts, Linux's /proc). */
  readonly threadCpuClock?: (osThreadId: number) => () => number | undefined;
  /** Told of worker faults (a check that failed, a worker that died or was stopped). */
  readonly onFault?: (details: { readonly reason: string; readonly error?: unknown }) => void;
}

/** The request as admission needs it. */
export type AdmissionRequest = Omit<AdmissionCheck, 'id'>;

/** The outcome of {@link DocumentAdmission.check}. */
export type AdmissionOutcome =
  /** `bodyBytes`: the raw body given to the check, back from the worker (the one given was moved there). */
  | { readonly kind: 'pass'; readonly bodyBytes?: Uint8Array }
  | { readonly kind: 'refuse'; readonly refusal: HttpRefusal }
  | { readonly kind: 'answer'; readonly answer: AdmissionAnswer };

/** The gateway's document admission. */
export interface DocumentAdmission {
  /** Bodies longer than this go to {@link check} raw. */
  readonly inlineBodyBytes: number;
  /**
   * Runs the checks on a worker. A `bodyBytes` that owns its whole buffer is moved to the worker,
   * not copied (it is unusable here afterwards): a passing outcome brings it back.
   */
  check(request: AdmissionRequest): Promise<AdmissionOutcome>;
  /** Resolves once every worker has built its pipeline; rejects if one cannot. */
  ready(): Promise<void>;
  /** The thread IDs of the current workers (diagnostics: a replaced worker has a new one). */
  threadIds(): number[];
  /** Stops the workers; pending checks are refused. */
  close(): Promise<void>;
}

/** Module-private: one pending check. */
interface Pending {
  readonly resolve: (outcome: AdmissionOutcome) => void;
  readonly slot: WorkerSlot;
}

/** Module-private: the check a worker is running (the head of its queue) and its bound. */
interface RunningCheck {
  readonly id: number;
  timer: NodeJS.Timeout;
  /** The worker thread's CPU time when the check started, in ms; undefined: bound on wall time. */
  readonly cpuAtStart: number | undefined;
}

/** Module-private: one worker and its pending checks, in the order it runs them. */
interface WorkerSlot {
  worker: Worker;
  readonly pending: Set<number>;
  ready: Promise<void>;
  /** Set once `ready` resolved: its checks' bounds can run. */
  started: boolean;
  /** The worker thread's CPU clock (Linux), once it has said which thread it is. */
  cpuMs?: () => number | undefined;
  running?: RunningCheck;
}

/**
 * Module-private: the shortest wait before a check's CPU is read again, when the last reading
 * found it under its bound (the thread was waiting for a core): a starved check is looked at a few
 * times a second, not in a tight loop of timers.
 */
const MIN_RECHECK_MS = 50;

/** Starts the admission workers. */
export function createDocumentAdmission(options: DocumentAdmissionOptions): DocumentAdmission {
  if (!Number.isInteger(options.workers) || options.workers < 1) throw new RangeError(`createDocumentAdmission: workers must be a whole number >= 1; got ${options.workers}.`);
  const inlineBodyBytes = options.inlineBodyBytes ?? 16 * 1024;
  const maxPending = options.maxPending ?? 64;
  const checkTimeoutMs = options.checkTimeoutMs ?? 2_000;
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let closed = false;

  const settle = (id: number, outcome: AdmissionOutcome) => {
    const entry = pending.get(id);
    if (!entry) return;
    pending.delete(id);
    const { slot } = entry;
    slot.pending.delete(id);
    if (slot.running?.id === id) {
      clearTimeout(slot.running.timer);
      slot.running = undefined;
      startNext(slot);
    }
    entry.resolve(outcome);
  };

  /** Module-private: starts the bound of the check at the head of the slot's queue (the one its worker runs now). */
  const startNext = (slot: WorkerSlot) => {
    if (!slot.started || slot.running) return;
    const [id] = slot.pending;
    if (id === undefined) return;
    slot.running = { id, cpuAtStart: slot.cpuMs?.(), timer: setTimeout(() => overrun(slot, id), checkTimeoutMs) };
  };

  /** Module-private: refuses a slot's pending checks and gives it a fresh worker. */
  const replace = (slot: WorkerSlot, refusal: HttpRefusal) => {
    if (slot.running) clearTimeout(slot.running.timer);
    slot.running = undefined;
    slot.started = false;
    for (const id of [...slot.pending]) settle(id, { kind: 'refuse', refusal });
    const old = slot.worker;
    old.removeAllListeners();
    void old.terminate();
    if (closed) return;
    Object.assign(slot, spawn(slot), { cpuMs: undefined });
    void slot.ready.then(() => start(slot), () => undefined);
  };

  /** Module-private: a slot's worker is ready: its queue's bounds run from now. */
  const start = (slot: WorkerSlot) => {
    slot.started = true;
    startNext(slot);
  };

  const spawn = (slot?: WorkerSlot): Pick<WorkerSlot, 'worker' | 'ready'> => {
    const worker = startWorker({ settings: options.settings }, options.workerHeapMb ?? 256);
    const ready = new Promise<void>((resolve, reject) => {
      worker.once('message', (message: unknown) => {
        const hello = message as Partial<AdmissionWorkerReady>;
        if (!hello.ready) return reject(new Error('The admission worker spoke before it was ready.'));
        const owner = slot ?? slots.find((candidate) => candidate.worker === worker);
        if (owner && hello.osThreadId !== undefined) owner.cpuMs = (options.threadCpuClock ?? threadCpuClock)(hello.osThreadId);
        resolve();
      });
      worker.once('error', reject);
    });
    // An unobserved rejection must not crash the process: `ready()` reports it to whoever asks.
    ready.catch(() => undefined);
    void ready.then(() => {
      worker.on('message', (verdict: AdmissionVerdict) => {
        if (verdict.verdict === 'pass' && verdict.failure !== undefined) options.onFault?.({ reason: 'check failed', error: verdict.failure });
        settle(verdict.id, verdict.verdict === 'pass' ? { kind: 'pass', ...(verdict.bodyBytes ? { bodyBytes: verdict.bodyBytes } : {}) } : verdict.verdict === 'refuse' ? { kind: 'refuse', refusal: verdict.refusal } : { kind: 'answer', answer: verdict.answer });
      });
    });
    worker.on('error', (error) => {
      options.onFault?.({ reason: 'worker failed', error });
      const owner = slots.find((candidate) => candidate.worker === worker) ?? slot;
      if (owner) replace(owner, { status: 503, code: ErrorCode.Overloaded, message: 'The document could not be checked (the admission worker failed); try again.', headers: { 'retry-after': '1' } });
    });
    // Once ready, a worker must not keep a stopping process alive (before, it is what start-up waits on).
    void ready.then(() => worker.unref());
    return { worker, ready };
  };

  const slots: WorkerSlot[] = Array.from({ length: options.workers }, () => ({ ...spawn(), pending: new Set<number>(), started: false }));
  for (const slot of slots) void slot.ready.then(() => start(slot), () => undefined);

  return {
    inlineBodyBytes,
    check(request) {
      if (closed) return Promise.resolve({ kind: 'refuse', refusal: { status: 503, code: ErrorCode.Overloaded, message: 'The gateway is shutting down.' } });
      if (pending.size >= maxPending) {
        return Promise.resolve({ kind: 'refuse', refusal: { status: 503, code: ErrorCode.Overloaded, message: `Too many new documents are being checked at once (${maxPending}); try again.`, headers: { 'retry-after': '1' } } });
      }
      // The least busy worker.
      const slot = slots.reduce((best, candidate) => (candidate.pending.size < best.pending.size ? candidate : best));
      const id = nextId++;
      const outcome = new Promise<AdmissionOutcome>((resolve) => {
        // The bound is on the check, not on a fresh worker's start-up nor on the checks queued
        // before it: it starts when the check reaches the head of a ready worker's queue.
        pending.set(id, { resolve, slot });
        slot.pending.add(id);
        startNext(slot);
      });
      const message: AdmissionCheck = { ...request, id };
      // A body that owns its whole ArrayBuffer (a large one, assembled from chunks) moves to the worker
      // instead of being copied; one that is a view into a shared pool or socket buffer is copied.
      const bytes = request.bodyBytes;
      const movable = bytes !== undefined && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer;
      slot.worker.postMessage(message, movable ? [bytes.buffer as ArrayBuffer] : []);
      return outcome;
    },
    async ready() {
      await Promise.all(slots.map((slot) => slot.ready));
    },
    threadIds: () => slots.map((slot) => slot.worker.threadId),
    async close() {
      closed = true;
      for (const slot of slots) replace(slot, { status: 503, code: ErrorCode.Overloaded, message: 'The gateway is shutting down.' });
    },
  };

  /**
   * Module-private: the running check `id` has had its bound of wall time. If its thread used less
   * CPU than the bound (it waited for a core), it runs on and is looked at again when it could have
   * used the rest; else it is refused and its worker replaced.
   */
  function overrun(slot: WorkerSlot, id: number): void {
    const running = slot.running;
    if (running?.id !== id) return;
    const cpuNow = running.cpuAtStart === undefined ? undefined : slot.cpuMs?.();
    const used = cpuNow === undefined || running.cpuAtStart === undefined ? undefined : cpuNow - running.cpuAtStart;
    if (used !== undefined && used < checkTimeoutMs) {
      running.timer = setTimeout(() => overrun(slot, id), Math.max(checkTimeoutMs - used, MIN_RECHECK_MS));
      return;
    }
    options.onFault?.({ reason: `check took over ${checkTimeoutMs} ms; worker replaced` });
    // The slow document is refused; others pending on the same worker get a retryable answer.
    settle(id, { kind: 'refuse', refusal: { status: 400, code: ErrorCode.QueryLimitExceeded, message: `The document could not be checked within ${checkTimeoutMs} ms; it is too expensive to run.`, extensions: { limit: 'admissionCheckMs', max: checkTimeoutMs } } });
    replace(slot, { status: 503, code: ErrorCode.Overloaded, message: 'The document could not be checked (another document overran its check); try again.', headers: { 'retry-after': '1' } });
  }
}

/**
 * Module-private: a worker running admissionWorker. Compiled (dist), it is the `.js` beside this
 * file; from source (tsx, jest), the worker registers tsx's CommonJS hook first.
 */
function startWorker(data: AdmissionWorkerData, heapMb: number): Worker {
  const resourceLimits = { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: Math.max(16, Math.floor(heapMb / 8)) };
  const extension = extname(__filename);
  const file = join(__dirname, `admissionWorker${extension}`);
  if (extension === '.ts') return new Worker(`require('tsx/cjs'); require(${JSON.stringify(file)});`, { eval: true, workerData: data, resourceLimits });
  return new Worker(file, { workerData: data, resourceLimits });
}
