import {
  createAccessCache,
  parsePolicy,
  type AccessLevel,
  type Catalog,
  type Grant,
  type PolicyDocument,
  type PrincipalPolicy,
  type ResourceScope,
  type ServiceAccess,
} from "@/lib/policy";
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

/**
 * A policy that reaches a user but that Gatehouse cannot evaluate: a document IAM accepted and
 * our parser refuses, an attached policy whose document the snapshot lacks, a group the
 * snapshot does not know. Such a user's access is "not understood" — never "none": the
 * matrix, the person page, the exports, the report and the filters all say so.
 */
export interface UnreadablePolicy {
  policyName: string;
  kind: "inline" | "managed" | "group";
  /** "direct" or the group's name. */
  via: string;
  reason: string;
}

const EMPTY_DOC: PolicyDocument = { Statement: [] };

type Parsed = { document: PolicyDocument; problem: string | null };

/** The document, or (refused by our parser) an empty one with the reason: the caller must record it. */
function parsed(text: string): Parsed {
  const result = parsePolicy(text);
  if (result.ok) return { document: result.document, problem: null };
  return {
    document: EMPTY_DOC,
    problem: result.errors
      .slice(0, 3)
      .map((e) => (e.path ? `${e.path}: ${e.message}` : e.message))
      .join(" "),
  };
}

function whyOf(level: AccessLevel, g: Grant): WhyEntry {
  const st = g.statement;
  return {
    level,
    policyName: st.policyName,
    policyArn: st.policyArn,
    kind: st.kind,
    via: st.via.type === "group" ? st.via.groupName : "direct",
    sid: st.sid,
    statementIndex: st.statementIndex,
    scope: g.resourceScope,
    conditional: g.conditional,
    actionCount: g.actionCount,
    examples: g.examples,
    partlyDenied: g.deniedBy.some((d) => d.impact === "partial"),
  };
}

const coversAll = (scope: ResourceScope) =>
  scope === "all" || (typeof scope === "object" && !Array.isArray(scope));

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
    cells.push({
      service: s.service,
      level: s.level,
      conditional: topAll,
      scope: anyAll ? "all" : "some",
      why,
    });
  }
  return cells;
}

type Collected = { policies: PrincipalPolicy[]; unreadable: UnreadablePolicy[] };

/**
 * The identity policies that reach each user: their own attached and inline policies and
 * those of each of their groups, with every one that cannot be evaluated (see UnreadablePolicy).
 * Each document is parsed once and the same object is reused for every user who shares it
 * (lib/policy caches compiled policies by document object).
 */
export function policyCollector(state: AccountState): (u: UserState) => Collected {
  const managed = new Map(state.policies.map((p) => [p.arn, p]));
  const managedDocs = new Map<string, Parsed>();
  const managedDoc = (arn: string): Parsed => {
    let doc = managedDocs.get(arn);
    if (!doc) {
      const policy = managed.get(arn);
      doc = policy
        ? parsed(policy.document)
        : { document: EMPTY_DOC, problem: "The snapshot has no document for this attached policy." };
      managedDocs.set(arn, doc);
    }
    return doc;
  };
  const viaName = (via: PrincipalPolicy["source"]["via"]) =>
    via.type === "group" ? via.groupName : "direct";
  const attachedFor = (refs: AttachedRef[], via: PrincipalPolicy["source"]["via"], out: Collected) => {
    for (const r of refs) {
      const { document, problem } = managedDoc(r.arn);
      if (problem)
        out.unreadable.push({ policyName: r.name, kind: "managed", via: viaName(via), reason: problem });
      out.policies.push({ document, source: { kind: "managed", policyName: r.name, policyArn: r.arn, via } });
    }
  };
  const inlineFor = (list: InlinePolicyState[], via: PrincipalPolicy["source"]["via"], out: Collected) => {
    for (const p of list) {
      const { document, problem } = parsed(p.document);
      if (problem)
        out.unreadable.push({ policyName: p.name, kind: "inline", via: viaName(via), reason: problem });
      out.policies.push({ document, source: { kind: "inline", policyName: p.name, via } });
    }
  };
  const groupPolicies = new Map<string, Collected>();
  for (const g of state.groups) {
    const out: Collected = { policies: [], unreadable: [] };
    const via = { type: "group" as const, groupName: g.name };
    attachedFor(g.attached, via, out);
    inlineFor(g.inline, via, out);
    groupPolicies.set(g.name.toLowerCase(), out);
  }
  const direct = { type: "user" as const };
  return (u) => {
    const out: Collected = { policies: [], unreadable: [] };
    attachedFor(u.attached, direct, out);
    inlineFor(u.inline, direct, out);
    for (const name of u.groups) {
      const group = groupPolicies.get(name.toLowerCase());
      if (!group) {
        out.unreadable.push({
          policyName: name,
          kind: "group",
          via: name,
          reason: "The user is in this group, but the snapshot does not have the group's policies.",
        });
        continue;
      }
      out.policies.push(...group.policies);
      out.unreadable.push(...group.unreadable);
    }
    return out;
  };
}

/** Users (by IAM user name) whose access Gatehouse cannot fully evaluate, with why. Derived from the state alone. */
export function unreadableByUser(state: AccountState): Record<string, UnreadablePolicy[]> {
  const collect = policyCollector(state);
  const out: Record<string, UnreadablePolicy[]> = {};
  for (const u of state.users) {
    const { unreadable } = collect(u);
    if (unreadable.length) out[u.name] = unreadable;
  }
  return out;
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
    // Policies we cannot read count as empty here; unreadableByUser() marks those users.
    const access = cache.accessForPolicySet(policiesOf(u).policies);
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
    services: [...services]
      .map(([service, serviceName]) => ({ service, serviceName }))
      .sort((a, b) => a.serviceName.localeCompare(b.serviceName)),
  };
}
