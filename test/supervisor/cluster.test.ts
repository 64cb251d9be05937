import { createServer, type Server } from 'node:net';
import { Agent } from 'node:http';
import { answeringPid, ClientTimeout, freshConnectionPid, processExists, send, spawnCluster, workerPids, type ClusterProcess } from './clusterKit';

/**
 * `WORKERS=2` on the real process (src/main.ts → src/supervisor/): two workers behind one port that
 * the primary picked (`PORT=0`), one emulator state for both, a worker killed under load replaced
 * with only its own requests in flight lost, SIGTERM draining every worker, and a crash loop
 * stopping the primary with a message.
 */

jest.setTimeout(180_000);

/** Module-private: the primary of the current test, killed if a test fails half-way. */
let running: ClusterProcess | undefined;

afterEach(async () => {
  if (running) {
    for (const pid of workerPids(running.pid)) process.kill(pid, 'SIGKILL');
    running.kill('SIGKILL');
    await running.exited;
    running = undefined;
  }
});

/** Module-private: starts a 2-worker primary and waits until both workers serve. */
async function startTwoWorkers(env: Record<string, string> = {}): Promise<{ cluster: ClusterProcess; url: string; emulator: string }> {
  const cluster = spawnCluster({ WORKERS: '2', LOG_LEVEL: 'info', ...env });
  running = cluster;
  const url = await cluster.url();
  await cluster.waitUntil(() => cluster.logs().filter((log) => log.msg === 'worker listening').length === 2, 'saying the second worker listens');
  const emulator = cluster.logs().find((log) => log.component === 'supervisor' && typeof log.endpoint === 'string')!.endpoint as string;
  return { cluster, url, emulator };
}

test('two workers answer on the one port the primary picked, share one emulator state, and the start line is printed once', async () => {
  const { cluster, url } = await startTwoWorkers();
  const workers = workerPids(cluster.pid);
  expect(workers).toHaveLength(2);
  expect(cluster.lines.filter((line) => line.startsWith('pinpoint-graph gateway: GraphQL at '))).toEqual([`pinpoint-graph gateway: GraphQL at ${url}/graphql, GraphiQL at ${url}/`]);
  // Development without Redis runs, with the warning of what each worker keeps for itself.
  expect(cluster.logs().filter((log) => log.level === 40 && log.component === 'supervisor').map((log) => log.msg)).toEqual([
    'WORKERS=2 without REDIS_URL: each worker keeps its own KPI cache and single flight (up to 2 upstream loads of one KPI), its own rate-limit budgets (a caller gets up to 2 times its budget) and its own automatic persisted queries; API keys and trusted documents files are re-read by every worker when they change. Set REDIS_URL to share them.',
  ]);

  // The primary hands connections out in turn: fresh connections reach both workers.
  const answering = new Set<number>();
  for (let i = 0; i < 6; i += 1) answering.add(await freshConnectionPid(url));
  expect([...answering].sort((a, b) => a - b)).toEqual(workers);

  // A project created through one worker is read back through both: one emulator state.
  const created = await send(`${url}/graphql`, { agent: false, body: { query: 'mutation { createApp(input: { name: "cluster-shared" }) { app { applicationId } } }' } });
  expect(created.status).toBe(200);
  const appId = created.body.data.createApp.app.applicationId as string;
  const reads = await Promise.all(
    Array.from({ length: 10 }, async (_, i) =>
      send(`${url}/graphql`, { agent: false, headers: { 'x-request-id': `cluster-read-${i}` }, body: { query: 'query($id: ID!) { app(id: $id) { name } }', variables: { id: appId } } }),
    ),
  );
  expect(reads.map((read) => [read.status, read.body.data?.app?.name])).toEqual(Array.from({ length: 10 }, () => [200, 'cluster-shared']));
  // Each worker logs the requests it served with its own pid: both served some of the reads.
  const readLogs = () => cluster.logs().filter((log) => log.msg === 'graphql request' && /^cluster-read-/.test(String(log.requestId)));
  await cluster.waitUntil(() => readLogs().length === 10, 'logging every read');
  const readers = new Set(readLogs().map((log) => log.pid as number));
  expect([...readers].sort((a, b) => a - b)).toEqual(workers);

  cluster.kill('SIGTERM');
  expect(await cluster.exited).toEqual({ code: 0, signal: null });
});

