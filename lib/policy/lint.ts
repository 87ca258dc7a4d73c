import type { Catalog } from "./catalog";
import { PASSROLE_COMBINATIONS } from "./escalation";
import { lintStatementWarnings } from "./lint-warnings";
import { decodePolicyText, parsePolicy } from "./parse";
import { POLICY_SIZE_QUOTAS, policySize } from "./size";
import { statementGrants } from "./statement-actions";
import type { Finding, PolicyDocument, Statement } from "./types";
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

/**
 * Patterns with a wildcard in the service part ("*:Get*", "s*:*") are matched against every
 * action of every matching service (~22,000 for "*:"), about a millisecond each. Real policies
 * use a handful; a document of hundreds of them would keep the lint busy for seconds, so
 * more than this many distinct ones is an error before any is expanded. "*" and "*:*" are
 * cheap (everything) and not counted.
 */
export const MAX_CROSS_SERVICE_PATTERNS = 20;

/** The size error, or null: IAM's quota for the placement, checked before anything is parsed. */
export function policySizeProblem(input: string | object, kind: PolicyPlacement): Finding | null {
  const text = typeof input === "string" ? decodePolicyText(input) : input;
  const size = policySize(text);
  const quota = POLICY_SIZE_QUOTAS[kind];
  if (size <= quota) return null;
  return {
    code: "policy-too-large",
    message: `This policy is ${size.toLocaleString("en-US")} characters long (spaces not counted); AWS allows at most ${quota.toLocaleString("en-US")} for ${PLACEMENT_LABEL[kind]}. Split it or use wildcards for related actions.`,
    path: "",
  };
}

/**
 * Lint a policy before it is published or attached: size, grammar, catalogue, and risky grants.
 * A document over IAM's quota is refused before it is parsed, so the work below is bounded by
 * the quota (run it through lintPolicyBounded on a server: it also has a time budget).
 */
export function lintPolicy(input: string | object, options: LintOptions): LintResult {
  const errors: Finding[] = [];
  const warnings: Finding[] = [];
  const tooLarge = policySizeProblem(input, options.kind);
  if (tooLarge) return { errors: [tooLarge], warnings };
  const text = typeof input === "string" ? decodePolicyText(input) : input;
  const parsed = parsePolicy(text, { kind: options.kind === "trust" ? "trust" : "identity" });
  if (!parsed.ok) return { errors: parsed.errors, warnings };
  const document = parsed.document;
  const crossService = crossServicePatterns(document);
  if (crossService.length > MAX_CROSS_SERVICE_PATTERNS) {
    errors.push({
      code: "too-many-cross-service-wildcards",
      message: `This policy has ${crossService.length} different action patterns with a wildcard in the service name (such as "${crossService[0]}"); Gatehouse checks at most ${MAX_CROSS_SERVICE_PATTERNS}. Name the services instead (e.g. "s3:Get*").`,
      path: "",
    });
    return { errors, warnings };
  }

  if (document.Version !== "2012-10-17") {
    warnings.push({
      code: "legacy-version",
      message:
        'Set "Version": "2012-10-17". Without it AWS uses the 2008 policy language, in which variables such as ${aws:username} are not replaced.',
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

function crossServicePatterns(document: PolicyDocument): string[] {
  const found = new Set<string>();
  for (const statement of document.Statement) {
    for (const pattern of statement.Action ?? statement.NotAction ?? []) {
      const p = pattern.toLowerCase();
      if (p === "*" || p === "*:*") continue;
      if (hasWildcard(p.slice(0, p.indexOf(":")))) found.add(p);
    }
  }
  return [...found];
}

function unknownActionProblem(pattern: string, catalog: Catalog): Omit<Finding, "path"> | undefined {
  if (pattern === "*") return undefined;
  const service = pattern.slice(0, pattern.indexOf(":")).toLowerCase();
  if (!hasWildcard(service) && !catalog.services.has(service)) {
    return {
      code: "unknown-service",
      message: `"${service}" is not an AWS service prefix, so "${pattern}" grants nothing.`,
    };
  }
  if (catalog.expand(pattern).length === 0) {
    const name = hasWildcard(service) ? "any service" : (catalog.serviceName(service) ?? service);
    return {
      code: "unknown-action",
      message: `"${pattern}" matches no action of ${name}. Check the spelling.`,
    };
  }
  return undefined;
}

/** iam:PassRole plus a service that runs things with the passed role, anywhere in the same policy. */
function passRoleCombinations(document: PolicyDocument, catalog: Catalog): Finding[] {
  const allows = document.Statement.map((statement, i) => ({ statement, i })).filter(
    ({ statement }) => statement.Effect === "Allow",
  );
  // Only the nine actions involved are checked, one statement at a time: expanding every
  // statement (NotAction is ~22,000 actions each) cost seconds on a policy of many statements.
  const firstGranting = (key: string) => {
    const action = catalog.action(key);
    return action ? allows.find(({ statement }) => statementGrants(statement, action))?.i : undefined;
  };
  if (
    firstGranting("iam:passrole") === undefined ||
    grantsEverything(
      allows.map((a) => a.statement),
      catalog,
    )
  )
    return [];
  return Object.entries(PASSROLE_COMBINATIONS).flatMap(([action, what]) => {
    const at = firstGranting(action);
    if (at === undefined) return [];
    return [
      {
        code: "passrole-combination",
        message: `Together with iam:PassRole, ${catalog.action(action)?.fullName ?? action} lets this person ${what}, and so gain that role's permissions. Limit iam:PassRole to the specific roles needed.`,
        path: `Statement[${at}]`,
      },
    ];
  });
}

/**
 * Whether the Allow statements together grant every catalogue action (then "allows everything"
 * already says it all). An action escapes every NotAction statement only if each one lists it,
 * so: everything ⇔ each action listed by all NotAction statements is granted by an Action one.
 * Cost follows the patterns' expansions, never statements × catalogue.
 */
function grantsEverything(allows: Statement[], catalog: Catalog): boolean {
  const granted = new Uint8Array(catalog.actions.length);
  const listedCount = new Uint32Array(catalog.actions.length);
  let notActionStatements = 0;
  for (const statement of allows) {
    if (statement.Action) {
      for (const p of statement.Action) for (const a of catalog.expand(p)) granted[a.index] = 1;
      continue;
    }
    notActionStatements += 1;
    const listed = new Set<number>();
    for (const p of statement.NotAction ?? []) for (const a of catalog.expand(p)) listed.add(a.index);
    for (const index of listed) listedCount[index] += 1;
  }
  if (notActionStatements === 0) return granted.every((g) => g === 1);
  for (let i = 0; i < granted.length; i++)
    if (listedCount[i] === notActionStatements && granted[i] === 0) return false;
  return true;
}
