import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentActor } from "@/lib/auth/session";
import { CHANGE_PASSWORD_PATH } from "@/lib/auth/page";
import { ssoConfigured, ssoName } from "@/lib/auth/options";
import { SignInForm } from "@/components/auth/signin-form";
import { safeRedirectPath } from "@/lib/auth/redirect";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ error?: string; callbackUrl?: string }>;
}) {
  const actor = await currentActor().catch(() => null);
  if (actor) redirect(actor.passwordMustChange ? CHANGE_PASSWORD_PATH : "/people");
  const { error, callbackUrl } = await searchParams;
  // Only a path on this site: an open redirect after sign-in would be a phishing aid.
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm">
        <h1 className="text-center text-2xl font-semibold tracking-tight">Sign in to Gatehouse</h1>
        <p className="mt-2 text-center text-sm text-slate-600">
          Your company&apos;s AWS access, approved and audited.
        </p>
        <div className="mt-8 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          <SignInForm
            sso={ssoConfigured() ? ssoName() : null}
            initialError={error ?? null}
            callbackUrl={safeRedirectPath(callbackUrl)}
          />
        </div>
      </div>
    </main>
  );
}
