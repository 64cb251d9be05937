import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { constraints } from './__generated__/constraints';
import { modelShapeCovers } from './admin/answerShapes';
import { CallLog, callLogCollector, DEFAULT_MAX_LOGGED_REQUESTS, type LoggedCall } from './admin/callLog';
import { describeFlag, findRedundantCalls } from './admin/redundantCalls';
import { CallCounter, GATEWAY_REQUEST_ID_HEADER, type CallCounts } from './admin/calls';
import { FaultInjector, type FaultRuleState, type FaultsState } from './admin/faults';
import { EngagementRetirement, retirementAdminRoutes } from './admin/retirement';
import { ADMIN_PREFIX, handleAdmin, type AdminTarget } from './admin/routes';
import { EmulatorClock } from './clock';
import { Outbox } from './outbox';
import { StatePersistence, stateAdminRoutes, type SaveResult } from './persistence';
import { createAwsJson1_0Protocol } from './protocol/awsJson1_0';
import { serviceModel, type OperationModel } from './protocol/model';
import type { ServerProtocol, WireRequest, WireResponse } from './protocol/protocol';
import { createRestJson1Protocol } from './protocol/restJson1';
import { ServiceError } from './protocol/serviceError';
import { accountOf, DEFAULT_ACCOUNT_ID, DEFAULT_REGION, parseAuthorization, verifySignature } from './protocol/signature';
import { validateShape } from './protocol/validate';
import { serviceFactories, serviceIds } from './services';
import type { Clock, RequestContext, ServiceDeps, ServiceFactory, ServiceId, ServiceInstance } from './services/types';
import { StateRegistry } from './stateRegistry';

/**
 * The emulator server: one node:http port that speaks Pinpoint (restJson1) and Pinpoint SMS and
 * Voice v2 (awsJson1_0) to the real SDK clients, plus the admin API under `/_emulator/`.
 * Every request walks one array of small steps (`pipeline` below).
 */

/** Options of `createEmulatorServer`. */
export interface EmulatorOptions {
  /** TCP port; 0 (default) picks a free one. */
  port?: number;
  /** Interface to listen on; default 127.0.0.1. */
  host?: string;
  /**
   * Every service request's response time, in milliseconds from its arrival: the emulator's own
   * processing falls inside it (as a region's server time falls inside what a client measures),
   * so a reply leaves once this much time has passed since the request came in, or at once when
   * processing took longer. Fault rules' latency is added on top.
   */
  latencyMs?: number;
  /** Load the demo data set into the default account and region at start (skipped when `stateFile` was loaded: the saved state already has whatever was seeded). */
  seed?: boolean;
  /**
   * Keep all state (services, clock, outbox) in this file across restarts (see `persistence.ts`):
   * loaded at start when it exists (a corrupt or incompatible file fails the start), saved
   * atomically at most every 200 ms after requests and on `close()`.
   */
  stateFile?: string;
  /** Verify SigV4 signatures against these secrets (access key ID → secret access key). */
  strictSignatures?: { credentials: Record<string, string> };
  /** The emulator clock's base (what `/_emulator/clock` `reset` returns to); the wall clock by default. */
  clock?: Clock;
  /** Receives one line per request (`<requestId> <service>.<Operation> <status>`). */
  log?: (line: string) => void;
  /** Replaces service factories (tests use tiny purpose-built services); the registry's by default. */
  services?: Partial<Record<ServiceId, ServiceFactory>>;
  /**
   * Answer like today's AWS: the Pinpoint operations AWS retired with the engagement features on
   * 2026-10-30 answer `ForbiddenException` (an assumption: see `services/pinpoint/retirement.ts`),
   * every other operation works. Also `PUT /_emulator/pinpoint/retirement`. Default false.
   */
  retireEngagement?: boolean;
  /**
   * Keep the per-gateway-request call log (`admin/callLog.ts`: inputs and parsed responses of the
   * calls carrying `x-gateway-request-id`; `maxRequests` most recent requests, default 2 000).
   * Default: on only while a process-wide collector is installed (`collectCallLogs`, as the test
   * suite does); `false` keeps it off even then.
   */
  callLog?: boolean | { maxRequests?: number };
}

