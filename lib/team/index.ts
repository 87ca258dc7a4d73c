import "server-only";
import type { z } from "zod";
import { db } from "@/lib/db";
import { audit } from "@/lib/audit";
import { UserError, NotFoundError } from "@/lib/errors";
import { generateOneTimePassword, hashPassword } from "@/lib/auth/password";
import { allowsPassword, isSignInMethod, type SignInMethod } from "@/lib/auth/sign-in-method";
import type { Actor } from "@/lib/auth/session";
import type { MemberRole } from "@/lib/auth/roles";
import { accountWaitSeconds, forgetAccountAttempts } from "@/lib/auth/throttle";
import { noPending, pendingAdmin, promotionNeedsApproval, requestPromotion } from "./promotion";
import { adminQuorum, coolingOffEnds, describeQuorum, othersInQuorum } from "./quorum";
import type { changeRoleSchema, inviteSchema, setDisabledSchema, unlockSchema } from "./team.schema";

export { decidePromotion } from "./promotion";
export { adminQuorum, describeQuorum, othersInQuorum, secondAdminNeeded } from "./quorum";
export { COOLING_OFF_DAYS } from "./shared";

export type MemberView = {
  id: string;
  email: string;
  name: string | null;
  role: MemberRole;
  disabled: boolean;
  signInMethod: SignInMethod | null;
  ssoLinked: boolean;
  lastSignInAt: string | null;
  /** A promotion to admin waiting for a second admin: who asked. */
  pendingAdminBy: string | null;
  /** Why that promotion still needs a second admin (lib/team/quorum.ts), or null if it no longer does. */
  pendingAdminWhy: string | null;
  /** A removed admin who still counts for the two-person rule: until when (ISO). */
  countedAsAdminUntil: string | null;
  /** Seconds until failed sign-ins let this member try again (0: not throttled). */
  signInWaitSeconds: number;
  /** Still on the one-time password they were given. */
  passwordMustChange: boolean;
};

export async function listMembers(): Promise<MemberView[]> {
  const [rows, quorum] = await Promise.all([
    db().member.findMany({ orderBy: { email: "asc" } }),
    adminQuorum(),
  ]);
  const waits = await accountWaitSeconds(rows.map((m) => m.id));
  const whyPending = (actor: string, subject: string) => {
    const others = othersInQuorum(quorum, { actor, subject });
    return others.length > 0 ? describeQuorum(others) : null;
  };
  const removedUntil = new Map(
    quorum.flatMap((a) => (a.until ? [[a.email, coolingOffEnds(a.until).toISOString()] as const] : [])),
  );
  return rows.map((m) => ({
    id: m.id,
    email: m.email,
    name: m.name,
    role: m.role as MemberRole,
    disabled: m.disabled,
    signInMethod: isSignInMethod(m.signInMethod) ? m.signInMethod : null,
    ssoLinked: m.ssoSubject !== null,
    lastSignInAt: m.lastSignInAt?.toISOString() ?? null,
    pendingAdminBy: m.pendingRole === "admin" ? m.pendingRoleBy : null,
    pendingAdminWhy:
      m.pendingRole === "admin" && m.pendingRoleBy ? whyPending(m.pendingRoleBy, m.email) : null,
    countedAsAdminUntil: removedUntil.get(m.email) ?? null,
    signInWaitSeconds: waits.get(m.id) ?? 0,
    passwordMustChange: m.passwordMustChange,
  }));
}

/** Adds a member. When the sign-in method allows a password, returns a one-time password to hand over (stored only as a hash). */
export async function inviteMember(
  input: z.infer<typeof inviteSchema>,
  actor: Actor,
): Promise<{ email: string; oneTimePassword: string | null; members: MemberView[] }> {
  const existing = await db().member.findUnique({ where: { email: input.email } });
  if (existing)
    throw new UserError(`${input.email} is already on the team.`, "CONFLICT", {
      email: ["Already on the team"],
    });
  const oneTimePassword = allowsPassword(input.signIn) ? generateOneTimePassword() : null;
  // An admin invited while another admin counts starts as an auditor until another admin approves.
  const waitsFor = input.role === "admin" ? await promotionNeedsApproval(actor, input.email) : null;
  const waits = waitsFor !== null;
  const member = await db().member.create({
    data: {
      email: input.email,
      name: input.name,
      role: waits ? "auditor" : input.role,
      ...(waits ? pendingAdmin(actor) : {}),
      invitedBy: actor.email,
      signInMethod: input.signIn,
      passwordHash: oneTimePassword ? await hashPassword(oneTimePassword) : null,
      passwordMustChange: Boolean(oneTimePassword),
    },
  });
  await audit({
    actor: actor.email,
    action: "team.invited",
    target: member.email,
    data: {
      role: member.role,
      signIn: input.signIn,
      ...(waitsFor ? { pendingRole: "admin", why: describeQuorum(waitsFor) } : {}),
    },
  });
  return { email: member.email, oneTimePassword, members: await listMembers() };
}

