import type { Activity, WaitTime } from '@aws-sdk/client-pinpoint';

/**
 * What the journey handlers and the journey runner both need to know about activities: the
 * kinds an `Activity` can be, the `ActivityType` its metrics report, the metric names each type
 * reports, and the arithmetic of ISO 8601 durations and wait times.
 *
 * Activity execution metric names. [DG-2023] (inventory §5.2) names only the split fields: one
 * `Branch_<n>` per path (a yes/no split: 1 = yes, 2 = no; a multivariate split: its branches
 * in order, then the default path) and a random split's `TOTAL`. The reference elides the
 * fields of the other types, so the emulator reports these names, chosen after the console's
 * "unsent message" reasons (User Guide, journey metrics) and the campaign run outcomes:
 * - MESSAGE (email, SMS, push, custom): `SUCCESS` sent; `ENDPOINT_OPT_OUT` opted out since it
 *   entered; `UNSUPPORTED_CHANNEL` the endpoint's channel is not the activity's; `PERMANENT_FAILURE`
 *   nothing to send (the template or version does not exist); `CHANNEL_DISABLED` the app's
 *   channel is disabled; `QUIET_TIME` in quiet time (and not waiting for it to end);
 *   `DAILY_CAP`, `TOTAL_CAP`, `TIMEFRAME_CAP` a journey limit was reached;
 * - CONTACT_CENTER: `SUCCESS`, `ENDPOINT_OPT_OUT`, `UNSUPPORTED_CHANNEL` (no phone number);
 * - WAIT: `WAITING` participants waiting now, `COMPLETED` participants whose wait ended;
 * - HOLDOUT: `HOLDOUT` participants held out (they leave the journey), `PASSED` the others.
 */

/** The activity kinds of the Activity structure; exactly one is set on a valid activity. */
export const ACTIVITY_KINDS = ['CUSTOM', 'ConditionalSplit', 'EMAIL', 'Holdout', 'MultiCondition', 'PUSH', 'RandomSplit', 'SMS', 'Wait', 'ContactCenter'] as const;

/** One activity kind (the member of Activity that is set). */
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

/** The `ActivityType` an activity's execution metrics report ([DG-2023]; email, SMS, push and custom messages are all MESSAGE). */
export type JourneyActivityType = 'MESSAGE' | 'CONDITIONAL_SPLIT' | 'MULTI_CONDITIONAL_SPLIT' | 'RANDOM_SPLIT' | 'HOLDOUT' | 'WAIT' | 'CONTACT_CENTER';

/** The metric names of a message activity (see the module comment). */
export const MESSAGE_ACTIVITY_METRICS = ['SUCCESS', 'ENDPOINT_OPT_OUT', 'UNSUPPORTED_CHANNEL', 'PERMANENT_FAILURE', 'CHANNEL_DISABLED', 'QUIET_TIME', 'DAILY_CAP', 'TOTAL_CAP', 'TIMEFRAME_CAP'] as const;

/** One outcome of a message activity for one participant. */
export type MessageOutcome = (typeof MESSAGE_ACTIVITY_METRICS)[number];

/** The metric names of a contact center activity. */
export const CONTACT_CENTER_METRICS = ['SUCCESS', 'ENDPOINT_OPT_OUT', 'UNSUPPORTED_CHANNEL'] as const;

/** The one kind an activity is (validated on write). */
export function activityKind(activity: Activity): ActivityKind {
  const kind = ACTIVITY_KINDS.find((candidate) => activity[candidate] !== undefined);
  if (kind === undefined) throw new Error('invariant: stored activities have exactly one kind');
  return kind;
}

/** The `ActivityType` of an activity. */
export function activityType(activity: Activity): JourneyActivityType {
  const kind = activityKind(activity);
  switch (kind) {
    case 'CUSTOM':
    case 'EMAIL':
    case 'PUSH':
    case 'SMS':
      return 'MESSAGE';
    case 'ConditionalSplit':
      return 'CONDITIONAL_SPLIT';
    case 'MultiCondition':
      return 'MULTI_CONDITIONAL_SPLIT';
    case 'RandomSplit':
      return 'RANDOM_SPLIT';
    case 'Holdout':
      return 'HOLDOUT';
    case 'Wait':
      return 'WAIT';
    case 'ContactCenter':
      return 'CONTACT_CENTER';
    default: {
      const unreachable: never = kind;
      throw new Error(`Unhandled activity kind: ${String(unreachable)}`);
    }
  }
}

/** The metric names an activity reports, in the order responses list them (see the module comment). */
export function activityMetricNames(activity: Activity): readonly string[] {
  const branches = (count: number) => Array.from({ length: count }, (_, index) => branchMetric(index));
  const type = activityType(activity);
  switch (type) {
    case 'MESSAGE':
      return MESSAGE_ACTIVITY_METRICS;
    case 'CONTACT_CENTER':
      return CONTACT_CENTER_METRICS;
    case 'CONDITIONAL_SPLIT':
      return branches(2);
    case 'MULTI_CONDITIONAL_SPLIT':
      return branches((activity.MultiCondition?.Branches?.length ?? 0) + 1);
    case 'RANDOM_SPLIT':
      return [...branches(activity.RandomSplit?.Branches?.length ?? 0), 'TOTAL'];
    case 'HOLDOUT':
      return ['HOLDOUT', 'PASSED'];
    case 'WAIT':
      return ['WAITING', 'COMPLETED'];
    default: {
      const unreachable: never = type;
      throw new Error(`Unhandled activity type: ${String(unreachable)}`);
    }
  }
}

/** The metric name of path `index` (0-based) of a split: `Branch_1`, `Branch_2`, … */
export function branchMetric(index: number): string {
  return `Branch_${index + 1}`;
}

/** An ISO 8601 duration (`P1D`, `PT1H30M`, `P1W`), not empty after `P` or `T`; the form the write checks accept. */
export const ISO_DURATION = /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/;

/** Module-private: milliseconds per unit; years and months are fixed lengths (365 and 30 days), as a wait needs one instant. */
const UNIT_MS = { Y: 365 * 86_400_000, Mo: 30 * 86_400_000, W: 7 * 86_400_000, D: 86_400_000, H: 3_600_000, Mi: 60_000, S: 1000 } as const;

/** An ISO 8601 duration in milliseconds; undefined when `iso` is not one (see `ISO_DURATION`). */
export function durationMs(iso: string): number | undefined {
  const match = ISO_DURATION.exec(iso);
  if (match === null) return undefined;
  const n = (group: string | undefined) => (group === undefined ? 0 : Number(group.slice(0, -1)));
  return n(match[1]) * UNIT_MS.Y + n(match[2]) * UNIT_MS.Mo + n(match[3]) * UNIT_MS.W + n(match[4]) * UNIT_MS.D + n(match[6]) * UNIT_MS.H + n(match[7]) * UNIT_MS.Mi + n(match[8]) * UNIT_MS.S;
}

/**
 * When a wait time that starts at `fromMs` ends: `WaitFor` after the start, or the `WaitUntil`
 * instant (no earlier than the start: a date already past does not wait). No wait time, or one
 * that can't be read, does not wait.
 */
export function waitEnd(waitTime: WaitTime | undefined, fromMs: number): number {
  if (waitTime?.WaitFor !== undefined) return fromMs + (durationMs(waitTime.WaitFor) ?? 0);
  if (waitTime?.WaitUntil !== undefined) {
    const until = Date.parse(waitTime.WaitUntil);
    return Number.isNaN(until) ? fromMs : Math.max(fromMs, until);
  }
  return fromMs;
}
