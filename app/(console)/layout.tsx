import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { currentActor, type SignedIn } from "@/lib/auth/session";
import { CHANGE_PASSWORD_PATH } from "@/lib/auth/page";
import { connectionStatus } from "@/lib/iam/server";
import { awaitingCount } from "@/lib/changes";
import { isDatabaseUnavailable } from "@/lib/errors";
import { Nav } from "@/components/shell/nav";
import { ModeBanner } from "@/components/shell/mode-banner";
import { UserMenu } from "@/components/shell/user-menu";
import { DatabaseUnavailable } from "@/components/shell/database-unavailable";

// Every console page depends on the signed-in member and live IAM state: never prerender.
export const dynamic = "force-dynamic";

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  let actor: SignedIn | null;
  try {
    actor = await currentActor();
  } catch (e) {
    if (isDatabaseUnavailable(e)) return <DatabaseUnavailable />;
    throw e;
  }
  if (!actor) redirect("/signin");
  // A one-time password still in use: nothing in the console until the member chooses their own
  // (actions and routes refuse too, in requireActor).
  if (actor.passwordMustChange) redirect(CHANGE_PASSWORD_PATH);
  const [status, awaiting] = await Promise.all([connectionStatus(), awaitingCount(actor)]);
  return (
    <div className="flex min-h-screen flex-col">
      <ModeBanner status={status} />
      <div className="flex flex-1">
        <aside className="flex w-60 shrink-0 flex-col justify-between bg-slate-900 px-3 py-4">
          <div>
            <div className="mb-6 px-3 text-lg font-semibold text-white">Gatehouse</div>
            <Nav awaiting={awaiting} />
          </div>
          <UserMenu email={actor.email} role={actor.role} />
        </aside>
        <main className="min-w-0 flex-1 px-8 py-6">{children}</main>
      </div>
    </div>
  );
}
