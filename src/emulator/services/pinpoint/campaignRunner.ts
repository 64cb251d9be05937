import type { AttributeDimension, CampaignEventFilter, CampaignLimits, CustomDeliveryConfiguration, MessageConfiguration, MetricDimension, QuietTime, Schedule, Session, TemplateConfiguration } from '@aws-sdk/client-pinpoint';
import type { Outbox } from '../../outbox';
import type { Clock, OperationHandler, RequestContext, ServiceAdminRoute } from '../types';
import type { ArnScope } from './arns';
import { dueOccurrences, inQuietTime, isEventTriggered, scheduleEnd, scheduleStart } from './campaignSchedule';
import { extrasOf, type AppExtras, type ChannelsStore } from './channelsStore';
import { deliver, disabledChannel } from './delivery';
import { campaignContent, renderMessage } from './messageRendering';
import { segmentAudience } from './segmentEvaluation';
import { endpointKey, latestVersion, newResourceId, type ActivityRecord, type AppRecord, type CampaignRecord, type CampaignSettings, type EndpointRecord, type PinpointStore, type RecordedEvent } from './store';
import type { TemplatesStore } from './templatesStore';

/**
 * The campaign runner: makes campaigns send, against the emulator clock.
 *
 * When: there are no timers. Before every Pinpoint request the service calls `runDue` for the
 * caller's account and region, which runs every occurrence (see `campaignSchedule.ts`) that the
 * clock has moved past since the campaign's last run, oldest first, each as of its own instant;
 * `POST /_emulator/pinpoint/campaigns/run` does the same for every account and region (for a
 * test that moves the clock and then reads the outbox without another Pinpoint call). PutEvents
 * calls `onEvents` for the events it accepted, which is when EVENT campaigns send. Paused
 * campaigns and campaigns whose segment was deleted don't run.
 *
 * A run of a campaign (one occurrence) goes through the segment version's audience
 * (`segmentEvaluation.ts`) endpoint by endpoint, in this order:
 * 1. holdout and treatment by CohortId (0–99): cohorts below HoldoutPercent are held out; the next
 *    SizePercent cohorts go to additional treatment 0, the next to treatment 1, …; the rest to the
 *    default treatment (`TreatmentId` "");
 * 2. skipped: opted out (`OptOut` ALL), INACTIVE, no address, or no content for the endpoint's
 *    channel in the treatment's MessageConfiguration / TemplateConfiguration (the channel is
 *    "unsupported"); an endpoint that gets this far is one the treatment attempted (`TotalEndpointCount`);
 * 3. not sent: the app's channel is configured and disabled; the same channel and address already
 *    got this run's message (a duplicate); quiet time (the campaign's Schedule.QuietTime, else the
 *    app's, in the endpoint's Demographic.Timezone); the Total, Daily (24 hours back from the
 *    send) or, for event-triggered sends, Session cap is reached for the endpoint (the campaign's
 *    Limits, each defaulting to the app's; 0 means no cap); the message would leave later than
 *    MaximumDuration seconds after the start, counting MessagesPerSecond messages per second;
 * 4. otherwise the message is rendered (`messageRendering.ts`) and delivered (`delivery.ts`): into
 *    the outbox, with the events that move the campaign and app KPIs; the k-th message of a run
 *    leaves floor(k / MessagesPerSecond) seconds after its start.
 * Each run appends one activity per treatment (state COMPLETED, result SUCCESS), with the counts
 * above and ExecutionMetrics per outcome (`RUN_OUTCOMES`). An EVENT campaign keeps one RUNNING
 * activity per treatment while it listens, which each triggered send updates, and which completes
 * once the clock passes the campaign's EndTime. The app's CampaignHook (a Lambda) is not invoked.
 *
 * Event triggers: an event accepted by PutEvents triggers an EVENT campaign whose window contains
 * "now" when its EventFilter is of FilterType ENDPOINT (SYSTEM filters name events Pinpoint itself
 * generates, which the emulator does not feed back into campaigns) and its Dimensions match the
 * event: EventType (a set dimension on the event type), Attributes (attribute dimensions on the
 * event's attributes) and Metrics (metric dimensions on the event's metrics); the campaign then
 * sends to the event's endpoint if its segment version selects it.
 */

