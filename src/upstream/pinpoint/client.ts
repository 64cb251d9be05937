import { PinpointClient } from '@aws-sdk/client-pinpoint';
import { getCallCounterPlugin, getRequestCallCounterPlugin, type CallCounter } from '../callCounter';
import { getUpstreamErrorContextPlugin } from '../errorContext';
import { dropSdkLogger, sdkClientConfig, shareSigner, type UpstreamClientOptions } from '../clientOptions';

/** The gateway's name of this upstream service (in `extensions.upstream.service`). */
export const PINPOINT_SERVICE = 'pinpoint';

/** The Amazon Pinpoint SDK client type, for layers that may not import the SDK themselves. */
export type PinpointSdkClient = PinpointClient;

/**
 * Builds the process-wide Pinpoint client: endpoint override and fake static credentials for the
 * emulator, the default credential chain for AWS; every command is also counted in
 * `processCalls` (metrics) and its errors are tagged with service and operation.
 */
export function createPinpointClient(options: UpstreamClientOptions, processCalls?: CallCounter): PinpointClient {
  const client = new PinpointClient(sdkClientConfig(options, options.endpoints?.pinpoint));
  client.middlewareStack.use(getUpstreamErrorContextPlugin(PINPOINT_SERVICE));
  client.middlewareStack.use(getRequestCallCounterPlugin());
  if (processCalls) client.middlewareStack.use(getCallCounterPlugin(processCalls, 'processCallCounterMiddleware'));
  shareSigner(client);
  dropSdkLogger(client);
  return client;
}
