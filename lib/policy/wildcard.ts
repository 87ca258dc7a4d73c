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

const matchers = new Map<string, (value: string) => boolean>();

/**
 * A wildcard pattern as a predicate (memoised). Not a RegExp: "[\s\S]*" backtracks through
 * the whole value for each later literal, and a policy of many patterns matched against the
 * catalogue's ~22,000 action names spent most of its lint time there. Literal runs between
 * `*`s are found with indexOf (leftmost first, which is enough for `*`-only globs).
 */
export function wildcardMatcher(pattern: string, ignoreCase: boolean): (value: string) => boolean {
  const cacheKey = (ignoreCase ? "i:" : "s:") + pattern;
  let matcher = matchers.get(cacheKey);
  if (!matcher) {
    matcher = compileMatcher(ignoreCase ? pattern.toLowerCase() : pattern, ignoreCase);
    if (matchers.size > 50_000) matchers.clear();
    matchers.set(cacheKey, matcher);
  }
  return matcher;
}

function compileMatcher(pattern: string, ignoreCase: boolean): (value: string) => boolean {
  const parts = pattern.split("*");
  const first = parts[0];
  const last = parts[parts.length - 1];
  const middle = parts.slice(1, -1).filter((p) => p.length > 0);
  const single = parts.length === 1;
  return (raw) => {
    const value = ignoreCase ? raw.toLowerCase() : raw;
    if (single) return value.length === first.length && segmentAt(value, first, 0);
    if (
      value.length < first.length + last.length ||
      !segmentAt(value, first, 0) ||
      !segmentAt(value, last, value.length - last.length)
    )
      return false;
    let from = first.length;
    const end = value.length - last.length;
    for (const segment of middle) {
      const at = findSegment(value, segment, from, end);
      if (at < 0) return false;
      from = at + segment.length;
    }
    return true;
  };
}

/** Does `segment` (where `?` is any one character) stand in `value` at `at`? */
function segmentAt(value: string, segment: string, at: number): boolean {
  for (let i = 0; i < segment.length; i++) {
    const c = segment.charCodeAt(i);
    if (c !== 63 /* ? */ && c !== value.charCodeAt(at + i)) return false;
  }
  return true;
}

/** Leftmost position ≥ from where `segment` fits wholly before `end`, or -1. */
function findSegment(value: string, segment: string, from: number, end: number): number {
  if (!segment.includes("?")) {
    const at = value.indexOf(segment, from);
    return at >= 0 && at + segment.length <= end ? at : -1;
  }
  for (let at = from; at + segment.length <= end; at++) if (segmentAt(value, segment, at)) return at;
  return -1;
}

export function hasWildcard(pattern: string): boolean {
  return pattern.includes("*") || pattern.includes("?");
}

function matchesWildcard(pattern: string, value: string, ignoreCase: boolean): boolean {
  if (pattern === "*") return true;
  if (!hasWildcard(pattern)) {
    return ignoreCase ? pattern.toLowerCase() === value.toLowerCase() : pattern === value;
  }
  return wildcardMatcher(pattern, ignoreCase)(value);
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
