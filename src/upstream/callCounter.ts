import type {
  HandlerExecutionContext,
  InitializeHandler,
  InitializeHandlerArguments,
  InitializeHandlerOptions,
  InitializeHandlerOutput,
  InitializeMiddleware,
  MetadataBearer,
  MiddlewareStack,
  Pluggable,
} from '@smithy/types';
import { UpstreamCall } from './resilience/upstreamCall';

/**
 * Counts upstream SDK commands, the way DataLoader's tests count `loadCalls`: one count per
 * `client.send(command)`, whatever the retries underneath (the emulator counts wire attempts).
 *
 * How it is used:
 * - per request: `server/context.ts` creates one `CallCounter` per GraphQL request and hands it to
 *   `createPinpointLoaders(client, counter)` / `createSmsVoiceLoaders(client, counter)`; the
 *   loaders send every command through {@link countedSend}, which tags the command with that
 *   counter; {@link getRequestCallCounterPlugin}, on the client's stack, records it there;
 * - process-wide: `upstream/<service>/client.ts` adds {@link getCallCounterPlugin} to the client's
 *   stack, so a metrics counter sees every command of the process.
 * Both live on the client's stack, never on a command's: the clients resolve their middleware once
 * per command class (`cacheMiddleware`, see `clientOptions.ts`), so a command's own stack is not read.
 */
export class CallCounter {
  /** The request's execution bounds, consulted before each command is sent (see {@link UpstreamCallGuard}). */
  readonly guard: UpstreamCallGuard | undefined;
  /** Module-private tally per operation name (`GetCampaign`). */
  readonly #byOperation = new Map<string, number>();
  /** Module-private: every finished command sent through {@link countedSend}, in completion order. */
  readonly #finished: UpstreamCallResult[] = [];
  #total = 0;

  constructor(guard?: UpstreamCallGuard) {
    this.guard = guard;
  }

  /** Commands sent so far, all operations together. */
  get total(): number {
    return this.#total;
  }

  /** Records one command of `operation` (the SDK command name without its `Command` suffix). */
  record(operation: string): void {
    this.#total += 1;
    this.#byOperation.set(operation, (this.#byOperation.get(operation) ?? 0) + 1);
  }

  /** Records that a command of `operation` finished (answered or failed) with upstream request ID `requestId`. */
  recordFinished(operation: string, requestId: string | null): void {
    this.#finished.push({ operation, requestId });
  }

  /**
   * The commands finished so far, in completion order, with their upstream request IDs (read by
   * the audit log: a mutation's entries are those that finished while its resolver ran).
   */
  get finished(): readonly UpstreamCallResult[] {
    return this.#finished;
  }