/** A running emulator. */
export interface EmulatorServer {
  /** `http://<host>:<port>`, for the SDK clients' `endpoint`. */
  readonly endpoint: string;
  readonly port: number;
  /** Stops listening, drops open connections and, with a state file, saves a last time (rejects when that save fails). */
  close(): Promise<void>;
  /** The state file's absolute path, when the emulator keeps one. */
  readonly stateFile?: string;
  /** Saves the state file now (also `POST /_emulator/state/save`); throws when the emulator has no state file. */
  saveState(): SaveResult;
  /** Forgets all service state, call counts, fault rules and the outbox, and returns the clock and the `retireEngagement` switch to their base. */
  reset(): void;
  /** Loads the demo data set into one account and region (defaults: 123456789012, us-east-1). */
  seed(accountId?: string, region?: string): void;
  /** Requests received so far (each SDK attempt counts). */
  callCounts(): CallCounts;
  /** Replaces the fault rules (see `admin/faults.ts`); throws on malformed rules. */
  setFaults(rules: unknown): FaultRuleState[];
  /** The fault rules with what they have left, and the requests `hang` rules hold now (also `GET /_emulator/faults`). */
  faults(): FaultsState;
  /** Removes every fault rule. */
  clearFaults(): void;
  /** The movable emulator clock (also `/_emulator/clock`). */
  readonly clock: EmulatorClock;
  /** Messages the services delivered (also `/_emulator/outbox`). */
  readonly outbox: Outbox;
  /** The per-gateway-request call log, when kept (the `callLog` option); not cleared by `reset`: it is keyed by gateway request. */
  readonly callLog?: CallLog;
}

