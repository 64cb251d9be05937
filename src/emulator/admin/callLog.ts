import type { IncomingHttpHeaders } from 'node:http';
import type { ServiceId } from '../services/types';
import { GATEWAY_REQUEST_ID_HEADER } from './calls';

/**
 * The per-gateway-request call log: for every service request carrying the
 * {@link GATEWAY_REQUEST_ID_HEADER} header, what was asked (service, operation, the input as the
 * protocol layer decoded it) and what was answered (status, parsed JSON body), in arrival order,
 * one entry per wire attempt. `redundantCalls.ts` replays it to find upstream calls whose answer the
 * gateway already had.
 *
 * Off unless asked for (`EmulatorOptions.callLog`, or a process-wide collector installed with
 * {@link collectCallLogs}, which the test suite does): it keeps parsed response bodies, so it is a
 * test and diagnosis tool, not something a benchmark should pay for. Bounded: the log of the
 * {@link DEFAULT_MAX_LOGGED_REQUESTS} most recent gateway requests, each at most
 * {@link MAX_CALLS_PER_REQUEST} attempts.
 */

/** The SDK's header naming one command invocation: the same on every attempt (retry) of one `send`. */
export const SDK_INVOCATION_ID_HEADER = 'amz-sdk-invocation-id';

/** The SDK's header numbering an invocation's attempts: `attempt=2; max=3`. */
export const SDK_REQUEST_HEADER = 'amz-sdk-request';

/** How many gateway requests' logs a call log keeps by default (the oldest are dropped first). */
export const DEFAULT_MAX_LOGGED_REQUESTS = 2_000;

/** How many attempts one gateway request's log keeps; later ones are counted in `dropped` only. */
export const MAX_CALLS_PER_REQUEST = 1_000;

/** One wire attempt of one upstream call, as the emulator saw it. */
export interface LoggedCall {
  readonly service: ServiceId;
  /** The SDK operation name, e.g. `GetSegment`. */
  readonly operation: string;
  /**
   * The SDK-shaped input the protocol layer decoded (labels, query and body members together), as
   * JSON (timestamps as ISO strings); undefined when the attempt failed before decoding (an
   * injected fault, an unimplemented operation, a body that could not be read).
   */
  input?: unknown;
  /** The HTTP status answered; undefined when nothing was answered (a `hang` or `reset` fault). */
  status?: number;
  /** The parsed JSON response body (success or error envelope); undefined when empty. */
  response?: unknown;
  /** The `amz-sdk-invocation-id` header: the same on every attempt of one SDK `send`. */
  readonly invocationId?: string;
  /** The attempt number from `amz-sdk-request` (1 for the first attempt). */
  readonly attempt?: number;
  /**
   * Position of the request's arrival at the server (its headers parsed, before anything awaited)
   * in this log's event order, shared with `endSeq`: a call that started after another ended was
   * sent after that one's answer was written.
   */
  readonly startSeq: number;
  /** Position of the response's departure (written to the socket) in the same order; undefined while pending. */
  endSeq?: number;
  /** `performance.now()` at arrival, in ms (this process's clock). */
  readonly startedAt: number;
  /** `performance.now()` when the answer was written (or the attempt was given up). */
  endedAt?: number;
}

/**
 * The sequential upstream rounds of one gateway request's calls, from the log's event order (not a
 * clock): a call is in round 1 + the highest round of the calls whose answers left before it
 * arrived, so the longest such chain is the request's number of rounds. Retry attempts of one call
 * count once, at the first. It is exact while the calls of one round all arrive before any of them
 * is answered: the latency added to every call (`EmulatorOptions.latencyMs`) must exceed the gap
 * between them. A cold process on a loaded machine spread one round's calls over 90 ms, so
 * the runs that count rounds add 100 ms and warm the SDK first (upstream/warmUp.ts).
 */
export function roundsOf(calls: readonly LoggedCall[]): number {
  const firsts = calls.filter((call) => (call.attempt ?? 1) === 1).sort((a, b) => a.startSeq - b.startSeq);
  const rounds = new Map<LoggedCall, number>();
  let longest = 0;
  for (const call of firsts) {
    let round = 1;
    for (const [earlier, earlierRound] of rounds) if (earlier.endSeq !== undefined && earlier.endSeq < call.startSeq) round = Math.max(round, earlierRound + 1);
    rounds.set(call, round);
    longest = Math.max(longest, round);
  }
  return longest;
}

/** The calls of one gateway request by operation (retry attempts of one call counted once). */
export function callsByOperation(calls: readonly LoggedCall[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const call of calls) if ((call.attempt ?? 1) === 1) counts[call.operation] = (counts[call.operation] ?? 0) + 1;
  return counts;
}

/** One gateway request's log. */
export interface GatewayRequestLog {
  readonly gatewayRequestId: string;
  /** Its attempts, in arrival order. */
  readonly calls: readonly LoggedCall[];
  /** Attempts beyond {@link MAX_CALLS_PER_REQUEST}, not kept. */
  readonly dropped: number;
}

