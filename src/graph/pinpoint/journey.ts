import type { ResponsePath } from 'graphql';
import type {
  AppResolvers,
  JourneyActivityExecutionMetricsResolvers,
  JourneyActivityResolvers,
  JourneyActivityType,
  JourneyChannelSettingsResolvers,
  JourneyClosedDaysResolvers,
  JourneyConditionalSplitActivityResolvers,
  JourneyConditionResolvers,
  JourneyContactCenterActivityResolvers,
  JourneyCustomActivityResolvers,
  JourneyEmailActivityResolvers,
  JourneyEventConditionResolvers,
  JourneyEventStartConditionResolvers,
  JourneyExecutionMetricsResolvers,
  JourneyHoldoutActivityResolvers,
  JourneyKpiName,
  JourneyMetricResolvers,
  JourneyMultiConditionActivityResolvers,
  JourneyMultiConditionBranchResolvers,
  JourneyOpenHoursResolvers,
  JourneyPushActivityResolvers,
  JourneyRandomSplitActivityResolvers,
  JourneyRandomSplitBranchResolvers,
  JourneyResolvers,
  JourneyRunResolvers,
  JourneyScheduleResolvers,
  JourneySegmentConditionResolvers,
  JourneySendingLimitsResolvers,
  JourneySimpleConditionResolvers,
  JourneySmsActivityResolvers,
  JourneyStartConditionResolvers,
  JourneyWaitActivityResolvers,
  JourneyWaitTimeResolvers,
  MutationResolvers,
} from '../../__generated__/resolvers-types';
import type { GraphQLContext } from '../context';
import { connectionFromUpstream } from '../connection';
import type {
  JourneyActivityExecutionMetricsModel,
  JourneyActivityModel,
  JourneyChannelSettingsModel,
  JourneyClosedDaysModel,
  JourneyEventConditionModel,
  JourneyExecutionMetricsModel,
  JourneyMetricModel,
  JourneyModel,
  JourneyOpenHoursModel,
  JourneyRandomSplitBranchModel,
  JourneyScheduleModel,
  JourneySendingLimitsModel,
  JourneyWaitTimeModel,
  KpiResultModel,
} from '../../upstream/pinpoint/models';
import type { JourneyKey } from '../../upstream/pinpoint/journeyLoaders';
import { applicationIdOf } from './app';
import { metricEntries, numberOrNull, PINPOINT_CONNECTION_LIMITS, pinpointGlobalId, present, tagList, upstreamFields } from './fields';
import { toWriteJourneyRequest } from './journeyInputs';
import { loadJourneyKpi, validateKpiRange } from './kpi';

/** Resolvers of schema/pinpoint/journey.graphql: journeys, their activities, runs, metrics and KPIs. */

/** The loader key of a journey model. */
export function journeyKeyOf(journey: JourneyModel): JourneyKey {
  return { applicationId: journey.ApplicationId, journeyId: journey.Id };
}

/** Module-private: the App fields this file's schema adds. */
const App: AppResolvers = {
  journeys: (app, args, ctx) =>
    connectionFromUpstream(args, PINPOINT_CONNECTION_LIMITS, (pageSize, token) => ctx.pinpoint.journeys.load({ applicationId: applicationIdOf(app), pageSize, token })),
  journey: (app, args, ctx) => ctx.pinpoint.journey.load({ applicationId: applicationIdOf(app), journeyId: args.id }),
};

/** Module-private. */
const Mutation: MutationResolvers = {
  createJourney: async (_root, { input }, ctx) => ({ journey: await ctx.pinpoint.createJourney(input.applicationId, toWriteJourneyRequest(input.journey)) }),
  updateJourney: async (_root, { input }, ctx) => ({
    journey: await ctx.pinpoint.updateJourney({ applicationId: input.applicationId, journeyId: input.journeyId }, toWriteJourneyRequest(input.journey)),
  }),
  updateJourneyState: async (_root, { input }, ctx) => ({ journey: await ctx.pinpoint.updateJourneyState({ applicationId: input.applicationId, journeyId: input.journeyId }, input.state) }),
  deleteJourney: async (_root, { input }, ctx) => ({ journey: await ctx.pinpoint.deleteJourney({ applicationId: input.applicationId, journeyId: input.journeyId }) }),
};

