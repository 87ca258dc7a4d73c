import "server-only";
import { redirect } from "next/navigation";
import { currentActor, type Actor } from "./session";
import { hasRole, type Role } from "./roles";

/**
 * For pages: the signed-in member with at least `role`. Without a session it sends the
 * browser to sign-in; with too small a role, to a page that says so. (Actions and route
 * handlers use requireActor, which refuses with a typed error instead.)
 */
export async function pageActor(role: Role = "auditor"): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) redirect("/signin");
  if (!hasRole(actor.role, role)) redirect(`/forbidden?needs=${role}`);
  return actor;
}
