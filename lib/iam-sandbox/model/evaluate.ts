/**
 * A small identity-policy evaluator for SimulatePrincipalPolicy: explicit deny wins over
 * allow, no match is an implicit deny. Conditions cannot be evaluated without context, so
 * a conditioned statement never matches and its keys are reported as missing.
 */
export type Decision = "allowed" | "explicitDeny" | "implicitDeny";

export interface SourcePolicy {
  id: string;
  type: "user" | "group" | "role" | "aws-managed" | "user-managed";
  document: string;
}

export interface Match {
  policy: SourcePolicy;
  statementIndex: number;
}

export interface Evaluation {
  decision: Decision;
  matched: Match[];
  missingContext: string[];
}

interface Statement {
  Effect?: unknown;
  Action?: unknown;
  NotAction?: unknown;
  Resource?: unknown;
  NotResource?: unknown;
  Condition?: unknown;
}

const patternCache = new Map<string, RegExp>();

function glob(pattern: string, caseInsensitive: boolean): RegExp {
  const cacheKey = (caseInsensitive ? "i" : "s") + pattern;
  let re = patternCache.get(cacheKey);
  if (!re) {
    const body = pattern
      .replace(/[.+^${}()|[\]\\]/g, "\\$&")
      .replace(/\*/g, ".*")
      .replace(/\?/g, ".");
    re = new RegExp(`^${body}$`, caseInsensitive ? "is" : "s");
    if (patternCache.size > 10_000) patternCache.clear();
    patternCache.set(cacheKey, re);
  }
  return re;
}

const list = (v: unknown): string[] =>
  v === undefined ? [] : Array.isArray(v) ? (v as string[]) : [v as string];

function substitute(resource: string, vars: Record<string, string>): string {
  return resource.replace(/\$\{([^}]+)\}/g, (whole, name: string) => vars[name] ?? whole);
}

function statementApplies(
  st: Statement,
  action: string,
  resource: string,
  vars: Record<string, string>,
): boolean {
  const actionHit = (patterns: string[]) => patterns.some((p) => glob(p, true).test(action));
  if (st.Action !== undefined ? !actionHit(list(st.Action)) : actionHit(list(st.NotAction))) return false;
  const resourceHit = (patterns: string[]) =>
    patterns.some((p) => glob(substitute(p, vars), false).test(resource));
  if (st.Resource !== undefined ? !resourceHit(list(st.Resource)) : resourceHit(list(st.NotResource)))
    return false;
  return true;
}

function parseStatements(document: string): Statement[] {
  const doc = JSON.parse(document) as { Statement?: unknown };
  return list(doc.Statement as string | string[]) as unknown as Statement[];
}

export function evaluate(
  policies: SourcePolicy[],
  action: string,
  resource: string,
  vars: Record<string, string>,
): Evaluation {
  const allows: Match[] = [];
  const denies: Match[] = [];
  const missing = new Set<string>();
  for (const policy of policies) {
    parseStatements(policy.document).forEach((st, statementIndex) => {
      if (!statementApplies(st, action, resource, vars)) return;
      if (st.Condition && typeof st.Condition === "object") {
        for (const operator of Object.values(st.Condition as Record<string, Record<string, unknown>>))
          for (const key of Object.keys(operator ?? {})) missing.add(key);
        return;
      }
      (st.Effect === "Deny" ? denies : allows).push({ policy, statementIndex });
    });
  }
  if (denies.length) return { decision: "explicitDeny", matched: denies, missingContext: [...missing] };
  if (allows.length) return { decision: "allowed", matched: allows, missingContext: [] };
  return { decision: "implicitDeny", matched: [], missingContext: [...missing] };
}
