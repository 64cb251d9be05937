import type { BuildHandler, BuildHandlerArguments, BuildHandlerOptions, BuildHandlerOutput, BuildMiddleware, HandlerExecutionContext, MetadataBearer, Pluggable } from '@smithy/types';
import { upstreamCallOf } from './resilience/upstreamCall';
import type { UpstreamObserver } from './telemetry';

/**
 * Puts the headers an observer asks for (`propagationHeaders`: the gateway's request ID) on every
 * command's HTTP request, so an upstream log line can be tied to the gateway request that caused
 * it. A build-step middleware: it runs once per `send`, after serialization made the HTTP request
 * and before signing, so retries carry the same headers and SigV4 signs them like any other.
 */

/** Where the middleware sits. */
export const propagationMiddlewareOptions: BuildHandlerOptions & { name: string; override: true } = {
  step: 'build',
  name: 'propagationMiddleware',
  tags: ['PROPAGATION'],
  override: true,
};

/** The middleware: asks `observer` for headers and sets them on the request (existing headers of the same name are replaced). */
export function propagationMiddleware(observer: UpstreamObserver): BuildMiddleware<any, any> {
  return <Output extends MetadataBearer>(next: BuildHandler<any, Output>, context: HandlerExecutionContext) =>
    (args: BuildHandlerArguments<any>): Promise<BuildHandlerOutput<Output>> => {
      // The call `countedSend` made for this command knows its request (found from the command's abort signal).
      const headers = observer.propagationHeaders?.({ requestId: upstreamCallOf(context)?.requestId });
      const request = args.request as { headers?: Record<string, string> } | undefined;
      if (headers && request && typeof request.headers === 'object') {
        for (const [name, value] of Object.entries(headers)) request.headers[name] = value;
      }
      return next(args);
    };
}

/** The plugin for a client's middleware stack (added only when the observer propagates anything). */
export function getPropagationPlugin(observer: UpstreamObserver): Pluggable<any, any> {
  return {
    applyToStack(stack) {
      stack.add(propagationMiddleware(observer), propagationMiddlewareOptions);
    },
  };
}
