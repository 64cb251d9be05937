import { Cluster, Command, Redis, type ClusterOptions, type RedisOptions } from 'ioredis';
import type { CacheLogger } from './cache';
import { RedisHealthTracker, type RedisHealthCounts } from './redisHealth';
import type { CacheObserver, RedisHealth } from './telemetry';

/**
 * The one Redis client factory of the gateway (KPI cache, APQ cache, trusted documents, rate
 * limits, policies and API keys), and the `REDIS_URL` forms it accepts:
 *
 * - `redis://[[user]:password@]host[:port][/db]`, `rediss://…` (TLS): one server;
 * - `redis-sentinel://[[user]:password@]host1[:26379],host2[:26379]/mastername[?db=N&sentinelPassword=…&tls=true]`:
 *   the master a Sentinel group names (the password is the master's; `sentinelPassword` the sentinels');
 * - `redis-cluster://[[user]:password@]host1[:6379],host2[:6379][?tls=true]`: a Redis Cluster, from seed nodes.
 *
 * Every client fails fast rather than queue: no offline queue unless asked, one retry per
 * command, bounded commands and connects, reconnection with backoff for as long as the process
 * lives. Each client carries a {@link RedisHealthTracker}: after a command timeout or a connection
 * failure, commands are not sent for a cool-off and fail at once, so a hung Redis costs one
 * command timeout per outage rather than one per request (and every client of the same URL in the
 * process shares that health: cache/redisHealth.ts).
 */

/** A `REDIS_URL`, parsed. */
export type RedisTarget =
  | { readonly kind: 'single'; readonly url: string }
  | {
      readonly kind: 'sentinel';
      readonly sentinels: readonly RedisHostPort[];
      /** The master group name. */
      readonly name: string;
      readonly username?: string;
      readonly password?: string;
      readonly sentinelPassword?: string;
      readonly db: number;
      readonly tls: boolean;
    }
  | { readonly kind: 'cluster'; readonly nodes: readonly RedisHostPort[]; readonly username?: string; readonly password?: string; readonly tls: boolean };

/** One server address. */
export interface RedisHostPort {
  readonly host: string;
  readonly port: number;
}

/** A `REDIS_URL` that is none of the accepted forms; the message says what is wrong. */
export class RedisUrlError extends Error {
  override readonly name = 'RedisUrlError';
}

/** Module-private: what every form of the URL must look like. */
const FORMS = 'redis://host:port[/db], rediss://…, redis-sentinel://host:26379[,host:port…]/mastername[?db=N] or redis-cluster://host:port[,host:port…]';

/** Module-private: the message for a URL of no accepted scheme. */
const SCHEMES = `must be a redis://, rediss://, redis-sentinel:// or redis-cluster:// URL (${FORMS})`;

