import cluster, { type Worker } from 'node:cluster';
import type { Logger } from 'pino';
import { AggregatorRegistry, type Registry } from 'prom-client';

/**
 * `/metrics` of `WORKERS` > 1: one answer for the whole cluster, whichever worker takes the scrape.
 *
 * Each worker keeps its own registry (it is a whole gateway) and still serves `/metrics` itself,
 * on the main port or on `METRICS_PORT` (a listener the workers share through the primary, like
 * the main port), with the same token and production rules as a single process. Only the text
 * differs: the worker asks the primary (a request with an id over IPC), the primary asks every
 * worker that serves for its registry as JSON, merges them with prom-client's
 * `AggregatorRegistry.aggregate` (each metric by its own `aggregator`: observability/metrics.ts
 * says which and why) and answers the asking worker. One code path for both listeners, and the
 * authentication stays where it is.
 *
 * Why not `AggregatorRegistry.clusterMetrics()`: it asks every connected worker, a worker still
 * starting included (it has no listener yet, so each scrape during a restart waits its 5 s and
 * fails), and a worker that dies mid-collection also costs the whole scrape its timeout. This
 * collection asks only the workers that announced they serve (a worker that has not served has
 * counted nothing) and stops waiting for one that exits.
 *
 * Outside a cluster (`WORKERS=1`) nothing here runs: no IPC, no aggregation.
 */

/** How long the primary waits for every worker's registry before it fails the scrape. */
export const CLUSTER_METRICS_COLLECT_TIMEOUT_MS = 5_000;
/** How long a worker waits for the primary's answer: longer than the collection, so the primary's own error normally arrives first. */
export const CLUSTER_METRICS_ANSWER_TIMEOUT_MS = CLUSTER_METRICS_COLLECT_TIMEOUT_MS + 2_000;

/** The text of the whole cluster's metrics, as a worker's `/metrics` serves it. */
export type ClusterMetricsText = () => Promise<string>;

/**
 * In a cluster worker: serves `registry` to the primary's collections, and returns the function
 * that asks the primary for the whole cluster's metrics (GatewayMetricsOptions.exposition).
 * Outside a cluster: undefined, and the registry is served as it is. Call it once per process.
 */
export function workerMetricsExposition(registry: Registry): ClusterMetricsText | undefined {
  if (!cluster.isWorker) return undefined;
  const waiting = new Map<number, { resolve(text: string): void; reject(error: Error): void; timer: NodeJS.Timeout }>();
  let nextId = 0;
  process.on('message', (message: unknown) => {
    if (isMessage(message, COLLECT)) {
      void registry.getMetricsAsJSON().then(
        (metrics) => sendToPrimary({ type: COLLECTED, id: message.id, metrics }),
        (error: unknown) => sendToPrimary({ type: COLLECTED, id: message.id, error: String(error instanceof Error ? error.message : error) }),
      );
      return;
    }
    if (isMessage(message, ANSWER)) {
      const pending = waiting.get(message.id);
      if (pending === undefined) return; // Timed out already.
      waiting.delete(message.id);
      clearTimeout(pending.timer);
      if (typeof message.text === 'string') pending.resolve(message.text);
      else pending.reject(new Error(`the cluster's metrics are unavailable: ${String(message.error)}`));
    }
  });
  return () =>
    new Promise<string>((resolve, reject) => {
      const id = nextId++;
      const timer = setTimeout(() => {
        waiting.delete(id);
        reject(new Error(`the cluster's metrics are unavailable: the supervisor did not answer within ${CLUSTER_METRICS_ANSWER_TIMEOUT_MS} ms`));
      }, CLUSTER_METRICS_ANSWER_TIMEOUT_MS);
      waiting.set(id, { resolve, reject, timer });
      sendToPrimary({ type: REQUEST, id }, (error) => {
        if (!waiting.delete(id)) return;
        clearTimeout(timer);
        reject(new Error(`the cluster's metrics are unavailable: the supervisor cannot be reached (${error.message})`));
      });
    });
}

/**
 * In the primary: answers the workers' metrics requests with the aggregate of `serving()` (the
 * workers that announced they serve), and logs each at debug level with the worker that asked.
 */
