import type { Activity, ChannelType } from '@aws-sdk/client-pinpoint';
import type { Outbox } from '../../outbox';
import type { Clock, OperationHandler, RequestContext, ServiceAdminRoute } from '../types';
import type { ArnScope } from './arns';
import { eventMatches } from './campaignRunner';
import { inQuietTime } from './campaignSchedule';
import { extrasOf, type AppExtras, type ChannelsStore } from './channelsStore';
import { deliver, disabledChannel } from './delivery';
import { activityKind, branchMetric, durationMs, waitEnd, type ActivityKind, type MessageOutcome } from './journeyActivities';
import { conditionHolds, segmentKeys, simpleConditionHolds, type ConditionScope } from './journeyConditions';
import { admissionInstant, latestRun, type JourneyRecord, type JourneyRunRecord, type JourneysState, type JourneysStore, type ParticipantRecord, type RunExecution } from './journeysStore';
import { campaignContent, PUSH_CHANNELS, renderMessage, type MessageContent } from './messageRendering';
import { segmentAudience } from './segmentEvaluation';
import { endpointKey, type AppRecord, type EndpointRecord, type PinpointStore, type RecordedEvent } from './store';
import type { TemplatesStore } from './templatesStore';

/**
 * The journey runner: makes published journeys admit participants and move them through their
 * activities, against the emulator clock. Like the campaign runner there are no timers: before
 * and after every Pinpoint request the service calls `runDue` for the caller's account and
 * region (after, so that what the request made due at this instant, such as a journey published
 * now, has happened before the next read), moving the clock (`POST /_emulator/clock`) and
 * `POST /_emulator/pinpoint/run` call `runDueEverywhere`, and PutEvents calls `onEvents` for the
 * events it accepted. Whatever became due since the last pass happens then, in time order, each
 * step as of its own instant (a step is due once the clock reaches it; when an admission or a
 * refresh and a step fall on one instant, the admission comes first). What the runner does is
 * recorded in the run's `execution` (`journeysStore.ts`): its participants, and the counts the
 * execution metrics report.
 *
 * Which journeys run: ACTIVE ones whose latest run has an execution record (the seed's runs are
 * history and have none). A PAUSED journey holds its participants where they are (on resume,
 * whatever fell due meanwhile happens at the resume; refreshes missed meanwhile are skipped); a
 * CANCELLED one stops them (`handlers/journeys.ts`). At the schedule's EndTime the participants
 * still in the journey leave it (ENDED) and nothing more happens.
 *
 * Entry. A segment-started journey evaluates its start segment at the run's start (the
 * schedule's StartTime, or the publication when that is later) and again every RefreshFrequency
 * after it (ISO 8601; at most `REFRESH_CATCH_UP` missed refreshes are caught up, the latest ones).
 * An event-started journey admits the endpoint of each event PutEvents accepts between its start
 * and end that matches its EventStartCondition's EventFilter (FilterType ENDPOINT; the event filter
 * rules of `campaignRunner.ts`), when the endpoint is in its SegmentId if one is given. Each
 * endpoint offered counts as ENDPOINT_PRODUCED and then, first match wins: DUPLICATE_ENDPOINT (twice
 * in one evaluation), FILTERED_OUT_BY_SEGMENT, ENDPOINT_INACTIVE, ENDPOINT_OPT_OUT (OptOut ALL),
 * ENDPOINT_MISSING_CHANNEL, ENDPOINT_MISSING_ADDRESS, ACTIVE_ENDPOINT_REJECTED (still in the
 * journey), REENTRY_CAP_EXCEEDED (it entered EndpointReentryCap times already, default 1, 0 = no
 * limit; or less than EndpointReentryInterval ago), else ENDPOINT_ENTERED. Events that arrive
 * while the journey is PAUSED count as PAUSED and admit nobody.
 *
 * Activities (a participant arrives, its activity acts when due, then it goes to the next one;
 * without a next activity it leaves the journey: ENDPOINT_LEFT):
 * - EMAIL, SMS, PUSH, CUSTOM: a message, to endpoints of the activity's channel (PUSH: the push
 *   channels; CUSTOM: its EndpointTypes, or any), rendered from the template the activity names
 *   (TemplateName and TemplateVersion, else the active version; `messageRendering.ts`) with the
 *   activity's MessageConfig as sender settings, or for CUSTOM its MessageConfig.Data, and
 *   delivered like campaign messages (`delivery.ts`: the outbox plus the email and SMS events,
 *   which carry `journey_id`, `journey_activity_id` and `journey_run_id`). Not sent, in this
 *   order: opted out since entry, another channel, no content, the app's channel disabled, quiet
 *   time (the journey's QuietTime in the endpoint's Demographic.Timezone; with WaitForQuietTime
 *   the participant waits for it to end instead), the TotalCap, DailyCap (24 hours back) or
 *   TimeframeCap (messages from every journey of the app in Days days) of the journey's Limits,
 *   each defaulting to the app's JourneyLimits (0 = no limit). The participant moves on either
 *   way. With MessagesPerSecond, the k-th message due at one instant leaves floor(k / rate) s later.
 * - ContactCenter: to endpoints with a phone number (SMS or VOICE channel), recorded in the outbox
 *   as a VOICE delivery with content source `ContactCenter` (Amazon Connect is not emulated).
 * - Wait: until WaitFor after arrival, or until WaitUntil.
 * - ConditionalSplit / MultiCondition: after EvaluationWaitTime, the conditions
 *   (`journeyConditions.ts`) send the participant down TrueActivity / FalseActivity, or the first
 *   branch whose condition holds / DefaultActivity.
 * - RandomSplit and Holdout are deterministic by the endpoint's CohortId (0–99): branch i takes the
 *   cohorts from the sum of the earlier percentages up to that plus its own; cohorts past the
 *   last branch leave the journey. A Holdout holds out cohorts below its Percentage (they leave).
 * An activity ID that names no activity, or a loop of activities that never waits, makes the
 * participant leave. Journeys with LocalTime, OpenHours and ClosedDays are run in UTC without them.
 */

