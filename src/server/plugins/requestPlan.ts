import type { ApolloServerPlugin } from '@apollo/server';
import type { ReadPlanHolder } from '../../upstream/readPlan';
import type { Planner, PlanState, RequestPlan } from '../plan/requestPlan';

/** Options of {@link requestPlanPlugin}. */
export interface RequestPlanPluginOptions {
  readonly planner: Planner;
  /**
   * Whether a request may ask for `extensions.plan` (outside production, with
   * `extensions.upstreamCalls`): by the request's own `extensions: { "plan": true }` or the
   * `x-plan: true` header (easy to set in GraphiQL's headers tab).
   */
  readonly expose: boolean;
}

/**
 * Plans each operation that is about to execute (parsed, validated, admitted), before any
 * resolver runs, and hands the plan to the request's loaders (server/plan/requestPlan.ts). The
 * plan is also reported as `extensions.plan`, on request, where upstream call counts are.
 */
export function requestPlanPlugin(options: RequestPlanPluginOptions): ApolloServerPlugin<{ readonly readPlan: ReadPlanHolder<RequestPlan>; planState?(): PlanState }> {
  return {
    async requestDidStart() {
      return {
        // At execution start: after every admission check (limits, cost, policy) has passed, so a
        // refused document is never planned, and before any resolver runs.
        async executionDidStart({ document, operation, request, contextValue }) {
          // Apollo's types say an operation is resolved here; an unknown `operationName` still gets
          // here without one (graphql-js's execute then reports it), so there is nothing to plan.
          if ((operation as typeof operation | undefined) === undefined) return;
          contextValue.readPlan.current = options.planner.plan(document, operation, request.variables, contextValue.planState?.());
        },
        async willSendResponse({ request, response, contextValue }) {
          const plan = contextValue.readPlan.current;
          if (!options.expose || plan === undefined || response.body.kind !== 'single' || !asksForPlan(request)) return;
          response.body.singleResult.extensions = { ...response.body.singleResult.extensions, plan: plan.report() };
        },
      };
    },
  };
}

/** Module-private: whether the request asks for its plan (`extensions.plan: true`, or the `x-plan: true` header). */
function asksForPlan(request: { readonly extensions?: Record<string, unknown>; readonly http?: { readonly headers: { get(name: string): string | undefined } } }): boolean {
  return request.extensions?.plan === true || request.http?.headers.get('x-plan') === 'true';
}
