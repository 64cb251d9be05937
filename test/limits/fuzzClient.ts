import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import { drawHostileRequest, type HostileRequest, type HostileRequestOptions } from './hostileDocuments';

/**
 * Sends hostile requests (hostileDocuments.ts) to a gateway and judges each answer against the
 * contract "no request can hurt it": every answer is JSON, and every error in it carries a string
 * `extensions.code` (or it is a plain `data` answer without errors). Shared by the fuzz test and
 * `bench/fuzz.ts`, which differ only in how many requests they send.
 */

/** How one request ended, as the client saw it. */
export interface Outcome {
  readonly index: number;
  readonly family: string;
  /** HTTP status, when an answer came. */
  readonly status?: number;
  /** `extensions.code` of each error, in order (empty for a clean `data` answer). */
  readonly codes: readonly string[];
  /**
   * `ok`: a typed JSON answer; `violation`: an answer breaking the contract (detail says how);
   * `closed`: the connection closed with no answer, which only a request that is not a request
   * (random bytes), or an oversized body still being sent when the 413 closed it, may get;
   * `timeout`: no answer within the client's bound.
   */
  readonly verdict: 'ok' | 'violation' | 'closed' | 'timeout';
  readonly detail?: string;
  readonly ms: number;
  /** Bytes of the request as sent (body, or raw bytes). */
  readonly bytes: number;
}

/**
 * Module-private: families whose requests may end with the connection closed and no answer:
 * bytes that are no request at all, and bodies over the limit (the gateway answers 413 and
 * closes without reading the rest, so a client still writing may see EPIPE or a reset first).
 */
const MAY_CLOSE_UNANSWERED: ReadonlySet<string> = new Set(['raw-bytes', 'oversized', 'oversized-chunked']);

/**
 * Judges one answer. `method` matters only for HEAD (no body by definition) and OPTIONS (a
 * preflight answer may be empty).
 */
export function judgeAnswer(method: string, status: number, contentType: string | undefined, body: string): Pick<Outcome, 'verdict' | 'codes' | 'detail'> {
  if (method === 'HEAD' || (method === 'OPTIONS' && status === 204)) {
    return status >= 400 || status === 204 ? { verdict: 'ok', codes: [] } : { verdict: 'violation', codes: [], detail: `${method} answered ${status}` };
  }
  if (!/^application\/(graphql-response\+)?json\b/.test(contentType ?? '')) return { verdict: 'violation', codes: [], detail: `HTTP ${status} with content-type ${contentType ?? 'none'}: ${body.slice(0, 120)}` };
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { verdict: 'violation', codes: [], detail: `HTTP ${status} with a body that is not JSON: ${body.slice(0, 120)}` };
  }
  if (typeof parsed !== 'object' || parsed === null) return { verdict: 'violation', codes: [], detail: `HTTP ${status} with JSON that is not an object` };
  const { errors, data } = parsed as { errors?: unknown; data?: unknown };
  if (errors === undefined) {
    return data !== undefined && status === 200 ? { verdict: 'ok', codes: [] } : { verdict: 'violation', codes: [], detail: `HTTP ${status} with neither errors nor data: ${body.slice(0, 120)}` };
  }
  if (!Array.isArray(errors) || errors.length === 0) return { verdict: 'violation', codes: [], detail: `HTTP ${status}: "errors" is not a non-empty list` };
  const codes = errors.map((error: { extensions?: { code?: unknown } } | null) => error?.extensions?.code);
  const untyped = codes.findIndex((code) => typeof code !== 'string');
  if (untyped >= 0) return { verdict: 'violation', codes: codes.map(String), detail: `HTTP ${status}: error ${untyped} has no string extensions.code: ${JSON.stringify(errors[untyped]).slice(0, 200)}` };
  // A hostile request is the caller's fault, never the gateway's: an internal error means some
  // code path did not expect the input (the emulator behind the fuzz run never fails on its own).
  const internal = codes.indexOf('INTERNAL_SERVER_ERROR');
  if (internal >= 0 || status === 500) return { verdict: 'violation', codes: codes as string[], detail: `HTTP ${status}: an internal error for a hostile request: ${JSON.stringify(errors[Math.max(0, internal)]).slice(0, 200)}` };
  return { verdict: 'ok', codes: codes as string[] };
}

/** Options of {@link sendHostile}. */
export interface SendOptions {
  /** `http://host:port` of the gateway. */
  readonly baseUrl: string;
  /** Client-side bound on one request (answer or not). */
  readonly timeoutMs: number;
  /** Keep-alive agent for http requests (one per run). */
  readonly agent?: Agent;
  /** The gateway's body limit: a request with a larger body may be closed unanswered (see MAY_CLOSE_UNANSWERED). */
  readonly maxBodyBytes?: number;
}

/** Sends one request and judges what comes back. */
export function sendHostile(index: number, hostile: HostileRequest, options: SendOptions): Promise<Outcome> {
  return hostile.kind === 'raw' ? sendRaw(index, hostile, options) : sendHttp(index, hostile, options);
}

