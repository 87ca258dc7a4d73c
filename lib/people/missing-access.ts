/**
 * What a person lacks of their job role, in words ("group DevOps", "console access", "a user in
 * staging"): the person page offers "Add missing access" only when this is not empty, and says
 * it. Pure: the page passes the job role and what IAM holds now (live reads).
 */

/** The job role's grants, as lib/job-roles lists them (accounts null = the app's own account). */
export type JobRoleGrants = {
  groupName: string;
  console: boolean;
  programmatic: boolean;
  accounts: string[] | null;
};

/** The person's user in one account as read now; `user` null when they have none there. */
export type AccountHolding = {
  accountId: string;
  accountName: string;
  user: {
    groups: string[];
    console: { enabled: boolean };
    accessKeys: { status: string }[];
  } | null;
};

/**
 * The missing items, one account after another in the job role's order. Accounts the job role
 * names but whose holding is not known (unreachable, not managed) are left out: nothing is said
 * to be missing that was not read.
 */
export function missingAccess(role: JobRoleGrants, holdings: AccountHolding[], homeId: string): string[] {
  const accounts = role.accounts ?? [homeId];
  const several = accounts.length > 1;
  return accounts.flatMap((id) => {
    const held = holdings.find((h) => h.accountId === id);
    if (!held) return [];
    const where = several || id !== homeId ? ` in ${held.accountName}` : "";
    const { user } = held;
    if (!user) return [`a user${where}`];
    const items: string[] = [];
    if (!user.groups.some((g) => g.toLowerCase() === role.groupName.toLowerCase()))
      items.push(`group ${role.groupName}`);
    if (role.console && !user.console.enabled) items.push("console access");
    if (role.programmatic && !user.accessKeys.some((k) => k.status === "Active")) items.push("an access key");
    return items.map((i) => `${i}${where}`);
  });
}
