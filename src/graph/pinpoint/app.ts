import type {
  AppResolvers,
  ApplicationSettingsResolvers,
  JourneyLimitsResolvers,
  JourneyTimeframeCapResolvers,
  MutationResolvers,
  QueryResolvers,
  UpdateApplicationSettingsPayloadResolvers,
} from '../../__generated__/resolvers-types';
import { connectionFromUpstream } from '../connection';
import type { AppModel, ApplicationSettingsModel, JourneyLimitsModel, JourneyTimeframeCapModel } from '../../upstream/pinpoint/models';
import { PINPOINT_CONNECTION_LIMITS, pinpointGlobalId, present, tagList, upstreamFields } from './fields';
import { toCreateAppRequest, toWriteApplicationSettingsRequest } from './inputs';
import { assertKpiRangesIn, loadKpi } from './kpi';

/** Resolvers of schema/pinpoint/app.graphql: projects, their settings and every edge hanging off a project. */

/** The upstream application ID of a project model. */
export function applicationIdOf(app: AppModel): string {
  return present(app.Id, 'ApplicationResponse.Id');
}

/** Module-private. */
const Query: QueryResolvers = {
  // Both roots check the KPI ranges of their subtree first, so an invalid range costs no upstream call.
  apps: (_root, args, ctx, info) => {
    assertKpiRangesIn(info);
    return connectionFromUpstream(args, PINPOINT_CONNECTION_LIMITS, (pageSize, token) => ctx.pinpoint.apps.load({ pageSize, token }));
  },
  app: (_root, args, ctx, info) => {
    assertKpiRangesIn(info);
    return ctx.pinpoint.app.load(args.id);
  },
};

/** Module-private. */
const Mutation: MutationResolvers = {
  createApp: async (_root, { input }, ctx) => ({ app: await ctx.pinpoint.createApp(toCreateAppRequest(input)) }),
  deleteApp: async (_root, { input }, ctx) => ({ app: await ctx.pinpoint.deleteApp(input.applicationId) }),
  updateApplicationSettings: (_root, { input }, ctx) => ctx.pinpoint.updateApplicationSettings(input.applicationId, toWriteApplicationSettingsRequest(input)),
};

/** Module-private. */
const App: AppResolvers = {
  ...upstreamFields<AppModel>()({ applicationId: 'Id', name: 'Name', arn: 'Arn', creationDate: 'CreationDate' }),
  id: (app, _args, ctx) => pinpointGlobalId(ctx, 'App', applicationIdOf(app)),
  tags: (app) => tagList(app.tags),
  settings: (app, _args, ctx) => ctx.pinpoint.applicationSettings.load(applicationIdOf(app)),
  campaigns: (app, args, ctx) => connectionFromUpstream(args, PINPOINT_CONNECTION_LIMITS, (pageSize, token) => ctx.pinpoint.campaigns.load({ applicationId: applicationIdOf(app), pageSize, token })),
  campaign: (app, args, ctx) => ctx.pinpoint.campaign.load({ applicationId: applicationIdOf(app), campaignId: args.id }),
  segments: (app, args, ctx) => connectionFromUpstream(args, PINPOINT_CONNECTION_LIMITS, (pageSize, token) => ctx.pinpoint.segments.load({ applicationId: applicationIdOf(app), pageSize, token })),
  segment: (app, args, ctx) => ctx.pinpoint.segment.load({ applicationId: applicationIdOf(app), segmentId: args.id }),
  endpoint: (app, args, ctx) => ctx.pinpoint.endpoint.load({ applicationId: applicationIdOf(app), endpointId: args.id }),
  // Reading the user's endpoints proves the user exists (NOT_FOUND otherwise); `User.endpoints` reuses the same load.
  user: async (app, args, ctx) => {
    await ctx.pinpoint.userEndpoints.load({ applicationId: applicationIdOf(app), userId: args.id });
    return { ApplicationId: applicationIdOf(app), UserId: args.id };
  },
  kpi: (app, args, ctx) => loadKpi(ctx, { applicationId: applicationIdOf(app), resourceArn: present(app.Arn, 'ApplicationResponse.Arn') }, args),
};

/** Module-private. */
const ApplicationSettings: ApplicationSettingsResolvers = upstreamFields<ApplicationSettingsModel>()({
  applicationId: 'ApplicationId',
  lastModifiedDate: 'LastModifiedDate',
  campaignHook: 'CampaignHook',
  limits: 'Limits',
  quietTime: 'QuietTime',
  journeyLimits: 'JourneyLimits',
});

/** Module-private: the payload's model is the updated settings themselves. */
const UpdateApplicationSettingsPayload: UpdateApplicationSettingsPayloadResolvers = {
  settings: (settings) => settings,
  app: (settings, _args, ctx) => ctx.pinpoint.app.load(present(settings.ApplicationId, 'ApplicationSettingsResource.ApplicationId')),
};

/** Module-private. */
const JourneyLimits: JourneyLimitsResolvers = upstreamFields<JourneyLimitsModel>()({ dailyCap: 'DailyCap', totalCap: 'TotalCap', timeframeCap: 'TimeframeCap' });

/** Module-private. */
const JourneyTimeframeCap: JourneyTimeframeCapResolvers = upstreamFields<JourneyTimeframeCapModel>()({ cap: 'Cap', days: 'Days' });

/** Resolvers of the project types and their root fields. */
export const appResolvers = { Query, Mutation, App, ApplicationSettings, UpdateApplicationSettingsPayload, JourneyLimits, JourneyTimeframeCap };
