import { createAccessCache, parsePolicy, type AccessLevel, type Catalog, type Grant, type PolicyDocument, type PrincipalPolicy, type ResourceScope, type ServiceAccess } from "@/lib/policy";
import type { AccountState, AttachedRef, InlinePolicyState, UserState } from "./types";

/** One reason a person has a level on a service: which statement, of which policy, reached how. */
export interface WhyEntry {
  level: AccessLevel;
  policyName: string;
  policyArn?: string;
  kind: "inline" | "managed";
  /** "direct" or the group's name. */
  via: string;
  sid?: string;
  statementIndex: number;
  scope: ResourceScope;
  conditional: boolean;
  actionCount: number;
  examples: string[];
  /** A Deny takes some of these actions away for some resources or conditions. */
  partlyDenied: boolean;
}

export interface ServiceCell {
  service: string;
  level: AccessLevel;
  /** Every grant at the top level depends on a Condition. */
  conditional: boolean;
  /** "all" when some grant covers every resource; "some" when only specific ARNs. */
  scope: "all" | "some";
  /** Indexes into AccessMatrix.grants. */
  why: number[];
}

/**
 * Effective access of every user, deduplicated: users with the same policies share one set of
 * cells, and cells share the grants (the "why") by index, so a 20,000-user snapshot stays small.
 */
export interface AccessMatrix {
  grants: WhyEntry[];
  sets: ServiceCell[][];
  byUser: Record<string, number>;
  services: { service: string; serviceName: string }[];
}

const EMPTY_DOC: PolicyDocument = { Statement: [] };

function parsed(text: string): PolicyDocument {
  const result = parsePolicy(text);
  // A document IAM accepted but our parser refuses grants nothing here rather than failing the sync.
  return result.ok ? result.document : EMPTY_DOC;
}

function whyOf(level: AccessLevel, g: Grant): WhyEntry {
  const st = g.statement;
  return {
    level, policyName: st.policyName, policyArn: st.policyArn, kind: st.kind, via: st.via.type === "group" ? st.via.groupName : "direct",
    sid: st.sid, statementIndex: st.statementIndex, scope: g.resourceScope, conditional: g.conditional,
    actionCount: g.actionCount, examples: g.examples, partlyDenied: g.deniedBy.some((d) => d.impact === "partial"),
  };
}

const coversAll = (scope: ResourceScope) => scope === "all" || (typeof scope === "object" && !Array.isArray(scope));

/** Cells of one policy set; grants are lib/policy's shared objects, so each is indexed once. */
function toCells(access: ServiceAccess[], grants: WhyEntry[], grantIndex: Map<Grant, number>): ServiceCell[] {
  const cells: ServiceCell[] = [];
  for (const s of access) {
    if (!s.level) continue;
    const why: number[] = [];
    let topAll = true;
    let anyAll = false;
    for (const [level, list] of Object.entries(s.levels) as [AccessLevel, Grant[]][]) {
      for (const g of list) {
        let index = grantIndex.get(g);
        if (index === undefined) {
          index = grants.push(whyOf(level, g)) - 1;
          grantIndex.set(g, index);
        }
        why.push(index);
        if (level === s.level && !g.conditional) topAll = false;
        if (coversAll(g.resourceScope)) anyAll = true;
      }
    }
    cells.push({ service: s.service, level: s.level, conditional: topAll, scope: anyAll ? "all" : "some", why });
  }
  return cells;
}

/**
 * The identity policies that reach each user: their own attached and inline policies and
 * those of each of their groups. Each document is parsed once and the same object is reused for
 * every user who shares it (lib/policy caches compiled policies by document object).
 */
export function policyCollector(state: AccountState): (u: UserState) => PrincipalPolicy[] {
  const managed = new Map(state.policies.map((p) => [p.arn, p]));
  const managedDocs = new Map<string, PolicyDocument>();
  const managedDoc = (arn: string) => {
    let doc = managedDocs.get(arn);
    if (!doc) managedDocs.set(arn, (doc = parsed(managed.get(arn)?.document ?? '{"Statement":[]}')));
    return doc;
  };
  const attachedFor = (refs: AttachedRef[], via: PrincipalPolicy["source"]["via"]): PrincipalPolicy[] =>
    refs.map((r) => ({ document: managedDoc(r.arn), source: { kind: "managed", policyName: r.name, policyArn: r.arn, via } }));
  const inlineFor = (list: InlinePolicyState[], via: PrincipalPolicy["source"]["via"]): PrincipalPolicy[] =>
    list.map((p) => ({ document: parsed(p.document), source: { kind: "inline", policyName: p.name, via } }));
  const groupPolicies = new Map<string, PrincipalPolicy[]>();
  for (const g of state.groups) {
    const via = { type: "group" as const, groupName: g.name };
    groupPolicies.set(g.name.toLowerCase(), [...attachedFor(g.attached, via), ...inlineFor(g.inline, via)]);
  }
  const direct = { type: "user" as const };
  return (u) => [...attachedFor(u.attached, direct), ...inlineFor(u.inline, direct), ...u.groups.flatMap((g) => groupPolicies.get(g.toLowerCase()) ?? [])];
}

/**
 * Effective access for every user of a snapshot, with lib/policy's evaluator. Each distinct
 * policy set is computed once, so thousands of users in a few hundred groups cost a few
 * hundred evaluations.
 */
export function computeAccess(state: AccountState, catalog: Catalog): AccessMatrix {
  const policiesOf = policyCollector(state);
  const cache = createAccessCache(catalog);
  const setIndex = new Map<ServiceAccess[], number>();
  const sets: ServiceCell[][] = [];
  const grants: WhyEntry[] = [];
  const grantIndex = new Map<Grant, number>();
  const byUser: Record<string, number> = {};
  const services = new Map<string, string>();
  for (const u of state.users) {
    const access = cache.accessForPolicySet(policiesOf(u));
    let index = setIndex.get(access);
    if (index === undefined) {
      index = sets.length;
      setIndex.set(access, index);
      const cells = toCells(access, grants, grantIndex);
      sets.push(cells);
      for (const s of access) if (s.level) services.set(s.service, s.serviceName);
    }
    byUser[u.name] = index;
  }
  return {
    grants,
    sets,
    byUser,
    services: [...services].map(([service, serviceName]) => ({ service, serviceName })).sort((a, b) => a.serviceName.localeCompare(b.serviceName)),
  };
}
