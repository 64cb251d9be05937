import type { RequestPhoneNumberInput, Resolvers, UpdatePhoneNumberInput } from '../../__generated__/resolvers-types';
import type { PhoneNumberModel, RequestPhoneNumberRequest, UpdatePhoneNumberRequest } from '../../upstream/sms-voice-v2/models';
import type { GraphQLContext } from '../context';
import { toGlobalId } from '../ids';
import type { NodeFetchers } from '../node';
import { globalIdKeys, opt, required, smsConnection, tagsOf } from './shared';

/** Resolvers of `PhoneNumber`, `Query.phoneNumbers/phoneNumber` and the phone-number mutations. */
export const phoneNumberResolvers: Resolvers = {
  Query: {
    phoneNumbers: (_parent, args, ctx) => smsConnection(args, (size, token) => ctx.smsVoice.phoneNumbersPage(size, token)),
    phoneNumber: (_parent, args, ctx) => ctx.smsVoice.phoneNumber.load(args.phoneNumberId),
  },
  Mutation: {
    requestPhoneNumber: async (_parent, { input }, ctx) => ({ phoneNumber: await ctx.smsVoice.requestPhoneNumber(requestPhoneNumberRequest(input)) }),
    updatePhoneNumber: async (_parent, { input }, ctx) => ({ phoneNumber: await ctx.smsVoice.updatePhoneNumber(updatePhoneNumberRequest(input)) }),
    releasePhoneNumber: async (_parent, { input }, ctx) => ({ phoneNumber: await ctx.smsVoice.releasePhoneNumber(input.phoneNumberId) }),
  },
  PhoneNumber: {
    id: (parent, _args, ctx) => toGlobalId('PhoneNumber', ctx.region, phoneNumberIdOf(parent)),
    phoneNumberId: (parent) => phoneNumberIdOf(parent),
    arn: (parent) => required(parent.PhoneNumberArn, 'PhoneNumberArn'),
    phoneNumber: (parent) => required(parent.PhoneNumber, 'PhoneNumber'),
    status: (parent) => required(parent.Status, 'Status'),
    isoCountryCode: (parent) => required(parent.IsoCountryCode, 'IsoCountryCode'),
    messageType: (parent) => required(parent.MessageType, 'MessageType'),
    numberCapabilities: (parent) => parent.NumberCapabilities ?? [],
    numberType: (parent) => required(parent.NumberType, 'NumberType'),
    monthlyLeasingPrice: (parent) => required(parent.MonthlyLeasingPrice, 'MonthlyLeasingPrice'),
    twoWayEnabled: (parent) => required(parent.TwoWayEnabled, 'TwoWayEnabled'),
    twoWayChannelArn: (parent) => parent.TwoWayChannelArn ?? null,
    twoWayChannelRole: (parent) => parent.TwoWayChannelRole ?? null,
    selfManagedOptOutsEnabled: (parent) => required(parent.SelfManagedOptOutsEnabled, 'SelfManagedOptOutsEnabled'),
    internationalSendingEnabled: (parent) => parent.InternationalSendingEnabled ?? null,
    deletionProtectionEnabled: (parent) => required(parent.DeletionProtectionEnabled, 'DeletionProtectionEnabled'),
    createdTimestamp: (parent) => required(parent.CreatedTimestamp, 'CreatedTimestamp'),
    optOutListName: (parent) => required(parent.OptOutListName, 'OptOutListName'),
    poolId: async (parent, _args, ctx) => (await poolIdOf(parent, ctx)) ?? null,
    registrationId: (parent) => parent.RegistrationId ?? null,
    pool: async (parent, _args, ctx) => {
      const poolId = await poolIdOf(parent, ctx);
      return poolId ? ctx.smsVoice.pool.load(poolId) : null;
    },
    optOutList: (parent, _args, ctx) => (parent.OptOutListName ? ctx.smsVoice.optOutList.load(parent.OptOutListName) : null),
    registration: (parent, _args, ctx) => (parent.RegistrationId ? ctx.smsVoice.registration.load(parent.RegistrationId) : null),
    keywords: (parent, args, ctx) => smsConnection(args, (size, token) => ctx.smsVoice.keywordsPage(phoneNumberIdOf(parent), size, token)),
    keyword: (parent, args, ctx) => ctx.smsVoice.keyword.load({ originationIdentity: phoneNumberIdOf(parent), keyword: args.keyword }),
    tags: (parent, _args, ctx) => tagsOf(ctx, parent.PhoneNumberArn),
  },
};

/** `node(id)` for phone numbers: the global ID's one key is the PhoneNumberId. */
export const phoneNumberNodeFetchers: NodeFetchers = {
  PhoneNumber: (keys, ctx) => ctx.smsVoice.phoneNumber.load(globalIdKeys(keys, 'PhoneNumber', 1)[0]),
};

/** Module-private: the upstream ID of a phone number (older items may carry only the ARN). */
function phoneNumberIdOf(parent: PhoneNumberModel): string {
  return parent.PhoneNumberId ?? required(parent.PhoneNumberArn, 'PhoneNumberId or PhoneNumberArn');
}

/**
 * Module-private: the pool of a number. An UpdatePhoneNumber result omits PoolId, so such a value
 * reads the number again (one DescribePhoneNumbers, batched with its siblings).
 */
async function poolIdOf(parent: PhoneNumberModel, ctx: GraphQLContext): Promise<string | undefined> {
  if (!parent.poolIdUnknown) return parent.PoolId;
  return (await ctx.smsVoice.phoneNumber.load(phoneNumberIdOf(parent))).PoolId;
}

/** Module-private: the SDK request of `requestPhoneNumber`. */
function requestPhoneNumberRequest(input: RequestPhoneNumberInput): RequestPhoneNumberRequest {
  return {
    IsoCountryCode: input.isoCountryCode,
    MessageType: input.messageType,
    NumberCapabilities: [...input.numberCapabilities],
    NumberType: input.numberType,
    OptOutListName: opt(input.optOutListName),
    PoolId: opt(input.poolId),
    RegistrationId: opt(input.registrationId),
    DeletionProtectionEnabled: opt(input.deletionProtectionEnabled),
    ClientToken: opt(input.clientToken),
  };
}

/** Module-private: the SDK request of `updatePhoneNumber`. */
function updatePhoneNumberRequest(input: UpdatePhoneNumberInput): UpdatePhoneNumberRequest {
  return {
    PhoneNumberId: input.phoneNumberId,
    OptOutListName: opt(input.optOutListName),
    TwoWayEnabled: opt(input.twoWayEnabled),
    TwoWayChannelArn: opt(input.twoWayChannelArn),
    TwoWayChannelRole: opt(input.twoWayChannelRole),
    SelfManagedOptOutsEnabled: opt(input.selfManagedOptOutsEnabled),
    InternationalSendingEnabled: opt(input.internationalSendingEnabled),
    DeletionProtectionEnabled: opt(input.deletionProtectionEnabled),
  };
}
