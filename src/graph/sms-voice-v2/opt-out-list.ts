import type { Resolvers } from '../../__generated__/resolvers-types';
import { toGlobalId } from '../ids';
import type { NodeFetchers } from '../node';
import { globalIdKeys, required, smsConnection, tagsOf } from './shared';

/** Resolvers of `OptOutList`, `OptedOutNumber`, `Query.optOutLists/optOutList` and the opt-out mutations. */
export const optOutListResolvers: Resolvers = {
  Query: {
    optOutLists: (_parent, args, ctx) => smsConnection(args, (size, token) => ctx.smsVoice.optOutListsPage(size, token)),
    optOutList: (_parent, args, ctx) => ctx.smsVoice.optOutList.load(args.name),
  },
  Mutation: {
    createOptOutList: async (_parent, { input }, ctx) => ({
      optOutList: await ctx.smsVoice.createOptOutList({ OptOutListName: input.name, ClientToken: input.clientToken ?? undefined }),
    }),
    deleteOptOutList: async (_parent, { input }, ctx) => ({ optOutList: await ctx.smsVoice.deleteOptOutList(input.name) }),
    putOptedOutNumber: (_parent, { input }, ctx) => ctx.smsVoice.putOptedOutNumber({ OptOutListName: input.optOutListName, OptedOutNumber: input.optedOutNumber }),
    deleteOptedOutNumber: (_parent, { input }, ctx) => ctx.smsVoice.deleteOptedOutNumber({ OptOutListName: input.optOutListName, OptedOutNumber: input.optedOutNumber }),
  },
  OptOutList: {
    id: (parent, _args, ctx) => toGlobalId('OptOutList', ctx.region, required(parent.OptOutListName, 'OptOutListName')),
    name: (parent) => required(parent.OptOutListName, 'OptOutListName'),
    arn: (parent) => required(parent.OptOutListArn, 'OptOutListArn'),
    createdTimestamp: (parent) => required(parent.CreatedTimestamp, 'CreatedTimestamp'),
    optedOutNumbers: (parent, args, ctx) =>
      smsConnection(args, (size, token) => ctx.smsVoice.optedOutNumbersPage(required(parent.OptOutListName, 'OptOutListName'), size, token)),
    optedOutNumber: (parent, args, ctx) => ctx.smsVoice.optedOutNumber.load({ optOutListName: required(parent.OptOutListName, 'OptOutListName'), number: args.phoneNumber }),
    phoneNumbers: (parent, args, ctx) =>
      smsConnection(args, (size, token) => ctx.smsVoice.optOutListPhoneNumbersPage(required(parent.OptOutListName, 'OptOutListName'), size, token)),
    pools: (parent, args, ctx) => smsConnection(args, (size, token) => ctx.smsVoice.optOutListPoolsPage(required(parent.OptOutListName, 'OptOutListName'), size, token)),
    tags: (parent, _args, ctx) => tagsOf(ctx, parent.OptOutListArn),
  },
  OptedOutNumber: {
    optedOutNumber: (parent) => required(parent.OptedOutNumber, 'OptedOutNumber'),
    optedOutTimestamp: (parent) => required(parent.OptedOutTimestamp, 'OptedOutTimestamp'),
    endUserOptedOut: (parent) => required(parent.EndUserOptedOut, 'EndUserOptedOut'),
  },
  OptedOutNumberPayload: {
    optOutList: (parent, _args, ctx) => ctx.smsVoice.optOutList.load(required(parent.OptOutListName, 'OptOutListName')),
    optedOutNumber: (parent) => ({ OptedOutNumber: parent.OptedOutNumber, OptedOutTimestamp: parent.OptedOutTimestamp, EndUserOptedOut: parent.EndUserOptedOut }),
  },
};

/** `node(id)` for opt-out lists: the global ID's one key is the list name. */
export const optOutListNodeFetchers: NodeFetchers = {
  OptOutList: (keys, ctx) => ctx.smsVoice.optOutList.load(globalIdKeys(keys, 'OptOutList', 1)[0]),
};
