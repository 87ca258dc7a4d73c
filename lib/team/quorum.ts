import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { COOLING_OFF_DAYS } from "./cooling-off";

// The one answer to "does this decision need a second admin?" (issue 12 #3). Every two-person
// decision asks it: single-admin mode (Settings and when an approval is counted), promoting or
// inviting an admin, re-enabling a disabled admin.
//
// Removing an admin (demote, access off) is immediate: locking out a compromised admin must not
// wait. But the removed admin still counts here for COOLING_OFF_DAYS afterwards, so demoting or
// turning off the only other admin does not leave the remaining one able to act alone (turn on
// single-admin mode, self-approve, promote a sock puppet).
//
// Break-glass: SINGLE_ADMIN_MODE=true in the server's environment (someone with server access
// decides) means no decision needs a second admin.

export { COOLING_OFF_DAYS };
const COOLING_OFF_MS = COOLING_OFF_DAYS * 24 * 3600 * 1000;

/** An admin the two-person rule counts: active now (`until` null), or removed within the window. */
export type QuorumAdmin = { email: string; until: Date | null };

/** Active admins, then those who stopped being one within the cooling-off window. */
export async function adminQuorum(now = new Date()): Promise<QuorumAdmin[]> {
  const rows = await db().member.findMany({
    where: {
      OR: [
        { role: "admin", disabled: false },
        { adminEndedAt: { gt: new Date(now.getTime() - COOLING_OFF_MS) } },
      ],
    },
    select: { email: true, role: true, disabled: true, adminEndedAt: true },
    orderBy: { email: "asc" },
  });
  return rows.map((m) => ({
    email: m.email,
    until: m.role === "admin" && !m.disabled ? null : m.adminEndedAt,
  }));
}

/**
 * The admins, other than `actor` and `subject` (the member the decision is about), who make the
 * team multi-admin for this decision: empty when the actor may decide alone.
 */
export function othersInQuorum(
  quorum: QuorumAdmin[],
  who: { actor: string; subject?: string },
): QuorumAdmin[] {
  if (env().SINGLE_ADMIN_MODE) return [];
  return quorum.filter((a) => a.email !== who.actor && a.email !== who.subject);
}

/** Does `actor`'s decision (about `subject`) need a second admin? The admins that make it so, or null. */
export async function secondAdminNeeded(who: {
  actor: string;
  subject?: string;
}): Promise<QuorumAdmin[] | null> {
  const others = othersInQuorum(await adminQuorum(), who);
  return others.length > 0 ? others : null;
}

/** When a removed admin stops counting. */
export const coolingOffEnds = (until: Date) => new Date(until.getTime() + COOLING_OFF_MS);

/** Why a second admin is needed, for messages: "bob@… is an active admin; carol@… was an admin until …". */
export function describeQuorum(others: QuorumAdmin[]): string {
  return others
    .map((a) =>
      a.until
        ? `${a.email} was an admin until ${a.until.toISOString().slice(0, 16).replace("T", " ")} UTC (counted for ${COOLING_OFF_DAYS} days after)`
        : `${a.email} is an active admin`,
    )
    .join("; ");
}
