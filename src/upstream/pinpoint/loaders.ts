import DataLoader from 'dataloader';
import {
  CreateAppCommand,
  CreateCampaignCommand,
  CreateSegmentCommand,
  DeleteAppCommand,
  DeleteCampaignCommand,
  DeleteEndpointCommand,
  DeleteSegmentCommand,
  DeleteUserEndpointsCommand,
  GetAppCommand,
  GetApplicationDateRangeKpiCommand,
  GetApplicationSettingsCommand,
  GetAppsCommand,
  GetCampaignActivitiesCommand,
  GetCampaignCommand,
  GetCampaignDateRangeKpiCommand,
  GetCampaignsCommand,
  GetCampaignVersionCommand,
  GetCampaignVersionsCommand,
  GetEndpointCommand,
  GetJourneyDateRangeKpiCommand,
  GetSegmentCommand,
  GetSegmentsCommand,
  GetSegmentVersionCommand,
  GetSegmentVersionsCommand,
  GetUserEndpointsCommand,
  ListTagsForResourceCommand,
  PutEventsCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateApplicationSettingsCommand,
  UpdateCampaignCommand,
  UpdateEndpointCommand,
  UpdateEndpointsBatchCommand,
  UpdateSegmentCommand,
  type EndpointResponse,
  type PinpointClient,
  type ResultRow,
} from '@aws-sdk/client-pinpoint';
import { countedSend, type CallCounter } from '../callCounter';
import { dataLoaderModeOptions, type LoaderOptions } from '../loaderMode';
import { parsePinpointResourceArn, pinpointAppArn, pinpointArnScope } from './arns';
import { createChannelLoaders, type ChannelUpstream } from './channelLoaders';
import { createJobLoaders, type JobUpstream } from './jobLoaders';
import { createJourneyLoaders, type JourneyUpstream } from './journeyLoaders';
import { asError, cacheKey, fanOut, page, readAllPages, required, type AppPageKey, type Page, type PageKey, type PinpointSend } from './loaderKit';
import { createMessagingLoaders, type MessagingUpstream } from './messagingLoaders';
import { createRecommenderLoaders, type RecommenderUpstream } from './recommenderLoaders';
import { createTemplateLoaders, type TemplateUpstream } from './templateLoaders';
import type {
  AppModel,
  ApplicationSettingsModel,
  CampaignActivityModel,
  CampaignModel,
  CreateAppRequestModel,
  EndpointBatchItemRequestModel,
  EndpointModel,
  EndpointRequestModel,
  EndpointWriteModel,
  EventsRequestModel,
  EventsResponseModel,
  KpiResultModel,
  SegmentModel,
  WriteApplicationSettingsRequestModel,
  WriteCampaignRequestModel,
  WriteSegmentRequestModel,
} from './models';

/**
 * Per-request Amazon Pinpoint loaders and write calls: the only place the Pinpoint half of the
 * graph reaches upstream, and where the call count of every query is decided.
 *
 * - Pinpoint has no batch read, so by-ID loaders fan out one Get per distinct key, in parallel.
 *   Keys are composite (application ID + campaign ID, ...) and go through `cacheKeyFn`.
 * - Every batch function keeps the order and length of its keys and settles a failing key with
 *   its own `Error` (the SDK exception, which `server/errors.ts` maps), never throwing for one key.
 * - List loaders are keyed by (parent, page size, token) and prime the by-ID loaders with the
 *   whole objects they return, so a list followed by lookups of the same objects costs nothing.
 * - Writes clear or prime the entries they change, so a mutation's payload reads fresh values.
 * - Every command goes through `countedSend`, counted in the request's `CallCounter`.
 */

/**
 * How many distinct segments of one project a batch of versioned segment lookups needs before
 * reading the project's segment list (usually one GetSegments call, which holds every segment's
 * latest version) beats one GetSegmentVersion per segment. At 2 the list wins whenever both are
 * at their latest version and ties when one is not.
 */
export const SEGMENT_LIST_INDEX_MIN = 2;

// The shared page types and helpers live in loaderKit.ts; the graph keeps importing them from here.
export { isPinpointNotFound, PINPOINT_PAGE_SIZE, type AppPageKey, type Page, type PageKey } from './loaderKit';

/** A campaign. */
export interface CampaignKey {
  readonly applicationId: string;
  readonly campaignId: string;
}

/** Which page of a campaign's versions or activities. */
export interface CampaignPageKey extends CampaignKey, PageKey {}

