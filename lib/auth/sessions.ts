import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { isMemberRole, type MemberRole } from "./roles";

// Server-side sessions. The cookie is a signed JWT holding the id of a MemberSession row made
// at sign-in. A session counts only while (1) its row exists and is not revoked (the member
// signed out or ended it on the Account page), (2) its generation is the member's current
// sessionGeneration (a password change or reset, or losing access, ends every older session),
// (3) the member exists and is not disabled, and (4) it began less than SESSION_MAX_AGE_SECONDS
// ago. This is the one check: pages, actions and routes (through currentActor) and next-auth's
// own /api/auth/session (through the jwt callback) all call sessionActor.

export type Actor = { id: string; email: string; name: string | null; role: MemberRole };

/** The member behind a request's session, with that session. */
export type SignedIn = Actor & {
  sessionId: string;
  /** Signed in with a one-time password: nothing but choosing a new one is allowed. */
  passwordMustChange: boolean;
};

// lastSeenAt is for the Account page; writing it at most once a minute keeps reads read-only.
const TOUCH_EVERY_MS = 60_000;

export async function sessionActor(sessionId: unknown, now = new Date()): Promise<SignedIn | null> {
  if (typeof sessionId !== "string" || !sessionId || sessionId.length > 64) return null;
  const row = await db().memberSession.findUnique({ where: { id: sessionId }, include: { member: true } });
  if (!row || row.revokedAt) return null;
  const { member } = row;
  if (member.disabled || !isMemberRole(member.role) || row.generation !== member.sessionGeneration)
    return null;
  if (now.getTime() - row.createdAt.getTime() > env().SESSION_MAX_AGE_SECONDS * 1000) return null;
  if (now.getTime() - row.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await db().memberSession.updateMany({
      where: { id: row.id, revokedAt: null },
      data: { lastSeenAt: now },
    });
  }
  return {
    id: member.id,
    email: member.email,
    name: member.name,
    role: member.role,
    sessionId: row.id,
    passwordMustChange: member.passwordMustChange,
  };
}

/** A new session for a member who just signed in; returns its id for the JWT. */
export async function startSession(
  memberId: string,
  info: { method: string; userAgent?: string | null; address?: string | null },
  now = new Date(),
): Promise<string> {
  const member = await db().member.findUniqueOrThrow({
    where: { id: memberId },
    select: { sessionGeneration: true },
  });
  // Rows of sessions that can no longer count are kept only as long as a session could last.
  const expired = new Date(now.getTime() - env().SESSION_MAX_AGE_SECONDS * 1000);
  await db().memberSession.deleteMany({ where: { memberId, createdAt: { lt: expired } } });
  const row = await db().memberSession.create({
    data: {
      memberId,
      generation: member.sessionGeneration,
      method: info.method.slice(0, 32),
      userAgent: info.userAgent?.slice(0, 300) || null,
      address: info.address?.slice(0, 64) || null,
      createdAt: now,
      lastSeenAt: now,
    },
  });
  return row.id;
}

export type SessionView = {
  id: string;
  current: boolean;
  method: string;
  userAgent: string | null;
  address: string | null;
  createdAt: string;
  lastSeenAt: string;
};

/** The member's sessions that still count, newest first. */
export async function listSessions(
  actor: Pick<SignedIn, "id" | "sessionId">,
  now = new Date(),
): Promise<SessionView[]> {
  const member = await db().member.findUniqueOrThrow({
    where: { id: actor.id },
    select: { sessionGeneration: true },
  });
  const rows = await db().memberSession.findMany({
    where: {
      memberId: actor.id,
      revokedAt: null,
      generation: member.sessionGeneration,
      createdAt: { gte: new Date(now.getTime() - env().SESSION_MAX_AGE_SECONDS * 1000) },
    },
    orderBy: { createdAt: "desc" },
  });
  return rows.map((r) => ({
    id: r.id,
    current: r.id === actor.sessionId,
    method: r.method,
    userAgent: r.userAgent,
    address: r.address,
    createdAt: r.createdAt.toISOString(),
    lastSeenAt: r.lastSeenAt.toISOString(),
  }));
}

/** Ends one of the member's own sessions (or, with `allBut`, all others). Returns how many ended. */
export async function revokeSessions(
  memberId: string,
  which: { id: string } | { allBut: string },
  now = new Date(),
): Promise<number> {
  const where = "id" in which ? { id: which.id } : { id: { not: which.allBut } };
  const { count } = await db().memberSession.updateMany({
    where: { ...where, memberId, revokedAt: null },
    data: { revokedAt: now },
  });
  return count;
}
