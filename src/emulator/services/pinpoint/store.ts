import { createHash, randomUUID } from 'node:crypto';
import type {
  ApplicationSettingsJourneyLimits,
  CampaignHook,
  CampaignLimits,
  CampaignStatus,
  ChannelType,
  EndpointDemographic,
  EndpointLocation,
  EndpointUser,
  QuietTime,
  SegmentDimensions,
  SegmentGroupList,
  SegmentImportResource,
  SegmentType,
  Session,
  WriteCampaignRequest,
  WriteTreatmentResource,
} from '@aws-sdk/client-pinpoint';
import type { RequestContext } from '../types';
import { RegionalStore } from '../regionalStore';
import { isEventTriggered, nextOccurrence, scheduleEnd, scheduleStart } from './campaignSchedule';
import { notFound } from './errors';

/**
 * The state of the emulated Amazon Pinpoint service, per account and region: applications and
 * everything that lives under them. Records hold what AWS stores; handlers turn them into
 * responses (the store never formats a response).
 */

/** One account's Pinpoint state in one region. Maps keep insertion order, which is creation order. */
export interface PinpointState {
  readonly apps: Map<string, AppRecord>;
}

/** An application (a "project" on the console). */
export interface AppRecord {
  readonly id: string;
  readonly name: string;
  readonly arn: string;
  readonly creationDate: string;
  tags: Record<string, string>;
  settings: SettingsRecord;
  readonly campaigns: Map<string, CampaignRecord>;
  readonly segments: Map<string, SegmentRecord>;
  /** Keyed by the lower-cased endpoint ID: seed 002 says endpoint IDs are case-insensitive. */
  readonly endpoints: Map<string, EndpointRecord>;
  /** Every event PutEvents accepted, in arrival order; KPIs are computed from these. */
  readonly events: RecordedEvent[];
  /** `Attributes:<name>`, `Metrics:<name>`, `UserAttributes:<name>`: the app-wide custom attribute quota counts these. */
  readonly attributeKeys: Set<string>;
}

/** The application's default settings (UpdateApplicationSettings). */
export interface SettingsRecord {
  lastModifiedDate?: string;
  campaignHook?: CampaignHook;
  limits?: CampaignLimits;
  quietTime?: QuietTime;
  journeyLimits?: ApplicationSettingsJourneyLimits;
  /** Write-only in the API (not part of ApplicationSettingsResource), kept for fidelity. */
  cloudWatchMetricsEnabled?: boolean;
  eventTaggingEnabled?: boolean;
}

/** A campaign with all of its versions. */
export interface CampaignRecord {
  readonly id: string;
  readonly arn: string;
  readonly creationDate: string;
  tags: Record<string, string>;
  /** `versions[i].version === i + 1`; the last one is the current campaign. */
  readonly versions: CampaignVersionRecord[];
  /** Runs of the campaign, oldest first: the seed's, and those the campaign runner (`campaignRunner.ts`) adds. */
  readonly activities: ActivityRecord[];
}

/** A treatment as stored: the write request plus the ID AWS assigns. */
export type TreatmentRecord = WriteTreatmentResource & { readonly Id: string };

/** The settings of one campaign version, as written (tags excluded: they belong to the campaign). */
export type CampaignSettings = Omit<WriteCampaignRequest, 'tags' | 'AdditionalTreatments' | 'SegmentId' | 'SegmentVersion'> & {
  readonly SegmentId: string;
  readonly SegmentVersion: number;
  readonly AdditionalTreatments: readonly TreatmentRecord[];
};

/** One immutable version of a campaign. */
export interface CampaignVersionRecord {
  readonly version: number;
  readonly lastModifiedDate: string;
  readonly settings: CampaignSettings;
}

