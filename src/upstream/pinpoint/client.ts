import { PinpointClient } from '@aws-sdk/client-pinpoint';
import type { CallCounter } from '../callCounter';
import { buildUpstreamClient, type UpstreamClientOptions } from '../clientOptions';

/** The gateway's name of this upstream service (in `extensions.upstream.service`). */
export const PINPOINT_SERVICE = 'pinpoint';

/** The Amazon Pinpoint SDK client type, for layers that may not import the SDK themselves. */
export type PinpointSdkClient = PinpointClient;

/**
 * Builds the process-wide Pinpoint client: endpoint override and fake static credentials for the
 * emulator, the default credential chain for AWS; every command is bounded by its own timeout and
 * goes through the service's breakers, bulkhead and retry budget (resilience/), is also counted in
 * `processCalls` (metrics), and its errors are tagged with service and operation.
 */
export function createPinpointClient(options: UpstreamClientOptions, processCalls?: CallCounter): PinpointClient {
  return buildUpstreamClient(options, PINPOINT_SERVICE, options.endpoints?.pinpoint, (config) => new PinpointClient(config), processCalls);
}