/** Module-private. */
const Journey: JourneyResolvers = {
  ...upstreamFields<JourneyModel>()({
    journeyId: 'Id',
    applicationId: 'ApplicationId',
    state: 'State',
    creationDate: 'CreationDate',
    lastModifiedDate: 'LastModifiedDate',
    schedule: 'Schedule',
    startActivityId: 'StartActivity',
    limits: 'Limits',
    quietTime: 'QuietTime',
    localTime: 'LocalTime',
    refreshFrequency: 'RefreshFrequency',
    refreshOnSegmentUpdate: 'RefreshOnSegmentUpdate',
    waitForQuietTime: 'WaitForQuietTime',
    sendingSchedule: 'SendingSchedule',
    channelSettings: 'JourneyChannelSettings',
  }),
  id: (journey, _args, ctx) => pinpointGlobalId(ctx, 'Journey', journey.ApplicationId, journey.Id),
  name: (journey) => present(journey.Name, 'JourneyResponse.Name'),
  tags: (journey) => tagList(journey.tags),
  startCondition: (journey) => (journey.StartCondition ? { ...journey.StartCondition, ApplicationId: journey.ApplicationId } : null),
  startActivity: (journey) => (journey.StartActivity === undefined ? null : activityOf(journey, journey.StartActivity)),
  activities: (journey) => Object.keys(journey.Activities ?? {}).map((id) => activityOf(journey, id)!),
  activity: (journey, args) => activityOf(journey, args.id),
  openHours: (journey) => openHoursOf(journey),
  closedDays: (journey) => closedDaysOf(journey),
  timezoneEstimationMethods: (journey) => journey.TimezoneEstimationMethods ?? [],
  app: (journey, _args, ctx) => ctx.pinpoint.app.load(journey.ApplicationId),
  runs: (journey, args, ctx) => connectionFromUpstream(args, PINPOINT_CONNECTION_LIMITS, (pageSize, token) => ctx.pinpoint.journeyRuns.load({ ...journeyKeyOf(journey), pageSize, token })),
  executionMetrics: (journey, _args, ctx) => ctx.pinpoint.journeyExecutionMetrics.load(journeyKeyOf(journey)),
  kpi: (journey, args, ctx, info) => journeyKpi(ctx, journey, args, info.path),
};

/**
 * A journey KPI. The range is checked before anything else (an invalid one costs no call); the
 * cache is keyed by the journey's ARN, which upstream leaves out of JourneyResponse, so it is
 * built from the project's ARN (`…:apps/<app>/journeys/<journey>`, inventory §8.2).
 */
export async function journeyKpi(ctx: GraphQLContext, journey: JourneyModel, args: { name: JourneyKpiName; startTime: Date | string; endTime: Date | string }, path: ResponsePath): Promise<KpiResultModel> {
  validateKpiRange(args.startTime, args.endTime);
  const appArn = present((await ctx.pinpoint.app.load(journey.ApplicationId)).Arn, 'ApplicationResponse.Arn');
  return loadJourneyKpi(ctx, { applicationId: journey.ApplicationId, journeyId: journey.Id, resourceArn: `${appArn}/journeys/${journey.Id}` }, args, path);
}

/** Module-private: the activity of a journey with that ID, as a model; null when there is none. */
function activityOf(journey: JourneyModel, activityId: string): JourneyActivityModel | null {
  const activities = journey.Activities ?? {};
  const activity = Object.hasOwn(activities, activityId) ? activities[activityId] : undefined;
  if (activity === undefined) return null;
  return { ...activity, ActivityId: activityId, ApplicationId: journey.ApplicationId, JourneyId: journey.Id, JourneyActivities: activities };
}

/** Module-private: the upstream open-hours map of maps (channel → weekday → rules), flattened. */
function openHoursOf(journey: JourneyModel): JourneyOpenHoursModel[] {
  // The SDK types the map as an interface of optional channels, which has no index signature.
  const byChannel = Object.entries(journey.OpenHours ?? {}) as Array<[string, Readonly<Record<string, ReadonlyArray<{ StartTime?: string; EndTime?: string }> | undefined>> | undefined]>;
  return byChannel.flatMap(([channel, days]) =>
    Object.entries(days ?? {}).flatMap(([day, rules]) => (rules ?? []).map((rule) => ({ Channel: channel, Day: day, StartTime: rule.StartTime, EndTime: rule.EndTime }))),
  );
}

