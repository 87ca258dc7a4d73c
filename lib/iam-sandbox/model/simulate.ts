import { evaluate, type EvaluationRequest } from "@/lib/policy";
import { IamError } from "./errors";
import type { HandlerTable } from "./handler";
import { paginateOrdered } from "./paginate";
import { RULES, validationError, type Params } from "./params";
import { validatePolicyDocument } from "./policy-doc";
import {
  groupPolicies,
  rolePolicies,
  sourced,
  userPolicies,
  type PrincipalPolicies,
  type SourcedPolicy,
} from "./principal-policies";
import type { Ctx } from "./state";

// SimulatePrincipalPolicy and SimulateCustomPolicy, on the evaluator the server authorizes with
// (lib/policy): conditions are evaluated against ContextEntries, and a key a statement tests but
// the context lacks is reported in MissingContextValues (docs/iam-facts.md#simulating-policies).

/** The principal's policies and the policy variables its name gives (aws:username, aws:userid). */
function principalPolicies(
  ctx: Ctx,
  sourceArn: string,
): { policies: PrincipalPolicies; vars: Record<string, string> } {
  const s = ctx.state;
  const m = /^arn:aws:iam::(\d{12}):(user|group|role)(\/.*)?\/([^/]+)$/.exec(sourceArn);
  const notFound = () => new IamError("NoSuchEntity", `PolicySourceArn ${sourceArn} does not exist.`);
  if (!m || m[1] !== s.accountId) throw notFound();
  const [, , kind, , name] = m;
  const key = name.toLowerCase();
  if (kind === "user") {
    const u = s.users.get(key);
    if (!u) throw notFound();
    return { policies: userPolicies(s, u), vars: { "aws:username": u.name, "aws:userid": u.id } };
  }
  if (kind === "group") {
    const g = s.groups.get(key);
    if (!g) throw notFound();
    return { policies: groupPolicies(s, g), vars: {} };
  }
  const r = s.roles.get(key);
  if (!r) throw notFound();
  return { policies: rolePolicies(s, r), vars: {} };
}

/** ContextEntries.member.N: ContextKeyName, ContextKeyValues.member.M, ContextKeyType. */
function contextEntries(p: Params): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (let i = 1; ; i++) {
    const name = p.opt(`ContextEntries.member.${i}.ContextKeyName`);
    if (name === undefined) break;
    out[name] = p.list(`ContextEntries.member.${i}.ContextKeyValues`);
  }
  return out;
}

function inputList(p: Params, param: string): SourcedPolicy[] {
  return p.list(param).map((text, i) => {
    validatePolicyDocument(text, "inline");
    return sourced(`${param}.${i + 1}`, "none", text);
  });
}

function position(text: string) {
  const lines = text.split("\n");
  return {
    StartPosition: { Line: 1, Column: 1 },
    EndPosition: { Line: lines.length, Column: lines[lines.length - 1].length + 1 },
  };
}

/** Condition keys of the statements that would apply but for their Condition, absent from the context. */
function missingKeys(policies: SourcedPolicy[], request: EvaluationRequest, known: Set<string>): string[] {
  const missing = new Set<string>();
  for (const { document } of policies)
    for (const st of document.Statement) {
      if (!st.Condition) continue;
      const bare = { ...document, Statement: [{ ...st, Condition: undefined }] };
      if (
        evaluate({ ...request, context: {} }, [{ document: bare, source: null }]).decision === "implicitDeny"
      )
        continue;
      for (const keys of Object.values(st.Condition))
        for (const k of Object.keys(keys)) if (!known.has(k.toLowerCase())) missing.add(k);
    }
  return [...missing];
}

function simulate(
  ctx: Ctx,
  identity: SourcedPolicy[],
  boundary: SourcedPolicy[],
  vars: Record<string, string>,
) {
  const p = ctx.p;
  const actions = p.list("ActionNames");
  if (actions.length === 0) throw validationError("ActionNames", "not be null");
  const resources = p.list("ResourceArns");
  const context = { ...vars, ...contextEntries(p) };
  const known = new Set(Object.keys(context).map((k) => k.toLowerCase()));
  const rows = [];
  for (const action of actions)
    for (const resource of resources.length ? resources : ["*"]) {
      const request = { action, resource, context };
      const result = evaluate(request, identity);
      const capped = boundary.length ? evaluate(request, boundary).decision : undefined;
      const decision =
        result.decision === "explicitDeny" || capped === "explicitDeny"
          ? "explicitDeny"
          : result.decision === "allowed" && (capped === undefined || capped === "allowed")
            ? "allowed"
            : "implicitDeny";
      const matched = result.matched.filter((m) => decision !== "explicitDeny" || m.effect === "Deny");
      rows.push({
        EvalActionName: action,
        EvalResourceName: resource,
        EvalDecision: decision,
        MatchedStatements: matched.map((m) => ({
          SourcePolicyId: m.source.id,
          SourcePolicyType: m.source.type,
          ...position(m.source.text),
        })),
        MissingContextValues:
          decision === "allowed" ? [] : missingKeys([...identity, ...boundary], request, known),
        ...(capped !== undefined
          ? { PermissionsBoundaryDecisionDetail: { AllowedByPermissionsBoundary: capped === "allowed" } }
          : {}),
      });
    }
  const page = paginateOrdered(rows, p);
  return { EvaluationResults: page.items, IsTruncated: page.IsTruncated, Marker: page.Marker };
}

export const simulateHandlers: HandlerTable = {
  SimulatePrincipalPolicy(ctx) {
    const sourceArn = ctx.p.req("PolicySourceArn", RULES.arn);
    const { policies, vars } = principalPolicies(ctx, sourceArn);
    const givenBoundary = inputList(ctx.p, "PermissionsBoundaryPolicyInputList");
    const boundary = givenBoundary.length ? givenBoundary : policies.boundary ? [policies.boundary] : [];
    return simulate(ctx, [...policies.identity, ...inputList(ctx.p, "PolicyInputList")], boundary, vars);
  },
  SimulateCustomPolicy(ctx) {
    const identity = inputList(ctx.p, "PolicyInputList");
    if (identity.length === 0) throw validationError("PolicyInputList", "not be null");
    const callerArn = ctx.p.opt("CallerArn");
    const name = callerArn && /:user\/(?:.*\/)?([^/]+)$/.exec(callerArn)?.[1];
    return simulate(
      ctx,
      identity,
      inputList(ctx.p, "PermissionsBoundaryPolicyInputList"),
      name ? { "aws:username": name } : {},
    );
  },
};