/** The outcomes a run counts per treatment, the keys of an activity's ExecutionMetrics. */
export const RUN_OUTCOMES = [
  'ENDPOINT_PRODUCED',
  'HOLDOUT',
  'ENDPOINT_OPT_OUT',
  'ENDPOINT_INACTIVE',
  'UNSUPPORTED_CHANNEL',
  'CHANNEL_DISABLED',
  'DUPLICATE_ENDPOINT',
  'QUIET_TIME',
  'DAILY_CAP',
  'TOTAL_CAP',
  'SESSION_CAP',
  'TIMEOUT',
  'SUCCESS',
] as const;

/** One counted outcome. */
export type RunOutcome = (typeof RUN_OUTCOMES)[number];

/** What the runner works on. */
export interface CampaignRunnerDeps {
  readonly store: PinpointStore;
  readonly channels: ChannelsStore;
  readonly templates: TemplatesStore;
  readonly outbox: Outbox;
}

/** Runs the campaigns of one emulated Pinpoint service. */
export class CampaignRunner {
  constructor(private readonly deps: CampaignRunnerDeps) {}

  /** Runs every campaign occurrence of one account and region that is due before `now`. */
  runDue(scope: ArnScope, now: Date): void {
    const state = this.deps.store.get(scope.accountId, scope.region);
    for (const app of state.apps.values()) {
      for (const campaign of [...app.campaigns.values()]) this.runCampaign(scope, app, campaign, now);
    }
  }

  /** `runDue` for every account and region that has state; returns the scopes it looked at. */
  runDueEverywhere(now: Date): ArnScope[] {
    const scopes = [...this.deps.store.scopes()];
    for (const scope of scopes) this.runDue(scope, now);
    return scopes;
  }

  /** Sends the EVENT campaigns of `app` that `events` (just accepted by PutEvents) trigger. */
  onEvents(scope: ArnScope, app: AppRecord, events: readonly RecordedEvent[], now: Date): void {
    for (const campaign of [...app.campaigns.values()]) {
      const settings = latestVersion(campaign.versions).settings;
      const schedule = settings.Schedule;
      if (schedule === undefined || !isEventTriggered(schedule.Frequency) || !runnable(app, settings)) continue;
      if (!listening(schedule, new Date(campaign.creationDate), now)) continue;
      const filter = schedule.EventFilter;
      const triggering = events.filter((event) => eventMatches(filter, event));
      if (triggering.length === 0) continue;
      const extras = this.extras(scope, app);
      const audience = new Map(segmentAudience(app, extras, settings.SegmentId, settings.SegmentVersion, now).map((endpoint) => [endpointKey(endpoint.Id), endpoint]));
      const listeners = new Map(campaign.activities.filter((activity) => activity.state === 'RUNNING').map((activity) => [activity.treatmentId, activity]));
      // Each event is its own trigger: two events from one endpoint may both send (caps permitting), so no duplicate check.
      const run = new Run(this.runEnv(scope, app, extras), campaign, settings, now, (treatmentId) => listeners.get(treatmentId)?.id ?? newResourceId(), false);
      for (const event of triggering) {
        const endpoint = audience.get(endpointKey(event.endpointId));
        if (endpoint !== undefined) run.offer(endpoint, event.session);
      }
      for (const tally of run.tallies()) {
        const listener = listeners.get(tally.treatmentId);
        const updated = listener === undefined ? listenerActivity(tally, scheduleStart(schedule, new Date(campaign.creationDate)), now) : addTally(listener, tally);
        if (listener === undefined) campaign.activities.push(updated);
        else campaign.activities[campaign.activities.indexOf(listener)] = updated;
      }
    }
  }

  /** Module-private. */
  private runCampaign(scope: ArnScope, app: AppRecord, campaign: CampaignRecord, now: Date): void {
    const settings = latestVersion(campaign.versions).settings;
    const schedule = settings.Schedule;
    if (schedule === undefined || !runnable(app, settings)) return;
    if (isEventTriggered(schedule.Frequency)) {
      closeListeners(campaign, schedule, now);
      return;
    }
    const lastRun = campaign.activities.reduce<number | undefined>((latest, activity) => {
      const at = Date.parse(activity.scheduledStart);
      return latest === undefined || at > latest ? at : latest;
    }, undefined);
    for (const at of dueOccurrences(schedule, new Date(campaign.creationDate), lastRun, now.getTime())) {
      const extras = this.extras(scope, app);
      const run = new Run(this.runEnv(scope, app, extras), campaign, settings, at, () => newResourceId(), true);
      for (const endpoint of segmentAudience(app, extras, settings.SegmentId, settings.SegmentVersion, at)) run.offer(endpoint, undefined);
      campaign.activities.push(...run.tallies().map((tally) => completedActivity(tally, at)));
    }
  }

