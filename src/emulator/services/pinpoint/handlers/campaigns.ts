import type {
  ActivityResponse,
  CampaignResponse,
  CreateCampaignRequest,
  CreateCampaignResponse,
  DeleteCampaignRequest,
  DeleteCampaignResponse,
  GetCampaignActivitiesRequest,
  GetCampaignActivitiesResponse,
  GetCampaignRequest,
  GetCampaignResponse,
  GetCampaignsRequest,
  GetCampaignsResponse,
  GetCampaignVersionRequest,
  GetCampaignVersionResponse,
  GetCampaignVersionsRequest,
  GetCampaignVersionsResponse,
  Schedule,
  UpdateCampaignRequest,
  UpdateCampaignResponse,
  WriteCampaignRequest,
} from '@aws-sdk/client-pinpoint';
import { campaignArn } from '../arns';
import { badRequest, notFound } from '../errors';
import {
  campaignStatus,
  latestVersion,
  newResourceId,
  requireApp,
  requireCampaign,
  requireSegment,
  type ActivityRecord,
  type AppRecord,
  type CampaignRecord,
  type CampaignSettings,
  type CampaignVersionRecord,
  type PinpointStore,
} from '../store';
import { checkCampaignLimits, checkQuietTime, clone, mergeTags, pageOf, pageScope, parseIsoDateTime, parseVersion, type PinpointHandler } from './shared';

/** Seed 002, Schedule.Timezone: the UTC offsets a local-time schedule may start from. */
export const SCHEDULE_TIMEZONES: ReadonlySet<string> = new Set([
  'UTC', 'UTC+01', 'UTC+02', 'UTC+03', 'UTC+03:30', 'UTC+04', 'UTC+04:30', 'UTC+05', 'UTC+05:30', 'UTC+05:45', 'UTC+06', 'UTC+06:30',
  'UTC+07', 'UTC+08', 'UTC+09', 'UTC+09:30', 'UTC+10', 'UTC+10:30', 'UTC+11', 'UTC+12', 'UTC+13',
  'UTC-02', 'UTC-03', 'UTC-04', 'UTC-05', 'UTC-06', 'UTC-07', 'UTC-08', 'UTC-09', 'UTC-10', 'UTC-11',
]);