/** Parses a `REDIS_URL` into its form; throws {@link RedisUrlError} with the reason. */
export function parseRedisUrl(value: string): RedisTarget {
  const url = value.trim();
  const scheme = /^([a-z-]+):\/\//i.exec(url)?.[1]?.toLowerCase();
  if (scheme === 'redis' || scheme === 'rediss') {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new RedisUrlError(`must be a valid URL (${FORMS})`);
    }
    if (parsed.hostname === '') throw new RedisUrlError(`must name a host (${FORMS})`);
    const db = parsed.pathname.replace(/^\//, '');
    if (db !== '' && !/^\d+$/.test(db)) throw new RedisUrlError(`must have a database number as its path (/0, /1, …); got "/${db}"`);
    return { kind: 'single', url };
  }
  if (scheme !== 'redis-sentinel' && scheme !== 'redis-cluster') throw new RedisUrlError(SCHEMES);
  const match = /^[a-z-]+:\/\/(?:([^@/?#]*)@)?([^/?#]+)(?:\/([^?#]*))?(?:\?([^#]*))?$/i.exec(url);
  if (!match) throw new RedisUrlError(`must be ${scheme}://[[user]:password@]host[:port][,host[:port]…]${scheme === 'redis-sentinel' ? '/mastername' : ''}`);
  const [, credentials, hostList, path = '', query = ''] = match;
  const defaultPort = scheme === 'redis-sentinel' ? 26379 : 6379;
  const hosts = hostList.split(',').map((entry) => parseHostPort(entry.trim(), defaultPort));
  const { username, password } = parseCredentials(credentials);
  const params = new URLSearchParams(query);
  const allowed = scheme === 'redis-sentinel' ? ['db', 'tls', 'sentinelPassword'] : ['tls'];
  for (const name of params.keys()) {
    if (!allowed.includes(name)) throw new RedisUrlError(`takes only the parameters ${allowed.join(', ')} in the ${scheme}:// form; got "${name}"`);
  }
  const tls = parseBooleanParam(params.get('tls'), 'tls');
  if (scheme === 'redis-cluster') {
    if (path !== '') throw new RedisUrlError(`names no database or master in the redis-cluster:// form (a cluster has database 0 only); got "/${path}"`);
    return { kind: 'cluster', nodes: hosts, username, password, tls };
  }
  const name = decodeURIComponent(path);
  if (name === '') throw new RedisUrlError('must name the master group in the redis-sentinel:// form: redis-sentinel://host:26379/mastername');
  const dbParam = params.get('db');
  if (dbParam !== null && !/^\d+$/.test(dbParam)) throw new RedisUrlError(`must have a database number as db=; got "${dbParam}"`);
  const sentinelPassword = params.get('sentinelPassword') ?? undefined;
  return { kind: 'sentinel', sentinels: hosts, name, username, password, sentinelPassword, db: dbParam === null ? 0 : Number(dbParam), tls };
}

/** The URL for logs and messages: its form and addresses, never a password. */
export function describeRedisUrl(value: string): string {
  let target: RedisTarget;
  try {
    target = parseRedisUrl(value);
  } catch {
    return 'Redis (unparseable URL)';
  }
  const list = (hosts: readonly RedisHostPort[]) => hosts.map(({ host, port }) => `${host.includes(':') ? `[${host}]` : host}:${port}`).join(',');
  switch (target.kind) {
    case 'single': {
      const parsed = new URL(target.url);
      if (parsed.password) parsed.password = '***';
      return parsed.toString();
    }
    case 'sentinel':
      return `Redis master "${target.name}" via sentinels ${list(target.sentinels)}`;
    case 'cluster':
      return `Redis Cluster ${list(target.nodes)}`;
    default:
      throw new Error(`Unhandled Redis target: ${JSON.stringify(target satisfies never)}`);
  }
}

/**
 * How a component reaches Redis: what `REDIS_URL`, `REDIS_KEY_PREFIX`, `REDIS_COMMAND_TIMEOUT_MS`
 * and `REDIS_COOL_OFF_MS` configure, and who hears of its health.
 */
export interface GatewayRedisSettings {
  /** A `REDIS_URL` of any form above. */
  readonly url: string;
  /** Prefix of every key the gateway writes. */
  readonly keyPrefix: string;
  /** Bound on one command (default 500 ms). */
  readonly commandTimeoutMs?: number;
  /** Cool-off after a failed command (default {@link DEFAULT_REDIS_COOL_OFF_MS}). */
  readonly coolOffMs?: number;
  /** Hears of health changes and fallbacks (default: nobody). */
  readonly observer?: CacheObserver;
}

/** Options of {@link createGatewayRedis}. */
export interface GatewayRedisOptions {
  /** Bound on one command (ms). */
  readonly commandTimeoutMs: number;
  /** Bound on establishing a connection (default 2 000 ms). */
  readonly connectTimeoutMs?: number;
  /**
   * Queue commands while disconnected (default false: a command fails at once, so a cache or a
   * limiter falls back instead of waiting). The credential store queues: it has no fallback.
   */
  readonly offlineQueue?: boolean;
  /** Who uses the client, for logs and the observer (`kpi-cache`, `rate-limits`, `apq`, `trusted-documents`, `auth`). */
  readonly component?: string;
  /** After a command timeout or connection failure, how long no command is sent (default {@link DEFAULT_REDIS_COOL_OFF_MS}; the first client of a URL sets it for all). */
  readonly coolOffMs?: number;
  /** Whether the component answers from a fallback whenever Redis fails (each such command is reported as `redisFallback`). */
  readonly fallback?: boolean;
  readonly observer?: CacheObserver;
  readonly logger?: CacheLogger;
  /** The two log lines of an outage (default: generic ones naming the component). */
  readonly messages?: { readonly down: string; readonly up: string };
}

/** The default cool-off after a failed command (`REDIS_COOL_OFF_MS`). */
export const DEFAULT_REDIS_COOL_OFF_MS = 5_000;

/** A client of {@link createGatewayRedis}: an ioredis `Redis` or `Cluster` with its health. */
export type GatewayRedis = (Redis | Cluster) & {
  /** The gate and probe of this client. */
  readonly health: GatewayRedisHealth;
};

/** What a client's health exposes to its users. */
export interface GatewayRedisHealth {
  readonly component: string;
  readonly state: RedisHealth;
  counts(): RedisHealthCounts;
}

/**
 * An ioredis client the way every part of the gateway uses Redis, for any `REDIS_URL` form: one
 * retry per command, bounded commands and connects, reconnection with backoff (never more than a
 * second apart), and the health gate described at the top of this file.
 */
export function createGatewayRedis(url: string, options: GatewayRedisOptions): GatewayRedis {
  const target = parseRedisUrl(url);
  const health = new RedisHealthTracker({
    component: options.component ?? 'redis',
    target: url.trim(),
    coolOffMs: options.coolOffMs ?? DEFAULT_REDIS_COOL_OFF_MS,
    fallback: options.fallback,
    observer: options.observer,
    logger: options.logger,
    messages: options.messages,
  });
  const common: RedisOptions = {
    maxRetriesPerRequest: 1,
    commandTimeout: options.commandTimeoutMs,
    connectTimeout: options.connectTimeoutMs ?? 2_000,
    // How long `disconnect()` waits for the server to close an ended connection before destroying
    // it. ioredis arms this timer even when the connection has already closed (Redis down at
    // shutdown, or after QUIT), and then nothing clears it: for its whole length it keeps a
    // process with nothing else left to do alive (a test worker was force-exited for it). A
    // healthy server closes within a round trip, which clears the timer at once; a dead one has
    // nothing to wait for.
    disconnectTimeout: DISCONNECT_TIMEOUT_MS,
  };
  const retryStrategy = (attempt: number) => Math.min(50 * 2 ** attempt, 1_000);
  let client: InstanceType<typeof GuardedRedis> | InstanceType<typeof GuardedCluster>;
  switch (target.kind) {
    case 'single':
      client = new GuardedRedis(health, url, { ...common, enableOfflineQueue: options.offlineQueue ?? false, retryStrategy } satisfies RedisOptions);
      break;
    case 'sentinel':
      client = new GuardedRedis(health, {
        ...common,
        enableOfflineQueue: options.offlineQueue ?? false,
        retryStrategy,
        sentinels: target.sentinels.map(({ host, port }) => ({ host, port })),
        name: target.name,
        username: target.username,
        password: target.password,
        sentinelPassword: target.sentinelPassword,
        db: target.db,
        ...(target.tls ? { tls: {}, enableTLSForSentinelMode: true } : {}),
        sentinelRetryStrategy: retryStrategy,
        sentinelCommandTimeout: options.commandTimeoutMs,
        // After a failover the old master answers writes with READONLY: reconnect, through the
        // sentinels, to the new one (and resend the command).
        reconnectOnError: (error: Error) => (/^READONLY\b/.test(error.message) ? 2 : false),
      } satisfies RedisOptions);
      break;
    case 'cluster': {
      // ioredis's failover handling is kept as it is: a command for a slot whose master died is
      // retried on a fresh slot map every `retryDelayOnFailover` (100 ms; `retryDelayOnClusterDown`
      // while the cluster answers CLUSTERDOWN), at most `maxRedirections` (16) times, until
      // `commandTimeout` ends it and starts the cool-off; after the failover the first command's
      // MOVED or connection error refreshes the slot map. Measured
      // (test/faults/redisClusterFailover.test.ts, `npm run bench:scale-redis`): a master
      // SIGKILLed under load fails no query and adds at most about one command timeout to a
      // request, and the gateway is back on the cluster one cool-off after the fault or as soon as
      // the replica took over, whichever is later. Nothing to tune.
      const clusterOptions: ClusterOptions = {
        enableOfflineQueue: options.offlineQueue ?? false,
        clusterRetryStrategy: retryStrategy,
        redisOptions: { ...common, username: target.username, password: target.password, ...(target.tls ? { tls: {} } : {}) },
      };
      client = new GuardedCluster(health, target.nodes.map(({ host, port }) => ({ host, port })), clusterOptions);
      break;
    }
    default:
      throw new Error(`Unhandled Redis target: ${JSON.stringify(target satisfies never)}`);
  }
  health.attach(client);
  return client;
}

/** Module-private: the health gate and the probe, shared by both client classes. */
function gatedSend(health: RedisHealthTracker, status: string, command: Command, send: () => unknown): unknown {
  // Only a ready connection is gated: a reconnection's handshake (INFO, AUTH, SELECT) must pass,
  // and without an offline queue ioredis already fails other commands at once.
  if (status === 'ready') {
    const refusal = health.admit();
    if (refusal) {
      command.reject(refusal);
      return command.promise;
    }
  }
  const sent = send();
  health.watch(command.promise);
  return sent;
}

/** Module-private: what the health gate overrides, common to ioredis's `Redis` and `Cluster`. */
interface GateableClient {
  readonly status: string;
  sendCommand(command: Command, ...rest: unknown[]): unknown;
  disconnect(reconnect?: boolean): void;
  quit(...args: unknown[]): Promise<'OK'>;
}

/**
 * Module-private: `Base` (ioredis's `Redis` or `Cluster`) with every command passing the health
 * gate; its constructor takes the tracker first, then `Base`'s own arguments. One class body for
 * both: what the gate does does not depend on how the client reaches its servers.
 */
function withHealthGate<TBase extends new (...args: any[]) => GateableClient>(Base: TBase) {
  return class HealthGated extends Base {
    // A plain field rather than `#tracker`: ioredis could call an override from its constructor,
    // before the field is set, and reading an unset `#field` throws where this reads undefined.
    tracker: RedisHealthTracker | undefined;

    constructor(...args: any[]) {
      const [health, ...rest] = args as [RedisHealthTracker, ...unknown[]];
      // Connecting starts now, but nothing is sent before the constructor returns (the socket connects asynchronously).
      super(...rest);
      this.tracker = health;
    }

    /** {@link GatewayRedis.health}. */
    get health(): GatewayRedisHealth {
      return this.tracker!;
    }

    /** Sends PING past the gate (the tracker's probe). */
    probe(): Promise<unknown> {
      const command = new Command('ping', []);
      super.sendCommand(command);
      return command.promise;
    }

    override sendCommand(command: Command, ...rest: unknown[]): unknown {
      if (!this.tracker) return super.sendCommand(command, ...rest);
      return gatedSend(this.tracker, this.status, command, () => super.sendCommand(command, ...rest));
    }

    override disconnect(reconnect = false): void {
      if (!reconnect) this.tracker?.close();
      super.disconnect(reconnect);
    }

    override quit(...args: unknown[]): Promise<'OK'> {
      this.tracker?.close();
      return super.quit(...args);
    }
  };
}

/** Module-private: ioredis's `disconnectTimeout` for every gateway client (its default is 2 000 ms; see createGatewayRedis). */
const DISCONNECT_TIMEOUT_MS = 100;

/** Module-private: an ioredis `Redis` whose commands pass the health gate (`new GuardedRedis(health, url, options)`). */
const GuardedRedis = withHealthGate(Redis as unknown as new (...args: any[]) => Redis & GateableClient);

/** Module-private: an ioredis `Cluster` whose commands pass the health gate (`new GuardedCluster(health, nodes, options)`). */
const GuardedCluster = withHealthGate(Cluster as unknown as new (...args: any[]) => Cluster & GateableClient);

/** Module-private: `host`, `host:port`, `[v6]` or `[v6]:port`. */
function parseHostPort(entry: string, defaultPort: number): RedisHostPort {
  const match = /^(?:\[([0-9a-f:.]+)\]|([^:[\]\s]+))(?::(\d+))?$/i.exec(entry);
  if (!match) throw new RedisUrlError(`must list hosts as host[:port], separated by commas; got "${entry}"`);
  const host = match[1] ?? match[2];
  const port = match[3] === undefined ? defaultPort : Number(match[3]);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new RedisUrlError(`must have ports from 1 to 65535; got "${entry}"`);
  return { host, port };
}

/** Module-private: `user:password`, `:password` or `user` before the `@`. */
function parseCredentials(credentials: string | undefined): { username?: string; password?: string } {
  if (credentials === undefined || credentials === '') return {};
  const colon = credentials.indexOf(':');
  const username = decodeURIComponent(colon < 0 ? credentials : credentials.slice(0, colon));
  const password = colon < 0 ? undefined : decodeURIComponent(credentials.slice(colon + 1));
  return { username: username === '' ? undefined : username, password: password === '' ? undefined : password };
}

/** Module-private: a `true`/`false` query parameter (absent: false). */
function parseBooleanParam(value: string | null, name: string): boolean {
  if (value === null) return false;
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw new RedisUrlError(`must have ${name}=true or ${name}=false; got "${value}"`);
}