/** Most missed segment refreshes one pass catches up per journey (the most recent ones). */
export const REFRESH_CATCH_UP = 100;

/** What the runner works on. */
export interface JourneyRunnerDeps {
  readonly store: PinpointStore;
  readonly channels: ChannelsStore;
  readonly templates: TemplatesStore;
  readonly journeys: JourneysStore;
  readonly outbox: Outbox;
}

/** Something that runs what is due everywhere (the campaign and journey runners). */
export interface DueRunner {
  runDueEverywhere(now: Date): ArnScope[];
}

/** Runs the journeys of one emulated Pinpoint service. */
export class JourneyRunner implements DueRunner {
  constructor(private readonly deps: JourneyRunnerDeps) {}

  /** Moves every journey of one account and region up to `now`. */
  runDue(scope: ArnScope, now: Date): void {
    const journeys = this.journeysOf(scope);
    if (journeys === undefined) return;
    const apps = this.deps.store.get(scope.accountId, scope.region).apps;
    for (const [applicationId, byId] of journeys) {
      const app = apps.get(applicationId);
      // Only published journeys move; most requests find none to work on.
      if (app === undefined || ![...byId.values()].some((journey) => journey.state === 'ACTIVE')) continue;
      const pass = this.appPass(scope, app);
      for (const journey of [...byId.values()]) pass.journeyPass(journey)?.advance(now.getTime());
    }
  }

  /** `runDue` for every account and region that has journeys; returns those scopes. */
  runDueEverywhere(now: Date): ArnScope[] {
    const scopes = [...this.deps.journeys.scopes()].map(({ accountId, region }) => ({ accountId, region }));
    for (const scope of scopes) this.runDue(scope, now);
    return scopes;
  }

  /** Admits the endpoints of `events` (just accepted by PutEvents) into the event-started journeys of `app` they trigger. */
  onEvents(scope: ArnScope, app: AppRecord, events: readonly RecordedEvent[], now: Date): void {
    const journeys = this.journeysOf(scope)?.get(app.id);
    if (journeys === undefined) return;
    const nowMs = now.getTime();
    const pass = this.appPass(scope, app);
    for (const journey of [...journeys.values()]) {
      const start = journey.settings.StartCondition?.EventStartCondition;
      const run = latestRun(journey);
      if (start === undefined || run?.execution === undefined || run.cancelledAt !== undefined) continue;
      if (journey.state !== 'ACTIVE' && journey.state !== 'PAUSED') continue;
      if (admissionInstant(journey, run) > nowMs || nowMs >= scheduleEndMs(journey)) continue;
      const triggering = events.filter((event) => eventMatches(start.EventFilter, event));
      if (triggering.length === 0) continue;
      if (journey.state === 'PAUSED') {
        bump(run.execution.counts, 'PAUSED', triggering.length);
        continue;
      }
      const endpoints = triggering.map((event) => app.endpoints.get(endpointKey(event.endpointId))).filter((endpoint): endpoint is EndpointRecord => endpoint !== undefined);
      const journeyPass = pass.journeyPass(journey);
      if (journeyPass === undefined) continue;
      journeyPass.admit(endpoints, nowMs, start.SegmentId === undefined ? undefined : segmentKeys(pass.conditionScope(journey), start.SegmentId, nowMs));
      journeyPass.advance(nowMs);
    }
  }