/** One saved version of a campaign. */
export interface CampaignVersionKey extends CampaignKey {
  readonly version: number;
}

/** A segment. */
export interface SegmentKey {
  readonly applicationId: string;
  readonly segmentId: string;
}

/** Which page of a segment's versions. */
export interface SegmentPageKey extends SegmentKey, PageKey {}

/** One saved version of a segment. */
export interface SegmentVersionKey extends SegmentKey {
  readonly version: number;
}

/** An endpoint. */
export interface EndpointKey {
  readonly applicationId: string;
  readonly endpointId: string;
}

/** A user (the endpoints sharing a user ID). */
export interface UserKey {
  readonly applicationId: string;
  readonly userId: string;
}

/** One date-range KPI of a project, or of a campaign when `campaignId` is set, or of a journey when `journeyId` is. */
export interface KpiKey {
  readonly applicationId: string;
  readonly campaignId?: string;
  readonly journeyId?: string;
  /** Upstream kebab-case name (`successful-delivery-rate`). */
  readonly kpiName: string;
  readonly startTime: Date;
  readonly endTime: Date;
}

/**
 * Per-request loaders and write calls for Amazon Pinpoint: the core resources here, the others
 * from the loader module of their area (journeys, templates, channels, jobs, recommenders, messaging).
 */
export interface PinpointUpstream extends JourneyUpstream, TemplateUpstream, ChannelUpstream, JobUpstream, RecommenderUpstream, MessagingUpstream {
  /** GetApps pages; primes `app`. */
  readonly apps: DataLoader<PageKey, Page<AppModel>, string>;
  /** GetApp by application ID. */
  readonly app: DataLoader<string, AppModel>;
  /**
   * A project's ARN: built from the account scope once this process has read any project ARN
   * through the same client (no call), else read with GetApp (through `app`). The account of a
   * client never changes (its credentials belong to one account), so the scope learnt once holds.
   */
  applicationArn(applicationId: string): Promise<string>;
  /** GetApplicationSettings by application ID. */
  readonly applicationSettings: DataLoader<string, ApplicationSettingsModel>;
  /** GetCampaigns pages; primes `campaign`. */
  readonly campaigns: DataLoader<AppPageKey, Page<CampaignModel>, string>;
  /** Every campaign of a project (every GetCampaigns page, through `campaigns`). */
  readonly allCampaigns: DataLoader<string, readonly CampaignModel[]>;
  /** GetCampaign: a campaign's latest version. */
  readonly campaign: DataLoader<CampaignKey, CampaignModel, string>;
  /** GetCampaignVersions pages (values pinned to their versions); primes `campaignVersion`. */
  readonly campaignVersions: DataLoader<CampaignPageKey, Page<CampaignModel>, string>;
  /** GetCampaignVersion: one saved version (pinned). */
  readonly campaignVersion: DataLoader<CampaignVersionKey, CampaignModel, string>;
  /** GetCampaignActivities pages. */
  readonly campaignActivities: DataLoader<CampaignPageKey, Page<CampaignActivityModel>, string>;
  /** GetSegments pages; primes `segment` and `segmentVersion`. */
  readonly segments: DataLoader<AppPageKey, Page<SegmentModel>, string>;
  /** Every segment of a project (every GetSegments page, through `segments`). */
  readonly allSegments: DataLoader<string, readonly SegmentModel[]>;
  /** GetSegment: a segment's latest version; primes `segmentVersion`. */
  readonly segment: DataLoader<SegmentKey, SegmentModel, string>;
  /** GetSegmentVersions pages (values pinned); primes `segmentVersion`. */
  readonly segmentVersions: DataLoader<SegmentPageKey, Page<SegmentModel>, string>;
  /**
   * One saved version of a segment (pinned): GetSegmentVersion, or free when the project's
   * segment list shows it as the latest version (read once per project when a batch asks for
   * at least {@link SEGMENT_LIST_INDEX_MIN} of its segments).
   */
  readonly segmentVersion: DataLoader<SegmentVersionKey, SegmentModel, string>;
  /** GetEndpoint. */
  readonly endpoint: DataLoader<EndpointKey, EndpointModel, string>;
  /** GetUserEndpoints; primes `endpoint`. */
  readonly userEndpoints: DataLoader<UserKey, readonly EndpointModel[], string>;
  /** GetApplicationDateRangeKpi / GetCampaignDateRangeKpi / GetJourneyDateRangeKpi, every page merged. */
  readonly kpi: DataLoader<KpiKey, KpiResultModel, string>;
  /** ListTagsForResource by resource ARN. */
  readonly tags: DataLoader<string, Readonly<Record<string, string>>>;