/** One run of a campaign (a campaign activity). */
export interface ActivityRecord {
  readonly id: string;
  /** Empty for the default treatment, else the additional treatment's ID. */
  readonly treatmentId: string;
  readonly state: 'PENDING' | 'INITIALIZING' | 'RUNNING' | 'PAUSED' | 'CANCELLED' | 'COMPLETED';
  readonly result?: 'SUCCESS' | 'FAIL';
  readonly scheduledStart: string;
  readonly start?: string;
  readonly end?: string;
  readonly successfulEndpointCount: number;
  readonly totalEndpointCount: number;
  readonly timezonesTotalCount: number;
  readonly timezonesCompletedCount: number;
  readonly executionMetrics: Record<string, string>;
}

/** A segment with all of its versions. */
export interface SegmentRecord {
  readonly id: string;
  readonly arn: string;
  readonly creationDate: string;
  readonly segmentType: SegmentType;
  tags: Record<string, string>;
  /** `versions[i].version === i + 1`; the last one is the current segment. */
  readonly versions: SegmentVersionRecord[];
}

/** One immutable version of a segment. */
export interface SegmentVersionRecord {
  readonly version: number;
  readonly lastModifiedDate: string;
  readonly name?: string;
  readonly dimensions?: SegmentDimensions;
  readonly segmentGroups?: SegmentGroupList;
  readonly importDefinition?: SegmentImportResource;
}

/** An endpoint, in the SDK's field names (what UpdateEndpoint writes and GetEndpoint reads). Replaced, never mutated, on update. */
export interface EndpointRecord {
  /** The ID as first written; lookups ignore case. */
  readonly Id: string;
  readonly CreationDate: string;
  readonly CohortId: string;
  readonly ChannelType?: ChannelType;
  readonly Address?: string;
  readonly EndpointStatus: string;
  readonly OptOut: string;
  readonly RequestId: string;
  readonly EffectiveDate: string;
  readonly Attributes?: Readonly<Record<string, string[]>>;
  readonly Metrics?: Readonly<Record<string, number>>;
  readonly Demographic?: EndpointDemographic;
  readonly Location?: EndpointLocation;
  readonly User?: EndpointUser;
}

/** An event as PutEvents recorded it. */
export interface RecordedEvent {
  readonly endpointId: string;
  readonly eventId: string;
  readonly eventType: string;
  readonly timestamp: Date;
  readonly attributes: Readonly<Record<string, string>>;
  readonly metrics: Readonly<Record<string, number>>;
  readonly session?: Session;
}

/** A fresh, empty state. */
export function createPinpointState(): PinpointState {
  return { apps: new Map() };
}

/** Pinpoint state per account and region, resolved from a request's context. */
export class PinpointStore {
  private readonly regional = new RegionalStore<PinpointState>(createPinpointState);

  /** The state of the calling account in the request's region. */
  forRequest(ctx: Pick<RequestContext, 'accountId' | 'region'>): PinpointState {
    return this.regional.get(ctx.accountId, ctx.region);
  }

  /** The state of one account in one region. */
  get(accountId: string, region: string): PinpointState {
    return this.regional.get(accountId, region);
  }

  /** Every account and region that has state, in first-use order. */
  *scopes(): IterableIterator<{ accountId: string; region: string }> {
    for (const { accountId, region } of this.regional.entries()) yield { accountId, region };
  }

  /** Forget every account and region. */
  clear(): void {
    this.regional.clear();
  }

  /** The store behind this one, for the emulator's state file (`stateParts.ts` snapshots and restores it). */
  regions(): RegionalStore<PinpointState> {
    return this.regional;
  }
}

/** A new 32-hex-digit resource ID, the shape AWS uses for apps, campaigns and segments. */
export function newResourceId(): string {
  return randomUUID().replace(/-/g, '');
}

/** The application, or 404. */
export function requireApp(state: PinpointState, applicationId: string): AppRecord {
  const app = state.apps.get(applicationId);
  if (!app) throw notFound('Application', applicationId);
  return app;
}

/** The campaign, or 404. */
export function requireCampaign(app: AppRecord, campaignId: string): CampaignRecord {
  const campaign = app.campaigns.get(campaignId);
  if (!campaign) throw notFound('Campaign', campaignId);
  return campaign;
}

/** The segment, or 404. */
export function requireSegment(app: AppRecord, segmentId: string): SegmentRecord {
  const segment = app.segments.get(segmentId);
  if (!segment) throw notFound('Segment', segmentId);
  return segment;
}