  /** Module-private: the journeys of a scope, without creating state for it. */
  private journeysOf(scope: ArnScope): JourneysState | undefined {
    for (const entry of this.deps.journeys.scopes()) {
      if (entry.accountId === scope.accountId && entry.region === scope.region) return entry.state;
    }
    return undefined;
  }

  /** Module-private. */
  private appPass(scope: ArnScope, app: AppRecord): AppPass {
    const extras = extrasOf(this.deps.channels.get(scope.accountId, scope.region), app);
    const journeys = this.journeysOf(scope)?.get(app.id) ?? new Map<string, JourneyRecord>();
    return new AppPass({ scope, app, extras, outbox: this.deps.outbox, templates: this.deps.templates.get(scope.accountId, scope.region), journeys });
  }
}

// ---- one pass over one app -----------------------------------------------------------------

/** Module-private: what a pass reads and writes. */
interface PassEnv {
  readonly scope: ArnScope;
  readonly app: AppRecord;
  readonly extras: AppExtras;
  readonly outbox: Outbox;
  readonly templates: ReturnType<TemplatesStore['get']>;
  /** Every journey of the app (the TimeframeCap counts messages from all of them). */
  readonly journeys: ReadonlyMap<string, JourneyRecord>;
}

/** Module-private: one send the caps count. */
interface CappedSend {
  readonly journeyId: string;
  readonly at: number;
}

/** Module-private: one pass over the journeys of one app, sharing segment evaluations and the send log. */
class AppPass {
  private sends?: Map<string, CappedSend[]>;
  private readonly memberships = new Map<string, Set<string>>();

  constructor(readonly env: PassEnv) {}

  /** A pass over one journey, when the runner runs it (see the module comment). */
  journeyPass(journey: JourneyRecord): JourneyPass | undefined {
    const run = latestRun(journey);
    const execution = run?.execution;
    if (run === undefined || execution === undefined || run.cancelledAt !== undefined || journey.state !== 'ACTIVE') return undefined;
    return new JourneyPass(this, journey, run, execution);
  }

  /** What conditions of `journey` are evaluated against. */
  conditionScope(journey: JourneyRecord): ConditionScope {
    return { app: this.env.app, extras: this.env.extras, journeyId: journey.id, memberships: this.memberships };
  }

  /** The capped sends to one endpoint, from every journey of the app, oldest first. */
  sendsTo(key: string): readonly CappedSend[] {
    return this.sendLog().get(key) ?? [];
  }

  /** Records a capped send. */
  recordSend(key: string, send: CappedSend): void {
    const log = this.sendLog();
    log.set(key, [...(log.get(key) ?? []), send]);
  }

  /** Module-private: built from the journeys' records on first use. */
  private sendLog(): Map<string, CappedSend[]> {
    if (this.sends === undefined) {
      this.sends = new Map();
      for (const journey of this.env.journeys.values()) {
        for (const run of journey.runs) {
          for (const participant of run.execution?.participants ?? []) {
            const key = endpointKey(participant.endpointId);
            for (const message of participant.messages) {
              if (message.capped) this.sends.set(key, [...(this.sends.get(key) ?? []), { journeyId: journey.id, at: message.at }]);
            }
          }
        }
      }
    }
    return this.sends;
  }
}

// ---- one pass over one journey -------------------------------------------------------------

/** Module-private: 24 hours, the DailyCap's window. */
const DAY_MS = 86_400_000;

/** Module-private: one pass over one journey's latest run. */
class JourneyPass {
  /** Messages due per instant in this pass, for MessagesPerSecond. */
  private readonly perInstant = new Map<number, number>();
  private readonly activities: Readonly<Record<string, Activity>>;
  /** Every entry into the journey (all runs) by endpoint key, built on first use, for the re-entry checks. */
  private entries?: Map<string, ParticipantRecord[]>;

  constructor(
    private readonly app: AppPass,
    private readonly journey: JourneyRecord,
    private readonly run: JourneyRunRecord,
    private readonly execution: RunExecution,
  ) {
    this.activities = journey.settings.Activities ?? {};
  }

