import { isIP } from 'node:net';
import type { Logger } from 'pino';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Caller } from '../../auth';
import { waitForRedisReady } from '../../cache/redisReady';
import { createGatewayRedis, type GatewayRedis, type GatewayRedisSettings } from '../../cache/redisClient';

/**
 * Rate limits per caller (rate-limiter-flexible): two fixed-window budgets per caller, kept in
 * Redis so that every gateway process shares them.
 *
 * - **requests**: every operation is charged its estimated upstream calls (limits/costModel.ts),
 *   at least 1, at most the execution bound on upstream calls (a request can make no more);
 * - **sends**: every message a mutation can send (limits/messageCount.ts), a stricter budget.
 *
 * An operation is admitted only when both budgets can pay for it; a refused operation is not
 * charged (its points are given back), so a smaller one still fits. With Redis unreachable, slow
 * (`REDIS_COMMAND_TIMEOUT_MS`) or not yet connected, every budget falls back to an in-memory limiter
 * of the same size in each process (rate-limiter-flexible's `insuranceLimiter`): limits per process,
 * never no limits. Without Redis configured, the in-memory limiters are the limiters.
 */

/** The budgets (configuration `RATE_LIMIT_*`). */
export interface RateLimitBudgets {
  /** Points (estimated upstream calls) a caller may spend per window. */
  readonly points: number;
  readonly windowSeconds: number;
  /** Messages (SMS, voice, email, push, OTP) a caller may send per window. */
  readonly sendPoints: number;
  readonly sendWindowSeconds: number;
}

/** Options of {@link createRateLimiter}. */
export interface RateLimiterOptions extends RateLimitBudgets {
  /** Redis shared by the gateway processes; absent: per-process limits only. */
  readonly redis?: GatewayRedisSettings;
  readonly logger?: Logger;
}

/** The two budgets, by the name `extensions.limit` gives them. */
export type RateLimitName = 'requests' | 'sends';

/** What one operation costs. */
export interface RateLimitCharge {
  /** Points of the request budget (estimated upstream calls, already bounded). */
  readonly points: number;
  /** Messages of the send budget (0: the operation sends nothing). */
  readonly messages: number;
}

/** The state of one budget after a decision. */
export interface BudgetState {
  readonly limit: RateLimitName;
  /** The window's budget. */
  readonly max: number;
  readonly windowSeconds: number;
  readonly remaining: number;
  /** Milliseconds until the window resets. */
  readonly resetMs: number;
}

/** A decision on one operation. */
export type RateLimitDecision =
  /** Charged: the budgets after the charge (`sends` only when the operation sends). */
  | { readonly kind: 'admitted'; readonly requests: BudgetState; readonly sends?: BudgetState }
  /** The budget has not enough left in this window: retry after `retryAfterMs`. */
  | { readonly kind: 'limited'; readonly budget: BudgetState; readonly charge: number; readonly retryAfterMs: number }
  /** The charge is larger than a whole window's budget: no retry can succeed. */
  | { readonly kind: 'overBudget'; readonly limit: RateLimitName; readonly max: number; readonly windowSeconds: number; readonly charge: number };

/** The rate limiter of one gateway process. */
export interface RateLimiter {
  readonly budgets: RateLimitBudgets;
  /** Charges `charge` to the caller identified by `key`, or refuses it (charging nothing). */
  admit(key: string, charge: RateLimitCharge): Promise<RateLimitDecision>;
  /** Resolves once the shared store is connected (true), or after `timeoutMs` (false); true without Redis. */
  waitUntilReady(timeoutMs: number): Promise<boolean>;
  /** Disconnects from Redis. */
  close(): Promise<void>;
}

/**
 * Module-private: below this, a refused charge is not given back, because the window may end
 * before the refund lands and the refund would then open the next window in credit.
 */
const MIN_REFUND_WINDOW_MS = 1_000;

