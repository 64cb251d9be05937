import type { AppResolvers, EventStreamResolvers, MutationResolvers } from '../../__generated__/resolvers-types';
import type { EventStreamModel } from '../../upstream/pinpoint/models';
import { applicationIdOf } from './app';
import { present, upstreamFields } from './fields';

/** Resolvers of schema/pinpoint/event-stream.graphql: a project's event stream. */

/** Module-private: the App field this file's schema adds. */
const App: AppResolvers = {
  eventStream: (app, _args, ctx) => ctx.pinpoint.eventStream.load(applicationIdOf(app)),
};

/** Module-private. */
const Mutation: MutationResolvers = {
  putEventStream: async (_root, { input }, ctx) => ({
    eventStream: await ctx.pinpoint.putEventStream(input.applicationId, { DestinationStreamArn: input.destinationStreamArn, RoleArn: input.roleArn }),
  }),
  deleteEventStream: async (_root, { input }, ctx) => ({ eventStream: await ctx.pinpoint.deleteEventStream(input.applicationId) }),
};

/** Module-private. */
const EventStream: EventStreamResolvers = {
  ...upstreamFields<EventStreamModel>()({ lastModifiedDate: 'LastModifiedDate', lastUpdatedBy: 'LastUpdatedBy' }),
  applicationId: (stream) => present(stream.ApplicationId, 'EventStream.ApplicationId'),
  destinationStreamArn: (stream) => present(stream.DestinationStreamArn, 'EventStream.DestinationStreamArn'),
  roleArn: (stream) => present(stream.RoleArn, 'EventStream.RoleArn'),
  app: (stream, _args, ctx) => ctx.pinpoint.app.load(present(stream.ApplicationId, 'EventStream.ApplicationId')),
};

/** Resolvers of the event-stream type, the App field that reaches it and its mutations. */
export const eventStreamResolvers = { App, Mutation, EventStream };
