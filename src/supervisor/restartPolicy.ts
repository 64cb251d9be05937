/**
 * When the supervisor restarts a worker that died, and when it gives up: each unexpected death is
 * answered with a restart after a back-off that doubles with the deaths of the recent window, until
 * more than `maxDeaths` fall within `windowMs`, a crash loop (a bad deploy, a port taken, a
 * dependency that kills every start), where restarting again only burns CPU and hides the cause.
 */

/** The policy's bounds. */
export interface RestartPolicyOptions {
  /** Deaths tolerated within the window; one more is a crash loop. */
  readonly maxDeaths: number;
  /** The window deaths are counted over, in ms. */
  readonly windowMs: number;
  /** Back-off after the first death of a window, in ms; doubled for each further one. */
  readonly baseDelayMs: number;
  /** The longest back-off, in ms. */
  readonly maxDelayMs: number;
}

/**
 * The defaults: 5 deaths a minute are tolerated (a worker that runs out of memory now and then is
 * restarted every time); the 6th stops the supervisor. The first restart comes after 100 ms, so
 * one crash costs the capacity of one worker for about its start-up time.
 */
export const DEFAULT_RESTART_POLICY: RestartPolicyOptions = { maxDeaths: 5, windowMs: 60_000, baseDelayMs: 100, maxDelayMs: 5_000 };

/** What to do about one death. */
export type RestartDecision =
  | { readonly kind: 'restart'; readonly delayMs: number; readonly recentDeaths: number }
  | { readonly kind: 'crash-loop'; readonly recentDeaths: number };

/** Counts deaths over a sliding window and decides each one. */
export class RestartPolicy {
  readonly #options: RestartPolicyOptions;
  readonly #now: () => number;
  #deaths: number[] = [];

  constructor(options: RestartPolicyOptions = DEFAULT_RESTART_POLICY, now: () => number = () => performance.now()) {
    if (!(options.maxDeaths >= 0 && options.windowMs > 0 && options.baseDelayMs >= 0 && options.maxDelayMs >= options.baseDelayMs)) {
      throw new Error(`RestartPolicy needs maxDeaths >= 0, windowMs > 0 and 0 <= baseDelayMs <= maxDelayMs; got ${JSON.stringify(options)}`);
    }
    this.#options = options;
    this.#now = now;
  }

  /** Records a death now and decides it. */
  recordDeath(): RestartDecision {
    const now = this.#now();
    this.#deaths = this.#deaths.filter((at) => now - at < this.#options.windowMs);
    this.#deaths.push(now);
    const recentDeaths = this.#deaths.length;
    if (recentDeaths > this.#options.maxDeaths) return { kind: 'crash-loop', recentDeaths };
    const delayMs = Math.min(this.#options.maxDelayMs, this.#options.baseDelayMs * 2 ** (recentDeaths - 1));
    return { kind: 'restart', delayMs, recentDeaths };
  }

  /** The window, for messages. */
  get windowMs(): number {
    return this.#options.windowMs;
  }
}