/** Module-private: one request over node:http. */
function sendHttp(index: number, hostile: Extract<HostileRequest, { kind: 'http' }>, options: SendOptions): Promise<Outcome> {
  const started = performance.now();
  const bytes = hostile.body?.length ?? 0;
  return new Promise<Outcome>((resolve) => {
    let settled = false;
    const finish = (outcome: Omit<Outcome, 'index' | 'family' | 'ms' | 'bytes'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ index, family: hostile.family, ms: performance.now() - started, bytes, ...outcome });
    };
    const headers: Record<string, string | number> = { ...hostile.headers };
    if (hostile.body && !hostile.chunkBytes) headers['content-length'] = hostile.body.length;
    const req = request(`${options.baseUrl}${hostile.path}`, { method: hostile.method, headers, agent: options.agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', () => finish({ verdict: 'violation', codes: [], status: res.statusCode, detail: 'the answer was cut off' }));
      res.on('end', () => {
        const judged = judgeAnswer(hostile.method, res.statusCode ?? 0, res.headers['content-type'], Buffer.concat(chunks).toString('utf8'));
        finish({ ...judged, status: res.statusCode });
      });
    });
    const timer = setTimeout(() => {
      finish({ verdict: 'timeout', codes: [], detail: `no answer within ${options.timeoutMs} ms` });
      req.destroy();
    }, options.timeoutMs);
    req.on('error', (error: NodeJS.ErrnoException) => {
      const closedOk = MAY_CLOSE_UNANSWERED.has(hostile.family) || bytes > (options.maxBodyBytes ?? Infinity);
      finish({ verdict: closedOk ? 'closed' : 'violation', codes: [], detail: `connection ended without an answer: ${error.code ?? error.message}` });
    });
    if (!hostile.body) {
      req.end();
    } else if (hostile.chunkBytes) {
      void writeChunked(req, hostile.body, hostile.chunkBytes);
    } else {
      req.end(hostile.body);
    }
  });
}

/** Module-private: writes a body in pieces (node:http then sends it chunked), respecting back-pressure. */
async function writeChunked(req: ReturnType<typeof request>, body: Buffer, pieceBytes: number): Promise<void> {
  let closed = false;
  let wake: (() => void) | undefined;
  req.once('close', () => {
    closed = true;
    wake?.();
  });
  for (let offset = 0; offset < body.length && !closed; offset += pieceBytes) {
    if (!req.write(body.subarray(offset, offset + pieceBytes)) && !closed) {
      await new Promise<void>((resolve) => {
        wake = resolve;
        req.once('drain', resolve);
      });
      req.removeAllListeners('drain');
    }
  }
  if (!closed) req.end();
}

/** Module-private: raw bytes on a socket, half-closed after writing, read until the server closes. */
function sendRaw(index: number, hostile: Extract<HostileRequest, { kind: 'raw' }>, options: SendOptions): Promise<Outcome> {
  const started = performance.now();
  const { hostname, port } = new URL(options.baseUrl);
  return new Promise<Outcome>((resolve) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    let settled = false;
    const finish = (outcome: Omit<Outcome, 'index' | 'family' | 'ms' | 'bytes'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ index, family: hostile.family, ms: performance.now() - started, bytes: hostile.bytes.length, ...outcome });
    };
    const timer = setTimeout(() => finish({ verdict: 'timeout', codes: [], detail: `no answer or close within ${options.timeoutMs} ms` }), options.timeoutMs);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      if (text === '') {
        finish({ verdict: MAY_CLOSE_UNANSWERED.has(hostile.family) ? 'closed' : 'violation', codes: [], detail: 'closed without an answer' });
        return;
      }
      const parsed = parseRawResponse(text);
      if (!parsed) {
        finish({ verdict: 'violation', codes: [], detail: `not an HTTP answer: ${text.slice(0, 120)}` });
        return;
      }
      finish({ ...judgeAnswer('RAW', parsed.status, parsed.contentType, parsed.body), status: parsed.status });
    });
    socket.end(hostile.bytes);
  });
}

/** Module-private: the first HTTP/1.1 answer in `text` (Content-Length or chunked body). */
function parseRawResponse(text: string): { status: number; contentType?: string; body: string } | undefined {
  const headEnd = text.indexOf('\r\n\r\n');
  const statusLine = /^HTTP\/1\.[01] (\d{3})/.exec(text);
  if (headEnd < 0 || !statusLine) return undefined;
  const head = text.slice(0, headEnd);
  const rest = text.slice(headEnd + 4);
  const header = (name: string) => new RegExp(`\\r\\n${name}:\\s*([^\\r\\n]*)`, 'i').exec(head)?.[1];
  let body = rest;
  const length = header('content-length');
  if (length !== undefined) body = Buffer.from(rest).subarray(0, Number(length)).toString('utf8');
  else if (/chunked/i.test(header('transfer-encoding') ?? '')) {
    body = '';
    let cursor = 0;
    for (;;) {
      const lineEnd = rest.indexOf('\r\n', cursor);
      const size = parseInt(rest.slice(cursor, lineEnd), 16);
      if (!(size > 0)) break;
      body += rest.slice(lineEnd + 2, lineEnd + 2 + size);
      cursor = lineEnd + 2 + size + 2;
    }
  }
  return { status: Number(statusLine[1]), contentType: header('content-type'), body };
}

