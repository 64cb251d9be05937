import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Cluster, Redis } from 'ioredis';
import { freePort, startOwnRedisServer } from './redis';

/**
 * Redis deployments of a test's own, for the `redis-sentinel://` and `redis-cluster://` forms of
 * `REDIS_URL`: a master watched by one sentinel, a one-node cluster holding every slot, and a
 * real cluster of masters with a replica each (which can fail over). Each is real `redis-server`
 * processes on free ports, without persistence, in a temporary folder.
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

/** One node of an {@link OwnRedisCluster}, as the cluster sees it (`CLUSTER NODES`). */
export interface OwnClusterNode {
  readonly id: string;
  readonly port: number;
  readonly role: 'master' | 'replica';
  /** A replica's master (its node ID). */
  readonly masterId?: string;
  /** A master's slot ranges, inclusive. */
  readonly slots: readonly (readonly [number, number])[];
  /** Marked failed (`fail`) or unreachable (`disconnected`) by the node that answered. */
  readonly failed: boolean;
}

/** A Redis Cluster of several masters with replicas; `stop()` kills every node and removes its folder. */
export interface OwnRedisCluster {
  /** `redis-cluster://127.0.0.1:<master>,…`: the masters at start, as seed nodes. */
  readonly url: string;
  /** Every node's port, masters first (as created). */
  readonly ports: readonly number[];
  /** The cluster's view of its nodes now, asked of a live node. */
  nodes(): Promise<OwnClusterNode[]>;
  /** The master serving `slot` now. */
  masterOf(slot: number): Promise<OwnClusterNode>;
  /** A plain client of one node (the caller disconnects it). */
  nodeClient(port: number): Redis;
  /** An ioredis cluster client (the caller disconnects it). */
  client(): Cluster;
  /** SIGKILLs one node (an abrupt crash) and waits for its process to exit. */
  kill(port: number): Promise<void>;
  /**
   * Waits until a replica of `formerPort` serves `slot` as master and every live node says the
   * cluster is ok; resolves the new master. Bounded by `timeoutMs` (default 30 s).
   */
  waitForFailover(slot: number, formerPort: number, timeoutMs?: number): Promise<OwnClusterNode>;
  /** The keys matching `pattern` on every live master, with the port of the master holding each (SCAN, never KEYS). */
  scan(pattern: string): Promise<{ readonly key: string; readonly port: number }[]>;
  /** One `INFO` section of every live master, by port. */
  masterInfo(section: string): Promise<Map<number, string>>;
  stop(): Promise<void>;
}

/** Options of {@link startOwnRedisCluster}. */
export interface OwnRedisClusterOptions {
  /** Masters (at least 3: a failover needs a majority of masters to vote; default 3). */
  readonly masters?: number;
  /** Replicas per master (default 1). */
  readonly replicasPerMaster?: number;
  /**
   * `cluster-node-timeout` (default 1 000 ms): how long a node may be unreachable before it is
   * failed over. Redis's own default is 15 000 ms; a second keeps a failover test short.
   */
  readonly nodeTimeoutMs?: number;
}

/**
 * A real Redis Cluster on loopback: `masters` × (1 + `replicasPerMaster`) `redis-server` processes
 * with `--cluster-enabled yes`, joined by `redis-cli --cluster create … --cluster-replicas N`.
 * Resolves once every node says the cluster is ok, knows every other node, and every replica has
 * finished its first sync (a replica that never synced refuses to fail over).
 */
