import type DataLoader from 'dataloader';
import {
  DeleteAdmChannelCommand,
  DeleteApnsChannelCommand,
  DeleteApnsSandboxChannelCommand,
  DeleteApnsVoipChannelCommand,
  DeleteApnsVoipSandboxChannelCommand,
  DeleteBaiduChannelCommand,
  DeleteEmailChannelCommand,
  DeleteEventStreamCommand,
  DeleteGcmChannelCommand,
  DeleteSmsChannelCommand,
  DeleteVoiceChannelCommand,
  GetAdmChannelCommand,
  GetApnsChannelCommand,
  GetApnsSandboxChannelCommand,
  GetApnsVoipChannelCommand,
  GetApnsVoipSandboxChannelCommand,
  GetBaiduChannelCommand,
  GetChannelsCommand,
  GetEmailChannelCommand,
  GetEventStreamCommand,
  GetGcmChannelCommand,
  GetSmsChannelCommand,
  GetVoiceChannelCommand,
  PutEventStreamCommand,
  UpdateAdmChannelCommand,
  UpdateApnsChannelCommand,
  UpdateApnsSandboxChannelCommand,
  UpdateApnsVoipChannelCommand,
  UpdateApnsVoipSandboxChannelCommand,
  UpdateBaiduChannelCommand,
  UpdateEmailChannelCommand,
  UpdateGcmChannelCommand,
  UpdateSmsChannelCommand,
  UpdateVoiceChannelCommand,
} from '@aws-sdk/client-pinpoint';
import { cacheKey, fanOut, nullWhenNotFound, ObservedLoader, required, type LoaderModeOptions, type PinpointSend } from './loaderKit';
import type {
  AdmChannelRequestModel,
  ApnsChannelRequestModel,
  BaiduChannelRequestModel,
  ChannelKind,
  ChannelModel,
  EmailChannelRequestModel,
  EventStreamModel,
  GcmChannelRequestModel,
  SmsChannelRequestModel,
  VoiceChannelRequestModel,
  WriteEventStreamRequestModel,
} from './models';

/**
 * Per-request loaders and writes of a project's channels (GetChannels and the 30 typed channel
 * operations) and its event stream. A channel or event stream that was never configured answers
 * NotFoundException upstream; these loaders resolve `null` for it, since "not configured" is a
 * normal state of a project rather than a failure.
 */

/** Every channel kind, in the order GetChannels' documentation lists them. */
export const CHANNEL_KINDS: readonly ChannelKind[] = ['ADM', 'APNS', 'APNS_SANDBOX', 'APNS_VOIP', 'APNS_VOIP_SANDBOX', 'BAIDU', 'EMAIL', 'GCM', 'SMS', 'VOICE'];

/** One channel of a project. */
export interface ChannelKey {
  readonly applicationId: string;
  readonly kind: ChannelKind;
}

/** An Update{Kind}Channel body, by kind (the four APNs channels share one shape). */
export type ChannelWriteRequest =
  | { readonly kind: 'ADM'; readonly request: AdmChannelRequestModel }
  | { readonly kind: 'APNS' | 'APNS_SANDBOX' | 'APNS_VOIP' | 'APNS_VOIP_SANDBOX'; readonly request: ApnsChannelRequestModel }
  | { readonly kind: 'BAIDU'; readonly request: BaiduChannelRequestModel }
  | { readonly kind: 'EMAIL'; readonly request: EmailChannelRequestModel }
  | { readonly kind: 'GCM'; readonly request: GcmChannelRequestModel }
  | { readonly kind: 'SMS'; readonly request: SmsChannelRequestModel }
  | { readonly kind: 'VOICE'; readonly request: VoiceChannelRequestModel };

/** Channel and event-stream loaders and writes (part of `PinpointUpstream`). */
export interface ChannelUpstream {
  /** GetChannels: the project's configured channels (common fields only), by application ID. */
  readonly channels: DataLoader<string, readonly ChannelModel[]>;
  /** Get{Kind}Channel; null when the channel is not configured. */
  readonly channel: DataLoader<ChannelKey, ChannelModel | null, string>;
  /** GetEventStream by application ID; null when the project has none. */
  readonly eventStream: DataLoader<string, EventStreamModel | null>;

  /** Update{Kind}Channel (creates the channel when it is not configured); resolves the channel as changed. */
  updateChannel(applicationId: string, write: ChannelWriteRequest): Promise<ChannelModel>;
  /** Delete{Kind}Channel; resolves the channel as it was. */
  deleteChannel(key: ChannelKey): Promise<ChannelModel>;
  /** PutEventStream. */
  putEventStream(applicationId: string, request: WriteEventStreamRequestModel): Promise<EventStreamModel>;
  /** DeleteEventStream; resolves the event stream as it was. */
  deleteEventStream(applicationId: string): Promise<EventStreamModel>;
}

