import type { JourneyRunStatus, State, WriteJourneyRequest } from '@aws-sdk/client-pinpoint';
import type { RequestContext } from '../types';
import type { EndpointRecord } from './store';
import { RegionalStore } from '../regionalStore';
import { ServiceError } from '../../protocol/serviceError';

/**
 * Journeys, per account and region and, inside that, per application. Kept apart from the core
 * Pinpoint state (which this module only reads through its public API, in the handlers), so
 * the journeys and the apps they belong to are owned by different modules; a journey's
 * application is checked on every request, so journeys of a deleted app are unreachable.
 *
 * Records hold what AWS stores; the states and run statuses that depend on time (a journey
 * whose end has passed is COMPLETED) are derived at read time from the emulator clock.
 */

/** The settings of a journey as written: the write request minus the members AWS manages itself. */
export type JourneySettings = Omit<WriteJourneyRequest, 'State' | 'CreationDate' | 'LastModifiedDate'> & { readonly Name: string };

/**
 * The states a journey is stored in; COMPLETED is derived from the schedule (`journeyState`).
 * CLOSED and PENDING_APPROVAL are never entered: without a delivery engine there is no moment at
 * which participants have "entered", and approval workflows are not emulated.
 */
export type StoredJourneyState = Extract<State, 'DRAFT' | 'ACTIVE' | 'PAUSED' | 'CANCELLED'>;

/** One run of a journey (recorded when the journey is published). */
export interface JourneyRunRecord {
  readonly id: string;
  readonly creationTime: string;
  /** Set when the journey is cancelled while the run has not completed. */
  cancelledAt?: string;
  /**
   * When the run finished before the schedule's end: the seed's runs of a recurring journey each
   * end before the next one starts. The journey runner never sets it (its runs last until the
   * schedule's end: refreshes and events may still admit participants).
   */
  readonly completedAt?: string;
  /**
   * What the journey runner (`journeyRunner.ts`) did in this run. Runs published through the API
   * have one from the start; the seed's runs have none: they are history from before the
   * emulator ran them, so the runner leaves their journeys alone.
   */
  execution?: RunExecution;
}

/** One run's participants and counts, as the journey runner keeps them. */
export interface RunExecution {
  /** Whether the start condition's segment was evaluated (at the run's start; event-started journeys admit on events instead). */
  admitted: boolean;
  /** When a journey paused before its run started was resumed after the start (epoch ms): the run then starts at the resume. */
  resumedAt?: number;
  /** When the segment is evaluated again (epoch ms), for a journey with a RefreshFrequency. */
  nextRefreshAt?: number;
  /** The latest instant (epoch ms) at which the runner admitted or moved a participant. */
  lastStepAt?: number;
  /** Counts of the run execution metric names (`ENDPOINT_ENTERED`, `ENDPOINT_PRODUCED`, …); ENDPOINT_ACTIVE is derived from the participants. */
  readonly counts: Record<string, number>;
  /** Activity ID → activity metric name → count (live counts such as a wait's WAITING are derived). */
  readonly activities: Record<string, Record<string, number>>;
  /** Every entry into the journey during this run, in admission order (an endpoint that re-enters has one per entry). */
  readonly participants: ParticipantRecord[];
}

/** Where one participant is: moving through the activities, or out of the journey and why. */
export type ParticipantState = 'ACTIVE' | 'LEFT' | 'CANCELLED' | 'ENDED';

/** One endpoint's entry into a run of a journey. */
export interface ParticipantRecord {
  /** The endpoint ID as recorded by the app. */
  readonly endpointId: string;
  /** The endpoint's record at entry, kept only for an imported endpoint that is not registered with the app (others are read live). */
  readonly unregistered?: EndpointRecord;
  readonly enteredAt: number;
  state: ParticipantState;
  /** The activity the participant is at (undefined once it is out of the journey). */
  activityId?: string;
  /** When it arrived at its activity (epoch ms). */
  arrivedAt: number;
  /** When its activity acts (sends, evaluates, ends its wait), epoch ms. */
  dueAt: number;
  /** When it left, was cancelled or ended (epoch ms). */
  finishedAt?: number;
  /** The messages sent to it, oldest first: what caps count and event conditions refer to. */
  readonly messages: SentMessageRecord[];
}

/** A message a journey activity sent to a participant. */
export interface SentMessageRecord {
  readonly activityId: string;
  /** The outbox message ID (also the `message_id` attribute of its events). */
  readonly messageId: string;
  /** When it left (epoch ms). */
  readonly at: number;
  /** Whether it counts toward the journey's message caps (a contact center call doesn't). */
  readonly capped: boolean;
}

/** A run execution with nothing done yet. */
export function newRunExecution(): RunExecution {
  return { admitted: false, counts: {}, activities: {}, participants: [] };
}

/** A journey. */
export interface JourneyRecord {
  readonly id: string;
  readonly applicationId: string;
  /** `arn:aws:mobiletargeting:<region>:<account>:apps/<app>/journeys/<id>` (inventory §8.2); JourneyResponse carries no Arn, tags and IAM use it. */
  readonly arn: string;
  readonly creationDate: string;
  lastModifiedDate: string;
  state: StoredJourneyState;
  settings: JourneySettings;
  /** Seed 002 says JourneyResponse.tags "is not used or supported" and WriteJourneyRequest has none; kept for the Tags resource. */
  tags: Record<string, string>;
  /** Oldest first. */
  readonly runs: JourneyRunRecord[];
}

