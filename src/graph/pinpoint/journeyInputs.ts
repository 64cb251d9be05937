import type {
  JourneyActivityInput,
  JourneyClosedDaysInput,
  JourneyConditionInput,
  JourneyOpenHoursInput,
  JourneySimpleConditionInput,
  JourneyWaitTimeInput,
  WriteJourneyInput,
} from '../../__generated__/resolvers-types';
import { badUserInput } from '../errors';
import type { JourneyActivityRequestModel, JourneySimpleConditionModel, JourneyWaitTimeModel, WriteJourneyRequestModel } from '../../upstream/pinpoint/models';
import { toEventDimensions, toEventFilter, toQuietTime, toSegmentDimensions } from './inputs';
import { assertUnique, map, oneOf, opt } from './inputKit';

/**
 * Journey inputs → WriteJourneyRequest. Activities arrive as a list with their IDs and become the
 * upstream map (IDs unique, exactly one kind per activity); open hours and closed days arrive
 * flattened and become the upstream maps. Those checks, and the enumerations upstream types as
 * strings in GraphQL, are made here before any upstream call.
 */

/** Module-private: upstream channel and weekday names of open hours and closed days (seed 002, OpenHours / ClosedDays). */
const SCHEDULE_CHANNELS = ['EMAIL', 'SMS', 'PUSH', 'VOICE', 'CUSTOM'] as const;
/** Module-private. */
const WEEKDAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'] as const;
/** Module-private. */
const TIMEZONE_ESTIMATION_METHODS = ['PHONE_NUMBER', 'POSTAL_CODE'] as const;
/** Module-private. */
const CONDITION_OPERATORS = ['ALL', 'ANY'] as const;

/** Module-private: the kind fields of an activity input (exactly one must be set). */
const ACTIVITY_KINDS = ['email', 'sms', 'push', 'custom', 'conditionalSplit', 'multiCondition', 'randomSplit', 'holdout', 'wait', 'contactCenter'] as const;

/** CreateJourney / UpdateJourney body. */
export function toWriteJourneyRequest(input: WriteJourneyInput): WriteJourneyRequestModel {
  const activities = opt(input.activities);
  if (activities !== undefined) {
    assertUnique(
      activities.map((activity) => activity.activityId),
      'input.journey.activities[].activityId',
    );
  }
  return {
    Name: input.name,
    State: opt(input.state),
    Schedule: map(input.schedule, (schedule) => ({ StartTime: map(schedule.startTime, asDate), EndTime: map(schedule.endTime, asDate), Timezone: opt(schedule.timezone) })),
    StartCondition: map(input.startCondition, (condition) => ({
      Description: opt(condition.description),
      SegmentStartCondition: map(condition.segmentId, (segmentId) => ({ SegmentId: segmentId })),
      EventStartCondition: map(condition.eventStartCondition, (event) => ({ EventFilter: map(event.eventFilter, toEventFilter), SegmentId: opt(event.segmentId) })),
    })),
    StartActivity: opt(input.startActivityId),
    Activities: map(activities, (list) => Object.fromEntries(list.map((activity, index) => [activity.activityId, toActivity(activity, `input.journey.activities[${index}]`)]))),
    Limits: map(input.limits, (limits) => ({
      DailyCap: opt(limits.dailyCap),
      EndpointReentryCap: opt(limits.endpointReentryCap),
      EndpointReentryInterval: opt(limits.endpointReentryInterval),
      MessagesPerSecond: opt(limits.messagesPerSecond),
      TimeframeCap: map(limits.timeframeCap, (cap) => ({ Cap: opt(cap.cap), Days: opt(cap.days) })),
      TotalCap: opt(limits.totalCap),
    })),
    QuietTime: map(input.quietTime, toQuietTime),
    LocalTime: opt(input.localTime),
    RefreshFrequency: opt(input.refreshFrequency),
    RefreshOnSegmentUpdate: opt(input.refreshOnSegmentUpdate),
    WaitForQuietTime: opt(input.waitForQuietTime),
    SendingSchedule: opt(input.sendingSchedule),
    OpenHours: map(input.openHours, toOpenHours),
    ClosedDays: map(input.closedDays, toClosedDays),
    TimezoneEstimationMethods: map(input.timezoneEstimationMethods, (methods) =>
      methods.map((method, index) => oneOf(method, TIMEZONE_ESTIMATION_METHODS, `input.journey.timezoneEstimationMethods[${index}]`)),
    ),
    JourneyChannelSettings: map(input.channelSettings, (settings) => ({
      ConnectCampaignArn: opt(settings.connectCampaignArn),
      ConnectCampaignExecutionRoleArn: opt(settings.connectCampaignExecutionRoleArn),
    })),
  };
}

