import { silentCacheLogger, type CacheLogger } from './cache';
import { NO_CACHE_OBSERVER, type CacheObserver, type RedisHealth } from './telemetry';

/**
 * The health of Redis as the gateway uses it, so that a hung Redis (paused: the socket stays
 * open, commands get no answer) costs as little as a dead one (refused: commands fail at once).
 * Without it, every request paid the command timeout while Redis hung, once per Redis user.
 *
 * - `up`: commands go to Redis.
 * - `cooling-off`: a command timed out or failed while connected. For `coolOffMs`, no command is
 *   sent: each fails at once with {@link RedisUnavailableError}, so the caller's fallback answers
 *   immediately. Then one PING (the probe) decides: answered → `up`; else another cool-off.
 * - `down`: the connection is lost; ioredis reconnects with backoff in the background (commands
 *   fail at once meanwhile), and a successful reconnection (its ready check answered) is `up`.
 *
 * The health belongs to the Redis deployment, not to one client: every client of the process with
 * the same `REDIS_URL` (the KPI cache, the rate limiter, the APQ cache, ...) shares it, so the first
 * timeout any of them sees closes the gate for all. Otherwise a request would pay one timeout in
 * the rate limiter and, released from it, another in the KPI cache, whose own client had not yet
 * seen one. That is the one piece of state kept per process ({@link sharedRedisHealth}), and it is
 * about the Redis server, never about a caller.
 *
 * Each client keeps its own {@link RedisHealthTracker}: its component's log lines (one warning when
 * an outage starts, one note when it ends), its observer (every transition and, for a component
 * with a fallback, every command its fallback answered) and its counts.
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
  /** The deployment the client talks to (its `REDIS_URL`): clients of the same one share their health. */
  readonly target: string;
  /** How long no command is sent after a failure before the probe tries again (ms; the first client of a target sets it). */
  readonly coolOffMs: number;
  /** Whether the component answers from a fallback whenever a command fails or is skipped (reported as `redisFallback`). */
  readonly fallback?: boolean;
  readonly observer?: CacheObserver;
  readonly logger?: CacheLogger;
  /** The two log lines of an outage (default: generic ones naming the component). */
  readonly messages?: { readonly down: string; readonly up: string };
}

/** Counts of one client since it was created (tests and diagnostics). */
export interface RedisHealthCounts {
  /** Commands handed to the client while the gate was open (probes excluded). */
  readonly sent: number;
  /** Commands refused without being sent (cooling off or down). */
  readonly skipped: number;
  /** Commands that timed out. */
  readonly timeouts: number;
  /** Commands that failed for a connection or availability reason. */
  readonly errors: number;
  /** Probes sent through this client after a cool-off. */
  readonly probes: number;
}

/** What the health needs from a client it watches. */
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