  /** Commands sent so far per operation, keys sorted so responses and snapshots are stable. */
  byOperation(): Record<string, number> {
    return Object.fromEntries([...this.#byOperation.entries()].sort(([a], [b]) => a.localeCompare(b)));
  }

  /** A plain, JSON-ready copy of the counts (what `extensions.upstreamCalls` shows). */
  snapshot(): CallCounterSnapshot {
    return { total: this.#total, byOperation: this.byOperation() };
  }
}

/**
 * What a request's bounds need from every upstream call (implemented by the server's request
 * budget): a check before the command is sent (it throws to refuse it), the signal that cancels
 * in-flight commands (deadline, client gone), and the error to report for a command that failed
 * because that signal fired.
 */
export interface UpstreamCallGuard {
  readonly signal: AbortSignal;
  beforeSend(operation: string): void;
  failureAfterStop(): Error | undefined;
  /** Milliseconds left before the request's deadline: no call of it runs or retries past that (unbounded when absent). */
  remainingMs?(): number;
  /** Why the request stopped, once it has: its deadline passed, or it was cancelled otherwise (client gone, answered). */
  stopCause?(): 'deadline' | 'cancelled' | undefined;
  /** The gateway's ID of the request (sent upstream by the propagation middleware, `propagation.ts`). */
  readonly requestId?: string;
}

/** One finished upstream command. */
export interface UpstreamCallResult {
  /** The operation (`DeleteApp`). */
  readonly operation: string;
  /** The upstream request ID (`x-amzn-RequestId`, the SDK's `$metadata.requestId`) of its response or error; null when no response arrived. */
  readonly requestId: string | null;
}

/** The counts of a {@link CallCounter} at one moment. */
export interface CallCounterSnapshot {
  readonly total: number;
  readonly byOperation: Record<string, number>;
}

/** Where the counting middleware sits: once per `send`, before serialization and retries. */
export const callCounterMiddlewareOptions: InitializeHandlerOptions & { name: string; override: true } = {
  step: 'initialize',
  name: 'callCounterMiddleware',
  tags: ['CALL_COUNTER'],
  // A command object re-sent with a new counter replaces its old counter instead of throwing
  // "Duplicate middleware name".
  override: true,
};

/**
 * The middleware: records the operation of every command that passes through it, in `counter`, or
 * (given a function) in the counter that function finds for the command being sent.
 */
export function callCounterMiddleware(counter: CallCounter | ((command: object) => CallCounter | undefined)): InitializeMiddleware<any, any> {
  const counterOf = typeof counter === 'function' ? counter : () => counter;
  return <Output extends MetadataBearer>(next: InitializeHandler<any, Output>, context: HandlerExecutionContext) =>
    (args: InitializeHandlerArguments<any>): Promise<InitializeHandlerOutput<Output>> => {
      // `Client.send` hands the command itself to the first middleware, so `args` is the command.
      counterOf(args)?.record(operationName(context));
      return next(args);
    };
}

/** The plugin for a client's middleware stack: every command of the client counted in `counter`. */
export function getCallCounterPlugin(counter: CallCounter, name: string = callCounterMiddlewareOptions.name): Pluggable<any, any> {
  return {
    applyToStack(stack) {
      stack.add(callCounterMiddleware(counter), { ...callCounterMiddlewareOptions, name });
    },
  };
}

/** Module-private: the request counter each command was sent with (see {@link countedSend}). */
const requestCounters = new WeakMap<object, CallCounter>();

/** The plugin for a client's middleware stack: each command counted in the counter {@link countedSend} gave it. */
export function getRequestCallCounterPlugin(): Pluggable<any, any> {
  return {
    applyToStack(stack) {
      stack.add(
        callCounterMiddleware((command) => requestCounters.get(command)),
        { ...callCounterMiddlewareOptions, name: 'requestCallCounterMiddleware' },
      );
    },
  };
}

/** The output type of an SDK command, read off its middleware stack. */
export type CommandOutputOf<C> = C extends { readonly middlewareStack: MiddlewareStack<any, infer O> } ? O : never;

/** What {@link countedSend} accepts: an SDK command (its middleware stack carries its output type). */
export interface CountableCommand {
  readonly middlewareStack: MiddlewareStack<any, any>;
}

/** Any SDK v3 client (its overloaded `send` seen through the one signature countedSend needs). */
export interface CommandSender {
  send(command: any, options?: { abortSignal?: AbortSignal }): Promise<unknown>;
}

/**
 * Sends `command` through `client`, counting it in `counter` (the request's counter); the client
 * must carry {@link getRequestCallCounterPlugin}. Loaders call this instead of `client.send(command)`:
 *
 * ```ts
 * const out = await countedSend(client, new GetCampaignCommand({ ApplicationId, CampaignId }), calls);
 * ```
 *
 * Every command gets its own {@link UpstreamCall}: an abort signal that fires when the request
 * stops (deadline, client gone) or when the call's own timeout passes (armed by the client's
 * resilience middleware), handed to the SDK as `abortSignal`. Aborting destroys the in-flight HTTP
 * request (its socket is released); a rejection caused by the request stopping is reported as the
 * reason the request stopped, not as an upstream fault.
 */
export function countedSend<C extends CountableCommand>(client: CommandSender, command: C, counter: CallCounter): Promise<CommandOutputOf<C>> {
  const guard = counter.guard;
  const operation = commandOperationName(command);
  try {
    guard?.beforeSend(operation);
  } catch (refusal) {
    return Promise.reject(refusal as Error);
  }
  requestCounters.set(command, counter);
  const call = new UpstreamCall(guard);
  return recordFinished(client.send(command, { abortSignal: call.signal }) as Promise<CommandOutputOf<C>>, counter, operation)
    .catch((error: unknown) => {
      throw guard?.failureAfterStop() ?? error;
    })
    .finally(() => call.end());
}

/** Module-private: records the upstream request ID of a command's response or error (`$metadata.requestId`) in `counter`. */
function recordFinished<T>(sent: Promise<T>, counter: CallCounter, operation: string): Promise<T> {
  return sent.then(
    (output) => {
      counter.recordFinished(operation, requestIdOf(output));
      return output;
    },
    (error: unknown) => {
      counter.recordFinished(operation, requestIdOf(error));
      throw error;
    },
  );
}

/** Module-private: `$metadata.requestId` of an SDK output or exception, when it has one. */
function requestIdOf(value: unknown): string | null {
  const requestId = typeof value === 'object' && value !== null ? (value as { $metadata?: { requestId?: unknown } }).$metadata?.requestId : undefined;
  return typeof requestId === 'string' ? requestId : null;
}

/** Module-private: `new GetCampaignCommand(...)` → `GetCampaign`. */
function commandOperationName(command: object): string {
  const name = command.constructor.name;
  return name.endsWith('Command') ? name.slice(0, -'Command'.length) : name;
}

/** Module-private: `GetCampaignCommand` → `GetCampaign` (the operation name used in counts and errors). */
function operationName(context: HandlerExecutionContext): string {
  const command = context.commandName ?? 'UnknownCommand';
  return command.endsWith('Command') ? command.slice(0, -'Command'.length) : command;
}
