// App roles, lowest to highest. Each role can do everything the roles below it can.
export const ROLES = ["auditor", "operator", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  auditor: "Auditor — reads everything, changes nothing",
  operator: "Operator — proposes changes",
  admin: "Admin — approves, executes, manages the team",
};

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

export function hasRole(actual: Role, required: Role): boolean {
  return ROLES.indexOf(actual) >= ROLES.indexOf(required);
}
