import { normaliseContext, type RequestContext, type RequestContextInput } from "./context";
import { conditionHolds } from "./conditions";
import type { Effect, PolicyDocument, Statement } from "./types";
import { hasPolicyVariable, resolveVariables, tokensMatch } from "./variables";
import { actionMatches, resourceMatches } from "./wildcard";

export interface EvaluationRequest {
  /** "s3:GetObject" */
  action: string;
  /** "arn:aws:s3:::example-company-billing/2026/03.csv" */
  resource: string;
  /** Condition keys (case-insensitive), e.g. { "aws:username": "alice", "aws:MultiFactorAuthPresent": true }. */
  context?: RequestContextInput;
}

export interface PolicyInput<S> {
  document: PolicyDocument;
  source: S;
}

export interface MatchedStatement<S> {
  source: S;
  sid?: string;
  statementIndex: number;
  effect: Effect;
}

export type Decision = "allowed" | "explicitDeny" | "implicitDeny";

export interface EvaluationResult<S> {
  decision: Decision;
  /** Every statement that applied to the request (Allow and Deny), in policy order. */
  matched: MatchedStatement<S>[];
}

function resourceElementMatches(
  patterns: readonly string[],
  resource: string,
  context: RequestContext,
  variables: boolean,
): boolean {
  return patterns.some((pattern) => {
    if (!variables || !hasPolicyVariable(pattern)) return resourceMatches(pattern, resource);
    const tokens = resolveVariables(pattern, context);
    return tokens !== undefined && tokensMatch(tokens, resource, false);
  });
}

/** Does this statement apply to the request? (Effect is not considered here.) */
function statementApplies(
  statement: Statement,
  request: EvaluationRequest,
  context: RequestContext,
  variables: boolean,
): boolean {
  if (statement.Action && !statement.Action.some((p) => actionMatches(p, request.action))) return false;
  if (statement.NotAction && statement.NotAction.some((p) => actionMatches(p, request.action))) return false;
  if (statement.Resource && !resourceElementMatches(statement.Resource, request.resource, context, variables))
    return false;
  if (
    statement.NotResource &&
    resourceElementMatches(statement.NotResource, request.resource, context, variables)
  )
    return false;
  if (statement.Condition && !conditionHolds(statement.Condition, context, variables)) return false;
  return true;
}

/**
 * AWS's identity-policy evaluation for one request: an explicit Deny in any policy wins;
 * otherwise any Allow allows; otherwise the request is implicitly denied. Policy variables
 * work only in documents with Version 2012-10-17 (in older ones they are literal text).
 */
export function evaluate<S>(
  request: EvaluationRequest,
  policies: readonly PolicyInput<S>[],
): EvaluationResult<S> {
  const context = normaliseContext(request.context);
  const matched: MatchedStatement<S>[] = [];
  for (const { document, source } of policies) {
    const variables = document.Version === "2012-10-17";
    document.Statement.forEach((statement, statementIndex) => {
      if (statementApplies(statement, request, context, variables)) {
        matched.push({ source, sid: statement.Sid, statementIndex, effect: statement.Effect });
      }
    });
  }
  const decision: Decision = matched.some((m) => m.effect === "Deny")
    ? "explicitDeny"
    : matched.some((m) => m.effect === "Allow")
      ? "allowed"
      : "implicitDeny";
  return { decision, matched };
}