  /** Module-private. */
  private extras(scope: ArnScope, app: AppRecord): AppExtras {
    return extrasOf(this.deps.channels.get(scope.accountId, scope.region), app);
  }

  /** Module-private. */
  private runEnv(scope: ArnScope, app: AppRecord, extras: AppExtras): RunEnv {
    return { scope, app, extras, outbox: this.deps.outbox, templates: this.deps.templates.get(scope.accountId, scope.region) };
  }
}

// ---- one run ------------------------------------------------------------------------------

/** Module-private: what a run reads and writes besides the campaign. */
interface RunEnv {
  readonly scope: ArnScope;
  readonly app: AppRecord;
  readonly extras: AppExtras;
  readonly outbox: Outbox;
  readonly templates: ReturnType<TemplatesStore['get']>;
}

/** Module-private: one treatment's share of a run. */
interface Tally {
  readonly treatmentId: string;
  readonly activityId: string;
  readonly message?: MessageConfiguration;
  readonly template?: TemplateConfiguration;
  readonly custom?: CustomDeliveryConfiguration;
  /** Cohorts [from, to) belong to the treatment. */
  readonly cohorts: readonly [number, number];
  total: number;
  successful: number;
  readonly timezones: Set<string>;
  readonly outcomes: Record<RunOutcome, number>;
  /** The latest send instant (ms), for the activity's End. */
  lastSend?: number;
}

/** Module-private: the campaign limits in force (the campaign's, each defaulting to the app's; 0 = none). */
interface Limits {
  readonly daily?: number;
  readonly total?: number;
  readonly session?: number;
  readonly messagesPerSecond?: number;
  readonly maximumDuration?: number;
}

/** Module-private: 24 hours, the Daily cap's window. */
const DAY_MS = 86_400_000;

/** Module-private: the event types that mark one message sent to an endpoint (what caps count). */
const SEND_MARKERS: ReadonlySet<string> = new Set(['_email.send', '_SMS.SUCCESS', '_SMS.FAILURE', '_SMS.BUFFERED', '_campaign.send']);

/** Module-private: one run of a campaign (an occurrence, or a batch of triggering events), offered endpoint by endpoint. */
class Run {
  private readonly treatments: Tally[];
  private readonly holdout: number;
  private readonly limits: Limits;
  private readonly quietTime?: QuietTime;
  /** Send instants (ms) of this campaign per endpoint key, and per endpoint key + session ID. */
  private readonly sends = new Map<string, number[]>();
  private readonly sessionSends = new Map<string, number>();
  private readonly sentTo = new Set<string>();
  private sentCount = 0;

  constructor(
    private readonly env: RunEnv,
    private readonly campaign: CampaignRecord,
    settings: CampaignSettings,
    private readonly at: Date,
    activityIdFor: (treatmentId: string) => string,
    /** Whether a channel and address gets the run's message only once (scheduled runs). */
    private readonly dedupe: boolean,
  ) {
    this.holdout = settings.HoldoutPercent ?? 0;
    let from = this.holdout;
    const additional = settings.AdditionalTreatments.map((treatment) => {
      const cohorts: [number, number] = [from, from + (treatment.SizePercent ?? 0)];
      from = cohorts[1];
      return newTally(treatment.Id, activityIdFor(treatment.Id), cohorts, treatment.MessageConfiguration ?? settings.MessageConfiguration, treatment.TemplateConfiguration ?? settings.TemplateConfiguration, treatment.CustomDeliveryConfiguration ?? settings.CustomDeliveryConfiguration);
    });
    const defaultTreatment = newTally('', activityIdFor(''), [from, 100], settings.MessageConfiguration, settings.TemplateConfiguration, settings.CustomDeliveryConfiguration);
    this.treatments = [defaultTreatment, ...additional];
    this.limits = resolveLimits(settings.Limits, env.app.settings.limits);
    this.quietTime = settings.Schedule?.QuietTime ?? env.app.settings.quietTime;
    for (const event of env.app.events) {
      if (event.attributes.campaign_id !== campaign.id || !isSend(event)) continue;
      const key = endpointKey(event.endpointId);
      this.sends.set(key, [...(this.sends.get(key) ?? []), event.timestamp.getTime()]);
      if (event.session?.Id !== undefined) this.sessionSends.set(`${key}\u0000${event.session.Id}`, (this.sessionSends.get(`${key}\u0000${event.session.Id}`) ?? 0) + 1);
    }
  }

