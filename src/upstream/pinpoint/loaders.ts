import type DataLoader from 'dataloader';
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
import type { CollectionReader } from '../collectionReader';
import type { ReadPlanHolder } from '../readPlan';
import { dataLoaderModeOptions, type LoaderOptions } from '../loaderMode';
import { delegateMembers, type MemberNames } from '../lazyMembers';
import { parsePinpointResourceArn, pinpointAppArn, pinpointArnScope } from './arns';
import { createChannelLoaders, type ChannelUpstream } from './channelLoaders';
import { createJobLoaders, type JobUpstream } from './jobLoaders';
import { createJourneyLoaders, type JourneyUpstream } from './journeyLoaders';
import { asError, cacheKey, fanOut, listedOrRead, ObservedLoader, page, pinpointCollection, pinpointNotFound, required, sizedPages, type SizedPages, type AppPageKey, type LoaderModeOptions, type Page, type PageKey, type PinpointSend } from './loaderKit';
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
 * How many distinct segments of one project a batch of `segmentViaList` lookups (latest versions)
 * needs before reading the project's segment list (usually one GetSegments call, which holds every
 * segment's latest version) beats one GetSegment per segment: at 2 the list wins, with no round
 * added (a latest version is always on the list, and one absent from the whole list is absent).
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
  readonly apps: SizedPages<PageKey, AppModel>;
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
  /**
   * The request's reader of projects' campaign lists (by application ID): pages sized by the
   * request's plan and reused by every field that reads them (upstream/collectionReader.ts).
   */
  readonly campaignCollection: CollectionReader<CampaignModel>;
  /** Every campaign of a project (every GetCampaigns page, through `campaignCollection`). */
  readonly allCampaigns: DataLoader<string, readonly CampaignModel[]>;
  /** GetCampaign: a campaign's latest version. */
  readonly campaign: DataLoader<CampaignKey, CampaignModel, string>;
  /** GetCampaignVersions pages (values pinned to their versions); primes `campaignVersion`. */
  readonly campaignVersions: SizedPages<CampaignPageKey, CampaignModel>;
  /** GetCampaignVersion: one saved version (pinned). */
  readonly campaignVersion: DataLoader<CampaignVersionKey, CampaignModel, string>;
  /** GetCampaignActivities pages. */
  readonly campaignActivities: SizedPages<CampaignPageKey, CampaignActivityModel>;
  /** GetSegments pages; primes `segment` and `segmentVersion`. */
  readonly segments: DataLoader<AppPageKey, Page<SegmentModel>, string>;
  /** The request's reader of projects' segment lists (by application ID), as `campaignCollection`. */
  readonly segmentCollection: CollectionReader<SegmentModel>;
  /** Every segment of a project (every GetSegments page, through `segmentCollection`). */
  readonly allSegments: DataLoader<string, readonly SegmentModel[]>;
  /**
   * A segment's latest version; primes `segmentVersion`. Answered from the project's segment list
   * when this request holds it whole or is reading its only page for another field (absent:
   * NotFoundException, as GetSegment would answer); else GetSegment. It never reads the list
   * itself: a field whose policy check names GetSegment alone must not cost a GetSegments.
   */
  readonly segment: DataLoader<SegmentKey, SegmentModel, string>;
  /**
   * As `segment`, for fields annotated with GetSegments too (the caller is allowed both): reads
   * the project's segment list when a batch asks for {@link SEGMENT_LIST_INDEX_MIN} segments of one
   * project (one GetSegments page usually holds them all): a latest version is always on the list, so
   * no round is added (a versioned lookup, `segmentVersion`, never reads the list for itself).
   */
  readonly segmentViaList: DataLoader<SegmentKey, SegmentModel, string>;
  /** GetSegmentVersions pages (values pinned); primes `segmentVersion`. */
  readonly segmentVersions: SizedPages<SegmentPageKey, SegmentModel>;
  /**
   * One saved version of a segment (pinned): free when the project's segment list, held or being
   * read by this request for another field, shows it as the latest version; else
   * GetSegmentVersion (never the list read for it: see the batch function).
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
 * `options.mode` `naive` (the benchmark's baseline) turns batching and per-request caching off;
 * `options.observer` hears of every batch.
 * Nothing is built here: each loader is built when first read (see {@link PinpointLoaders}).
 */
export function createPinpointLoaders(client: PinpointClient, calls: CallCounter, options?: LoaderOptions): PinpointUpstream {
  // The area members are getters that `delegateMembers` defines on the prototype (the class's
  // static block), which the compiler cannot see; MemberNames makes each list complete.
  const batches = options?.observer ? { observer: options.observer, service: 'pinpoint' as const } : undefined;
  return new PinpointLoaders(client, calls, { ...dataLoaderModeOptions(options), batches }, options?.plan) as PinpointLoaders & AreaUpstreams;
}

/** Module-private: the loaders and writes of the other Pinpoint areas, each built by its own module. */
type AreaUpstreams = JourneyUpstream & TemplateUpstream & ChannelUpstream & JobUpstream & RecommenderUpstream & MessagingUpstream;

