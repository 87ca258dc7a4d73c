/**
 * IAM wildcard matching: `*` is any run of characters (including `:` and `/`), `?` exactly one.
 * Actions compare case-insensitively, ARNs and condition strings case-sensitively.
 */

const compiled = new Map<string, RegExp>();

function escapeRegExp(text: string): string {
  return text.replace(/[.+^${}()|[\]\\]/g, "\\$&");
}

/** Compile a wildcard pattern into an anchored RegExp (memoised: patterns repeat a lot). */
export function wildcardRegExp(pattern: string, ignoreCase: boolean): RegExp {
  const cacheKey = (ignoreCase ? "i:" : "s:") + pattern;
  let re = compiled.get(cacheKey);
  if (!re) {
    const body = escapeRegExp(pattern).replace(/\*/g, "[\\s\\S]*").replace(/\?/g, "[\\s\\S]");
    re = new RegExp(`^${body}$`, ignoreCase ? "i" : "");
    if (compiled.size > 50_000) compiled.clear();
    compiled.set(cacheKey, re);
  }
  return re;
}

export function hasWildcard(pattern: string): boolean {
  return pattern.includes("*") || pattern.includes("?");
}

export function matchesWildcard(pattern: string, value: string, ignoreCase: boolean): boolean {
  if (pattern === "*") return true;
  if (!hasWildcard(pattern)) {
    return ignoreCase ? pattern.toLowerCase() === value.toLowerCase() : pattern === value;
  }
  return wildcardRegExp(pattern, ignoreCase).test(value);
}

/** `s3:Get*` against `s3:GetObject`: case-insensitive, as IAM compares actions. */
export function actionMatches(pattern: string, action: string): boolean {
  return matchesWildcard(pattern, action, true);
}

/** Resource ARN patterns compare case-sensitively; `*` may span segments. */
export function resourceMatches(pattern: string, arn: string): boolean {
  return matchesWildcard(pattern, arn, false);
}

/**
 * ArnLike/ArnEquals compare each of the six colon-separated ARN components separately
 * (the last one keeps its colons), so `*` in the region does not swallow the account.
 */
export function arnConditionMatches(pattern: string, arn: string): boolean {
  if (pattern === "*") return true;
  const p = splitArn(pattern);
  const a = splitArn(arn);
  if (!p && !a) return matchesWildcard(pattern, arn, false);
  if (!p || !a) return false;
  return p.every((part, i) => matchesWildcard(part, a[i], false));
}

function splitArn(value: string): string[] | null {
  const parts = value.split(":");
  if (parts.length < 6) return null;
  return [...parts.slice(0, 5), parts.slice(5).join(":")];
}
