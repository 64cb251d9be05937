import autocannon from 'autocannon';

/**
 * The load generator: autocannon, programmatic, in the runner process. Each run holds
 * `connections` keep-alive connections busy for `durationSeconds` (or for `amount` requests) and
 * reports latency of 2xx answers (autocannon's ms histogram) and completed requests per second.
 */

/** One load run's figures. */
export interface LoadFigures {
  readonly connections: number;
  /** Wall time of the run in seconds. */
  readonly durationSeconds: number;
  /** Completed requests (2xx and otherwise). */
  readonly requests: number;
  /** Completed requests per second over the run. */
  readonly rps: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly meanMs: number;
  readonly maxMs: number;
  /** Connection errors, timeouts and non-2xx answers. */
  readonly failures: number;
}

/** What to send. */
export interface LoadSpec {
  /** The GraphQL endpoint (`…/graphql`). */
  readonly url: string;
  /** One JSON body, or a sequence every connection walks in turn. */
  readonly bodies: readonly string[];
  readonly connections: number;
  readonly durationSeconds?: number;
  readonly amount?: number;
}

/** Module-private: every request is a JSON POST. */
const HEADERS = { 'content-type': 'application/json', accept: 'application/json' };

/** Runs one load run. */
export async function runLoad(spec: LoadSpec): Promise<LoadFigures> {
  if (spec.bodies.length === 0) throw new Error('runLoad needs at least one request body; got none.');
  if ((spec.durationSeconds === undefined) === (spec.amount === undefined)) {
    throw new Error(`runLoad needs exactly one of durationSeconds and amount; got ${JSON.stringify({ durationSeconds: spec.durationSeconds, amount: spec.amount })}.`);
  }
  const result = await autocannon({
    url: spec.url,
    connections: spec.connections,
    ...(spec.durationSeconds !== undefined ? { duration: spec.durationSeconds } : { amount: spec.amount }),
    timeout: 30,
    method: 'POST',
    headers: HEADERS,
    ...(spec.bodies.length === 1 ? { body: spec.bodies[0] } : { requests: spec.bodies.map((body) => ({ method: 'POST', headers: HEADERS, body })) }),
  });
  const requests = result.requests.total;
  return {
    connections: spec.connections,
    durationSeconds: result.duration,
    requests,
    rps: result.duration > 0 ? requests / result.duration : 0,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    meanMs: result.latency.mean,
    maxMs: result.latency.max,
    failures: result.errors + result.timeouts + result.non2xx,
  };
}
