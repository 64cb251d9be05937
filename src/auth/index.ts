/**
 * The auth entry point: IAM-style identity policies (parse, evaluate, whether a decision needs
 * resource tags), the wildcard matcher they use, and the generated SDK operation → IAM action
 * table. Pure modules: nothing here calls upstream, reads configuration or imports the SDK.
 */
export {
  CONDITION_KEYS,
  CONDITION_OPERATORS,
  evaluate,
  needsResourceTags,
  parsePolicy,
  POLICY_VERSIONS,
  PolicyError,
} from './policy';
export type {
  AuthorizationRequest,
  ConditionContext,
  ConditionOperator,
  DecidingStatement,
  Decision,
  DecisionKind,
  Effect,
  Policy,
  PolicyCondition,
  PolicyProblem,
  PolicyStatement,
  PolicyVersion,
  SetQualifier,
} from './policy';
export { anonymousCaller } from './caller';
export type { Caller } from './caller';
export { globMatch } from './glob';
export type { GlobStats } from './glob';
export { fillArnTemplate, IAM_ACTIONS, operationIam } from './iamActions';
export type { IamActionSource, IamActionTable, IamResourceType, IamService, OperationIam } from './iamActions';
