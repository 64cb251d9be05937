/**
 * The supervisor of `WORKERS` > 1: the node:cluster primary (primary.ts) and what a gateway
 * worker does differently from a single process (worker.ts). It imports nothing of the gateway
 * (lint holds it to that): the primary never builds one, its workers do, through main.ts.
 */
export { CLUSTER_METRICS_ANSWER_TIMEOUT_MS, CLUSTER_METRICS_COLLECT_TIMEOUT_MS, workerMetricsExposition, type ClusterMetricsText } from './clusterMetrics';
export { superviseWorkers } from './primary';
export { DEFAULT_RESTART_POLICY, RestartPolicy, type RestartDecision, type RestartPolicyOptions } from './restartPolicy';
export { announceListening, drainMessage, isListeningMessage, onSupervisorStop, workerReadinessChecks, type DrainMessage, type ListeningMessage, type WorkerReadinessCheck } from './worker';
