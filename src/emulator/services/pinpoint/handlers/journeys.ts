import { isDeepStrictEqual } from 'node:util';
import type {
  Activity,
  CreateJourneyRequest,
  CreateJourneyResponse,
  DeleteJourneyRequest,
  DeleteJourneyResponse,
  GetJourneyDateRangeKpiRequest,
  GetJourneyDateRangeKpiResponse,
  GetJourneyExecutionActivityMetricsRequest,
  GetJourneyExecutionActivityMetricsResponse,
  GetJourneyExecutionMetricsRequest,
  GetJourneyExecutionMetricsResponse,
  GetJourneyRequest,
  GetJourneyResponse,
  GetJourneyRunExecutionActivityMetricsRequest,
  GetJourneyRunExecutionActivityMetricsResponse,
  GetJourneyRunExecutionMetricsRequest,
  GetJourneyRunExecutionMetricsResponse,
  GetJourneyRunsRequest,
  GetJourneyRunsResponse,
  JourneyResponse,
  JourneyRunResponse,
  ListJourneysRequest,
  ListJourneysResponse,
  ResultRow,
  State,
  UpdateJourneyRequest,
  UpdateJourneyResponse,
  UpdateJourneyStateRequest,
  UpdateJourneyStateResponse,
  WriteJourneyRequest,
} from '@aws-sdk/client-pinpoint';
import type { RequestContext } from '../../types';
import { ServiceError } from '../../../protocol/serviceError';
import { badRequest, invalidToken } from '../errors';
import { KPI_NAME_PATTERN } from '../kpis';
import { ACTIVITY_KINDS, activityMetricNames, activityType, durationMs, ISO_DURATION } from '../journeyActivities';
import {
  admissionInstant,
  appJourneys,
  journeyRunLastUpdate,
  journeyRunStatus,
  journeyState,
  latestRun,
  newRunExecution,
  requireJourney,
  requireJourneyRun,
  type JourneyRecord,
  type JourneyRunRecord,
  type JourneySettings,
  type JourneysStore,
  type ParticipantRecord,
  type StoredJourneyState,
} from '../journeysStore';
import { newResourceId, requireApp, requireSegment, type AppRecord, type PinpointStore, type RecordedEvent } from '../store';
import { resolveRange } from './kpis';
import { checkQuietTime, clone, pageOf, pageScope, parsePageSize, type PinpointHandler } from './shared';

/** Seed 002 limits on journey settings (WriteJourneyRequest, JourneyLimits, JourneyTimeframeCap). */
export const JOURNEY_LIMITS = { nameLength: 150, activityIdLength: 100, startActivityIdLength: 128, cap: 100, timeframeDays: 30, splitPaths: 5 } as const;

/** Seed 002, JourneySchedule.Timezone: the starting UTC offsets a local-time journey may use (a longer list than campaigns'). */
export const JOURNEY_TIMEZONES: ReadonlySet<string> = new Set([
  'UTC', 'UTC+01', 'UTC+02', 'UTC+03', 'UTC+03:30', 'UTC+04', 'UTC+04:30', 'UTC+05', 'UTC+05:30', 'UTC+05:45', 'UTC+06', 'UTC+06:30',
  'UTC+07', 'UTC+08', 'UTC+08:45', 'UTC+09', 'UTC+09:30', 'UTC+10', 'UTC+10:30', 'UTC+11', 'UTC+12', 'UTC+12:45', 'UTC+13', 'UTC+13:45',
  'UTC-02', 'UTC-02:30', 'UTC-03', 'UTC-03:30', 'UTC-04', 'UTC-05', 'UTC-06', 'UTC-07', 'UTC-08', 'UTC-09', 'UTC-09:30', 'UTC-10', 'UTC-11',
]);

/**
 * Journey execution metric fields ([DG-2023], inventory §5.2 "Journey execution metrics"): the
 * counts of every run of the journey, as the journey runner (`journeyRunner.ts`) recorded them;
 * ENDPOINT_ACTIVE is the participants in the journey now, ENDPOINT_LEFT those who left it
 * (finished their path, held out), CANCELLED those in it when it was cancelled.
 */
export const JOURNEY_EXECUTION_METRICS: readonly string[] = ['ENDPOINT_ACTIVE', 'CANCELLED', 'ENDPOINT_LEFT', 'ENDPOINT_ENTERED', 'REENTRY_CAP_EXCEEDED', 'ACTIVE_ENDPOINT_REJECTED'];

/**
 * Journey run execution metric fields: the journey fields plus the entry-filtering fields that
 * [DG-2023] lists as "journey and campaign execution metrics" for journeys (inventory §5.2;
 * ENDPOINT_CHANNEL_MISMATCH and TREATMENT_HOLDOUT apply to campaigns only), counted by the
 * journey runner for one run (see its module comment for which check counts what). The runner
 * never counts ENDPOINTS_FROM_USER, DUPLICATE_USER, ENDPOINT_MISSING_TIMEZONE and
 * ENDPOINT_TIMEZONE_MISMATCH (it admits endpoints, not users, and runs local-time journeys in UTC).
 */
