import { PinpointClient } from '@aws-sdk/client-pinpoint';
import type { CallCounter } from '../callCounter';
import { buildUpstreamClient, EMULATOR_CREDENTIALS, type UpstreamClientOptions } from '../clientOptions';
import { addCompanionClient } from '../resilience';
import { getEngagementRoutingPlugin } from './engagementRouting';

/** The gateway's name of this upstream service (in `extensions.upstream.service`). */
export const PINPOINT_SERVICE = 'pinpoint';

/** The gateway's name of the endpoint that serves the retired engagement operations (`ENGAGEMENT_ENDPOINT`). */
export const PINPOINT_ENGAGEMENT_SERVICE = 'pinpoint-engagement';

/** The Amazon Pinpoint SDK client type, for layers that may not import the SDK themselves. */
export type PinpointSdkClient = PinpointClient;

/**
 * Builds the process-wide Pinpoint client: endpoint override and fake static credentials for the
 * emulator, the default credential chain for AWS; every command is bounded by its own timeout and
 * goes through the service's breakers, bulkhead and retry budget (resilience/), is also counted in
 * `processCalls` (metrics), and its errors are tagged with service and operation.
 *
 * With `upstream: 'aws'`, the commands of the features AWS retired on 2026-10-30
 * (`retiredOperations.ts`) never reach AWS (`engagementRouting.ts`): they go to a second client
 * pointed at `options.engagement` when it is set, else fail with UPSTREAM_RETIRED. That second
 * client is owned by this one: its breakers are reported with it, and `destroy()` ends both.
 */
export function createPinpointClient(options: UpstreamClientOptions, processCalls?: CallCounter): PinpointClient {
  if (options.engagement && options.upstream !== 'aws') {
    // The emulator still serves every engagement operation: a second endpoint would only split its data.
    throw new Error(`createPinpointClient: an engagement endpoint (${options.engagement.endpoint}) applies only with upstream "aws"; got upstream "${options.upstream}".`);
  }
  const client = buildUpstreamClient(options, PINPOINT_SERVICE, options.endpoints?.pinpoint, (config) => new PinpointClient(config), processCalls);
  if (options.upstream !== 'aws') return client;
  const engagement = options.engagement && createEngagementClient(options, processCalls);
  client.middlewareStack.use(getEngagementRoutingPlugin(engagement));
  if (engagement) {
    addCompanionClient(client, engagement);
    const destroy = client.destroy.bind(client);
    client.destroy = () => {
      destroy();
      engagement.destroy();
    };
  }
  return client;
}

/**
 * Module-private: the client of the engagement endpoint. Its own breakers, bulkhead and retry
 * budget (a failing engagement endpoint never opens AWS's breakers, nor takes its slots), the same
 * timeouts, observer and process counter. Static credentials: the endpoint is not AWS (typically
 * the project's emulator, which accepts any signature and keys its state on the access key ID), so
 * the AWS credentials have no business there.
 */
function createEngagementClient(options: UpstreamClientOptions, processCalls: CallCounter | undefined): PinpointClient {
  const engagement = options.engagement!;
  const credentials = { ...(engagement.credentials ?? EMULATOR_CREDENTIALS) };
  return buildUpstreamClient(options, PINPOINT_ENGAGEMENT_SERVICE, engagement.endpoint, (config) => new PinpointClient({ ...config, credentials }), processCalls);
}
