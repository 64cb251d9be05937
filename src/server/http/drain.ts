import type { Server, ServerResponse } from 'node:http';
import type { Server as NetServer } from 'node:net';
import type { GraphQLError } from 'graphql';

/**
 * Graceful shutdown of the gateway's HTTP server (issue 14). `drain(graceMs)`:
 *
 * 1. marks the server draining (`/readyz` answers 503 `draining` from then on);
 * 2. stops accepting connections and closes the idle keep-alive ones; every response not yet
 *    started, and every request that still arrives on an open connection, gets `Connection: close`,
 *    so each connection ends after its current response instead of being cut under a client;
 * 3. waits for the requests in flight, up to `graceMs`;
 * 4. at the grace, stops the requests still running through their request budgets: their
 *    upstream calls are aborted and they answer at once with what they have (the deadline guard
 *    answers 504 what no signal reaches), rather than being dropped mid-write;
 * 5. after a short bound for those answers, destroys whatever connection is left.
 *
 * Hand-written rather than Apollo's drain plugin (its `Stopper`): that one neither marks responses
 * `Connection: close` nor knows the requests' budgets, so at its grace it can only destroy
 * sockets, dropping the answers in flight.
 */

/** What the drain stops a request through at the grace (the request's budget). */
export interface StoppableRequest {
  stop(reason: GraphQLError): void;
}

/** How a drain went. */
export interface DrainReport {
  /** Requests in flight when the drain began. */
  readonly inFlightAtStart: number;
  /** Requests that arrived on already open connections during the drain (answered, with `Connection: close`). */
  readonly arrivedDuringDrain: number;
  /** Whether the grace ran out with requests still in flight. */
  readonly graceExpired: boolean;
  /** Requests stopped through their budgets at the grace (they answered with what they had). */
  readonly stoppedAtGrace: number;
  /** Requests still unanswered when the last connections were destroyed (0 unless something ignored its budget). */
  readonly dropped: number;
  /** From the start of the drain until the server had closed. */
  readonly durationMs: number;
}

/** Module-private: how long requests stopped at the grace get to send what they have (the deadline guard's 250 ms, and some). */
const STOPPED_ANSWER_BOUND_MS = 500;

/** Tracks the requests in flight of one HTTP server and drains it. */
export class HttpDrain {
  readonly #server: Server;
  /** Further listeners that hand their connections to the server (http/listen.ts: `localhost` on both loopback addresses). */
  readonly #feeders: NetServer[] = [];
  readonly #inFlight = new Map<ServerResponse, StoppableRequest | undefined>();
  #drainStartedAt: number | undefined;
  #graceMs = 0;
  #arrivedDuringDrain = 0;
  #stopReason: (() => GraphQLError) | undefined;
  #onIdle: (() => void) | undefined;

  constructor(server: Server) {
    this.#server = server;
  }

  /** Registers a listener that hands its connections to the server: a drain stops it with the server's own. */
  feedFrom(listener: NetServer): void {
    this.#feeders.push(listener);
  }

  /** Whether a drain has begun. */
  get draining(): boolean {
    return this.#drainStartedAt !== undefined;
  }

  /** `/readyz`'s one-line account of a drain in progress. */
  describe(): string {
    if (this.#drainStartedAt === undefined) return 'serving';
    const elapsed = performance.now() - this.#drainStartedAt;
    const left = Math.max(0, Math.ceil(this.#graceMs - elapsed));
    return `draining for ${Math.round(elapsed)} ms: ${this.#inFlight.size} request(s) in flight, ${left} ms of the ${this.#graceMs} ms grace left`;
  }

  /** Registers a request as in flight until its response closes (call first, for every request). */
  track(res: ServerResponse): void {
    this.#inFlight.set(res, undefined);
    if (this.#drainStartedAt !== undefined) {
      this.#arrivedDuringDrain += 1;
      res.setHeader('connection', 'close');
    }
    res.once('close', () => {
      this.#inFlight.delete(res);
      if (this.#drainStartedAt === undefined) return;
      // A connection whose response had already started when the drain began has no
      // `Connection: close`; now that it is idle, it is closed here rather than left to keep-alive.
      setImmediate(() => this.#server.closeIdleConnections());
      if (this.#inFlight.size === 0) this.#onIdle?.();
    });
  }

  /** Attaches a tracked request's budget, through which it is stopped at the grace. */
  attach(res: ServerResponse, request: StoppableRequest): void {
    if (!this.#inFlight.has(res)) return;
    // Arriving after the grace ran out: stopped at once, like those it joins.
    if (this.#stopReason) request.stop(this.#stopReason());
    else this.#inFlight.set(res, request);
  }

  /** Drains the server (see the module comment); resolves once it has closed. Call once. */
  async drain(graceMs: number, stopReason: () => GraphQLError): Promise<DrainReport> {
    const startedAt = performance.now();
    this.#drainStartedAt = startedAt;
    this.#graceMs = graceMs;
    const inFlightAtStart = this.#inFlight.size;
    for (const res of this.#inFlight.keys()) {
      if (!res.headersSent) res.setHeader('connection', 'close');
    }
    // Each listener's close settles once its own connections have ended (the last step destroys them all).
    const closed = Promise.all([this.#server, ...this.#feeders].map((listener) => new Promise<void>((resolve) => listener.close(() => resolve()))));
    this.#server.closeIdleConnections();

    let graceExpired = false;
    let stoppedAtGrace = 0;
    if (!(await this.#idleWithin(graceMs))) {
      graceExpired = true;
      this.#stopReason = stopReason;
      for (const request of this.#inFlight.values()) {
        if (!request) continue;
        request.stop(stopReason());
        stoppedAtGrace += 1;
      }
      await this.#idleWithin(STOPPED_ANSWER_BOUND_MS);
    }
    const dropped = this.#inFlight.size;
    // Idle connections, slow clients still sending headers, and anything that ignored its budget.
    this.#server.closeAllConnections();
    await closed;
    return { inFlightAtStart, arrivedDuringDrain: this.#arrivedDuringDrain, graceExpired, stoppedAtGrace, dropped, durationMs: Math.round(performance.now() - startedAt) };
  }

  /** Module-private: resolves true once no request is in flight, false after `ms`. */
  #idleWithin(ms: number): Promise<boolean> {
    if (this.#inFlight.size === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#onIdle = undefined;
        resolve(false);
      }, ms);
      this.#onIdle = () => {
        clearTimeout(timer);
        this.#onIdle = undefined;
        resolve(true);
      };
    });
  }
}
