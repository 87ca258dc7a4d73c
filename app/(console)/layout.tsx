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
import { Sidebar } from "@/components/shell/sidebar";
import { ThemeToggle } from "@/components/shell/theme-toggle";
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
      {/* The first thing the keyboard reaches: past the banner and the navigation. */}
      <a
        href="#content"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded-md focus:bg-white focus:px-3 focus:py-2 focus:text-sm focus:font-medium focus:text-indigo-700 focus:shadow"
      >
        Skip to content
      </a>
      <ModeBanner status={status} />
      <div className="flex flex-1 flex-col md:flex-row">
        <Sidebar>
          <Nav awaiting={awaiting} />
          <div>
            <UserMenu email={actor.email} role={actor.role} />
            <ThemeToggle />
          </div>
        </Sidebar>
        <main id="content" tabIndex={-1} className="min-w-0 flex-1 px-4 py-6 outline-none md:px-8">
          {children}
        </main>
      </div>
    </div>
  );
}