  /** Does, in time order, everything due up to `nowMs` (admission, refreshes, participant steps), then ends the run's participants if the schedule's end has passed. */
  advance(nowMs: number): void {
    const end = scheduleEndMs(this.journey);
    const segmentId = this.journey.settings.StartCondition?.SegmentStartCondition?.SegmentId;
    const refreshMs = this.journey.settings.RefreshFrequency === undefined ? undefined : durationMs(this.journey.settings.RefreshFrequency);
    const admitAt = admissionInstant(this.journey, this.run);
    this.skipOldRefreshes(nowMs, refreshMs);
    for (;;) {
      const admission = segmentId !== undefined && !this.execution.admitted && admitAt <= nowMs && admitAt < end ? admitAt : undefined;
      const refresh = this.execution.nextRefreshAt !== undefined && this.execution.nextRefreshAt <= nowMs && this.execution.nextRefreshAt < end ? this.execution.nextRefreshAt : undefined;
      const step = this.nextStep(nowMs, end);
      const at = Math.min(admission ?? Infinity, refresh ?? Infinity, step ?? Infinity);
      if (at === Infinity) break;
      if (at === admission) {
        this.execution.admitted = true;
        if (refreshMs !== undefined && refreshMs > 0) this.execution.nextRefreshAt = at + refreshMs;
        this.admitSegment(segmentId!, at);
      } else if (at === refresh) {
        this.execution.nextRefreshAt = refreshMs !== undefined && refreshMs > 0 ? at + refreshMs : undefined;
        this.admitSegment(segmentId!, at);
      } else {
        for (const participant of this.execution.participants) {
          if (participant.state === 'ACTIVE' && participant.dueAt === at) this.step(participant, at);
        }
      }
    }
    if (end <= nowMs) this.endParticipants(end);
  }

  /**
   * Offers endpoints for entry at `atMs` (see the module comment for the order of the checks);
   * `segmentKeys`, for an event-started journey with a SegmentId, are the endpoints it accepts.
   */
  admit(endpoints: readonly EndpointRecord[], atMs: number, segmentKeys: ReadonlySet<string> | undefined): void {
    const counts = this.execution.counts;
    const seen = new Set<string>();
    for (const endpoint of endpoints) {
      bump(counts, 'ENDPOINT_PRODUCED');
      const key = endpointKey(endpoint.Id);
      const refusal = seen.has(key)
        ? 'DUPLICATE_ENDPOINT'
        : segmentKeys !== undefined && !segmentKeys.has(key)
          ? 'FILTERED_OUT_BY_SEGMENT'
          : endpoint.EndpointStatus === 'INACTIVE'
            ? 'ENDPOINT_INACTIVE'
            : endpoint.OptOut === 'ALL'
              ? 'ENDPOINT_OPT_OUT'
              : endpoint.ChannelType === undefined
                ? 'ENDPOINT_MISSING_CHANNEL'
                : endpoint.Address === undefined || endpoint.Address === ''
                  ? 'ENDPOINT_MISSING_ADDRESS'
                  : this.reentryRefusal(key, atMs);
      seen.add(key);
      if (refusal !== undefined) {
        bump(counts, refusal);
        continue;
      }
      bump(counts, 'ENDPOINT_ENTERED');
      const participant: ParticipantRecord = {
        endpointId: endpoint.Id,
        unregistered: this.app.env.app.endpoints.has(key) ? undefined : structuredClone(endpoint),
        enteredAt: atMs,
        state: 'ACTIVE',
        arrivedAt: atMs,
        dueAt: atMs,
        messages: [],
      };
      this.entriesOf(key).push(participant);
      this.execution.participants.push(participant);
      this.execution.lastStepAt = atMs;
      this.arrive(participant, this.journey.settings.StartActivity, atMs);
    }
  }

  /** Module-private: evaluates the start segment at `atMs` and admits its members. */
  private admitSegment(segmentId: string, atMs: number): void {
    this.admit(segmentAudience(this.app.env.app, this.app.env.extras, segmentId, undefined, new Date(atMs)), atMs, undefined);
  }

  /** Module-private: moves the next refresh past refreshes too old to catch up. */
  private skipOldRefreshes(nowMs: number, refreshMs: number | undefined): void {
    const next = this.execution.nextRefreshAt;
    if (next === undefined || refreshMs === undefined || refreshMs <= 0 || next > nowMs) return;
    const due = Math.floor((nowMs - next) / refreshMs) + 1;
    if (due > REFRESH_CATCH_UP) this.execution.nextRefreshAt = next + (due - REFRESH_CATCH_UP) * refreshMs;
  }

