import { Agent, request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { createEmulatorServer, type EmulatorServer } from '../../src/emulator';
import { startGatewayProcess, type GatewayProcess } from '../helpers/gatewayProcess';

// Graceful shutdown (issue 14) as an operator meets it: the real gateway process (src/main.ts)
// under load against an emulator whose fault rules hold its upstream calls, then SIGTERM. Outcomes
// only: what each client got, whether new connections are refused, the exit code.

const APPS = '{ apps(first: 5) { nodes { id name } } }';

/** One whole HTTP answer as a client read it. */
interface Answer {
  readonly status: number;
  readonly connection: string | undefined;
  readonly body: any;
}

/** POSTs `query` on a keep-alive agent and reads the whole answer (rejects when the connection is cut). */
function post(url: string, query: string, agent: Agent): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify({ query });
    const req = request(`${url}/graphql`, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, body: JSON.parse(text) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * A request whose headers have begun to arrive but are not complete: the connection is busy, not
 * idle, so a drain must answer it rather than close it. `finish()` sends the rest and reads the answer.
 */
async function startedRequest(port: number, path: string): Promise<{ finish(): Promise<{ head: string; body: any }> }> {
  const socket: Socket = connect(port, '127.0.0.1');
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n`);
  return {
    finish: () =>
      new Promise((resolve, reject) => {
        let raw = '';
        socket.setEncoding('utf8');
        socket.on('data', (chunk: string) => (raw += chunk));
        // The gateway closes the connection after this answer (Connection: close), so its end is the answer's end.
        socket.on('end', () => {
          const split = raw.indexOf('\r\n\r\n');
          resolve({ head: raw.slice(0, split), body: JSON.parse(raw.slice(split + 4)) });
        });
        socket.on('error', reject);
        socket.write('\r\n');
      }),
  };
}

/** Whether a new TCP connection to `port` is refused now. */
function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}

/** Polls `condition` every 25 ms (bounded, so a broken shutdown fails instead of hanging). */
async function until(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let attempt = 0; attempt < 800; attempt += 1) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`gave up waiting until ${what}`);
}

let emulator: EmulatorServer;
let gateway: GatewayProcess | undefined;
const agent = new Agent({ keepAlive: true });
beforeEach(async () => {
  emulator = await createEmulatorServer({ seed: true });
});
afterEach(async () => {
  await gateway?.stop();
  gateway = undefined;
  await emulator.close();
});
afterAll(() => agent.destroy());

/** The gateway process against this test's emulator. */
async function startGateway(env: Record<string, string>): Promise<GatewayProcess> {
  gateway = await startGatewayProcess({ env: { PINPOINT_ENDPOINT: emulator.endpoint, SMS_VOICE_ENDPOINT: emulator.endpoint, ...env } });
  return gateway;
}

test('SIGTERM under load: /readyz says draining, new connections are refused, every request in flight gets its whole 200, exit 0', async () => {
  const gw = await startGateway({ SHUTDOWN_GRACE_MS: '20000' });
  const port = Number(new URL(gw.url).port);
  // Slow enough that all of them are still waiting on upstream when the signal lands.
  emulator.setFaults({ kind: 'latency', operation: 'GetApps', latencyMs: 3_000 });
  const inFlight = Array.from({ length: 8 }, () => post(gw.url, APPS, agent));
  await until(() => emulator.callCounts().byOperation['pinpoint.GetApps'] === 8, 'all 8 requests reached upstream');
  const late = await startedRequest(port, '/readyz');

  process.kill(gw.pid, 'SIGTERM');
  await until(() => refused(port), 'the listener stopped accepting');
  const readyz = await late.finish();
  expect(readyz.head).toMatch(/^HTTP\/1\.1 503 /);
  expect(readyz.head.toLowerCase()).toContain('connection: close');
  // In flight: the 8 slow requests and this one.
  expect(readyz.body).toEqual({ status: 'draining', checks: { lifecycle: { ok: false, detail: expect.stringMatching(/^draining for \d+ ms: 9 request\(s\) in flight, \d+ ms of the 20000 ms grace left$/) } } });

  const answers = await Promise.all(inFlight);
  for (const answer of answers) {
    expect(answer).toEqual({ status: 200, connection: 'close', body: { data: { apps: { nodes: expect.any(Array) } }, extensions: expect.any(Object) } });
    expect(answer.body.data.apps.nodes.length).toBeGreaterThan(0);
  }
  expect(await gw.exited).toEqual({ code: 0, signal: null });
});

test('a grace that runs out: requests still waiting are stopped through their budgets and answer, upstream sockets are released, exit 1', async () => {
  const gw = await startGateway({ SHUTDOWN_GRACE_MS: '300' });
  // Upstream never answers: only the shutdown can end these requests.
  emulator.setFaults({ kind: 'hang', operation: 'GetApps' });
  const inFlight = Array.from({ length: 4 }, () => post(gw.url, APPS, agent));
  await until(() => emulator.faults().hanging === 4, 'all 4 upstream calls hang');

  process.kill(gw.pid, 'SIGTERM');
  const answers = await Promise.all(inFlight);
  for (const answer of answers) {
    expect(answer.status).toBe(200);
    expect(answer.connection).toBe('close');
    expect(answer.body.errors).toEqual([expect.objectContaining({ path: ['apps'], extensions: expect.objectContaining({ code: 'DEADLINE_EXCEEDED', reason: 'SHUTTING_DOWN' }) })]);
  }
  expect(await gw.exited).toEqual({ code: 1, signal: null });
  // The gateway aborted its upstream calls rather than leaving them open.
  await until(() => emulator.faults().hanging === 0, 'the emulator released every held request');
});