/** Builds the channel loaders over the request's counted `send`. */
export function createChannelLoaders(send: PinpointSend, mode: LoaderModeOptions = {}): ChannelUpstream {
  const channel = new ObservedLoader<ChannelKey, ChannelModel | null, string>(
    'channel',
    fanOut(async (key) => nullWhenNotFound(getChannel(send, key))),
    { ...mode, cacheKeyFn: channelCacheKey },
  );

  const channels = new ObservedLoader<string, readonly ChannelModel[]>(
    'channels',
    fanOut(async (applicationId) => {
      const map = required((await send(new GetChannelsCommand({ ApplicationId: applicationId }))).ChannelsResponse, 'GetChannels').Channels ?? {};
      return CHANNEL_KINDS.filter((kind) => map[kind] !== undefined).map((kind): ChannelModel => ({ ...map[kind], ApplicationId: applicationId, Kind: kind, source: 'summary' }));
    }),
    mode,
  );

  const eventStream = new ObservedLoader<string, EventStreamModel | null>(
    'eventStream',
    fanOut(async (applicationId) => nullWhenNotFound(send(new GetEventStreamCommand({ ApplicationId: applicationId })).then((out) => required(out.EventStream, 'GetEventStream')))),
    mode,
  );

  /** Module-private: a channel changed; its entry and the project's channel list are stale. */
  function forgetChannel(key: ChannelKey, now: ChannelModel | null): void {
    channels.clear(key.applicationId);
    channel.clear(key).prime(key, now);
  }

  return {
    channels,
    channel,
    eventStream,

    async updateChannel(applicationId, write) {
      const updated = await updateChannelCall(send, applicationId, write);
      forgetChannel({ applicationId, kind: write.kind }, updated);
      return updated;
    },

    async deleteChannel(key) {
      const deleted = await deleteChannelCall(send, key);
      forgetChannel(key, null);
      return deleted;
    },

    async putEventStream(applicationId, request) {
      const stream = required((await send(new PutEventStreamCommand({ ApplicationId: applicationId, WriteEventStream: request }))).EventStream, 'PutEventStream');
      eventStream.clear(applicationId).prime(applicationId, stream);
      return stream;
    },

    async deleteEventStream(applicationId) {
      const stream = required((await send(new DeleteEventStreamCommand({ ApplicationId: applicationId }))).EventStream, 'DeleteEventStream');
      eventStream.clear(applicationId).prime(applicationId, null);
      return stream;
    },
  };
}

/** Module-private. */
function channelCacheKey(key: ChannelKey): string {
  return cacheKey(key.applicationId, key.kind);
}

/** Module-private: a typed channel response as a channel model. */
function channelModel(key: ChannelKey, response: object | undefined, operation: string): ChannelModel {
  return { ...required(response, operation), ApplicationId: key.applicationId, Kind: key.kind, source: 'get' };
}

/** Module-private: Get{Kind}Channel. */
async function getChannel(send: PinpointSend, key: ChannelKey): Promise<ChannelModel> {
  const input = { ApplicationId: key.applicationId };
  switch (key.kind) {
    case 'ADM':
      return channelModel(key, (await send(new GetAdmChannelCommand(input))).ADMChannelResponse, 'GetAdmChannel');
    case 'APNS':
      return channelModel(key, (await send(new GetApnsChannelCommand(input))).APNSChannelResponse, 'GetApnsChannel');
    case 'APNS_SANDBOX':
      return channelModel(key, (await send(new GetApnsSandboxChannelCommand(input))).APNSSandboxChannelResponse, 'GetApnsSandboxChannel');
    case 'APNS_VOIP':
      return channelModel(key, (await send(new GetApnsVoipChannelCommand(input))).APNSVoipChannelResponse, 'GetApnsVoipChannel');
    case 'APNS_VOIP_SANDBOX':
      return channelModel(key, (await send(new GetApnsVoipSandboxChannelCommand(input))).APNSVoipSandboxChannelResponse, 'GetApnsVoipSandboxChannel');
    case 'BAIDU':
      return channelModel(key, (await send(new GetBaiduChannelCommand(input))).BaiduChannelResponse, 'GetBaiduChannel');
    case 'EMAIL':
      return channelModel(key, (await send(new GetEmailChannelCommand(input))).EmailChannelResponse, 'GetEmailChannel');
    case 'GCM':
      return channelModel(key, (await send(new GetGcmChannelCommand(input))).GCMChannelResponse, 'GetGcmChannel');
    case 'SMS':
      return channelModel(key, (await send(new GetSmsChannelCommand(input))).SMSChannelResponse, 'GetSmsChannel');
    case 'VOICE':
      return channelModel(key, (await send(new GetVoiceChannelCommand(input))).VoiceChannelResponse, 'GetVoiceChannel');
    default:
      throw new Error(`Unhandled channel kind: ${JSON.stringify(key.kind satisfies never)}`);
  }
}

