import type { Accounts, OrgAccount, Organization, OrgUnit } from "../model/accounts";
import { randomString, seededRng, withRng } from "../model/ids";
import type { Ctx } from "../model/state";
import type { State } from "../model/types";
import { seedContext } from "./context";
import { addManagementReader, addMemberRoles } from "./member-roles";

// Builds an organization seed: the accounts' IAM states and the AWS Organization over them, with
// ids in Organizations' formats, the same for the same seed number (a reset gives the same ids,
// keys and passwords).

export interface AccountPlan {
  id: string;
  name: string;
  email: string;
  /** the OU path it sits in ("Workloads/Prod"); absent = the root */
  ou?: string;
  /** fills the account's IAM (users, groups, …); Gatehouse's roles and policies are added after */
  build: (ctx: Ctx) => void;
}

const LOWER_ALNUM = "abcdefghijklmnopqrstuvwxyz0123456789";
const DAY = 24 * 3600 * 1000;

/** OUs for every path named (and their parents), in the order first named. */
function organizationalUnits(plans: AccountPlan[], rootId: string): Map<string, OrgUnit> {
  const ous = new Map<string, OrgUnit>();
  const suffix = rootId.slice(2);
  for (const path of plans.flatMap((p) => (p.ou ? [p.ou] : []))) {
    let parentId = rootId;
    const parts = path.split("/");
    parts.forEach((name, i) => {
      const key = parts.slice(0, i + 1).join("/");
      if (!ous.has(key))
        ous.set(key, { id: `ou-${suffix}-${randomString(8, LOWER_ALNUM)}`, name, parentId, tags: [] });
      parentId = ous.get(key)!.id;
    });
  }
  return ous;
}

/**
 * `plans[0]` is the management account (at the root, joined by invitation: it made the
 * organization); the others are member accounts Organizations created.
 */
export function buildOrganization(plans: AccountPlan[], seed: number, now = Date.now()): Accounts {
  const [management, ...members] = plans;
  const org = withRng(seededRng(seed), () => {
    const rootId = `r-${randomString(4, LOWER_ALNUM)}`;
    const ous = organizationalUnits(plans, rootId);
    const accounts: OrgAccount[] = plans.map((p, i) => ({
      id: p.id,
      name: p.name,
      email: p.email,
      parentId: p.ou ? ous.get(p.ou)!.id : rootId,
      joinedMethod: i === 0 ? "INVITED" : "CREATED",
      joined: now - (400 - i) * DAY,
      tags: [],
    }));
    const organization: Organization = {
      id: `o-${randomString(10, LOWER_ALNUM)}`,
      rootId,
      rootTags: [],
      managementAccountId: management.id,
      accounts,
      ous: [...ous.values()],
    };
    return organization;
  });
  // Each account draws from its own seeded sequence, so no two accounts share a key id.
  const stateOf = (plan: AccountPlan, i: number): State =>
    withRng(seededRng(seed + 1 + i), () => {
      const ctx = seedContext(plan.id, now);
      plan.build(ctx);
      if (i === 0) addManagementReader(ctx);
      else addMemberRoles(ctx, management.id);
      return ctx.state;
    });
  return {
    management: stateOf(management, 0),
    members: new Map(members.map((p, i) => [p.id, stateOf(p, i + 1)])),
    organization: org,
  };
}
