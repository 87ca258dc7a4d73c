"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import {
  Building2,
  CircleUserRound,
  ClipboardCheck,
  FileCode2,
  GitPullRequest,
  KeyRound,
  ScrollText,
  Settings,
  Users,
  UsersRound,
} from "lucide-react";

const NAV_ITEMS = [
  { href: "/people", label: "People", icon: Users },
  { href: "/groups", label: "Job roles (IAM groups)", icon: UsersRound },
  { href: "/roles", label: "Service roles", icon: KeyRound },
  { href: "/templates", label: "Policy templates", icon: FileCode2 },
  { href: "/review", label: "Access review", icon: ClipboardCheck },
  { href: "/requests", label: "Requests", icon: GitPullRequest },
  { href: "/accounts", label: "AWS accounts", icon: Building2 },
  { href: "/audit", label: "Audit log", icon: ScrollText },
  { href: "/settings", label: "Settings", icon: Settings },
  { href: "/account", label: "Account", icon: CircleUserRound },
] as const;

/** `awaiting`: requests waiting for the signed-in admin's approval, counted on Requests. */
export function Nav({ awaiting = 0 }: { awaiting?: number }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="flex flex-col gap-1">
      {NAV_ITEMS.map(({ href, label, icon: Icon }) => {
        const active = pathname === href || pathname.startsWith(`${href}/`);
        return (
          <Link
            key={href}
            href={href}
            aria-current={active ? "page" : undefined}
            className={`flex items-center gap-3 rounded-md px-3 py-2 text-sm font-medium ${
              active ? "bg-slate-800 text-white" : "text-slate-300 hover:bg-slate-800/60 hover:text-white"
            }`}
          >
            <Icon className="size-4" aria-hidden />
            {label}
            {href === "/requests" && awaiting > 0 && (
              <span
                data-testid="awaiting-count"
                className="ml-auto rounded-full bg-indigo-500 px-2 text-xs font-semibold text-white"
              >
                {awaiting}
                <span className="sr-only"> awaiting your approval</span>
              </span>
            )}
          </Link>
        );
      })}
    </nav>
  );
}
