import type { ApolloServerPlugin } from '@apollo/server';
import type { ReadPlanHolder } from '../../upstream/readPlan';
import type { Planner, RequestPlan } from '../plan/requestPlan';

/** Options of {@link requestPlanPlugin}. */
export interface RequestPlanPluginOptions {
  readonly planner: Planner;
  /** Whether responses carry `extensions.plan` (on outside production, with `extensions.upstreamCalls`). */
  readonly expose: boolean;
}

/**
 * Plans each operation that is about to execute (parsed, validated, admitted), before any
 * resolver runs, and hands the plan to the request's loaders (server/plan/requestPlan.ts). The
 * plan is also reported as `extensions.plan` where upstream call counts are.
 */
export function requestPlanPlugin(options: RequestPlanPluginOptions): ApolloServerPlugin<{ readonly readPlan: ReadPlanHolder<RequestPlan> }> {
  return {
    async requestDidStart() {
      return {
        // At execution start: after every admission check (limits, cost, policy) has passed, so a
        // refused document is never planned, and before any resolver runs.
        async executionDidStart({ document, operation, request, contextValue }) {
          contextValue.readPlan.current = options.planner.plan(document, operation, request.variables);
        },
        async willSendResponse({ response, contextValue }) {
          const plan = contextValue.readPlan.current;
          if (!options.expose || plan === undefined || response.body.kind !== 'single') return;
          response.body.singleResult.extensions = { ...response.body.singleResult.extensions, plan: plan.report() };
        },
      };
    },
  };
}