  /** Offers the campaign's message to one endpoint of the audience; `session` is the triggering event's. */
  offer(endpoint: EndpointRecord, session: Session | undefined): RunOutcome {
    const cohort = Number(endpoint.CohortId);
    const holdout = cohort < this.holdout;
    const tally = holdout ? this.treatments[0] : this.treatments.find((candidate) => cohort >= candidate.cohorts[0] && cohort < candidate.cohorts[1]) ?? this.treatments[0];
    tally.outcomes.ENDPOINT_PRODUCED += 1;
    const outcome = this.outcomeFor(endpoint, tally, holdout, session);
    tally.outcomes[outcome] += 1;
    return outcome;
  }

  /** The treatments' counts, default treatment first. */
  tallies(): readonly Tally[] {
    return this.treatments;
  }

  /** Module-private. */
  private outcomeFor(endpoint: EndpointRecord, tally: Tally, holdout: boolean, session: Session | undefined): RunOutcome {
    if (holdout) return 'HOLDOUT';
    if (endpoint.OptOut === 'ALL') return 'ENDPOINT_OPT_OUT';
    if (endpoint.EndpointStatus === 'INACTIVE') return 'ENDPOINT_INACTIVE';
    const channel = endpoint.ChannelType;
    const address = endpoint.Address;
    if (channel === undefined || address === undefined || address === '') return 'UNSUPPORTED_CHANNEL';
    const content = campaignContent(tally.message, tally.template, tally.custom?.EndpointTypes, channel, this.env.templates);
    if (content === undefined) return 'UNSUPPORTED_CHANNEL';
    tally.total += 1;
    tally.timezones.add(endpoint.Demographic?.Timezone ?? 'UTC');
    if (disabledChannel(this.env.extras, this.env.app, channel) !== undefined) return 'CHANNEL_DISABLED';
    if (this.dedupe && this.sentTo.has(`${channel}\u0000${address}`)) return 'DUPLICATE_ENDPOINT';
    if (inQuietTime(this.quietTime, endpoint.Demographic?.Timezone, this.at)) return 'QUIET_TIME';
    const key = endpointKey(endpoint.Id);
    const earlier = this.sends.get(key) ?? [];
    if (this.limits.total !== undefined && earlier.length >= this.limits.total) return 'TOTAL_CAP';
    if (this.limits.daily !== undefined && earlier.filter((sent) => sent > this.at.getTime() - DAY_MS).length >= this.limits.daily) return 'DAILY_CAP';
    const sessionKey = session?.Id === undefined ? undefined : `${key}\u0000${session.Id}`;
    if (sessionKey !== undefined && this.limits.session !== undefined && (this.sessionSends.get(sessionKey) ?? 0) >= this.limits.session) return 'SESSION_CAP';
    const offsetSeconds = this.limits.messagesPerSecond === undefined ? 0 : Math.floor(this.sentCount / this.limits.messagesPerSecond);
    if (this.limits.maximumDuration !== undefined && offsetSeconds > this.limits.maximumDuration) return 'TIMEOUT';

    const sentAt = new Date(this.at.getTime() + offsetSeconds * 1000);
    // A custom-channel message goes to the CustomDeliveryConfiguration's destination, whatever the endpoint's channel.
    const deliveryChannel = content.source === 'CustomMessage' ? 'CUSTOM' : channel;
    const target = { channel: deliveryChannel, address, endpointId: endpoint.Id, userId: endpoint.User?.UserId, country: endpoint.Location?.Country };
    const origin = { kind: 'campaign', campaignId: this.campaign.id, activityId: tally.activityId, treatmentId: tally.treatmentId, session } as const;
    deliver({ outbox: this.env.outbox, scope: this.env.scope, app: this.env.app, extras: this.env.extras }, target, renderMessage(content, endpoint), origin, undefined, sentAt);
    this.sentCount += 1;
    this.sentTo.add(`${channel}\u0000${address}`);
    this.sends.set(key, [...earlier, sentAt.getTime()]);
    if (sessionKey !== undefined) this.sessionSends.set(sessionKey, (this.sessionSends.get(sessionKey) ?? 0) + 1);
    tally.successful += 1;
    tally.lastSend = Math.max(tally.lastSend ?? 0, sentAt.getTime());
    return 'SUCCESS';
  }
}

