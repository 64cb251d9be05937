import type {
  AdmChannelResolvers,
  ApnsChannelResolvers,
  AppResolvers,
  BaiduChannelResolvers,
  ChannelResolvers,
  EmailChannelResolvers,
  GcmChannelResolvers,
  MutationResolvers,
  SmsChannelResolvers,
  VoiceChannelResolvers,
} from '../../__generated__/resolvers-types';
import type { GraphQLContext } from '../context';
import type { ChannelKind, ChannelModel } from '../../upstream/pinpoint/models';
import { applicationIdOf } from './app';
import { toAdmChannelRequest, toApnsChannelRequest, toBaiduChannelRequest, toEmailChannelRequest, toGcmChannelRequest, toSmsChannelRequest, toVoiceChannelRequest } from './channelInputs';

/**
 * Resolvers of schema/pinpoint/channel.graphql: a project's channels. A channel listed by
 * GetChannels carries only the fields every channel shares; its type-specific fields read the
 * channel (Get{Type}Channel) when asked for, so the list costs one call.
 */

/** The GraphQL type of each channel kind (the four APNs channels share `ApnsChannel`). */
export const CHANNEL_GRAPHQL_TYPES = {
  ADM: 'AdmChannel',
  APNS: 'ApnsChannel',
  APNS_SANDBOX: 'ApnsChannel',
  APNS_VOIP: 'ApnsChannel',
  APNS_VOIP_SANDBOX: 'ApnsChannel',
  BAIDU: 'BaiduChannel',
  EMAIL: 'EmailChannel',
  GCM: 'GcmChannel',
  SMS: 'SmsChannel',
  VOICE: 'VoiceChannel',
} as const satisfies Record<ChannelKind, string>;

/** Module-private: one channel of the parent project. */
const channelOf = (kind: ChannelKind) => (app: Parameters<typeof applicationIdOf>[0], _args: unknown, ctx: GraphQLContext) => ctx.pinpoint.channel.load({ applicationId: applicationIdOf(app), kind });

/** Module-private: the App fields this file's schema adds. */
const App: AppResolvers = {
  channels: async (app, _args, ctx) => [...(await ctx.pinpoint.channels.load(applicationIdOf(app)))],
  admChannel: channelOf('ADM'),
  apnsChannel: channelOf('APNS'),
  apnsSandboxChannel: channelOf('APNS_SANDBOX'),
  apnsVoipChannel: channelOf('APNS_VOIP'),
  apnsVoipSandboxChannel: channelOf('APNS_VOIP_SANDBOX'),
  baiduChannel: channelOf('BAIDU'),
  emailChannel: channelOf('EMAIL'),
  gcmChannel: channelOf('GCM'),
  smsChannel: channelOf('SMS'),
  voiceChannel: channelOf('VOICE'),
};

/** Module-private: a channel write and its payload. */
const payload = async (write: Promise<ChannelModel>) => ({ channel: await write });

/** Module-private. */
const Mutation: MutationResolvers = {
  updateAdmChannel: (_root, { input }, ctx) => payload(ctx.pinpoint.updateChannel(input.applicationId, { kind: 'ADM', request: toAdmChannelRequest(input) })),
  deleteAdmChannel: (_root, { input }, ctx) => payload(ctx.pinpoint.deleteChannel({ applicationId: input.applicationId, kind: 'ADM' })),
  updateApnsChannel: (_root, { input }, ctx) => payload(ctx.pinpoint.updateChannel(input.applicationId, { kind: 'APNS', request: toApnsChannelRequest(input) })),
  deleteApnsChannel: (_root, { input }, ctx) => payload(ctx.pinpoint.deleteChannel({ applicationId: input.applicationId, kind: 'APNS' })),
  updateApnsSandboxChannel: (_root, { input }, ctx) => payload(ctx.pinpoint.updateChannel(input.applicationId, { kind: 'APNS_SANDBOX', request: toApnsChannelRequest(input) })),
  deleteApnsSandboxChannel: (_root, { input }, ctx) => payload(ctx.pinpoint.deleteChannel({ applicationId: input.applicationId, kind: 'APNS_SANDBOX' })),
  updateApnsVoipChannel: (_root, { input }, ctx) => payload(ctx.pinpoint.updateChannel(input.applicationId, { kind: 'APNS_VOIP', request: toApnsChannelRequest(input) })),
  deleteApnsVoipChannel: (_root, { input }, ctx) => payload(ctx.pinpoint.deleteChannel({ applicationId: input.applicationId, kind: 'APNS_VOIP' })),
  updateApnsVoipSandboxChannel: (_root, { input }, ctx) => payload(ctx.pinpoint.updateChannel(input.applicationId, { kind: 'APNS_VOIP_SANDBOX', request: toApnsChannelRequest(input) })),
  deleteApnsVoipSandboxChannel: (_root, { input }, ctx) => payload(ctx.pinpoint.deleteChannel({ applicationId: input.applicationId, kind: 'APNS_VOIP_SANDBOX' })),
  updateBaiduChannel: (_root, { input }, ctx) => payload(ctx.pinpoint.updateChannel(input.applicationId, { kind: 'BAIDU', request: toBaiduChannelRequest(input) })),
  deleteBaiduChannel: (_root, { input }, ctx) => payload(ctx.pinpoint.deleteChannel({ applicationId: input.applicationId, kind: 'BAIDU' })),
  updateEmailChannel: (_root, { input }, ctx) => payload(ctx.pinpoint.updateChannel(input.applicationId, { kind: 'EMAIL', request: toEmailChannelRequest(input) })),
  deleteEmailChannel: (_root, { input }, ctx) => payload(ctx.pinpoint.deleteChannel({ applicationId: input.applicationId, kind: 'EMAIL' })),
  updateGcmChannel: (_root, { input }, ctx) => payload(ctx.pinpoint.updateChannel(input.applicationId, { kind: 'GCM', request: toGcmChannelRequest(input) })),
  deleteGcmChannel: (_root, { input }, ctx) => payload(ctx.pinpoint.deleteChannel({ applicationId: input.applicationId, kind: 'GCM' })),
  updateSmsChannel: (_root, { input }, ctx) => payload(ctx.pinpoint.updateChannel(input.applicationId, { kind: 'SMS', request: toSmsChannelRequest(input) })),
  deleteSmsChannel: (_root, { input }, ctx) => payload(ctx.pinpoint.deleteChannel({ applicationId: input.applicationId, kind: 'SMS' })),
  updateVoiceChannel: (_root, { input }, ctx) => payload(ctx.pinpoint.updateChannel(input.applicationId, { kind: 'VOICE', request: toVoiceChannelRequest(input) })),
  deleteVoiceChannel: (_root, { input }, ctx) => payload(ctx.pinpoint.deleteChannel({ applicationId: input.applicationId, kind: 'VOICE' })),
};