async function requireMember(id: string) {
  const member = await db().member.findUnique({ where: { id } });
  if (!member) throw new NotFoundError("That member no longer exists.");
  return member;
}

/** Refuses to take the role or access from an admin when no other active admin is left. */
async function keepOneAdmin(member: { id: string; role: string }, message: string): Promise<void> {
  if (member.role !== "admin") return;
  const others = await db().member.count({
    where: { role: "admin", disabled: false, id: { not: member.id } },
  });
  if (others === 0) throw new UserError(message);
}

export async function changeRole(
  input: z.infer<typeof changeRoleSchema>,
  actor: Actor,
): Promise<MemberView[]> {
  const member = await requireMember(input.memberId);
  if (member.role === input.role) return listMembers();
  await keepOneAdmin(member, "Gatehouse needs at least one active admin. Make someone else an admin first.");
  if (input.role === "admin") {
    const others = await promotionNeedsApproval(actor, member.email);
    if (others) {
      await requestPromotion(member.id, actor, others);
      return listMembers();
    }
  }
  // Any other role change replaces a promotion that was waiting. Demoting an active admin is
  // immediate, and they keep counting for the two-person rule for a while (quorum.ts).
  const removesAdmin = isActiveAdmin(member) && input.role !== "admin";
  const now = new Date();
  await db().member.update({
    where: { id: member.id },
    data: { role: input.role, ...noPending, ...(removesAdmin ? { adminEndedAt: now } : {}) },
  });
  await audit({
    actor: actor.email,
    action: "team.role_changed",
    target: member.email,
    data: {
      before: member.role,
      after: input.role,
      ...(member.pendingRole ? { pendingRoleDropped: member.pendingRole } : {}),
      ...(removesAdmin ? { countedAsAdminUntil: coolingOffEnds(now).toISOString() } : {}),
    },
  });
  return listMembers();
}

export async function setDisabled(
  input: z.infer<typeof setDisabledSchema>,
  actor: Actor,
): Promise<MemberView[]> {
  const member = await requireMember(input.memberId);
  if (input.disabled && member.id === actor.id) throw new UserError("You cannot turn off your own access.");
  if (input.disabled) await keepOneAdmin(member, "Gatehouse needs at least one active admin.");
  if (member.disabled === input.disabled) return listMembers();
  if (!input.disabled && member.role === "admin") {
    // Turning a disabled admin back on is a promotion: while another admin counts, access comes
    // back as auditor and the admin role waits for a second admin.
    const others = await promotionNeedsApproval(actor, member.email);
    if (others) {
      await db().member.update({ where: { id: member.id }, data: { disabled: false, role: "auditor" } });
      await audit({
        actor: actor.email,
        action: "team.enabled",
        target: member.email,
        data: { role: "auditor", before: "admin" },
      });
      await requestPromotion(member.id, actor, others);
      return listMembers();
    }
  }
  // Turning access off is immediate and also ends the member's sessions, so turning it back on does
  // not revive them. An admin turned off keeps counting for the two-person rule for a while.
  const removesAdmin = input.disabled && isActiveAdmin(member);
  const now = new Date();
  await db().member.update({
    where: { id: member.id },
    data: {
      disabled: input.disabled,
      ...(input.disabled ? { sessionGeneration: { increment: 1 } } : {}),
      ...(removesAdmin ? { adminEndedAt: now } : {}),
    },
  });
  await audit({
    actor: actor.email,
    action: input.disabled ? "team.disabled" : "team.enabled",
    target: member.email,
    data: {
      ...(removesAdmin ? { role: "admin", countedAsAdminUntil: coolingOffEnds(now).toISOString() } : {}),
    },
  });
  return listMembers();
}

const isActiveAdmin = (m: { role: string; disabled: boolean }) => m.role === "admin" && !m.disabled;

/** Lets a member whose failed sign-ins made them wait try again at once. */
export async function unlockMember(input: z.infer<typeof unlockSchema>, actor: Actor): Promise<MemberView[]> {
  const member = await requireMember(input.memberId);
  if (await forgetAccountAttempts(member.id))
    await audit({ actor: actor.email, action: "team.unlocked", target: member.email, data: {} });
  return listMembers();
}