// Module-private: the members of each area, which PinpointLoaders reads from the area's object.
const JOURNEY_MEMBERS: MemberNames<JourneyUpstream> = {
  journeys: true, journey: true, journeyRuns: true, journeyExecutionMetrics: true, journeyActivityExecutionMetrics: true, journeyRunExecutionMetrics: true,
  journeyRunActivityExecutionMetrics: true, createJourney: true, updateJourney: true, updateJourneyState: true, deleteJourney: true,
};
const TEMPLATE_MEMBERS: MemberNames<TemplateUpstream> = {
  templates: true, template: true, templateVersions: true, templateVersionCollection: true, versionFromVersionList: true, createTemplate: true, updateTemplate: true, deleteTemplate: true, updateTemplateActiveVersion: true,
};
const CHANNEL_MEMBERS: MemberNames<ChannelUpstream> = {
  channels: true, channel: true, eventStream: true, updateChannel: true, deleteChannel: true, putEventStream: true, deleteEventStream: true,
};
const JOB_MEMBERS: MemberNames<JobUpstream> = {
  importJobs: true, segmentImportJobs: true, importJob: true, exportJobs: true, segmentExportJobs: true, exportJob: true, createImportJob: true, createExportJob: true,
};
const RECOMMENDER_MEMBERS: MemberNames<RecommenderUpstream> = {
  recommenderConfigurations: true, recommenderConfiguration: true, createRecommenderConfiguration: true, updateRecommenderConfiguration: true, deleteRecommenderConfiguration: true,
};
const MESSAGING_MEMBERS: MemberNames<MessagingUpstream> = {
  inAppMessages: true, phoneNumberValidation: true, sendMessages: true, sendUsersMessages: true, sendOtpMessage: true, verifyOtpMessage: true, removeAttributes: true,
};

/**
 * Module-private: one request's Pinpoint loaders. A request reads one or two of its ~40 loaders
 * (a warm KPI query: `kpi` alone), so each loader is built the first time it is read: a getter,
 * defined once on the prototype, builds it into its field. Building the object is then one
 * allocation, where building every DataLoader up front cost ~8% of a warm query's CPU. A loader
 * primes or clears another through that one's getter, so priming builds the loader it primes
 * and a later load finds the value. The other areas are built whole on first use of any of
 * their members (`delegateMembers`); their modules keep their loaders together. A class rather
 * than an object literal with getters: V8 defines a literal's accessors one by one every time it
 * is evaluated, which for ~60 of them cost more than building the loaders eagerly.
 */
class PinpointLoaders implements Omit<PinpointUpstream, keyof AreaUpstreams> {
  readonly #client: PinpointClient;
  readonly #send: PinpointSend;
  readonly #mode: LoaderModeOptions;
  readonly #plan: ReadPlanHolder | undefined;

  #campaignCollection?: CollectionReader<CampaignModel>;
  #segmentCollection?: CollectionReader<SegmentModel>;
  #app?: DataLoader<string, AppModel>;
  #apps?: SizedPages<PageKey, AppModel>;
  #applicationSettings?: DataLoader<string, ApplicationSettingsModel>;
  #campaigns?: DataLoader<AppPageKey, Page<CampaignModel>, string>;
  #allCampaigns?: DataLoader<string, readonly CampaignModel[]>;
  #campaign?: DataLoader<CampaignKey, CampaignModel, string>;
  #campaignVersions?: SizedPages<CampaignPageKey, CampaignModel>;
  #campaignVersion?: DataLoader<CampaignVersionKey, CampaignModel, string>;
  #campaignActivities?: SizedPages<CampaignPageKey, CampaignActivityModel>;
  #segments?: DataLoader<AppPageKey, Page<SegmentModel>, string>;
  #allSegments?: DataLoader<string, readonly SegmentModel[]>;
  #segment?: DataLoader<SegmentKey, SegmentModel, string>;
  #segmentViaList?: DataLoader<SegmentKey, SegmentModel, string>;
  #segmentVersions?: SizedPages<SegmentPageKey, SegmentModel>;
  #segmentVersion?: DataLoader<SegmentVersionKey, SegmentModel, string>;
  #endpoint?: DataLoader<EndpointKey, EndpointModel, string>;
  #userEndpoints?: DataLoader<UserKey, readonly EndpointModel[], string>;
  #kpi?: DataLoader<KpiKey, KpiResultModel, string>;
  #tags?: DataLoader<string, Readonly<Record<string, string>>>;

  #journeyArea?: JourneyUpstream;
  #templateArea?: TemplateUpstream;
  #channelArea?: ChannelUpstream;
  #jobArea?: JobUpstream;
  #recommenderArea?: RecommenderUpstream;
  #messagingArea?: MessagingUpstream;