/** Module-private: the upstream closed-days map (channel → rules), flattened. */
function closedDaysOf(journey: JourneyModel): JourneyClosedDaysModel[] {
  const byChannel = Object.entries(journey.ClosedDays ?? {}) as Array<[string, readonly JourneyClosedDaysRule[] | undefined]>;
  return byChannel.flatMap(([channel, rules]) => (rules ?? []).map((rule) => ({ ...rule, Channel: channel })));
}

/** Module-private: one closed-days rule as upstream sends it. */
type JourneyClosedDaysRule = Omit<JourneyClosedDaysModel, 'Channel'>;

/** Module-private: which kind an activity is (its one kind member that is set). */
function activityType(activity: JourneyActivityModel): JourneyActivityType {
  if (activity.EMAIL) return 'EMAIL';
  if (activity.SMS) return 'SMS';
  if (activity.PUSH) return 'PUSH';
  if (activity.CUSTOM) return 'CUSTOM';
  if (activity.ConditionalSplit) return 'CONDITIONAL_SPLIT';
  if (activity.MultiCondition) return 'MULTI_CONDITION';
  if (activity.RandomSplit) return 'RANDOM_SPLIT';
  if (activity.Holdout) return 'HOLDOUT';
  if (activity.Wait) return 'WAIT';
  if (activity.ContactCenter) return 'CONTACT_CENTER';
  throw new Error(`Journey activity ${JSON.stringify(activity.ActivityId)} of journey ${JSON.stringify(activity.JourneyId)} has no kind member; upstream always sets one.`);
}

/** Module-private: the IDs of the activities an activity leads to, in path order. */
function nextActivityIds(activity: JourneyActivityModel): Array<string | undefined> {
  const type = activityType(activity);
  switch (type) {
    case 'EMAIL':
      return [activity.EMAIL?.NextActivity];
    case 'SMS':
      return [activity.SMS?.NextActivity];
    case 'PUSH':
      return [activity.PUSH?.NextActivity];
    case 'CUSTOM':
      return [activity.CUSTOM?.NextActivity];
    case 'CONDITIONAL_SPLIT':
      return [activity.ConditionalSplit?.TrueActivity, activity.ConditionalSplit?.FalseActivity];
    case 'MULTI_CONDITION':
      return [...(activity.MultiCondition?.Branches ?? []).map((branch) => branch.NextActivity), activity.MultiCondition?.DefaultActivity];
    case 'RANDOM_SPLIT':
      return (activity.RandomSplit?.Branches ?? []).map((branch) => branch.NextActivity);
    case 'HOLDOUT':
      return [activity.Holdout?.NextActivity];
    case 'WAIT':
      return [activity.Wait?.NextActivity];
    case 'CONTACT_CENTER':
      return [activity.ContactCenter?.NextActivity];
    default:
      throw new Error(`Unhandled journey activity type: ${JSON.stringify(type satisfies never)}`);
  }
}

/** Module-private. */
const JourneyActivity: JourneyActivityResolvers = {
  ...upstreamFields<JourneyActivityModel>()({ activityId: 'ActivityId', journeyId: 'JourneyId', description: 'Description' }),
  type: (activity) => activityType(activity),
  email: (activity) => activity.EMAIL ?? null,
  sms: (activity) => activity.SMS ?? null,
  push: (activity) => activity.PUSH ?? null,
  custom: (activity) => activity.CUSTOM ?? null,
  conditionalSplit: (activity) => (activity.ConditionalSplit ? { ...activity.ConditionalSplit, ApplicationId: activity.ApplicationId } : null),
  multiCondition: (activity) => (activity.MultiCondition ? { ...activity.MultiCondition, ApplicationId: activity.ApplicationId } : null),
  randomSplit: (activity) => activity.RandomSplit ?? null,
  holdout: (activity) => activity.Holdout ?? null,
  wait: (activity) => activity.Wait ?? null,
  contactCenter: (activity) => activity.ContactCenter ?? null,
  // Paths that lead nowhere (or to an ID the journey lacks) are left out.
  nextActivities: (activity) =>
    nextActivityIds(activity).flatMap((id) => {
      const next = id === undefined || !Object.hasOwn(activity.JourneyActivities, id) ? undefined : activity.JourneyActivities[id];
      return next === undefined ? [] : [{ ...next, ActivityId: id!, ApplicationId: activity.ApplicationId, JourneyId: activity.JourneyId, JourneyActivities: activity.JourneyActivities }];
    }),
  executionMetrics: (activity, _args, ctx) =>
    ctx.pinpoint.journeyActivityExecutionMetrics.load({ applicationId: activity.ApplicationId, journeyId: activity.JourneyId, activityId: activity.ActivityId }),
};

