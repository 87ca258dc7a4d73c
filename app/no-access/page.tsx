import type { Metadata } from "next";
import Link from "next/link";
import { getServerSession } from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { readNoAccessNotice } from "@/lib/auth/no-access-notice";

export const metadata: Metadata = { title: "Ask an admin for access" };

// The identity named here comes from the server only (lib/auth/no-access-notice.ts): the signed
// notice a refused SSO sign-in left, or the session. The URL's query is never read.
export default async function NoAccessPage() {
  const notice = await readNoAccessNotice();
  const session = notice ? null : await getServerSession(authOptions()).catch(() => null);
  const email = notice?.email ?? session?.user?.email ?? null;
  return (
    <main className="mx-auto mt-24 max-w-lg rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
      <h1 className="text-lg font-semibold">Ask an admin for access</h1>
      {notice?.reason === "email_unverified" ? (
        <p className="mt-3 text-sm text-slate-700">
          Your identity provider did not confirm that{" "}
          {email ? <strong data-testid="no-access-identity">{email}</strong> : "your email address"} is yours,
          so Gatehouse cannot tell who you are. Verify the address with your identity provider (or ask its
          administrator), then sign in again.
        </p>
      ) : (
        <p className="mt-3 text-sm text-slate-700">
          You signed in
          {email ? (
            <>
              {" "}
              as <strong data-testid="no-access-identity">{email}</strong>
            </>
          ) : null}
          , but Gatehouse cannot let you in with this account: you are not on the Gatehouse team yet, your
          access was turned off, or your membership is not set up for this way of signing in. A Gatehouse
          admin can check under Settings → Team; then sign in again.
        </p>
      )}
      <Link
        href="/signin"
        className="mt-6 inline-block text-sm font-medium text-indigo-700 underline underline-offset-2"
      >
        Back to sign-in
      </Link>
    </main>
  );
}
