import type { Resolvers } from '../../__generated__/resolvers-types';
import type { GraphQLContext } from '../context';
import type { NodeFetchers, NodeReads } from '../node';
import { isPinpointNotFound } from '../../upstream/pinpoint/loaders';
import type { TemplateTypeModel } from '../../upstream/pinpoint/models';
import { appResolvers } from './app';
import { attributeResolvers } from './attribute';
import { campaignResolvers } from './campaign';
import { channelResolvers } from './channel';
import { endpointResolvers } from './endpoint';
import { eventResolvers } from './event';
import { eventStreamResolvers } from './event-stream';
import { inAppResolvers } from './in-app';
import { jobResolvers } from './job';
import { journeyResolvers } from './journey';
import { kpiResolvers } from './kpi';
import { messageResolvers } from './message';
import { phoneValidationResolvers } from './phone-validation';
import { recommenderResolvers } from './recommender';
import { segmentResolvers } from './segment';
import { tagResolvers } from './tag';
import { templateResolvers } from './template';
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
  ...journeyResolvers,
  ...templateResolvers,
  ...channelResolvers,
  ...eventStreamResolvers,
  ...jobResolvers,
  ...recommenderResolvers,
  ...phoneValidationResolvers,
  ...inAppResolvers,
  ...attributeResolvers,
  ...messageResolvers,
  // The roots, and the types other files extend (App, Segment, Endpoint), are defined by more
  // than one file; each file owns distinct fields of them.
  Query: { ...appResolvers.Query, ...templateResolvers.Query, ...recommenderResolvers.Query, ...phoneValidationResolvers.Query },
  App: { ...appResolvers.App, ...journeyResolvers.App, ...channelResolvers.App, ...eventStreamResolvers.App, ...jobResolvers.App },
  Segment: { ...segmentResolvers.Segment, ...jobResolvers.Segment },
  Endpoint: { ...endpointResolvers.Endpoint, ...inAppResolvers.Endpoint },
  Mutation: {
    ...appResolvers.Mutation,
    ...campaignResolvers.Mutation,
    ...segmentResolvers.Mutation,
    ...endpointResolvers.Mutation,
    ...userResolvers.Mutation,
    ...eventResolvers.Mutation,
    ...tagResolvers.Mutation,
    ...journeyResolvers.Mutation,
    ...templateResolvers.Mutation,
    ...channelResolvers.Mutation,
    ...eventStreamResolvers.Mutation,
    ...jobResolvers.Mutation,
    ...recommenderResolvers.Mutation,
    ...attributeResolvers.Mutation,
    ...messageResolvers.Mutation,
  },
};

/**
 * How `node(id)` fetches each Pinpoint type from its global ID keys. Campaign and segment IDs
 * carry a third key, and template IDs a second, when they name one saved version.
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
  Journey: ([applicationId, journeyId], ctx) => nullIfNotFound(ctx.pinpoint.journey.load({ applicationId, journeyId })),
  EmailTemplate: templateFetcher('EMAIL'),
  SmsTemplate: templateFetcher('SMS'),
  PushTemplate: templateFetcher('PUSH'),
  VoiceTemplate: templateFetcher('VOICE'),
  InAppTemplate: templateFetcher('INAPP'),
  ImportJob: ([applicationId, jobId], ctx) => nullIfNotFound(ctx.pinpoint.importJob.load({ applicationId, jobId })),
  ExportJob: ([applicationId, jobId], ctx) => nullIfNotFound(ctx.pinpoint.exportJob.load({ applicationId, jobId })),
  RecommenderConfiguration: ([recommenderId], ctx) => nullIfNotFound(ctx.pinpoint.recommenderConfiguration.load(recommenderId)),
};

/** What each fetcher above reads: a third campaign or segment key (a second template key) names a saved version. */
export const pinpointNodeReads: NodeReads = {
  App: () => 'GetApp',
  Campaign: (keys) => (keys.length > 2 ? 'GetCampaignVersion' : 'GetCampaign'),
  Segment: (keys) => (keys.length > 2 ? 'GetSegmentVersion' : 'GetSegment'),
  Endpoint: () => 'GetEndpoint',
  User: () => 'GetUserEndpoints',
  Journey: () => 'GetJourney',
  EmailTemplate: () => 'GetEmailTemplate',
  SmsTemplate: () => 'GetSmsTemplate',
  PushTemplate: () => 'GetPushTemplate',
  VoiceTemplate: () => 'GetVoiceTemplate',
  InAppTemplate: () => 'GetInAppTemplate',
  ImportJob: () => 'GetImportJob',
  ExportJob: () => 'GetExportJob',
  RecommenderConfiguration: () => 'GetRecommenderConfiguration',
};

/** Module-private: the fetcher of one template type (keys: name, then the version when pinned). */
function templateFetcher(templateType: TemplateTypeModel): NodeFetchers[string] {
  return ([templateName, version], ctx) => nullIfNotFound(ctx.pinpoint.template.load({ templateType, templateName, version }));
}

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
