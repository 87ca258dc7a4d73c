import type { DenyRef, Grant, PolicySource, PrincipalPolicy, ServiceAccess } from "./access-types";
import { levelRank, type Catalog, type CatalogAction } from "./catalog";
import {
  compilePolicy,
  memoisedActions,
  sortedExamples,
  type ActionsOf,
  type CompiledDeny,
  type CompiledPolicy,
  type GrantSlice,
} from "./compile-policy";
import { denyImpact, type Impact } from "./deny-impact";
import { actionMatches } from "./wildcard";

function reduceGrant(slice: GrantSlice, touching: readonly { deny: CompiledDeny; found: Impact }[]): Grant {
  let remaining: readonly CatalogAction[] = slice.actions;
  const deniedBy: DenyRef[] = [];
  for (const { deny, found } of touching) {
    deniedBy.push({
      ...deny.ref,
      impact: found.impact,
      actionCount: found.overlapCount,
      conditional: deny.conditional,
    });
    if (found.impact !== "removed") continue;
    remaining =
      found.overlapCount === slice.actions.length ? [] : remaining.filter((a) => deny.actions[a.index] !== 1);
  }
  const changed = remaining.length !== slice.actions.length && remaining.length > 0;
  return {
    ...slice.grant,
    actionCount: remaining.length,
    examples: changed ? sortedExamples(remaining) : slice.grant.examples,
    deniedBy,
  };
}

/** The slice's grant after the user's Denies; the same Deny combination yields the same (shared) Grant object. */
function applyDenies(slice: GrantSlice, denies: readonly CompiledDeny[]): Grant {
  let touching: { deny: CompiledDeny; found: Impact }[] | undefined;
  for (const deny of denies) {
    if (!deny.services.has(slice.service)) continue;
    const found = denyImpact(deny, slice);
    if (found) (touching ??= []).push({ deny, found });
  }
  if (!touching) return slice.grant;
  const key = touching.map((t) => t.deny.id).join(",");
  slice.deniedGrants ??= new Map();
  let grant = slice.deniedGrants.get(key);
  if (!grant) slice.deniedGrants.set(key, (grant = reduceGrant(slice, touching)));
  return grant;
}

/** Combine compiled policies into per-service access, applying every Deny to every Allow. */
function combine(compiled: readonly CompiledPolicy[], catalog: Catalog): ServiceAccess[] {
  const denies = compiled.flatMap((c) => c.denies);
  const byService = new Map<string, ServiceAccess>();
  for (const policy of compiled) {
    for (const slice of policy.slices) {
      const grant = denies.length > 0 ? applyDenies(slice, denies) : slice.grant;
      let entry = byService.get(slice.service);
      if (!entry) {
        entry = {
          service: slice.service,
          serviceName: catalog.serviceName(slice.service) ?? slice.service,
          level: null,
          levels: {},
          fullyDenied: [],
        };
        byService.set(slice.service, entry);
      }
      if (grant.actionCount === 0) {
        entry.fullyDenied.push(grant);
        continue;
      }
      (entry.levels[slice.level] ??= []).push(grant);
      if (entry.level === null || levelRank(slice.level) > levelRank(entry.level)) entry.level = slice.level;
    }
  }
  return [...byService.values()].sort((a, b) => (a.service < b.service ? -1 : 1));
}

function sourceKey(source: PolicySource): string {
  const via = source.via.type === "group" ? `g:${source.via.groupName}` : "u";
  return `${source.kind}|${source.policyName}|${source.policyArn ?? ""}|${via}`;
}

/** Compiled policies per document object and source; WeakMaps so a dropped snapshot is freed. */
const compiledByCatalog = new WeakMap<Catalog, WeakMap<object, Map<string, CompiledPolicy>>>();
/** Fast path when callers reuse the same PrincipalPolicy object for every member of a group. */
const compiledByEntry = new WeakMap<Catalog, WeakMap<PrincipalPolicy, CompiledPolicy>>();

