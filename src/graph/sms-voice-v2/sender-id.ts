import type { Resolvers } from '../../__generated__/resolvers-types';
import { toGlobalId } from '../ids';
import type { NodeFetchers } from '../node';
import { globalIdKeys, opt, required, sdkTags, smsConnection, tagsOf } from './shared';

/** Resolvers of `SenderId`, `Query.senderIds/senderId` and the sender-ID mutations. */
export const senderIdResolvers: Resolvers = {
  Query: {
    senderIds: (_parent, args, ctx) => smsConnection(args, (size, token) => ctx.smsVoice.senderIdsPage(size, token)),
    senderId: (_parent, args, ctx) => ctx.smsVoice.senderId.load({ senderId: args.senderId, isoCountryCode: args.isoCountryCode }),
  },
  Mutation: {
    requestSenderId: async (_parent, { input }, ctx) => ({
      senderId: await ctx.smsVoice.requestSenderId({
        SenderId: input.senderId,
        IsoCountryCode: input.isoCountryCode,
        MessageTypes: opt(input.messageTypes)?.slice(),
        DeletionProtectionEnabled: opt(input.deletionProtectionEnabled),
        Tags: sdkTags(input.tags),
        ClientToken: opt(input.clientToken),
      }),
    }),
    updateSenderId: async (_parent, { input }, ctx) => ({
      senderId: await ctx.smsVoice.updateSenderId({ SenderId: input.senderId, IsoCountryCode: input.isoCountryCode, DeletionProtectionEnabled: opt(input.deletionProtectionEnabled) }),
    }),
    releaseSenderId: async (_parent, { input }, ctx) => ({ senderId: await ctx.smsVoice.releaseSenderId({ senderId: input.senderId, isoCountryCode: input.isoCountryCode }) }),
  },
  SenderId: {
    // Sender IDs are unique per country, so the global ID carries both keys.
    id: (parent, _args, ctx) => toGlobalId('SenderId', ctx.region, required(parent.SenderId, 'SenderId'), required(parent.IsoCountryCode, 'IsoCountryCode')),
    senderId: (parent) => required(parent.SenderId, 'SenderId'),
    arn: (parent) => required(parent.SenderIdArn, 'SenderIdArn'),
    isoCountryCode: (parent) => required(parent.IsoCountryCode, 'IsoCountryCode'),
    messageTypes: (parent) => parent.MessageTypes ?? [],
    monthlyLeasingPrice: (parent) => required(parent.MonthlyLeasingPrice, 'MonthlyLeasingPrice'),
    deletionProtectionEnabled: (parent) => required(parent.DeletionProtectionEnabled, 'DeletionProtectionEnabled'),
    registered: (parent) => required(parent.Registered, 'Registered'),
    registrationId: (parent) => parent.RegistrationId ?? null,
    registration: (parent, _args, ctx) => (parent.RegistrationId ? ctx.smsVoice.registration.load(parent.RegistrationId) : null),
    tags: (parent, _args, ctx) => tagsOf(ctx, parent.SenderIdArn),
  },
};

/** `node(id)` for sender IDs: the global ID's keys are the SenderId and the IsoCountryCode. */
export const senderIdNodeFetchers: NodeFetchers = {
  SenderId: (keys, ctx) => {
    const [senderId, isoCountryCode] = globalIdKeys(keys, 'SenderId', 2);
    return ctx.smsVoice.senderId.load({ senderId, isoCountryCode });
  },
};
