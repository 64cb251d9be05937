/**
 * The auth entry point: IAM-style identity policies (parse, evaluate, whether a decision needs
 * resource tags), the wildcard matcher they use, and the generated SDK operation → IAM action
 * table. Pure modules: nothing here calls upstream, reads configuration or imports the SDK.
 * The credential stores (named policies, API keys, JWT verification) read only what they are
 * handed: a folder, a file, a Redis client, a key set.
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
export { inputResourceArns, partitionOf } from './inputArns';
export type { ArnScope } from './inputArns';
export { CredentialError, JWT_ALGORITHMS, POLICY_NAME_PATTERN } from './credentials';
export type { CredentialScheme, JwtAlgorithm } from './credentials';
export { compilePolicies, createPolicyStore, lookupPolicies, policyRedisKey, PolicyStoreError, putRedisPolicy, readPolicyDir, readRedisPolicies, staticPolicyStore } from './policyStore';
export type { PolicyLookup, PolicySource, PolicyStore, PolicyStoreLogger, PolicyStoreOptions } from './policyStore';
export { API_KEY_PREFIX, apiKeyInputProblems, createApiKeyStore, hashApiKeySecret } from './apiKeys';
export type { ApiKeyBackend, ApiKeyInfo, ApiKeyRecord, ApiKeyStore, NewApiKey } from './apiKeys';
export { apiKeyIndexRedisKey, apiKeyRedisKey, createFileApiKeyBackend, createRedisApiKeyBackend } from './apiKeyBackends';
export { createJwtVerifier, policyNamesOf } from './jwt';
export type { JwksSource, JwtIdentity, JwtVerifier, JwtVerifierOptions } from './jwt';
export { ACCOUNT_PLACEHOLDERS, deriveFieldIamTable, templatePlaceholders, upstreamOperations, UPSTREAM_DIRECTIVE } from './fieldIam';
export type { FieldIam, FieldIamTable, OperationBinding, OperationSelect, ResourceBinding, ResourceGroup, UnboundPlaceholder, ValueSource } from './fieldIam';
export { allowsEverything, classifyIdentity, decideFieldChecks, decideFieldChecksWithTags, denialMessage, planFieldChecks, UNKNOWN_VALUE } from './fieldChecks';
export type { CheckOutcome, CheckScope, FieldCheck, FieldDecision, GlobalIdValue, ResourceTagReader, SourceReader, SourceValue } from './fieldChecks';
export { arnPatternMatches, displayArn, evaluateWithUnknownIds, hasUnknownIds, UNKNOWN_ID } from './unknownIds';
export type { UnknownIdMode } from './unknownIds';
export { anyDenied, formatSimulation, simulate } from './simulator';
export type { SimulateOptions, SimulatedCheck, SimulatedField } from './simulator';
