import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';

/**
 * The gateway as an operator runs it with `WORKERS` > 1: `src/main.ts` as one OS process (the
 * cluster primary) whose stdout carries the start line and every process's JSON log lines, and
 * whose children are the workers. Requests go over fresh or pinned keep-alive connections, so a
 * test knows which worker answered (the `worker` entry of `/readyz`).
 */

/** Module-private. */
const MAIN = join(__dirname, '..', '..', 'src', 'main.ts');
/** Module-private. */
const TSX_LOADER = pathToFileURL(require.resolve('tsx')).href;

/** A running primary. */
export interface ClusterProcess {
  readonly pid: number;
  /** Every stdout line so far. */
  readonly lines: readonly string[];
  /** The stdout lines that are JSON log records. */
  logs(): Record<string, any>[];
  stderr(): string;
  /** Resolves with the first stdout line (past or future) that matches; rejects when the process exits first or after `timeoutMs`. */
  waitForLine(predicate: (line: string) => boolean, what: string, timeoutMs?: number): Promise<string>;
  /** Resolves once `condition` holds after some stdout line (or at once); rejects when the process exits first or after `timeoutMs`. */
  waitUntil(condition: () => boolean, what: string, timeoutMs?: number): Promise<void>;
  /** The URL of the start line (`http://127.0.0.1:<port>`). */
  url(): Promise<string>;
  readonly exited: Promise<{ readonly code: number | null; readonly signal: NodeJS.Signals | null }>;
  kill(signal: NodeJS.Signals): void;
  /** Signals the primary's whole process group (primary and workers), as systemd's default KillMode does. */
  killGroup(signal: NodeJS.Signals): void;
}

/** Spawns `node --import tsx src/main.ts` with a clean environment plus `env`. */
export function spawnCluster(env: Readonly<Record<string, string>>): ClusterProcess {
  const child = spawn(process.execPath, ['--import', TSX_LOADER, MAIN], {
    env: {
      PATH: process.env.PATH ?? '',
      ...(process.env.TMPDIR ? { TMPDIR: process.env.TMPDIR } : {}),
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      PORT: '0',
      HOST: '127.0.0.1',
      NODE_ENV: 'test',
      RATE_LIMITS: 'false',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    // A process group of its own, so a test can signal the whole group without signalling jest.
    detached: true,
  });
  const lines: string[] = [];
  const waiters = new Set<() => void>();
  createInterface({ input: child.stdout! }).on('line', (line) => {
    lines.push(line);
    for (const wake of waiters) wake();
  });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  let hasExited = false;
  void exited.then(() => {
    hasExited = true;
    for (const wake of waiters) wake();
  });

  const waitForLine: ClusterProcess['waitForLine'] = (predicate, what, timeoutMs = 60_000) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => finish(new Error(`no stdout line ${what} within ${timeoutMs} ms; stderr:\n${stderr.slice(-3000)}`)), timeoutMs);
      const check = () => {
        const found = lines.find(predicate);
        if (found !== undefined) finish(undefined, found);
        // Give the pipe a moment to deliver the last lines of an exited process.
        else if (hasExited) setTimeout(() => (lines.find(predicate) === undefined ? finish(new Error(`the process exited before printing a line ${what}; stderr:\n${stderr.slice(-3000)}`)) : check()), 200);
      };
      const finish = (error?: Error, line?: string) => {
        clearTimeout(timer);
        waiters.delete(check);
        if (error) reject(error);
        else resolve(line!);
      };
      waiters.add(check);
      check();
    });

  const waitUntil: ClusterProcess['waitUntil'] = async (condition, what, timeoutMs) => {
    if (condition()) return;
    await waitForLine(() => condition(), what, timeoutMs);
  };

  return {
    pid: child.pid!,
    lines,
    logs: () => lines.flatMap((line) => (line.startsWith('{') ? [JSON.parse(line) as Record<string, any>] : [])),
    stderr: () => stderr,
    waitForLine,
    waitUntil,
    async url() {
      const banner = await waitForLine((line) => line.startsWith('pinpoint-graph gateway: GraphQL at '), 'with the start line');
      return /GraphQL at (http:\/\/\S+)\/graphql/.exec(banner)![1];
    },
    exited,
    kill: (signal) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    },
    killGroup: (signal) => {
      if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, signal);
    },
  };
}

/** The pids of the gateway workers of a primary: its children running main.ts (tsx also keeps an esbuild child). */
export function workerPids(primaryPid: number): number[] {
  let tasks: string[];
  try {
    tasks = readdirSync(`/proc/${primaryPid}/task`);
  } catch {
    return [];
  }
  const children = tasks.flatMap((task) => {
    try {
      return readFileSync(`/proc/${primaryPid}/task/${task}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
    } catch {
      return [];
    }
  });
  return children
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('main.ts');
      } catch {
        return false;
      }
    })
    .sort((a, b) => a - b);
}

/** Whether a process exists (signal 0). */
export function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** One HTTP answer. */
export interface HttpAnswer {
  readonly status: number;
  readonly body: any;
  /** Whether the request went on a socket a previous request had used (keep-alive). */
  readonly reusedSocket: boolean;
}

/** A request the client gave up on: no answer within its `timeoutMs`. */
export class ClientTimeout extends Error {
  override readonly name = 'ClientTimeout';
}

/**
 * Sends one request (`agent`: a keep-alive agent, or false for a fresh connection closed after the
 * answer); rejects with {@link ClientTimeout} when no answer came within `timeoutMs` (default 10 s).
 */
export function send(url: string, options: { method?: string; body?: unknown; headers?: Record<string, string>; agent: Agent | false; timeoutMs?: number }): Promise<HttpAnswer> {
  const body = options.body === undefined ? undefined : JSON.stringify(options.body);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: options.method ?? (body === undefined ? 'GET' : 'POST'),
        agent: options.agent,
        headers: { ...(body === undefined ? {} : { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) }), ...options.headers },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('error', reject);
        res.on('end', () => {
          try {
            resolve({ status: res.statusCode ?? 0, body: JSON.parse(text), reusedSocket: req.reusedSocket });
          } catch {
            reject(new Error(`${url} answered ${res.statusCode} with a body that is not JSON: ${text.slice(0, 300)}`));
          }
        });
      },
    );
    req.setTimeout(options.timeoutMs ?? 10_000, () => req.destroy(new ClientTimeout(`${url}: no answer within ${options.timeoutMs ?? 10_000} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}

/** The pid in a `/readyz` answer's `worker` entry (`worker 3, pid 4242`). */
export function answeringPid(readyz: any): number {
  const detail = String(readyz?.checks?.worker?.detail ?? '');
  const match = /^worker \d+, pid (\d+)$/.exec(detail);
  if (!match) throw new Error(`/readyz names no worker: ${JSON.stringify(readyz)}`);
  return Number(match[1]);
}

/** Asks `/readyz` over a fresh connection which worker answers. */
export async function freshConnectionPid(url: string, timeoutMs?: number): Promise<number> {
  return answeringPid((await send(`${url}/readyz`, { agent: false, timeoutMs })).body);
}