/** Module-private: one activity; exactly one kind field must be set. */
function toActivity(input: JourneyActivityInput, path: string): JourneyActivityRequestModel {
  const kinds = ACTIVITY_KINDS.filter((kind) => input[kind] !== null && input[kind] !== undefined);
  if (kinds.length !== 1) {
    throw badUserInput(`"${path}" must set exactly one of ${ACTIVITY_KINDS.join(', ')}; got ${kinds.length === 0 ? 'none' : kinds.join(', ')}.`, { argument: path });
  }
  return {
    Description: opt(input.description),
    EMAIL: map(input.email, (a) => ({
      TemplateName: opt(a.templateName),
      TemplateVersion: opt(a.templateVersion),
      NextActivity: opt(a.nextActivityId),
      MessageConfig: map(a.fromAddress, (fromAddress) => ({ FromAddress: fromAddress })),
    })),
    SMS: map(input.sms, (a) => ({
      TemplateName: opt(a.templateName),
      TemplateVersion: opt(a.templateVersion),
      NextActivity: opt(a.nextActivityId),
      MessageConfig: {
        MessageType: opt(a.messageType),
        OriginationNumber: opt(a.originationNumber),
        SenderId: opt(a.senderId),
        EntityId: opt(a.entityId),
        TemplateId: opt(a.templateId),
      },
    })),
    PUSH: map(input.push, (a) => ({
      TemplateName: opt(a.templateName),
      TemplateVersion: opt(a.templateVersion),
      NextActivity: opt(a.nextActivityId),
      MessageConfig: map(a.timeToLive, (timeToLive) => ({ TimeToLive: timeToLive })),
    })),
    CUSTOM: map(input.custom, (a) => ({
      DeliveryUri: opt(a.deliveryUri),
      EndpointTypes: opt(a.endpointTypes),
      MessageConfig: map(a.data, (data) => ({ Data: data })),
      TemplateName: opt(a.templateName),
      TemplateVersion: opt(a.templateVersion),
      NextActivity: opt(a.nextActivityId),
    })),
    ConditionalSplit: map(input.conditionalSplit, (a) => ({
      Condition: map(a.condition, (condition) => toCondition(condition, `${path}.conditionalSplit.condition`)),
      EvaluationWaitTime: map(a.evaluationWaitTime, toWaitTime),
      TrueActivity: opt(a.trueActivityId),
      FalseActivity: opt(a.falseActivityId),
    })),
    MultiCondition: map(input.multiCondition, (a) => ({
      Branches: map(a.branches, (branches) =>
        branches.map((branch, index) => ({
          Condition: map(branch.condition, (condition) => toSimpleCondition(condition, `${path}.multiCondition.branches[${index}].condition`)),
          NextActivity: opt(branch.nextActivityId),
        })),
      ),
      DefaultActivity: opt(a.defaultActivityId),
      EvaluationWaitTime: map(a.evaluationWaitTime, toWaitTime),
    })),
    RandomSplit: map(input.randomSplit, (a) => ({
      Branches: map(a.branches, (branches) => branches.map((branch) => ({ Percentage: opt(branch.percentage), NextActivity: opt(branch.nextActivityId) }))),
    })),
    Holdout: map(input.holdout, (a) => ({ Percentage: a.percentage, NextActivity: opt(a.nextActivityId) })),
    Wait: map(input.wait, (a) => ({ WaitTime: map(a.waitTime, toWaitTime), NextActivity: opt(a.nextActivityId) })),
    ContactCenter: map(input.contactCenter, (a) => ({ NextActivity: opt(a.nextActivityId) })),
  };
}

/** Module-private. */
function toCondition(input: JourneyConditionInput, path: string): NonNullable<NonNullable<JourneyActivityRequestModel['ConditionalSplit']>['Condition']> {
  return {
    Operator: map(input.operator, (operator) => oneOf(operator, CONDITION_OPERATORS, `${path}.operator`)),
    Conditions: map(input.conditions, (conditions) => conditions.map((condition, index) => toSimpleCondition(condition, `${path}.conditions[${index}]`))),
  };
}

/** Module-private: the application ID is added by the model layer on output only, so it is left out here. */
function toSimpleCondition(input: JourneySimpleConditionInput, path: string): Omit<JourneySimpleConditionModel, 'ApplicationId'> {
  return {
    EventCondition: map(input.eventCondition, (event) => ({
      Dimensions: map(event.dimensions, (dimensions) => toEventDimensions(dimensions, `${path}.eventCondition.dimensions`)),
      MessageActivity: opt(event.messageActivityId),
    })),
    SegmentCondition: map(input.segmentId, (segmentId) => ({ SegmentId: segmentId })),
    SegmentDimensions: map(input.segmentDimensions, toSegmentDimensions),
  };
}

/** Module-private. */
function toWaitTime(input: JourneyWaitTimeInput): JourneyWaitTimeModel {
  return { WaitFor: opt(input.waitFor), WaitUntil: opt(input.waitUntil) };
}

/** Module-private: flattened open hours → the upstream map of channel → weekday → windows. */
function toOpenHours(entries: readonly JourneyOpenHoursInput[]): NonNullable<WriteJourneyRequestModel['OpenHours']> {
  const openHours: Record<string, Record<string, Array<{ StartTime: string; EndTime: string }>>> = {};
  entries.forEach((entry, index) => {
    const channel = oneOf(entry.channel, SCHEDULE_CHANNELS, `input.journey.openHours[${index}].channel`);
    const day = oneOf(entry.day, WEEKDAYS, `input.journey.openHours[${index}].day`);
    openHours[channel] ??= {};
    (openHours[channel][day] ??= []).push({ StartTime: entry.startTime, EndTime: entry.endTime });
  });
  return openHours;
}

/** Module-private: flattened closed days → the upstream map of channel → rules. */
function toClosedDays(entries: readonly JourneyClosedDaysInput[]): NonNullable<WriteJourneyRequestModel['ClosedDays']> {
  const closedDays: Record<string, Array<{ Name?: string; StartDateTime?: string; EndDateTime?: string }>> = {};
  entries.forEach((entry, index) => {
    const channel = oneOf(entry.channel, SCHEDULE_CHANNELS, `input.journey.closedDays[${index}].channel`);
    (closedDays[channel] ??= []).push({ Name: opt(entry.name), StartDateTime: opt(entry.startDateTime), EndDateTime: opt(entry.endDateTime) });
  });
  return closedDays;
}

/** Module-private: a DateTime scalar value (a Date, or an ISO string from a literal) as a Date. */
function asDate(value: Date | string): Date {
  return value instanceof Date ? value : new Date(value);
}
