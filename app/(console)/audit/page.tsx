import type { Metadata } from "next";
import Link from "next/link";
import { ScrollText } from "lucide-react";
import { pageActor } from "@/lib/auth/page";
import { auditFilterSchema, type AuditFilter } from "@/lib/audit/audit.schema";
import { listAudit } from "@/lib/audit";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { DataTable } from "@/components/ui/data-table";
import { VerifyChain } from "@/components/audit/verify-chain";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  await pageActor("auditor");
  const raw = await searchParams;
  const parsed = auditFilterSchema.safeParse(raw);
  const filter: Partial<AuditFilter> = parsed.success ? parsed.data : {};
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
      <form
        className="mb-4 grid grid-cols-2 gap-3 rounded-lg border border-slate-200 bg-white p-4 md:grid-cols-6 md:items-end"
        method="get"
      >
        <Filter name="actor" label="Person" value={filter.actor} />
        <Filter name="target" label="Target" value={filter.target} />
        <Filter name="action" label="Kind" value={filter.action} placeholder="e.g. request." />
        <Filter name="from" label="From" value={filter.from} type="date" />
        <Filter name="to" label="To" value={filter.to} type="date" />
        <div className="flex gap-2">
          <button className="rounded-md bg-indigo-600 px-3 py-2 text-sm font-medium text-white" type="submit">
            Filter
          </button>
          <Link className="rounded-md px-3 py-2 text-sm text-slate-600 hover:bg-slate-100" href="/audit">
            Clear
          </Link>
        </div>
      </form>
      {!parsed.success && (
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
        <div className="mt-4 text-right">
          <Link
            className="text-sm font-medium text-indigo-700 underline"
            href={`/audit?${query}&before=${nextBefore}`}
          >
            Older entries →
          </Link>
        </div>
      )}
    </>
  );
}

function Filter({
  name,
  label,
  value,
  type = "text",
  placeholder,
}: {
  name: string;
  label: string;
  value?: string;
  type?: string;
  placeholder?: string;
}) {
  return (
    <label className="block text-xs font-medium text-slate-600">
      {label}
      <input
        name={name}
        type={type}
        defaultValue={value ?? ""}
        placeholder={placeholder}
        maxLength={200}
        className="input mt-1"
      />
    </label>
  );
}
