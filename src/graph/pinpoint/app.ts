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
import type { GraphQLContext } from '../context';
import { answersByReference, selectedFieldNames, type ReferenceShape } from '../selection';
import type { AppModel, ApplicationSettingsModel, JourneyLimitsModel, JourneyTimeframeCapModel } from '../../upstream/pinpoint/models';
import { lazyUpstreamFields, PINPOINT_CONNECTION_LIMITS, pinpointGlobalId, present, tagList, upstreamFields } from './fields';
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
    // Edges that need only the application ID start at once, beside (not after) GetApp, when the
    // selection lets a missing project still come out as `app: null` (see `APP_SHAPE`).
    if (answersByReference(selectedFieldNames(info), APP_SHAPE)) return appReference(args.id);
    return ctx.pinpoint.app.load(args.id);
  },
};

/** Module-private: `App` fields that need only the application ID (or nothing at all). */
const ID_FIELDS: ReadonlySet<string> = new Set(['__typename', 'id', 'applicationId']);

/**
 * Module-private: non-null `App` fields that fail with NOT_FOUND when the project does not exist:
 * the GetApp-backed data (read on demand from a reference) and the edges whose own upstream call
 * names the project (GetCampaigns, GetSegments, GetApplicationSettings, a cold KPI). A non-null
 * field's error turns the nullable `app` into null, so a reference is never a ghost project.
 */
const WITNESS_FIELDS: ReadonlySet<string> = new Set(['name', 'arn', 'tags', 'campaigns', 'segments', 'settings', 'kpi']);

/** Module-private: `creationDate` is GetApp data too, but nullable: it may ride along, never witness. */
const DATA_FIELDS: ReadonlySet<string> = new Set(['name', 'arn', 'tags', 'creationDate']);

/**
 * Module-private: the edges that gain from not waiting for GetApp: every `App` edge whose resolver
 * reads only the application ID (here and in journey.ts, job.ts, channel.ts, event-stream.ts).
 * A new `App` field is left out until it is checked to be one: then it keeps the GetApp first.
 */
const ID_EDGES: ReadonlySet<string> = new Set([
  'settings',
  'campaigns',
  'campaign',
  'segments',
  'segment',
  'endpoint',
  'user',
  'kpi',
  'journeys',
  'journey',
  'importJobs',
  'importJob',
  'exportJobs',
  'exportJob',
  'channels',
  'admChannel',
  'apnsChannel',
  'apnsSandboxChannel',
  'apnsVoipChannel',
  'apnsVoipSandboxChannel',
  'baiduChannel',
  'emailChannel',
  'gcmChannel',
  'smsChannel',
  'voiceChannel',
  'eventStream',
]);

/**
 * How `Query.app` may answer with a reference (the request plan reads it too) (no wait for GetApp; see
 * `answersByReference`). Without a witness (e.g. `app(id) { applicationId campaign(id) { ... } }`)
 * GetApp comes first as before, so a missing project is NOT_FOUND at `app` and never a ghost
 * holding null edges. A warm `kpi` is a witness that does not fail: a project deleted since its KPI
 * was cached shows that KPI until the entry expires, as any cached read would. The price of not
 * waiting: on a missing project, the selected edges make their own (failing) calls beside GetApp.
 */
export const APP_SHAPE: ReferenceShape = { idFields: ID_FIELDS, dataFields: DATA_FIELDS, idEdges: ID_EDGES, witnesses: WITNESS_FIELDS, readFirstWithoutScope: new Set(['kpi']) };

/** Module-private: project references `Query.app` answered before GetApp; their data loads on demand. */
const REFERENCES = new WeakSet<AppModel>();

/** Module-private: a project known by its ID only. */
function appReference(applicationId: string): AppModel {
  // Not a whole model (no Name, no Arn): only reachable through the fields `answersByReference`
  // allows, each of which reads the ID or goes through `completeApp` / `applicationArn`.
  const reference = { Id: applicationId } as AppModel;
  REFERENCES.add(reference);
  return reference;
}

/** Module-private: the whole project model: the parent itself, or GetApp (through the loader) for a reference. */
function completeApp(app: AppModel, ctx: GraphQLContext): AppModel | Promise<AppModel> {
  return REFERENCES.has(app) ? ctx.pinpoint.app.load(applicationIdOf(app)) : app;
}

/** Module-private. */
const Mutation: MutationResolvers = {
  createApp: async (_root, { input }, ctx) => ({ app: await ctx.pinpoint.createApp(toCreateAppRequest(input)) }),
  deleteApp: async (_root, { input }, ctx) => ({ app: await ctx.pinpoint.deleteApp(input.applicationId) }),
  updateApplicationSettings: (_root, { input }, ctx) => ctx.pinpoint.updateApplicationSettings(input.applicationId, toWriteApplicationSettingsRequest(input)),
};

/** Module-private. */
const App: AppResolvers = {
  ...upstreamFields<AppModel>()({ applicationId: 'Id' }),
  ...lazyUpstreamFields<AppModel>(completeApp)({ name: 'Name', arn: 'Arn', creationDate: 'CreationDate' }),
  id: (app, _args, ctx) => pinpointGlobalId(ctx, 'App', applicationIdOf(app)),
  tags: async (app, _args, ctx) => tagList((await completeApp(app, ctx)).tags),
  settings: (app, _args, ctx) => ctx.pinpoint.applicationSettings.load(applicationIdOf(app)),
  campaigns: (app, args, ctx) => connectionFromUpstream(args, PINPOINT_CONNECTION_LIMITS, (pageSize, token) => ctx.pinpoint.campaignCollection.page(applicationIdOf(app), pageSize, token)),
  campaign: (app, args, ctx) => ctx.pinpoint.campaign.load({ applicationId: applicationIdOf(app), campaignId: args.id }),
  segments: (app, args, ctx) => connectionFromUpstream(args, PINPOINT_CONNECTION_LIMITS, (pageSize, token) => ctx.pinpoint.segmentCollection.page(applicationIdOf(app), pageSize, token)),
  segment: (app, args, ctx) => ctx.pinpoint.segment.load({ applicationId: applicationIdOf(app), segmentId: args.id }),
  endpoint: (app, args, ctx) => ctx.pinpoint.endpoint.load({ applicationId: applicationIdOf(app), endpointId: args.id }),
  // Reading the user's endpoints proves the user exists (NOT_FOUND otherwise); `User.endpoints` reuses the same load.
  user: async (app, args, ctx) => {
    await ctx.pinpoint.userEndpoints.load({ applicationId: applicationIdOf(app), userId: args.id });
    return { ApplicationId: applicationIdOf(app), UserId: args.id };
  },
  // A reference has no ARN yet: `applicationArn` builds it from the account scope (no call) once known.
  kpi: async (app, args, ctx, info) =>
    loadKpi(ctx, { applicationId: applicationIdOf(app), resourceArn: REFERENCES.has(app) ? await ctx.pinpoint.applicationArn(applicationIdOf(app)) : present(app.Arn, 'ApplicationResponse.Arn') }, args, info.path),
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
