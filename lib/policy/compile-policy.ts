import type { Catalog, CatalogAction, AccessLevel } from "./catalog";
import type { Grant, PolicySource, ResourceScope, StatementRef } from "./access-types";
import { statementActions } from "./statement-actions";
import type { PolicyDocument, Statement } from "./types";

const EXAMPLES = 3;
let nextDenyId = 0;

/** One (service, level) slice of an Allow statement, with its Grant prepared for sharing. */
export interface GrantSlice {
  service: string;
  level: AccessLevel;
  actions: readonly CatalogAction[];
  /** Resource patterns of the statement (all of them, not only this service's), for Deny coverage. */
  resources: readonly string[] | "all" | { allExcept: readonly string[] };
  grant: Grant;
  /** Memo (filled lazily by effective-access): the grant as reduced by a given set of Denies, keyed by their ids. */
  deniedGrants?: Map<string, Grant>;
}

export interface CompiledDeny {
  /** Unique per process, for memo keys. */
  id: number;
  ref: StatementRef;
  /** Bitmap over catalog.actions. */
  actions: Uint8Array;
  services: ReadonlySet<string>;
  /** Services every action of which the Deny names (e.g. "s3:*" or "*"): no per-action check needed. */
  wholeServices: ReadonlySet<string>;
  conditional: boolean;
  resource?: readonly string[];
  notResource?: readonly string[];
}

export interface CompiledPolicy {
  slices: GrantSlice[];
  denies: CompiledDeny[];
}

export type ActionsOf = (statement: Statement, catalog: Catalog) => readonly CatalogAction[];

/** Group a statement's actions by service and level; memoised by action set (shared across policies). */
const groupedCache = new WeakMap<readonly CatalogAction[], Map<string, Map<AccessLevel, CatalogAction[]>>>();
function groupByServiceAndLevel(actions: readonly CatalogAction[], memoise: boolean) {
  const hit = memoise ? groupedCache.get(actions) : undefined;
  if (hit) return hit;
  const grouped = new Map<string, Map<AccessLevel, CatalogAction[]>>();
  for (const a of actions) {
    let levels = grouped.get(a.service);
    if (!levels) grouped.set(a.service, (levels = new Map()));
    const list = levels.get(a.level);
    if (list) list.push(a);
    else levels.set(a.level, [a]);
  }
  if (memoise) groupedCache.set(actions, grouped);
  return grouped;
}

function scopeFor(statement: Statement, service: string): ResourceScope {
  if (statement.NotResource) return { allExcept: [...statement.NotResource] };
  const resources = statement.Resource ?? ["*"];
  if (resources.includes("*")) return "all";
  // Keep the ARNs of this service (or whose service segment is a wildcard); a statement that
  // lists a bucket and a queue shows the bucket under S3 and the queue under SQS.
  const own = resources.filter((r) => {
    const segment = r.split(":")[2];
    return segment === undefined || segment === service || segment.includes("*") || segment.includes("?");
  });
  return own.length > 0 ? own : [...resources];
}

/** The alphabetically first few action names, without sorting the whole (possibly huge) list. */
export function sortedExamples(actions: readonly CatalogAction[]): string[] {
  const best: string[] = [];
  for (const a of actions) {
    const name = a.fullName;
    if (best.length === EXAMPLES && name >= best[EXAMPLES - 1]) continue;
    let i = best.length;
    while (i > 0 && best[i - 1] > name) i--;
    best.splice(i, 0, name);
    if (best.length > EXAMPLES) best.pop();
  }
  return best;
}

type SliceCore = Omit<GrantSlice, "grant" | "deniedGrants"> & {
  resourceScope: ResourceScope;
  examples: string[];
};
type DenyCore = Omit<CompiledDeny, "id" | "ref">;
interface StatementParts {
  statementIndex: number;
  sid?: string;
  conditional: boolean;
  slices?: SliceCore[];
  deny?: DenyCore;
}