/** Module-private. */
const JourneyEmailActivity: JourneyEmailActivityResolvers = {
  templateName: (activity) => activity.TemplateName ?? null,
  templateVersion: (activity) => activity.TemplateVersion ?? null,
  nextActivityId: (activity) => activity.NextActivity ?? null,
  fromAddress: (activity) => activity.MessageConfig?.FromAddress ?? null,
  template: (activity, _args, ctx) =>
    activity.TemplateName === undefined ? null : ctx.pinpoint.template.load({ templateType: 'EMAIL', templateName: activity.TemplateName, version: activity.TemplateVersion }),
};

/** Module-private. */
const JourneySmsActivity: JourneySmsActivityResolvers = {
  templateName: (activity) => activity.TemplateName ?? null,
  templateVersion: (activity) => activity.TemplateVersion ?? null,
  nextActivityId: (activity) => activity.NextActivity ?? null,
  messageType: (activity) => activity.MessageConfig?.MessageType ?? null,
  originationNumber: (activity) => activity.MessageConfig?.OriginationNumber ?? null,
  originationPhoneNumber: (activity, _args, ctx) => (activity.MessageConfig?.OriginationNumber ? ctx.smsVoice.phoneNumberByNumber.load(activity.MessageConfig.OriginationNumber) : null),
  senderId: (activity) => activity.MessageConfig?.SenderId ?? null,
  entityId: (activity) => activity.MessageConfig?.EntityId ?? null,
  templateId: (activity) => activity.MessageConfig?.TemplateId ?? null,
  template: (activity, _args, ctx) =>
    activity.TemplateName === undefined ? null : ctx.pinpoint.template.load({ templateType: 'SMS', templateName: activity.TemplateName, version: activity.TemplateVersion }),
};

/** Module-private. */
const JourneyPushActivity: JourneyPushActivityResolvers = {
  templateName: (activity) => activity.TemplateName ?? null,
  templateVersion: (activity) => activity.TemplateVersion ?? null,
  nextActivityId: (activity) => activity.NextActivity ?? null,
  timeToLive: (activity) => activity.MessageConfig?.TimeToLive ?? null,
  template: (activity, _args, ctx) =>
    activity.TemplateName === undefined ? null : ctx.pinpoint.template.load({ templateType: 'PUSH', templateName: activity.TemplateName, version: activity.TemplateVersion }),
};

/** Module-private. */
const JourneyCustomActivity: JourneyCustomActivityResolvers = {
  deliveryUri: (activity) => activity.DeliveryUri ?? null,
  endpointTypes: (activity) => activity.EndpointTypes ?? [],
  data: (activity) => activity.MessageConfig?.Data ?? null,
  templateName: (activity) => activity.TemplateName ?? null,
  templateVersion: (activity) => activity.TemplateVersion ?? null,
  nextActivityId: (activity) => activity.NextActivity ?? null,
};

/** Module-private. */
const JourneyConditionalSplitActivity: JourneyConditionalSplitActivityResolvers = {
  condition: (split) => (split.Condition ? { ...split.Condition, ApplicationId: split.ApplicationId } : null),
  evaluationWaitTime: (split) => split.EvaluationWaitTime ?? null,
  trueActivityId: (split) => split.TrueActivity ?? null,
  falseActivityId: (split) => split.FalseActivity ?? null,
};

/** Module-private. */
const JourneyMultiConditionActivity: JourneyMultiConditionActivityResolvers = {
  branches: (split) => (split.Branches ?? []).map((branch) => ({ ...branch, ApplicationId: split.ApplicationId })),
  defaultActivityId: (split) => split.DefaultActivity ?? null,
  evaluationWaitTime: (split) => split.EvaluationWaitTime ?? null,
};

/** Module-private. */
const JourneyMultiConditionBranch: JourneyMultiConditionBranchResolvers = {
  condition: (branch) => (branch.Condition ? { ...branch.Condition, ApplicationId: branch.ApplicationId } : null),
  nextActivityId: (branch) => branch.NextActivity ?? null,
};