export function answerClusterMetrics(serving: () => Worker[], logger: Logger): void {
  const collections = new Map<number, Collection>();
  let nextId = 0;

  const finish = (collection: Collection, error?: string) => {
    collections.delete(collection.id);
    clearTimeout(collection.timer);
    const answer = (reply: Omit<AnswerMessage, 'type' | 'id'>) => {
      // The asking worker may have died meanwhile; its scrape died with it.
      if (collection.asker.isConnected()) collection.asker.send({ type: ANSWER, id: collection.requestId, ...reply } satisfies AnswerMessage);
    };
    if (error !== undefined) return answer({ error });
    // In a promise: a throw of aggregate() (a metric with an unknown aggregator) fails this scrape, not the primary.
    Promise.resolve()
      .then(() => AggregatorRegistry.aggregate(collection.registries).metrics())
      .then(
        (text) => answer({ text }),
        (failure: unknown) => answer({ error: `aggregating failed: ${failure instanceof Error ? failure.message : String(failure)}` }),
      );
  };

  cluster.on('message', (worker, message: unknown) => {
    if (isMessage(message, REQUEST)) {
      const workers = serving().filter((each) => each.isConnected());
      const id = nextId++;
      const collection: Collection = {
        id,
        asker: worker,
        requestId: message.id,
        pending: new Set(workers.map((each) => each.id)),
        registries: [],
        timer: setTimeout(() => {
          const late = workers.filter((each) => collection.pending.has(each.id)).map((each) => each.process.pid);
          finish(collection, `worker pid ${late.join(', ')} sent no metrics within ${CLUSTER_METRICS_COLLECT_TIMEOUT_MS} ms`);
        }, CLUSTER_METRICS_COLLECT_TIMEOUT_MS),
      };
      collections.set(id, collection);
      logger.debug({ worker: worker.id, workerPid: worker.process.pid, workers: workers.length }, 'metrics scrape: aggregating every worker');
      // The asker serves, so it is among them unless it is already gone.
      if (workers.length === 0) return finish(collection, 'no worker serves');
      for (const each of workers) each.send({ type: COLLECT, id } satisfies CollectMessage);
      return;
    }
    if (isMessage(message, COLLECTED)) {
      const collection = collections.get(message.id);
      if (collection === undefined || !collection.pending.delete(worker.id)) return; // Timed out already.
      if (!Array.isArray(message.metrics)) return finish(collection, `worker pid ${worker.process.pid}: ${String(message.error)}`);
      collection.registries.push(message.metrics);
      if (collection.pending.size === 0) finish(collection);
    }
  });

  // A worker that exits mid-collection is not waited for: its counts leave the sum now rather
  // than at the next scrape (to Prometheus, a counter reset either way).
  cluster.on('exit', (worker) => {
    for (const collection of collections.values()) {
      if (collection.pending.delete(worker.id) && collection.pending.size === 0) finish(collection);
    }
  });
}

/** Module-private: one collection in the primary, for one worker's scrape. */
interface Collection {
  readonly id: number;
  readonly asker: Worker;
  /** The asker's id of its request. */
  readonly requestId: number;
  /** The cluster ids of the workers not heard from yet. */
  readonly pending: Set<number>;
  /** Each worker's `getMetricsAsJSON()`. */
  readonly registries: unknown[][];
  readonly timer: NodeJS.Timeout;
}

/** Module-private: the message types (namespaced: prom-client and others use the same channel). */
const REQUEST = 'pinpoint-graph:metrics-request';
const ANSWER = 'pinpoint-graph:metrics-answer';
const COLLECT = 'pinpoint-graph:metrics-collect';
const COLLECTED = 'pinpoint-graph:metrics-collected';

/** Module-private: worker → primary, a scrape arrived. */
interface RequestMessage {
  readonly type: typeof REQUEST;
  readonly id: number;
}
/** Module-private: primary → worker, the cluster's text or why there is none. */
interface AnswerMessage {
  readonly type: typeof ANSWER;
  readonly id: number;
  readonly text?: string;
  readonly error?: string;
}
/** Module-private: primary → every serving worker, send your registry. */
interface CollectMessage {
  readonly type: typeof COLLECT;
  readonly id: number;
}
/** Module-private: worker → primary, its registry as JSON or why there is none. */
interface CollectedMessage {
  readonly type: typeof COLLECTED;
  readonly id: number;
  readonly metrics?: unknown[];
  readonly error?: string;
}

/** Module-private: the messages by type. */
interface Messages {
  [REQUEST]: RequestMessage;
  [ANSWER]: AnswerMessage;
  [COLLECT]: CollectMessage;
  [COLLECTED]: CollectedMessage;
}

/** Module-private: whether an IPC message is one of ours of `type` (with its numeric id). */
function isMessage<T extends keyof Messages>(message: unknown, type: T): message is Messages[T] {
  const candidate = message as { type?: unknown; id?: unknown } | null;
  return typeof candidate === 'object' && candidate !== null && candidate.type === type && typeof candidate.id === 'number';
}

/**
 * Module-private: sends to the primary. A closed channel (the primary is gone, the worker is
 * draining) is reported to `onError` (default: ignored, the primary that asked is gone) instead
 * of becoming an uncaught 'error' on the process.
 */
function sendToPrimary(message: RequestMessage | CollectedMessage, onError: (error: Error) => void = () => {}): void {
  if (!process.send || !process.connected) return onError(new Error('the IPC channel is closed'));
  process.send(message, undefined, {}, (error: Error | null) => {
    if (error) onError(error);
  });
}