/** Options of {@link runFuzz}. */
export interface FuzzOptions extends HostileRequestOptions {
  readonly baseUrl: string;
  readonly seed: number;
  /** How many requests (indices `0..count-1`, or only the listed ones). */
  readonly count: number;
  readonly only?: readonly number[];
  /** Requests in flight at once. */
  readonly concurrency: number;
  /** Client-side bound on each request. */
  readonly timeoutMs: number;
  /** Called with each outcome as it arrives (progress, RSS sampling). */
  readonly onOutcome?: (outcome: Outcome) => void;
}

/** What a run saw. */
export interface FuzzSummary {
  readonly seed: number;
  readonly sent: number;
  readonly durationMs: number;
  /** Outcomes by verdict. */
  readonly verdicts: Readonly<Record<Outcome['verdict'], number>>;
  /** `status code` (e.g. `400 BAD_REQUEST`, `200 -` for clean data) → count. */
  readonly byStatusAndCode: Readonly<Record<string, number>>;
  /** Family → how many, and their total and longest time to an answer. */
  readonly byFamily: Readonly<Record<string, { readonly count: number; readonly totalMs: number; readonly maxMs: number }>>;
  /** Every outcome that is not `ok` or `closed` (violations and timeouts), in index order. */
  readonly failures: readonly Outcome[];
  /** The slowest answers (index, family, ms), slowest first. */
  readonly slowest: readonly Outcome[];
}

/**
 * Draws and sends `count` hostile requests with at most `concurrency` in flight. Requests are
 * drawn as they are sent (a run of 10,000 never holds more than `concurrency` bodies).
 */
export async function runFuzz(options: FuzzOptions): Promise<FuzzSummary> {
  const indices = options.only ?? Array.from({ length: options.count }, (_, i) => i);
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
  const verdicts: Record<Outcome['verdict'], number> = { ok: 0, violation: 0, closed: 0, timeout: 0 };
  const byStatusAndCode: Record<string, number> = {};
  const byFamily: Record<string, { count: number; totalMs: number; maxMs: number }> = {};
  const failures: Outcome[] = [];
  const slowest: Outcome[] = [];
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < indices.length) {
      const index = indices[next++];
      const outcome = await sendHostile(index, drawHostileRequest(options.seed, index, options), { baseUrl: options.baseUrl, timeoutMs: options.timeoutMs, agent, maxBodyBytes: options.maxBodyBytes });
      verdicts[outcome.verdict] += 1;
      const key = `${outcome.status ?? '-'} ${outcome.verdict === 'ok' ? outcome.codes[0] ?? '-' : outcome.verdict}`;
      byStatusAndCode[key] = (byStatusAndCode[key] ?? 0) + 1;
      const family = (byFamily[outcome.family] ??= { count: 0, totalMs: 0, maxMs: 0 });
      family.count += 1;
      family.totalMs += outcome.ms;
      family.maxMs = Math.max(family.maxMs, outcome.ms);
      if (outcome.verdict === 'violation' || outcome.verdict === 'timeout') failures.push(outcome);
      slowest.push(outcome);
      slowest.sort((a, b) => b.ms - a.ms);
      slowest.length = Math.min(slowest.length, 5);
      options.onOutcome?.(outcome);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(options.concurrency, indices.length) }, worker));
  } finally {
    agent.destroy();
  }
  failures.sort((a, b) => a.index - b.index);
  return { seed: options.seed, sent: indices.length, durationMs: performance.now() - started, verdicts, byStatusAndCode, byFamily, failures, slowest };
}

/** The run's seed: `FUZZ_SEED` when set (to replay a run), else a fixed default so CI runs are reproducible. */
export function fuzzSeed(env: NodeJS.ProcessEnv = process.env, fallback = 20_241_212): number {
  const raw = env.FUZZ_SEED;
  if (raw === undefined || raw === '') return fallback;
  const seed = Number(raw);
  if (!Number.isSafeInteger(seed)) throw new Error(`FUZZ_SEED must be an integer; got ${JSON.stringify(raw)}.`);
  return seed;
}

/** `FUZZ_ONLY=3,17`: replay only those indices of the seeded run (undefined when unset). */
export function fuzzOnly(env: NodeJS.ProcessEnv = process.env): number[] | undefined {
  const raw = env.FUZZ_ONLY;
  if (raw === undefined || raw === '') return undefined;
  return raw.split(',').map((part) => {
    const index = Number(part.trim());
    if (!Number.isSafeInteger(index) || index < 0) throw new Error(`FUZZ_ONLY must list non-negative integers; got ${JSON.stringify(raw)}.`);
    return index;
  });
}

/** Resident memory of a process now (VmRSS from `/proc/<pid>/status`), in bytes; undefined once it is gone. */
export function rssBytes(pid: number): number | undefined {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}
