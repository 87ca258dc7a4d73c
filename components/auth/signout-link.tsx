"use client";

import { signOut } from "next-auth/react";

/** "Not now": leave the forced password change by signing out (the session is ended on the server). */
export function SignOutLink() {
  return (
    <button
      type="button"
      onClick={() => signOut({ callbackUrl: "/signin" })}
      className="text-sm text-slate-600 underline hover:text-slate-900"
    >
      Sign out instead
    </button>
  );
}
