import type { Metadata } from "next";
import Link from "next/link";
import { pageActor } from "@/lib/auth/page";

export const metadata: Metadata = { title: "Not allowed" };

export default async function ForbiddenPage({ searchParams }: { searchParams: Promise<{ needs?: string }> }) {
  const actor = await pageActor();
  const { needs } = await searchParams;
  return (
    <div className="mx-auto mt-16 max-w-lg rounded-lg border border-slate-200 bg-white p-8 shadow-sm">
      <h1 className="text-lg font-semibold">Your role does not allow this</h1>
      <p className="mt-3 text-sm text-slate-700">
        You are signed in as <strong>{actor.role}</strong>
        {needs && ["operator", "admin"].includes(needs) ? (
          <>
            ; this page needs <strong>{needs}</strong>
          </>
        ) : null}
        . Ask a Gatehouse admin if you need more.
      </p>
      <Link href="/people" className="mt-6 inline-block text-sm font-medium text-indigo-700 underline">
        Back to People
      </Link>
    </div>
  );
}