/** One client's view of its Redis deployment's health: the gate its commands pass, its logs, reports and counts. */
export class RedisHealthTracker {
  readonly component: string;
  readonly #options: RedisHealthOptions;
  readonly #observer: CacheObserver;
  readonly #logger: CacheLogger;
  readonly #shared: SharedRedisHealth;
  #client: ProbedClient | undefined;
  #closed = false;
  /** Module-private: this client's view of the last transition, so each component logs an outage once. */
  #seen: RedisHealth = 'up';
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
    this.#shared = sharedRedisHealth(options.target, options.coolOffMs);
  }

  /** The current health of the deployment. */
  get state(): RedisHealth {
    return this.#shared.state;
  }

  /** Counts of this client's commands sent, skipped and failed. */
  counts(): RedisHealthCounts {
    return { sent: this.#sent, skipped: this.#skipped, timeouts: this.#timeouts, errors: this.#errors, probes: this.#probes };
  }

  /** Watches `client`'s connection events and joins the deployment's shared health (called once by the factory). */
  attach(client: ProbedClient): void {
    this.#client = client;
    this.#shared.join(this);
    // A reconnection's ready check (INFO) was answered: Redis serves again.
    client.on('ready', () => !this.#closed && this.#shared.recovered());
    // ioredis emits connection failures here; without a listener they would be unhandled.
    client.on('error', (error) => !this.#closed && this.#shared.fault(error, client));
    client.on('close', () => !this.#closed && this.#shared.fault(new Error('connection closed'), client));
  }

  /**
   * The gate, asked before each command: undefined to send it, else the error to fail it with.
   * Only asked while the connection is ready (a reconnection's handshake must pass).
   */
  admit(): RedisUnavailableError | undefined {
    const state = this.#shared.state;
    if (state === 'up') {
      this.#sent += 1;
      return undefined;
    }
    this.#skipped += 1;
    if (this.#options.fallback) this.#report(() => this.#observer.redisFallback?.(this.component, 'cooling-off'));
    return new RedisUnavailableError(this.component, state);
  }

  /** Watches a sent command's outcome (its promise is left as it is). */
  watch(outcome: Promise<unknown>): void {
    outcome.then(undefined, (error: unknown) => this.failed(error));
  }

  /** Records a failed command: a timeout or connection failure starts a cool-off for every client of the deployment. */
  failed(error: unknown): void {
    const reason = classifyRedisFailure(error);
    if (!reason || this.#closed) return;
    if (reason === 'timeout') this.#timeouts += 1;
    else this.#errors += 1;
    if (this.#options.fallback) this.#report(() => this.#observer.redisFallback?.(this.component, reason));
    if (this.#client) this.#shared.fault(error, this.#client);
  }

  /** Leaves the shared health; nothing is logged or reported afterwards (the client is closing). */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#shared.leave(this);
  }

  /** The client to probe through, when it is connected (called by the shared health). */
  probeClient(): ProbedClient | undefined {
    return this.#client?.status === 'ready' ? this.#client : undefined;
  }

  /** Counts a probe sent through this client (called by the shared health). */
  countProbe(): void {
    this.#probes += 1;
  }

  /** A transition of the deployment's health (called by the shared health): logged once per outage, reported. */
  transition(state: RedisHealth, error?: unknown): void {
    if (this.#closed || state === this.#seen) return;
    const wasUp = this.#seen === 'up';
    this.#seen = state;
    this.#report(() => this.#observer.redisHealthChanged?.(this.component, state));
    if (wasUp) this.#logger.warn({ err: error, component: this.component, coolOffMs: this.#shared.coolOffMs }, this.#options.messages?.down ?? `${this.component}: Redis unavailable; answering without it until it returns`);
    else if (state === 'up') this.#logger.info({ component: this.component }, this.#options.messages?.up ?? `${this.component}: Redis reachable again`);
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

/** Module-private: the shared health of every deployment this process's clients talk to, by target. */
const deployments = new Map<string, SharedRedisHealth>();

/** Module-private: the shared health of `target`, created with the first client that talks to it. */
function sharedRedisHealth(target: string, coolOffMs: number): SharedRedisHealth {
  let shared = deployments.get(target);
  if (!shared) {
    shared = new SharedRedisHealth(target, coolOffMs);
    deployments.set(target, shared);
  }
  return shared;
}

/** Module-private: the health of one deployment, shared by its clients; runs the cool-off and the probe. */
class SharedRedisHealth {
  readonly target: string;
  readonly coolOffMs: number;
  #state: RedisHealth = 'up';
  readonly #trackers = new Set<RedisHealthTracker>();
  #timer: NodeJS.Timeout | undefined;

  constructor(target: string, coolOffMs: number) {
    this.target = target;
    this.coolOffMs = coolOffMs;
  }

  get state(): RedisHealth {
    return this.#state;
  }

  join(tracker: RedisHealthTracker): void {
    this.#trackers.add(tracker);
    // A client joining during an outage starts with what the others know.
    if (this.#state !== 'up') tracker.transition(this.#state);
  }

  leave(tracker: RedisHealthTracker): void {
    this.#trackers.delete(tracker);
    if (this.#trackers.size > 0) return;
    // The last client closed: nothing to probe for, and a later client starts afresh.
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    if (deployments.get(this.target) === this) deployments.delete(this.target);
  }

  /** A fault while up starts an outage; later ones change nothing (the probe is already scheduled). */
  fault(error: unknown, from: ProbedClient): void {
    if (this.#state !== 'up') return;
    this.#set(from.status === 'ready' ? 'cooling-off' : 'down', error);
    this.#schedule();
  }

  /** Back to `up`. */
  recovered(): void {
    if (this.#state === 'up') return;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#set('up');
  }

  /** Module-private: the next probe, one cool-off from now. */
  #schedule(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#probe(), this.coolOffMs);
    // A probe must not keep a stopping process alive.
    this.#timer.unref();
  }

  /** Module-private: one PING past the gate through a connected client; its answer ends the outage, its failure extends it. */
  async #probe(): Promise<void> {
    this.#timer = undefined;
    if (this.#state === 'up' || this.#trackers.size === 0) return;
    const through = [...this.#trackers].find((tracker) => tracker.probeClient() !== undefined);
    const client = through?.probeClient();
    if (!through || !client) {
      // No client is connected: ioredis is reconnecting them; a `ready` ends the outage.
      this.#set('down');
      return this.#schedule();
    }
    through.countProbe();
    try {
      await client.probe();
      this.recovered();
    } catch (error) {
      // A client's `ready` may have ended the outage while the probe waited.
      if (!this.#isUp()) {
        this.#set(client.status === 'ready' ? 'cooling-off' : 'down', error);
        this.#schedule();
      }
    }
  }

  /** Module-private: read through a call, so the compiler does not keep a narrowing across an await. */
  #isUp(): boolean {
    return this.#state === 'up';
  }

  /** Module-private: a transition, told to every client. */
  #set(state: RedisHealth, error?: unknown): void {
    if (state === this.#state) return;
    this.#state = state;
    for (const tracker of this.#trackers) tracker.transition(state, error);
  }
}
