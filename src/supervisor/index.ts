/**
 * The supervisor of `WORKERS` > 1: the node:cluster primary (primary.ts) and what a gateway
 * worker does differently from a single process (worker.ts). It imports nothing of the gateway
 * (lint holds it to that): the primary never builds one, its workers do, through main.ts.
 */
export { superviseWorkers } from './primary';
export { DEFAULT_RESTART_POLICY, RestartPolicy, type RestartDecision, type RestartPolicyOptions } from './restartPolicy';
export { announceListening, drainMessage, isListeningMessage, onSupervisorStop, workerReadinessChecks, type DrainMessage, type ListeningMessage, type WorkerReadinessCheck } from './worker';