/** Module-private. */
const JourneyRandomSplitActivity: JourneyRandomSplitActivityResolvers = { branches: (split) => split.Branches ?? [] };

/** Module-private. */
const JourneyRandomSplitBranch: JourneyRandomSplitBranchResolvers = upstreamFields<JourneyRandomSplitBranchModel>()({ percentage: 'Percentage', nextActivityId: 'NextActivity' });

/** Module-private. */
const JourneyHoldoutActivity: JourneyHoldoutActivityResolvers = {
  percentage: (holdout) => present(holdout.Percentage, 'HoldoutActivity.Percentage'),
  nextActivityId: (holdout) => holdout.NextActivity ?? null,
};

/** Module-private. */
const JourneyWaitActivity: JourneyWaitActivityResolvers = {
  waitTime: (wait) => wait.WaitTime ?? null,
  nextActivityId: (wait) => wait.NextActivity ?? null,
};

/** Module-private. */
const JourneyContactCenterActivity: JourneyContactCenterActivityResolvers = { nextActivityId: (activity) => activity.NextActivity ?? null };

/** Module-private. */
const JourneyWaitTime: JourneyWaitTimeResolvers = upstreamFields<JourneyWaitTimeModel>()({ waitFor: 'WaitFor', waitUntil: 'WaitUntil' });

/** Module-private. */
const JourneyCondition: JourneyConditionResolvers = {
  operator: (condition) => condition.Operator ?? null,
  conditions: (condition) => (condition.Conditions ?? []).map((simple) => ({ ...simple, ApplicationId: condition.ApplicationId })),
};

/** Module-private. */
const JourneySimpleCondition: JourneySimpleConditionResolvers = {
  eventCondition: (condition) => condition.EventCondition ?? null,
  segmentCondition: (condition) => (condition.SegmentCondition ? { ...condition.SegmentCondition, ApplicationId: condition.ApplicationId } : null),
  segmentDimensions: (condition) => condition.SegmentDimensions ?? null,
};

/** Module-private. */
const JourneyEventCondition: JourneyEventConditionResolvers = upstreamFields<JourneyEventConditionModel>()({ dimensions: 'Dimensions', messageActivityId: 'MessageActivity' });

/** Module-private. */
const JourneySegmentCondition: JourneySegmentConditionResolvers = {
  segmentId: (condition) => present(condition.SegmentId, 'SegmentCondition.SegmentId'),
  segment: (condition, _args, ctx) => ctx.pinpoint.segment.load({ applicationId: condition.ApplicationId, segmentId: present(condition.SegmentId, 'SegmentCondition.SegmentId') }),
};

/** Module-private. */
const JourneyStartCondition: JourneyStartConditionResolvers = {
  description: (condition) => condition.Description ?? null,
  segmentId: (condition) => condition.SegmentStartCondition?.SegmentId ?? null,
  segment: (condition, _args, ctx) => {
    const segmentId = condition.SegmentStartCondition?.SegmentId;
    // Annotated with GetSegments too: several start segments of one project come from its list.
    return segmentId === undefined ? null : ctx.pinpoint.segmentViaList.load({ applicationId: condition.ApplicationId, segmentId });
  },
  eventStartCondition: (condition) => (condition.EventStartCondition ? { ...condition.EventStartCondition, ApplicationId: condition.ApplicationId } : null),
};

/** Module-private. */
const JourneyEventStartCondition: JourneyEventStartConditionResolvers = {
  eventFilter: (condition) => condition.EventFilter ?? null,
  segmentId: (condition) => condition.SegmentId ?? null,
  segment: (condition, _args, ctx) => (condition.SegmentId === undefined ? null : ctx.pinpoint.segment.load({ applicationId: condition.ApplicationId, segmentId: condition.SegmentId })),
};

/** Module-private. */
const JourneySchedule: JourneyScheduleResolvers = upstreamFields<JourneyScheduleModel>()({ startTime: 'StartTime', endTime: 'EndTime', timezone: 'Timezone' });

/** Module-private. */
const JourneySendingLimits: JourneySendingLimitsResolvers = upstreamFields<JourneySendingLimitsModel>()({
  dailyCap: 'DailyCap',
  endpointReentryCap: 'EndpointReentryCap',
  endpointReentryInterval: 'EndpointReentryInterval',
  messagesPerSecond: 'MessagesPerSecond',
  timeframeCap: 'TimeframeCap',
  totalCap: 'TotalCap',
});