function compiledFor(policy: PrincipalPolicy, catalog: Catalog): CompiledPolicy {
  let byEntry = compiledByEntry.get(catalog);
  if (!byEntry) compiledByEntry.set(catalog, (byEntry = new WeakMap()));
  const known = byEntry.get(policy);
  if (known) return known;
  let byDoc = compiledByCatalog.get(catalog);
  if (!byDoc) compiledByCatalog.set(catalog, (byDoc = new WeakMap()));
  let bySource = byDoc.get(policy.document);
  if (!bySource) byDoc.set(policy.document, (bySource = new Map()));
  const key = sourceKey(policy.source);
  let compiled = bySource.get(key);
  if (!compiled) {
    compiled = compilePolicy(policy.document, policy.source, catalog, memoisedActions);
    bySource.set(key, compiled);
  }
  byEntry.set(policy, compiled);
  return compiled;
}

/**
 * What a user can do, per service: every Allow statement of their own and their groups'
 * policies, expanded against the catalogue, with Denies applied (see DenyRef for the rule).
 * Each policy is compiled once per document object, so pass the same parsed document for
 * every user who shares a policy. Results may be shared between calls: treat them as read-only.
 */
export function effectiveAccess(
  principalPolicies: readonly PrincipalPolicy[],
  catalog: Catalog,
): ServiceAccess[] {
  return combine(
    principalPolicies.map((p) => compiledFor(p, catalog)),
    catalog,
  );
}

export interface AccessCache {
  /** effectiveAccess, memoised by the set of (policy, source) pairs: users with the same groups share one result. */
  accessForPolicySet(principalPolicies: readonly PrincipalPolicy[]): ServiceAccess[];
  stats(): { setHits: number; setMisses: number };
}

/** A cache for one batch (e.g. one sync snapshot): create it, compute every user, drop it. */
export function createAccessCache(catalog: Catalog): AccessCache {
  const docIds = new WeakMap<object, number>();
  const entryKeys = new WeakMap<PrincipalPolicy, string>();
  let nextId = 0;
  const results = new Map<string, ServiceAccess[]>();
  let setHits = 0;
  let setMisses = 0;
  const idOf = (doc: object) => {
    let id = docIds.get(doc);
    if (id === undefined) docIds.set(doc, (id = nextId++));
    return id;
  };
  const entryKey = (p: PrincipalPolicy) => {
    let key = entryKeys.get(p);
    if (key === undefined) entryKeys.set(p, (key = `${idOf(p.document)}#${sourceKey(p.source)}`));
    return key;
  };
  return {
    accessForPolicySet(principalPolicies) {
      const key = principalPolicies.map(entryKey).sort().join("\n");
      const hit = results.get(key);
      if (hit) {
        setHits++;
        return hit;
      }
      setMisses++;
      const computed = effectiveAccess(principalPolicies, catalog);
      results.set(key, computed);
      return computed;
    },
    stats: () => ({ setHits, setMisses }),
  };
}

/**
 * Per-user recomputation for benchmarks: no per-policy or per-set cache; by default not even
 * pattern memoisation (every pattern is matched against the whole catalogue).
 */
const naiveActions: ActionsOf = (statement, catalog) => {
  const patterns = statement.Action ?? statement.NotAction ?? [];
  const listed = (a: CatalogAction) => patterns.some((p) => actionMatches(p, a.fullName));
  return catalog.actions.filter((a) => (statement.Action ? listed(a) : !listed(a)));
};

export function effectiveAccessUncached(
  principalPolicies: readonly PrincipalPolicy[],
  catalog: Catalog,
  options: { memoisePatterns?: boolean } = {},
): ServiceAccess[] {
  const actionsOf = options.memoisePatterns ? memoisedActions : naiveActions;
  return combine(
    principalPolicies.map((p) => compilePolicy(p.document, p.source, catalog, actionsOf, false)),
    catalog,
  );
}