/** Module-private: one client holding one keep-alive connection, so it knows which worker it talks to. */
interface PinnedClient {
  agent: Agent;
  /** The worker behind its connection, from `/readyz` on that same connection. */
  pid: number;
  inFlight: boolean;
}

/** Module-private: one query as a client saw it. */
interface Outcome {
  readonly client: number;
  /** The worker its connection was pinned to (undefined: it went out on a new connection, worker unknown). */
  readonly pid: number | undefined;
  readonly startedAt: number;
  readonly endedAt: number;
  readonly ok: boolean;
}

/** Module-private: polls `attempt` every 20 ms until it gives a value; throws after `timeoutMs`. */
async function eventually<T>(what: string, attempt: () => Promise<T | undefined> | T | undefined, timeoutMs = 60_000): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await attempt();
    if (value !== undefined) return value;
    if (performance.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Module-private: new connections that were never answered. The primary hands each connection to
 * a worker over IPC; one handed to a worker that has just died (before the primary saw it exit) is
 * held by the primary unanswered: Node's round-robin handoff loses it (nodejs/node-v0.x-archive#7928),
 * at most one per dead worker, since a worker gets its next connection only after it took the last.
 */
const unansweredConnections = { count: 0 };

/** Module-private: one new connection's `/readyz` answer, or undefined when it failed (counted when it never answered). */
async function readyzOnNewConnection(url: string, agent: Agent | false): Promise<number | undefined> {
  try {
    return answeringPid((await send(`${url}/readyz`, { agent, timeoutMs: 5_000 })).body);
  } catch (error) {
    if (error instanceof ClientTimeout) unansweredConnections.count += 1;
    return undefined;
  }
}

/** Module-private: a fresh connection pinned to whichever worker the primary hands it to. */
function pinnedClient(url: string): Promise<PinnedClient> {
  return eventually('a connection that answers /readyz', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const pid = await readyzOnNewConnection(url, agent);
    if (pid !== undefined) return { agent, pid, inFlight: false };
    // A connection handed to the worker being killed: take another.
    agent.destroy();
    return undefined;
  });
}