/** Module-private. */
const JourneyOpenHours: JourneyOpenHoursResolvers = upstreamFields<JourneyOpenHoursModel>()({ channel: 'Channel', day: 'Day', startTime: 'StartTime', endTime: 'EndTime' });

/** Module-private. */
const JourneyClosedDays: JourneyClosedDaysResolvers = upstreamFields<JourneyClosedDaysModel>()({ channel: 'Channel', name: 'Name', startDateTime: 'StartDateTime', endDateTime: 'EndDateTime' });

/** Module-private. */
const JourneyChannelSettings: JourneyChannelSettingsResolvers = upstreamFields<JourneyChannelSettingsModel>()({
  connectCampaignArn: 'ConnectCampaignArn',
  connectCampaignExecutionRoleArn: 'ConnectCampaignExecutionRoleArn',
});

/** Module-private. */
const JourneyRun: JourneyRunResolvers = {
  runId: (run) => present(run.RunId, 'JourneyRunResponse.RunId'),
  status: (run) => run.Status ?? null,
  creationTime: (run) => run.CreationTime ?? null,
  lastUpdateTime: (run) => run.LastUpdateTime ?? null,
  journey: (run, _args, ctx) => ctx.pinpoint.journey.load({ applicationId: run.ApplicationId, journeyId: run.JourneyId }),
  executionMetrics: (run, _args, ctx) =>
    ctx.pinpoint.journeyRunExecutionMetrics.load({ applicationId: run.ApplicationId, journeyId: run.JourneyId, runId: present(run.RunId, 'JourneyRunResponse.RunId') }),
  // One load per activity: a failing activity fails its own list entry, and the others still resolve.
  activityMetrics: async (run, args, ctx) => {
    const key = { applicationId: run.ApplicationId, journeyId: run.JourneyId, runId: present(run.RunId, 'JourneyRunResponse.RunId') };
    const activityIds = args.activityIds ?? Object.keys((await ctx.pinpoint.journey.load(key)).Activities ?? {});
    return activityIds.map((activityId) => ctx.pinpoint.journeyRunActivityExecutionMetrics.load({ ...key, activityId }));
  },
};

/** Module-private. */
const JourneyExecutionMetrics: JourneyExecutionMetricsResolvers = {
  lastEvaluatedTime: (metrics: JourneyExecutionMetricsModel) => metrics.LastEvaluatedTime ?? null,
  metrics: (metrics) => metricEntries(metrics.Metrics),
};

/** Module-private. */
const JourneyActivityExecutionMetrics: JourneyActivityExecutionMetricsResolvers = {
  activityId: (metrics: JourneyActivityExecutionMetricsModel) => present(metrics.JourneyActivityId, 'JourneyExecutionActivityMetricsResponse.JourneyActivityId'),
  activityType: (metrics) => metrics.ActivityType ?? null,
  lastEvaluatedTime: (metrics) => metrics.LastEvaluatedTime ?? null,
  metrics: (metrics) => metricEntries(metrics.Metrics),
};

/** Module-private. */
const JourneyMetric: JourneyMetricResolvers = {
  name: (metric: JourneyMetricModel) => metric.Name,
  value: (metric) => numberOrNull(metric.Value),
  rawValue: (metric) => metric.Value,
};

/** Resolvers of the journey types, the App fields that reach them and their mutations. */
export const journeyResolvers = {
  App,
  Mutation,
  Journey,
  JourneyActivity,
  JourneyEmailActivity,
  JourneySmsActivity,
  JourneyPushActivity,
  JourneyCustomActivity,
  JourneyConditionalSplitActivity,
  JourneyMultiConditionActivity,
  JourneyMultiConditionBranch,
  JourneyRandomSplitActivity,
  JourneyRandomSplitBranch,
  JourneyHoldoutActivity,
  JourneyWaitActivity,
  JourneyContactCenterActivity,
  JourneyWaitTime,
  JourneyCondition,
  JourneySimpleCondition,
  JourneyEventCondition,
  JourneySegmentCondition,
  JourneyStartCondition,
  JourneyEventStartCondition,
  JourneySchedule,
  JourneySendingLimits,
  JourneyOpenHours,
  JourneyClosedDays,
  JourneyChannelSettings,
  JourneyRun,
  JourneyExecutionMetrics,
  JourneyActivityExecutionMetrics,
  JourneyMetric,
};
