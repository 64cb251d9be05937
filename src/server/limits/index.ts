import { DEFAULT_EXECUTION_LIMITS, type ExecutionLimits } from './requestBudget';
import type { StructuralLimits } from './structuralLimits';

/** The pre-execution ceilings on a request's cost estimate (configuration `LIMIT_MAX_ESTIMATED_*`). */
export interface CostCeilings {
  readonly maxEstimatedObjects: number;
  readonly maxEstimatedUpstreamCalls: number;
}

/**
 * Every limit of a request, in one object (configuration `LIMIT_*` and `REQUEST_DEADLINE_MS`,
 * see config.ts): structural (before validation completes), cost (before execution) and execution
 * bounds (while it runs). The defaults leave every reference query, bench query, GraphiQL example
 * and README example well inside them (test/limits/referencePages.test.ts).
 */
export interface GatewayLimits {
  readonly structural: StructuralLimits;
  readonly cost: CostCeilings;
  readonly execution: ExecutionLimits;
}

/** The defaults, with the widest reference page measured against each (see README). */
export const DEFAULT_LIMITS: GatewayLimits = {
  structural: {
    // Deepest reference page: 9 (pinpoint-list-then-lookups).
    maxDepth: 15,
    // Most aliases in a reference page: 9 (node-lookup-list).
    maxAliases: 30,
    maxDirectives: 30,
    maxRootFields: 20,
    maxTokens: 5_000,
    maxDocumentBytes: 64 * 1024,
  },
  cost: {
    // Widest reference estimate: 69,657 objects (scenario-marketing-journey-progress, every list at its default size).
    maxEstimatedObjects: 100_000,
    // Widest reference estimate: 10,101 calls (apps and their campaigns at the default page of 100, each with its segment).
    maxEstimatedUpstreamCalls: 12_000,
  },
  execution: DEFAULT_EXECUTION_LIMITS,
};

export { createCostModel, readUpstreamAnnotations } from './costModel';
export type { CostEstimate, CostModel, CostModelOptions, PageSizes, UpstreamAnnotation } from './costModel';
export { DEFAULT_EXECUTION_LIMITS, executionLimitError, RequestBudget } from './requestBudget';
export type { ExecutionLimitName, ExecutionLimits } from './requestBudget';
export { queryLimitError, structuralLimitRules } from './structuralLimits';
export type { StructuralLimitName, StructuralLimits } from './structuralLimits';