  /** Module-private: the earliest instant at which an active participant's activity is due (before the end, not after now). */
  private nextStep(nowMs: number, end: number): number | undefined {
    let earliest: number | undefined;
    for (const participant of this.execution.participants) {
      if (participant.state === 'ACTIVE' && participant.dueAt <= nowMs && participant.dueAt < end && (earliest === undefined || participant.dueAt < earliest)) earliest = participant.dueAt;
    }
    return earliest;
  }

  /** Module-private: why an endpoint may not enter now, if it may not. */
  private reentryRefusal(key: string, atMs: number): 'ACTIVE_ENDPOINT_REJECTED' | 'REENTRY_CAP_EXCEEDED' | undefined {
    const entries = this.entriesOf(key);
    if (entries.some((participant) => participant.state === 'ACTIVE')) return 'ACTIVE_ENDPOINT_REJECTED';
    const limits = this.journey.settings.Limits;
    const cap = limits?.EndpointReentryCap ?? 1;
    if (cap !== 0 && entries.length >= cap) return 'REENTRY_CAP_EXCEEDED';
    const interval = limits?.EndpointReentryInterval === undefined ? undefined : durationMs(limits.EndpointReentryInterval);
    const last = entries[entries.length - 1];
    if (interval !== undefined && last !== undefined && last.enteredAt + interval > atMs) return 'REENTRY_CAP_EXCEEDED';
    return undefined;
  }

  /** Module-private: the entries of one endpoint into the journey, oldest first (the live list: admissions append to it). */
  private entriesOf(key: string): ParticipantRecord[] {
    if (this.entries === undefined) {
      this.entries = new Map();
      for (const participant of this.journey.runs.flatMap((run) => run.execution?.participants ?? [])) {
        const endpoint = endpointKey(participant.endpointId);
        this.entries.set(endpoint, [...(this.entries.get(endpoint) ?? []), participant]);
      }
    }
    let list = this.entries.get(key);
    if (list === undefined) {
      list = [];
      this.entries.set(key, list);
    }
    return list;
  }

  /** Module-private: lets a participant's due activity act, and the next ones that are due at once, until it waits or leaves. */
  private step(participant: ParticipantRecord, atMs: number): void {
    const hopLimit = Object.keys(this.activities).length + 1;
    for (let hops = 0; participant.state === 'ACTIVE' && participant.dueAt === atMs; hops += 1) {
      if (hops > hopLimit) {
        // A loop of activities that never waits would never end: the participant leaves instead.
        this.leave(participant, atMs);
        return;
      }
      this.act(participant, atMs);
    }
  }

  /** Module-private: puts a participant on an activity (or out of the journey when there is none by that ID). */
  private arrive(participant: ParticipantRecord, activityId: string | undefined, atMs: number): void {
    const activity = activityId === undefined ? undefined : this.activities[activityId];
    if (activity === undefined) {
      this.leave(participant, atMs);
      return;
    }
    participant.activityId = activityId;
    participant.arrivedAt = atMs;
    participant.dueAt = atMs;
    if (activity.Wait !== undefined) participant.dueAt = waitEnd(activity.Wait.WaitTime, atMs);
    if (activity.ConditionalSplit !== undefined) participant.dueAt = waitEnd(activity.ConditionalSplit.EvaluationWaitTime, atMs);
    if (activity.MultiCondition !== undefined) participant.dueAt = waitEnd(activity.MultiCondition.EvaluationWaitTime, atMs);
  }

