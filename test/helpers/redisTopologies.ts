import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { freePort, startOwnRedisServer } from './redis';

/**
 * Redis deployments of a test's own, for the `redis-sentinel://` and `redis-cluster://` forms of
 * `REDIS_URL`: a master watched by one sentinel, and a one-node cluster holding every slot. Each
 * is real `redis-server` processes on free ports, without persistence, in a temporary folder.
 */

/** A running deployment; `stop()` kills its processes and removes its folder. */
export interface OwnRedisDeployment {
  /** The `REDIS_URL` that reaches it. */
  readonly url: string;
  /** A plain client on the server holding the data (the master, or the cluster's node). */
  dataClient(): Redis;
  stop(): Promise<void>;
}

/** A master and one sentinel monitoring it as `mymaster`: `redis-sentinel://127.0.0.1:<port>/mymaster`. */
export async function startOwnSentinel(masterName = 'mymaster'): Promise<OwnRedisDeployment> {
  const master = await startOwnRedisServer();
  const dir = mkdtempSync(join(tmpdir(), 'pg-sentinel-'));
  const port = await freePort();
  const config = join(dir, 'sentinel.conf');
  // A sentinel rewrites its config file, so it must be its own writable file.
  writeFileSync(config, [`port ${port}`, 'bind 127.0.0.1', `dir ${dir}`, `sentinel monitor ${masterName} 127.0.0.1 ${master.port} 1`, `sentinel down-after-milliseconds ${masterName} 60000`, ''].join('\n'));
  const sentinel = spawn('redis-server', [config, '--sentinel'], { stdio: 'ignore' });
  try {
    await until(async () => {
      const client = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      client.on('error', () => undefined);
      try {
        await client.connect();
        const address = (await client.call('SENTINEL', 'get-master-addr-by-name', masterName)) as string[] | null;
        return address?.[1] === String(master.port);
      } finally {
        client.disconnect();
      }
    }, `sentinel on port ${port}`);
  } catch (error) {
    await kill(sentinel);
    await master.stop();
    throw error;
  }
  return {
    url: `redis-sentinel://127.0.0.1:${port}/${masterName}`,
    dataClient: () => new Redis({ port: master.port, host: '127.0.0.1', maxRetriesPerRequest: 1 }),
    async stop() {
      await kill(sentinel);
      await master.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A one-node Redis Cluster holding all 16 384 slots: `redis-cluster://127.0.0.1:<port>`. */
export async function startOwnCluster(): Promise<OwnRedisDeployment> {
  const dir = mkdtempSync(join(tmpdir(), 'pg-cluster-'));
  const port = await freePort();
  const node: ChildProcess = spawn(
    'redis-server',
    // Alone, a node does not know its own address and announces an empty one: name it.
    ['--port', String(port), '--bind', '127.0.0.1', '--cluster-enabled', 'yes', '--cluster-announce-ip', '127.0.0.1', '--cluster-config-file', join(dir, 'nodes.conf'), '--dir', dir, '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  const admin = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  admin.on('error', () => undefined);
  try {
    await until(async () => {
      await admin.connect().catch(() => undefined);
      return (await admin.ping()) === 'PONG';
    }, `cluster node on port ${port}`);
    await admin.call('CLUSTER', 'ADDSLOTSRANGE', '0', '16383');
    await until(async () => /cluster_state:ok/.test((await admin.call('CLUSTER', 'INFO')) as string), `cluster on port ${port} to be ok`);
  } catch (error) {
    await kill(node);
    throw error;
  } finally {
    admin.disconnect();
  }
  return {
    url: `redis-cluster://127.0.0.1:${port}`,
    dataClient: () => new Redis({ port, host: '127.0.0.1', maxRetriesPerRequest: 1 }),
    async stop() {
      await kill(node);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The keys matching `pattern` on `client` (SCAN, never KEYS); disconnects it. */
export async function scanKeys(client: Redis, pattern: string): Promise<string[]> {
  try {
    const keys: string[] = [];
    let cursor = '0';
    do {
      const [next, batch] = await client.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
      keys.push(...batch);
      cursor = next;
    } while (cursor !== '0');
    return keys;
  } finally {
    client.disconnect();
  }
}

/** Module-private: polls `probe` until it holds (bounded, so a broken deployment fails rather than hangs). */
async function until(probe: () => Promise<boolean>, what: string): Promise<void> {
  let last: unknown;
  for (let attempt = 0; attempt < 200; attempt += 1) {
    try {
      if (await probe()) return;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`Timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
}

/** Module-private: SIGKILL and wait for the exit. */
async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}
