import "server-only";
import { cache } from "react";
import { getServerSession, type Session } from "next-auth";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { AuthError } from "@/lib/actions/errors";
import { authOptions } from "./options";
import { hasRole, isRole, type Role } from "./roles";

export type Actor = { id: string; email: string; name: string | null; role: Role };

/**
 * The signed-in member, read fresh from the database on each request so a role change or a
 * disabled account takes effect at once, not when the session cookie expires.
 */
export const currentActor = cache(async (): Promise<Actor | null> => {
  const session = (await getServerSession(authOptions())) as (Session & { signedInAt?: unknown; generation?: unknown }) | null;
  const email = session?.user?.email;
  if (!email) return null;
  const member = await db().member.findUnique({ where: { email } });
  if (!member || member.disabled || !isRole(member.role)) return null;
  // A session begun before the member's last sign-out, password reset or loss of access is
  // over, wherever its cookie went. And however often the cookie is refreshed, a session lasts
  // at most SESSION_MAX_AGE_SECONDS from sign-in.
  if (session?.generation !== member.sessionGeneration) return null;
  if (typeof session.signedInAt !== "number" || Date.now() - session.signedInAt > env().SESSION_MAX_AGE_SECONDS * 1000) return null;
  return { id: member.id, email: member.email, name: member.name, role: member.role };
});

export async function requireActor(role: Role): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) throw new AuthError("UNAUTHENTICATED");
  if (!hasRole(actor.role, role)) throw new AuthError("FORBIDDEN", `This needs the ${role} role; you are ${actor.role}.`);
  return actor;
}
