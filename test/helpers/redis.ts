import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { connect, createServer } from 'node:net';
import { Redis } from 'ioredis';

/** The shared test Redis (CI starts it on 127.0.0.1:6379). */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A key prefix no other test (or parallel worker) uses. */
export function uniqueRedisPrefix(label: string): string {
  return `test:${label}:${process.pid}:${randomUUID().slice(0, 8)}:`;
}

/** Deletes every key under `prefix` on the shared test Redis (SCAN, never KEYS). */
export async function deleteRedisPrefix(prefix: string, url = TEST_REDIS_URL): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/** A plain client on the shared test Redis (the caller disconnects it). */
export function testRedisClient(url = TEST_REDIS_URL): Redis {
  return new Redis(url, { maxRetriesPerRequest: 1 });
}

/** A `redis-server` of the test's own, on a free port, that the test can stop and start again. */
export interface OwnRedisServer {
  readonly port: number;
  readonly url: string;
  /** Kills the server (SIGKILL: an abrupt outage) and waits for the process to exit. */
  stop(): Promise<void>;
  /** Starts it again on the same port and waits until it answers. */
  start(): Promise<void>;
  /** SIGSTOP: the server hangs (its socket stays open, nothing is answered) until {@link resume}. */
  pause(): void;
  /** SIGCONT: a paused server answers again (the commands it was sent meanwhile first). */
  resume(): void;
  /** The server's own count of commands it processed (`INFO stats`); the server must be running. */
  commandsProcessed(): Promise<number>;
}

/** Spawns `redis-server` on a free loopback port, without persistence. */
export async function startOwnRedisServer(): Promise<OwnRedisServer> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  const start = async () => {
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    let last = 'no answer yet';
    for (let attempt = 0; attempt <= 200; attempt += 1) {
      last = await pingReply(port);
      if (last === '+PONG') return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`redis-server on port ${port} did not answer: ${last}`);
  };
  await start();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      const running = child;
      // A process killed by a signal keeps `exitCode` null (its `signalCode` is set): both mean gone.
      if (!running || running.exitCode !== null || running.signalCode !== null) return;
      const exited = new Promise((resolve) => running.once('exit', resolve));
      running.kill('SIGKILL');
      await exited;
    },
    start,
    pause() {
      child?.kill('SIGSTOP');
    },
    resume() {
      child?.kill('SIGCONT');
    },
    async commandsProcessed() {
      // No ready check: the count's own INFO is then the only command this connection adds.
      const client = new Redis({ port, host: '127.0.0.1', maxRetriesPerRequest: 0, enableReadyCheck: false });
      try {
        const stats = await client.info('stats');
        return Number(/total_commands_processed:(\d+)/.exec(stats)?.[1]);
      } finally {
        client.disconnect();
      }
    },
  };
}

/**
 * Module-private: the first reply line of a PING on one plain connection, or why there is none.
 * Not an ioredis client: `disconnect()` on a client whose connect was refused arms a 2 s timer
 * (ioredis's `disconnectTimeout`) that nothing clears, as the socket it waits for has already
 * closed; it kept the jest worker alive after the test file and jest force-exited the worker.
 */
function pingReply(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    let reply = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      reply += chunk;
      const end = reply.indexOf('\r\n');
      if (end === -1) return;
      socket.destroy();
      resolve(reply.slice(0, end));
    });
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('error', (error: NodeJS.ErrnoException) => {
      socket.destroy();
      resolve(error.code ?? error.message);
    });
    socket.once('close', () => resolve(reply === '' ? 'connection closed without a reply' : reply));
  });
}

/** A port that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