/** The Campaigns, Campaign, Campaign Versions and Campaign Activities resources. */
export function createCampaignHandlers(store: PinpointStore) {
  const CreateCampaign: PinpointHandler<CreateCampaignRequest, CreateCampaignResponse> = (input, ctx) => {
    const app = requireApp(store.forRequest(ctx), input.ApplicationId ?? '');
    const request = input.WriteCampaignRequest ?? {};
    if (request.SegmentId === undefined || request.SegmentId === '') throw badRequest('WriteCampaignRequest.SegmentId is required: a campaign targets a segment');
    if (request.Schedule === undefined) throw badRequest("WriteCampaignRequest.Schedule is required: a campaign needs a StartTime ('IMMEDIATE' or an ISO 8601 date-time)");
    const settings = campaignSettings(app, request, undefined);
    const now = ctx.now().toISOString();
    const id = newResourceId();
    const campaign: CampaignRecord = {
      id,
      arn: campaignArn(ctx, app.id, id),
      creationDate: now,
      tags: mergeTags({}, request.tags),
      versions: [{ version: 1, lastModifiedDate: now, settings }],
      activities: [],
    };
    app.campaigns.set(id, campaign);
    return { CampaignResponse: campaignResponse(app, campaign, latestVersion(campaign.versions), ctx.now()) };
  };

  const GetCampaign: PinpointHandler<GetCampaignRequest, GetCampaignResponse> = (input, ctx) => {
    const app = requireApp(store.forRequest(ctx), input.ApplicationId ?? '');
    const campaign = requireCampaign(app, input.CampaignId ?? '');
    return { CampaignResponse: campaignResponse(app, campaign, latestVersion(campaign.versions), ctx.now()) };
  };

  const GetCampaigns: PinpointHandler<GetCampaignsRequest, GetCampaignsResponse> = (input, ctx) => {
    const app = requireApp(store.forRequest(ctx), input.ApplicationId ?? '');
    const page = pageOf([...app.campaigns.values()], input.PageSize, input.Token, pageScope('GetCampaigns', ctx, app.id));
    const now = ctx.now();
    return { CampaignsResponse: { Item: page.items.map((campaign) => campaignResponse(app, campaign, latestVersion(campaign.versions), now)), NextToken: page.nextToken } };
  };

  // Every update makes a new version. Members left out keep their current value; `tags` is ignored
  // (seed 002: deprecated in UpdateCampaign since 22-05-2023, "not processed").
  const UpdateCampaign: PinpointHandler<UpdateCampaignRequest, UpdateCampaignResponse> = (input, ctx) => {
    const app = requireApp(store.forRequest(ctx), input.ApplicationId ?? '');
    const campaign = requireCampaign(app, input.CampaignId ?? '');
    const current = latestVersion(campaign.versions);
    const settings = campaignSettings(app, input.WriteCampaignRequest ?? {}, current.settings);
    const next: CampaignVersionRecord = { version: current.version + 1, lastModifiedDate: ctx.now().toISOString(), settings };
    campaign.versions.push(next);
    return { CampaignResponse: campaignResponse(app, campaign, next, ctx.now()) };
  };

  const DeleteCampaign: PinpointHandler<DeleteCampaignRequest, DeleteCampaignResponse> = (input, ctx) => {
    const app = requireApp(store.forRequest(ctx), input.ApplicationId ?? '');
    const campaign = requireCampaign(app, input.CampaignId ?? '');
    const response = campaignResponse(app, campaign, latestVersion(campaign.versions), ctx.now());
    app.campaigns.delete(campaign.id);
    return { CampaignResponse: response };
  };

  const GetCampaignVersion: PinpointHandler<GetCampaignVersionRequest, GetCampaignVersionResponse> = (input, ctx) => {
    const app = requireApp(store.forRequest(ctx), input.ApplicationId ?? '');
    const campaign = requireCampaign(app, input.CampaignId ?? '');
    const version = parseVersion(input.Version);
    const record = campaign.versions[version - 1];
    if (record === undefined) throw notFound('Campaign version', `${campaign.id}/versions/${version}`);
    return { CampaignResponse: campaignResponse(app, campaign, record, ctx.now()) };
  };

  const GetCampaignVersions: PinpointHandler<GetCampaignVersionsRequest, GetCampaignVersionsResponse> = (input, ctx) => {
    const app = requireApp(store.forRequest(ctx), input.ApplicationId ?? '');
    const campaign = requireCampaign(app, input.CampaignId ?? '');
    const page = pageOf(campaign.versions, input.PageSize, input.Token, pageScope('GetCampaignVersions', ctx, app.id, campaign.id));
    const now = ctx.now();
    return { CampaignsResponse: { Item: page.items.map((version) => campaignResponse(app, campaign, version, now)), NextToken: page.nextToken } };
  };

  // Most recent run first: the order a campaign's run history is read in.
  const GetCampaignActivities: PinpointHandler<GetCampaignActivitiesRequest, GetCampaignActivitiesResponse> = (input, ctx) => {
    const app = requireApp(store.forRequest(ctx), input.ApplicationId ?? '');
    const campaign = requireCampaign(app, input.CampaignId ?? '');
    const newestFirst = [...campaign.activities].reverse();
    const page = pageOf(newestFirst, input.PageSize, input.Token, pageScope('GetCampaignActivities', ctx, app.id, campaign.id));
    return { ActivitiesResponse: { Item: page.items.map((activity) => activityResponse(app, campaign, activity)), NextToken: page.nextToken } };
  };

  return { CreateCampaign, GetCampaign, GetCampaigns, UpdateCampaign, DeleteCampaign, GetCampaignVersion, GetCampaignVersions, GetCampaignActivities };
}

