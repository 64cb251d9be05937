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

/**
 * Counts upstream SDK commands, the way DataLoader's tests count `loadCalls`: one count per
 * `client.send(command)`, whatever the retries underneath (the emulator counts wire attempts).
 *
 * How it is used:
 * - per request: `server/context.ts` creates one `CallCounter` per GraphQL request and hands it to
 *   `createPinpointLoaders(client, counter)` / `createSmsVoiceLoaders(client, counter)`; the
 *   loaders send every command through {@link countedSend}, which adds
 *   {@link getCallCounterPlugin} to that command's own middleware stack;
 * - process-wide: `upstream/<service>/client.ts` adds the plugin (under another name) to the
 *   client's stack, so a metrics counter sees every command of the process.
 */
export class CallCounter {
  /** Module-private tally per operation name (`GetCampaign`). */
  readonly #byOperation = new Map<string, number>();
  #total = 0;

  /** Commands sent so far, all operations together. */
  get total(): number {
    return this.#total;
  }

  /** Records one command of `operation` (the SDK command name without its `Command` suffix). */
  record(operation: string): void {
    this.#total += 1;
    this.#byOperation.set(operation, (this.#byOperation.get(operation) ?? 0) + 1);
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

/** The middleware: records the operation of every command that passes through it. */
export function callCounterMiddleware(counter: CallCounter): InitializeMiddleware<any, any> {
  return <Output extends MetadataBearer>(next: InitializeHandler<any, Output>, context: HandlerExecutionContext) =>
    (args: InitializeHandlerArguments<any>): Promise<InitializeHandlerOutput<Output>> => {
      counter.record(operationName(context));
      return next(args);
    };
}

/**
 * The plugin for a client's or a command's middleware stack. `name` lets a client-level
 * (process-wide) counter and a command-level (per-request) one coexist in the same resolved stack.
 */
export function getCallCounterPlugin(counter: CallCounter, name: string = callCounterMiddlewareOptions.name): Pluggable<any, any> {
  return {
    applyToStack(stack) {
      stack.add(callCounterMiddleware(counter), { ...callCounterMiddlewareOptions, name });
    },
  };
}

/** The output type of an SDK command, read off its middleware stack. */
export type CommandOutputOf<C> = C extends { readonly middlewareStack: MiddlewareStack<any, infer O> } ? O : never;

/** What {@link countedSend} needs of a command: its own middleware stack. */
export interface CountableCommand {
  readonly middlewareStack: MiddlewareStack<any, any>;
}

/** Any SDK v3 client (its overloaded `send` seen through the one signature countedSend needs). */
export interface CommandSender {
  send(command: any): Promise<unknown>;
}

/**
 * Sends `command` through `client`, counting it in `counter` (the request's counter).
 * Loaders call this instead of `client.send(command)`:
 *
 * ```ts
 * const out = await countedSend(client, new GetCampaignCommand({ ApplicationId, CampaignId }), calls);
 * ```
 */
export function countedSend<C extends CountableCommand>(client: CommandSender, command: C, counter: CallCounter): Promise<CommandOutputOf<C>> {
  command.middlewareStack.use(getCallCounterPlugin(counter));
  return client.send(command) as Promise<CommandOutputOf<C>>;
}

/** Module-private: `GetCampaignCommand` → `GetCampaign` (the operation name used in counts and errors). */
function operationName(context: HandlerExecutionContext): string {
  const command = context.commandName ?? 'UnknownCommand';
  return command.endsWith('Command') ? command.slice(0, -'Command'.length) : command;
}
