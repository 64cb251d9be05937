import type { BreakerReport } from '../upstream';

/**
 * `/healthz` (the process is alive) and `/readyz` (its dependencies answer: the upstream emulator
 * or AWS endpoints and the KPI cache, plus whatever other parts contribute through
 * `GatewayServerOptions.readinessChecks`, e.g. breaker state). Kubernetes-style: readiness failing
 * takes the instance out of rotation without restarting it. A draining instance (graceful shutdown)
 * answers 503 `draining` at once, without probing anything.
 */

/** One dependency probe: resolves a short detail when healthy, rejects with the reason otherwise. */
export interface ReadinessCheck {
  readonly name: string;
  check(signal: AbortSignal): Promise<string>;
  /**
   * Whether a failure makes the instance unready (default true). False for state worth showing
   * that another instance would share (an open breaker on an upstream every replica calls):
   * taking this one out of rotation would not help.
   */
  readonly critical?: boolean;
}

/** The result of one probe in the `/readyz` body. */
export interface ReadinessCheckResult {
  readonly ok: boolean;
  readonly detail: string;
  /** Present (false) only on a check that does not decide readiness (see {@link ReadinessCheck.critical}). */
  readonly critical?: false;
}

/** The `/readyz` answer. */
export interface ReadinessReport {
  /** `draining`: shutting down (graceful), whatever the dependencies say. */
  readonly status: 'ready' | 'unavailable' | 'draining';
  readonly checks: Record<string, ReadinessCheckResult>;
}

/** The `/readyz` answer of a draining instance: no probe runs, the one check says how the drain goes. */
export function drainingReport(detail: string): ReadinessReport {
  return { status: 'draining', checks: { lifecycle: { ok: false, detail } } };
}

/** Runs every check at once, each bounded by `timeoutMs`; ready when every critical check passes. */
export async function checkReadiness(checks: readonly ReadinessCheck[], timeoutMs: number): Promise<ReadinessReport> {
  const results = await Promise.all(
    checks.map(async (probe): Promise<[string, ReadinessCheckResult]> => {
      const marker = probe.critical === false ? { critical: false as const } : {};
      try {
        return [probe.name, { ok: true, detail: await withTimeout(probe.check(AbortSignal.timeout(timeoutMs)), timeoutMs, `${probe.name} did not answer within ${timeoutMs} ms`), ...marker }];
      } catch (error) {
        return [probe.name, { ok: false, detail: describe(error), ...marker }];
      }
    }),
  );
  const ready = results.every(([, result]) => result.ok || result.critical === false);
  return { status: ready ? 'ready' : 'unavailable', checks: Object.fromEntries(results) };
}

/** Options of {@link upstreamReadinessChecks}. */
export interface UpstreamProbeOptions {
  readonly upstream: 'emulator' | 'aws';
  readonly region: string;
  /** Endpoint overrides; undefined with `aws`: the regional AWS endpoints. */
  readonly endpoints?: { readonly pinpoint: string; readonly smsVoice: string };
}

/**
 * Probes for both upstream services. The emulator must answer `GET /_emulator/health` with 200;
 * an AWS endpoint only has to answer HTTP at all (any status: it is reachable, and an
 * unauthenticated request cannot tell more).
 */
export function upstreamReadinessChecks(options: UpstreamProbeOptions): ReadinessCheck[] {
  const endpoints = options.endpoints ?? { pinpoint: `https://pinpoint.${options.region}.amazonaws.com`, smsVoice: `https://sms-voice.${options.region}.amazonaws.com` };
  const probe = (name: string, endpoint: string): ReadinessCheck => ({
    name,
    async check(signal) {
      switch (options.upstream) {
        case 'emulator': {
          const response = await fetch(`${endpoint}/_emulator/health`, { signal });
          await response.arrayBuffer();
          if (!response.ok) throw new Error(`${endpoint}/_emulator/health answered HTTP ${response.status}`);
          return `emulator at ${endpoint} is healthy`;
        }
        case 'aws': {
          const response = await fetch(endpoint, { method: 'GET', signal });
          await response.arrayBuffer();
          return `${endpoint} answered HTTP ${response.status}`;
        }
        default:
          throw new UnreachableCaseError(options.upstream);
      }
    },
  });
  return [probe('pinpoint', endpoints.pinpoint), probe('smsVoice', endpoints.smsVoice)];
}

/**
 * The upstream circuit breakers (upstream/resilience/) as a `/readyz` check: `ok` while every
 * breaker is closed, else the open ones with when they probe next. Not critical: a breaker opens
 * because an upstream service fails, which every replica calls alike, so taking this instance out
 * of rotation would move its traffic to replicas that fail the same way (and an open breaker of one
 * service or operation class leaves the others serving). The detail is there for an operator.
 */
export function breakerReadinessCheck(breakers: () => readonly BreakerReport[]): ReadinessCheck {
  return {
    name: 'upstreamBreakers',
    critical: false,
    async check() {
      const all = breakers();
      const tripped = all.filter((breaker) => breaker.state !== 'closed');
      if (tripped.length === 0) return `${all.length} breaker(s) in use, all closed`;
      throw new Error(
        tripped
          .map((breaker) => `${breaker.service} ${breaker.operationClass} calls in ${breaker.region}: ${breaker.state}${breaker.retryAfterMs === undefined ? '' : ` (probe in ${breaker.retryAfterMs} ms)`}`)
          .join('; '),
      );
    },
  };
}

/** Thrown by exhaustive switches on a value the types say cannot occur. */
export class UnreachableCaseError extends Error {
  constructor(value: never) {
    super(`Unreachable case: ${JSON.stringify(value)}`);
  }
}

/** Module-private. */
function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Module-private: a one-line reason, including the network cause fetch hides in `cause`. */
function describe(error: unknown): string {
  // Duck-typed: fetch's errors may come from another realm (e.g. under jest), failing instanceof.
  if (typeof error !== 'object' || error === null || !('message' in error)) return String(error);
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  const reason = cause === undefined || cause === null ? '' : `: ${String(cause.code ?? cause.message)}`;
  return `${String(error.message)}${reason}`;
}
