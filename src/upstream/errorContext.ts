import type { HandlerExecutionContext, InitializeHandler, InitializeHandlerArguments, InitializeMiddleware, Pluggable } from '@smithy/types';

/**
 * SDK exceptions carry `name`, `$fault` and `$metadata` but not which service and operation
 * raised them; `server/errors.ts` needs both for `extensions.upstream`. This client-level
 * middleware writes them onto every error a command rejects with, as `$upstream`.
 */

/** Where an upstream error came from, as `server/errors.ts` reads it (without importing the SDK). */
export interface UpstreamErrorOrigin {
  /** The gateway's name of the upstream service (`pinpoint`, `sms-voice-v2`). */
  readonly service: string;
  /** The operation (`GetCampaign`). */
  readonly operation: string;
}

/** The property under which the origin is written on an error. */
export const UPSTREAM_ERROR_ORIGIN = '$upstream';

/** Where the middleware sits: outermost, so it sees the final error after retries. */
export const upstreamErrorContextMiddlewareOptions = {
  step: 'initialize',
  name: 'upstreamErrorContextMiddleware',
  priority: 'high',
} as const;

/** The middleware: tags a rejected command's error with `service` and the operation name. */
export function upstreamErrorContextMiddleware(service: string): InitializeMiddleware<any, any> {
  return (next: InitializeHandler<any, any>, context: HandlerExecutionContext) => async (args: InitializeHandlerArguments<any>) => {
    try {
      return await next(args);
    } catch (error) {
      if (typeof error === 'object' && error !== null && !(UPSTREAM_ERROR_ORIGIN in error)) {
        const command = context.commandName ?? 'UnknownCommand';
        const origin: UpstreamErrorOrigin = { service, operation: command.endsWith('Command') ? command.slice(0, -'Command'.length) : command };
        Object.defineProperty(error, UPSTREAM_ERROR_ORIGIN, { value: origin, enumerable: false, configurable: true });
      }
      throw error;
    }
  };
}

/** The plugin a client adds once (see `upstream/<service>/client.ts`). */
export function getUpstreamErrorContextPlugin(service: string): Pluggable<any, any> {
  return {
    applyToStack(stack) {
      stack.add(upstreamErrorContextMiddleware(service), upstreamErrorContextMiddlewareOptions);
    },
  };
}