function denyCore(statement: Statement, actions: readonly CatalogAction[], catalog: Catalog): DenyCore {
  const bitmap = new Uint8Array(catalog.actions.length);
  const perService = new Map<string, number>();
  for (const a of actions) {
    bitmap[a.index] = 1;
    perService.set(a.service, (perService.get(a.service) ?? 0) + 1);
  }
  const wholeServices = new Set(
    [...perService].filter(([svc, n]) => catalog.services.get(svc)?.actions.length === n).map(([svc]) => svc),
  );
  return {
    actions: bitmap,
    services: new Set(perService.keys()),
    wholeServices,
    conditional: statement.Condition !== undefined,
    resource: statement.Resource,
    notResource: statement.NotResource,
  };
}

function sliceCores(statement: Statement, actions: readonly CatalogAction[], memoise: boolean): SliceCore[] {
  const resources: GrantSlice["resources"] = statement.NotResource
    ? { allExcept: statement.NotResource }
    : (statement.Resource ?? ["*"]).includes("*")
      ? "all"
      : (statement.Resource ?? []);
  const cores: SliceCore[] = [];
  for (const [service, levels] of groupByServiceAndLevel(actions, memoise)) {
    const resourceScope = scopeFor(statement, service);
    for (const [level, list] of levels)
      cores.push({ service, level, actions: list, resources, resourceScope, examples: sortedExamples(list) });
  }
  return cores;
}

/** The source-independent part of a policy, computed once per document object. */
const partsCache = new WeakMap<Catalog, WeakMap<PolicyDocument, StatementParts[]>>();
function documentParts(
  document: PolicyDocument,
  catalog: Catalog,
  actionsOf: ActionsOf,
  memoise: boolean,
): StatementParts[] {
  let byDoc = memoise ? partsCache.get(catalog) : undefined;
  const hit = byDoc?.get(document);
  if (hit) return hit;
  const parts = document.Statement.map((statement, statementIndex): StatementParts => {
    const actions = actionsOf(statement, catalog);
    const base = { statementIndex, sid: statement.Sid, conditional: statement.Condition !== undefined };
    return statement.Effect === "Deny"
      ? { ...base, deny: denyCore(statement, actions, catalog) }
      : { ...base, slices: sliceCores(statement, actions, memoise) };
  });
  if (memoise) {
    if (!byDoc) partsCache.set(catalog, (byDoc = new WeakMap()));
    byDoc.set(document, parts);
  }
  return parts;
}

/**
 * Turn one attached policy into grant slices and Deny bitmaps. The expensive part (expansion,
 * grouping, examples) is shared by every source the document is attached through; only the
 * provenance (which group, which policy name) is added per source.
 */
export function compilePolicy(
  document: PolicyDocument,
  source: PolicySource,
  catalog: Catalog,
  actionsOf: ActionsOf,
  memoise = true,
): CompiledPolicy {
  const slices: GrantSlice[] = [];
  const denies: CompiledDeny[] = [];
  for (const part of documentParts(document, catalog, actionsOf, memoise)) {
    const ref: StatementRef = { ...source, sid: part.sid, statementIndex: part.statementIndex };
    const d = part.deny;
    if (d) {
      denies.push({
        id: nextDenyId++,
        ref,
        actions: d.actions,
        services: d.services,
        wholeServices: d.wholeServices,
        conditional: d.conditional,
        resource: d.resource,
        notResource: d.notResource,
      });
    }
    for (const c of part.slices ?? []) {
      const grant: Grant = {
        statement: ref,
        actionCount: c.actions.length,
        examples: c.examples,
        resourceScope: c.resourceScope,
        conditional: part.conditional,
        deniedBy: [],
      };
      slices.push({
        service: c.service,
        level: c.level,
        actions: c.actions,
        resources: c.resources,
        grant,
        deniedGrants: undefined,
      });
    }
  }
  return { slices, denies };
}

/** The memoised expansion used in production. */
export const memoisedActions: ActionsOf = (statement, catalog) => statementActions(statement, catalog);
