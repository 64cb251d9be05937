import { Redis } from 'ioredis';

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
}

/**
 * An ioredis client the way every part of the gateway uses Redis (KPI cache, APQ cache, trusted
 * documents, rate limits, policies and API keys): one retry per command, bounded commands and
 * connects, and reconnection for as long as the process lives, never more than a second apart.
 */
export function createGatewayRedis(url: string, options: GatewayRedisOptions): Redis {
  return new Redis(url, {
    enableOfflineQueue: options.offlineQueue ?? false,
    maxRetriesPerRequest: 1,
    commandTimeout: options.commandTimeoutMs,
    connectTimeout: options.connectTimeoutMs ?? 2_000,
    retryStrategy: (attempt) => Math.min(50 * 2 ** attempt, 1_000),
  });
}
