import type {
  DeleteEventStreamRequest,
  DeleteEventStreamResponse,
  EventStream,
  GetEventStreamRequest,
  GetEventStreamResponse,
  PutEventStreamRequest,
  PutEventStreamResponse,
} from '@aws-sdk/client-pinpoint';
import { requireEventStream, type ChannelsStore, type EventStreamRecord } from '../channelsStore';
import { requireApp, type AppRecord, type PinpointStore } from '../store';
import { checkRoleArn, checkServiceArn } from './integration-checks';
import type { PinpointHandler } from './shared';

/**
 * The Event Stream resource: where an app publishes its events (a Kinesis data stream or a
 * Firehose delivery stream). One stream per app; PutEventStream creates or replaces it. The
 * emulator does not publish anything: the stream is configuration only.
 *
 * `ExternalId` is deprecated (seed 002) and `LastUpdatedBy` names an IAM identity the emulator
 * does not know, so neither is reported.
 */
export function createEventStreamHandlers(core: PinpointStore, store: ChannelsStore) {
  const GetEventStream: PinpointHandler<GetEventStreamRequest, GetEventStreamResponse> = (input, ctx) => {
    const app = requireApp(core.forRequest(ctx), input.ApplicationId ?? '');
    return { EventStream: eventStream(app, requireEventStream(app, store.appExtras(ctx, app))) };
  };

  const PutEventStream: PinpointHandler<PutEventStreamRequest, PutEventStreamResponse> = (input, ctx) => {
    const app = requireApp(core.forRequest(ctx), input.ApplicationId ?? '');
    const request = input.WriteEventStream ?? { DestinationStreamArn: undefined, RoleArn: undefined };
    const destination = request.DestinationStreamArn ?? '';
    checkDestination(destination);
    checkRoleArn('WriteEventStream.RoleArn', request.RoleArn ?? '');
    const record: EventStreamRecord = { destinationStreamArn: destination, roleArn: request.RoleArn ?? '', lastModifiedDate: ctx.now().toISOString() };
    store.appExtras(ctx, app).eventStream = record;
    return { EventStream: eventStream(app, record) };
  };

  const DeleteEventStream: PinpointHandler<DeleteEventStreamRequest, DeleteEventStreamResponse> = (input, ctx) => {
    const app = requireApp(core.forRequest(ctx), input.ApplicationId ?? '');
    const extras = store.appExtras(ctx, app);
    const record = requireEventStream(app, extras);
    extras.eventStream = undefined;
    return { EventStream: eventStream(app, record) };
  };

  return { GetEventStream, PutEventStream, DeleteEventStream };
}

/** Module-private: seed 002 gives the two ARN forms a destination may take. */
function checkDestination(arn: string): void {
  const form = 'arn:aws:kinesis:<region>:<account-id>:stream/<name> or arn:aws:firehose:<region>:<account-id>:deliverystream/<name>';
  const service = arn.split(':')[2];
  if (service === 'firehose') checkServiceArn('WriteEventStream.DestinationStreamArn', arn, 'firehose', /^deliverystream\/[\w.-]{1,64}$/, form);
  else checkServiceArn('WriteEventStream.DestinationStreamArn', arn, 'kinesis', /^stream\/[\w.-]{1,128}$/, form);
}

/** Module-private. */
function eventStream(app: AppRecord, record: EventStreamRecord): EventStream {
  return { ApplicationId: app.id, DestinationStreamArn: record.destinationStreamArn, RoleArn: record.roleArn, LastModifiedDate: record.lastModifiedDate };
}
