/**
 * `/healthz` (the process is alive) and `/readyz` (its dependencies answer: the upstream emulator
 * or AWS endpoints and the KPI cache). Kubernetes-style: readiness failing takes the instance out
 * of rotation without restarting it.
 */

/** One dependency probe: resolves a short detail when healthy, rejects with the reason otherwise. */
export interface ReadinessCheck {
  readonly name: string;
  check(signal: AbortSignal): Promise<string>;
}

/** The result of one probe in the `/readyz` body. */
export interface ReadinessCheckResult {
  readonly ok: boolean;
  readonly detail: string;
}

/** The `/readyz` answer. */
export interface ReadinessReport {
  readonly status: 'ready' | 'unavailable';
  readonly checks: Record<string, ReadinessCheckResult>;
}

/** Runs every check at once, each bounded by `timeoutMs`. */
export async function checkReadiness(checks: readonly ReadinessCheck[], timeoutMs: number): Promise<ReadinessReport> {
  const results = await Promise.all(
    checks.map(async (probe): Promise<[string, ReadinessCheckResult]> => {
      try {
        return [probe.name, { ok: true, detail: await withTimeout(probe.check(AbortSignal.timeout(timeoutMs)), timeoutMs, `${probe.name} did not answer within ${timeoutMs} ms`) }];
      } catch (error) {
        return [probe.name, { ok: false, detail: describe(error) }];
      }
    }),
  );
  return { status: results.every(([, result]) => result.ok) ? 'ready' : 'unavailable', checks: Object.fromEntries(results) };
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
