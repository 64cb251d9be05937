import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../graph/errors';
import type { CostCeilings, CostEstimate, CostModel } from '../limits';
import { executionLimitError, type RequestBudget } from '../limits/requestBudget';

/** Options of {@link queryLimitsPlugin}. */
export interface QueryLimitsPluginOptions {
  readonly costModel: CostModel;
  readonly ceilings: CostCeilings;
  /** Whether responses carry `extensions.cost` (default: outside production). */
  readonly exposeCost: boolean;
  /** IDs one `nodes(ids:)` may take: a longer list is refused before execution (the budget refuses it again at run time). */
  readonly maxNodeIds: number;
}

/**
 * What the plugin reads from a request's context: the gateway's `RequestContext`, or the
 * admission worker's (server/admission/), which runs the same checks without executing.
 */
export interface QueryLimitsContext {
  readonly caller: { readonly policies: readonly { readonly readsResourceTags: boolean }[] };
  readonly budget: RequestBudget;
}

/** What `extensions.cost` shows and COST_LIMIT_EXCEEDED carries. */
export interface CostReport extends Pick<CostEstimate, 'estimatedObjects' | 'estimatedUpstreamCalls'>, CostCeilings {}

/**
 * Module-private: the longest identifier an argument may carry. AWS identifiers (IDs, names, ARNs
 * of these services) are at most a few hundred characters; a longer one can only be refused
 * upstream, after a call (or, past the URL size, as a transport error).
 */
const MAX_IDENTIFIER_LENGTH = 2_048;

/**
 * The request's limits, as one plugin:
 * - before execution, the operation's cost estimate (limits/costModel.ts) against the ceilings: a
 *   document over either is refused with COST_LIMIT_EXCEEDED (HTTP 400), the estimate and the
 *   ceilings in `extensions.cost`, before any resolver runs or any upstream call is made;
 * - during execution, every field resolution passes the request budget (limits/requestBudget.ts):
 *   the deadline, cancellation and the resolver-call cap; not through this plugin's hooks but a
 *   wrapper on each resolver (limits/resolverCount.ts), which costs a request far less;
 * - when the response is sent, the budget's deadline timer is released and, outside production,
 *   the estimate is reported in `extensions.cost`.
 */
export function queryLimitsPlugin(options: QueryLimitsPluginOptions): ApolloServerPlugin<QueryLimitsContext> {
  const { costModel, ceilings, exposeCost, maxNodeIds } = options;
  return {
    async requestDidStart() {
      let report: CostReport | undefined;
      return {
        async didResolveOperation({ document, operation, request, contextValue }) {
          if (!operation) return;
          // A caller whose policies read aws:ResourceTag may cost tag reads too (fieldPolicies.ts).
          const readsTags = contextValue.caller.policies.some((policy) => policy.readsResourceTags);
          const estimate = costModel.estimate(document, operation, request.variables, readsTags);
          if (estimate.longestIdentifier > MAX_IDENTIFIER_LENGTH) {
            throw new GraphQLError(`An identifier argument is ${estimate.longestIdentifier} characters long; no upstream identifier is longer than ${MAX_IDENTIFIER_LENGTH}.`, {
              extensions: { code: ErrorCode.BadUserInput, http: { status: 400 } },
            });
          }
          if (estimate.longestNodeIdList > maxNodeIds) {
            const refusal = executionLimitError(`"ids" takes at most ${maxNodeIds} IDs; got ${estimate.longestNodeIdList}.`, 'maxNodeIds', maxNodeIds);
            throw new GraphQLError(refusal.message, { extensions: { ...refusal.extensions, http: { status: 400 } } });
          }
          report = { estimatedObjects: estimate.estimatedObjects, estimatedUpstreamCalls: estimate.estimatedUpstreamCalls, ...ceilings };
          contextValue.budget.estimate = report;
          const over: string[] = [];
          if (report.estimatedObjects > ceilings.maxEstimatedObjects) over.push(`${report.estimatedObjects} result objects (limit ${ceilings.maxEstimatedObjects})`);
          if (report.estimatedUpstreamCalls > ceilings.maxEstimatedUpstreamCalls) over.push(`${report.estimatedUpstreamCalls} upstream calls (limit ${ceilings.maxEstimatedUpstreamCalls})`);
          if (over.length > 0) {
            throw new GraphQLError(`The operation can cost up to ${over.join(' and ')}; nothing was executed. Ask for smaller pages (\`first\`) or fewer nested lists.`, {
              extensions: { code: ErrorCode.CostLimitExceeded, cost: report, http: { status: 400 } },
            });
          }
        },
        async willSendResponse({ response, contextValue }) {
          // Nothing runs for a request after its answer: calls still in flight (a field under a
          // null-propagated parent) are aborted and none is sent later.
          contextValue?.budget?.release();
          if (!exposeCost || !report || response.body.kind !== 'single') return;
          response.body.singleResult.extensions = { ...response.body.singleResult.extensions, cost: report };
        },
      };
    },
  };
}
