import type { Catalog, CatalogAction } from "./catalog";
import type { Statement } from "./types";
import { actionMatches } from "./wildcard";

// Keys are pattern lists, and a NotAction result holds most of the catalogue: without a cap,
// many distinct policies (e.g. linted drafts) would grow these without end.
const MAX_CACHED_LISTS = 5_000;

const notActionCache = new WeakMap<Catalog, Map<string, readonly CatalogAction[]>>();
const actionCache = new WeakMap<Catalog, Map<string, readonly CatalogAction[]>>();

function cacheFor(store: WeakMap<Catalog, Map<string, readonly CatalogAction[]>>, catalog: Catalog) {
  let cache = store.get(catalog);
  if (!cache) {
    cache = new Map();
    store.set(catalog, cache);
  }
  if (cache.size > MAX_CACHED_LISTS) cache.clear();
  return cache;
}

/**
 * The catalogue actions a statement's Action (or NotAction: every catalogue action not
 * listed) covers, without duplicates, in catalogue order. Memoised by the pattern list, so
 * the same statement text in many policies is expanded once.
 */
export function statementActions(
  statement: Pick<Statement, "Action" | "NotAction">,
  catalog: Catalog,
): readonly CatalogAction[] {
  const patterns = statement.Action ?? statement.NotAction ?? [];
  const key = patterns
    .map((p) => p.toLowerCase())
    .sort()
    .join("\n");
  const cache = cacheFor(statement.Action ? actionCache : notActionCache, catalog);
  const hit = cache.get(key);
  if (hit) return hit;
  let result: readonly CatalogAction[];
  if (statement.Action) {
    // Union of the patterns' expansions, in catalogue order; cost follows the result, not the catalogue.
    const expansions = patterns.map((p) => catalog.expand(p));
    if (expansions.length === 1) result = expansions[0];
    else {
      const seen = new Set<number>();
      const union: CatalogAction[] = [];
      for (const list of expansions) {
        for (const a of list) {
          if (seen.has(a.index)) continue;
          seen.add(a.index);
          union.push(a);
        }
      }
      result = union.sort((a, b) => a.index - b.index);
    }
  } else {
    const listed = new Uint8Array(catalog.actions.length);
    for (const p of patterns) for (const a of catalog.expand(p)) listed[a.index] = 1;
    result = catalog.actions.filter((a) => listed[a.index] === 0);
  }
  cache.set(key, result);
  return result;
}

/** Whether a statement's Action (or NotAction) covers one action; cost follows the patterns, not the catalogue. */
export function statementGrants(
  statement: Pick<Statement, "Action" | "NotAction">,
  action: CatalogAction,
): boolean {
  if (statement.Action) return statement.Action.some((p) => actionMatches(p, action.fullName));
  return !(statement.NotAction ?? []).some((p) => actionMatches(p, action.fullName));
}