// ---- helpers ------------------------------------------------------------------------------

/** Module-private: a campaign can run unless it is paused or its segment was deleted (status DELETED). */
function runnable(app: AppRecord, settings: CampaignSettings): boolean {
  return settings.IsPaused !== true && app.segments.has(settings.SegmentId);
}

/** Module-private: whether an event-triggered campaign listens at `now` (start ≤ now < end). */
function listening(schedule: Schedule, createdAt: Date, now: Date): boolean {
  return scheduleStart(schedule, createdAt) <= now.getTime() && now.getTime() < scheduleEnd(schedule);
}

/** Module-private: completes the listening activities of an event-triggered campaign whose end has passed. */
function closeListeners(campaign: CampaignRecord, schedule: Schedule, now: Date): void {
  const end = scheduleEnd(schedule);
  if (end > now.getTime()) return;
  campaign.activities.forEach((activity, index) => {
    if (activity.state === 'RUNNING') campaign.activities[index] = { ...activity, state: 'COMPLETED', result: 'SUCCESS', end: new Date(end).toISOString() };
  });
}

/** Module-private. */
function newTally(treatmentId: string, activityId: string, cohorts: [number, number], message: MessageConfiguration | undefined, template: TemplateConfiguration | undefined, custom: CustomDeliveryConfiguration | undefined): Tally {
  const outcomes = Object.fromEntries(RUN_OUTCOMES.map((outcome) => [outcome, 0])) as Record<RunOutcome, number>;
  return { treatmentId, activityId, cohorts, message, template, custom, total: 0, successful: 0, timezones: new Set(), outcomes };
}

/** Module-private: the activity of one treatment's share of a scheduled run. */
function completedActivity(tally: Tally, at: Date): ActivityRecord {
  return {
    id: tally.activityId,
    treatmentId: tally.treatmentId,
    state: 'COMPLETED',
    result: 'SUCCESS',
    scheduledStart: at.toISOString(),
    start: at.toISOString(),
    end: new Date(tally.lastSend ?? at.getTime()).toISOString(),
    successfulEndpointCount: tally.successful,
    totalEndpointCount: tally.total,
    timezonesTotalCount: tally.timezones.size,
    timezonesCompletedCount: tally.timezones.size,
    executionMetrics: metricsOf(tally.outcomes),
  };
}

/** Module-private: the RUNNING activity an event-triggered campaign's treatment starts with. */
function listenerActivity(tally: Tally, startMs: number, now: Date): ActivityRecord {
  return {
    ...completedActivity(tally, now),
    state: 'RUNNING',
    result: undefined,
    scheduledStart: new Date(startMs).toISOString(),
    start: now.toISOString(),
    end: undefined,
  };
}

/** Module-private: a listening activity with one more batch of triggered sends counted in. */
function addTally(activity: ActivityRecord, tally: Tally): ActivityRecord {
  const metrics = { ...activity.executionMetrics };
  for (const outcome of RUN_OUTCOMES) metrics[outcome] = String(Number(metrics[outcome] ?? 0) + tally.outcomes[outcome]);
  const timezones = Math.max(activity.timezonesTotalCount, tally.timezones.size);
  return {
    ...activity,
    successfulEndpointCount: activity.successfulEndpointCount + tally.successful,
    totalEndpointCount: activity.totalEndpointCount + tally.total,
    timezonesTotalCount: timezones,
    timezonesCompletedCount: timezones,
    executionMetrics: metrics,
  };
}

/** Module-private. */
function metricsOf(outcomes: Record<RunOutcome, number>): Record<string, string> {
  return Object.fromEntries(RUN_OUTCOMES.map((outcome) => [outcome, String(outcomes[outcome])]));
}

/** Module-private: each limit from the campaign, else the app; 0 (or absent) means no limit. */
function resolveLimits(campaign: CampaignLimits | undefined, app: CampaignLimits | undefined): Limits {
  const pick = (name: keyof CampaignLimits) => {
    const value = campaign?.[name] ?? app?.[name];
    return value === undefined || value === 0 ? undefined : value;
  };
  return { daily: pick('Daily'), total: pick('Total'), session: pick('Session'), messagesPerSecond: pick('MessagesPerSecond'), maximumDuration: pick('MaximumDuration') };
}

