import type { CreateEventDestinationInput, Resolvers, UpdateEventDestinationInput } from '../../__generated__/resolvers-types';
import type { CreateEventDestinationRequest, UpdateEventDestinationRequest } from '../../upstream/sms-voice-v2/models';
import { toGlobalId } from '../ids';
import type { NodeFetchers } from '../node';
import { globalIdKeys, opt, required, smsConnection, tagsOf } from './shared';

/** Resolvers of `ConfigurationSet`, its event destinations, `Query.configurationSets/configurationSet` and its mutations. */
export const configurationSetResolvers: Resolvers = {
  Query: {
    configurationSets: (_parent, args, ctx) => smsConnection(args, (size, token) => ctx.smsVoice.configurationSetsPage(size, token)),
    configurationSet: (_parent, args, ctx) => ctx.smsVoice.configurationSet.load(args.name),
  },
  Mutation: {
    createConfigurationSet: async (_parent, { input }, ctx) => ({
      configurationSet: await ctx.smsVoice.createConfigurationSet({ ConfigurationSetName: input.name, ClientToken: input.clientToken ?? undefined }),
    }),
    deleteConfigurationSet: async (_parent, { input }, ctx) => ({ configurationSet: await ctx.smsVoice.deleteConfigurationSet(input.name) }),
    createEventDestination: (_parent, { input }, ctx) => ctx.smsVoice.createEventDestination(createEventDestinationRequest(input)),
    updateEventDestination: (_parent, { input }, ctx) => ctx.smsVoice.updateEventDestination(updateEventDestinationRequest(input)),
    deleteEventDestination: (_parent, { input }, ctx) => ctx.smsVoice.deleteEventDestination(input.configurationSetName, input.eventDestinationName),
    setDefaultMessageType: (_parent, { input }, ctx) => ctx.smsVoice.setDefaultMessageType(input.configurationSetName, input.messageType),
    deleteDefaultMessageType: (_parent, { input }, ctx) => ctx.smsVoice.deleteDefaultMessageType(input.configurationSetName),
    setDefaultSenderId: (_parent, { input }, ctx) => ctx.smsVoice.setDefaultSenderId(input.configurationSetName, input.senderId),
    deleteDefaultSenderId: (_parent, { input }, ctx) => ctx.smsVoice.deleteDefaultSenderId(input.configurationSetName),
  },
  ConfigurationSet: {
    id: (parent, _args, ctx) => toGlobalId('ConfigurationSet', ctx.region, required(parent.ConfigurationSetName, 'ConfigurationSetName')),
    name: (parent) => required(parent.ConfigurationSetName, 'ConfigurationSetName'),
    arn: (parent) => required(parent.ConfigurationSetArn, 'ConfigurationSetArn'),
    eventDestinations: (parent) => parent.EventDestinations ?? [],
    defaultMessageType: (parent) => parent.DefaultMessageType ?? null,
    defaultSenderId: (parent) => parent.DefaultSenderId ?? null,
    defaultMessageFeedbackEnabled: (parent) => parent.DefaultMessageFeedbackEnabled ?? null,
    protectConfigurationId: (parent) => parent.ProtectConfigurationId ?? null,
    createdTimestamp: (parent) => required(parent.CreatedTimestamp, 'CreatedTimestamp'),
    defaultSenderIds: async (parent, _args, ctx) => (parent.DefaultSenderId ? [...(await ctx.smsVoice.senderIdsByName.load(parent.DefaultSenderId))] : []),
    tags: (parent, _args, ctx) => tagsOf(ctx, parent.ConfigurationSetArn),
  },
  EventDestinationPayload: {
    configurationSetName: (parent) => required(parent.ConfigurationSetName, 'ConfigurationSetName'),
    configurationSetArn: (parent) => parent.ConfigurationSetArn ?? null,
    eventDestination: (parent) => required(parent.EventDestination, 'EventDestination'),
    configurationSet: (parent, _args, ctx) => ctx.smsVoice.configurationSet.load(required(parent.ConfigurationSetName, 'ConfigurationSetName')),
  },
  ConfigurationSetDefaultPayload: {
    configurationSetName: (parent) => required(parent.ConfigurationSetName, 'ConfigurationSetName'),
    configurationSetArn: (parent) => parent.ConfigurationSetArn ?? null,
    messageType: (parent) => parent.MessageType ?? null,
    senderId: (parent) => parent.SenderId ?? null,
    configurationSet: (parent, _args, ctx) => ctx.smsVoice.configurationSet.load(required(parent.ConfigurationSetName, 'ConfigurationSetName')),
  },
  EventDestination: {
    name: (parent) => required(parent.EventDestinationName, 'EventDestinationName'),
    enabled: (parent) => required(parent.Enabled, 'Enabled'),
    matchingEventTypes: (parent) => parent.MatchingEventTypes ?? [],
    cloudWatchLogsDestination: (parent) => parent.CloudWatchLogsDestination ?? null,
    kinesisFirehoseDestination: (parent) => parent.KinesisFirehoseDestination ?? null,
    snsDestination: (parent) => parent.SnsDestination ?? null,
  },
  CloudWatchLogsDestination: {
    iamRoleArn: (parent) => required(parent.IamRoleArn, 'IamRoleArn'),
    logGroupArn: (parent) => required(parent.LogGroupArn, 'LogGroupArn'),
  },
  KinesisFirehoseDestination: {
    iamRoleArn: (parent) => required(parent.IamRoleArn, 'IamRoleArn'),
    deliveryStreamArn: (parent) => required(parent.DeliveryStreamArn, 'DeliveryStreamArn'),
  },
  SnsDestination: {
    topicArn: (parent) => required(parent.TopicArn, 'TopicArn'),
  },
};