  /** CreateApp. */
  createApp(request: CreateAppRequestModel): Promise<AppModel>;
  /** DeleteApp; resolves the deleted project. */
  deleteApp(applicationId: string): Promise<AppModel>;
  /** UpdateApplicationSettings. */
  updateApplicationSettings(applicationId: string, request: WriteApplicationSettingsRequestModel): Promise<ApplicationSettingsModel>;
  /** CreateCampaign. */
  createCampaign(applicationId: string, request: WriteCampaignRequestModel): Promise<CampaignModel>;
  /** UpdateCampaign; resolves the new latest version. */
  updateCampaign(key: CampaignKey, request: WriteCampaignRequestModel): Promise<CampaignModel>;
  /** DeleteCampaign; resolves the deleted campaign. */
  deleteCampaign(key: CampaignKey): Promise<CampaignModel>;
  /** CreateSegment. */
  createSegment(applicationId: string, request: WriteSegmentRequestModel): Promise<SegmentModel>;
  /** UpdateSegment; resolves the new latest version. */
  updateSegment(key: SegmentKey, request: WriteSegmentRequestModel): Promise<SegmentModel>;
  /** DeleteSegment; resolves the deleted segment. */
  deleteSegment(key: SegmentKey): Promise<SegmentModel>;
  /** UpdateEndpoint (accepted upstream, applied asynchronously). */
  updateEndpoint(key: EndpointKey, request: EndpointRequestModel): Promise<EndpointWriteModel>;
  /** UpdateEndpointsBatch (one call for up to 100 items). */
  updateEndpointsBatch(applicationId: string, items: readonly EndpointBatchItemRequestModel[]): Promise<EndpointWriteModel>;
  /** DeleteEndpoint; resolves the deleted endpoint. */
  deleteEndpoint(key: EndpointKey): Promise<EndpointModel>;
  /** DeleteUserEndpoints; resolves the deleted endpoints. */
  deleteUserEndpoints(key: UserKey): Promise<readonly EndpointModel[]>;
  /** PutEvents; resolves the per-endpoint, per-event results. */
  putEvents(applicationId: string, request: EventsRequestModel): Promise<EventsResponseModel>;
  /** TagResource. */
  tagResource(resourceArn: string, tags: Readonly<Record<string, string>>): Promise<void>;
  /** UntagResource. */
  untagResource(resourceArn: string, tagKeys: readonly string[]): Promise<void>;
}

/**
 * Builds the per-request Pinpoint loaders over the shared client; every command is counted in `calls`.
 * `options.mode` `naive` (the benchmark's baseline) turns batching and per-request caching off.
 */
