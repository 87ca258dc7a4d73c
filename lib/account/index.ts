import "server-only";
import type { z } from "zod";
import { db } from "@/lib/db";
import { audit } from "@/lib/audit";
import { fieldError, UserError } from "@/lib/errors";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { newPasswordProblem } from "@/lib/auth/password-policy";
import { accountKey, forgetAccountAttempts, reserveAttempt } from "@/lib/auth/throttle";
import { listSessions, revokeSessions, type SignedIn, type SessionView } from "@/lib/auth/sessions";
import type { changePasswordSchema, endSessionSchema } from "./account.schema";

// The signed-in member's own account: their password and their sessions.

/**
 * Changes the member's own password (also the forced change after a one-time password). The
 * current password is checked under the same throttle as sign-in, so a stolen session cannot
 * be used to guess it. Every other session of the member ends; this one continues.
 */
export async function changeOwnPassword(
  input: z.infer<typeof changePasswordSchema>,
  actor: SignedIn,
): Promise<{ changed: true }> {
  const member = await db().member.findUniqueOrThrow({ where: { id: actor.id } });
  if (!member.passwordHash)
    throw new UserError("You sign in with SSO; Gatehouse holds no password for you to change.");
  const reservation = await reserveAttempt([accountKey(member.id)]);
  if (!reservation.ok)
    throw new UserError(
      `Too many wrong passwords. Try again in ${waitText(reservation.retryAfterSeconds)}.`,
      "RATE_LIMITED",
    );
  if (!(await verifyPassword(member.passwordHash, input.current))) {
    await audit({
      actor: actor.email,
      action: "auth.password_change_failed",
      target: actor.email,
      data: { reason: "wrong current password" },
    });
    throw fieldError("current", "That is not your current password.");
  }
  await forgetAccountAttempts(member.id);
  const problem = await newPasswordProblem(input.next, {
    email: member.email,
    name: member.name,
    currentHash: member.passwordHash,
  });
  if (problem) throw fieldError("next", problem);
  const passwordHash = await hashPassword(input.next);
  await db().$transaction(async (tx) => {
    // The new generation ends every other session; this session's row moves to it.
    const updated = await tx.member.update({
      where: { id: member.id },
      data: { passwordHash, passwordMustChange: false, sessionGeneration: { increment: 1 } },
    });
    await tx.memberSession.update({
      where: { id: actor.sessionId },
      data: { generation: updated.sessionGeneration },
    });
  });
  await audit({
    actor: actor.email,
    action: "auth.password_changed",
    target: actor.email,
    data: { wasOneTime: member.passwordMustChange, otherSessionsEnded: true },
  });
  return { changed: true };
}

export async function mySessions(actor: SignedIn): Promise<SessionView[]> {
  return listSessions(actor);
}

export async function endOwnSession(
  input: z.infer<typeof endSessionSchema>,
  actor: SignedIn,
): Promise<SessionView[]> {
  const ended = await revokeSessions(actor.id, { id: input.sessionId });
  if (ended)
    await auditSessionsEnded(actor, {
      session: input.sessionId,
      current: input.sessionId === actor.sessionId,
    });
  return listSessions(actor);
}

export async function endOtherOwnSessions(_input: unknown, actor: SignedIn): Promise<SessionView[]> {
  const ended = await revokeSessions(actor.id, { allBut: actor.sessionId });
  if (ended) await auditSessionsEnded(actor, { sessions: ended, current: false });
  return listSessions(actor);
}

/** A member ended sessions of their own: the audit entry names them as actor and target. */
function auditSessionsEnded(actor: SignedIn, data: Record<string, unknown>) {
  return audit({ actor: actor.email, action: "auth.session_ended", target: actor.email, data });
}

export function waitText(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}