/** Module-private: a log under construction. */
interface MutableRequestLog {
  readonly gatewayRequestId: string;
  readonly calls: LoggedCall[];
  dropped: number;
}

/** The call log of one emulator server. */
export class CallLog {
  private seq = 0;
  private readonly requests = new Map<string, MutableRequestLog>();
  /** Gateway requests dropped because more recent ones filled the log. */
  evicted = 0;

  constructor(readonly maxRequests: number = DEFAULT_MAX_LOGGED_REQUESTS) {}

  /**
   * Records an attempt's arrival; undefined when it carries no gateway request ID (not logged) or
   * its request's log is full. The pipeline fills `input`, then {@link CallLog.end} the answer.
   * `arrival`: the position ({@link CallLog.next}) and time taken when the request arrived; now by default.
   */
  begin(service: ServiceId, operation: string, headers: IncomingHttpHeaders, arrival: { seq?: number; at?: number } = {}): LoggedCall | undefined {
    const gatewayRequestId = headers[GATEWAY_REQUEST_ID_HEADER];
    if (typeof gatewayRequestId !== 'string') return undefined;
    let log = this.requests.get(gatewayRequestId);
    if (log) {
      // Re-inserted so the Map's order is recency: the first key is the one to forget.
      this.requests.delete(gatewayRequestId);
    } else {
      log = { gatewayRequestId, calls: [], dropped: 0 };
    }
    this.requests.set(gatewayRequestId, log);
    if (this.requests.size > this.maxRequests) {
      this.requests.delete(this.requests.keys().next().value!);
      this.evicted += 1;
    }
    if (log.calls.length >= MAX_CALLS_PER_REQUEST) {
      log.dropped += 1;
      return undefined;
    }
    const invocationId = headers[SDK_INVOCATION_ID_HEADER];
    const attempt = /(?:^|;)\s*attempt=(\d+)/.exec(String(headers[SDK_REQUEST_HEADER] ?? ''))?.[1];
    const call: LoggedCall = {
      service,
      operation,
      startSeq: arrival.seq ?? this.next(),
      startedAt: arrival.at ?? performance.now(),
      ...(typeof invocationId === 'string' ? { invocationId } : {}),
      ...(attempt === undefined ? {} : { attempt: Number(attempt) }),
    };
    log.calls.push(call);
    return call;
  }

  /** Takes the next position in this log's event order (the server takes one when a request arrives, before knowing whether it will be logged). */
  next(): number {
    return ++this.seq;
  }

  /** Records the decoded input (copied as JSON, so later changes to the object do not show). */
  setInput(call: LoggedCall, input: unknown): void {
    call.input = toJson(input);
  }

  /** Records the answer of an attempt (`undefined`: none was sent). */
  end(call: LoggedCall, response: { status: number; body?: string } | undefined): void {
    call.endSeq = this.next();
    call.endedAt = performance.now();
    if (!response) return;
    call.status = response.status;
    if (response.body) {
      try {
        call.response = JSON.parse(response.body);
      } catch {
        call.response = response.body;
      }
    }
  }

  /** The position of the latest event (arrival or answer) in this log's order: a bookmark to tell which calls came after it. */
  get position(): number {
    return this.seq;
  }

  /** One gateway request's log, if kept. */
  get(gatewayRequestId: string): GatewayRequestLog | undefined {
    return this.requests.get(gatewayRequestId);
  }

  /** Every kept log, least recently used first. */
  all(): GatewayRequestLog[] {
    return [...this.requests.values()];
  }

  /** Forgets everything (the emulator's reset). */
  clear(): void {
    this.requests.clear();
    this.evicted = 0;
  }
}

/** Module-private: a JSON copy (Dates as ISO strings, no functions); undefined stays undefined. */
function toJson(value: unknown): unknown {
  if (value === undefined) return undefined;
  try {
    return JSON.parse(JSON.stringify(value));
  } catch {
    return String(value);
  }
}

// ---- the process-wide collector ---------------------------------------------------------------

/** What a collector learns about each emulator created while it is installed. */
export interface CollectedCallLog {
  readonly log: CallLog;
  /** The emulator's endpoint, to name it in reports. */
  readonly endpoint: string;
}

/** Module-private: on `globalThis`, so a module registry reset (jest) still finds the one collector of the process. */
const COLLECTOR = Symbol.for('pinpoint-graph.emulator.callLogCollector');

/** Module-private. */
type Collector = (collected: CollectedCallLog) => void;

/**
 * Installs a process-wide collector: every emulator created from now on keeps a call log (unless
 * its options say `callLog: false`) and hands it to `onCreated`. Returns the uninstaller. One
 * collector at a time; a second replaces the first.
 */
export function collectCallLogs(onCreated: Collector): () => void {
  const holder = globalThis as { [COLLECTOR]?: Collector };
  holder[COLLECTOR] = onCreated;
  return () => {
    if (holder[COLLECTOR] === onCreated) delete holder[COLLECTOR];
  };
}

/** The installed collector, if any (`createEmulatorServer` asks). */
export function callLogCollector(): Collector | undefined {
  return (globalThis as { [COLLECTOR]?: Collector })[COLLECTOR];
}
