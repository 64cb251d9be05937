import type { Condition, EventCondition, SegmentDimensions, SimpleCondition } from '@aws-sdk/client-pinpoint';
import { eventMatches } from './campaignRunner';
import type { AppExtras } from './channelsStore';
import type { ParticipantRecord } from './journeysStore';
import { segmentMembers } from './segmentMembers';
import { endpointKey, type AppRecord, type SegmentRecord } from './store';

/**
 * The conditions of yes/no and multivariate split activities, evaluated for one participant at
 * one instant (the end of the split's EvaluationWaitTime).
 *
 * - `SegmentCondition`: the endpoint is a member of the segment (its latest version) now.
 * - `SegmentDimensions`: the endpoint matches the dimensions now (the segment evaluator of
 *   `segmentMembers.ts`, on a one-off dimensional segment).
 * - `EventCondition`: an event of the endpoint matches `Dimensions` (event type, attributes,
 *   metrics: the event filter rules of `campaignRunner.ts`) and happened no later than the
 *   evaluation. With `MessageActivity` (an activity ID of the journey), the event must be about
 *   the message that activity sent this participant: its `message_id` attribute is that
 *   message's ID (what the outbox shows), or its `journey_id` and `journey_activity_id` are this
 *   journey and that activity; and it happened at or after the send. A participant that activity
 *   sent nothing never meets the condition. Without `MessageActivity`, any event of the endpoint
 *   since it entered the journey counts.
 * - Event types are the standard ones (`_email.open`, `_SMS.SUCCESS`, a custom event's name); the
 *   console-style names of `EVENT_TYPE_ALIASES` (`EMAIL_OPENED`, `EMAIL_CLICKED`, …) are read as
 *   the standard types they stand for.
 * - `Operator` ALL (the default) needs every condition, ANY one of them; a split without
 *   conditions, or a condition that sets none of the three, is not met.
 */

/** Console-style event names a condition may use, and the standard event type each stands for. */
export const EVENT_TYPE_ALIASES: Readonly<Record<string, string>> = {
  EMAIL_SEND: '_email.send',
  EMAIL_SENT: '_email.send',
  EMAIL_DELIVERED: '_email.delivered',
  EMAIL_OPEN: '_email.open',
  EMAIL_OPENED: '_email.open',
  EMAIL_CLICK: '_email.click',
  EMAIL_CLICKED: '_email.click',
  EMAIL_HARDBOUNCE: '_email.hardbounce',
  EMAIL_SOFTBOUNCE: '_email.softbounce',
  EMAIL_COMPLAINT: '_email.complaint',
  EMAIL_UNSUBSCRIBE: '_email.unsubscribe',
  EMAIL_REJECTED: '_email.rejected',
  SMS_SUCCESS: '_SMS.SUCCESS',
  SMS_DELIVERED: '_SMS.SUCCESS',
  SMS_FAILURE: '_SMS.FAILURE',
  SMS_OPTOUT: '_SMS.OPTOUT',
  PUSH_OPENED: '_campaign.opened_notification',
};

/** What a condition is evaluated against. */
export interface ConditionScope {
  readonly app: AppRecord;
  readonly extras: AppExtras;
  readonly journeyId: string;
  /** Segment and dimension memberships computed so far in this pass, by cache key (memberships don't change within one instant). */
  readonly memberships: Map<string, Set<string>>;
}

/** Whether `condition` holds for `participant` at `atMs`. */
export function conditionHolds(condition: Condition | undefined, participant: ParticipantRecord, scope: ConditionScope, atMs: number): boolean {
  const conditions = condition?.Conditions ?? [];
  if (conditions.length === 0) return false;
  const holds = (simple: SimpleCondition) => simpleConditionHolds(simple, participant, scope, atMs);
  return condition?.Operator === 'ANY' ? conditions.some(holds) : conditions.every(holds);
}