/** `node(id)` for configuration sets: the global ID's one key is the set name. */
export const configurationSetNodeFetchers: NodeFetchers = {
  ConfigurationSet: (keys, ctx) => ctx.smsVoice.configurationSet.load(globalIdKeys(keys, 'ConfigurationSet', 1)[0]),
};

/** Module-private: the SDK request of `createEventDestination`. */
function createEventDestinationRequest(input: CreateEventDestinationInput): CreateEventDestinationRequest {
  return {
    ConfigurationSetName: input.configurationSetName,
    EventDestinationName: input.eventDestinationName,
    MatchingEventTypes: [...input.matchingEventTypes],
    ...destinations(input),
    ClientToken: opt(input.clientToken),
  };
}

/** Module-private: the SDK request of `updateEventDestination`. */
function updateEventDestinationRequest(input: UpdateEventDestinationInput): UpdateEventDestinationRequest {
  return {
    ConfigurationSetName: input.configurationSetName,
    EventDestinationName: input.eventDestinationName,
    Enabled: opt(input.enabled),
    MatchingEventTypes: opt(input.matchingEventTypes)?.slice(),
    ...destinations(input),
  };
}

/** Module-private: the destination members both event-destination requests share. */
function destinations(input: CreateEventDestinationInput | UpdateEventDestinationInput): Pick<CreateEventDestinationRequest, 'CloudWatchLogsDestination' | 'KinesisFirehoseDestination' | 'SnsDestination'> {
  const { cloudWatchLogsDestination: logs, kinesisFirehoseDestination: firehose, snsDestination: sns } = input;
  return {
    CloudWatchLogsDestination: logs ? { IamRoleArn: logs.iamRoleArn, LogGroupArn: logs.logGroupArn } : undefined,
    KinesisFirehoseDestination: firehose ? { IamRoleArn: firehose.iamRoleArn, DeliveryStreamArn: firehose.deliveryStreamArn } : undefined,
    SnsDestination: sns ? { TopicArn: sns.topicArn } : undefined,
  };
}
