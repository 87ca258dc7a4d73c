import type { Metadata } from "next";
import { ScrollText } from "lucide-react";
import { pageActor } from "@/lib/auth/page";
import { auditFilterSchema, type AuditFilter } from "@/lib/audit/audit.schema";
import { auditSentence, listAudit, type AuditEntryView } from "@/lib/audit";
import { requestTitles } from "@/lib/changes";
import { personIdsByName } from "@/lib/people";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { DataTable, NextPageLink } from "@/components/ui/data-table";
import { FilterForm, FilterInput, readFilter, type SearchParams } from "@/components/ui/filter-form";
import { VerifyChain } from "@/components/audit/verify-chain";
import { EventPicker } from "@/components/audit/event-picker";
import { AuditEntryRow } from "@/components/audit/audit-entry";

export const metadata: Metadata = { title: "Audit log" };

/** The text filters the form offers (the kind is a picker); `requestId` and `before` (paging) are read from the URL only. */
const FILTERS: {
  name: keyof Omit<AuditFilter, "requestId" | "before" | "action">;
  label: string;
  type?: string;
  placeholder?: string;
}[] = [
  { name: "actor", label: "Person" },
  { name: "target", label: "Target" },
  { name: "from", label: "From", type: "date" },
  { name: "to", label: "To", type: "date" },
];

/** The requests and people a page of entries names, read once for the page. */
async function linksFor(items: AuditEntryView[]) {
  const names = items.flatMap((e) => (e.target ? [e.target.replace(/^user\//, "")] : []));
  const [requests, people] = await Promise.all([
    requestTitles(items.flatMap((e) => (e.requestId ? [e.requestId] : []))),
    personIdsByName(names),
  ]);
  return { requests, people };
}

export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  await pageActor("auditor");
  const { filter, valid } = await readFilter(auditFilterSchema, searchParams);
  const { items, nextBefore } = await listAudit(filter);
  const links = await linksFor(items);
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
        <EventPicker value={filter.action} />
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
            { label: "When", className: "px-3 py-2" },
            { label: "What happened", className: "pr-3" },
          ]}
        >
          {items.map((e) => (
            <AuditEntryRow key={e.seq} entry={e} sentence={auditSentence(e, links)} />
          ))}
        </DataTable>
      )}
      {nextBefore && (
        <NextPageLink href={`/audit?${query}&before=${nextBefore}`}>Older entries →</NextPageLink>
      )}
    </>
  );
}