export const JOURNEY_RUN_EXECUTION_METRICS: readonly string[] = [
  ...JOURNEY_EXECUTION_METRICS,
  'ENDPOINT_PRODUCED', 'ENDPOINTS_FROM_USER', 'ENDPOINT_OPT_OUT', 'ENDPOINT_INACTIVE', 'FILTERED_OUT_BY_SEGMENT', 'ENDPOINT_MISSING_ADDRESS',
  'ENDPOINT_MISSING_CHANNEL', 'ENDPOINT_MISSING_TIMEZONE', 'ENDPOINT_TIMEZONE_MISMATCH', 'DUPLICATE_ENDPOINT', 'DUPLICATE_USER', 'PAUSED', 'ENDED',
];

/** One journey engagement KPI: the event type it counts, and whether it is grouped by journey activity. */
export interface JourneyKpi {
  readonly eventType: string;
  readonly grouped: boolean;
}

/**
 * Journey engagement KPIs ([DG-2023], inventory §5.2: 18 names) → the email event type each
 * counts. `journey-emails-<x>` is one total; `emails-<x>-grouped-by-journey-activity` is one row
 * per journey activity. Events count when their `journey_id` attribute is the journey's ID
 * (the attributes Pinpoint's journey events carry, and the journey runner's deliveries record),
 * or when their `message_id` attribute is a message the journey sent (an engagement event an
 * app reports for the message; its activity is the one that sent it).
 */
export const JOURNEY_KPIS: ReadonlyMap<string, JourneyKpi> = new Map<string, JourneyKpi>(
  ([
    ['clicked', '_email.click'],
    ['complained', '_email.complaint'],
    ['delivered', '_email.delivered'],
    ['hardbounced', '_email.hardbounce'],
    ['opened', '_email.open'],
    ['rejected', '_email.rejected'],
    ['sent', '_email.send'],
    ['softbounced', '_email.softbounce'],
    ['unsubscribed', '_email.unsubscribe'],
  ] as const).flatMap(([measure, eventType]): Array<[string, JourneyKpi]> => [
    [`journey-emails-${measure}`, { eventType, grouped: false }],
    [`emails-${measure}-grouped-by-journey-activity`, { eventType, grouped: true }],
  ]),
);