/** Module-private: Update{Kind}Channel. */
async function updateChannelCall(send: PinpointSend, applicationId: string, write: ChannelWriteRequest): Promise<ChannelModel> {
  const key = { applicationId, kind: write.kind };
  const ApplicationId = applicationId;
  switch (write.kind) {
    case 'ADM':
      return channelModel(key, (await send(new UpdateAdmChannelCommand({ ApplicationId, ADMChannelRequest: write.request }))).ADMChannelResponse, 'UpdateAdmChannel');
    case 'APNS':
      return channelModel(key, (await send(new UpdateApnsChannelCommand({ ApplicationId, APNSChannelRequest: write.request }))).APNSChannelResponse, 'UpdateApnsChannel');
    case 'APNS_SANDBOX':
      return channelModel(key, (await send(new UpdateApnsSandboxChannelCommand({ ApplicationId, APNSSandboxChannelRequest: write.request }))).APNSSandboxChannelResponse, 'UpdateApnsSandboxChannel');
    case 'APNS_VOIP':
      return channelModel(key, (await send(new UpdateApnsVoipChannelCommand({ ApplicationId, APNSVoipChannelRequest: write.request }))).APNSVoipChannelResponse, 'UpdateApnsVoipChannel');
    case 'APNS_VOIP_SANDBOX':
      return channelModel(
        key,
        (await send(new UpdateApnsVoipSandboxChannelCommand({ ApplicationId, APNSVoipSandboxChannelRequest: write.request }))).APNSVoipSandboxChannelResponse,
        'UpdateApnsVoipSandboxChannel',
      );
    case 'BAIDU':
      return channelModel(key, (await send(new UpdateBaiduChannelCommand({ ApplicationId, BaiduChannelRequest: write.request }))).BaiduChannelResponse, 'UpdateBaiduChannel');
    case 'EMAIL':
      return channelModel(key, (await send(new UpdateEmailChannelCommand({ ApplicationId, EmailChannelRequest: write.request }))).EmailChannelResponse, 'UpdateEmailChannel');
    case 'GCM':
      return channelModel(key, (await send(new UpdateGcmChannelCommand({ ApplicationId, GCMChannelRequest: write.request }))).GCMChannelResponse, 'UpdateGcmChannel');
    case 'SMS':
      return channelModel(key, (await send(new UpdateSmsChannelCommand({ ApplicationId, SMSChannelRequest: write.request }))).SMSChannelResponse, 'UpdateSmsChannel');
    case 'VOICE':
      return channelModel(key, (await send(new UpdateVoiceChannelCommand({ ApplicationId, VoiceChannelRequest: write.request }))).VoiceChannelResponse, 'UpdateVoiceChannel');
    default:
      throw new Error(`Unhandled channel kind: ${JSON.stringify(write satisfies never)}`);
  }
}

/** Module-private: Delete{Kind}Channel. */
async function deleteChannelCall(send: PinpointSend, key: ChannelKey): Promise<ChannelModel> {
  const input = { ApplicationId: key.applicationId };
  switch (key.kind) {
    case 'ADM':
      return channelModel(key, (await send(new DeleteAdmChannelCommand(input))).ADMChannelResponse, 'DeleteAdmChannel');
    case 'APNS':
      return channelModel(key, (await send(new DeleteApnsChannelCommand(input))).APNSChannelResponse, 'DeleteApnsChannel');
    case 'APNS_SANDBOX':
      return channelModel(key, (await send(new DeleteApnsSandboxChannelCommand(input))).APNSSandboxChannelResponse, 'DeleteApnsSandboxChannel');
    case 'APNS_VOIP':
      return channelModel(key, (await send(new DeleteApnsVoipChannelCommand(input))).APNSVoipChannelResponse, 'DeleteApnsVoipChannel');
    case 'APNS_VOIP_SANDBOX':
      return channelModel(key, (await send(new DeleteApnsVoipSandboxChannelCommand(input))).APNSVoipSandboxChannelResponse, 'DeleteApnsVoipSandboxChannel');
    case 'BAIDU':
      return channelModel(key, (await send(new DeleteBaiduChannelCommand(input))).BaiduChannelResponse, 'DeleteBaiduChannel');
    case 'EMAIL':
      return channelModel(key, (await send(new DeleteEmailChannelCommand(input))).EmailChannelResponse, 'DeleteEmailChannel');
    case 'GCM':
      return channelModel(key, (await send(new DeleteGcmChannelCommand(input))).GCMChannelResponse, 'DeleteGcmChannel');
    case 'SMS':
      return channelModel(key, (await send(new DeleteSmsChannelCommand(input))).SMSChannelResponse, 'DeleteSmsChannel');
    case 'VOICE':
      return channelModel(key, (await send(new DeleteVoiceChannelCommand(input))).VoiceChannelResponse, 'DeleteVoiceChannel');
    default:
      throw new Error(`Unhandled channel kind: ${JSON.stringify(key.kind satisfies never)}`);
  }
}