/** Builds the limiter; with `redis`, connects in the background (see {@link RateLimiter.waitUntilReady}). */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const budgets: RateLimitBudgets = { points: options.points, windowSeconds: options.windowSeconds, sendPoints: options.sendPoints, sendWindowSeconds: options.sendWindowSeconds };
  const logger = options.logger;
  let redis: GatewayRedis | undefined;
  let build: (name: RateLimitName, points: number, duration: number) => RateLimiterAbstract;
  if (options.redis) {
    const { url, keyPrefix, commandTimeoutMs = 500, coolOffMs, observer } = options.redis;
    // Built like the KPI cache's client (cache/redisCache.ts): no offline queue, bounded commands,
    // reconnecting forever, and a cool-off after a failed command (a hung Redis costs one command
    // timeout per outage), so an outage answers at once from the in-memory insurance. The health
    // tracker logs the outage once, and reports every decision the insurance made to the observer.
    const client = createGatewayRedis(url, {
      component: 'rate-limits',
      commandTimeoutMs,
      coolOffMs,
      fallback: true,
      observer,
      logger,
      messages: { down: 'rate limits: Redis unavailable; each gateway process limits callers on its own until it returns', up: 'rate limits: Redis reachable again; limits are shared again' },
    });
    redis = client;
    build = (name, points, duration) =>
      new RateLimiterRedis({
        storeClient: client,
        keyPrefix: `${keyPrefix}ratelimit:${name}`,
        points,
        duration,
        // Not connected: the client (no offline queue) fails the command at once and the insurance
        // answers; the command still goes through the client, so its health tracker reports the
        // fallback (rate-limiter-flexible's own not-ready shortcut would skip it silently).
        rejectIfRedisNotReady: false,
        insuranceLimiter: new RateLimiterMemory({ keyPrefix: `ratelimit:${name}:insurance`, points, duration }),
      });
  } else {
    build = (name, points, duration) => new RateLimiterMemory({ keyPrefix: `ratelimit:${name}`, points, duration });
  }
  const requests = build('requests', budgets.points, budgets.windowSeconds);
  const sends = build('sends', budgets.sendPoints, budgets.sendWindowSeconds);

  const state = (limit: RateLimitName, result: RateLimiterRes): BudgetState =>
    limit === 'requests'
      ? { limit, max: budgets.points, windowSeconds: budgets.windowSeconds, remaining: result.remainingPoints, resetMs: result.msBeforeNext }
      : { limit, max: budgets.sendPoints, windowSeconds: budgets.sendWindowSeconds, remaining: result.remainingPoints, resetMs: result.msBeforeNext };

  /** Module-private: consumes, or returns the refusal after giving the refused points back. */
  const consume = async (limiter: RateLimiterAbstract, key: string, points: number): Promise<{ ok: true; result: RateLimiterRes } | { ok: false; result: RateLimiterRes }> => {
    try {
      return { ok: true, result: await limiter.consume(key, points) };
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      if (error.msBeforeNext >= MIN_REFUND_WINDOW_MS) await refund(limiter, key, points);
      // What was left before this charge: the counter minus the charge just given back.
      const before = Math.max(0, limiter.points - (error.consumedPoints - points));
      return { ok: false, result: new RateLimiterRes(before, error.msBeforeNext, error.consumedPoints - points) };
    }
  };
  /** Module-private: gives back a charge; a failed refund leaves the caller charged, never in credit. */
  const refund = async (limiter: RateLimiterAbstract, key: string, points: number): Promise<void> => {
    try {
      await limiter.reward(key, points);
    } catch (error) {
      logger?.warn({ err: error }, 'rate limits: could not give back a refused charge');
    }
  };

  return {
    budgets,
    async admit(key, charge) {
      if (charge.points > budgets.points) return { kind: 'overBudget', limit: 'requests', max: budgets.points, windowSeconds: budgets.windowSeconds, charge: charge.points };
      if (charge.messages > budgets.sendPoints) return { kind: 'overBudget', limit: 'sends', max: budgets.sendPoints, windowSeconds: budgets.sendWindowSeconds, charge: charge.messages };
      const requested = await consume(requests, key, charge.points);
      if (!requested.ok) return { kind: 'limited', budget: state('requests', requested.result), charge: charge.points, retryAfterMs: requested.result.msBeforeNext };
      if (charge.messages === 0) return { kind: 'admitted', requests: state('requests', requested.result) };
      const sent = await consume(sends, key, charge.messages);
      if (!sent.ok) {
        // Refused on the send budget: the request budget's charge is given back too.
        if (requested.result.msBeforeNext >= MIN_REFUND_WINDOW_MS) await refund(requests, key, charge.points);
        return { kind: 'limited', budget: state('sends', sent.result), charge: charge.messages, retryAfterMs: sent.result.msBeforeNext };
      }
      return { kind: 'admitted', requests: state('requests', requested.result), sends: state('sends', sent.result) };
    },
    async waitUntilReady(timeoutMs) {
      return redis ? waitForRedisReady(redis, timeoutMs) : true;
    },
    async close() {
      redis?.disconnect(false);
    },
  };
}

/**
 * The key a caller's budgets are kept under. A caller with credentials is its identity, from
 * whatever address it calls (`apiKey:<id>`, `jwt:<sub>`). Anonymous callers share one identity,
 * so they are told apart by network address (`anonymous:<address>`): one anonymous client cannot
 * spend the budget of every other. IPv6 clients are keyed by their /64, since one host commonly
 * holds a whole /64 and could otherwise take a fresh budget per address.
 */
export function rateLimitKey(caller: Pick<Caller, 'kind' | 'id'>, clientAddress: string | undefined): string {
  if (caller.kind !== 'anonymous') return `${caller.kind}:${caller.id}`;
  return `anonymous:${clientNetwork(clientAddress)}`;
}

/**
 * The network an address is limited as: an IPv4 address itself (IPv4-mapped IPv6 addresses
 * included), an IPv6 address's /64 prefix, `unknown` when the socket had no address (it was
 * already closed).
 */
export function clientNetwork(address: string | undefined): string {
  if (!address) return 'unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1];
  if (isIP(address) !== 6) return address;
  const groups = expandIpv6(address.split('%')[0]);
  return groups ? `${groups.slice(0, 4).join(':')}::/64` : address;
}

/** Module-private: the eight 16-bit groups of an IPv6 address (no zone), lower-case, without leading zeros. */
function expandIpv6(address: string): string[] | undefined {
  const [head, tail] = address.includes('::') ? address.split('::') : [address, undefined];
  const parse = (part: string) => (part === '' ? [] : part.split(':'));
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  // An embedded IPv4 tail (::1.2.3.4) counts as two groups; only the first four groups matter here.
  const width = (groups: string[]) => groups.reduce((total, group) => total + (group.includes('.') ? 2 : 1), 0);
  const missing = 8 - width(left) - width(right);
  if (tail === undefined && missing !== 0) return undefined;
  const groups = [...left, ...Array.from({ length: tail === undefined ? 0 : missing }, () => '0'), ...right];
  return groups.map((group) => (group.includes('.') ? group : (parseInt(group, 16) || 0).toString(16)));
}
