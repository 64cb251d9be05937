import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * The separate processes of a bench run (emulator, gateways, bare Apollo, direct-SDK baseline):
 * started with `node:child_process`, ready once they print their URL, stopped with SIGTERM (a
 * clean exit, so `--cpu-prof` writes its profile), and measured through `/proc/<pid>/status`.
 */

/** How to start one process. */
export interface ProcessSpec {
  /** Label in logs and errors. */
  readonly name: string;
  /** Arguments of `node` (flags, then the script). */
  readonly nodeArgs: readonly string[];
  /** Added to the runner's environment. */
  readonly env?: Readonly<Record<string, string>>;
  /** Matched against stdout; its first group is the process's URL. */
  readonly ready: RegExp;
  /** How long to wait for `ready` (default 30 s). */
  readonly timeoutMs?: number;
  readonly cwd?: string;
}

/** A running process. */
export interface BenchProcess {
  readonly name: string;
  readonly pid: number;
  /** The URL it printed when ready. */
  readonly url: string;
  /** The last lines it printed (stdout and stderr), for error messages. */
  output(): string;
  /** Resident memory now (VmRSS), in bytes. */
  rssBytes(): number;
  /** SIGTERM, then SIGKILL after `graceMs` (default 10 s); resolves when it has exited. */
  stop(graceMs?: number): Promise<void>;
  /** Settles when the process has exited, with its exit code (null when a signal ended it). */
  readonly exited: Promise<{ readonly code: number | null; readonly signal: NodeJS.Signals | null }>;
}

/** Every process started and not yet stopped, so the runner can stop them all on the way out. */
const running = new Set<BenchProcess>();

/** Processes that exited without being asked to, with their exit status and last output. */
const unexpectedExits: string[] = [];

/** Throws when a started process has died on its own: every figure after that would be about nothing. */
export function assertAllAlive(): void {
  if (unexpectedExits.length > 0) throw new Error(`A bench process exited on its own:\n${unexpectedExits.join('\n')}`);
}

/** Module-private: the pinned SDK's notice that later releases need Node 22 would fill every process's output. */
const QUIET_ENV = { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };

/** Module-private: how much output to keep per process. */
const KEEP_OUTPUT_CHARS = 16_384;

/** Starts a node process and resolves once it prints its URL; rejects (and kills it) otherwise. */
export function startProcess(spec: ProcessSpec): Promise<BenchProcess> {
  const child = spawn(process.execPath, [...spec.nodeArgs], {
    cwd: spec.cwd,
    env: { ...process.env, ...QUIET_ENV, ...spec.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-KEEP_OUTPUT_CHARS);
  };
  // Both pipes are drained for the process's whole life: a full pipe would block its writes.
  child.stderr!.on('data', keep);
  const exitStatus = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const exited = exitStatus.then(() => undefined);
  return new Promise<BenchProcess>((resolve, reject) => {
    const fail = (reason: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${spec.name} (pid ${child.pid}) ${reason}; its output:\n${output}`));
    };
    const timer = setTimeout(() => fail(`did not print a line matching ${spec.ready} within ${spec.timeoutMs ?? 30_000} ms`), spec.timeoutMs ?? 30_000);
    child.once('error', (error) => fail(`failed to start: ${error.message}`));
    const exitedEarly = (code: number | null, signal: NodeJS.Signals | null) => fail(`exited before it was ready (code ${code}, signal ${signal})`);
    child.once('exit', exitedEarly);
    let ready = false;
    child.stdout!.on('data', (chunk: Buffer) => {
      keep(chunk);
      if (ready) return;
      const match = spec.ready.exec(output);
      if (!match || child.pid === undefined) return;
      ready = true;
      clearTimeout(timer);
      child.off('exit', exitedEarly);
      const handle = processHandle(spec.name, child, match[1], () => output, exited, exitStatus);
      running.add(handle);
      resolve(handle);
    });
  });
}

/** Module-private. */
function processHandle(name: string, child: ChildProcess, url: string, output: () => string, exited: Promise<void>, exitStatus: BenchProcess['exited']): BenchProcess {
  const pid = child.pid!;
  let stopping: Promise<void> | undefined;
  child.once('exit', (code, signal) => {
    if (stopping) return;
    const line = `${name} (pid ${pid}) exited unexpectedly with code ${code}, signal ${signal}; its last output:\n${output().slice(-4000)}`;
    unexpectedExits.push(line);
    process.stderr.write(`[bench] ${line}\n`);
  });
  const handle: BenchProcess = {
    name,
    pid,
    url,
    output,
    rssBytes: () => readRssBytes(pid),
    exited: exitStatus,
    stop(graceMs = 10_000) {
      stopping ??= (async () => {
        if (child.exitCode === null && child.signalCode === null) {
          child.kill('SIGTERM');
          const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
          await exited;
          clearTimeout(timer);
        }
        running.delete(handle);
      })();
      return stopping;
    },
  };
  return handle;
}

/** Stops every process still running (the runner's `finally`). */
export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((process) => process.stop()));
}

/** Kills every process still running, synchronously (the runner's `exit` handler of last resort). */
export function killAllNow(): void {
  for (const handle of running) {
    try {
      process.kill(handle.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}

/** A process's resident set size from `/proc/<pid>/status` (VmRSS, reported in kB). */
export function readRssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
  if (!match) throw new Error(`/proc/${pid}/status has no VmRSS line; is ${pid} a live process?`);
  return Number(match[1]) * 1024;
}

/** Runs a node process to its end and resolves with its stdout; rejects on a non-zero exit or after `timeoutMs`. */
export function runToCompletion(spec: Omit<ProcessSpec, 'ready'>): Promise<string> {
  const child = spawn(process.execPath, [...spec.nodeArgs], { cwd: spec.cwd, env: { ...process.env, ...QUIET_ENV, ...spec.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString('utf8')).slice(-KEEP_OUTPUT_CHARS)));
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), spec.timeoutMs ?? 300_000);
    child.once('error', (error) => reject(new Error(`${spec.name} failed to start: ${error.message}`)));
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(stdout);
      else reject(new Error(`${spec.name} exited with code ${code}, signal ${signal}:\n${stderr}`));
    });
  });
}

/**
 * Runs a bench's `main` as the process: its exit code, a failure printed with `label`, and the
 * processes it started killed on any exit, Ctrl-C or SIGTERM included (a crashed bench must not
 * leave gateways and emulators running).
 */
export function runBenchMain(label: string, main: () => Promise<number>): void {
  process.once('exit', killAllNow);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      killAllNow();
      process.exit(130);
    });
  }
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`${label} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}
