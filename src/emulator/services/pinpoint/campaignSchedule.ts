import type { Frequency, QuietTime, Schedule } from '@aws-sdk/client-pinpoint';

/**
 * When a campaign runs: the instants ("occurrences") its schedule produces, and quiet time.
 *
 * - `StartTime` is `IMMEDIATE` (the campaign's creation instant) or an ISO 8601 instant.
 * - ONCE has one occurrence: the start, or the creation instant when the start lies before it
 *   (a one-time campaign created "late" still runs once).
 * - HOURLY / DAILY / WEEKLY / MONTHLY repeat from the start every 1 h / 24 h / 7 days / calendar
 *   month (UTC; a month-end start is clamped: Jan 31 → Feb 28 → Mar 31), strictly before
 *   `EndTime`. Occurrences before the campaign was created never run (AWS doesn't back-date).
 * - EVENT and IN_APP_EVENT have no occurrences: events trigger them.
 *
 * `IsLocalTime` is not modelled: every occurrence is one UTC instant for all endpoints.
 */

/** Most past-due occurrences a single catch-up runs per campaign (the most recent ones); older ones are skipped. */
export const CATCH_UP_LIMIT = 100;

/** Module-private: fixed periods of the recurring frequencies (MONTHLY is by calendar month). */
const PERIOD_MS = { HOURLY: 3_600_000, DAILY: 86_400_000, WEEKLY: 7 * 86_400_000 } as const;

/** Whether a frequency runs on a clock (as opposed to once, or on events). */
export function isRecurring(frequency: Frequency | undefined): frequency is 'HOURLY' | 'DAILY' | 'WEEKLY' | 'MONTHLY' {
  return frequency === 'HOURLY' || frequency === 'DAILY' || frequency === 'WEEKLY' || frequency === 'MONTHLY';
}

/** Whether a frequency is event-triggered. */
export function isEventTriggered(frequency: Frequency | undefined): frequency is 'EVENT' | 'IN_APP_EVENT' {
  return frequency === 'EVENT' || frequency === 'IN_APP_EVENT';
}

/** The schedule's start as epoch milliseconds (`IMMEDIATE` is `createdAt`). */
export function scheduleStart(schedule: Schedule, createdAt: Date): number {
  return schedule.StartTime === 'IMMEDIATE' || schedule.StartTime === undefined ? createdAt.getTime() : Date.parse(schedule.StartTime);
}

/** The schedule's end as epoch milliseconds, or +∞ without an `EndTime`. */
export function scheduleEnd(schedule: Schedule): number {
  return schedule.EndTime === undefined ? Number.POSITIVE_INFINITY : Date.parse(schedule.EndTime);
}

/**
 * The occurrences strictly after `afterMs` (the last run's scheduled start; undefined when the
 * campaign never ran) and strictly before `beforeMs` (now: a run is due once the clock has moved
 * past it), oldest first, at most `CATCH_UP_LIMIT` (the latest ones).
 */
export function dueOccurrences(schedule: Schedule, createdAt: Date, afterMs: number | undefined, beforeMs: number): Date[] {
  const due: number[] = [];
  for (const occurrence of occurrencesFrom(schedule, createdAt, afterMs)) {
    if (occurrence >= beforeMs) break;
    due.push(occurrence);
    if (due.length > CATCH_UP_LIMIT) due.shift();
  }
  return due.map((ms) => new Date(ms));
}

/** The first occurrence strictly after `afterMs`, if the schedule has one. */
export function nextOccurrence(schedule: Schedule, createdAt: Date, afterMs: number | undefined): Date | undefined {
  for (const occurrence of occurrencesFrom(schedule, createdAt, afterMs)) return new Date(occurrence);
  return undefined;
}

/**
 * Seed 002, Schedule.QuietTime: an endpoint is in quiet time when it has a valid
 * `Demographic.Timezone` and its local time is ≥ Start and ≤ End (a window that crosses midnight,
 * like 22:00–07:00, wraps). Without a timezone, or without both bounds, there is no quiet time.
 */
export function inQuietTime(quietTime: QuietTime | undefined, timezone: string | undefined, at: Date): boolean {
  if (quietTime?.Start === undefined || quietTime.End === undefined || timezone === undefined || timezone === '') return false;
  const local = localMinutes(timezone, at);
  if (local === undefined) return false;
  const start = minutesOf(quietTime.Start);
  const end = minutesOf(quietTime.End);
  return start <= end ? local >= start && local <= end : local >= start || local <= end;
}

/** Module-private: occurrences after `afterMs`, in order, lazily (recurring schedules without an end are endless). */
function* occurrencesFrom(schedule: Schedule, createdAt: Date, afterMs: number | undefined): Generator<number> {
  const frequency = schedule.Frequency ?? 'ONCE';
  const start = scheduleStart(schedule, createdAt);
  const end = scheduleEnd(schedule);
  if (Number.isNaN(start)) return;
  const after = afterMs ?? Number.NEGATIVE_INFINITY;
  switch (frequency) {
    case 'ONCE': {
      const only = Math.max(start, createdAt.getTime());
      if (only > after) yield only;
      return;
    }
    case 'HOURLY':
    case 'DAILY':
    case 'WEEKLY': {
      const period = PERIOD_MS[frequency];
      // Jump straight to the first candidate instead of walking every period since the start.
      const from = Math.max(after, createdAt.getTime() - 1);
      let k = Math.max(0, Math.floor((from - start) / period));
      for (;; k += 1) {
        const at = start + k * period;
        if (at >= end) return;
        if (at > after && at >= createdAt.getTime()) yield at;
      }
    }
    case 'MONTHLY':
      for (let k = 0; ; k += 1) {
        const at = addUtcMonths(start, k);
        if (at >= end) return;
        if (at > after && at >= createdAt.getTime()) yield at;
      }
    case 'EVENT':
    case 'IN_APP_EVENT':
      return;
    default: {
      const unreachable: never = frequency;
      throw new Error(`Unhandled campaign frequency: ${String(unreachable)}`);
    }
  }
}

/** Module-private: `start` plus `months` calendar months in UTC, the day clamped to the target month's length. */
function addUtcMonths(startMs: number, months: number): number {
  const start = new Date(startMs);
  const monthIndex = start.getUTCMonth() + months;
  const year = start.getUTCFullYear() + Math.floor(monthIndex / 12);
  const month = ((monthIndex % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return Date.UTC(year, month, Math.min(start.getUTCDate(), lastDay), start.getUTCHours(), start.getUTCMinutes(), start.getUTCSeconds(), start.getUTCMilliseconds());
}

/** Module-private: `HH:MM` as minutes after midnight. */
function minutesOf(hhmm: string): number {
  const [hours, minutes] = hhmm.split(':').map(Number);
  return hours * 60 + minutes;
}

/** Module-private: minutes after local midnight in `timezone` at `at`; undefined for an unknown zone. */
function localMinutes(timezone: string, at: Date): number | undefined {
  try {
    const parts = new Intl.DateTimeFormat('en-GB', { timeZone: timezone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at);
    const hours = Number(parts.find((part) => part.type === 'hour')?.value);
    const minutes = Number(parts.find((part) => part.type === 'minute')?.value);
    return Number.isFinite(hours) && Number.isFinite(minutes) ? hours * 60 + minutes : undefined;
  } catch {
    return undefined;
  }
}