/** Starts an emulator server and resolves once it listens. */
export async function createEmulatorServer(options: EmulatorOptions = {}): Promise<EmulatorServer> {
  const clock = new EmulatorClock(options.clock);
  const outbox = new Outbox();
  const state = new StateRegistry();
  state.register('clock', clock);
  state.register('outbox', outbox);
  const services = Object.fromEntries(serviceIds.map((id) => [id, runtimeOf(id, options.services?.[id] ?? serviceFactories[id], { clock, outbox, state })])) as Record<ServiceId, ServiceRuntime>;
  const log = options.log ?? ((line: string) => console.error(line));
  const persistence = options.stateFile === undefined ? undefined : new StatePersistence({ file: options.stateFile, registry: state, onError: (error) => log(`state file save failed: ${error.message}`) });
  const loaded = persistence?.load() ?? false;
  const calls = new CallCounter();
  const collector = options.callLog === false ? undefined : callLogCollector();
  const callLog = options.callLog || collector ? new CallLog(typeof options.callLog === 'object' ? options.callLog.maxRequests ?? DEFAULT_MAX_LOGGED_REQUESTS : DEFAULT_MAX_LOGGED_REQUESTS) : undefined;
  const faults = new FaultInjector();
  const retirement = new EngagementRetirement(options.retireEngagement ?? false);
  const seed = (accountId = DEFAULT_ACCOUNT_ID, region = DEFAULT_REGION) => {
    for (const id of serviceIds) services[id].instance.seed(accountId, region);
    return { accountId, region };
  };
  const admin: AdminTarget = {
    health: () => ({ status: 'ok', services: Object.fromEntries(serviceIds.map((id) => [id, { operations: services[id].protocol.model.operations.length, implemented: Object.keys(services[id].instance.handlers).length }])) }),
    callCounts: () => calls.snapshot(),
    clearCalls: () => calls.clear(),
    redundantCalls: (requestIdPrefix) => {
      if (callLog === undefined) return undefined;
      const requests = callLog.all().filter((request) => requestIdPrefix === undefined || request.gatewayRequestId.startsWith(requestIdPrefix));
      const flags = requests.flatMap((request) => findRedundantCalls(request.calls, { covers: modelShapeCovers }).map((flag) => `gateway request ${request.gatewayRequestId}: ${describeFlag(flag)}`));
      return { requests: requests.length, flags };
    },
    reset: () => {
      for (const id of serviceIds) services[id].instance.reset();
      calls.clear();
      faults.clear();
      retirement.reset();
      outbox.clear();
      clock.reset();
    },
    seed,
    setFaults: (body) => faults.set(body),
    faults: () => faults.state(),
    clearFaults: () => faults.clear(),
    clock,
    outbox,
    serviceRoutes: [...serviceIds.flatMap((id) => services[id].instance.adminRoutes ?? []), ...stateAdminRoutes(persistence), ...retirementAdminRoutes(retirement)],
  };
  const env: PipelineEnv = { options, clock, services, calls, callLog, faults, retirement, admin, persistence, replies: { waiting: 0 } };
  if (options.seed && !loaded) seed();

  const server = createServer((req, res) => void serve(env, req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host ?? '127.0.0.1';
  const endpoint = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  if (callLog && collector) collector({ log: callLog, endpoint });
  return {
    endpoint,
    port,
    close: async () => {
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      persistence?.close();
    },
    stateFile: persistence?.path,
    saveState: () => {
      if (!persistence) throw new Error('The emulator was started without a state file (the stateFile option or EMULATOR_STATE_FILE); there is nothing to save to');
      return persistence.save();
    },
    // In-process changes are saved like those made over HTTP.
    reset: () => {
      admin.reset();
      persistence?.markDirty();
    },
    seed: (accountId, region) => {
      seed(accountId, region);
      persistence?.markDirty();
    },
    callCounts: admin.callCounts,
    setFaults: admin.setFaults,
    faults: admin.faults,
    clearFaults: admin.clearFaults,
    clock,
    outbox,
    callLog,
  };
}

// ---- the request pipeline ----------------------------------------------------------------

/** Module-private: one service's protocol and state. */
interface ServiceRuntime {
  readonly protocol: ServerProtocol;
  readonly instance: ServiceInstance;
}

/** Module-private: what every step can reach. */
interface PipelineEnv {
  readonly options: EmulatorOptions;
  readonly clock: Clock;
  readonly services: Readonly<Record<ServiceId, ServiceRuntime>>;
  readonly calls: CallCounter;
  /** The per-gateway-request call log, when kept. */
  readonly callLog?: CallLog;
  readonly faults: FaultInjector;
  /** Whether the retired Pinpoint engagement operations are refused (`retireEngagement`). */
  readonly retirement: EngagementRetirement;
  readonly admin: AdminTarget;
  /** The state file, when there is one. */
  readonly persistence?: StatePersistence;
  /** Replies held back for the latency (see `sleepUntil`). */
  readonly replies: { waiting: number };
}

/** Module-private: one request on its way through the pipeline; steps fill it in. */
interface Exchange {
  readonly env: PipelineEnv;
  readonly request: WireRequest;
  /** `performance.now()` when the request arrived (before its body was read). */
  readonly receivedAt: number;
  /** The call log's position when the request arrived (before its body was read), when there is a call log. */
  readonly arrivalSeq?: number;
  /** The reply leaves no earlier than this (`performance.now()` time); set by `addLatency`. */
  replyNotBefore?: number;
  /** The request's connection, for the faults that act on it rather than answer (hang, reset). */
  readonly connection: ExchangeConnection;
  requestId: string;
  /** The body was cut at `MAX_BODY_BYTES`. */
  bodyTooLarge: boolean;
  service?: ServiceId;
  operation?: OperationModel;
  input?: Record<string, unknown>;
  output?: unknown;
  /** This attempt's entry in the call log, when it is logged. */
  logged?: LoggedCall;
}

/** Module-private: what the pipeline may do to the request's connection. */
interface ExchangeConnection {
  /** Settles when the connection closes (the client went away, or the server dropped it). */
  readonly gone: Promise<void>;
  /** Resets the connection (TCP RST), as a crashed or overloaded front end does. */
  reset(): void;
}

/**
 * Module-private: thrown by a step that took the connection away instead of answering (a `hang`
 * released by its client leaving, a `reset`): `serve` writes nothing.
 */
class ConnectionTaken extends Error {}

/** Module-private: a step answers (returns a response) or lets the next one run; it may throw a `ServiceError`. */
type Step = (x: Exchange) => WireResponse | void | Promise<WireResponse | void>;

/** Module-private: the pipeline, in order (LocalStack's handler chain). */
const pipeline: readonly Step[] = [
  assignRequestId,
  answerAdmin,
  resolveService,
  rejectOversizedBody,
  routeOperation,
  countCall,
  addLatency,
  injectFault,
  checkSignature,
  rejectNotImplemented,
  decodeInput,
  refuseRetiredEngagement,
  validateInput,
  callHandler,
  encodeOutput,
];

/** Module-private: every response carries a fresh `x-amzn-RequestId`. */
function assignRequestId(x: Exchange): void {
  x.requestId = randomUUID();
}

/** Module-private: `/_emulator/*` never reaches a service. */
function answerAdmin(x: Exchange): WireResponse | void {
  if (x.request.path.startsWith(ADMIN_PREFIX)) return handleAdmin(x.env.admin, x.request);
}

/** Module-private: one port, two protocols: the awsJson target prefix or the `sms-voice` scope picks SMS v2. */
function resolveService(x: Exchange): void {
  const target = String(x.request.headers['x-amz-target'] ?? '');
  const sms = serviceModel('sms-voice-v2');
  x.service = target.startsWith(`${sms.targetPrefix}.`) || parseAuthorization(x.request.headers)?.service === sms.signingName ? 'sms-voice-v2' : 'pinpoint';
}

/** Module-private: bodies are read up to `MAX_BODY_BYTES`; a larger one is refused in the service's envelope. */
function rejectOversizedBody(x: Exchange): void {
  if (!x.bodyTooLarge) return;
  x.env.calls.record(x.service!, undefined);
  const code = x.service === 'pinpoint' ? 'PayloadTooLargeException' : 'RequestEntityTooLargeException';
  throw new ServiceError(code, `Request body exceeds the emulator's limit of ${MAX_BODY_BYTES} bytes`);
}

/** Module-private. */
function routeOperation(x: Exchange): void {
  try {
    x.operation = runtime(x).protocol.route(x.request);
  } finally {
    if (!x.operation) x.env.calls.record(x.service!, undefined);
  }
}

/** Module-private: counted before faults, so every SDK attempt (retries included) shows. */
function countCall(x: Exchange): void {
  const gatewayRequestId = x.request.headers[GATEWAY_REQUEST_ID_HEADER];
  x.env.calls.record(x.service!, x.operation!.name, typeof gatewayRequestId === 'string' ? gatewayRequestId : undefined);
  x.logged = x.env.callLog?.begin(x.service!, x.operation!.name, x.request.headers, { seq: x.arrivalSeq, at: x.receivedAt });
}

/**
 * Module-private: the global latency is a response time counted from the request's arrival, not a
 * sleep before the handler: the emulator's own CPU (and its queue when many calls arrive at once on
 * its one thread) is the fake region's cost, so it must not add to what the caller measures.
 */
function addLatency(x: Exchange): void {
  if (x.env.options.latencyMs) x.replyNotBefore = x.receivedAt + x.env.options.latencyMs;
}

/** Module-private: the first fault rule that fires delays, fails, holds or drops the request (`admin/faults.ts`). */
async function injectFault(x: Exchange): Promise<void> {
  const action = x.env.faults.fire(x.service!, x.operation!.name);
  if (!action) return;
  if (action.kind === 'hang') {
    // No timer and no answer: the request costs nothing but its socket, and when the client gives
    // up (its timeout, its abort) the socket closes and the request is released here.
    await x.env.faults.hold(x.connection.gone);
    throw new ConnectionTaken(`hang released: the client of ${x.service}.${x.operation!.name} went away`);
  }
  if (action.latencyMs) {
    // A slow call: the handler runs late, and the reply's earliest time moves by as much.
    await sleep(action.latencyMs);
    if (x.replyNotBefore !== undefined) x.replyNotBefore += action.latencyMs;
  }
  switch (action.kind) {
    case 'latency':
      return;
    case 'reset':
      x.connection.reset();
      throw new ConnectionTaken(`reset the connection of ${x.service}.${x.operation!.name}`);
    case 'error':
    case 'throttle': {
      const { model } = runtime(x).protocol;
      const serverFault = [...model.errors.values()].find((e) => e.fault === 'server')!.name;
      const code = action.error?.code ?? serverFault;
      throw new ServiceError(code, `Injected fault: ${code} for ${x.service}.${x.operation!.name}`, {}, action.error?.status);
    }
    default:
      throw new Error(`Unknown fault kind ${JSON.stringify(action.kind satisfies never)}`);
  }
}

/** Module-private. */
async function checkSignature(x: Exchange): Promise<void> {
  const strict = x.env.options.strictSignatures;
  if (strict) await verifySignature(x.request, strict.credentials);
}

/** Module-private: an operation without a handler is an honest 501, before any validation. */
function rejectNotImplemented(x: Exchange): void {
  if (!runtime(x).instance.handlers[x.operation!.name]) {
    throw new ServiceError('EmulatorNotImplemented', `The emulator does not implement ${x.service} operation ${x.operation!.name}`);
  }
}

/** Module-private. */
function decodeInput(x: Exchange): void {
  x.input = runtime(x).protocol.decode(x.operation!, x.request);
  if (x.logged) x.env.callLog!.setInput(x.logged, x.input);
}

/**
 * Module-private: with `retireEngagement`, a retired Pinpoint engagement request is answered as
 * today's AWS would (assumed: `services/pinpoint/retirement.ts`). After decoding, because tags
 * decide by the resource ARN in their path; before validation, because a retired API has nothing
 * left to validate against. Counted like any request (`countCall` ran): a test sees it arrived.
 */
function refuseRetiredEngagement(x: Exchange): void {
  const refusal = x.env.retirement.refusal(x.service!, x.operation!.name, x.input);
  if (refusal) throw refusal;
}

/** Module-private: the generated constraint table, checked as AWS's front end does before the service runs. */
function validateInput(x: Exchange): void {
  const violations = validateShape(constraints[x.service!], x.operation!.input.getName()!, x.input);
  if (violations.length) throw runtime(x).protocol.validationError(violations);
}

/** Module-private. */
async function callHandler(x: Exchange): Promise<void> {
  const auth = parseAuthorization(x.request.headers);
  const ctx: RequestContext = { accountId: accountOf(auth), region: auth?.region ?? DEFAULT_REGION, requestId: x.requestId, now: () => x.env.clock.now() };
  x.output = await runtime(x).instance.handlers[x.operation!.name](x.input, ctx);
}

/** Module-private. */
function encodeOutput(x: Exchange): WireResponse {
  return runtime(x).protocol.encode(x.operation!, x.output, x.requestId);
}

// ---- plumbing -----------------------------------------------------------------------------

/** Module-private: runs the pipeline for one HTTP request; never throws, always answers. */
async function serve(env: PipelineEnv, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const receivedAt = performance.now();
  // Taken before any await: the call log orders calls by when they reached the server, not by when its one thread got to them.
  const arrivalSeq = env.callLog?.next();
  // Serve from the event loop's check phase: requests that arrived together (a caller's fan-out)
  // are all stamped in this poll phase first, so one request's processing on this single thread
  // never pushes the next one's arrival time, and with it its reply, later.
  await new Promise<void>((resolve) => setImmediate(resolve));
  // 'close' comes after the answer too; it only matters to a request the pipeline holds unanswered.
  const gone = new Promise<void>((resolve) => res.once('close', () => resolve()));
  const connection: ExchangeConnection = { gone, reset: () => resetSocket(req) };
  let x: Exchange | undefined;
  let response: WireResponse;
  try {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const { body, tooLarge } = await readBody(req);
    const request: WireRequest = { method: req.method ?? 'GET', path: q < 0 ? url : url.slice(0, q), query: q < 0 ? '' : url.slice(q + 1), headers: req.headers, body };
    x = { env, request, receivedAt, arrivalSeq, requestId: '', bodyTooLarge: tooLarge, connection };
    response = await runPipeline(x);
  } catch (error) {
    if (error instanceof ConnectionTaken) {
      env.options.log?.(`${x?.requestId ?? '-'} ${x?.service ?? 'admin'}.${x?.operation?.name ?? '-'} no answer: ${error.message}`);
      if (x?.logged) env.callLog!.end(x.logged, undefined);
      return;
    }
    response = failure(x, error);
  }
  if (x?.replyNotBefore !== undefined) await sleepUntil(env.replies, x.replyNotBefore);
  env.options.log?.(`${x?.requestId ?? '-'} ${x?.service ?? 'admin'}.${x?.operation?.name ?? '-'} ${response.status}`);
  // Any service request may change state (even a read runs due campaigns); an admin GET never does.
  if (x?.service !== undefined || req.method !== 'GET') env.persistence?.markDirty();
  const body = response.body ?? '';
  if (x?.logged) env.callLog!.end(x.logged, response);
  res.writeHead(response.status, { ...response.headers, 'Content-Length': String(Buffer.byteLength(body)) });
  res.end(body);
}

/** Module-private. */
async function runPipeline(x: Exchange): Promise<WireResponse> {
  for (const step of pipeline) {
    const response = await step(x);
    if (response) return response;
  }
  throw new Error('The emulator pipeline ended without a response');
}

/** Module-private: a thrown error as the service's envelope; anything unexpected becomes the service's server fault. */
function failure(x: Exchange | undefined, error: unknown): WireResponse {
  const protocol = x?.service ? runtime(x).protocol : undefined;
  if (!x || !protocol) return { status: 500, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ message: `Emulator failure: ${String(error)}` }) };
  if (error instanceof ServiceError) return protocol.encodeError(error, x.requestId);
  x.env.options.log?.(`${x.requestId} handler failure: ${(error as Error)?.stack ?? String(error)}`);
  const serverFault = [...protocol.model.errors.values()].find((e) => e.fault === 'server')!.name;
  return protocol.encodeError(new ServiceError(serverFault, `Internal emulator error: ${(error as Error)?.message ?? String(error)}`), x.requestId);
}