/** Reads a type-specific key of a channel: its own when it came from a typed read, else the channel's (Get{Type}Channel). */
export async function channelDetail<K extends keyof ChannelModel>(channel: ChannelModel, key: K, ctx: GraphQLContext): Promise<NonNullable<ChannelModel[K]> | null> {
  if (channel.source === 'get') return channel[key] ?? null;
  const read = await ctx.pinpoint.channel.load({ applicationId: channel.ApplicationId, kind: channel.Kind });
  return read?.[key] ?? null;
}

/** Module-private: a field resolver reading one type-specific key. */
const detail =
  <K extends keyof ChannelModel>(key: K) =>
  (channel: ChannelModel, _args: unknown, ctx: GraphQLContext) =>
    channelDetail(channel, key, ctx);

/** Module-private: the fields every channel shares (GetChannels carries them all). */
const commonFields = {
  applicationId: (channel: ChannelModel) => channel.ApplicationId,
  channelType: (channel: ChannelModel) => channel.Kind,
  enabled: (channel: ChannelModel) => channel.Enabled ?? null,
  hasCredential: (channel: ChannelModel) => channel.HasCredential ?? null,
  isArchived: (channel: ChannelModel) => channel.IsArchived ?? null,
  version: (channel: ChannelModel) => channel.Version ?? null,
  creationDate: (channel: ChannelModel) => channel.CreationDate ?? null,
  lastModifiedDate: (channel: ChannelModel) => channel.LastModifiedDate ?? null,
  lastModifiedBy: (channel: ChannelModel) => channel.LastModifiedBy ?? null,
  app: (channel: ChannelModel, _args: unknown, ctx: GraphQLContext) => ctx.pinpoint.app.load(channel.ApplicationId),
};

/** Module-private. */
const Channel: ChannelResolvers = { __resolveType: (channel) => CHANNEL_GRAPHQL_TYPES[channel.Kind] };
/** Module-private. */
const AdmChannel: AdmChannelResolvers = commonFields;
/** Module-private. */
const ApnsChannel: ApnsChannelResolvers = { ...commonFields, defaultAuthenticationMethod: detail('DefaultAuthenticationMethod'), hasTokenKey: detail('HasTokenKey') };
/** Module-private. */
const BaiduChannel: BaiduChannelResolvers = { ...commonFields, credential: detail('Credential') };
/** Module-private. */
const EmailChannel: EmailChannelResolvers = {
  ...commonFields,
  fromAddress: detail('FromAddress'),
  identity: detail('Identity'),
  configurationSet: detail('ConfigurationSet'),
  messagesPerSecond: detail('MessagesPerSecond'),
  roleArn: detail('RoleArn'),
  orchestrationSendingRoleArn: detail('OrchestrationSendingRoleArn'),
};
/** Module-private. */
const GcmChannel: GcmChannelResolvers = { ...commonFields, defaultAuthenticationMethod: detail('DefaultAuthenticationMethod'), hasFcmServiceCredentials: detail('HasFcmServiceCredentials') };
/** Module-private. */
const SmsChannel: SmsChannelResolvers = {
  ...commonFields,
  senderId: detail('SenderId'),
  shortCode: detail('ShortCode'),
  promotionalMessagesPerSecond: detail('PromotionalMessagesPerSecond'),
  transactionalMessagesPerSecond: detail('TransactionalMessagesPerSecond'),
  // The channel names no country, so every country's sender ID of that name is the channel's.
  senderIdResource: async (channel, _args, ctx) => {
    const senderId = await channelDetail(channel, 'SenderId', ctx);
    return senderId ? [...(await ctx.smsVoice.senderIdsByName.load(senderId))] : [];
  },
  // A short code is not E.164: the SMS v2 number whose PhoneNumber string equals it, if any.
  shortCodeResource: async (channel, _args, ctx) => {
    const shortCode = await channelDetail(channel, 'ShortCode', ctx);
    return shortCode ? ctx.smsVoice.phoneNumberByNumber.load(shortCode) : null;
  },
};
/** Module-private. */
const VoiceChannel: VoiceChannelResolvers = commonFields;

/** Resolvers of the channel types, the App fields that reach them and their mutations. */
export const channelResolvers = { App, Mutation, Channel, AdmChannel, ApnsChannel, BaiduChannel, EmailChannel, GcmChannel, SmsChannel, VoiceChannel };
