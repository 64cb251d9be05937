import type { Clock } from './services/types';
import type { StatePart } from './stateRegistry';

/**
 * The emulator's movable clock. Every service reads "now" from it (timestamps, the month a
 * spend limit counts, code expiry, the once-per-30-days opt-in rule), so a test can move time
 * instead of waiting for it.
 *
 * It runs in one of three modes:
 * - `base`: the clock the emulator was started with (the wall clock unless `options.clock`);
 * - `fixed`: time stands still at one instant (after `set`; `advance` moves the instant);
 * - `offset`: the base clock shifted by a number of seconds (after `advance` from `base`).
 *
 * `set` freezes rather than shifts so that consecutive reads give the same instant, which
 * makes timestamps in tests exact.
 *
 * Services that act on time (Pinpoint's campaign and journey runners) subscribe with `onMove`:
 * after `set`, `advance` and `reset` they run what became due, so a test that moves the clock
 * sees the effects (the outbox) without another service request. Restoring a saved mode is not
 * a move.
 */

/** A clock services can ask to be told about moves. */
export interface MovableClock extends Clock {
  /** Calls `listener` with the new time after every `set`, `advance` and `reset`. */
  onMove(listener: (now: Date) => void): void;
}

/** Whether a service's clock tells about moves (the emulator's does; a test's plain clock doesn't). */
export function isMovableClock(clock: Clock): clock is MovableClock {
  return typeof (clock as Partial<MovableClock>).onMove === 'function';
}

/** What `GET /_emulator/clock` reports. */
export interface ClockState {
  /** The emulator's current time, ISO 8601. */
  readonly now: string;
  readonly mode: 'base' | 'fixed' | 'offset';
  /** Seconds the clock is ahead of its base (mode `offset` only). */
  readonly offsetSeconds?: number;
}

/** Module-private: the clock's mode and its parameter. */
type Mode = { readonly kind: 'base' } | { readonly kind: 'fixed'; readonly atMs: number } | { readonly kind: 'offset'; readonly ms: number };

/** A clock that can be set, advanced and reset at run time (the admin API's `/_emulator/clock`). */
export class EmulatorClock implements MovableClock, StatePart {
  private mode: Mode = { kind: 'base' };
  private readonly listeners: ((now: Date) => void)[] = [];

  /** `base` is the clock `reset` returns to; the wall clock by default. */
  constructor(private readonly base: Clock = { now: () => new Date() }) {}

  /** The current emulator time. */
  now(): Date {
    switch (this.mode.kind) {
      case 'base':
        return this.base.now();
      case 'fixed':
        return new Date(this.mode.atMs);
      case 'offset':
        return new Date(this.base.now().getTime() + this.mode.ms);
      default: {
        const unreachable: never = this.mode;
        throw new Error(`Unhandled clock mode ${JSON.stringify(unreachable)}`);
      }
    }
  }

  /** Freezes the clock at `at`; throws a `RangeError` for an invalid date. */
  set(at: Date): void {
    if (Number.isNaN(at.getTime())) throw new RangeError(`The clock can only be set to a valid date; got ${String(at)}`);
    this.mode = { kind: 'fixed', atMs: at.getTime() };
    this.moved();
  }

  /** Moves the clock forward by `seconds` (a finite number ≥ 0); a frozen clock stays frozen at the later instant. */
  advance(seconds: number): void {
    if (!Number.isFinite(seconds) || seconds < 0) throw new RangeError(`The clock advances by a finite number of seconds ≥ 0; got ${seconds}`);
    const ms = Math.round(seconds * 1000);
    switch (this.mode.kind) {
      case 'base':
        this.mode = { kind: 'offset', ms };
        break;
      case 'fixed':
        this.mode = { kind: 'fixed', atMs: this.mode.atMs + ms };
        break;
      case 'offset':
        this.mode = { kind: 'offset', ms: this.mode.ms + ms };
        break;
      default: {
        const unreachable: never = this.mode;
        throw new Error(`Unhandled clock mode ${JSON.stringify(unreachable)}`);
      }
    }
    this.moved();
  }

  /** Returns to the base clock. */
  reset(): void {
    this.mode = { kind: 'base' };
    this.moved();
  }

  /** Calls `listener` with the new time after every move (see the class comment). */
  onMove(listener: (now: Date) => void): void {
    this.listeners.push(listener);
  }

  /** The clock's mode, for the state file: a set clock stays at its instant, an advanced one stays ahead of its base by the same amount. */
  snapshot(): unknown {
    return { ...this.mode };
  }

  /** Puts back a mode `snapshot` gave; throws a `TypeError` for anything else. */
  restore(snapshot: unknown): void {
    const mode = snapshot as Partial<Record<'kind' | 'atMs' | 'ms', unknown>> | null;
    const valid =
      typeof mode === 'object' &&
      mode !== null &&
      ((mode.kind === 'base' && Object.keys(mode).length === 1) ||
        (mode.kind === 'fixed' && Number.isFinite(mode.atMs) && Object.keys(mode).length === 2) ||
        (mode.kind === 'offset' && Number.isFinite(mode.ms) && Object.keys(mode).length === 2));
    if (!valid) throw new TypeError(`a clock mode is {kind: "base"}, {kind: "fixed", atMs} or {kind: "offset", ms}; got ${JSON.stringify(snapshot)}`);
    this.mode = { ...(mode as Mode) };
  }

  /** Module-private: tells the listeners, in subscription order. */
  private moved(): void {
    const now = this.now();
    for (const listener of this.listeners) listener(now);
  }

  /** The clock's time and mode, for the admin API. */
  state(): ClockState {
    const now = this.now().toISOString();
    return this.mode.kind === 'offset' ? { now, mode: 'offset', offsetSeconds: this.mode.ms / 1000 } : { now, mode: this.mode.kind };
  }
}
