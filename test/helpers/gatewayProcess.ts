import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { postGql, type GqlResponse } from './gql';

/**
 * The real gateway (`src/main.ts`) as a child OS process, for tests that need several gateway
 * processes at once (the shared KPI cache). Configured only through its environment, as in
 * production; the URL comes from the line main prints on start (`PORT=0`: any free port).
 */

/** Options of {@link startGatewayProcess}. */
export interface GatewayProcessOptions {
  /** Gateway environment variables (see `src/config.ts`); added over quiet test defaults. */
  readonly env: Readonly<Record<string, string>>;
  /**
   * Wait for `/readyz` to answer 200 (default true). False: wait only until both upstream checks
   * pass, for a gateway whose cache is meant to be unreachable.
   */
  readonly requireCache?: boolean;
  /** Bound on start-up and readiness together (default 45 000 ms: tsx compiles on a shared 2-core box). */
  readonly startTimeoutMs?: number;
}

/** One `/readyz` check as the gateway reports it. */
export interface ReadyzCheck {
  readonly ok: boolean;
  readonly detail: string;
}

/** The `/readyz` body. */
export interface ReadyzReport {
  readonly status: 'ready' | 'unavailable';
  readonly checks: Readonly<Record<string, ReadyzCheck>>;
}

/** A running gateway process. */
export interface GatewayProcess {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  readonly pid: number;
  /** The `/readyz` report that ended the wait. */
  readonly readiness: ReadyzReport;
  /** POSTs one operation to this gateway's `/graphql`. */
  gql<TData = any>(query: string, variables?: Record<string, unknown>): Promise<GqlResponse<TData>>;
  /** SIGTERM (graceful shutdown), SIGKILL if still alive after 10 s; resolves once it exited. */
  stop(): Promise<void>;
  /** Settles when the process has exited, with its exit code (null when a signal ended it). */
  readonly exited: Promise<{ readonly code: number | null; readonly signal: NodeJS.Signals | null }>;
}

/** Module-private: the gateway's entry point and the tsx loader that runs it without a build. */
const MAIN = join(__dirname, '..', '..', 'src', 'main.ts');
const TSX_LOADER = pathToFileURL(require.resolve('tsx')).href;

/**
 * Spawns `node --import tsx src/main.ts` (one process, so its pid is the gateway's), waits for the
 * printed URL and for `/readyz`. The environment is built from scratch (not inherited), so no
 * stray `REDIS_URL` or `PORT` of the test runner leaks into the gateway.
 */
export async function startGatewayProcess(options: GatewayProcessOptions): Promise<GatewayProcess> {
  const startTimeoutMs = options.startTimeoutMs ?? 45_000;
  const deadline = Date.now() + startTimeoutMs;
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    ...(process.env.TMPDIR ? { TMPDIR: process.env.TMPDIR } : {}),
    // The pinned SDK warns once per process about Node 20; it would only add noise to stderr.
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
    EXPOSE_UPSTREAM_CALLS: 'true',
    // Every test request comes from 127.0.0.1, the same anonymous caller: tests of other concerns
    // must not meet the rate limits (on by default); test/server/rateLimits*.test.ts turns them on.
    RATE_LIMITS: 'false',
    ...options.env,
  };
  const child = spawn(process.execPath, ['--import', TSX_LOADER, MAIN], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const stderr: string[] = [];
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    // Keep the tail only: enough to explain a failed start.
    stderr.push(chunk);
    if (stderr.length > 50) stderr.shift();
  });
  const exitStatus = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const exited = exitStatus.then(() => undefined);
  const stop = () => stopProcess(child, exited);

  try {
    const url = await printedUrl(child, exited, deadline, () => stderr.join(''));
    const readiness = await waitForReadyz(url, options.requireCache ?? true, deadline);
    return {
      url,
      pid: child.pid!,
      readiness,
      gql: (query, variables) => postGql(`${url}/graphql`, query, variables),
      stop,
      exited: exitStatus,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** A loopback port that nothing listens on (it was free a moment ago): an unreachable Redis. */
export function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error(`expected a TCP address; got ${String(address)}`))));
    });
  });
}

/** Module-private: the URL from main's start line, or the reason there is none. */
async function printedUrl(child: ChildProcess, exited: Promise<void>, deadline: number, stderrTail: () => string): Promise<string> {
  const lines = createInterface({ input: child.stdout! });
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      new Promise<string>((resolve) => {
        lines.on('line', (line) => {
          const match = /GraphQL at (http:\/\/\S+)\/graphql/.exec(line);
          if (match) resolve(match[1]);
        });
      }),
      exited.then(() => Promise.reject(new Error(`the gateway process exited (code ${child.exitCode}, signal ${child.signalCode}) before printing its URL; stderr:\n${stderrTail()}`))),
      new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(new Error(`the gateway process printed no URL within the start-up bound; stderr:\n${stderrTail()}`)), Math.max(0, deadline - Date.now()));
      }),
    ]);
  } finally {
    clearTimeout(timer);
    // Keep reading stdout, so a full pipe never blocks the gateway.
    lines.removeAllListeners('line');
  }
}

/** Module-private: polls `/readyz` until it is ready enough, or throws with the last report. */
async function waitForReadyz(url: string, requireCache: boolean, deadline: number): Promise<ReadyzReport> {
  let last = 'no answer yet';
  for (;;) {
    try {
      const response = await fetch(`${url}/readyz`);
      const report = (await response.json()) as ReadyzReport;
      last = JSON.stringify(report);
      const upstreamOk = report.checks.pinpoint?.ok === true && report.checks.smsVoice?.ok === true;
      if (requireCache ? response.status === 200 : upstreamOk) return report;
    } catch (error) {
      last = (error as Error).message;
    }
    if (Date.now() > deadline) throw new Error(`${url}/readyz did not become ready (requireCache: ${requireCache}); last answer: ${last}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Module-private: graceful stop with a hard bound. */
async function stopProcess(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  try {
    await exited;
  } finally {
    clearTimeout(timer);
  }
}
