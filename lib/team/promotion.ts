import "server-only";
import { db } from "@/lib/db";
import { audit } from "@/lib/audit";
import { NotFoundError, UserError } from "@/lib/errors";
import type { Actor } from "@/lib/auth/session";
import { describeQuorum, secondAdminNeeded, type QuorumAdmin } from "./quorum";

// Making someone an admin needs a second admin while the team has, or recently had, another
// admin (lib/team/quorum.ts; issue 12 #3): otherwise one admin could add a sock-puppet admin who
// approves everything. Re-enabling a disabled admin and restoring a demoted one are promotions too.
// The promotion waits on the member row (pendingRole = "admin"); another admin approves or
// rejects it. With nobody else to ask, it applies at once.

/** The admins that make `actor`'s promotion of `subject` wait, or null when it applies at once. */
export async function promotionNeedsApproval(actor: Actor, subject: string): Promise<QuorumAdmin[] | null> {
  return secondAdminNeeded({ actor: actor.email, subject });
}

/** Fields that make `memberId` wait for a second admin's approval of the admin role. */
export const pendingAdmin = (actor: Actor) => ({
  pendingRole: "admin",
  pendingRoleBy: actor.email,
  pendingRoleAt: new Date(),
});

export const noPending = { pendingRole: null, pendingRoleBy: null, pendingRoleAt: null };

export async function requestPromotion(
  memberId: string,
  actor: Actor,
  waitsFor: QuorumAdmin[],
): Promise<void> {
  const member = await db().member.update({ where: { id: memberId }, data: pendingAdmin(actor) });
  await audit({
    actor: actor.email,
    action: "team.promotion_requested",
    target: member.email,
    data: { from: member.role, to: "admin", why: describeQuorum(waitsFor) },
  });
}

export async function decidePromotion(
  input: { memberId: string; approve: boolean },
  actor: Actor,
): Promise<void> {
  const member = await db().member.findUnique({ where: { id: input.memberId } });
  if (!member) throw new NotFoundError("That member no longer exists.");
  if (member.pendingRole !== "admin" || !member.pendingRoleBy)
    throw new UserError(`${member.email} has no promotion waiting.`, "CONFLICT");
  if (input.approve) {
    if (member.pendingRoleBy === actor.email)
      throw new UserError("Another admin must approve a promotion you asked for.", "FORBIDDEN");
    if (member.id === actor.id) throw new UserError("You cannot approve your own promotion.", "FORBIDDEN");
    if (member.disabled)
      throw new UserError(`${member.email}'s access is off; turn it on first.`, "CONFLICT");
  }
  // Conditional on the same pending request, so a concurrent decision or role change wins once.
  const { count } = await db().member.updateMany({
    where: {
      id: member.id,
      pendingRole: "admin",
      pendingRoleBy: member.pendingRoleBy,
      pendingRoleAt: member.pendingRoleAt,
    },
    data: { ...noPending, ...(input.approve ? { role: "admin" } : {}) },
  });
  if (count === 0) throw new UserError(`${member.email}'s promotion changed meanwhile; reload.`, "CONFLICT");
  await audit({
    actor: actor.email,
    action: input.approve ? "team.promotion_approved" : "team.promotion_rejected",
    target: member.email,
    data: {
      from: member.role,
      to: "admin",
      requestedBy: member.pendingRoleBy,
      requestedAt: member.pendingRoleAt?.toISOString() ?? null,
    },
  });
}