  /** Module-private: the participant's current activity acts at `atMs`. */
  private act(participant: ParticipantRecord, atMs: number): void {
    const activityId = participant.activityId!;
    const activity = this.activities[activityId]!;
    const endpoint = this.endpointOf(participant);
    this.execution.lastStepAt = atMs;
    if (endpoint === undefined) {
      // The endpoint was deleted since it entered.
      this.leave(participant, atMs);
      return;
    }
    const count = (name: string) => bump((this.execution.activities[activityId] ??= {}), name);
    const cohort = Number(endpoint.CohortId);
    const kind = activityKind(activity);
    switch (kind) {
      case 'EMAIL':
      case 'SMS':
      case 'PUSH':
      case 'CUSTOM': {
        const outcome = this.sendMessage(participant, endpoint, activityId, activity, kind, atMs);
        if (outcome === 'WAIT_FOR_QUIET_TIME') return;
        count(outcome);
        this.arrive(participant, nextOf(activity, kind), atMs);
        return;
      }
      case 'ContactCenter':
        count(this.callContactCenter(participant, endpoint, activityId, atMs));
        this.arrive(participant, activity.ContactCenter?.NextActivity, atMs);
        return;
      case 'Wait':
        count('COMPLETED');
        this.arrive(participant, activity.Wait?.NextActivity, atMs);
        return;
      case 'Holdout':
        if (cohort < (activity.Holdout?.Percentage ?? 0)) {
          count('HOLDOUT');
          this.leave(participant, atMs);
        } else {
          count('PASSED');
          this.arrive(participant, activity.Holdout?.NextActivity, atMs);
        }
        return;
      case 'RandomSplit': {
        const branches = activity.RandomSplit?.Branches ?? [];
        let from = 0;
        const index = branches.findIndex((branch) => {
          const to = from + (branch.Percentage ?? 0);
          const inside = cohort >= from && cohort < to;
          from = to;
          return inside;
        });
        if (index < 0) {
          this.leave(participant, atMs);
          return;
        }
        count('TOTAL');
        count(branchMetric(index));
        this.arrive(participant, branches[index].NextActivity, atMs);
        return;
      }
      case 'ConditionalSplit': {
        const split = activity.ConditionalSplit;
        const holds = conditionHolds(split?.Condition, participant, this.app.conditionScope(this.journey), atMs);
        count(branchMetric(holds ? 0 : 1));
        this.arrive(participant, holds ? split?.TrueActivity : split?.FalseActivity, atMs);
        return;
      }
      case 'MultiCondition': {
        const split = activity.MultiCondition;
        const branches = split?.Branches ?? [];
        const index = branches.findIndex((branch) => simpleConditionHolds(branch.Condition, participant, this.app.conditionScope(this.journey), atMs));
        count(branchMetric(index < 0 ? branches.length : index));
        this.arrive(participant, index < 0 ? split?.DefaultActivity : branches[index].NextActivity, atMs);
        return;
      }
      default: {
        const unreachable: never = kind;
        throw new Error(`Unhandled activity kind: ${String(unreachable)}`);
      }
    }
  }

  /** Module-private: a message activity for one participant (see the module comment); `WAIT_FOR_QUIET_TIME` when it waits instead. */
  private sendMessage(participant: ParticipantRecord, endpoint: EndpointRecord, activityId: string, activity: Activity, kind: MessageKind, atMs: number): MessageOutcome | 'WAIT_FOR_QUIET_TIME' {
    const { env } = this.app;
    const channel = endpoint.ChannelType;
    const address = endpoint.Address;
    if (endpoint.OptOut === 'ALL') return 'ENDPOINT_OPT_OUT';
    if (channel === undefined || address === undefined || address === '' || !channelFits(kind, activity, channel)) return 'UNSUPPORTED_CHANNEL';
    const content = this.contentFor(kind, activity, channel);
    if (content === undefined) return 'PERMANENT_FAILURE';
    if (disabledChannel(env.extras, env.app, channel) !== undefined) return 'CHANNEL_DISABLED';
    const settings = this.journey.settings;
    const timezone = endpoint.Demographic?.Timezone;
    if (inQuietTime(settings.QuietTime, timezone, new Date(atMs))) {
      if (settings.WaitForQuietTime !== true) return 'QUIET_TIME';
      participant.dueAt = quietTimeEnd(settings.QuietTime?.End ?? '00:00', timezone!, atMs);
      return 'WAIT_FOR_QUIET_TIME';
    }
    const capped = this.capReached(endpointKey(endpoint.Id), atMs);
    if (capped !== undefined) return capped;

    const rate = settings.Limits?.MessagesPerSecond;
    const index = this.perInstant.get(atMs) ?? 0;
    this.perInstant.set(atMs, index + 1);
    const sentAt = atMs + (rate === undefined || rate <= 0 ? 0 : Math.floor(index / rate) * 1000);
    const target = { channel: kind === 'CUSTOM' ? ('CUSTOM' as const) : channel, address, endpointId: endpoint.Id, userId: endpoint.User?.UserId, country: endpoint.Location?.Country };
    const messageId = deliver({ outbox: env.outbox, scope: env.scope, app: env.app, extras: env.extras }, target, renderMessage(content, endpoint), this.origin(activityId), undefined, new Date(sentAt));
    participant.messages.push({ activityId, messageId, at: sentAt, capped: true });
    this.app.recordSend(endpointKey(endpoint.Id), { journeyId: this.journey.id, at: sentAt });
    return 'SUCCESS';
  }

