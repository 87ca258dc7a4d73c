import "server-only";
import { redirect } from "next/navigation";
import { currentActor, type SignedIn } from "./session";
import { hasRole, type MemberRole } from "./roles";

/** Where a member who signed in with a one-time password is sent until they choose their own. */
export const CHANGE_PASSWORD_PATH = "/change-password";

/**
 * For pages: the signed-in member with at least `role`. Without a session it sends the
 * browser to sign-in; with a one-time password still in use, to the forced change; with too
 * small a role, to a page that says so. (Actions and route handlers use requireActor, which
 * refuses with a typed error instead.)
 */
export async function pageActor(role: MemberRole = "auditor"): Promise<SignedIn> {
  const actor = await currentActor();
  if (!actor) redirect("/signin");
  if (actor.passwordMustChange) redirect(CHANGE_PASSWORD_PATH);
  if (!hasRole(actor.role, role)) redirect(`/forbidden?needs=${role}`);
  return actor;
}
