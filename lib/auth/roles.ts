// Member roles (a Gatehouse member's rights in this app, not a job role and not an IAM role),
// lowest to highest. Each role can do everything the roles below it can.
export const MEMBER_ROLES = ["auditor", "operator", "admin"] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

export const MEMBER_ROLE_LABELS: Record<MemberRole, string> = {
  auditor: "Auditor — reads everything, changes nothing",
  operator: "Operator — proposes changes",
  admin: "Admin — approves, executes, manages the team",
};

export function isMemberRole(value: unknown): value is MemberRole {
  return typeof value === "string" && (MEMBER_ROLES as readonly string[]).includes(value);
}

export function hasRole(actual: MemberRole, required: MemberRole): boolean {
  return MEMBER_ROLES.indexOf(actual) >= MEMBER_ROLES.indexOf(required);
}