/** The Journeys, Journey, Journey State, Journey Runs, journey execution metrics and Journey Engagement Metrics resources. */
export function createJourneyHandlers(pinpoint: PinpointStore, journeys: JourneysStore) {
  /** Module-private: the app and the journey a request names, or 404. */
  const resolve = (ctx: RequestContext, applicationId: string | undefined, journeyId: string | undefined): { app: AppRecord; journey: JourneyRecord } => {
    const app = requireApp(pinpoint.forRequest(ctx), applicationId ?? '');
    return { app, journey: requireJourney(journeys.forRequest(ctx), app.id, journeyId ?? '') };
  };

  const CreateJourney: PinpointHandler<CreateJourneyRequest, CreateJourneyResponse> = (input, ctx) => {
    const app = requireApp(pinpoint.forRequest(ctx), input.ApplicationId ?? '');
    const request = input.WriteJourneyRequest ?? { Name: undefined };
    const state = writeState(request.State) ?? 'DRAFT';
    const settings = journeySettings(app, request, undefined);
    const now = ctx.now().toISOString();
    const id = newResourceId();
    const journey: JourneyRecord = {
      id,
      applicationId: app.id,
      arn: `arn:aws:mobiletargeting:${ctx.region}:${ctx.accountId}:apps/${app.id}/journeys/${id}`,
      creationDate: now,
      lastModifiedDate: now,
      state: 'DRAFT',
      settings,
      tags: {},
      runs: [],
    };
    if (state === 'ACTIVE') publish(journey, now);
    appJourneys(journeys.forRequest(ctx), app.id).set(id, journey);
    return { JourneyResponse: journeyResponse(journey, ctx.now()) };
  };

  const GetJourney: PinpointHandler<GetJourneyRequest, GetJourneyResponse> = (input, ctx) => {
    const { journey } = resolve(ctx, input.ApplicationId, input.JourneyId);
    return { JourneyResponse: journeyResponse(journey, ctx.now()) };
  };

  const ListJourneys: PinpointHandler<ListJourneysRequest, ListJourneysResponse> = (input, ctx) => {
    const app = requireApp(pinpoint.forRequest(ctx), input.ApplicationId ?? '');
    const all = [...(journeys.forRequest(ctx).get(app.id)?.values() ?? [])];
    const page = pageOf(all, input.PageSize, input.Token, pageScope('ListJourneys', ctx, app.id));
    const now = ctx.now();
    return { JourneysResponse: { Item: page.items.map((journey) => journeyResponse(journey, now)), NextToken: page.nextToken } };
  };

  /**
   * Members left out keep their current value (as UpdateCampaign does). What may change depends
   * on the state (seed 002, JourneyResponse.State): an ACTIVE (or PAUSED) journey's activities
   * can't be added, changed or removed; a CANCELLED (or COMPLETED) journey's activities and
   * segment settings can't either. Those conflicts are the 409 ConflictException UpdateJourney
   * declares. `State: ACTIVE` publishes a DRAFT journey; a published journey can't go back to DRAFT.
   */
  const UpdateJourney: PinpointHandler<UpdateJourneyRequest, UpdateJourneyResponse> = (input, ctx) => {
    const { app, journey } = resolve(ctx, input.ApplicationId, input.JourneyId);
    const request = input.WriteJourneyRequest ?? { Name: undefined };
    const requested = writeState(request.State);
    const now = ctx.now();
    const current = journeyState(journey, now);
    const settings = journeySettings(app, request, journey.settings);
    const activitiesChanged = !isDeepStrictEqual(settings.Activities, journey.settings.Activities) || settings.StartActivity !== journey.settings.StartActivity;
    const segmentChanged = !isDeepStrictEqual(settings.StartCondition, journey.settings.StartCondition);
    if (current !== 'DRAFT' && activitiesChanged) {
      throw conflict(`The activities of a journey in state ${current} can't be added, changed or removed (Activities, StartActivity); only a DRAFT journey's can`);
    }
    if ((current === 'CANCELLED' || current === 'COMPLETED') && segmentChanged) {
      throw conflict(`The segment settings (StartCondition) of a journey in state ${current} can't be changed`);
    }
    if (requested === 'DRAFT' && current !== 'DRAFT') throw conflict(`A published journey can't return to DRAFT; its state is ${current}`);
    if (requested === 'ACTIVE' && current !== 'DRAFT' && current !== 'ACTIVE') {
      throw conflict(`State ACTIVE in UpdateJourney publishes a DRAFT journey; this journey is ${current} (use UpdateJourneyState to resume a PAUSED journey)`);
    }
    journey.settings = settings;
    journey.lastModifiedDate = now.toISOString();
    if (requested === 'ACTIVE' && current === 'DRAFT') publish(journey, now.toISOString());
    return { JourneyResponse: journeyResponse(journey, now) };
  };

  // Any state may be deleted; the response is the journey as it was.
  const DeleteJourney: PinpointHandler<DeleteJourneyRequest, DeleteJourneyResponse> = (input, ctx) => {
    const { app, journey } = resolve(ctx, input.ApplicationId, input.JourneyId);
    const response = journeyResponse(journey, ctx.now());
    appJourneys(journeys.forRequest(ctx), app.id).delete(journey.id);
    return { JourneyResponse: response };
  };

  /**
   * Seed 002, JourneyStateRequest: "the supported values are ACTIVE, PAUSED, and CANCELLED";
   * "PAUSED only supports journeys with a segment refresh interval". Transitions:
   * DRAFT → ACTIVE (publish); ACTIVE → PAUSED | CANCELLED; PAUSED → ACTIVE (resume) | CANCELLED.
   * Everything else (including COMPLETED and CANCELLED journeys, and a state the journey is
   * already in) is a 400: UpdateJourneyState declares no ConflictException.
   */
  const UpdateJourneyState: PinpointHandler<UpdateJourneyStateRequest, UpdateJourneyStateResponse> = (input, ctx) => {
    const { journey } = resolve(ctx, input.ApplicationId, input.JourneyId);
    const target = input.JourneyStateRequest?.State;
    const now = ctx.now();
    const current = journeyState(journey, now);
    const forbidden = () => badRequest(`A journey in state ${current} can't be set to ${target}; allowed: DRAFT → ACTIVE, ACTIVE → PAUSED or CANCELLED, PAUSED → ACTIVE or CANCELLED`);
    switch (target) {
      case 'ACTIVE':
        if (current === 'DRAFT') publish(journey, now.toISOString());
        else if (current === 'PAUSED') resume(journey, now);
        else throw forbidden();
        break;
      case 'PAUSED':
        if (current !== 'ACTIVE') throw forbidden();
        if (journey.settings.RefreshFrequency === undefined) {
          throw badRequest('Only a journey with a segment refresh interval (RefreshFrequency) can be PAUSED; cancel it instead');
        }
        journey.state = 'PAUSED';
        break;
      case 'CANCELLED':
        if (current !== 'ACTIVE' && current !== 'PAUSED') throw forbidden();
        journey.state = 'CANCELLED';
        for (const run of journey.runs) {
          if (run.cancelledAt === undefined && journeyRunStatus(journey, run, now) !== 'COMPLETED') run.cancelledAt = now.toISOString();
          stopParticipants(run, now);
        }
        break;
      case 'DRAFT':
      case 'COMPLETED':
      case 'CLOSED':
      case undefined:
        throw badRequest(`JourneyStateRequest.State must be ACTIVE, PAUSED or CANCELLED; got '${target ?? ''}'`);
      default: {
        const unreachable: never = target;
        throw badRequest(`JourneyStateRequest.State must be ACTIVE, PAUSED or CANCELLED; got '${String(unreachable)}'`);
      }
    }
    journey.lastModifiedDate = now.toISOString();
    return { JourneyResponse: journeyResponse(journey, now) };
  };

  // Most recent run first, the order a run history is read in.
  const GetJourneyRuns: PinpointHandler<GetJourneyRunsRequest, GetJourneyRunsResponse> = (input, ctx) => {
    const { app, journey } = resolve(ctx, input.ApplicationId, input.JourneyId);
    const page = pageOf([...journey.runs].reverse(), input.PageSize, input.Token, pageScope('GetJourneyRuns', ctx, app.id, journey.id));
    const now = ctx.now();
    return { JourneyRunsResponse: { Item: page.items.map((run) => runResponse(journey, run, now)), NextToken: page.nextToken } };
  };

  const GetJourneyExecutionMetrics: PinpointHandler<GetJourneyExecutionMetricsRequest, GetJourneyExecutionMetricsResponse> = (input, ctx) => {
    const { app, journey } = resolve(ctx, input.ApplicationId, input.JourneyId);
    singlePage(input);
    return {
      JourneyExecutionMetricsResponse: {
        ApplicationId: app.id,
        JourneyId: journey.id,
        LastEvaluatedTime: lastEvaluated(journey, ctx.now()),
        Metrics: runMetrics(journey.runs, JOURNEY_EXECUTION_METRICS),
      },
    };
  };

  const GetJourneyExecutionActivityMetrics: PinpointHandler<GetJourneyExecutionActivityMetricsRequest, GetJourneyExecutionActivityMetricsResponse> = (input, ctx) => {
    const { app, journey } = resolve(ctx, input.ApplicationId, input.JourneyId);
    const { id, activity } = requireActivity(journey, input.JourneyActivityId ?? '');
    singlePage(input);
    return {
      JourneyExecutionActivityMetricsResponse: {
        ApplicationId: app.id,
        JourneyId: journey.id,
        JourneyActivityId: id,
        ActivityType: activityType(activity),
        LastEvaluatedTime: lastEvaluated(journey, ctx.now()),
        Metrics: activityMetrics(id, activity, journey.runs),
      },
    };
  };

  const GetJourneyRunExecutionMetrics: PinpointHandler<GetJourneyRunExecutionMetricsRequest, GetJourneyRunExecutionMetricsResponse> = (input, ctx) => {
    const { app, journey } = resolve(ctx, input.ApplicationId, input.JourneyId);
    const run = requireJourneyRun(journey, input.RunId ?? '');
    singlePage(input);
    return {
      JourneyRunExecutionMetricsResponse: {
        ApplicationId: app.id,
        JourneyId: journey.id,
        RunId: run.id,
        LastEvaluatedTime: runLastEvaluated(journey, run, ctx.now()),
        Metrics: runMetrics([run], JOURNEY_RUN_EXECUTION_METRICS),
      },
    };
  };

  const GetJourneyRunExecutionActivityMetrics: PinpointHandler<GetJourneyRunExecutionActivityMetricsRequest, GetJourneyRunExecutionActivityMetricsResponse> = (input, ctx) => {
    const { app, journey } = resolve(ctx, input.ApplicationId, input.JourneyId);
    const run = requireJourneyRun(journey, input.RunId ?? '');
    const { id, activity } = requireActivity(journey, input.JourneyActivityId ?? '');
    singlePage(input);
    return {
      JourneyRunExecutionActivityMetricsResponse: {
        ApplicationId: app.id,
        JourneyId: journey.id,
        RunId: run.id,
        JourneyActivityId: id,
        ActivityType: activityType(activity),
        LastEvaluatedTime: runLastEvaluated(journey, run, ctx.now()),
        Metrics: activityMetrics(id, activity, [run]),
      },
    };
  };

  // Same range rules and defaults as the application and campaign KPIs (core `resolveRange`).
  const GetJourneyDateRangeKpi: PinpointHandler<GetJourneyDateRangeKpiRequest, GetJourneyDateRangeKpiResponse> = (input, ctx) => {
    const { app, journey } = resolve(ctx, input.ApplicationId, input.JourneyId);
    const name = input.KpiName ?? '';
    if (!KPI_NAME_PATTERN.test(name)) throw badRequest(`kpi-name must be two or more lowercase alphanumeric terms separated by hyphens; got '${name}'`);
    const kpi = JOURNEY_KPIS.get(name);
    if (kpi === undefined) throw badRequest(`'${name}' is not a supported journey engagement metric (kpi-name); see the standard metrics for journeys`);
    const { start, end } = resolveRange(input.StartTime, input.EndTime, ctx.now());
    singlePage(input);
    const messages = journeyMessages(journey);
    const activityOf = (event: RecordedEvent) => event.attributes.journey_activity_id || messages.get(event.attributes.message_id ?? '');
    const events = app.events.filter(
      (event) =>
        (event.attributes.journey_id === journey.id || messages.has(event.attributes.message_id ?? '')) && event.eventType === kpi.eventType && event.timestamp >= start && event.timestamp <= end,
    );
    return {
      JourneyDateRangeKpiResponse: {
        ApplicationId: app.id,
        JourneyId: journey.id,
        KpiName: name,
        StartTime: start,
        EndTime: end,
        KpiResult: { Rows: kpiRows(name, kpi.grouped, events, activityOf) },
      },
    };
  };

  return {
    CreateJourney,
    GetJourney,
    ListJourneys,
    UpdateJourney,
    DeleteJourney,
    UpdateJourneyState,
    GetJourneyRuns,
    GetJourneyExecutionMetrics,
    GetJourneyExecutionActivityMetrics,
    GetJourneyRunExecutionMetrics,
    GetJourneyRunExecutionActivityMetrics,
    GetJourneyDateRangeKpi,
  };
}

