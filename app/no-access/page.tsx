import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Ask an admin for access" };

export default async function NoAccessPage({ searchParams }: { searchParams: Promise<{ email?: string }> }) {
  const { email } = await searchParams;
  return (
    <main className="mx-auto mt-24 max-w-lg rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
      <h1 className="text-lg font-semibold">Ask an admin for access</h1>
      <p className="mt-3 text-sm text-slate-700">
        You signed in{email ? <> as <strong>{email}</strong></> : null}, but you are not on the Gatehouse team yet (or your
        access was turned off). A Gatehouse admin can add you under Settings → Team; then sign in again.
      </p>
      <Link href="/signin" className="mt-6 inline-block text-sm font-medium text-indigo-700 underline underline-offset-2">
        Back to sign-in
      </Link>
    </main>
  );
}
