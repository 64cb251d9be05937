import { silentCacheLogger, type CacheLogger } from './cache';
import { NO_CACHE_OBSERVER, type CacheObserver, type RedisHealth } from './telemetry';

/**
 * The health of one Redis client as the gateway uses it, so that a hung Redis (paused: the socket
 * stays open, commands get no answer) costs as little as a dead one (refused: commands fail at
 * once). Without it, every request paid the command timeout while Redis hung.
 *
 * - `up`: commands go to Redis.
 * - `cooling-off`: a command timed out or failed while connected. For `coolOffMs`, no command is
 *   sent: each fails at once with {@link RedisUnavailableError}, so the caller's fallback answers
 *   immediately. Then one PING (the probe) decides: answered → `up`; else another cool-off.
 * - `down`: the connection is lost; ioredis reconnects with backoff in the background (commands
 *   fail at once meanwhile), and a successful reconnection (its ready check answered) is `up`.
 *
 * One warning is logged when an outage starts and one note when it ends; the observer hears of
 * every transition and, for a component with a fallback, of every command its fallback answered.
 */

/** Thrown (as a command's rejection) for a command not sent because Redis is cooling off or down. */
export class RedisUnavailableError extends Error {
  override readonly name = 'RedisUnavailableError';
  /** Stable code for callers that branch on it. */
  readonly code = 'REDIS_UNAVAILABLE';
  /** Which client refused (`kpi-cache`, `rate-limits`, ...). */
  readonly component: string;
  /** Why: `cooling-off` after a timeout or failure, `down` while reconnecting. */
  readonly health: Exclude<RedisHealth, 'up'>;

  constructor(component: string, health: Exclude<RedisHealth, 'up'>) {
    super(`Redis (${component}) is ${health === 'down' ? 'unreachable' : 'cooling off after a failed command'}; the command was not sent.`);
    this.component = component;
    this.health = health;
  }
}

/** Options of {@link RedisHealthTracker}. */
export interface RedisHealthOptions {
  /** Who uses the client, for logs and the observer (`kpi-cache`, `rate-limits`, `apq`, ...). */
  readonly component: string;
  /** How long no command is sent after a failure before the probe tries again (ms). */
  readonly coolOffMs: number;
  /** Whether the component answers from a fallback whenever a command fails or is skipped (reported as `redisFallback`). */
  readonly fallback?: boolean;
  readonly observer?: CacheObserver;
  readonly logger?: CacheLogger;
  /** The two log lines of an outage (default: generic ones naming the component). */
  readonly messages?: { readonly down: string; readonly up: string };
}

/** Counts since the tracker was created (tests and diagnostics). */
export interface RedisHealthCounts {
  /** Commands handed to the client (probes excluded). */
  readonly sent: number;
  /** Commands refused without being sent (cooling off or down). */
  readonly skipped: number;
  /** Commands that timed out. */
  readonly timeouts: number;
  /** Commands that failed for a connection or availability reason. */
  readonly errors: number;
  /** Probes sent after a cool-off. */
  readonly probes: number;
}

/** What the tracker needs from the client it watches. */
export interface ProbedClient {
  /** ioredis's connection status (`ready` when commands can be written). */
  readonly status: string;
  /** Sends PING past the gate. */
  probe(): Promise<unknown>;
  on(event: 'ready' | 'error' | 'close', listener: (...args: unknown[]) => void): unknown;
}

/** How a failed command counts: a fault of the connection (`timeout`, `error`) or nothing (Redis answered with an error). */
export function classifyRedisFailure(error: unknown): 'timeout' | 'error' | undefined {
  if (error instanceof RedisUnavailableError) return undefined;
  const message = error instanceof Error ? error.message : String(error);
  if (message === 'Command timed out') return 'timeout';
  if (error instanceof Error && error.name === 'ReplyError') {
    // Redis answered: a command error (WRONGTYPE, NOSCRIPT, ...) says nothing about its health,
    // except these, which say it cannot serve now.
    return /^(LOADING|MASTERDOWN|CLUSTERDOWN|READONLY|TRYAGAIN|BUSY)\b/.test(message) ? 'error' : undefined;
  }
  return 'error';
}

/** Whether a command failed because Redis could not serve it (skipped, timed out, connection lost), as opposed to Redis answering with an error. */
export function isRedisUnavailable(error: unknown): boolean {
  return error instanceof RedisUnavailableError || classifyRedisFailure(error) !== undefined;
}

/** The health of one client: the gate its commands pass, and the probe that reopens it. */
export class RedisHealthTracker {
  readonly component: string;
  readonly #options: RedisHealthOptions;
  readonly #observer: CacheObserver;
  readonly #logger: CacheLogger;
  #state: RedisHealth = 'up';
  #client: ProbedClient | undefined;
  #timer: NodeJS.Timeout | undefined;
  #closed = false;
  #sent = 0;
  #skipped = 0;
  #timeouts = 0;
  #errors = 0;
  #probes = 0;