/** The JourneyResponse of a journey, with its state as of `now`. */
export function journeyResponse(journey: JourneyRecord, now: Date): JourneyResponse {
  return {
    ...clone(journey.settings),
    Id: journey.id,
    ApplicationId: journey.applicationId,
    CreationDate: journey.creationDate,
    LastModifiedDate: journey.lastModifiedDate,
    State: journeyState(journey, now),
    tags: { ...journey.tags },
  };
}

/**
 * Module-private: the execution metric `names` summed over `runs`, as strings of counts;
 * ENDPOINT_ACTIVE is the participants in the journey now. Runs without an execution record
 * (the seed's) count nothing.
 */
function runMetrics(runs: readonly JourneyRunRecord[], names: readonly string[]): Record<string, string> {
  return summedMetrics(runs, names, (run) => run.execution?.counts, { name: 'ENDPOINT_ACTIVE', counts: (participant) => participant.state === 'ACTIVE' });
}

/**
 * Module-private: one activity's execution metrics summed over `runs` (the names per type are in
 * `journeyActivities.ts`); a wait's WAITING is the participants waiting there now.
 */
function activityMetrics(activityId: string, activity: Activity, runs: readonly JourneyRunRecord[]): Record<string, string> {
  const waiting: LiveMetric | undefined =
    activity.Wait !== undefined ? { name: 'WAITING', counts: (participant) => participant.state === 'ACTIVE' && participant.activityId === activityId } : undefined;
  return summedMetrics(runs, activityMetricNames(activity), (run) => run.execution?.activities[activityId], waiting);
}