export async function startOwnRedisCluster(options: OwnRedisClusterOptions = {}): Promise<OwnRedisCluster> {
  const masters = options.masters ?? 3;
  const replicasPerMaster = options.replicasPerMaster ?? 1;
  const nodeTimeoutMs = options.nodeTimeoutMs ?? 1_000;
  const total = masters * (1 + replicasPerMaster);
  const dir = mkdtempSync(join(tmpdir(), 'pg-cluster3-'));
  const children = new Map<number, ChildProcess>();
  const ports: number[] = [];
  // Data ports, then bus ports: each free a moment ago, all distinct (a port taken meanwhile fails the start below).
  while (ports.length < total * 2) {
    const port = await freePort();
    if (!ports.includes(port)) ports.push(port);
  }
  const dataPorts = ports.slice(0, total);
  const stopAll = async () => {
    await Promise.all([...children.values()].map((child) => kill(child)));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (const [index, port] of dataPorts.entries()) {
      const nodeDir = join(dir, String(port));
      mkdirSync(nodeDir);
      const child = spawn(
        'redis-server',
        [
          '--port', String(port), '--bind', '127.0.0.1',
          // The bus port named, not port + 10 000 (a free port above 55 535 has none).
          '--cluster-enabled', 'yes', '--cluster-port', String(ports[total + index]), '--cluster-announce-ip', '127.0.0.1',
          '--cluster-config-file', join(nodeDir, 'nodes.conf'), '--cluster-node-timeout', String(nodeTimeoutMs),
          // A replica's first sync starts at once rather than after the default 5 s wait for more replicas.
          '--repl-diskless-sync-delay', '0',
          '--dir', nodeDir, '--save', '', '--appendonly', 'no',
        ],
        { stdio: 'ignore' },
      );
      children.set(port, child);
    }
    await Promise.all(dataPorts.map((port) => until(async () => (await withNode(port, (node) => node.ping())) === 'PONG', `cluster node on port ${port}`)));
    await promisify(execFile)('redis-cli', ['--cluster', 'create', ...dataPorts.map((port) => `127.0.0.1:${port}`), '--cluster-replicas', String(replicasPerMaster), '--cluster-yes'], { timeout: 30_000 });
    for (const port of dataPorts) {
      await until(async () => {
        const info = await withNode(port, (node) => node.call('CLUSTER', 'INFO') as Promise<string>);
        const replication = await withNode(port, (node) => node.info('replication'));
        return info.includes('cluster_state:ok') && info.includes(`cluster_known_nodes:${total}`) && (replication.includes('role:master') || replication.includes('master_link_status:up'));
      }, `cluster node on port ${port} to be ok and synced`, 20_000);
    }
  } catch (error) {
    await stopAll();
    throw error;
  }

  const live = () => dataPorts.filter((port) => {
    const child = children.get(port)!;
    return child.exitCode === null && child.signalCode === null;
  });
  const nodes = async (): Promise<OwnClusterNode[]> => {
    const text = await withNode(live()[0], (node) => node.call('CLUSTER', 'NODES') as Promise<string>);
    return parseClusterNodes(text);
  };
  const masterOf = async (slot: number): Promise<OwnClusterNode> => {
    const master = (await nodes()).find((node) => node.role === 'master' && !node.failed && node.slots.some(([from, to]) => slot >= from && slot <= to));
    if (!master) throw new Error(`No live master serves slot ${slot}`);
    return master;
  };
  return {
    url: `redis-cluster://${dataPorts.slice(0, masters).map((port) => `127.0.0.1:${port}`).join(',')}`,
    ports: dataPorts,
    nodes,
    masterOf,
    nodeClient: (port) => new Redis({ port, host: '127.0.0.1', maxRetriesPerRequest: 1 }),
    client: () => new Cluster(live().map((port) => ({ host: '127.0.0.1', port })), { redisOptions: { maxRetriesPerRequest: 1 } }),
    kill: (port) => kill(children.get(port)!),
    async waitForFailover(slot, formerPort, timeoutMs = 30_000) {
      let promoted: OwnClusterNode | undefined;
      await until(
        async () => {
          const master = await masterOf(slot).catch(() => undefined);
          if (!master || master.port === formerPort) return false;
          const states = await Promise.all(live().map((port) => withNode(port, (node) => node.call('CLUSTER', 'INFO') as Promise<string>)));
          promoted = master;
          return states.every((info) => info.includes('cluster_state:ok'));
        },
        `slot ${slot} to fail over from port ${formerPort}`,
        timeoutMs,
      );
      return promoted!;
    },
    async scan(pattern) {
      const found: { key: string; port: number }[] = [];
      for (const node of await nodes()) {
        if (node.role !== 'master' || node.failed) continue;
        for (const key of await scanKeys(new Redis({ port: node.port, host: '127.0.0.1', maxRetriesPerRequest: 1 }), pattern)) found.push({ key, port: node.port });
      }
      return found;
    },
    async masterInfo(section) {
      const infos = new Map<number, string>();
      for (const node of await nodes()) {
        if (node.role === 'master' && !node.failed) infos.set(node.port, await withNode(node.port, (client) => client.info(section)));
      }
      return infos;
    },
    stop: stopAll,
  };
}

/** Module-private: `CLUSTER NODES` text as nodes (`<id> <ip:port@bus> <flags> <master> … <slots…>`). */
function parseClusterNodes(text: string): OwnClusterNode[] {
  return text
    .trim()
    .split('\n')
    .map((line) => {
      const [id, address, flags, master, , , , , ...slots] = line.trim().split(' ');
      const flagList = flags.split(',');
      return {
        id,
        port: Number(/:(\d+)@/.exec(address)?.[1]),
        role: flagList.includes('master') ? 'master' : 'replica',
        ...(master === '-' ? {} : { masterId: master }),
        // Importing or migrating slots (`[…]`) never occur here: no resharding.
        slots: slots.filter((range) => /^\d/.test(range)).map((range) => {
          const [from, to = from] = range.split('-').map(Number);
          return [from, to] as const;
        }),
        failed: flagList.includes('fail') || flagList.includes('fail?') || line.includes(' disconnected'),
      };
    });
}

/** Module-private: one short-lived plain connection to a node, for an admin command. */
async function withNode<T>(port: number, use: (node: Redis) => Promise<T>): Promise<T> {
  const node = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  node.on('error', () => undefined);
  try {
    await node.connect();
    return await use(node);
  } finally {
    node.disconnect();
  }
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
async function until(probe: () => Promise<boolean>, what: string, timeoutMs = 5_000): Promise<void> {
  let last: unknown;
  for (let attempt = 0; attempt < timeoutMs / 25; attempt += 1) {
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
