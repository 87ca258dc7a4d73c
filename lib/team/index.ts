import "server-only";
import type { z } from "zod";
import { db } from "@/lib/db";
import { audit } from "@/lib/audit";
import { UserError, NotFoundError } from "@/lib/actions/errors";
import { generatePassword, hashPassword } from "@/lib/auth/password";
import { allowsPassword, isSignInMethod, type SignInMethod } from "@/lib/auth/sign-in-method";
import type { Actor } from "@/lib/auth/session";
import type { Role } from "@/lib/auth/roles";
import { accountWaitSeconds, forgetAccountAttempts } from "@/lib/auth/throttle";
import { noPending, pendingAdmin, promotionNeedsApproval, requestPromotion } from "./promotion";
import type { changeRoleSchema, inviteSchema, setDisabledSchema, unlockSchema } from "./team.schema";

export { decidePromotion } from "./promotion";

export type MemberView = {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  disabled: boolean;
  signInMethod: SignInMethod | null;
  ssoLinked: boolean;
  lastSignInAt: string | null;
  /** A promotion to admin waiting for a second admin: who asked. */
  pendingAdminBy: string | null;
  /** Seconds until failed sign-ins let this member try again (0: not throttled). */
  signInWaitSeconds: number;
  /** Still on the one-time password they were given. */
  passwordMustChange: boolean;
};

export async function listMembers(): Promise<MemberView[]> {
  const rows = await db().member.findMany({ orderBy: { email: "asc" } });
  const waits = await accountWaitSeconds(rows.map((m) => m.id));
  return rows.map((m) => ({
    id: m.id,
    email: m.email,
    name: m.name,
    role: m.role as Role,
    disabled: m.disabled,
    signInMethod: isSignInMethod(m.signInMethod) ? m.signInMethod : null,
    ssoLinked: m.ssoSubject !== null,
    lastSignInAt: m.lastSignInAt?.toISOString() ?? null,
    pendingAdminBy: m.pendingRole === "admin" ? m.pendingRoleBy : null,
    signInWaitSeconds: waits.get(m.id) ?? 0,
    passwordMustChange: m.passwordMustChange,
  }));
}

/** Adds a member. When the sign-in method allows a password, returns a one-time password to hand over (stored only as a hash). */
export async function inviteMember(input: z.infer<typeof inviteSchema>, actor: Actor): Promise<{ email: string; oneTimePassword: string | null; members: MemberView[] }> {
  const existing = await db().member.findUnique({ where: { email: input.email } });
  if (existing) throw new UserError(`${input.email} is already on the team.`, "CONFLICT", { email: ["Already on the team"] });
  const oneTimePassword = allowsPassword(input.signIn) ? generatePassword() : null;
  // An admin invited into a team of two or more admins starts as an auditor until another admin approves.
  const waits = input.role === "admin" && (await promotionNeedsApproval());
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
  await audit({ actor: actor.email, action: "team.invite", target: member.email, data: { role: member.role, signIn: input.signIn, ...(waits ? { pendingRole: "admin" } : {}) } });
  return { email: member.email, oneTimePassword, members: await listMembers() };
}

async function otherActiveAdmins(memberId: string): Promise<number> {
  return db().member.count({ where: { role: "admin", disabled: false, id: { not: memberId } } });
}

export async function changeRole(input: z.infer<typeof changeRoleSchema>, actor: Actor): Promise<MemberView[]> {
  const member = await db().member.findUnique({ where: { id: input.memberId } });
  if (!member) throw new NotFoundError("That member no longer exists.");
  if (member.role === input.role) return listMembers();
  if (member.role === "admin" && (await otherActiveAdmins(member.id)) === 0) {
    throw new UserError("Gatehouse needs at least one active admin. Make someone else an admin first.");
  }
  if (input.role === "admin" && (await promotionNeedsApproval())) {
    await requestPromotion(member.id, actor);
    return listMembers();
  }
  // Any other role change replaces a promotion that was waiting.
  await db().member.update({ where: { id: member.id }, data: { role: input.role, ...noPending } });
  await audit({ actor: actor.email, action: "team.role_changed", target: member.email, data: { before: member.role, after: input.role, ...(member.pendingRole ? { pendingRoleDropped: member.pendingRole } : {}) } });
  return listMembers();
}

export async function setDisabled(input: z.infer<typeof setDisabledSchema>, actor: Actor): Promise<MemberView[]> {
  const member = await db().member.findUnique({ where: { id: input.memberId } });
  if (!member) throw new NotFoundError("That member no longer exists.");
  if (input.disabled && member.id === actor.id) throw new UserError("You cannot turn off your own access.");
  if (input.disabled && member.role === "admin" && (await otherActiveAdmins(member.id)) === 0) {
    throw new UserError("Gatehouse needs at least one active admin.");
  }
  if (member.disabled === input.disabled) return listMembers();
  // Turning access off also ends the member's sessions, so turning it back on does not revive them.
  await db().member.update({ where: { id: member.id }, data: { disabled: input.disabled, ...(input.disabled ? { sessionGeneration: { increment: 1 } } : {}) } });
  await audit({ actor: actor.email, action: input.disabled ? "team.disabled" : "team.enabled", target: member.email, data: {} });
  return listMembers();
}

/** Lets a member whose failed sign-ins made them wait try again at once. */
export async function unlockMember(input: z.infer<typeof unlockSchema>, actor: Actor): Promise<MemberView[]> {
  const member = await db().member.findUnique({ where: { id: input.memberId } });
  if (!member) throw new NotFoundError("That member no longer exists.");
  if (await forgetAccountAttempts(member.id)) await audit({ actor: actor.email, action: "team.unlocked", target: member.email, data: {} });
  return listMembers();
}
