import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Settings" };

const SECTIONS = [
  { href: "/settings/team", title: "Team", body: "Who may sign in to Gatehouse and with which role." },
  {
    href: "/settings/approvals",
    title: "Approval rules",
    body: "Single-admin mode, two-approver kinds, request expiry, webhook notifications.",
  },
  {
    href: "/review/credentials",
    title: "Credentials",
    body: "The account's key policy (maximum key age and unused time), and who signs in without MFA.",
  },
  {
    href: "/settings/connection",
    title: "Connection",
    body: "Sandbox or live AWS account, the account id, and the IAM policy the app needs.",
  },
];

export default function SettingsPage() {
  return (
    <>
      <PageHeader title="Settings" />
      <div className="grid gap-4 md:grid-cols-2">
        {SECTIONS.map((s) => (
          <Link
            key={s.href}
            href={s.href}
            className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm hover:border-indigo-300"
          >
            <h2 className="font-semibold">{s.title}</h2>
            <p className="mt-1 text-sm text-slate-600">{s.body}</p>
          </Link>
        ))}
      </div>
    </>
  );
}
