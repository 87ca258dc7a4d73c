import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentActor } from "@/lib/auth/session";
import { ChangePasswordForm } from "@/components/account/change-password-form";
import { SignOutLink } from "@/components/auth/signout-link";

export const metadata: Metadata = { title: "Choose your password" };
export const dynamic = "force-dynamic";

// Where a member who signed in with a one-time password must go first. The server refuses
// them everything else (lib/auth/session.ts), so this page is the only way on.
export default async function ChangePasswordPage() {
  const actor = await currentActor();
  if (!actor) redirect("/signin");
  if (!actor.passwordMustChange) redirect("/account");
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-md">
        <h1 className="text-center text-2xl font-semibold tracking-tight">Choose your password</h1>
        <p className="mt-2 text-center text-sm text-slate-600">
          The password you signed in with was for one use only. Choose your own to continue; your other
          sessions will end.
        </p>
        <div className="mt-8 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          <ChangePasswordForm forced email={actor.email} />
        </div>
        <p className="mt-4 text-center">
          <SignOutLink />
        </p>
      </div>
    </main>
  );
}
