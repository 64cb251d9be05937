import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../graph/errors';
import type { RequestContext } from '../context';
import { UnreachableCaseError } from '../health';
import type { CostCeilings } from '../limits';
import type { MessageCounter } from '../limits/messageCount';
import { rateLimitKey, type BudgetState, type RateLimitDecision, type RateLimiter, type RateLimitName } from '../limits/rateLimiter';

/** Options of {@link rateLimitsPlugin}. */
export interface RateLimitsPluginOptions {
  readonly limiter: RateLimiter;
  /** The messages an operation can send (limits/messageCount.ts). */
  readonly countMessages: MessageCounter;
  /**
   * The most a request is charged: the execution bound on upstream calls
   * (`LIMIT_MAX_UPSTREAM_CALLS`), since no request can make more, whatever its estimate.
   */
  readonly maxCharge: number;
  /**
   * The cost ceilings of `queryLimitsPlugin` (plugins/queryLimits.ts): an operation over one is
   * refused by that plugin in the same phase (Apollo runs every `didResolveOperation` at once), so
   * it is not charged.
   */
  readonly costCeilings?: CostCeilings;
}

/**
 * Rate limits per caller, checked before execution (limits/rateLimiter.ts): the operation is
 * charged its estimated upstream calls (`budget.estimate`; 1 when there is none) and, for a
 * mutation, the messages it can send. The estimate is made by `queryLimitsPlugin`, which must come
 * earlier in the plugin list: Apollo starts every `didResolveOperation` at once, in list order,
 * and that plugin stores the estimate before it awaits anything (test/server/rateLimits.test.ts
 * checks the charge equals the estimate). Over a budget, nothing runs: HTTP 429, `Retry-After` (seconds) and
 * RATE_LIMITED with `retryAfterSeconds`. A charge larger than a whole window's budget can never
 * be admitted and is refused as COST_LIMIT_EXCEEDED (HTTP 400). Admitted responses carry the
 * request budget in `RateLimit-Limit`, `RateLimit-Remaining` and `RateLimit-Reset` (seconds).
 *
 * The caller is `contextValue.caller` (credentials: its identity; anonymous: its network address,
 * `contextValue.clientAddress`).
 */
export function rateLimitsPlugin(options: RateLimitsPluginOptions): ApolloServerPlugin<RequestContext> {
  const { limiter, countMessages, maxCharge, costCeilings } = options;
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request, contextValue, response }) {
          if (!operation) return;
          const estimate = contextValue.budget.estimate;
          if (estimate && costCeilings && (estimate.estimatedUpstreamCalls > costCeilings.maxEstimatedUpstreamCalls || estimate.estimatedObjects > costCeilings.maxEstimatedObjects)) return;
          const points = Math.max(1, Math.min(Math.ceil(estimate?.estimatedUpstreamCalls ?? 1), maxCharge));
          const messages = countMessages(document, operation, request.variables);
          const decision = await limiter.admit(rateLimitKey(contextValue.caller, contextValue.clientAddress), { points, messages });
          switch (decision.kind) {
            case 'admitted':
              for (const [name, value] of budgetHeaders(decision.requests)) response.http.headers.set(name, value);
              return;
            case 'limited':
              throw rateLimitedError(decision);
            case 'overBudget':
              throw overBudgetError(decision);
            default:
              throw new UnreachableCaseError(decision);
          }
        },
      };
    },
  };
}

/** Module-private: `count` of a budget's unit, in a message. */
function units(limit: RateLimitName, count: number): string {
  if (limit === 'sends') return `${count} ${count === 1 ? 'message' : 'messages'}`;
  return `${count} ${count === 1 ? 'point' : 'points'} (estimated upstream calls)`;
}

/** Module-private: a budget's `RateLimit-*` headers (draft-ietf-httpapi-ratelimit-headers). */
function budgetHeaders(budget: BudgetState): [string, string][] {
  return [
    ['ratelimit-limit', String(budget.max)],
    ['ratelimit-remaining', String(budget.remaining)],
    ['ratelimit-reset', String(Math.max(0, Math.ceil(budget.resetMs / 1000)))],
  ];
}

/** Module-private: RATE_LIMITED, HTTP 429 with `Retry-After`. */
function rateLimitedError(decision: Extract<RateLimitDecision, { kind: 'limited' }>): GraphQLError {
  const { budget, charge } = decision;
  const retryAfterSeconds = Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
  const which = budget.limit === 'sends' ? 'send budget' : 'request budget';
  return new GraphQLError(
    `Rate limit reached: this operation costs ${units(budget.limit, charge)} and the caller's ${which} has ${budget.remaining} of ${budget.max} left in its ${budget.windowSeconds} s window; nothing was executed. Retry after ${retryAfterSeconds} s.`,
    {
      extensions: {
        code: ErrorCode.RateLimited,
        retryAfterSeconds,
        rateLimit: { limit: budget.limit, max: budget.max, windowSeconds: budget.windowSeconds, remaining: budget.remaining, charge },
        http: { status: 429, headers: new HeaderMap([['retry-after', String(retryAfterSeconds)], ...budgetHeaders(budget)]) },
      },
    },
  );
}

/** Module-private: COST_LIMIT_EXCEEDED, HTTP 400: no window's budget can pay for the operation. */
function overBudgetError(decision: Extract<RateLimitDecision, { kind: 'overBudget' }>): GraphQLError {
  const advice = decision.limit === 'sends' ? 'Send to fewer recipients (or fewer messages) per request.' : 'Ask for smaller pages (`first`) or fewer nested lists.';
  return new GraphQLError(
    `The operation costs ${units(decision.limit, decision.charge)}, more than the caller's whole ${decision.limit === 'sends' ? 'send' : 'request'} budget of ${decision.max} per ${decision.windowSeconds} s; nothing was executed. ${advice}`,
    {
      extensions: {
        code: ErrorCode.CostLimitExceeded,
        rateLimit: { limit: decision.limit, max: decision.max, windowSeconds: decision.windowSeconds, charge: decision.charge },
        http: { status: 400 },
      },
    },
  );
}
