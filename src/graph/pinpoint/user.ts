import type { MutationResolvers, UserResolvers } from '../../__generated__/resolvers-types';
import type { UserModel } from '../../upstream/pinpoint/models';
import { pinpointGlobalId, upstreamFields } from './fields';

/** Resolvers of schema/pinpoint/user.graphql: users as the endpoints sharing a user ID. */

/** Module-private. */
const Mutation: MutationResolvers = {
  deleteUserEndpoints: async (_root, { input }, ctx) => ({
    userId: input.userId,
    endpoints: [...(await ctx.pinpoint.deleteUserEndpoints({ applicationId: input.applicationId, userId: input.userId }))],
  }),
};

/** Module-private. */
const User: UserResolvers = {
  ...upstreamFields<UserModel>()({ userId: 'UserId', applicationId: 'ApplicationId' }),
  id: (user, _args, ctx) => pinpointGlobalId(ctx, 'User', user.ApplicationId, user.UserId),
  endpoints: async (user, _args, ctx) => [...(await ctx.pinpoint.userEndpoints.load({ applicationId: user.ApplicationId, userId: user.UserId }))],
  app: (user, _args, ctx) => ctx.pinpoint.app.load(user.ApplicationId),
};

/** Resolvers of the user type and its mutation. */
export const userResolvers = { Mutation, User };