/** Module-private: a metric that is not counted as it happens but read off the participants there now. */
interface LiveMetric {
  readonly name: string;
  readonly counts: (participant: ParticipantRecord) => boolean;
}

/**
 * Module-private: the counters `names` summed over `runs` (each run's counters from `countsOf`), as
 * the strings metrics responses carry; `live`, when it is one of `names`, adds each run's
 * participants it counts. What runMetrics and activityMetrics share.
 */
function summedMetrics(
  runs: readonly JourneyRunRecord[],
  names: readonly string[],
  countsOf: (run: JourneyRunRecord) => Readonly<Record<string, number>> | undefined,
  live: LiveMetric | undefined,
): Record<string, string> {
  const totals: Record<string, number> = Object.fromEntries(names.map((name) => [name, 0]));
  for (const run of runs) {
    const counts = countsOf(run) ?? {};
    for (const name of names) totals[name] += counts[name] ?? 0;
    if (live !== undefined && totals[live.name] !== undefined) totals[live.name] += run.execution?.participants.filter(live.counts).length ?? 0;
  }
  return Object.fromEntries(names.map((name) => [name, String(totals[name])]));
}

/** Module-private: every message the journey sent, by message ID → the activity that sent it. */
function journeyMessages(journey: JourneyRecord): Map<string, string> {
  const messages = new Map<string, string>();
  for (const run of journey.runs) {
    for (const participant of run.execution?.participants ?? []) {
      for (const message of participant.messages) messages.set(message.messageId, message.activityId);
    }
  }
  return messages;
}

/** Module-private: the journey was last evaluated when its latest run was; a journey never published, when it was last written. */
function lastEvaluated(journey: JourneyRecord, now: Date): string {
  const latest = journey.runs[journey.runs.length - 1];
  return latest === undefined ? journey.lastModifiedDate : runLastEvaluated(journey, latest, now);
}

/** Module-private: a run was last evaluated when its status last changed or, if later, when the runner last admitted or moved a participant. */
function runLastEvaluated(journey: JourneyRecord, run: JourneyRunRecord, now: Date): string {
  const changed = journeyRunLastUpdate(journey, run, now);
  const stepped = run.execution?.lastStepAt;
  return stepped !== undefined && stepped > Date.parse(changed) ? new Date(stepped).toISOString() : changed;
}

/** Module-private. */
function runResponse(journey: JourneyRecord, run: JourneyRunRecord, now: Date): JourneyRunResponse {
  return { RunId: run.id, Status: journeyRunStatus(journey, run, now), CreationTime: run.creationTime, LastUpdateTime: journeyRunLastUpdate(journey, run, now) };
}

