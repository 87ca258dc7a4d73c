import type { AccessLevel } from "./catalog";
import type { PolicyDocument } from "./types";

/** How a policy reaches the user: attached to them directly, or through a group. */
export type Via = { type: "user" } | { type: "group"; groupName: string };

export interface PolicySource {
  kind: "inline" | "managed";
  policyName: string;
  policyArn?: string;
  via: Via;
}

export interface PrincipalPolicy {
  /** Parsed with parsePolicy. Reuse the same object for every user sharing the policy: it is the cache key. */
  document: PolicyDocument;
  source: PolicySource;
}

/** Which statement of which policy, and how it reaches the user. */
export interface StatementRef extends PolicySource {
  sid?: string;
  statementIndex: number;
}

/**
 * "all" when the statement allows Resource "*"; `{ allExcept }` for NotResource; otherwise the
 * resource patterns that concern this service (e.g. the billing bucket and its objects only).
 */
export type ResourceScope = "all" | { allExcept: string[] } | string[];

/**
 * A Deny that touches a grant. "removed": the Deny has no Condition and covers every resource
 * the grant names (a Deny on "*" always does), so its actions are taken out of the grant.
 * "partial": the Deny applies only to some resources or only under a Condition, so the
 * actions stay listed but some requests will be refused.
 */
export interface DenyRef extends StatementRef {
  impact: "removed" | "partial";
  /** How many of the grant's actions the Deny names. */
  actionCount: number;
  conditional: boolean;
}

export interface Grant {
  statement: StatementRef;
  /** Actions of this service and level the statement still grants once "removed" Denies are applied. */
  actionCount: number;
  /** A few of those actions, alphabetically, e.g. ["s3:GetObject", "s3:GetObjectAcl"]. */
  examples: string[];
  resourceScope: ResourceScope;
  /** The Allow statement has a Condition: access only in some circumstances (MFA, IP, tags...). */
  conditional: boolean;
  deniedBy: DenyRef[];
}

export interface ServiceAccess {
  service: string;
  serviceName: string;
  /** Highest level still granted (List < Read < Tagging < Write < Permissions management); null when Denies removed all. */
  level: AccessLevel | null;
  levels: Partial<Record<AccessLevel, Grant[]>>;
  /** Grants whose every action a Deny removed, kept to explain why access is missing. */
  fullyDenied: Grant[];
}