  constructor(options: RedisHealthOptions) {
    if (!Number.isSafeInteger(options.coolOffMs) || options.coolOffMs < 1) throw new RangeError(`RedisHealthTracker: coolOffMs must be a whole number of milliseconds >= 1; got ${options.coolOffMs}.`);
    this.component = options.component;
    this.#options = options;
    this.#observer = options.observer ?? NO_CACHE_OBSERVER;
    this.#logger = options.logger ?? silentCacheLogger;
  }

  /** The current health. */
  get state(): RedisHealth {
    return this.#state;
  }

  /** Counts of commands sent, skipped and failed. */
  counts(): RedisHealthCounts {
    return { sent: this.#sent, skipped: this.#skipped, timeouts: this.#timeouts, errors: this.#errors, probes: this.#probes };
  }

  /** Watches `client`'s connection events (called once by the factory). */
  attach(client: ProbedClient): void {
    this.#client = client;
    // A reconnection's ready check (INFO) was answered: Redis serves again.
    client.on('ready', () => this.#recovered());
    // ioredis emits connection failures here; without a listener they would be unhandled.
    client.on('error', (error) => this.#fault('error', error));
    client.on('close', () => this.#fault('error', new Error('connection closed')));
  }

  /**
   * The gate, asked before each command: undefined to send it, else the error to fail it with.
   * Only asked while the connection is ready (a reconnection's handshake must pass).
   */
  admit(): RedisUnavailableError | undefined {
    if (this.#state === 'up') {
      this.#sent += 1;
      return undefined;
    }
    this.#skipped += 1;
    if (this.#options.fallback) this.#report(() => this.#observer.redisFallback?.(this.component, 'cooling-off'));
    return new RedisUnavailableError(this.component, this.#state);
  }

  /** Watches a sent command's outcome (its promise is left as it is). */
  watch(outcome: Promise<unknown>): void {
    outcome.then(undefined, (error: unknown) => this.failed(error));
  }

  /** Records a failed command: a timeout or connection failure starts a cool-off. */
  failed(error: unknown): void {
    const reason = classifyRedisFailure(error);
    if (!reason) return;
    if (reason === 'timeout') this.#timeouts += 1;
    else this.#errors += 1;
    if (this.#options.fallback) this.#report(() => this.#observer.redisFallback?.(this.component, reason));
    this.#fault(reason, error);
  }

  /** Stops the probe; nothing is logged or reported afterwards (the client is closing). */
  close(): void {
    this.#closed = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** Module-private: a fault while up starts an outage (logged once); later ones change nothing. */
  #fault(_reason: 'timeout' | 'error', error: unknown): void {
    if (this.#closed || this.#state !== 'up') return;
    this.#set(this.#client?.status === 'ready' ? 'cooling-off' : 'down');
    this.#logger.warn({ err: error, component: this.component, coolOffMs: this.#options.coolOffMs }, this.#options.messages?.down ?? `${this.component}: Redis unavailable; answering without it until it returns`);
    this.#schedule();
  }

  /** Module-private: back to `up` (logged when it ends an outage). */
  #recovered(): void {
    if (this.#closed || this.#state === 'up') return;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#set('up');
    this.#logger.info({ component: this.component }, this.#options.messages?.up ?? `${this.component}: Redis reachable again`);
  }

  /** Module-private: the next probe, one cool-off from now. */
  #schedule(): void {
    if (this.#closed) return;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#probe(), this.#options.coolOffMs);
    // A probe must not keep a stopping process alive.
    this.#timer.unref();
  }

  /** Module-private: one PING past the gate; its answer ends the outage, its failure extends it. */
  async #probe(): Promise<void> {
    this.#timer = undefined;
    const client = this.#client;
    if (this.#closed || this.#state === 'up' || !client) return;
    if (client.status !== 'ready') {
      // Not connected: ioredis is reconnecting; its `ready` ends the outage.
      this.#set('down');
      return this.#schedule();
    }
    this.#probes += 1;
    try {
      await client.probe();
      this.#recovered();
    } catch {
      // The connection's `ready` may have ended the outage while the probe waited.
      if (!this.#isUp()) {
        this.#set(client.status === 'ready' ? 'cooling-off' : 'down');
        this.#schedule();
      }
    }
  }

  /** Module-private: read through a call, so the compiler does not keep a narrowing across an await. */
  #isUp(): boolean {
    return this.#state === 'up';
  }

  /** Module-private: a transition, reported to the observer. */
  #set(state: RedisHealth): void {
    if (state === this.#state) return;
    this.#state = state;
    this.#report(() => this.#observer.redisHealthChanged?.(this.component, state));
  }

  /** Module-private: an observer must not throw; if it does, Redis handling goes on regardless. */
  #report(call: () => void): void {
    try {
      call();
    } catch {
      // The observer's fault is not the cache's: ignored.
    }
  }
}
