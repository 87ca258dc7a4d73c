import { IamError } from "./errors";
import type { HandlerTable } from "./handler";
import { evaluate, type SourcePolicy } from "./evaluate";
import { paginateOrdered } from "./paginate";
import { RULES, validationError } from "./params";
import { validatePolicyDocument } from "./policy-doc";
import type { Ctx } from "./state";
import type { InlinePolicy, ManagedPolicy, State } from "./types";

function managed(s: State, arns: string[]): SourcePolicy[] {
  return arns
    .map((a) => s.policies.get(a))
    .filter((p): p is ManagedPolicy => p !== undefined)
    .map((p) => ({
      id: p.name,
      type: p.awsManaged ? "aws-managed" : "user-managed",
      document: p.versions.get(p.defaultVersion)!.document,
    }));
}

function inline(m: Map<string, InlinePolicy>, type: SourcePolicy["type"]): SourcePolicy[] {
  return [...m.values()].map((p) => ({ id: p.name, type, document: p.document }));
}

/** The identity policies that apply to a principal, a user's group policies included. */
function principalPolicies(
  ctx: Ctx,
  sourceArn: string,
): { policies: SourcePolicy[]; vars: Record<string, string> } {
  const s = ctx.state;
  const m = /^arn:aws:iam::(\d{12}):(user|group|role)(\/.*)?\/([^/]+)$/.exec(sourceArn);
  const notFound = () => new IamError("NoSuchEntity", `PolicySourceArn ${sourceArn} does not exist.`);
  if (!m || m[1] !== s.accountId) throw notFound();
  const [, , kind, , name] = m;
  if (kind === "user") {
    const u = s.users.get(name.toLowerCase());
    if (!u) throw notFound();
    const policies = [...inline(u.inline, "user"), ...managed(s, u.attached)];
    for (const g of u.groups) {
      const group = s.groups.get(g);
      if (group) policies.push(...inline(group.inline, "group"), ...managed(s, group.attached));
    }
    return { policies, vars: { "aws:username": u.name, "aws:userid": u.id } };
  }
  if (kind === "group") {
    const g = s.groups.get(name.toLowerCase());
    if (!g) throw notFound();
    return { policies: [...inline(g.inline, "group"), ...managed(s, g.attached)], vars: {} };
  }
  const r = s.roles.get(name.toLowerCase());
  if (!r) throw notFound();
  return { policies: [...inline(r.inline, "role"), ...managed(s, r.attached)], vars: {} };
}

function position(document: string) {
  const lines = document.split("\n");
  return {
    start: { Line: 1, Column: 1 },
    end: { Line: lines.length, Column: lines[lines.length - 1].length + 1 },
  };
}

export const simulateHandlers: HandlerTable = {
  SimulatePrincipalPolicy(ctx) {
    const sourceArn = ctx.p.req("PolicySourceArn", RULES.arn);
    const actions = ctx.p.list("ActionNames");
    if (actions.length === 0) throw validationError("ActionNames", "not be null");
    const resources = ctx.p.list("ResourceArns");
    const extra = ctx.p.list("PolicyInputList").map((document, i) => {
      validatePolicyDocument(document, "inline");
      return { id: `PolicyInputList.${i + 1}`, type: "user" as const, document };
    });
    const { policies, vars } = principalPolicies(ctx, sourceArn);
    const all = [...policies, ...extra];
    const rows = [];
    for (const action of actions)
      for (const resource of resources.length ? resources : ["*"]) {
        const result = evaluate(all, action, resource, vars);
        rows.push({
          EvalActionName: action,
          EvalResourceName: resource,
          EvalDecision: result.decision,
          MatchedStatements: result.matched.map((m) => {
            const pos = position(m.policy.document);
            return {
              SourcePolicyId: m.policy.id,
              SourcePolicyType: m.policy.type,
              StartPosition: pos.start,
              EndPosition: pos.end,
            };
          }),
          MissingContextValues: result.missingContext,
        });
      }
    const page = paginateOrdered(rows, ctx.p);
    return { EvaluationResults: page.items, IsTruncated: page.IsTruncated, Marker: page.Marker };
  },
};
