"use client";

import { signOut } from "next-auth/react";
import { LogOut } from "lucide-react";

export function UserMenu({ email, role }: { email: string; role: string }) {
  return (
    <div className="border-t border-slate-800 pt-3 text-sm">
      <div className="truncate text-slate-200" title={email}>
        {email}
      </div>
      <div className="text-xs capitalize text-slate-400">{role}</div>
      <button
        type="button"
        onClick={() => signOut({ callbackUrl: "/signin" })}
        title="Ends this session (other sessions: Account)"
        className="mt-2 inline-flex items-center gap-2 rounded-md px-2 py-1 text-slate-300 hover:bg-slate-800 hover:text-white"
      >
        <LogOut className="size-4" aria-hidden /> Sign out
      </button>
    </div>
  );
}