export function createPinpointLoaders(client: PinpointClient, calls: CallCounter, options?: LoaderOptions): PinpointUpstream {
  const send: PinpointSend = (command) => countedSend(client, command, calls);
  const mode = dataLoaderModeOptions(options);

  /** Remembers the account scope of the first project ARN this process reads through `client`. */
  function learnScope(found: AppModel): AppModel {
    if (found.Arn !== undefined && !ACCOUNT_SCOPES.has(client)) {
      const scope = pinpointArnScope(found.Arn);
      if (scope !== undefined) ACCOUNT_SCOPES.set(client, scope);
    }
    return found;
  }

  const app = new DataLoader<string, AppModel>(
    fanOut(async (applicationId) => learnScope(required((await send(new GetAppCommand({ ApplicationId: applicationId }))).ApplicationResponse, 'GetApp'))),
    mode,
  );

  const apps = new DataLoader<PageKey, Page<AppModel>, string>(
    fanOut(async (key) => {
      const out = required((await send(new GetAppsCommand({ PageSize: String(key.pageSize), Token: key.token }))).ApplicationsResponse, 'GetApps');
      const items = out.Item ?? [];
      for (const item of items) if (item.Id !== undefined) app.prime(item.Id, learnScope(item));
      return page(items, out.NextToken);
    }),
    { ...mode, cacheKeyFn: (key) => cacheKey(key.pageSize, key.token) },
  );

  const applicationSettings = new DataLoader<string, ApplicationSettingsModel>(
    fanOut(async (applicationId) => required((await send(new GetApplicationSettingsCommand({ ApplicationId: applicationId }))).ApplicationSettingsResource, 'GetApplicationSettings')), mode,
  );

  const campaignVersion = new DataLoader<CampaignVersionKey, CampaignModel, string>(
    fanOut(async (key) => {
      const out = await send(new GetCampaignVersionCommand({ ApplicationId: key.applicationId, CampaignId: key.campaignId, Version: String(key.version) }));
      return pinned(required(out.CampaignResponse, 'GetCampaignVersion'));
    }),
    { ...mode, cacheKeyFn: (key) => cacheKey(key.applicationId, key.campaignId, key.version) },
  );

  const campaign = new DataLoader<CampaignKey, CampaignModel, string>(
    fanOut(async (key) => {
      const found = required((await send(new GetCampaignCommand({ ApplicationId: key.applicationId, CampaignId: key.campaignId }))).CampaignResponse, 'GetCampaign');
      primeLatestCampaign(found, false);
      return found;
    }),
    { ...mode, cacheKeyFn: (key) => cacheKey(key.applicationId, key.campaignId) },
  );

  /** Module-private: a campaign's latest version was read; its by-ID and by-version entries need no call. */
  function primeLatestCampaign(found: CampaignModel, byId: boolean): void {
    if (found.ApplicationId === undefined || found.Id === undefined) return;
    if (byId) campaign.prime({ applicationId: found.ApplicationId, campaignId: found.Id }, found);
    if (found.Version !== undefined) campaignVersion.prime({ applicationId: found.ApplicationId, campaignId: found.Id, version: found.Version }, pinned(found));
  }

  const campaigns = new DataLoader<AppPageKey, Page<CampaignModel>, string>(
    fanOut(async (key) => {
      const out = required((await send(new GetCampaignsCommand({ ApplicationId: key.applicationId, PageSize: String(key.pageSize), Token: key.token }))).CampaignsResponse, 'GetCampaigns');
      const items = out.Item ?? [];
      for (const item of items) primeLatestCampaign(item, true);
      return page(items, out.NextToken);
    }),
    { ...mode, cacheKeyFn: (key) => cacheKey(key.applicationId, key.pageSize, key.token) },
  );

  const allCampaigns = new DataLoader<string, readonly CampaignModel[]>(fanOut((applicationId) => readAllPages((pageSize, token) => campaigns.load({ applicationId, pageSize, token }))), mode);

  const campaignVersions = new DataLoader<CampaignPageKey, Page<CampaignModel>, string>(
    fanOut(async (key) => {
      const out = await send(new GetCampaignVersionsCommand({ ApplicationId: key.applicationId, CampaignId: key.campaignId, PageSize: String(key.pageSize), Token: key.token }));
      const list = required(out.CampaignsResponse, 'GetCampaignVersions');
      const items = (list.Item ?? []).map(pinned);
      for (const item of items) {
        if (item.pinnedVersion !== undefined) campaignVersion.prime({ applicationId: key.applicationId, campaignId: key.campaignId, version: item.pinnedVersion }, item);
      }
      return page(items, list.NextToken);
    }),
    { ...mode, cacheKeyFn: (key) => cacheKey(key.applicationId, key.campaignId, key.pageSize, key.token) },
  );

  const campaignActivities = new DataLoader<CampaignPageKey, Page<CampaignActivityModel>, string>(
    fanOut(async (key) => {
      const out = await send(new GetCampaignActivitiesCommand({ ApplicationId: key.applicationId, CampaignId: key.campaignId, PageSize: String(key.pageSize), Token: key.token }));
      const list = required(out.ActivitiesResponse, 'GetCampaignActivities');
      return page(list.Item ?? [], list.NextToken);
    }),
    { ...mode, cacheKeyFn: (key) => cacheKey(key.applicationId, key.campaignId, key.pageSize, key.token) },
  );

  const segmentVersionCacheKey = (key: SegmentVersionKey) => cacheKey(key.applicationId, key.segmentId, key.version);

  const getSegmentVersion = async (key: SegmentVersionKey): Promise<SegmentModel> => {
    const out = await send(new GetSegmentVersionCommand({ ApplicationId: key.applicationId, SegmentId: key.segmentId, Version: String(key.version) }));
    return pinned(required(out.SegmentResponse, 'GetSegmentVersion'));
  };

  // Declared before `segments` primes it; the batch function reads `allSegments` only when called.
  const segmentVersion: DataLoader<SegmentVersionKey, SegmentModel, string> = new DataLoader<SegmentVersionKey, SegmentModel, string>(
    async (keys) => {
      const latestByApp = new Map<string, Promise<ReadonlyMap<string, SegmentModel> | undefined>>();
      for (const [applicationId, segmentIds] of distinctSegmentsByApp(keys)) {
        if (segmentIds.size < SEGMENT_LIST_INDEX_MIN) continue;
        // A failing list only means falling back to one GetSegmentVersion per key, which reports its own error.
        latestByApp.set(applicationId, allSegments.load(applicationId).then((list) => new Map(list.map((item) => [item.Id ?? '', item])), () => undefined));
      }
      return Promise.all(
        keys.map(async (key) => {
          const latest = (await latestByApp.get(key.applicationId))?.get(key.segmentId);
          if (latest !== undefined && latest.Version === key.version) return pinned(latest);
          return getSegmentVersion(key).catch(asError);
        }),
      );
    },
    { ...mode, cacheKeyFn: segmentVersionCacheKey },
  );

  /** Module-private: a segment's latest version was read; its by-ID and by-version entries need no call. */
  function primeLatestSegment(found: SegmentModel, byId: boolean): void {
    if (found.ApplicationId === undefined || found.Id === undefined) return;
    if (byId) segment.prime({ applicationId: found.ApplicationId, segmentId: found.Id }, found);
    if (found.Version !== undefined) segmentVersion.prime({ applicationId: found.ApplicationId, segmentId: found.Id, version: found.Version }, pinned(found));
  }

  const segment: DataLoader<SegmentKey, SegmentModel, string> = new DataLoader<SegmentKey, SegmentModel, string>(
    fanOut(async (key) => {
      const found = required((await send(new GetSegmentCommand({ ApplicationId: key.applicationId, SegmentId: key.segmentId }))).SegmentResponse, 'GetSegment');
      primeLatestSegment(found, false);
      return found;
    }),
    { ...mode, cacheKeyFn: (key) => cacheKey(key.applicationId, key.segmentId) },
  );

  const segments = new DataLoader<AppPageKey, Page<SegmentModel>, string>(
    fanOut(async (key) => {
      const out = required((await send(new GetSegmentsCommand({ ApplicationId: key.applicationId, PageSize: String(key.pageSize), Token: key.token }))).SegmentsResponse, 'GetSegments');
      const items = out.Item ?? [];
      for (const item of items) primeLatestSegment(item, true);
      return page(items, out.NextToken);
    }),
    { ...mode, cacheKeyFn: (key) => cacheKey(key.applicationId, key.pageSize, key.token) },
  );

  const allSegments = new DataLoader<string, readonly SegmentModel[]>(fanOut((applicationId) => readAllPages((pageSize, token) => segments.load({ applicationId, pageSize, token }))), mode);

  const segmentVersions = new DataLoader<SegmentPageKey, Page<SegmentModel>, string>(
    fanOut(async (key) => {
      const out = await send(new GetSegmentVersionsCommand({ ApplicationId: key.applicationId, SegmentId: key.segmentId, PageSize: String(key.pageSize), Token: key.token }));
      const list = required(out.SegmentsResponse, 'GetSegmentVersions');
      const items = (list.Item ?? []).map(pinned);
      for (const item of items) {
        if (item.pinnedVersion !== undefined) segmentVersion.prime({ applicationId: key.applicationId, segmentId: key.segmentId, version: item.pinnedVersion }, item);
      }
      return page(items, list.NextToken);
    }),
    { ...mode, cacheKeyFn: (key) => cacheKey(key.applicationId, key.segmentId, key.pageSize, key.token) },
  );

  const endpoint = new DataLoader<EndpointKey, EndpointModel, string>(
    fanOut(async (key) => endpointModel(key.applicationId, key.endpointId, required((await send(new GetEndpointCommand({ ApplicationId: key.applicationId, EndpointId: key.endpointId }))).EndpointResponse, 'GetEndpoint'))),
    { ...mode, cacheKeyFn: endpointCacheKey },
  );

  /** Module-private: endpoints read whole from a user's list need no GetEndpoint. */
  const primeEndpoints = (items: readonly EndpointModel[]) => {
    for (const item of items) endpoint.prime({ applicationId: item.ApplicationId, endpointId: item.Id }, item);
  };

  const userEndpoints = new DataLoader<UserKey, readonly EndpointModel[], string>(
    fanOut(async (key) => {
      const out = required((await send(new GetUserEndpointsCommand({ ApplicationId: key.applicationId, UserId: key.userId }))).EndpointsResponse, 'GetUserEndpoints');
      const items = endpointModels(key.applicationId, out.Item ?? []);
      primeEndpoints(items);
      return items;
    }),
    { ...mode, cacheKeyFn: (key) => cacheKey(key.applicationId, key.userId) },
  );

  /** Module-private: one page of a project's, campaign's or journey's date-range KPI. */
  const kpiPage = async (range: { ApplicationId: string; KpiName: string; StartTime: Date; EndTime: Date; NextToken?: string }, key: KpiKey) => {
    if (key.campaignId !== undefined) return required((await send(new GetCampaignDateRangeKpiCommand({ ...range, CampaignId: key.campaignId }))).CampaignDateRangeKpiResponse, 'GetCampaignDateRangeKpi');
    if (key.journeyId !== undefined) return required((await send(new GetJourneyDateRangeKpiCommand({ ...range, JourneyId: key.journeyId }))).JourneyDateRangeKpiResponse, 'GetJourneyDateRangeKpi');
    return required((await send(new GetApplicationDateRangeKpiCommand(range))).ApplicationDateRangeKpiResponse, 'GetApplicationDateRangeKpi');
  };

  const kpi = new DataLoader<KpiKey, KpiResultModel, string>(
    fanOut(async (key) => {
      const rows: ResultRow[] = [];
      let nextToken: string | undefined;
      // Upstream says KPI results come in one page; the loop still follows any NextToken it sends,
      // refusing a token it has already seen so a misbehaving upstream cannot loop us forever.
      const seen = new Set<string>();
      do {
        const range = { ApplicationId: key.applicationId, KpiName: key.kpiName, StartTime: key.startTime, EndTime: key.endTime, NextToken: nextToken };
        const out = await kpiPage(range, key);
        rows.push(...(out.KpiResult?.Rows ?? []));
        nextToken = out.NextToken || undefined;
        if (nextToken !== undefined && seen.has(nextToken)) throw new Error(`Upstream repeated KPI page token ${JSON.stringify(nextToken)} for ${key.kpiName}; refusing to loop.`);
        if (nextToken !== undefined) seen.add(nextToken);
      } while (nextToken !== undefined);
      return { KpiName: key.kpiName, StartTime: key.startTime.toISOString(), EndTime: key.endTime.toISOString(), Rows: rows };
    }),
    { ...mode, cacheKeyFn: (key) => cacheKey(key.applicationId, key.campaignId, key.journeyId, key.kpiName, key.startTime.toISOString(), key.endTime.toISOString()) },
  );

  const tags = new DataLoader<string, Readonly<Record<string, string>>>(
    fanOut(async (resourceArn) => required((await send(new ListTagsForResourceCommand({ ResourceArn: resourceArn }))).TagsModel, 'ListTagsForResource').tags ?? {}), mode,
  );

  /** Module-private: forget everything read about the resource an ARN names (its embedded tags changed). */
  function forgetTaggedResource(resourceArn: string): void {
    tags.clear(resourceArn);
    const resource = parsePinpointResourceArn(resourceArn);
    if (resource === undefined) return;
    switch (resource.kind) {
      case 'app':
        app.clear(resource.applicationId);
        apps.clearAll();
        return;
      case 'campaign':
        forgetCampaign(resource);
        return;
      case 'segment':
        forgetSegment(resource);
        return;
      default:
        throw new Error(`Unhandled ARN resource kind: ${JSON.stringify(resource satisfies never)}`);
    }
  }

  /** Module-private: a campaign changed; its lists and by-ID entries are stale (versions stay valid). */
  function forgetCampaign(key: CampaignKey): void {
    campaign.clear(key);
    campaigns.clearAll();
    allCampaigns.clear(key.applicationId);
    campaignVersions.clearAll();
  }

  /** Module-private: a segment changed; its lists and by-ID entries are stale (versions stay valid). */
  function forgetSegment(key: SegmentKey): void {
    segment.clear(key);
    segments.clearAll();
    allSegments.clear(key.applicationId);
    segmentVersions.clearAll();
  }

  /** Module-private: endpoints changed; their by-ID entries and every user list are stale. */
  function forgetEndpoints(applicationId: string, endpointIds: Iterable<string>): void {
    for (const endpointId of endpointIds) endpoint.clear({ applicationId, endpointId });
    userEndpoints.clearAll();
  }

  const core = {
    apps,
    app,
    applicationArn(applicationId) {
      const scope = ACCOUNT_SCOPES.get(client);
      if (scope !== undefined) return Promise.resolve(pinpointAppArn(scope, applicationId));
      return app.load(applicationId).then((found) => required(found.Arn, 'GetApp'));
    },
    applicationSettings,
    campaigns,
    allCampaigns,
    campaign,
    campaignVersions,
    campaignVersion,
    campaignActivities,
    segments,
    allSegments,
    segment,
    segmentVersions,
    segmentVersion,
    endpoint,
    userEndpoints,
    kpi,
    tags,

    async createApp(request) {
      const created = required((await send(new CreateAppCommand({ CreateApplicationRequest: request }))).ApplicationResponse, 'CreateApp');
      apps.clearAll();
      if (created.Id !== undefined) app.clear(created.Id).prime(created.Id, created);
      return created;
    },

    async deleteApp(applicationId) {
      const deleted = required((await send(new DeleteAppCommand({ ApplicationId: applicationId }))).ApplicationResponse, 'DeleteApp');
      apps.clearAll();
      app.clear(applicationId);
      applicationSettings.clear(applicationId);
      return deleted;
    },

    async updateApplicationSettings(applicationId, request) {
      const out = await send(new UpdateApplicationSettingsCommand({ ApplicationId: applicationId, WriteApplicationSettingsRequest: request }));
      const settings = required(out.ApplicationSettingsResource, 'UpdateApplicationSettings');
      applicationSettings.clear(applicationId).prime(applicationId, settings);
      return settings;
    },

    async createCampaign(applicationId, request) {
      const created = required((await send(new CreateCampaignCommand({ ApplicationId: applicationId, WriteCampaignRequest: request }))).CampaignResponse, 'CreateCampaign');
      if (created.Id !== undefined) forgetCampaign({ applicationId, campaignId: created.Id });
      primeLatestCampaign(created, true);
      return created;
    },

    async updateCampaign(key, request) {
      const out = await send(new UpdateCampaignCommand({ ApplicationId: key.applicationId, CampaignId: key.campaignId, WriteCampaignRequest: request }));
      const updated = required(out.CampaignResponse, 'UpdateCampaign');
      forgetCampaign(key);
      primeLatestCampaign(updated, true);
      return updated;
    },

    async deleteCampaign(key) {
      const deleted = required((await send(new DeleteCampaignCommand({ ApplicationId: key.applicationId, CampaignId: key.campaignId }))).CampaignResponse, 'DeleteCampaign');
      forgetCampaign(key);
      return deleted;
    },

    async createSegment(applicationId, request) {
      const created = required((await send(new CreateSegmentCommand({ ApplicationId: applicationId, WriteSegmentRequest: request }))).SegmentResponse, 'CreateSegment');
      if (created.Id !== undefined) forgetSegment({ applicationId, segmentId: created.Id });
      primeLatestSegment(created, true);
      return created;
    },

    async updateSegment(key, request) {
      const out = await send(new UpdateSegmentCommand({ ApplicationId: key.applicationId, SegmentId: key.segmentId, WriteSegmentRequest: request }));
      const updated = required(out.SegmentResponse, 'UpdateSegment');
      forgetSegment(key);
      primeLatestSegment(updated, true);
      return updated;
    },

    async deleteSegment(key) {
      const deleted = required((await send(new DeleteSegmentCommand({ ApplicationId: key.applicationId, SegmentId: key.segmentId }))).SegmentResponse, 'DeleteSegment');
      forgetSegment(key);
      return deleted;
    },

    async updateEndpoint(key, request) {
      const out = await send(new UpdateEndpointCommand({ ApplicationId: key.applicationId, EndpointId: key.endpointId, EndpointRequest: request }));
      forgetEndpoints(key.applicationId, [key.endpointId]);
      return { ...required(out.MessageBody, 'UpdateEndpoint'), ApplicationId: key.applicationId, EndpointIds: [key.endpointId] };
    },

    async updateEndpointsBatch(applicationId, items) {
      const out = await send(new UpdateEndpointsBatchCommand({ ApplicationId: applicationId, EndpointBatchRequest: { Item: [...items] } }));
      const endpointIds = items.map((item) => item.Id ?? '');
      forgetEndpoints(applicationId, endpointIds);
      return { ...required(out.MessageBody, 'UpdateEndpointsBatch'), ApplicationId: applicationId, EndpointIds: endpointIds };
    },

    async deleteEndpoint(key) {
      const out = await send(new DeleteEndpointCommand({ ApplicationId: key.applicationId, EndpointId: key.endpointId }));
      forgetEndpoints(key.applicationId, [key.endpointId]);
      return endpointModel(key.applicationId, key.endpointId, required(out.EndpointResponse, 'DeleteEndpoint'));
    },

    async deleteUserEndpoints(key) {
      const out = await send(new DeleteUserEndpointsCommand({ ApplicationId: key.applicationId, UserId: key.userId }));
      const deleted = endpointModels(key.applicationId, required(out.EndpointsResponse, 'DeleteUserEndpoints').Item ?? []);
      forgetEndpoints(
        key.applicationId,
        deleted.map((item) => item.Id),
      );
      return deleted;
    },

    async putEvents(applicationId, request) {
      const out = await send(new PutEventsCommand({ ApplicationId: applicationId, EventsRequest: request }));
      // PutEvents also updates the endpoints it names.
      forgetEndpoints(applicationId, Object.keys(request.BatchItem ?? {}));
      return required(out.EventsResponse, 'PutEvents');
    },

    async tagResource(resourceArn, tagsToSet) {
      await send(new TagResourceCommand({ ResourceArn: resourceArn, TagsModel: { tags: { ...tagsToSet } } }));
      forgetTaggedResource(resourceArn);
    },

    async untagResource(resourceArn, tagKeys) {
      await send(new UntagResourceCommand({ ResourceArn: resourceArn, TagKeys: [...tagKeys] }));
      forgetTaggedResource(resourceArn);
    },
  } satisfies Omit<PinpointUpstream, keyof AreaUpstreams>;

  // One Object.assign, not six object spreads: spreading ~80 properties into a literal costs about
  // 0.5 ms of CPU per request (it is built for every GraphQL request), Object.assign a few µs.
  return Object.assign(
    core,
    createJourneyLoaders(send, mode),
    createTemplateLoaders(send, mode),
    createChannelLoaders(send, mode),
    createJobLoaders(send, mode),
    createRecommenderLoaders(send, mode),
    createMessagingLoaders(send, mode),
  );
}