  static {
    delegateMembers(this.prototype, JOURNEY_MEMBERS, (self) => (self.#journeyArea ??= createJourneyLoaders(self.#send, self.#mode, self.#plan)));
    delegateMembers(this.prototype, TEMPLATE_MEMBERS, (self) => (self.#templateArea ??= createTemplateLoaders(self.#send, self.#mode, self.#plan)));
    delegateMembers(this.prototype, CHANNEL_MEMBERS, (self) => (self.#channelArea ??= createChannelLoaders(self.#send, self.#mode)));
    delegateMembers(this.prototype, JOB_MEMBERS, (self) => (self.#jobArea ??= createJobLoaders(self.#send, self.#mode, self.#plan)));
    delegateMembers(this.prototype, RECOMMENDER_MEMBERS, (self) => (self.#recommenderArea ??= createRecommenderLoaders(self.#send, self.#mode, self.#plan)));
    delegateMembers(this.prototype, MESSAGING_MEMBERS, (self) => (self.#messagingArea ??= createMessagingLoaders(self.#send, self.#mode)));
  }

  constructor(client: PinpointClient, calls: CallCounter, mode: LoaderModeOptions, plan: ReadPlanHolder | undefined) {
    this.#client = client;
    this.#send = (command) => countedSend(client, command, calls);
    this.#mode = mode;
    this.#plan = plan;
  }

  get campaignCollection(): CollectionReader<CampaignModel> {
    return (this.#campaignCollection ??= pinpointCollection('GetCampaigns', (applicationId, pageSize, token) => this.campaigns.load({ applicationId, pageSize, token }), this.#mode, this.#plan));
  }

  get segmentCollection(): CollectionReader<SegmentModel> {
    return (this.#segmentCollection ??= pinpointCollection('GetSegments', (applicationId, pageSize, token) => this.segments.load({ applicationId, pageSize, token }), this.#mode, this.#plan));
  }

  get app(): DataLoader<string, AppModel> {
    return (this.#app ??= new ObservedLoader<string, AppModel>(
      'app',
      // The account's project list, held or being read by this request, answers first (`#apps`,
      // not `apps`: a request that reads no project list does not build its reader for a lookup).
      fanOut((applicationId) =>
        listedOrRead(this.#apps?.lookup('', (item) => item.Id === applicationId), `Application ${applicationId} not found (not in the account's application list).`, async () =>
          this.#learnScope(required((await this.#send(new GetAppCommand({ ApplicationId: applicationId }))).ApplicationResponse, 'GetApp')),
        ),
      ),
      this.#mode,
    ));
  }

  get apps(): SizedPages<PageKey, AppModel> {
    return (this.#apps ??= sizedPages('GetApps', this.#appPages(), () => '', this.#mode, this.#plan));
  }

  /** Module-private: GetApps pages by size and token (read through `apps`); primes `app`. */
  #appPages(): DataLoader<PageKey, Page<AppModel>, string> {
    return new ObservedLoader<PageKey, Page<AppModel>, string>(
      'apps',
      fanOut(async (key) => {
        const out = required((await this.#send(new GetAppsCommand({ PageSize: String(key.pageSize), Token: key.token }))).ApplicationsResponse, 'GetApps');
        const items = out.Item ?? [];
        for (const item of items) if (item.Id !== undefined) this.app.prime(item.Id, this.#learnScope(item));
        return page(items, out.NextToken);
      }),
      { ...this.#mode, cacheKeyFn: (key) => cacheKey(key.pageSize, key.token) },
    );
  }

  applicationArn(applicationId: string): Promise<string> {
    const scope = ACCOUNT_SCOPES.get(this.#client);
    if (scope !== undefined) return Promise.resolve(pinpointAppArn(scope, applicationId));
    return this.app.load(applicationId).then((found) => required(found.Arn, 'GetApp'));
  }

  get applicationSettings(): DataLoader<string, ApplicationSettingsModel> {
    return (this.#applicationSettings ??= new ObservedLoader<string, ApplicationSettingsModel>(
      'applicationSettings',
      fanOut(async (applicationId) => required((await this.#send(new GetApplicationSettingsCommand({ ApplicationId: applicationId }))).ApplicationSettingsResource, 'GetApplicationSettings')),
      this.#mode,
    ));
  }

  get campaigns(): DataLoader<AppPageKey, Page<CampaignModel>, string> {
    return (this.#campaigns ??= new ObservedLoader<AppPageKey, Page<CampaignModel>, string>(
      'campaigns',
      fanOut(async (key) => {
        const out = required((await this.#send(new GetCampaignsCommand({ ApplicationId: key.applicationId, PageSize: String(key.pageSize), Token: key.token }))).CampaignsResponse, 'GetCampaigns');
        const items = out.Item ?? [];
        for (const item of items) this.#primeLatestCampaign(item, true);
        return page(items, out.NextToken);
      }),
      { ...this.#mode, cacheKeyFn: (key) => cacheKey(key.applicationId, key.pageSize, key.token) },
    ));
  }

  get allCampaigns(): DataLoader<string, readonly CampaignModel[]> {
    return (this.#allCampaigns ??= new ObservedLoader<string, readonly CampaignModel[]>(
      'allCampaigns',
      fanOut((applicationId) => this.campaignCollection.all(applicationId)),
      this.#mode,
    ));
  }

  get campaign(): DataLoader<CampaignKey, CampaignModel, string> {
    return (this.#campaign ??= new ObservedLoader<CampaignKey, CampaignModel, string>(
      'campaign',
      fanOut((key) =>
        // The project's campaign list, held or being read by this request, answers first.
        listedOrRead(this.#campaignCollection?.lookup(key.applicationId, (item) => item.Id === key.campaignId), `Campaign ${key.campaignId} of application ${key.applicationId} not found (not in the application's campaign list).`, async () => {
          const found = required((await this.#send(new GetCampaignCommand({ ApplicationId: key.applicationId, CampaignId: key.campaignId }))).CampaignResponse, 'GetCampaign');
          this.#primeLatestCampaign(found, false);
          return found;
        }),
      ),
      { ...this.#mode, cacheKeyFn: (key) => cacheKey(key.applicationId, key.campaignId) },
    ));
  }

  get campaignVersions(): SizedPages<CampaignPageKey, CampaignModel> {
    return (this.#campaignVersions ??= sizedPages(
      'GetCampaignVersions',
      new ObservedLoader<CampaignPageKey, Page<CampaignModel>, string>(
      'campaignVersions',
      fanOut(async (key) => {
        const out = await this.#send(new GetCampaignVersionsCommand({ ApplicationId: key.applicationId, CampaignId: key.campaignId, PageSize: String(key.pageSize), Token: key.token }));
        const list = required(out.CampaignsResponse, 'GetCampaignVersions');
        const items = (list.Item ?? []).map(pinned);
        for (const item of items) {
          if (item.pinnedVersion !== undefined) this.campaignVersion.prime({ applicationId: key.applicationId, campaignId: key.campaignId, version: item.pinnedVersion }, item);
        }
        return page(items, list.NextToken);
      }),
      { ...this.#mode, cacheKeyFn: (key) => cacheKey(key.applicationId, key.campaignId, key.pageSize, key.token) },
      ),
      (key) => cacheKey(key.applicationId, key.campaignId),
      this.#mode,
      this.#plan,
    ));
  }

  get campaignVersion(): DataLoader<CampaignVersionKey, CampaignModel, string> {
    return (this.#campaignVersion ??= new ObservedLoader<CampaignVersionKey, CampaignModel, string>(
      'campaignVersion',
      fanOut(async (key) => {
        const out = await this.#send(new GetCampaignVersionCommand({ ApplicationId: key.applicationId, CampaignId: key.campaignId, Version: String(key.version) }));
        return pinned(required(out.CampaignResponse, 'GetCampaignVersion'));
      }),
      { ...this.#mode, cacheKeyFn: (key) => cacheKey(key.applicationId, key.campaignId, key.version) },
    ));
  }

  get campaignActivities(): SizedPages<CampaignPageKey, CampaignActivityModel> {
    return (this.#campaignActivities ??= sizedPages(
      'GetCampaignActivities',
      new ObservedLoader<CampaignPageKey, Page<CampaignActivityModel>, string>(
      'campaignActivities',
      fanOut(async (key) => {
        const out = await this.#send(new GetCampaignActivitiesCommand({ ApplicationId: key.applicationId, CampaignId: key.campaignId, PageSize: String(key.pageSize), Token: key.token }));
        const list = required(out.ActivitiesResponse, 'GetCampaignActivities');
        return page(list.Item ?? [], list.NextToken);
      }),
      { ...this.#mode, cacheKeyFn: (key) => cacheKey(key.applicationId, key.campaignId, key.pageSize, key.token) },
      ),
      (key) => cacheKey(key.applicationId, key.campaignId),
      this.#mode,
      this.#plan,
    ));
  }

  get segments(): DataLoader<AppPageKey, Page<SegmentModel>, string> {
    return (this.#segments ??= new ObservedLoader<AppPageKey, Page<SegmentModel>, string>(
      'segments',
      fanOut(async (key) => {
        const out = required((await this.#send(new GetSegmentsCommand({ ApplicationId: key.applicationId, PageSize: String(key.pageSize), Token: key.token }))).SegmentsResponse, 'GetSegments');
        const items = out.Item ?? [];
        for (const item of items) this.#primeLatestSegment(item, true);
        return page(items, out.NextToken);
      }),
      { ...this.#mode, cacheKeyFn: (key) => cacheKey(key.applicationId, key.pageSize, key.token) },
    ));
  }

  get allSegments(): DataLoader<string, readonly SegmentModel[]> {
    return (this.#allSegments ??= new ObservedLoader<string, readonly SegmentModel[]>(
      'allSegments',
      fanOut((applicationId) => this.segmentCollection.all(applicationId)),
      this.#mode,
    ));
  }

  get segment(): DataLoader<SegmentKey, SegmentModel, string> {
    return (this.#segment ??= new ObservedLoader<SegmentKey, SegmentModel, string>(
      'segment',
      fanOut((key) =>
        // The project's segment list, held or being read by this request for another field, answers first.
        listedOrRead(this.#segmentCollection?.lookup(key.applicationId, (item) => item.Id === key.segmentId), segmentNotFoundMessage(key), async () => {
          const found = required((await this.#send(new GetSegmentCommand({ ApplicationId: key.applicationId, SegmentId: key.segmentId }))).SegmentResponse, 'GetSegment');
          this.#primeLatestSegment(found, false);
          return found;
        }),
      ),
      { ...this.#mode, cacheKeyFn: (key) => cacheKey(key.applicationId, key.segmentId) },
    ));
  }

  get segmentViaList(): DataLoader<SegmentKey, SegmentModel, string> {
    return (this.#segmentViaList ??= new ObservedLoader<SegmentKey, SegmentModel, string>(
      'segmentViaList',
      async (keys) => {
        const lists = new Map<string, Promise<readonly SegmentModel[] | undefined>>();
        for (const [applicationId, segmentIds] of distinctSegmentsByApp(keys)) {
          // A failing list only means falling back to `segment` per key, which reports its own error.
          if (segmentIds.size >= SEGMENT_LIST_INDEX_MIN) lists.set(applicationId, this.segmentCollection.all(applicationId).catch(() => undefined));
        }
        return Promise.all(
          keys.map(async (key) => {
            const list = await lists.get(key.applicationId);
            if (list !== undefined) return list.find((item) => item.Id === key.segmentId) ?? pinpointNotFound(segmentNotFoundMessage(key));
            return this.segment.load(key).catch(asError);
          }),
        );
      },
      { ...this.#mode, cacheKeyFn: (key) => cacheKey(key.applicationId, key.segmentId) },
    ));
  }

  get segmentVersions(): SizedPages<SegmentPageKey, SegmentModel> {
    return (this.#segmentVersions ??= sizedPages(
      'GetSegmentVersions',
      new ObservedLoader<SegmentPageKey, Page<SegmentModel>, string>(
      'segmentVersions',
      fanOut(async (key) => {
        const out = await this.#send(new GetSegmentVersionsCommand({ ApplicationId: key.applicationId, SegmentId: key.segmentId, PageSize: String(key.pageSize), Token: key.token }));
        const list = required(out.SegmentsResponse, 'GetSegmentVersions');
        const items = (list.Item ?? []).map(pinned);
        for (const item of items) {
          if (item.pinnedVersion !== undefined) this.segmentVersion.prime({ applicationId: key.applicationId, segmentId: key.segmentId, version: item.pinnedVersion }, item);
        }
        return page(items, list.NextToken);
      }),
      { ...this.#mode, cacheKeyFn: (key) => cacheKey(key.applicationId, key.segmentId, key.pageSize, key.token) },
      ),
      (key) => cacheKey(key.applicationId, key.segmentId),
      this.#mode,
      this.#plan,
    ));
  }

  get segmentVersion(): DataLoader<SegmentVersionKey, SegmentModel, string> {
    return (this.#segmentVersion ??= new ObservedLoader<SegmentVersionKey, SegmentModel, string>(
      'segmentVersion',
      async (keys) => {
        const latestByApp = new Map<string, Promise<ReadonlyMap<string, SegmentModel> | undefined>>();
        for (const applicationId of distinctSegmentsByApp(keys).keys()) {
          // Only a list this request holds or is reading for another field: reading it here would
          // save calls only when every version asked is the latest, and cost a round when one is
          // not (its GetSegmentVersion could start only after the list). Latency never pays for a
          // saved call, so without such a list every version is read by ID, in parallel.
          const listed = this.segmentCollection.started(applicationId);
          // A failing list only means falling back to one GetSegmentVersion per key, which reports its own error.
          if (listed !== undefined) latestByApp.set(applicationId, listed.then((list) => new Map(list.items.map((item) => [item.Id ?? '', item])), () => undefined));
        }
        return Promise.all(
          keys.map(async (key) => {
            const latest = (await latestByApp.get(key.applicationId))?.get(key.segmentId);
            if (latest !== undefined && latest.Version === key.version) return pinned(latest);
            return this.#getSegmentVersion(key).catch(asError);
          }),
        );
      },
      { ...this.#mode, cacheKeyFn: segmentVersionCacheKey },
    ));
  }

  get endpoint(): DataLoader<EndpointKey, EndpointModel, string> {
    return (this.#endpoint ??= new ObservedLoader<EndpointKey, EndpointModel, string>(
      'endpoint',
      fanOut(async (key) => endpointModel(key.applicationId, key.endpointId, required((await this.#send(new GetEndpointCommand({ ApplicationId: key.applicationId, EndpointId: key.endpointId }))).EndpointResponse, 'GetEndpoint'))),
      { ...this.#mode, cacheKeyFn: endpointCacheKey },
    ));
  }

  get userEndpoints(): DataLoader<UserKey, readonly EndpointModel[], string> {
    return (this.#userEndpoints ??= new ObservedLoader<UserKey, readonly EndpointModel[], string>(
      'userEndpoints',
      fanOut(async (key) => {
        const out = required((await this.#send(new GetUserEndpointsCommand({ ApplicationId: key.applicationId, UserId: key.userId }))).EndpointsResponse, 'GetUserEndpoints');
        const items = endpointModels(key.applicationId, out.Item ?? []);
        // Endpoints read whole from a user's list need no GetEndpoint.
        for (const item of items) this.endpoint.prime({ applicationId: item.ApplicationId, endpointId: item.Id }, item);
        return items;
      }),
      { ...this.#mode, cacheKeyFn: (key) => cacheKey(key.applicationId, key.userId) },
    ));
  }

  get kpi(): DataLoader<KpiKey, KpiResultModel, string> {
    return (this.#kpi ??= new ObservedLoader<KpiKey, KpiResultModel, string>(
      'kpi',
      fanOut(async (key) => {
        const rows: ResultRow[] = [];
        let nextToken: string | undefined;
        // Upstream says KPI results come in one page; the loop still follows any NextToken it sends,
        // refusing a token it has already seen so a misbehaving upstream cannot loop us forever.
        const seen = new Set<string>();
        do {
          const range = { ApplicationId: key.applicationId, KpiName: key.kpiName, StartTime: key.startTime, EndTime: key.endTime, NextToken: nextToken };
          const out = await this.#kpiPage(range, key);
          rows.push(...(out.KpiResult?.Rows ?? []));
          nextToken = out.NextToken || undefined;
          if (nextToken !== undefined && seen.has(nextToken)) throw new Error(`Upstream repeated KPI page token ${JSON.stringify(nextToken)} for ${key.kpiName}; refusing to loop.`);
          if (nextToken !== undefined) seen.add(nextToken);
        } while (nextToken !== undefined);
        return { KpiName: key.kpiName, StartTime: key.startTime.toISOString(), EndTime: key.endTime.toISOString(), Rows: rows };
      }),
      { ...this.#mode, cacheKeyFn: kpiCacheKey },
    ));
  }

  get tags(): DataLoader<string, Readonly<Record<string, string>>> {
    return (this.#tags ??= new ObservedLoader<string, Readonly<Record<string, string>>>(
      'tags',
      fanOut(async (resourceArn) => required((await this.#send(new ListTagsForResourceCommand({ ResourceArn: resourceArn }))).TagsModel, 'ListTagsForResource').tags ?? {}),
      this.#mode,
    ));
  }

  async createApp(request: CreateAppRequestModel): Promise<AppModel> {
    const created = required((await this.#send(new CreateAppCommand({ CreateApplicationRequest: request }))).ApplicationResponse, 'CreateApp');
    this.apps.clearAll();
    if (created.Id !== undefined) this.app.clear(created.Id).prime(created.Id, created);
    return created;
  }

  async deleteApp(applicationId: string): Promise<AppModel> {
    const deleted = required((await this.#send(new DeleteAppCommand({ ApplicationId: applicationId }))).ApplicationResponse, 'DeleteApp');
    this.apps.clearAll();
    this.app.clear(applicationId);
    this.applicationSettings.clear(applicationId);
    return deleted;
  }

  async updateApplicationSettings(applicationId: string, request: WriteApplicationSettingsRequestModel): Promise<ApplicationSettingsModel> {
    const out = await this.#send(new UpdateApplicationSettingsCommand({ ApplicationId: applicationId, WriteApplicationSettingsRequest: request }));
    const settings = required(out.ApplicationSettingsResource, 'UpdateApplicationSettings');
    this.applicationSettings.clear(applicationId).prime(applicationId, settings);
    return settings;
  }

  async createCampaign(applicationId: string, request: WriteCampaignRequestModel): Promise<CampaignModel> {
    const created = required((await this.#send(new CreateCampaignCommand({ ApplicationId: applicationId, WriteCampaignRequest: request }))).CampaignResponse, 'CreateCampaign');
    if (created.Id !== undefined) this.#forgetCampaign({ applicationId, campaignId: created.Id });
    this.#primeLatestCampaign(created, true);
    return created;
  }

  async updateCampaign(key: CampaignKey, request: WriteCampaignRequestModel): Promise<CampaignModel> {
    const out = await this.#send(new UpdateCampaignCommand({ ApplicationId: key.applicationId, CampaignId: key.campaignId, WriteCampaignRequest: request }));
    const updated = required(out.CampaignResponse, 'UpdateCampaign');
    this.#forgetCampaign(key);
    this.#primeLatestCampaign(updated, true);
    return updated;
  }

  async deleteCampaign(key: CampaignKey): Promise<CampaignModel> {
    const deleted = required((await this.#send(new DeleteCampaignCommand({ ApplicationId: key.applicationId, CampaignId: key.campaignId }))).CampaignResponse, 'DeleteCampaign');
    this.#forgetCampaign(key);
    return deleted;
  }

  async createSegment(applicationId: string, request: WriteSegmentRequestModel): Promise<SegmentModel> {
    const created = required((await this.#send(new CreateSegmentCommand({ ApplicationId: applicationId, WriteSegmentRequest: request }))).SegmentResponse, 'CreateSegment');
    if (created.Id !== undefined) this.#forgetSegment({ applicationId, segmentId: created.Id });
    this.#primeLatestSegment(created, true);
    return created;
  }

  async updateSegment(key: SegmentKey, request: WriteSegmentRequestModel): Promise<SegmentModel> {
    const out = await this.#send(new UpdateSegmentCommand({ ApplicationId: key.applicationId, SegmentId: key.segmentId, WriteSegmentRequest: request }));
    const updated = required(out.SegmentResponse, 'UpdateSegment');
    this.#forgetSegment(key);
    this.#primeLatestSegment(updated, true);
    return updated;
  }

  async deleteSegment(key: SegmentKey): Promise<SegmentModel> {
    const deleted = required((await this.#send(new DeleteSegmentCommand({ ApplicationId: key.applicationId, SegmentId: key.segmentId }))).SegmentResponse, 'DeleteSegment');
    this.#forgetSegment(key);
    return deleted;
  }

  async updateEndpoint(key: EndpointKey, request: EndpointRequestModel): Promise<EndpointWriteModel> {
    const out = await this.#send(new UpdateEndpointCommand({ ApplicationId: key.applicationId, EndpointId: key.endpointId, EndpointRequest: request }));
    this.#forgetEndpoints(key.applicationId, [key.endpointId]);
    return { ...required(out.MessageBody, 'UpdateEndpoint'), ApplicationId: key.applicationId, EndpointIds: [key.endpointId] };
  }

  async updateEndpointsBatch(applicationId: string, items: readonly EndpointBatchItemRequestModel[]): Promise<EndpointWriteModel> {
    const out = await this.#send(new UpdateEndpointsBatchCommand({ ApplicationId: applicationId, EndpointBatchRequest: { Item: [...items] } }));
    const endpointIds = items.map((item) => item.Id ?? '');
    this.#forgetEndpoints(applicationId, endpointIds);
    return { ...required(out.MessageBody, 'UpdateEndpointsBatch'), ApplicationId: applicationId, EndpointIds: endpointIds };
  }

  async deleteEndpoint(key: EndpointKey): Promise<EndpointModel> {
    const out = await this.#send(new DeleteEndpointCommand({ ApplicationId: key.applicationId, EndpointId: key.endpointId }));
    this.#forgetEndpoints(key.applicationId, [key.endpointId]);
    return endpointModel(key.applicationId, key.endpointId, required(out.EndpointResponse, 'DeleteEndpoint'));
  }

  async deleteUserEndpoints(key: UserKey): Promise<readonly EndpointModel[]> {
    const out = await this.#send(new DeleteUserEndpointsCommand({ ApplicationId: key.applicationId, UserId: key.userId }));
    const deleted = endpointModels(key.applicationId, required(out.EndpointsResponse, 'DeleteUserEndpoints').Item ?? []);
    this.#forgetEndpoints(
      key.applicationId,
      deleted.map((item) => item.Id),
    );
    return deleted;
  }

  async putEvents(applicationId: string, request: EventsRequestModel): Promise<EventsResponseModel> {
    const out = await this.#send(new PutEventsCommand({ ApplicationId: applicationId, EventsRequest: request }));
    // PutEvents also updates the endpoints it names.
    this.#forgetEndpoints(applicationId, Object.keys(request.BatchItem ?? {}));
    return required(out.EventsResponse, 'PutEvents');
  }

  async tagResource(resourceArn: string, tagsToSet: Readonly<Record<string, string>>): Promise<void> {
    await this.#send(new TagResourceCommand({ ResourceArn: resourceArn, TagsModel: { tags: { ...tagsToSet } } }));
    this.#forgetTaggedResource(resourceArn);
  }

  async untagResource(resourceArn: string, tagKeys: readonly string[]): Promise<void> {
    await this.#send(new UntagResourceCommand({ ResourceArn: resourceArn, TagKeys: [...tagKeys] }));
    this.#forgetTaggedResource(resourceArn);
  }

  /** Remembers the account scope of the first project ARN this process reads through the client. */
  #learnScope(found: AppModel): AppModel {
    if (found.Arn !== undefined && !ACCOUNT_SCOPES.has(this.#client)) {
      const scope = pinpointArnScope(found.Arn);
      if (scope !== undefined) ACCOUNT_SCOPES.set(this.#client, scope);
    }
    return found;
  }

  /** A campaign's latest version was read; its by-ID and by-version entries need no call. */
  #primeLatestCampaign(found: CampaignModel, byId: boolean): void {
    if (found.ApplicationId === undefined || found.Id === undefined) return;
    if (byId) this.campaign.prime({ applicationId: found.ApplicationId, campaignId: found.Id }, found);
    if (found.Version !== undefined) this.campaignVersion.prime({ applicationId: found.ApplicationId, campaignId: found.Id, version: found.Version }, pinned(found));
  }

  /** A segment's latest version was read; its by-ID and by-version entries need no call. */
  #primeLatestSegment(found: SegmentModel, byId: boolean): void {
    if (found.ApplicationId === undefined || found.Id === undefined) return;
    if (byId) this.segment.prime({ applicationId: found.ApplicationId, segmentId: found.Id }, found);
    if (found.Version !== undefined) this.segmentVersion.prime({ applicationId: found.ApplicationId, segmentId: found.Id, version: found.Version }, pinned(found));
  }

  /** GetSegmentVersion: one saved version, pinned. */
  async #getSegmentVersion(key: SegmentVersionKey): Promise<SegmentModel> {
    const out = await this.#send(new GetSegmentVersionCommand({ ApplicationId: key.applicationId, SegmentId: key.segmentId, Version: String(key.version) }));
    return pinned(required(out.SegmentResponse, 'GetSegmentVersion'));
  }

  /** One page of a project's, campaign's or journey's date-range KPI. */
  async #kpiPage(range: { ApplicationId: string; KpiName: string; StartTime: Date; EndTime: Date; NextToken?: string }, key: KpiKey) {
    if (key.campaignId !== undefined) return required((await this.#send(new GetCampaignDateRangeKpiCommand({ ...range, CampaignId: key.campaignId }))).CampaignDateRangeKpiResponse, 'GetCampaignDateRangeKpi');
    if (key.journeyId !== undefined) return required((await this.#send(new GetJourneyDateRangeKpiCommand({ ...range, JourneyId: key.journeyId }))).JourneyDateRangeKpiResponse, 'GetJourneyDateRangeKpi');
    return required((await this.#send(new GetApplicationDateRangeKpiCommand(range))).ApplicationDateRangeKpiResponse, 'GetApplicationDateRangeKpi');
  }

  /** Forget everything read about the resource an ARN names (its embedded tags changed). */
  #forgetTaggedResource(resourceArn: string): void {
    this.tags.clear(resourceArn);
    const resource = parsePinpointResourceArn(resourceArn);
    if (resource === undefined) return;
    switch (resource.kind) {
      case 'app':
        this.app.clear(resource.applicationId);
        this.apps.clearAll();
        return;
      case 'campaign':
        this.#forgetCampaign(resource);
        return;
      case 'segment':
        this.#forgetSegment(resource);
        return;
      default:
        throw new Error(`Unhandled ARN resource kind: ${JSON.stringify(resource satisfies never)}`);
    }
  }

  /** A campaign changed; its lists and by-ID entries are stale (versions stay valid). */
  #forgetCampaign(key: CampaignKey): void {
    this.campaign.clear(key);
    this.campaigns.clearAll();
    this.campaignCollection.forget(key.applicationId);
    this.allCampaigns.clear(key.applicationId);
    this.campaignVersions.clearAll();
  }

  /** A segment changed; its lists and by-ID entries are stale (versions stay valid). */
  #forgetSegment(key: SegmentKey): void {
    this.segment.clear(key);
    this.segments.clearAll();
    this.segmentCollection.forget(key.applicationId);
    this.allSegments.clear(key.applicationId);
    this.segmentVersions.clearAll();
  }

  /** Endpoints changed; their by-ID entries and every user list are stale. */
  #forgetEndpoints(applicationId: string, endpointIds: Iterable<string>): void {
    for (const endpointId of endpointIds) this.endpoint.clear({ applicationId, endpointId });
    this.userEndpoints.clearAll();
  }
}

/**
 * Module-private: the account scope (`arn:<partition>:mobiletargeting:<region>:<account>:`) of each
 * process-wide client, learnt from the first project ARN read through it. Keyed by client, not
 * global, because a process (tests, the benchmark) may hold clients of several accounts.
 */
const ACCOUNT_SCOPES = new WeakMap<PinpointClient, string>();

/** Whether `client` knows its account scope yet, so a project's ARN needs no GetApp (the request plan asks). */
export function knowsAccountScope(client: PinpointClient): boolean {
  return ACCOUNT_SCOPES.has(client);
}

/** Module-private. */
function endpointCacheKey(key: EndpointKey): string {
  return cacheKey(key.applicationId, key.endpointId);
}

/** Module-private. */
function segmentVersionCacheKey(key: SegmentVersionKey): string {
  return cacheKey(key.applicationId, key.segmentId, key.version);
}

/** Module-private. */
function kpiCacheKey(key: KpiKey): string {
  return cacheKey(key.applicationId, key.campaignId, key.journeyId, key.kpiName, key.startTime.toISOString(), key.endTime.toISOString());
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

/**
 * Module-private: what GetSegment answers for a segment the project's whole segment list does not
 * hold (the same exception, so the graph reports NOT_FOUND at the same path).
 */
function segmentNotFoundMessage(key: SegmentKey): string {
  return `Segment ${key.segmentId} of application ${key.applicationId} not found (not in the application's segment list).`;
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

