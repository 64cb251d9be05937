import { isThrottlingError, retryMiddleware as sdkRetryMiddleware, retryMiddlewareOptions as sdkRetryMiddlewareOptions } from '@smithy/core/retry';
import type {
  FinalizeHandler,
  FinalizeHandlerArguments,
  FinalizeRequestMiddleware,
  HandlerExecutionContext,
  InitializeHandler,
  InitializeHandlerArguments,
  InitializeMiddleware,
  MetadataBearer,
  Pluggable,
  SdkError,
} from '@smithy/types';
import type { UpstreamCallEnd, UpstreamOutcome } from '../telemetry';
import { isAbortError, UpstreamRefusedError, UpstreamTimeoutError } from './errors';
import { CallRetryStrategy } from './retryBudget';
import type { ServiceResilience } from './serviceResilience';
import { upstreamCallOf, type UpstreamCall } from './upstreamCall';

/**
 * The two middlewares that put a client's {@link ServiceResilience} on its stack (Smithy's trio:
 * middleware, options, `getXPlugin`):
 *
 * - `resilienceMiddleware` (initialize step, high priority, right inside the error-context
 *   middleware and outside the call counters): once per command, it arms the call's own timeout,
 *   tells the observer the command started (and how it ended), and runs the command through the
 *   breaker and the bulkhead. A refused command never reaches the counters below it: it was not
 *   sent;
 * - `retryMiddleware` (the SDK's own slot, which it replaces): the SDK's retry loop with a
 *   {@link CallRetryStrategy} made for this call, which reports every wire attempt to the observer.
 */

/** Where {@link resilienceMiddleware} sits. */
export const resilienceMiddlewareOptions = {
  step: 'initialize',
  name: 'resilienceMiddleware',
  tags: ['RESILIENCE'],
  priority: 'high',
  override: true,
} as const;

/** The once-per-command middleware (see the module comment). */
export function resilienceMiddleware(resilience: ServiceResilience): InitializeMiddleware<any, any> {
  return <Output extends MetadataBearer>(next: InitializeHandler<any, Output>, context: HandlerExecutionContext) =>
    async (args: InitializeHandlerArguments<any>) => {
      const info = resilience.callInfo(operationName(context));
      const call = upstreamCallOf(context);
      call?.armTimeout(info.operation, resilience.timeoutMs);
      const startedAt = performance.now();
      const end = resilience.observer.commandStarted?.(info);
      try {
        const result = await resilience.run(info, call, () => next(args));
        end?.({
          outcome: 'ok',
          attempts: call?.attempts || result.output.$metadata.attempts || 1,
          durationMs: performance.now() - startedAt,
          ...(result.output.$metadata.httpStatusCode === undefined ? {} : { httpStatus: result.output.$metadata.httpStatusCode }),
        });
        return result;
      } catch (error) {
        const failure = call ? call.translate(error) : error;
        end?.(callEnd(failure, call, performance.now() - startedAt));
        throw failure;
      }
    };
}

/** The retry middleware: the SDK's loop, with this call's strategy (see `retryBudget.ts`). */
export function resilientRetryMiddleware(resilience: ServiceResilience): FinalizeRequestMiddleware<any, any> {
  return <Output extends MetadataBearer>(next: FinalizeHandler<any, Output>, context: HandlerExecutionContext) =>
    async (args: FinalizeHandlerArguments<any>) => {
      const info = resilience.callInfo(operationName(context));
      const call = upstreamCallOf(context);
      const strategy = new CallRetryStrategy(resilience.retryBudget, info.operation, call, { maxAttempts: resilience.maxAttempts, throttleMaxAttempts: resilience.settings.throttleMaxAttempts, throttleBaseDelayMs: resilience.settings.throttleBaseDelayMs }, (attempt) =>
        resilience.observer.attemptFinished?.(info, attempt),
      );
      const loop = sdkRetryMiddleware({ maxAttempts: async () => strategy.maxAttempts, retryStrategy: async () => strategy, logger: context.logger })(next, context);
      const result = await loop(args);
      strategy.succeeded(result.output.$metadata.httpStatusCode);
      return result;
    };
}

/** The plugin that puts both middlewares on a client's stack (added right after the error-context plugin). */
export function getResiliencePlugin(resilience: ServiceResilience): Pluggable<any, any> {
  return {
    applyToStack(stack) {
      stack.add(resilienceMiddleware(resilience), { ...resilienceMiddlewareOptions, tags: [...resilienceMiddlewareOptions.tags] });
      stack.add(resilientRetryMiddleware(resilience), { ...sdkRetryMiddlewareOptions, override: true });
    },
  };
}

/** Module-private: how a failed command ended, for the observer. */
function callEnd(error: unknown, call: UpstreamCall | undefined, durationMs: number): UpstreamCallEnd {
  const shape = (typeof error === 'object' && error !== null ? error : {}) as { name?: unknown; $metadata?: { httpStatusCode?: unknown; attempts?: unknown } };
  const refused = error instanceof UpstreamRefusedError;
  const attempts = refused ? 0 : call?.attempts || (typeof shape.$metadata?.attempts === 'number' ? shape.$metadata.attempts : 1);
  const httpStatus = typeof shape.$metadata?.httpStatusCode === 'number' ? shape.$metadata.httpStatusCode : undefined;
  return {
    outcome: outcomeOf(error, call),
    attempts,
    durationMs,
    ...(typeof shape.name === 'string' ? { errorName: shape.name } : {}),
    ...(httpStatus === undefined ? {} : { httpStatus }),
  };
}

/** Module-private. */
function outcomeOf(error: unknown, call: UpstreamCall | undefined): UpstreamOutcome {
  if (error instanceof UpstreamRefusedError) return 'rejected';
  if (error instanceof UpstreamTimeoutError) return 'timeout';
  if (isAbortError(error)) return call?.stopCause() === 'deadline' ? 'timeout' : 'aborted';
  if (typeof error === 'object' && error !== null && isThrottlingError(error as SdkError)) return 'throttled';
  return 'error';
}

/** Module-private: `GetCampaignCommand` → `GetCampaign`. */
function operationName(context: HandlerExecutionContext): string {
  const command = context.commandName ?? 'UnknownCommand';
  return command.endsWith('Command') ? command.slice(0, -'Command'.length) : command;
}
