import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './redis';

/**
 * Debian's HAProxy in front of gateway replicas, as a load balancer of a test's own: a config
 * generated into a temporary folder (round robin; each replica health-checked on `/readyz`, in
 * rotation only while it answers 200; `option forwardfor`, so a gateway behind it needs
 * `TRUST_PROXY_HOPS=1`; each answer names its server in {@link SERVED_BY_HEADER}), listening on a
 * free loopback port, with an admin socket to read its per-server states.
 */

/** One replica behind the proxy. */
export interface ProxiedServer {
  /** HAProxy's server name (letters, digits, `-`, `_`). */
  readonly name: string;
  /** `http://127.0.0.1:<port>` of the replica. */
  readonly url: string;
}

/** A running HAProxy; `stop()` ends it and removes its folder. */
export interface OwnHaproxy {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** The generated configuration (for messages). */
  readonly config: string;
  /** Each server's health as HAProxy sees it (`UP`, `DOWN`, …: `show stat` over the admin socket), by name. */
  states(): Promise<Record<string, string>>;
  stop(): Promise<void>;
}

/** Options of {@link startOwnHaproxy}. */
export interface OwnHaproxyOptions {
  readonly servers: readonly ProxiedServer[];
  /** Health check path (default `/readyz`). */
  readonly healthPath?: string;
  /** Interval between health checks of a server (default 1 000 ms). */
  readonly checkIntervalMs?: number;
}

/** The response header the proxy names the answering server in. */
export const SERVED_BY_HEADER = 'x-served-by';

/** Module-private: Debian installs HAProxy in /usr/sbin, which a non-root PATH may lack. */
const HAPROXY = existsSync('/usr/sbin/haproxy') ? '/usr/sbin/haproxy' : 'haproxy';

/**
 * Writes the config, starts `haproxy -db` (foreground: the process is the proxy, and SIGTERM ends
 * it) and resolves once every server has passed its health check.
 */
export async function startOwnHaproxy(options: OwnHaproxyOptions): Promise<OwnHaproxy> {
  const dir = mkdtempSync(join(tmpdir(), 'pg-haproxy-'));
  const port = await freePort();
  const socket = join(dir, 'admin.sock');
  const interval = options.checkIntervalMs ?? 1_000;
  const config = [
    'global',
    `  stats socket ${socket} mode 600 level admin`,
    '  maxconn 4096',
    'defaults',
    '  mode http',
    // The client's address, appended to X-Forwarded-For: the gateways trust one hop (TRUST_PROXY_HOPS=1).
    '  option forwardfor',
    // One gateway connection per request. A gateway (Node) closes a keep-alive connection idle
    // for 5 s; HAProxy reusing a pooled one at that moment answers its client by closing the
    // client's connection (the request may be retried by the client, HAProxy will not): a
    // "socket hang up" in about one of 300 requests here before this line.
    '  option http-server-close',
    '  timeout connect 2s',
    '  timeout client 60s',
    '  timeout server 60s',
    // A check may take long on a loaded machine (/readyz probes upstream and Redis, each bounded
    // by 2 s): a replica leaves rotation when its checks fail, not when one is slow.
    '  timeout check 5s',
    'frontend gateway',
    `  bind 127.0.0.1:${port}`,
    '  default_backend replicas',
    'backend replicas',
    '  balance roundrobin',
    // Which replica answered, for the test to count (exactly, per response).
    `  http-response set-header ${SERVED_BY_HEADER} %[srv_name]`,
    '  option httpchk',
    `  http-check send meth GET uri ${options.healthPath ?? '/readyz'}`,
    '  http-check expect status 200',
    `  default-server check inter ${interval} fall 3 rise 1`,
    ...options.servers.map((server) => `  server ${server.name} ${new URL(server.url).host}`),
    '',
  ].join('\n');
  const file = join(dir, 'haproxy.cfg');
  writeFileSync(file, config);
  const child = spawn(HAPROXY, ['-db', '-f', file], { stdio: ['ignore', 'ignore', 'pipe'] });
  const stderr: string[] = [];
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr.push(chunk);
    if (stderr.length > 50) stderr.shift();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    await kill(child, exited);
    rmSync(dir, { recursive: true, force: true });
  };
  const states = async () => parseStates(await adminCommand(socket, 'show stat'));
  try {
    const deadline = Date.now() + 20_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`haproxy exited with code ${child.exitCode}:\n${stderr.join('')}`);
      const now = await states().catch(() => undefined);
      if (now && options.servers.every((server) => now[server.name] === 'UP')) break;
      if (Date.now() > deadline) throw new Error(`haproxy's servers did not all pass their health checks: ${JSON.stringify(now)}\n${stderr.join('')}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: `http://127.0.0.1:${port}`, config, states, stop };
}

/** Module-private: one command on the admin socket; resolves its whole answer. */
function adminCommand(socket: string, command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const connection = connect(socket, () => connection.end(`${command}\n`));
    connection.on('data', (chunk) => chunks.push(chunk));
    connection.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    connection.on('error', reject);
  });
}

/** Module-private: the states of the `backend replicas` servers in a `show stat` CSV. */
function parseStates(csv: string): Record<string, string> {
  const [header, ...rows] = csv.trim().split('\n');
  const columns = header.replace(/^# /, '').split(',');
  const at = (name: string) => columns.indexOf(name);
  const states: Record<string, string> = {};
  for (const row of rows) {
    const cells = row.split(',');
    if (cells[at('pxname')] !== 'replicas' || ['FRONTEND', 'BACKEND'].includes(cells[at('svname')])) continue;
    states[cells[at('svname')]] = cells[at('status')];
  }
  return states;
}

/** Module-private: SIGTERM, SIGKILL after 5 s. */
async function kill(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  try {
    await exited;
  } finally {
    clearTimeout(timer);
  }
}
