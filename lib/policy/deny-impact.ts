import type { CatalogAction } from "./catalog";
import type { CompiledDeny, GrantSlice } from "./compile-policy";
import { wildcardRegExp } from "./wildcard";

/** Every resource `grant` (a pattern, read as text) can name is also named by `deny`. */
function patternCovers(deny: string, grant: string): boolean {
  if (deny === "*" || deny === grant) return true;
  // A `?` or a policy variable in the Deny could match less than the grant's wildcard: no claim.
  if (deny.includes("?") || deny.includes("${")) return false;
  return wildcardRegExp(deny, false).test(grant);
}

/** Certainly no resource matches both patterns: their literal beginnings already differ. */
function patternsDisjoint(a: string, b: string): boolean {
  const prefix = (p: string) => p.split(/[*?]|\$\{/, 1)[0];
  const pa = prefix(a);
  const pb = prefix(b);
  if (pa === a && pb === b) return a !== b;
  return !(pa.startsWith(pb) || pb.startsWith(pa));
}

export interface Impact {
  impact: "removed" | "partial";
  /** How many of the slice's actions the Deny names. */
  overlapCount: number;
}

function overlapCount(deny: CompiledDeny, actions: readonly CatalogAction[]): number {
  let count = 0;
  for (const a of actions) count += deny.actions[a.index];
  return count;
}

/** How a Deny statement bears on one grant slice; undefined when it does not touch it. */
export function denyImpact(deny: CompiledDeny, slice: GrantSlice): Impact | undefined {
  if (!deny.services.has(slice.service)) return undefined;
  const overlap = deny.wholeServices.has(slice.service)
    ? slice.actions.length
    : overlapCount(deny, slice.actions);
  if (overlap === 0) return undefined;
  const grantPatterns =
    slice.resources === "all" ? ["*"] : "allExcept" in slice.resources ? ["*"] : slice.resources;
  if (deny.notResource) {
    // Deny everything except these resources: irrelevant if the grant stays inside them.
    const inside =
      slice.resources !== "all" &&
      !("allExcept" in slice.resources) &&
      grantPatterns.every((g) => deny.notResource!.some((d) => patternCovers(d, g)));
    return inside ? undefined : { impact: "partial", overlapCount: overlap };
  }
  const denyPatterns = deny.resource ?? ["*"];
  if (grantPatterns.every((g) => denyPatterns.every((d) => patternsDisjoint(d, g)))) return undefined;
  const covers = grantPatterns.every((g) => denyPatterns.some((d) => patternCovers(d, g)));
  return { impact: covers && !deny.conditional ? "removed" : "partial", overlapCount: overlap };
}
