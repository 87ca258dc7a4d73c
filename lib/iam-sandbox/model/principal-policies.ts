import { parsePolicy, type PolicyDocument, type PolicyInput } from "@/lib/policy";
import type { Group, InlinePolicy, Role, State, User } from "./types";

// The policies that decide what a principal may do, in the shape lib/policy's evaluator takes.
// Both the server's authorization (auth/authorize.ts) and SimulatePrincipalPolicy read them
// here, so a simulation answers what a real call would.

/** Where a statement came from, as SimulatePrincipalPolicy names it (SourcePolicyId/Type). */
export interface PolicySource {
  id: string;
  type: "user" | "group" | "role" | "aws-managed" | "user-managed" | "none";
  /** the policy text, for the statement positions Simulate* report */
  text: string;
}

export type SourcedPolicy = PolicyInput<PolicySource>;

export interface PrincipalPolicies {
  identity: SourcedPolicy[];
  /** the permissions boundary, when the user or role has one */
  boundary?: SourcedPolicy;
}

// Parsing is the costly part and policy texts repeat (every member of a group, every request of
// a caller), so parsed documents are kept by text. Stored texts were validated when written.
const parsed = new Map<string, PolicyDocument>();
const EMPTY: PolicyDocument = { Version: "2012-10-17", Statement: [] };

export function documentOf(text: string, kind: "identity" | "trust" = "identity"): PolicyDocument {
  const key = kind === "trust" ? `trust:${text}` : text;
  let doc = parsed.get(key);
  if (!doc) {
    const result = parsePolicy(text, { kind });
    doc = result.ok ? result.document : EMPTY;
    if (parsed.size >= 5_000) parsed.clear();
    parsed.set(key, doc);
  }
  return doc;
}

export function sourced(id: string, type: PolicySource["type"], text: string): SourcedPolicy {
  return { document: documentOf(text), source: { id, type, text } };
}

function managed(s: State, arns: readonly string[]): SourcedPolicy[] {
  return arns.flatMap((a) => {
    const p = s.policies.get(a);
    if (!p) return [];
    return [
      sourced(
        p.name,
        p.awsManaged ? "aws-managed" : "user-managed",
        p.versions.get(p.defaultVersion)!.document,
      ),
    ];
  });
}

function inline(m: Map<string, InlinePolicy>, type: PolicySource["type"]): SourcedPolicy[] {
  return [...m.values()].map((p) => sourced(p.name, type, p.document));
}

function boundary(s: State, policyArn: string | undefined): SourcedPolicy | undefined {
  return policyArn ? managed(s, [policyArn])[0] : undefined;
}

export function groupPolicies(s: State, g: Group): PrincipalPolicies {
  return { identity: [...inline(g.inline, "group"), ...managed(s, g.attached)] };
}

/** A user's own policies, then each group's in the order joined. */
export function userPolicies(s: State, u: User): PrincipalPolicies {
  const identity = [...inline(u.inline, "user"), ...managed(s, u.attached)];
  for (const name of u.groups) {
    const g = s.groups.get(name);
    if (g) identity.push(...groupPolicies(s, g).identity);
  }
  return { identity, boundary: boundary(s, u.permissionsBoundary) };
}

export function rolePolicies(s: State, r: Role): PrincipalPolicies {
  return {
    identity: [...inline(r.inline, "role"), ...managed(s, r.attached)],
    boundary: boundary(s, r.permissionsBoundary),
  };
}
