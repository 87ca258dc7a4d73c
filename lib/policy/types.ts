/** Types shared by every module of lib/policy. Documents are always in their normalised form. */

export type PolicyVersion = "2012-10-17" | "2008-10-17";
export type Effect = "Allow" | "Deny";

/** Principal as written in trust/resource policies, every value normalised to an array. */
export type Principal =
  "*" | { AWS?: string[]; Service?: string[]; Federated?: string[]; CanonicalUser?: string[] };

/** operator (e.g. "StringLike", "ForAnyValue:StringEquals") → context key → values (as strings). */
export type ConditionBlock = Record<string, Record<string, string[]>>;

export interface Statement {
  Sid?: string;
  Effect: Effect;
  Principal?: Principal;
  NotPrincipal?: Principal;
  Action?: string[];
  NotAction?: string[];
  Resource?: string[];
  NotResource?: string[];
  Condition?: ConditionBlock;
}

export interface PolicyDocument {
  /** Absent means AWS's default, 2008-10-17 (policy variables are then literal text). */
  Version?: PolicyVersion;
  Id?: string;
  Statement: Statement[];
}

/** Identity policies attach to users/groups/roles; trust policies are a role's AssumeRolePolicyDocument. */
export type PolicyKind = "identity" | "resource" | "trust";

/** A problem found in a document; `path` points into it, e.g. "Statement[1].Effect". */
export interface Finding {
  code: string;
  message: string;
  path: string;
}