/** Module-private: the activity a metrics request names, or 404. */
function requireActivity(journey: JourneyRecord, activityId: string): { id: string; activity: Activity } {
  const activity = journey.settings.Activities?.[activityId];
  if (activity === undefined) throw new ServiceError('NotFoundException', `Resource not found: Journey activity '${activityId}' does not exist in journey '${journey.id}'`);
  return { id: activityId, activity };
}

/**
 * Module-private. Seed 002: page-size and next-token are "not supported" for journey metrics and
 * the response has no NextToken. A malformed page-size is still a 400, and since no token is
 * ever issued, any next-token is one this query did not hand out.
 */
function singlePage(input: { PageSize?: string; NextToken?: string }): void {
  parsePageSize(input.PageSize);
  if (input.NextToken !== undefined && input.NextToken !== '') throw invalidToken();
}

/**
 * Module-private: resumes a PAUSED journey. Its participants were held where they were (the
 * runner moved them up to the pause, since it runs before every request); whatever fell due
 * during the pause happens now, and segment refreshes missed during the pause are skipped: the
 * next one is the first of the refresh schedule from now on.
 */
function resume(journey: JourneyRecord, now: Date): void {
  journey.state = 'ACTIVE';
  const nowMs = now.getTime();
  const run = latestRun(journey);
  const execution = run?.execution;
  if (run === undefined || execution === undefined) return;
  for (const participant of execution.participants) {
    if (participant.state === 'ACTIVE' && participant.dueAt < nowMs) participant.dueAt = nowMs;
  }
  const refreshMs = journey.settings.RefreshFrequency === undefined ? undefined : durationMs(journey.settings.RefreshFrequency);
  if (execution.nextRefreshAt !== undefined && execution.nextRefreshAt < nowMs && refreshMs !== undefined && refreshMs > 0) {
    execution.nextRefreshAt += Math.ceil((nowMs - execution.nextRefreshAt) / refreshMs) * refreshMs;
  }
  // A run whose start passed during the pause starts now (the runner admits no earlier than the resume).
  if (!execution.admitted && admissionInstant(journey, run) < nowMs) execution.resumedAt = nowMs;
}

/** Module-private: the participants still in a cancelled journey's run stop where they are (CANCELLED). */
function stopParticipants(run: JourneyRunRecord, now: Date): void {
  const execution = run.execution;
  if (execution === undefined) return;
  for (const participant of execution.participants) {
    if (participant.state !== 'ACTIVE') continue;
    participant.state = 'CANCELLED';
    participant.activityId = undefined;
    participant.finishedAt = now.getTime();
    execution.counts.CANCELLED = (execution.counts.CANCELLED ?? 0) + 1;
  }
}

/** Module-private: 409, the one extra error UpdateJourney declares. */
function conflict(message: string): ServiceError {
  return new ServiceError('ConflictException', message);
}

/** Module-private: publishes a DRAFT journey: checks it is complete, makes it ACTIVE and records its run, which the journey runner then runs. */
function publish(journey: JourneyRecord, now: string): void {
  checkPublishable(journey.settings);
  journey.state = 'ACTIVE';
  journey.runs.push({ id: newResourceId(), creationTime: now, execution: newRunExecution() });
}

/**
 * Module-private: the state a create or update request asks for. Seed 002: "The CANCELLED,
 * COMPLETED, and CLOSED values are not supported in requests to create or update a journey. To
 * cancel a journey, use the Journey State resource"; pausing is also that resource's job.
 */
function writeState(state: State | undefined): Extract<StoredJourneyState, 'DRAFT' | 'ACTIVE'> | undefined {
  switch (state) {
    case undefined:
    case 'DRAFT':
    case 'ACTIVE':
      return state;
    case 'PAUSED':
    case 'CANCELLED':
    case 'COMPLETED':
    case 'CLOSED':
      throw badRequest(`WriteJourneyRequest.State must be DRAFT or ACTIVE; got '${state}' (use UpdateJourneyState to pause or cancel a journey)`);
    default: {
      const unreachable: never = state;
      throw badRequest(`WriteJourneyRequest.State must be DRAFT or ACTIVE; got '${String(unreachable)}'`);
    }
  }
}

/**
 * Module-private: checks a write request and returns the journey's new settings. On update
 * (`current` given), members the request leaves out keep their current value. CreationDate and
 * LastModifiedDate in the request are ignored: AWS sets them.
 */
function journeySettings(app: AppRecord, request: WriteJourneyRequest, current: JourneySettings | undefined): JourneySettings {
  const { State: _state, CreationDate: _created, LastModifiedDate: _modified, ...rest } = clone(request);
  const defined = Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined)) as Partial<JourneySettings>;
  const settings = { ...current, ...defined } as JourneySettings;
  checkJourneySettings(settings);
  // Only segments the request names must exist now: a stored journey whose segment was deleted
  // since can still be renamed.
  for (const segmentId of [defined.StartCondition?.SegmentStartCondition?.SegmentId, defined.StartCondition?.EventStartCondition?.SegmentId]) {
    if (segmentId !== undefined) requireSegment(app, segmentId);
  }
  return settings;
}

