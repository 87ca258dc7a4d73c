import type { Catalog } from "./catalog";
import { PASSROLE_COMBINATIONS } from "./escalation";
import { lintStatementWarnings } from "./lint-warnings";
import { decodePolicyText, parsePolicy } from "./parse";
import { POLICY_SIZE_QUOTAS, policySize } from "./size";
import { statementActions } from "./statement-actions";
import type { Finding, PolicyDocument } from "./types";
import { hasWildcard } from "./wildcard";

export type PolicyPlacement = keyof typeof POLICY_SIZE_QUOTAS;

export interface LintOptions {
  /** Where the policy will live: decides the size quota and the grammar (trust policies name a Principal). */
  kind: PolicyPlacement;
  catalog: Catalog;
}

export interface LintResult {
  /** IAM would refuse the policy, or it cannot do what it says. Block publishing. */
  errors: Finding[];
  /** Valid, but grants more than it seems to or more than is usually wise. Show before publishing. */
  warnings: Finding[];
}

const PLACEMENT_LABEL: Record<PolicyPlacement, string> = {
  managed: "a managed policy",
  "user-inline": "a user's inline policies",
  "group-inline": "a group's inline policies",
  "role-inline": "a role's inline policies",
  trust: "a role's trust policy",
};

/** Lint a policy before it is published or attached: grammar, catalogue, size, and risky grants. */
export function lintPolicy(input: string | object, options: LintOptions): LintResult {
  const errors: Finding[] = [];
  const warnings: Finding[] = [];
  const text = typeof input === "string" ? decodePolicyText(input) : input;
  const size = policySize(text);
  const quota = POLICY_SIZE_QUOTAS[options.kind];
  if (size > quota) {
    errors.push({
      code: "policy-too-large",
      message: `This policy is ${size.toLocaleString("en-US")} characters long (spaces not counted); AWS allows at most ${quota.toLocaleString("en-US")} for ${PLACEMENT_LABEL[options.kind]}. Split it or use wildcards for related actions.`,
      path: "",
    });
  }
  const parsed = parsePolicy(text, { kind: options.kind === "trust" ? "trust" : "identity" });
  if (!parsed.ok) return { errors: [...errors, ...parsed.errors], warnings };
  const document = parsed.document;

  if (document.Version !== "2012-10-17") {
    warnings.push({
      code: "legacy-version",
      message: 'Set "Version": "2012-10-17". Without it AWS uses the 2008 policy language, in which variables such as ${aws:username} are not replaced.',
      path: "Version",
    });
  }
  document.Statement.forEach((statement, i) => {
    const path = `Statement[${i}]`;
    const element = statement.Action ? "Action" : "NotAction";
    (statement.Action ?? statement.NotAction ?? []).forEach((pattern, j) => {
      const problem = unknownActionProblem(pattern, options.catalog);
      if (problem) errors.push({ ...problem, path: `${path}.${element}[${j}]` });
    });
    if (statement.Effect === "Allow") warnings.push(...lintStatementWarnings(statement, path, options));
  });
  warnings.push(...passRoleCombinations(document, options.catalog));
  return { errors, warnings };
}

function unknownActionProblem(pattern: string, catalog: Catalog): Omit<Finding, "path"> | undefined {
  if (pattern === "*") return undefined;
  const service = pattern.slice(0, pattern.indexOf(":")).toLowerCase();
  if (!hasWildcard(service) && !catalog.services.has(service)) {
    return { code: "unknown-service", message: `"${service}" is not an AWS service prefix, so "${pattern}" grants nothing.` };
  }
  if (catalog.expand(pattern).length === 0) {
    const name = hasWildcard(service) ? "any service" : (catalog.serviceName(service) ?? service);
    return { code: "unknown-action", message: `"${pattern}" matches no action of ${name}. Check the spelling.` };
  }
  return undefined;
}

/** iam:PassRole plus a service that runs things with the passed role, anywhere in the same policy. */
function passRoleCombinations(document: PolicyDocument, catalog: Catalog): Finding[] {
  const granted = new Map<string, number>();
  document.Statement.forEach((statement, i) => {
    if (statement.Effect !== "Allow") return;
    for (const a of statementActions(statement, catalog)) {
      const key = a.fullName.toLowerCase();
      if (!granted.has(key)) granted.set(key, i);
    }
  });
  const passRoleAt = granted.get("iam:passrole");
  if (passRoleAt === undefined || granted.size === catalog.actions.length) return [];
  return Object.entries(PASSROLE_COMBINATIONS)
    .filter(([action]) => granted.has(action))
    .map(([action, what]) => ({
      code: "passrole-combination",
      message: `Together with iam:PassRole, ${catalog.action(action)?.fullName ?? action} lets this person ${what}, and so gain that role's permissions. Limit iam:PassRole to the specific roles needed.`,
      path: `Statement[${granted.get(action)}]`,
    }));
}