test('a worker killed under load is replaced, only requests in flight on it fail, and SIGTERM drains every worker to exit 0', async () => {
  const { cluster, url, emulator } = await startTwoWorkers();
  // 300 ms per upstream call: every client has a request in flight most of the time.
  const faults = await fetch(`${emulator}/_emulator/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify([{ kind: 'latency', latencyMs: 300 }]) });
  expect(faults.status).toBe(200);
  const [first, second] = workerPids(cluster.pid);

  // Connections opened one after another alternate between the workers.
  const clients: PinnedClient[] = [];
  for (let i = 0; i < 4; i += 1) clients.push(await pinnedClient(url));
  expect(clients.map((client) => client.pid).sort((a, b) => a - b)).toEqual([first, first, second, second]);

  const outcomes: Outcome[] = [];
  let sending = true;
  const loops = clients.map(async (client, index) => {
    while (sending) {
      const pid = client.pid;
      const startedAt = performance.now();
      client.inFlight = true;
      let ok: boolean;
      let reused = true;
      try {
        const answer = await send(`${url}/graphql`, { agent: client.agent, body: { query: '{ apps(first: 1) { nodes { name } } }' } });
        reused = answer.reusedSocket;
        ok = answer.status === 200 && answer.body.errors === undefined && answer.body.data.apps.nodes.length === 1;
      } catch {
        ok = false;
      }
      client.inFlight = false;
      outcomes.push({ client: index, pid: reused ? pid : undefined, startedAt, endedAt: performance.now(), ok });
      if (!ok) {
        client.agent.destroy();
        Object.assign(client, await pinnedClient(url));
      }
    }
  });
  try {
    const okCount = (predicate: (outcome: Outcome) => boolean) => outcomes.filter((outcome) => outcome.ok && predicate(outcome)).length;
    const until = (what: string, condition: () => boolean) => eventually(what, () => (condition() ? true : undefined));

    await until('two answers on every connection', () => clients.every((_, index) => okCount((outcome) => outcome.client === index) >= 2));
    const victim = first;
    const survivor = second;
    // Every client is between sending and its answer whenever this code runs (the loop sends again
    // in the same turn it records an answer): what the victim holds is its clients' requests.
    const inFlightOnVictim = clients.filter((client) => client.pid === victim && client.inFlight).length;
    expect(inFlightOnVictim).toBe(2);
    const killedAt = performance.now();
    process.kill(victim, 'SIGKILL');

    // The primary starts a replacement, which then answers on the same port.
    const replacement = await eventually('an answer from a new worker', async () => {
      const pid = await readyzOnNewConnection(url, false);
      return pid !== undefined && pid !== victim && pid !== survivor ? pid : undefined;
    });
    expect(workerPids(cluster.pid)).toEqual([survivor, replacement].sort((a, b) => a - b));
    const replacedAt = performance.now();
    // Every client, re-pinned where its connection died, is answered again after the replacement.
    await until('two answers on every connection after the replacement', () => clients.every((_, index) => okCount((outcome) => outcome.client === index && outcome.startedAt > replacedAt) >= 2));

    const failed = outcomes.filter((outcome) => !outcome.ok);
    // Only requests that were in flight on the killed worker failed: none on the survivor, none after.
    expect(failed.map((outcome) => outcome.pid)).toEqual(failed.map(() => victim));
    expect(failed.length).toBeLessThanOrEqual(inFlightOnVictim);
    expect(failed.every((outcome) => outcome.startedAt < killedAt && outcome.endedAt >= killedAt)).toBe(true);
    expect(unansweredConnections.count).toBeLessThanOrEqual(1);
    expect(cluster.logs().filter((log) => log.msg === 'worker exited unexpectedly').map((log) => [log.workerPid, log.signal])).toEqual([[victim, 'SIGKILL']]);

    // SIGTERM to the whole group (systemd's default: the workers get it from there and the drain
    // request from the primary) with a request in flight on every connection: each is answered
    // whole, then every process exits 0.
    sending = false;
    const inFlightAtTerm = clients.filter((client) => client.inFlight).length;
    const termAt = performance.now();
    cluster.killGroup('SIGTERM');
    await Promise.all(loops);
    const duringDrain = outcomes.filter((outcome) => outcome.startedAt < termAt && outcome.endedAt >= termAt);
    expect(duringDrain.map((outcome) => outcome.ok)).toEqual(Array.from({ length: inFlightAtTerm }, () => true));
    expect(await cluster.exited).toEqual({ code: 0, signal: null });
    expect(cluster.logs().filter((log) => log.msg === 'worker exited').map((log) => [log.workerPid, log.code]).sort()).toEqual([[survivor, 0], [replacement, 0]].sort());
    expect([survivor, replacement].filter(processExists)).toEqual([]);
  } finally {
    sending = false;
    await Promise.allSettled(loops);
    for (const client of clients) client.agent.destroy();
  }
});

test('workers that die as they start are a crash loop: the primary stops and exits 1 with the reason', async () => {
  // The port is taken, so every worker's listen fails (EADDRINUSE) and it exits 1.
  const taken: Server = createServer();
  await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
  const { port } = taken.address() as { port: number };
  try {
    const cluster = spawnCluster({ WORKERS: '2', PORT: String(port), LOG_LEVEL: 'info' });
    running = cluster;
    const exit = await cluster.exited;
    running = undefined;
    expect(exit).toEqual({ code: 1, signal: null });
    expect(cluster.stderr()).toMatch(/pinpoint-graph: 6 gateway workers died within 60 s \(the last: pid \d+, exit code 1\): a crash loop, so the supervisor stops instead of restarting them again\./);
    expect(cluster.stderr()).toContain('EADDRINUSE');
    // 5 deaths are restarted; the 6th within the minute stops the primary. No worker ever served.
    expect(cluster.logs().filter((log) => log.msg === 'worker exited unexpectedly')).toHaveLength(6);
    expect(cluster.logs().filter((log) => log.msg === 'restarting a worker').map((log) => log.delayMs)).toEqual([100, 200, 400, 800, 1600]);
    expect(cluster.lines.filter((line) => line.includes('GraphQL at'))).toEqual([]);
  } finally {
    await new Promise((resolve) => taken.close(resolve));
  }
});