/** Module-private: the constraints seed 002 states on journey settings. */
function checkJourneySettings(settings: JourneySettings): void {
  const name = settings.Name ?? '';
  if (name.length < 1 || name.length > JOURNEY_LIMITS.nameLength || /\s/.test(name)) {
    throw badRequest(`Name must be 1 to ${JOURNEY_LIMITS.nameLength} characters without spaces (seed 002: "A journey name can't contain any spaces"); got '${name}'`);
  }
  const activities = settings.Activities ?? {};
  for (const [id, activity] of Object.entries(activities)) checkActivity(id, activity, activities);
  if (settings.StartActivity !== undefined) {
    if (!new RegExp(`^[A-Za-z0-9]{1,${JOURNEY_LIMITS.startActivityIdLength}}$`).test(settings.StartActivity)) {
      throw badRequest(`StartActivity must be 1 to ${JOURNEY_LIMITS.startActivityIdLength} alphanumeric characters; got '${settings.StartActivity}'`);
    }
    if (settings.Activities !== undefined && activities[settings.StartActivity] === undefined) {
      throw badRequest(`StartActivity must be the ID of one of the journey's activities (${Object.keys(activities).join(', ')}); got '${settings.StartActivity}'`);
    }
  }
  const start = settings.StartCondition;
  if (start?.SegmentStartCondition !== undefined && start.EventStartCondition !== undefined) {
    throw badRequest('StartCondition takes either SegmentStartCondition or EventStartCondition, not both');
  }
  checkLimits(settings);
  const schedule = settings.Schedule;
  if (schedule?.Timezone !== undefined && !JOURNEY_TIMEZONES.has(schedule.Timezone)) {
    throw badRequest(`Schedule.Timezone must be one of the UTC offsets seed 002 lists for journeys (UTC, UTC+01, …, UTC-11); got '${schedule.Timezone}'`);
  }
  if (schedule?.StartTime !== undefined && schedule.EndTime !== undefined && schedule.EndTime.getTime() <= schedule.StartTime.getTime()) {
    throw badRequest(`Schedule.EndTime must be after Schedule.StartTime; got ${schedule.EndTime.toISOString()} <= ${schedule.StartTime.toISOString()}`);
  }
  checkQuietTime('QuietTime', settings.QuietTime);
  if (settings.RefreshFrequency !== undefined && !ISO_DURATION.test(settings.RefreshFrequency)) {
    throw badRequest(`RefreshFrequency must be an ISO 8601 duration such as PT1H or P1D; got '${settings.RefreshFrequency}'`);
  }
}

/** Module-private: seed 002 JourneyLimits: caps at most 100 (0 = no limit), TimeframeCap.Days at most 30. */
function checkLimits(settings: JourneySettings): void {
  const limits = settings.Limits;
  if (limits === undefined) return;
  const checks: Array<[string, number | undefined, number]> = [
    ['DailyCap', limits.DailyCap, JOURNEY_LIMITS.cap],
    ['TotalCap', limits.TotalCap, JOURNEY_LIMITS.cap],
    ['EndpointReentryCap', limits.EndpointReentryCap, JOURNEY_LIMITS.cap],
    ['TimeframeCap.Cap', limits.TimeframeCap?.Cap, JOURNEY_LIMITS.cap],
    ['TimeframeCap.Days', limits.TimeframeCap?.Days, JOURNEY_LIMITS.timeframeDays],
    ['MessagesPerSecond', limits.MessagesPerSecond, Number.MAX_SAFE_INTEGER],
  ];
  for (const [field, value, max] of checks) {
    if (value !== undefined && (!Number.isInteger(value) || value < 0 || value > max)) {
      throw badRequest(`Limits.${field} must be an integer from 0${max === Number.MAX_SAFE_INTEGER ? ' up' : ` to ${max}`}; got ${value}`);
    }
  }
  if (limits.EndpointReentryInterval !== undefined && !ISO_DURATION.test(limits.EndpointReentryInterval)) {
    throw badRequest(`Limits.EndpointReentryInterval must be an ISO 8601 duration such as PT1H; got '${limits.EndpointReentryInterval}'`);
  }
}

