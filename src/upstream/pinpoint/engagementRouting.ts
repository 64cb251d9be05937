import { SMITHY_CONTEXT_KEY, type HandlerExecutionContext, type InitializeHandler, type InitializeHandlerArguments, type InitializeMiddleware, type Pluggable } from '@smithy/types';
import type { CommandSender } from '../callCounter';
import { resilienceMiddlewareOptions } from '../resilience/middleware';
import { ENGAGEMENT_END_OF_SUPPORT, RETIRED_FEATURES, retiredFeatureOf, type RetiredFeatureId } from './retiredOperations';

/**
 * Where the retired Pinpoint operations go with `UPSTREAM=aws` (README "AWS as it is today"): a
 * middleware on the AWS Pinpoint client, so every command of every loader passes it and no
 * resolver knows. For a command of a retired feature (`retiredOperations.ts`):
 * - with an engagement client (`ENGAGEMENT_ENDPOINT`), the command is sent through that client
 *   instead: its own endpoint, credentials, breakers, bulkhead and retry budget, and the same
 *   request counter and abort signal (the command and its signal are handed over as they are);
 * - without one, it fails at once with {@link UpstreamRetiredError}: nothing is sent.
 * It sits inside the error-context middleware (so the error names service and operation) and
 * outside resilience and the call counters: a retired call is neither a breaker failure, nor a
 * bulkhead slot, nor an upstream call of the AWS client.
 */

/** A Pinpoint call the gateway did not send because AWS retired its feature (`UPSTREAM_RETIRED`). */
export class UpstreamRetiredError extends Error {
  override readonly name = 'UpstreamRetiredError';
  /** The operation that was not sent (`GetCampaigns`). */
  readonly operation: string;
  /** The retired feature ("campaigns"). */
  readonly feature: string;
  /** The day AWS ended support (`2026-10-30`). */
  readonly endOfSupport = ENGAGEMENT_END_OF_SUPPORT;
  /** What replaced it. */
  readonly replacement: string;

  constructor(operation: string, featureId: RetiredFeatureId) {
    const { feature, replacement } = RETIRED_FEATURES[featureId];
    super(
      `${operation} was not sent: AWS ended support for Amazon Pinpoint ${feature} on ${ENGAGEMENT_END_OF_SUPPORT}, and its API no longer serves them. ` +
        `Replaced by: ${replacement}. To keep this data behind the gateway, set ENGAGEMENT_ENDPOINT to an endpoint that still serves it (README "AWS as it is today").`,
    );
    this.operation = operation;
    this.feature = feature;
    this.replacement = replacement;
  }
}

/** What `extensions.retired` says for an {@link UpstreamRetiredError} (read by shape in `server/errors.ts`); undefined for any other error. */
export function retirementErrorDetails(error: unknown): { readonly retired: { readonly feature: string; readonly endOfSupport: string; readonly replacement: string } } | undefined {
  if (typeof error !== 'object' || error === null || (error as { name?: unknown }).name !== 'UpstreamRetiredError') return undefined;
  const { feature, endOfSupport, replacement } = error as UpstreamRetiredError;
  return { retired: { feature, endOfSupport, replacement } };
}

/** Where the routing middleware sits: right before resilience (so after the error context, added earlier at the same priority). */
export const engagementRoutingMiddlewareOptions = {
  name: 'engagementRoutingMiddleware',
  relation: 'before',
  toMiddleware: resilienceMiddlewareOptions.name,
  override: true,
} as const;

/** The middleware: retired commands go to `engagement`, or fail when there is none; the others go on to AWS. */
export function engagementRoutingMiddleware(engagement: CommandSender | undefined): InitializeMiddleware<any, any> {
  return (next: InitializeHandler<any, any>, context: HandlerExecutionContext) => async (args: InitializeHandlerArguments<any>) => {
    const command = context.commandName ?? 'UnknownCommand';
    const operation = command.endsWith('Command') ? command.slice(0, -'Command'.length) : command;
    const feature = retiredFeatureOf(operation, args.input);
    if (feature === undefined) return next(args);
    if (!engagement) throw new UpstreamRetiredError(operation, feature);
    // `Client.send` hands the command itself to the first middleware: re-sent as it is, it keeps
    // the request counter `countedSend` tagged it with, and its abort signal (deadline, timeout).
    const abortSignal = context[SMITHY_CONTEXT_KEY]?.abortSignal;
    const output = await engagement.send(args, abortSignal === undefined ? undefined : { abortSignal: abortSignal as AbortSignal });
    // The engagement client's `send` gives the output only; nothing outside this middleware (the
    // error context, then `Client.send`) reads the raw HTTP response.
    return { output, response: undefined };
  };
}

/** The plugin the Pinpoint client factory adds with `UPSTREAM=aws` (see `client.ts`). */
export function getEngagementRoutingPlugin(engagement: CommandSender | undefined): Pluggable<any, any> {
  return {
    applyToStack(stack) {
      stack.addRelativeTo(engagementRoutingMiddleware(engagement), { ...engagementRoutingMiddlewareOptions });
    },
  };
}
