import type { JourneyRunStatus, State, WriteJourneyRequest } from '@aws-sdk/client-pinpoint';
import type { RequestContext } from '../types';
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
   * When the run finished before the schedule's end: the runs of a recurring journey each end
   * before the next one starts. Only the seed records this until a delivery engine runs journeys.
   */
  readonly completedAt?: string;
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
 * scheduled end time has passed is COMPLETED. With no delivery engine there are never
 * participants still in flight, so the end of the schedule is the end of the journey.
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
