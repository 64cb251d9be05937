import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { join } from 'node:path';

/**
 * The composition root as an operator runs it: `npm start` with no endpoints starts the seeded
 * emulator in-process, prints its URL, serves GraphQL and readiness, and exits 0 on SIGTERM.
 *
 * The command is package.json's own `start` script, so these tests run what `npm start` runs. It
 * must be one process: the tsx CLI (`tsx src/main.ts`) runs the program in a child and relays
 * SIGTERM to it, but gives the child 30 ms to report that it received the signal; a child that is
 * not scheduled within that time (a loaded machine) is SIGKILLed and the CLI exits 143, so the
 * gateway never drains.
 */

const ROOT = join(__dirname, '..', '..');

/** Module-private: `npm start`'s command line, as the executable and its arguments (`node` is this Node). */
function startCommand(): { executable: string; args: string[] } {
  const { scripts } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const [program, ...args] = scripts.start.split(' ');
  // A single `node` process: no wrapper between the signal and the gateway's own handler.
  expect(program).toBe('node');
  return { executable: process.execPath, args };
}

/** Module-private: starts `npm start`'s command on a free port; resolves with its URL once the start line is printed. */
async function startGateway(): Promise<{ child: ChildProcess; url: string; exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }> }> {
  const { executable, args } = startCommand();
  const child = spawn(executable, args, {
    cwd: ROOT,
    // Its own process group, so that a test can hold every process the command started at once.
    detached: true,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', UPSTREAM: 'emulator', PINPOINT_ENDPOINT: '', SMS_VOICE_ENDPOINT: '', REDIS_URL: '', NODE_ENV: 'development', WORKERS: '1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const banner = String((await lines.next()).value);
  const match = /^pinpoint-graph gateway: GraphQL at (http:\/\/127\.0\.0\.1:\d+)\/graphql, GraphiQL at \1\/$/.exec(banner);
  if (!match) {
    killGroup(-child.pid!);
    throw new Error(`unexpected start line: ${banner}`);
  }
  // Keep reading stdout, so a full pipe never blocks the gateway.
  void (async () => {
    for (;;) if ((await lines.next()).done) return;
  })();
  return { child, url: match[1], exited };
}

test('main starts the in-process emulator, serves, and shuts down gracefully on SIGTERM', async () => {
  const { child, url, exited } = await startGateway();
  try {
    const ready = await fetch(`${url}/readyz`);
    expect(ready.status).toBe(200);
    const response = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ pools(first: 1) { nodes { __typename } } }' }) });
    expect(await response.json()).toEqual({ data: { pools: { nodes: [{ __typename: 'Pool' }] } }, extensions: { upstreamCalls: { total: 1, byOperation: { DescribePools: 1 } }, cost: { estimatedObjects: 2, estimatedUpstreamCalls: 1, maxEstimatedObjects: 100_000, maxEstimatedUpstreamCalls: 12_000 } } });
    child.kill('SIGTERM');
    expect(await exited).toEqual({ code: 0, signal: null });
  } finally {
    killGroup(-child.pid!);
  }
});

test('SIGTERM still drains the gateway and exits 0 when the machine is too busy to run it at once', async () => {
  const { child, url, exited } = await startGateway();
  const group = -child.pid!;
  try {
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    // A loaded machine, made deterministic: SIGSTOP holds every process the command started (a
    // held process keeps its pending signals, it loses none); the process that receives SIGTERM
    // runs again at once, whatever it started stays held a while longer. A single gateway process
    // handles the signal when it runs; a relay with a deadline (the tsx CLI's 30 ms) would give up
    // on its held child, SIGKILL it and exit 143.
    process.kill(group, 'SIGSTOP');
    child.kill('SIGTERM');
    child.kill('SIGCONT');
    await new Promise((resolve) => setTimeout(resolve, 200));
    signalGroup(group, 'SIGCONT');
    expect(await exited).toEqual({ code: 0, signal: null });
  } finally {
    killGroup(group);
  }
});

/** Module-private: signals every process of a group; none left (it has exited) is no error. */
function signalGroup(group: number, signal: NodeJS.Signals): void {
  try {
    process.kill(group, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

/** Module-private: ends whatever of a test's process group is still running (nothing, when the test passed). */
function killGroup(group: number): void {
  signalGroup(group, 'SIGKILL');
}