/** Module-private: the loaders and writes of the other Pinpoint areas, each built by its own module. */
type AreaUpstreams = JourneyUpstream & TemplateUpstream & ChannelUpstream & JobUpstream & RecommenderUpstream & MessagingUpstream;





/**
 * Module-private: the account scope (`arn:<partition>:mobiletargeting:<region>:<account>:`) of each
 * process-wide client, learnt from the first project ARN read through it. Keyed by client, not
 * global, because a process (tests, the benchmark) may hold clients of several accounts.
 */
const ACCOUNT_SCOPES = new WeakMap<PinpointClient, string>();

/** Module-private. */
function endpointCacheKey(key: EndpointKey): string {
  return cacheKey(key.applicationId, key.endpointId);
}


/** Module-private: a campaign or segment read at one saved version, tagged with that version. */
function pinned<T extends { readonly Version?: number }>(value: T): T & { readonly pinnedVersion?: number } {
  return { ...value, pinnedVersion: value.Version };
}

/** Module-private: an endpoint with the IDs the graph relies on, filled from the request when upstream leaves them out. */
function endpointModel(applicationId: string, endpointId: string, response: EndpointResponse): EndpointModel {
  return { ...response, ApplicationId: response.ApplicationId ?? applicationId, Id: response.Id ?? endpointId };
}

/** Module-private: a user's endpoints (each carries its own ID upstream). */
function endpointModels(applicationId: string, items: readonly EndpointResponse[]): EndpointModel[] {
  return items.map((item) => endpointModel(applicationId, item.Id ?? '', item));
}

/** Module-private: keys of a batch grouped by project, with each project's distinct segment IDs. */
function distinctSegmentsByApp(keys: readonly SegmentKey[]): Map<string, Set<string>> {
  const byApp = new Map<string, Set<string>>();
  for (const key of keys) {
    const ids = byApp.get(key.applicationId) ?? new Set<string>();
    ids.add(key.segmentId);
    byApp.set(key.applicationId, ids);
  }
  return byApp;
}

