import type { Resolvers } from '../../__generated__/resolvers-types';
import type { GraphQLContext } from '../context';
import type { NodeFetchers } from '../node';
import { isPinpointNotFound } from '../../upstream/pinpoint/loaders';
import { appResolvers } from './app';
import { campaignResolvers } from './campaign';
import { endpointResolvers } from './endpoint';
import { eventResolvers } from './event';
import { kpiResolvers } from './kpi';
import { segmentResolvers } from './segment';
import { tagResolvers } from './tag';
import { userResolvers } from './user';

/**
 * The Pinpoint half of the graph: the resolver maps of the files beside this one (one per
 * schema/pinpoint/*.graphql), merged, and how `node(id)` fetches each Pinpoint Node type.
 */

/** Resolvers of every Pinpoint type (merged from the files beside this one). */
export const pinpointResolvers: Resolvers = {
  ...appResolvers,
  ...campaignResolvers,
  ...segmentResolvers,
  ...endpointResolvers,
  ...userResolvers,
  ...kpiResolvers,
  ...tagResolvers,
  // Only the roots are defined by more than one file; each file owns distinct fields of them.
  Query: { ...appResolvers.Query },
  Mutation: {
    ...appResolvers.Mutation,
    ...campaignResolvers.Mutation,
    ...segmentResolvers.Mutation,
    ...endpointResolvers.Mutation,
    ...userResolvers.Mutation,
    ...eventResolvers.Mutation,
    ...tagResolvers.Mutation,
  },
};

/**
 * How `node(id)` fetches each Pinpoint type from its global ID keys. Campaign and segment IDs
 * carry a third key when they name one saved version.
 */
export const pinpointNodeFetchers: NodeFetchers = {
  App: ([applicationId], ctx) => nullIfNotFound(ctx.pinpoint.app.load(applicationId)),
  Campaign: ([applicationId, campaignId, version], ctx) =>
    nullIfNotFound(
      version === undefined ? ctx.pinpoint.campaign.load({ applicationId, campaignId }) : withVersion(version, (v) => ctx.pinpoint.campaignVersion.load({ applicationId, campaignId, version: v })),
    ),
  Segment: ([applicationId, segmentId, version], ctx) =>
    nullIfNotFound(version === undefined ? ctx.pinpoint.segment.load({ applicationId, segmentId }) : withVersion(version, (v) => ctx.pinpoint.segmentVersion.load({ applicationId, segmentId, version: v }))),
  Endpoint: ([applicationId, endpointId], ctx) => nullIfNotFound(ctx.pinpoint.endpoint.load({ applicationId, endpointId })),
  User: ([applicationId, userId], ctx: GraphQLContext) =>
    nullIfNotFound(ctx.pinpoint.userEndpoints.load({ applicationId, userId })).then((endpoints) => (endpoints === null || endpoints.length === 0 ? null : { ApplicationId: applicationId, UserId: userId })),
};

/** Module-private: a missing object is null for `node`; every other failure still surfaces. */
async function nullIfNotFound<T>(load: Promise<T>): Promise<T | null> {
  try {
    return await load;
  } catch (error) {
    if (isPinpointNotFound(error)) return null;
    throw error;
  }
}

/** Module-private: a version key of a global ID is a positive integer; anything else names nothing. */
function withVersion<T>(version: string, load: (version: number) => Promise<T>): Promise<T | null> {
  return /^[1-9]\d*$/.test(version) ? load(Number(version)) : Promise.resolve(null);
}