/** Module-private: the CampaignResponse of one version of a campaign, with its status as of `now`. */
function campaignResponse(app: AppRecord, campaign: CampaignRecord, version: CampaignVersionRecord, now: Date): CampaignResponse {
  const settings = version.settings;
  const status = campaignStatus(app, campaign, settings, now);
  const hasTreatments = settings.AdditionalTreatments.length > 0;
  return {
    Id: campaign.id,
    Arn: campaign.arn,
    ApplicationId: app.id,
    CreationDate: campaign.creationDate,
    LastModifiedDate: version.lastModifiedDate,
    Version: version.version,
    Name: settings.Name,
    Description: settings.Description,
    SegmentId: settings.SegmentId,
    SegmentVersion: settings.SegmentVersion,
    Schedule: clone(settings.Schedule),
    MessageConfiguration: clone(settings.MessageConfiguration),
    TemplateConfiguration: clone(settings.TemplateConfiguration),
    CustomDeliveryConfiguration: clone(settings.CustomDeliveryConfiguration),
    TreatmentName: settings.TreatmentName,
    TreatmentDescription: settings.TreatmentDescription,
    AdditionalTreatments: hasTreatments ? settings.AdditionalTreatments.map((treatment) => ({ ...clone(treatment), State: { CampaignStatus: status } })) : undefined,
    HoldoutPercent: settings.HoldoutPercent ?? 0,
    IsPaused: settings.IsPaused ?? false,
    Limits: clone(settings.Limits),
    Hook: clone(settings.Hook),
    Priority: settings.Priority,
    State: { CampaignStatus: status },
    // Seed 002: DefaultState "exists only for campaigns that have more than one treatment".
    DefaultState: hasTreatments ? { CampaignStatus: status } : undefined,
    tags: { ...campaign.tags },
  };
}

/** Module-private: the ActivityResponse of a recorded run. */
function activityResponse(app: AppRecord, campaign: CampaignRecord, activity: ActivityRecord): ActivityResponse {
  return {
    Id: activity.id,
    ApplicationId: app.id,
    CampaignId: campaign.id,
    TreatmentId: activity.treatmentId,
    State: activity.state,
    Result: activity.result,
    ScheduledStart: activity.scheduledStart,
    Start: activity.start,
    End: activity.end,
    SuccessfulEndpointCount: activity.successfulEndpointCount,
    TotalEndpointCount: activity.totalEndpointCount,
    TimezonesTotalCount: activity.timezonesTotalCount,
    TimezonesCompletedCount: activity.timezonesCompletedCount,
    ExecutionMetrics: { ...activity.executionMetrics },
  };
}

/**
 * Module-private: checks a write request and returns the settings of the new version. On update
 * (`current` given), members the request leaves out keep their current value, and the segment
 * version stays pinned unless the request names a segment.
 */
function campaignSettings(app: AppRecord, request: WriteCampaignRequest, current: CampaignSettings | undefined): CampaignSettings {
  const { tags: _ignoredTags, AdditionalTreatments, SegmentId, SegmentVersion, ...rest } = clone(request);
  const merged = { ...current, ...definedMembers(rest) };

  let segmentId = current?.SegmentId ?? '';
  let segmentVersion = current?.SegmentVersion ?? 1;
  if ((SegmentId !== undefined && SegmentId !== '') || SegmentVersion !== undefined) {
    segmentId = SegmentId !== undefined && SegmentId !== '' ? SegmentId : segmentId;
    const segment = requireSegment(app, segmentId);
    segmentVersion = SegmentVersion ?? segment.versions.length;
    if (!Number.isInteger(segmentVersion) || segment.versions[segmentVersion - 1] === undefined) {
      throw notFound('Segment version', `${segment.id}/versions/${segmentVersion}`);
    }
  }

  const treatments = AdditionalTreatments !== undefined
    ? AdditionalTreatments.map((treatment, index) => ({ ...treatment, Id: String(index) }))
    : current?.AdditionalTreatments ?? [];

  const settings: CampaignSettings = { ...merged, SegmentId: segmentId, SegmentVersion: segmentVersion, AdditionalTreatments: treatments };
  checkCampaignSettings(settings);
  return settings;
}