/** One account's journeys in one region: application ID → journey ID → journey, in creation order. */
export type JourneysState = Map<string, Map<string, JourneyRecord>>;

/** Journey state per account and region. */
export class JourneysStore {
  private readonly regional = new RegionalStore<JourneysState>(() => new Map());

  /** The journeys of the calling account in the request's region. */
  forRequest(ctx: Pick<RequestContext, 'accountId' | 'region'>): JourneysState {
    return this.regional.get(ctx.accountId, ctx.region);
  }

  /** The journeys of one account in one region. */
  get(accountId: string, region: string): JourneysState {
    return this.regional.get(accountId, region);
  }

  /** Forget every account and region. */
  clear(): void {
    this.regional.clear();
  }

  /** The store behind this one, for the emulator's state file (`stateParts.ts` snapshots and restores it). */
  regions(): RegionalStore<JourneysState> {
    return this.regional;
  }

  /** Every account and region that has journey state, with it, in first-use order (without creating any). */
  *scopes(): IterableIterator<{ accountId: string; region: string; state: JourneysState }> {
    yield* this.regional.entries();
  }
}

/** The journeys of one application (an empty map, created on first use, for an app without any). */
export function appJourneys(state: JourneysState, applicationId: string): Map<string, JourneyRecord> {
  let journeys = state.get(applicationId);
  if (journeys === undefined) {
    journeys = new Map();
    state.set(applicationId, journeys);
  }
  return journeys;
}

/** The journey, or 404. */
export function requireJourney(state: JourneysState, applicationId: string, journeyId: string): JourneyRecord {
  const journey = state.get(applicationId)?.get(journeyId);
  if (journey === undefined) throw new ServiceError('NotFoundException', `Resource not found: Journey '${journeyId}' does not exist in application '${applicationId}'`);
  return journey;
}

/** The run of a journey, or 404. */
export function requireJourneyRun(journey: JourneyRecord, runId: string): JourneyRunRecord {
  const run = journey.runs.find((candidate) => candidate.id === runId);
  if (run === undefined) throw new ServiceError('NotFoundException', `Resource not found: Journey run '${runId}' does not exist in journey '${journey.id}'`);
  return run;
}

/**
 * The state AWS reports: the stored state, except that a published (ACTIVE) journey whose
 * scheduled end time has passed is COMPLETED. The runner ends the participants still in flight
 * at that moment (ENDED), so the end of the schedule is the end of the journey.
 */
export function journeyState(journey: JourneyRecord, now: Date): State {
  const end = journey.settings.Schedule?.EndTime;
  if (journey.state === 'ACTIVE' && end !== undefined && end.getTime() <= now.getTime()) return 'COMPLETED';
  return journey.state;
}

/**
 * A run's status from the journey's schedule: SCHEDULED before the start (the schedule's start,
 * or the run's creation when there is none), RUNNING until the scheduled end (or the run's own
 * completion), COMPLETED after it; CANCELLED when the journey was cancelled before the run completed.
 */
export function journeyRunStatus(journey: JourneyRecord, run: JourneyRunRecord, now: Date): JourneyRunStatus {
  if (run.cancelledAt !== undefined) return 'CANCELLED';
  const { start, end } = runWindow(journey, run);
  if (end !== undefined && end <= now.getTime()) return 'COMPLETED';
  return start > now.getTime() ? 'SCHEDULED' : 'RUNNING';
}

/** When a run last changed status: its creation, then its start, end or cancellation once those have happened. */
export function journeyRunLastUpdate(journey: JourneyRecord, run: JourneyRunRecord, now: Date): string {
  if (run.cancelledAt !== undefined) return run.cancelledAt;
  const { start, end } = runWindow(journey, run);
  const created = Date.parse(run.creationTime);
  const moments = [created, start, end].filter((time): time is number => time !== undefined && time >= created && time <= now.getTime());
  return new Date(Math.max(...moments)).toISOString();
}

/** Module-private: the run's start and (optional) end, in epoch milliseconds; a run starts no earlier than it was created. */
function runWindow(journey: JourneyRecord, run: JourneyRunRecord): { start: number; end?: number } {
  const schedule = journey.settings.Schedule;
  const created = Date.parse(run.creationTime);
  const start = Math.max(schedule?.StartTime?.getTime() ?? created, created);
  const end = run.completedAt !== undefined ? Date.parse(run.completedAt) : schedule?.EndTime?.getTime();
  return { start, end };
}

/** The journey's latest run (the one the journey runner works on). */
export function latestRun(journey: JourneyRecord): JourneyRunRecord | undefined {
  return journey.runs[journey.runs.length - 1];
}

/**
 * When a run starts admitting participants (epoch ms): the schedule's start, or the run's
 * creation when that is later, or the resume of a journey that was paused over its start.
 */
export function admissionInstant(journey: JourneyRecord, run: JourneyRunRecord): number {
  const created = Date.parse(run.creationTime);
  return Math.max(created, journey.settings.Schedule?.StartTime?.getTime() ?? created, run.execution?.resumedAt ?? created);
}