/** Module-private: whether an event marks one message sent (a send, not its delivery receipt). */
function isSend(event: RecordedEvent): boolean {
  return SEND_MARKERS.has(event.eventType) && (event.eventType !== '_campaign.send' || event.attributes.campaign_send_status === 'SUCCESS');
}

/** Whether an event meets an event filter (see the module comment); journeys' event start conditions use it too. */
export function eventMatches(filter: CampaignEventFilter | undefined, event: RecordedEvent): boolean {
  if (filter === undefined || filter.FilterType !== 'ENDPOINT') return false;
  const dimensions = filter.Dimensions ?? {};
  const type = dimensions.EventType;
  if (type !== undefined) {
    const listed = (type.Values ?? []).includes(event.eventType);
    if ((type.DimensionType === 'EXCLUSIVE') === listed) return false;
  }
  for (const [name, dimension] of Object.entries(dimensions.Attributes ?? {})) {
    if (!attributeMatches(dimension, event.attributes[name])) return false;
  }
  for (const [name, dimension] of Object.entries(dimensions.Metrics ?? {})) {
    if (!metricMatches(dimension, event.metrics[name])) return false;
  }
  return true;
}

/**
 * Module-private: an attribute dimension against an event's (single-valued) attribute. Event
 * attributes are one string each, unlike endpoint attributes, so this is the event-side
 * counterpart of segment evaluation's attribute test.
 */
function attributeMatches(dimension: AttributeDimension, value: string | undefined): boolean {
  const wanted = dimension.Values ?? [];
  const type = dimension.AttributeType ?? 'INCLUSIVE';
  const time = value === undefined ? NaN : Date.parse(value);
  const bound = (index: number) => Date.parse(wanted[index] ?? '');
  switch (type) {
    case 'INCLUSIVE':
      return value !== undefined && wanted.includes(value);
    case 'EXCLUSIVE':
      return value === undefined || !wanted.includes(value);
    case 'CONTAINS':
      return value !== undefined && wanted.some((part) => value.includes(part));
    case 'BEFORE':
      return time < bound(0);
    case 'AFTER':
      return time > bound(0);
    case 'ON':
      return !Number.isNaN(time) && !Number.isNaN(bound(0)) && new Date(time).toISOString().slice(0, 10) === new Date(bound(0)).toISOString().slice(0, 10);
    case 'BETWEEN':
      return time >= bound(0) && time <= bound(1);
    default: {
      const unreachable: never = type;
      throw new Error(`Unhandled attribute dimension type: ${String(unreachable)}`);
    }
  }
}

/** Module-private: a metric dimension against an event's metric (an event without it doesn't match). */
function metricMatches(dimension: MetricDimension, value: number | undefined): boolean {
  if (value === undefined) return false;
  const target = dimension.Value ?? 0;
  switch (dimension.ComparisonOperator) {
    case 'GREATER_THAN':
      return value > target;
    case 'GREATER_THAN_OR_EQUAL':
      return value >= target;
    case 'LESS_THAN':
      return value < target;
    case 'LESS_THAN_OR_EQUAL':
      return value <= target;
    case 'EQUAL':
      return value === target;
    default:
      return false;
  }
}

// ---- wiring -------------------------------------------------------------------------------

/** Wraps every handler so that due campaigns of the caller's account and region run first, as of the request's "now". */
export function withDueCampaigns(handlers: Readonly<Record<string, OperationHandler>>, runner: CampaignRunner): Record<string, OperationHandler> {
  return Object.fromEntries(
    Object.entries(handlers).map(([name, handler]) => [
      name,
      (input: unknown, ctx: RequestContext) => {
        runner.runDue(ctx, ctx.now());
        return handler(input, ctx);
      },
    ]),
  );
}

/**
 * `POST /_emulator/pinpoint/campaigns/run`: runs what is due in every account and region now,
 * for a test that moves the clock and then reads the outbox. Answers `{ now, scopes }`.
 */
export function runCampaignsRoute(runner: CampaignRunner, clock: Clock): ServiceAdminRoute {
  return {
    method: 'POST',
    path: 'pinpoint/campaigns/run',
    run: () => {
      const now = clock.now();
      return { now: now.toISOString(), scopes: runner.runDueEverywhere(now) };
    },
  };
}