  /** Module-private: a contact center activity for one participant. */
  private callContactCenter(participant: ParticipantRecord, endpoint: EndpointRecord, activityId: string, atMs: number): 'SUCCESS' | 'ENDPOINT_OPT_OUT' | 'UNSUPPORTED_CHANNEL' {
    const { env } = this.app;
    if (endpoint.OptOut === 'ALL') return 'ENDPOINT_OPT_OUT';
    const address = endpoint.Address;
    if ((endpoint.ChannelType !== 'SMS' && endpoint.ChannelType !== 'VOICE') || address === undefined || address === '') return 'UNSUPPORTED_CHANNEL';
    const target = { channel: 'VOICE' as const, address, endpointId: endpoint.Id, userId: endpoint.User?.UserId, country: endpoint.Location?.Country };
    const messageId = deliver({ outbox: env.outbox, scope: env.scope, app: env.app, extras: env.extras }, target, { body: '', source: 'ContactCenter' }, this.origin(activityId), undefined, new Date(atMs));
    participant.messages.push({ activityId, messageId, at: atMs, capped: false });
    return 'SUCCESS';
  }

  /** Module-private: the journey cap a message to `key` at `atMs` would exceed, if any (the journey's Limits, each defaulting to the app's). */
  private capReached(key: string, atMs: number): 'TOTAL_CAP' | 'DAILY_CAP' | 'TIMEFRAME_CAP' | undefined {
    const own = this.journey.settings.Limits;
    const app = this.app.env.app.settings.journeyLimits;
    const pick = (value: number | undefined, fallback: number | undefined) => {
      const cap = value ?? fallback;
      return cap === undefined || cap === 0 ? undefined : cap;
    };
    const sends = this.app.sendsTo(key);
    const mine = sends.filter((send) => send.journeyId === this.journey.id);
    const total = pick(own?.TotalCap, app?.TotalCap);
    if (total !== undefined && mine.length >= total) return 'TOTAL_CAP';
    const daily = pick(own?.DailyCap, app?.DailyCap);
    if (daily !== undefined && mine.filter((send) => send.at > atMs - DAY_MS).length >= daily) return 'DAILY_CAP';
    const timeframe = own?.TimeframeCap ?? app?.TimeframeCap;
    const cap = pick(timeframe?.Cap, undefined);
    const days = pick(timeframe?.Days, undefined);
    if (cap !== undefined && days !== undefined && sends.filter((send) => send.at > atMs - days * DAY_MS).length >= cap) return 'TIMEFRAME_CAP';
    return undefined;
  }

  /** Module-private: what a message activity sends on `channel`, or undefined when there is nothing (its template doesn't exist). */
  private contentFor(kind: MessageKind, activity: Activity, channel: ChannelType): MessageContent | undefined {
    const templates = this.app.env.templates;
    switch (kind) {
      case 'EMAIL': {
        const email = activity.EMAIL;
        return campaignContent({ EmailMessage: { FromAddress: email?.MessageConfig?.FromAddress } }, { EmailTemplate: { Name: email?.TemplateName, Version: email?.TemplateVersion } }, undefined, channel, templates);
      }
      case 'SMS': {
        const sms = activity.SMS;
        const config = sms?.MessageConfig;
        return campaignContent(
          { SMSMessage: { OriginationNumber: config?.OriginationNumber, SenderId: config?.SenderId, MessageType: config?.MessageType } },
          { SMSTemplate: { Name: sms?.TemplateName, Version: sms?.TemplateVersion } },
          undefined,
          channel,
          templates,
        );
      }
      case 'PUSH':
        return campaignContent(undefined, { PushTemplate: { Name: activity.PUSH?.TemplateName, Version: activity.PUSH?.TemplateVersion } }, undefined, channel, templates);
      case 'CUSTOM':
        // Seed 002: the custom message's Data is what the Lambda function or web hook receives, as is.
        return { body: activity.CUSTOM?.MessageConfig?.Data ?? '', raw: true, substitutions: {}, defaults: {}, source: 'CustomMessage' };
      default: {
        const unreachable: never = kind;
        throw new Error(`Unhandled message activity kind: ${String(unreachable)}`);
      }
    }
  }

  /** Module-private. */
  private origin(activityId: string) {
    return { kind: 'journey', journeyId: this.journey.id, activityId, runId: this.run.id } as const;
  }

  /** Module-private: the participant's endpoint as it is now (an unregistered imported endpoint as it entered); undefined once deleted. */
  private endpointOf(participant: ParticipantRecord): EndpointRecord | undefined {
    return this.app.env.app.endpoints.get(endpointKey(participant.endpointId)) ?? participant.unregistered;
  }

  /** Module-private: the participant leaves the journey (its path ended, it was held out, or it fell outside every random path). */
  private leave(participant: ParticipantRecord, atMs: number): void {
    participant.state = 'LEFT';
    participant.activityId = undefined;
    participant.finishedAt = atMs;
    bump(this.execution.counts, 'ENDPOINT_LEFT');
  }

