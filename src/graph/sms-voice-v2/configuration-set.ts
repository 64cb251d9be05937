import type { Resolvers } from '../../__generated__/resolvers-types';
import { toGlobalId } from '../ids';
import type { NodeFetchers } from '../node';
import { globalIdKeys, required, smsConnection } from './shared';

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
