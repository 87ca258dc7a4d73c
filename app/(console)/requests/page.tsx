import type { Metadata } from "next";
import Link from "next/link";
import { GitPullRequest } from "lucide-react";
import { pageActor } from "@/lib/auth/page";
import { listRequests } from "@/lib/changes";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { DataTable, NextPageLink } from "@/components/ui/data-table";
import { RequestStatusBadge } from "@/components/requests/status-badge";
import { Time } from "@/components/ui/time";

export const metadata: Metadata = { title: "Requests" };

const TABS = [
  { id: "awaiting", label: "Awaiting my approval" },
  { id: "in-progress", label: "In progress" },
  { id: "done", label: "Done" },
  { id: "rejected", label: "Rejected" },
  { id: "failed", label: "Failed" },
  { id: "all", label: "All" },
] as const;
type Tab = (typeof TABS)[number]["id"];

export default async function RequestsPage({
  searchParams,
}: {
  searchParams: Promise<{ tab?: string; cursor?: string }>;
}) {
  const actor = await pageActor("auditor");
  const params = await searchParams;
  // Only admins approve, so only they have an "Awaiting my approval" list.
  const tabs = TABS.filter((t) => t.id !== "awaiting" || actor.role === "admin");
  const tab: Tab = tabs.some((t) => t.id === params.tab)
    ? (params.tab as Tab)
    : actor.role === "admin"
      ? "awaiting"
      : "all";
  const { items, nextCursor } = await listRequests({ tab, actor, take: 50, cursor: params.cursor });
  return (
    <>
      <PageHeader
        title="Requests"
        description="Every IAM change is a request: a plan shown in full, approved, then executed step by step."
      />
      <nav aria-label="Request lists" className="mb-4 flex flex-wrap gap-1 border-b border-slate-200">
        {tabs.map((t) => (
          <Link
            key={t.id}
            href={`/requests?tab=${t.id}`}
            aria-current={t.id === tab ? "page" : undefined}
            className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium ${t.id === tab ? "border-indigo-600 text-indigo-700" : "border-transparent text-slate-600 hover:text-slate-900"}`}
          >
            {t.label}
          </Link>
        ))}
      </nav>
      {items.length === 0 ? (
        <EmptyState
          icon={<GitPullRequest className="size-8" />}
          title={tab === "awaiting" ? "Nothing waits for your approval" : "No requests here"}
        >
          Requests appear when someone proposes a change: onboarding, offboarding, group membership, a
          template version.
        </EmptyState>
      ) : (
        <DataTable columns={["#", "Request", "Requested by", "Created", "Status"]}>
          {items.map((r) => (
            <tr key={r.id} className="hover:bg-slate-50">
              <td className="px-4 py-2 font-mono text-xs text-slate-500">{r.number}</td>
              <td className="py-2 pr-4">
                <Link href={`/requests/${r.id}`} className="font-medium text-indigo-700 hover:underline">
                  {r.summary}
                </Link>
                <div className="text-xs text-slate-500">
                  {r.kindLabel} · {r.steps.length} step{r.steps.length === 1 ? "" : "s"}
                </div>
              </td>
              <td className="py-2 pr-4">{r.requester}</td>
              <td className="py-2 pr-4 whitespace-nowrap">
                <Time value={r.createdAt} />
              </td>
              <td className="py-2 pr-4">
                <RequestStatusBadge status={r.status} />
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {nextCursor && (
        <NextPageLink href={`/requests?tab=${tab}&cursor=${encodeURIComponent(nextCursor)}`}>
          More →
        </NextPageLink>
      )}
    </>
  );
}