/** Module-private: an RST rather than a FIN, so the client reads `ECONNRESET` as from a dropped front end. */
function resetSocket(req: IncomingMessage): void {
  const socket = req.socket;
  if (socket.destroyed) return;
  socket.resetAndDestroy();
}

/** Module-private. */
function runtime(x: Exchange): ServiceRuntime {
  return x.env.services[x.service!];
}

/** Module-private. */
function runtimeOf(id: ServiceId, factory: ServiceFactory, deps: ServiceDeps): ServiceRuntime {
  const model = serviceModel(id);
  const protocol = model.protocol === 'restJson1' ? createRestJson1Protocol(model) : createAwsJson1_0Protocol(model);
  return { protocol, instance: factory(deps) };
}

/** Module-private: larger than any request either API accepts, small enough to keep a runaway client harmless. */
const MAX_BODY_BYTES = 16 * 1024 * 1024;

/** Module-private: reads the whole body, keeping at most `MAX_BODY_BYTES` (the rest is drained, not stored). */
function readBody(req: IncomingMessage): Promise<{ body: Buffer; tooLarge: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve({ body: Buffer.concat(chunks), tooLarge: size > MAX_BODY_BYTES }));
    req.on('error', reject);
  });
}

/**
 * Module-private: how many replies may be waiting for their time before the last millisecond is no
 * longer waited out precisely: more than a concurrency-1 caller's fan-out, fewer than any load.
 */
const PRECISE_WAIT_LIMIT = 8;

/**
 * Module-private: holds a reply until `performance.now() >= deadline`. A timer alone is late by up
 * to ~2 ms (whole milliseconds, counted from libuv's cached loop time), a 10% error at 20 ms per
 * call in every benchmark's denominator; so while few replies wait, the timer stops short and the
 * last millisecond is waited out one event-loop turn at a time (I/O still runs). Under load that
 * turn-by-turn wait would keep a core busy and slow the very callers being measured, so there a
 * timer to the nearest millisecond does, right on average.
 */
async function sleepUntil(replies: { waiting: number }, deadline: number): Promise<void> {
  replies.waiting += 1;
  try {
    if (replies.waiting > PRECISE_WAIT_LIMIT) {
      const remaining = Math.round(deadline - performance.now());
      if (remaining > 0) await sleep(remaining);
      return;
    }
    const coarse = Math.floor(deadline - performance.now()) - 1;
    if (coarse > 0) await sleep(coarse);
    while (performance.now() < deadline) await new Promise<void>((resolve) => setImmediate(resolve));
  } finally {
    replies.waiting -= 1;
  }
}

/** Module-private. */
function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
