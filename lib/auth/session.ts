import "server-only";
import { cache } from "react";
import { getServerSession, type Session } from "next-auth";
import { AuthError } from "@/lib/errors";
import { authOptions } from "./options";
import { hasRole, type MemberRole } from "./roles";
import { sessionActor, type Actor, type SignedIn } from "./sessions";

export type { Actor, SignedIn };

/**
 * The signed-in member, read fresh from the database on each request so a role change, a
 * disabled account or an ended session takes effect at once, not when the cookie expires.
 * (The checks are in lib/auth/sessions.ts; next-auth's /api/auth/session applies the same.)
 */
export const currentActor = cache(async (): Promise<SignedIn | null> => {
  const session = (await getServerSession(authOptions())) as (Session & { sid?: unknown }) | null;
  return session ? sessionActor(session.sid) : null;
});

const PASSWORD_CHANGE_REQUIRED =
  "Choose a new password first: the one you signed in with was for one use only.";

/**
 * For actions and routes. A member who signed in with a one-time password is refused
 * everything until they choose their own, except what passes `allowPasswordChange` (the
 * change itself).
 */
export async function requireActor(
  role: MemberRole,
  opts: { allowPasswordChange?: boolean } = {},
): Promise<SignedIn> {
  const actor = await currentActor();
  if (!actor) throw new AuthError("UNAUTHENTICATED");
  if (actor.passwordMustChange && !opts.allowPasswordChange)
    throw new AuthError("FORBIDDEN", PASSWORD_CHANGE_REQUIRED);
  if (!hasRole(actor.role, role))
    throw new AuthError("FORBIDDEN", `This needs the ${role} role; you are ${actor.role}.`);
  return actor;
}