/** Module-private: one activity: its ID, exactly one kind, its links to other activities and its percentages. */
function checkActivity(id: string, activity: Activity, activities: Readonly<Record<string, Activity>>): void {
  if (!new RegExp(`^[A-Za-z0-9]{1,${JOURNEY_LIMITS.activityIdLength}}$`).test(id)) {
    throw badRequest(`An activity ID must be 1 to ${JOURNEY_LIMITS.activityIdLength} alphanumeric characters; got '${id}'`);
  }
  const kinds = ACTIVITY_KINDS.filter((kind) => activity[kind] !== undefined);
  if (kinds.length !== 1) {
    throw badRequest(`Activities.${id} must set exactly one of ${ACTIVITY_KINDS.join(', ')}; got ${kinds.length === 0 ? 'none' : kinds.join(', ')}`);
  }
  const links: Array<[string, string | undefined]> = [
    ['CUSTOM.NextActivity', activity.CUSTOM?.NextActivity],
    ['EMAIL.NextActivity', activity.EMAIL?.NextActivity],
    ['PUSH.NextActivity', activity.PUSH?.NextActivity],
    ['SMS.NextActivity', activity.SMS?.NextActivity],
    ['Holdout.NextActivity', activity.Holdout?.NextActivity],
    ['Wait.NextActivity', activity.Wait?.NextActivity],
    ['ContactCenter.NextActivity', activity.ContactCenter?.NextActivity],
    ['ConditionalSplit.TrueActivity', activity.ConditionalSplit?.TrueActivity],
    ['ConditionalSplit.FalseActivity', activity.ConditionalSplit?.FalseActivity],
    ['MultiCondition.DefaultActivity', activity.MultiCondition?.DefaultActivity],
    ...(activity.MultiCondition?.Branches ?? []).map((branch, index): [string, string | undefined] => [`MultiCondition.Branches[${index}].NextActivity`, branch.NextActivity]),
    ...(activity.RandomSplit?.Branches ?? []).map((branch, index): [string, string | undefined] => [`RandomSplit.Branches[${index}].NextActivity`, branch.NextActivity]),
  ];
  for (const [field, target] of links) {
    if (target !== undefined && activities[target] === undefined) {
      throw badRequest(`Activities.${id}.${field} must name an activity of this journey; got '${target}'`);
    }
  }
  const holdout = activity.Holdout?.Percentage;
  if (holdout !== undefined && (!Number.isInteger(holdout) || holdout < 0 || holdout > 100)) {
    throw badRequest(`Activities.${id}.Holdout.Percentage must be an integer from 0 to 100; got ${holdout}`);
  }
  // Seed 002: split activities send participants "down one of as many as five paths".
  const multiPaths = activity.MultiCondition === undefined ? 0 : (activity.MultiCondition.Branches?.length ?? 0) + 1;
  const randomBranches = activity.RandomSplit?.Branches ?? [];
  if (multiPaths > JOURNEY_LIMITS.splitPaths || randomBranches.length > JOURNEY_LIMITS.splitPaths) {
    throw badRequest(`Activities.${id} has more than ${JOURNEY_LIMITS.splitPaths} paths; a split activity has at most ${JOURNEY_LIMITS.splitPaths} (a multivariate split: 4 branches plus the default path)`);
  }
  let total = 0;
  randomBranches.forEach((branch, index) => {
    const percentage = branch.Percentage ?? 0;
    if (!Number.isInteger(percentage) || percentage < 0 || percentage > 100) {
      throw badRequest(`Activities.${id}.RandomSplit.Branches[${index}].Percentage must be an integer from 0 to 100; got ${percentage}`);
    }
    total += percentage;
  });
  if (total > 100) throw badRequest(`Activities.${id}.RandomSplit branch percentages must add up to at most 100; got ${total}`);
}

/** Module-private: a journey can only be published with a start condition and a start activity among its activities. */
function checkPublishable(settings: JourneySettings): void {
  const start = settings.StartCondition;
  if (start?.SegmentStartCondition === undefined && start?.EventStartCondition === undefined) {
    throw badRequest('A journey needs a StartCondition (SegmentStartCondition or EventStartCondition) before it can be published (State ACTIVE)');
  }
  const activities = settings.Activities ?? {};
  if (settings.StartActivity === undefined || activities[settings.StartActivity] === undefined) {
    throw badRequest(`A journey needs Activities and a StartActivity among them before it can be published (State ACTIVE); got StartActivity '${settings.StartActivity ?? ''}'`);
  }
}

/**
 * Module-private: the KPI rows, in the form the application and campaign KPIs use: one Double
 * value keyed by the PascalCase name (without `-grouped-by-…`), no rows for a null metric,
 * and for the grouped names one row per journey activity (`activityOf`), sorted.
 */
function kpiRows(name: string, grouped: boolean, events: readonly RecordedEvent[], activityOf: (event: RecordedEvent) => string | undefined): ResultRow[] {
  const key = name
    .replace(/-grouped-by-.*$/, '')
    .split('-')
    .map((term) => term.charAt(0).toUpperCase() + term.slice(1))
    .join('');
  const value = (count: number) => [{ Key: key, Type: 'Double', Value: `${count}.0` }];
  // Seed 002: GroupedBys is "null if the data in a result set isn't grouped".
  if (!grouped) return events.length === 0 ? [] : [{ GroupedBys: undefined, Values: value(events.length) }];
  const counts = new Map<string, number>();
  for (const event of events) {
    const activityId = activityOf(event);
    if (activityId !== undefined && activityId !== '') counts.set(activityId, (counts.get(activityId) ?? 0) + 1);
  }
  return [...counts.keys()].sort().map((activityId) => ({ GroupedBys: [{ Key: 'JourneyActivityId', Type: 'String', Value: activityId }], Values: value(counts.get(activityId) ?? 0) }));
}