/** Module-private: the members of `value` that are not `undefined`, so a merge does not erase stored values. */
function definedMembers<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, member]) => member !== undefined)) as Partial<T>;
}

/** Module-private: the constraints seed 002 states on campaign settings. */
function checkCampaignSettings(settings: CampaignSettings): void {
  const holdout = settings.HoldoutPercent ?? 0;
  if (!Number.isInteger(holdout) || holdout < 0 || holdout > 100) throw badRequest(`HoldoutPercent must be an integer from 0 to 100; got ${holdout}`);
  let allocated = holdout;
  settings.AdditionalTreatments.forEach((treatment, index) => {
    const size = treatment.SizePercent;
    if (size === undefined || !Number.isInteger(size) || size < 0 || size > 100) {
      throw badRequest(`AdditionalTreatments[${index}].SizePercent must be an integer from 0 to 100; got ${String(size)}`);
    }
    allocated += size;
    checkSchedule(`AdditionalTreatments[${index}].Schedule`, treatment.Schedule);
  });
  if (allocated > 100) throw badRequest(`HoldoutPercent plus the SizePercent of all additional treatments must not exceed 100; got ${allocated}`);
  if (settings.Priority !== undefined && (!Number.isInteger(settings.Priority) || settings.Priority < 1 || settings.Priority > 5)) {
    throw badRequest(`Priority must be an integer from 1 to 5; got ${settings.Priority}`);
  }
  checkCampaignLimits('Limits', settings.Limits);
  checkSchedule('Schedule', settings.Schedule);
  // Seed 002, IsPaused: "A campaign scheduled for immediate can't be paused."
  if (settings.IsPaused === true && settings.Schedule?.StartTime === 'IMMEDIATE') {
    throw badRequest("A campaign scheduled for IMMEDIATE can't be paused: IsPaused must be false when Schedule.StartTime is 'IMMEDIATE'");
  }
}

/** Module-private: seed 002 Schedule rules (StartTime IMMEDIATE or ISO 8601, EndTime after it, EventFilter for EVENT, Timezone list). */
function checkSchedule(field: string, schedule: Schedule | undefined): void {
  if (schedule === undefined) return;
  const startTime = schedule.StartTime;
  if (startTime === undefined || startTime === '') throw badRequest(`${field}.StartTime is required: 'IMMEDIATE' or an ISO 8601 date-time`);
  const start = startTime === 'IMMEDIATE' ? undefined : parseIsoDateTime(startTime);
  if (startTime !== 'IMMEDIATE' && start === undefined) throw badRequest(`${field}.StartTime must be 'IMMEDIATE' or an ISO 8601 date-time; got '${startTime}'`);
  if (schedule.EndTime !== undefined) {
    const end = parseIsoDateTime(schedule.EndTime);
    if (end === undefined) throw badRequest(`${field}.EndTime must be an ISO 8601 date-time; got '${schedule.EndTime}'`);
    if (start !== undefined && end <= start) throw badRequest(`${field}.EndTime must be after StartTime; got ${schedule.EndTime} <= ${startTime}`);
  }
  if (schedule.Frequency === 'EVENT' && schedule.EventFilter === undefined) throw badRequest(`${field}.EventFilter is required when Frequency is EVENT`);
  if (schedule.Timezone !== undefined && !SCHEDULE_TIMEZONES.has(schedule.Timezone)) {
    throw badRequest(`${field}.Timezone must be one of the UTC offsets seed 002 lists (UTC, UTC+01, …, UTC-11); got '${schedule.Timezone}'`);
  }
  checkQuietTime(`${field}.QuietTime`, schedule.QuietTime);
}
