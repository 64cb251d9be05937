import type { HttpRefusal } from '../http/refusal';
import type { PipelineSettings } from './pipeline';

/**
 * The messages between the gateway and its admission workers (plain data: structured clone).
 */

/** What the worker is started with (`workerData`). */
export interface AdmissionWorkerData {
  readonly settings: PipelineSettings;
}

/** One request to check. */
export interface AdmissionCheck {
  readonly id: number;
  readonly method: string;
  /** The request's headers (Apollo's CSRF prevention and body checks read them). */
  readonly headers: readonly (readonly [string, string])[];
  /** The URL's query string, with its `?` (GET requests carry their document there). */
  readonly search: string;
  /** The parsed JSON body (a small POST the gateway parsed itself). */
  readonly body?: unknown;
  /** The raw body (a large POST: the worker decodes and parses it). */
  readonly bodyBytes?: Uint8Array;
  /** The caller's policies read `aws:ResourceTag/…` (its decisions may cost tag reads). */
  readonly readsTags: boolean;
}

/** A complete GraphQL answer, as Apollo would send it. */
export interface AdmissionAnswer {
  readonly status: number;
  readonly headers: readonly (readonly [string, string])[];
  readonly body: string;
}

/** The worker's verdict on one request. */
export type AdmissionVerdict =
  /** Nothing before execution refuses it (the gateway runs it: parse, validation and cost again, then execution). */
  | {
      readonly id: number;
      readonly verdict: 'pass';
      /** Set when the check itself failed (a fault of the worker, logged by the gateway). */
      readonly failure?: string;
      /** The raw body it was given, moved back (the gateway moved it here rather than copy it). */
      readonly bodyBytes?: Uint8Array;
    }
  /** Refused at the HTTP level (body encoding, JSON, document size). */
  | { readonly id: number; readonly verdict: 'refuse'; readonly refusal: HttpRefusal }
  /** Refused by the GraphQL pipeline (parse, validation, cost): the answer to send. */
  | { readonly id: number; readonly verdict: 'answer'; readonly answer: AdmissionAnswer };

/** The worker's first message, once its pipeline is built. */
export interface AdmissionWorkerReady {
  readonly ready: true;
  /** The worker's kernel thread ID where the OS gives one (Linux): the gateway reads its CPU time (threadCpuClock.ts). */
  readonly osThreadId?: number;
}
