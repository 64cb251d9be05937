import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
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
    const probe = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    // Refused connects until the server listens are expected; without a listener ioredis prints them.
    probe.on('error', () => undefined);
    try {
      for (let attempt = 0; ; attempt += 1) {
        try {
          await probe.connect();
          await probe.ping();
          return;
        } catch (error) {
          if (attempt > 200) throw new Error(`redis-server on port ${port} did not answer: ${(error as Error).message}`);
          probe.disconnect();
          await new Promise((resolve) => setTimeout(resolve, 25));
        }
      }
    } finally {
      probe.disconnect();
    }
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
