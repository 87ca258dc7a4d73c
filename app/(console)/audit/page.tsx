import type { Metadata } from "next";
import Link from "next/link";
import { ScrollText } from "lucide-react";
import { pageActor } from "@/lib/auth/page";
import { auditFilterSchema, type AuditFilter } from "@/lib/audit/audit.schema";
import { listAudit } from "@/lib/audit";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { DataTable, NextPageLink } from "@/components/ui/data-table";
import { FilterForm, FilterInput, readFilter, type SearchParams } from "@/components/ui/filter-form";
import { VerifyChain } from "@/components/audit/verify-chain";

export const metadata: Metadata = { title: "Audit log" };

/** The filters the form offers; `requestId` and `before` (paging) are read from the URL only. */
const FILTERS: {
  name: keyof Omit<AuditFilter, "requestId" | "before">;
  label: string;
  type?: string;
  placeholder?: string;
}[] = [
  { name: "actor", label: "Person" },
  { name: "target", label: "Target" },
  { name: "action", label: "Kind", placeholder: "e.g. request." },
  { name: "from", label: "From", type: "date" },
  { name: "to", label: "To", type: "date" },
];

export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  await pageActor("auditor");
  const { filter, valid } = await readFilter(auditFilterSchema, searchParams);
  const { items, nextBefore } = await listAudit(filter);
  const query = new URLSearchParams(
    Object.entries(filter)
      .filter(([k, v]) => v !== undefined && k !== "before")
      .map(([k, v]) => [k, String(v)]),
  );
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every sign-in, team change and IAM change. Each entry carries the hash of the one before it, so any edit or deletion shows."
        actions={
          <>
            <a
              className="rounded-md px-3 py-2 text-sm font-medium text-indigo-700 ring-1 ring-inset ring-indigo-200 hover:bg-indigo-50"
              href={`/api/audit/export?format=csv&${query}`}
            >
              Export CSV
            </a>
            <a
              className="rounded-md px-3 py-2 text-sm font-medium text-indigo-700 ring-1 ring-inset ring-indigo-200 hover:bg-indigo-50"
              href={`/api/audit/export?format=json&${query}`}
            >
              Export JSON
            </a>
          </>
        }
      />
      <div className="mb-4">
        <VerifyChain />
      </div>
      <FilterForm layout="grid" submit="Filter" clearHref="/audit">
        {FILTERS.map(({ name, ...input }) => (
          <FilterInput key={name} name={name} value={filter[name]} maxLength={200} {...input} />
        ))}
      </FilterForm>
      {!valid && (
        <p role="alert" className="mb-4 text-sm text-red-700">
          Some filters were not valid and were ignored.
        </p>
      )}
      {items.length === 0 ? (
        <EmptyState icon={<ScrollText className="size-8" />} title="No entries match" />
      ) : (
        <DataTable
          frame="scroll"
          columns={[
            { label: "#", className: "px-3 py-2" },
            ...["When", "Who", "What", "Target", "Request"].map((label) => ({ label, className: "pr-3" })),
            "Details",
          ]}
        >
          {items.map((e) => (
            <tr key={e.seq} className="align-top">
              <td className="px-3 py-2 font-mono text-xs text-slate-500">{e.seq}</td>
              <td className="whitespace-nowrap py-2 pr-3">
                <time dateTime={e.at}>{e.at.replace("T", " ").slice(0, 19)}</time>
              </td>
              <td className="py-2 pr-3">{e.actor}</td>
              <td className="py-2 pr-3 font-mono text-xs">{e.action}</td>
              <td className="py-2 pr-3">{e.target ?? "—"}</td>
              <td className="py-2 pr-3">
                {e.requestId ? (
                  <Link className="text-indigo-700 underline" href={`/requests/${e.requestId}`}>
                    open
                  </Link>
                ) : (
                  "—"
                )}
              </td>
              <td className="max-w-xs py-2 pr-3">
                <code
                  className="block truncate font-mono text-xs text-slate-600"
                  title={JSON.stringify(e.data)}
                >
                  {JSON.stringify(e.data)}
                </code>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {nextBefore && (
        <NextPageLink href={`/audit?${query}&before=${nextBefore}`}>Older entries →</NextPageLink>
      )}
    </>
  );
}