/** The endpoint (case-insensitive ID), or 404. */
export function requireEndpoint(app: AppRecord, endpointId: string): EndpointRecord {
  const endpoint = app.endpoints.get(endpointKey(endpointId));
  if (!endpoint) throw notFound('Endpoint', endpointId);
  return endpoint;
}

/** The map key of an endpoint ID (IDs are case-insensitive). */
export function endpointKey(endpointId: string): string {
  return endpointId.toLowerCase();
}

/** The endpoints of one user, in creation order. */
export function userEndpoints(app: AppRecord, userId: string): EndpointRecord[] {
  return [...app.endpoints.values()].filter((endpoint) => endpoint.User?.UserId === userId);
}

/** The current (latest) version of a versioned resource. */
export function latestVersion<V>(versions: readonly V[]): V {
  const latest = versions[versions.length - 1];
  if (latest === undefined) throw new Error('invariant: a versioned resource always has at least one version');
  return latest;
}

/**
 * Seed 002: "A number from 0–99 that represents the cohort that the endpoint is assigned to."
 * AWS assigns cohorts at random; the emulator derives it from the (case-folded) endpoint ID so
 * it is reproducible.
 */
export function cohortIdFor(endpointId: string): string {
  const digest = createHash('sha256').update(endpointKey(endpointId)).digest();
  return String(digest.readUInt32BE(0) % 100);
}

/**
 * The status AWS would report for a campaign version, from its schedule, the campaign's recorded
 * runs and its segment. The campaign runner (`campaignRunner.ts`) records runs as they happen, so:
 * a one-time campaign is SCHEDULED until its run, then COMPLETED; a recurring one is
 * PENDING_NEXT_RUN between runs and COMPLETED once its schedule has no occurrence left; an
 * event-triggered one is EXECUTING while it listens (start ≤ now < end). Runs are instantaneous,
 * so only listening campaigns are ever seen EXECUTING.
 */
export function campaignStatus(app: AppRecord, campaign: CampaignRecord, settings: CampaignSettings, now: Date): CampaignStatus {
  // Seed 002, CampaignState: "If you delete the segment that's associated with a campaign, the campaign fails and has a status of DELETED."
  if (!app.segments.has(settings.SegmentId)) return 'DELETED';
  if (settings.IsPaused === true) return 'PAUSED';
  const schedule = settings.Schedule;
  // Unreachable through the API (CreateCampaign requires a schedule); a record without one cannot run.
  if (schedule === undefined) return 'INVALID';
  const running = campaign.activities.some((activity) => activity.state === 'RUNNING' || activity.state === 'INITIALIZING');
  const frequency = schedule.Frequency ?? 'ONCE';
  const createdAt = new Date(campaign.creationDate);
  const ended = scheduleEnd(schedule) <= now.getTime();
  if (running && !(isEventTriggered(frequency) && ended)) return 'EXECUTING';
  const runs = campaign.activities.filter((activity) => activity.state === 'COMPLETED');
  switch (frequency) {
    case 'ONCE':
      return runs.length > 0 ? 'COMPLETED' : 'SCHEDULED';
    case 'HOURLY':
    case 'DAILY':
    case 'WEEKLY':
    case 'MONTHLY': {
      if (runs.length === 0) return 'SCHEDULED';
      const lastRun = Math.max(...runs.map((activity) => Date.parse(activity.scheduledStart)));
      return ended || nextOccurrence(schedule, createdAt, lastRun) === undefined ? 'COMPLETED' : 'PENDING_NEXT_RUN';
    }
    case 'EVENT':
    case 'IN_APP_EVENT':
      // Event-triggered campaigns listen between their start and end rather than run on a clock.
      if (ended) return 'COMPLETED';
      return scheduleStart(schedule, createdAt) <= now.getTime() ? 'EXECUTING' : 'SCHEDULED';
    default: {
      const unreachable: never = frequency;
      throw new Error(`Unhandled campaign frequency: ${String(unreachable)}`);
    }
  }
}