/** Whether one simple condition holds (every part it sets must). */
export function simpleConditionHolds(simple: SimpleCondition | undefined, participant: ParticipantRecord, scope: ConditionScope, atMs: number): boolean {
  const parts: boolean[] = [];
  const key = endpointKey(participant.endpointId);
  if (simple?.SegmentCondition !== undefined) parts.push(segmentKeys(scope, simple.SegmentCondition.SegmentId ?? '', atMs).has(key));
  if (simple?.SegmentDimensions !== undefined) parts.push(dimensionKeys(scope, simple.SegmentDimensions, atMs).has(key));
  if (simple?.EventCondition !== undefined) parts.push(eventConditionHolds(simple.EventCondition, participant, scope, atMs));
  return parts.length > 0 && parts.every(Boolean);
}

/** The endpoint keys a segment holds at `atMs` (cached for the pass). */
export function segmentKeys(scope: ConditionScope, segmentId: string, atMs: number): Set<string> {
  return cached(scope, `segment\u0000${segmentId}\u0000${atMs}`, () => membersOf(scope.app, scope.extras, segmentId, atMs));
}

/** Module-private: the endpoint keys matching one-off dimensions at `atMs` (cached for the pass). */
function dimensionKeys(scope: ConditionScope, dimensions: SegmentDimensions, atMs: number): Set<string> {
  return cached(scope, `dimensions\u0000${JSON.stringify(dimensions)}\u0000${atMs}`, () => {
    const id = '__journey_condition__';
    const segment: SegmentRecord = {
      id,
      arn: '',
      creationDate: new Date(atMs).toISOString(),
      segmentType: 'DIMENSIONAL',
      tags: {},
      versions: [{ version: 1, lastModifiedDate: new Date(atMs).toISOString(), dimensions }],
    };
    // The app's endpoints and events as they are, with this one segment: the evaluator reads nothing else of it.
    return membersOf({ ...scope.app, segments: new Map([[id, segment]]) }, scope.extras, id, atMs);
  });
}

/** Module-private. */
function membersOf(app: AppRecord, extras: AppExtras, segmentId: string, atMs: number): Set<string> {
  const members = segmentMembers(app, extras, segmentId, undefined, new Date(atMs));
  return new Set([...members.endpoints.map((endpoint) => endpointKey(endpoint.Id)), ...members.unregistered.map((endpoint) => endpointKey(endpoint.Id))]);
}

/** Module-private. */
function cached(scope: ConditionScope, key: string, compute: () => Set<string>): Set<string> {
  let keys = scope.memberships.get(key);
  if (keys === undefined) {
    keys = compute();
    scope.memberships.set(key, keys);
  }
  return keys;
}

/** Module-private: see the module comment. */
function eventConditionHolds(condition: EventCondition, participant: ParticipantRecord, scope: ConditionScope, atMs: number): boolean {
  const key = endpointKey(participant.endpointId);
  const dimensions = condition.Dimensions ?? {};
  const eventType = dimensions.EventType;
  const filter = {
    FilterType: 'ENDPOINT' as const,
    Dimensions: eventType === undefined ? dimensions : { ...dimensions, EventType: { ...eventType, Values: (eventType.Values ?? []).map((value) => EVENT_TYPE_ALIASES[value] ?? value) } },
  };
  const activityId = condition.MessageActivity;
  const message = activityId === undefined ? undefined : [...participant.messages].reverse().find((sent) => sent.activityId === activityId);
  if (activityId !== undefined && message === undefined) return false;
  const since = message?.at ?? participant.enteredAt;
  return scope.app.events.some((event) => {
    const at = event.timestamp.getTime();
    if (endpointKey(event.endpointId) !== key || at < since || at > atMs) return false;
    if (message !== undefined) {
      const aboutMessage =
        event.attributes.message_id === message.messageId || (event.attributes.journey_id === scope.journeyId && event.attributes.journey_activity_id === activityId);
      if (!aboutMessage) return false;
    }
    return eventMatches(filter, event);
  });
}
