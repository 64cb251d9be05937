import type { CreatePoolInput, OriginationIdentityAssociationInput, Resolvers, UpdatePoolInput } from '../../__generated__/resolvers-types';
import type { AssociateOriginationIdentityRequest, CreatePoolRequest, UpdatePoolRequest } from '../../upstream/sms-voice-v2/models';
import { toGlobalId } from '../ids';
import type { NodeFetchers } from '../node';
import { globalIdKeys, opt, originationTypeOf, originationValue, required, smsConnection, tagsOf } from './shared';

/** Resolvers of `Pool`, its members, `Query.pools/pool` and the pool mutations. */
export const poolResolvers: Resolvers = {
  Query: {
    pools: (_parent, args, ctx) => smsConnection(args, (size, token) => ctx.smsVoice.poolsPage(size, token)),
    pool: (_parent, args, ctx) => ctx.smsVoice.pool.load(args.poolId),
  },
  Mutation: {
    createPool: async (_parent, { input }, ctx) => ({ pool: await ctx.smsVoice.createPool(createPoolRequest(input)) }),
    updatePool: async (_parent, { input }, ctx) => ({ pool: await ctx.smsVoice.updatePool(updatePoolRequest(input)) }),
    deletePool: async (_parent, { input }, ctx) => ({ pool: await ctx.smsVoice.deletePool(input.poolId) }),
    associateOriginationIdentity: (_parent, { input }, ctx) => ctx.smsVoice.associateOriginationIdentity(associationRequest(input)),
    disassociateOriginationIdentity: (_parent, { input }, ctx) => ctx.smsVoice.disassociateOriginationIdentity(associationRequest(input)),
  },
  Pool: {
    id: (parent, _args, ctx) => toGlobalId('Pool', ctx.region, required(parent.PoolId, 'PoolId')),
    poolId: (parent) => required(parent.PoolId, 'PoolId'),
    arn: (parent) => required(parent.PoolArn, 'PoolArn'),
    status: (parent) => required(parent.Status, 'Status'),
    messageType: (parent) => required(parent.MessageType, 'MessageType'),
    twoWayEnabled: (parent) => required(parent.TwoWayEnabled, 'TwoWayEnabled'),
    twoWayChannelArn: (parent) => parent.TwoWayChannelArn ?? null,
    twoWayChannelRole: (parent) => parent.TwoWayChannelRole ?? null,
    selfManagedOptOutsEnabled: (parent) => required(parent.SelfManagedOptOutsEnabled, 'SelfManagedOptOutsEnabled'),
    optOutListName: (parent) => required(parent.OptOutListName, 'OptOutListName'),
    sharedRoutesEnabled: (parent) => required(parent.SharedRoutesEnabled, 'SharedRoutesEnabled'),
    deletionProtectionEnabled: (parent) => required(parent.DeletionProtectionEnabled, 'DeletionProtectionEnabled'),
    createdTimestamp: (parent) => required(parent.CreatedTimestamp, 'CreatedTimestamp'),
    optOutList: (parent, _args, ctx) => (parent.OptOutListName ? ctx.smsVoice.optOutList.load(parent.OptOutListName) : null),
    originationIdentities: (parent, args, ctx) =>
      smsConnection(args, (size, token) => ctx.smsVoice.poolOriginationIdentitiesPage(required(parent.PoolId, 'PoolId'), size, token)),
    phoneNumbers: (parent, args, ctx) => smsConnection(args, (size, token) => ctx.smsVoice.poolPhoneNumbersPage(required(parent.PoolId, 'PoolId'), size, token)),
    keywords: (parent, args, ctx) => smsConnection(args, (size, token) => ctx.smsVoice.keywordsPage(required(parent.PoolId, 'PoolId'), size, token)),
    keyword: (parent, args, ctx) => ctx.smsVoice.keyword.load({ originationIdentity: required(parent.PoolId, 'PoolId'), keyword: args.keyword }),
    tags: (parent, _args, ctx) => tagsOf(ctx, parent.PoolArn),
  },
  PoolOriginationIdentity: {
    originationIdentity: (parent) => required(parent.OriginationIdentity, 'OriginationIdentity'),
    arn: (parent) => required(parent.OriginationIdentityArn, 'OriginationIdentityArn'),
    isoCountryCode: (parent) => required(parent.IsoCountryCode, 'IsoCountryCode'),
    numberCapabilities: (parent) => parent.NumberCapabilities ?? [],
    phoneNumber: (parent) => parent.PhoneNumber ?? null,
    resource: async (parent, _args, ctx) =>
      originationValue(await ctx.smsVoice.originationResource({ id: parent.OriginationIdentity, arn: parent.OriginationIdentityArn, isoCountryCode: parent.IsoCountryCode })),
  },
  OriginationIdentityAssociationPayload: {
    pool: (parent, _args, ctx) => ctx.smsVoice.pool.load(required(parent.PoolId, 'PoolId')),
    originationIdentity: (parent) => required(parent.OriginationIdentity, 'OriginationIdentity'),
    originationIdentityArn: (parent) => required(parent.OriginationIdentityArn, 'OriginationIdentityArn'),
    isoCountryCode: (parent) => required(parent.IsoCountryCode, 'IsoCountryCode'),
    resource: async (parent, _args, ctx) =>
      originationValue(await ctx.smsVoice.originationResource({ id: parent.OriginationIdentity, arn: parent.OriginationIdentityArn, isoCountryCode: parent.IsoCountryCode })),
  },
  OriginationIdentity: {
    __resolveType: (value) => originationTypeOf(value),
  },
};

/** `node(id)` for pools: the global ID's one key is the PoolId. */
export const poolNodeFetchers: NodeFetchers = {
  Pool: (keys, ctx) => ctx.smsVoice.pool.load(globalIdKeys(keys, 'Pool', 1)[0]),
};

/** Module-private: the SDK request of `createPool`. */
function createPoolRequest(input: CreatePoolInput): CreatePoolRequest {
  return {
    OriginationIdentity: input.originationIdentity,
    IsoCountryCode: opt(input.isoCountryCode),
    MessageType: input.messageType,
    DeletionProtectionEnabled: opt(input.deletionProtectionEnabled),
    ClientToken: opt(input.clientToken),
  };
}

/** Module-private: the SDK request of `updatePool`. */
function updatePoolRequest(input: UpdatePoolInput): UpdatePoolRequest {
  return {
    PoolId: input.poolId,
    OptOutListName: opt(input.optOutListName),
    TwoWayEnabled: opt(input.twoWayEnabled),
    TwoWayChannelArn: opt(input.twoWayChannelArn),
    TwoWayChannelRole: opt(input.twoWayChannelRole),
    SelfManagedOptOutsEnabled: opt(input.selfManagedOptOutsEnabled),
    SharedRoutesEnabled: opt(input.sharedRoutesEnabled),
    DeletionProtectionEnabled: opt(input.deletionProtectionEnabled),
  };
}

/** Module-private: the SDK request of both origination-identity association mutations. */
function associationRequest(input: OriginationIdentityAssociationInput): AssociateOriginationIdentityRequest {
  return { PoolId: input.poolId, OriginationIdentity: input.originationIdentity, IsoCountryCode: input.isoCountryCode, ClientToken: opt(input.clientToken) };
}