  /** Module-private: the schedule ended: participants still in the journey are ENDED at its end. */
  private endParticipants(end: number): void {
    for (const participant of this.execution.participants) {
      if (participant.state !== 'ACTIVE') continue;
      participant.state = 'ENDED';
      participant.activityId = undefined;
      participant.finishedAt = end;
      bump(this.execution.counts, 'ENDED');
    }
  }
}

// ---- helpers ------------------------------------------------------------------------------

/** Module-private: the activity kinds that send a message. */
type MessageKind = Extract<ActivityKind, 'EMAIL' | 'SMS' | 'PUSH' | 'CUSTOM'>;

/** Module-private: the schedule's end (epoch ms), +∞ without one. */
function scheduleEndMs(journey: JourneyRecord): number {
  return journey.settings.Schedule?.EndTime?.getTime() ?? Number.POSITIVE_INFINITY;
}

/** Module-private: adds `by` to a count. */
function bump(counts: Record<string, number>, name: string, by = 1): void {
  counts[name] = (counts[name] ?? 0) + by;
}

/** Module-private: the next activity of a message activity. */
function nextOf(activity: Activity, kind: MessageKind): string | undefined {
  return activity[kind]?.NextActivity;
}

/** Module-private: whether a message activity sends to an endpoint of `channel`. */
function channelFits(kind: MessageKind, activity: Activity, channel: ChannelType): boolean {
  switch (kind) {
    case 'EMAIL':
    case 'SMS':
      return channel === kind;
    case 'PUSH':
      return PUSH_CHANNELS.has(channel);
    case 'CUSTOM': {
      const types = activity.CUSTOM?.EndpointTypes ?? [];
      return types.length === 0 || (types as readonly string[]).includes(channel);
    }
    default: {
      const unreachable: never = kind;
      throw new Error(`Unhandled message activity kind: ${String(unreachable)}`);
    }
  }
}

/**
 * Module-private: the first instant after a quiet time that ends at `end` (HH:MM, inclusive, as
 * `inQuietTime` reads it) in `timezone`, for a participant in quiet time at `atMs`: the start
 * of the next local minute after `end`.
 */
function quietTimeEnd(end: string, timezone: string, atMs: number): number {
  const [hours, minutes] = end.split(':').map(Number);
  const local = localMinutes(timezone, atMs);
  const delta = (((hours * 60 + minutes + 1 - local) % 1440) + 1440) % 1440 || 1440;
  return atMs - (atMs % 60_000) + delta * 60_000;
}

/** Module-private: minutes after local midnight in `timezone` (a zone `inQuietTime` accepted) at `atMs`. */
function localMinutes(timezone: string, atMs: number): number {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: timezone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(atMs));
  return Number(parts.find((part) => part.type === 'hour')?.value) * 60 + Number(parts.find((part) => part.type === 'minute')?.value);
}

// ---- wiring -------------------------------------------------------------------------------

/**
 * Wraps every handler so that the due journeys of the caller's account and region move up to the
 * request's "now" before it, and again after it succeeds: what the request itself made due at
 * this instant (a journey published or resumed now, an endpoint that now qualifies) happens
 * before the next read, even one that is not a Pinpoint request (the outbox).
 */
export function withDueJourneys(handlers: Readonly<Record<string, OperationHandler>>, runner: JourneyRunner): Record<string, OperationHandler> {
  return Object.fromEntries(
    Object.entries(handlers).map(([name, handler]) => [
      name,
      (input: unknown, ctx: RequestContext) => {
        runner.runDue(ctx, ctx.now());
        const output = handler(input, ctx);
        if (output instanceof Promise) return output.then((value: unknown) => (runner.runDue(ctx, ctx.now()), value));
        runner.runDue(ctx, ctx.now());
        return output;
      },
    ]),
  );
}

/**
 * `POST /_emulator/pinpoint/run`: runs what is due now (campaigns, then journeys) in every
 * account and region, for a test that moves the clock and then reads the outbox. Answers
 * `{ now, scopes }` (every scope either runner looked at).
 */
export function runDueRoute(runners: readonly DueRunner[], clock: Clock): ServiceAdminRoute {
  return {
    method: 'POST',
    path: 'pinpoint/run',
    run: () => {
      const now = clock.now();
      const scopes = new Map<string, ArnScope>();
      for (const runner of runners) {
        for (const scope of runner.runDueEverywhere(now)) scopes.set(`${scope.accountId}/${scope.region}`, scope);
      }
      return { now: now.toISOString(), scopes: [...scopes.values()] };
    },
  };
}
