import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { Activity, ClipboardCheck, Download, Printer } from "lucide-react";
import { pageActor } from "@/lib/auth/page";
import { matrixFilterSchema, type MatrixFilter } from "@/lib/review/review.schema";
import { getSyncMinutes, recentDrift, latestSnapshot, getRetention } from "@/lib/review";
import { jobRoleNames } from "@/lib/job-roles";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { readFilter, type SearchParams } from "@/components/ui/filter-form";
import { SyncStatus } from "@/components/review/sync-status";
import { MatrixTable } from "@/components/review/matrix-table";
import { MatrixFilters } from "@/components/review/matrix-filters";
import { DriftPanel, DriftSourceNote } from "@/components/review/drift-panel";
import { IntervalForm } from "@/components/review/interval-form";
import { RetentionForm } from "@/components/review/retention-form";

export const metadata: Metadata = { title: "Access review" };

/** The filter as a query string (for the matrix route, the CSV export and the report). */
function toQuery(filter: MatrixFilter): string {
  const entries = Object.entries(filter).filter(([, v]) => v !== undefined && v !== false && v !== "");
  return new URLSearchParams(entries.map(([k, v]) => [k, v === true ? "1" : String(v)])).toString();
}

async function ReviewBody({
  filter,
  query,
  isAdmin,
}: {
  filter: MatrixFilter;
  query: string;
  isAdmin: boolean;
}) {
  // The matrix itself comes from /api/review/matrix; the page needs only the filters' choices.
  const [snapshot, jobRoles, drift, minutes, retention] = await Promise.all([
    latestSnapshot(),
    jobRoleNames(),
    recentDrift(200),
    getSyncMinutes(),
    getRetention(),
  ]);
  const settings = isAdmin && (
    <section
      aria-labelledby="review-settings"
      className="mt-6 rounded-lg border border-slate-200 bg-white p-3"
    >
      <h2 id="review-settings" className="mb-2 text-sm font-semibold text-slate-800">
        Sync settings
      </h2>
      <div className="space-y-4">
        <IntervalForm minutes={minutes} />
        <RetentionForm days={retention.days} max={retention.max} />
      </div>
    </section>
  );
  if (!snapshot) {
    return (
      <>
        <EmptyState icon={<ClipboardCheck className="size-8" />} title="No sync yet">
          A sync reads the whole account once and computes everyone&apos;s effective access per service.
        </EmptyState>
        {settings}
      </>
    );
  }
  const groups = snapshot.state.groups.map((g) => g.name).sort();
  return (
    <>
      <DriftSourceNote cloudTrail={snapshot.counts.cloudTrail} />
      <DriftPanel items={drift} />
      <MatrixFilters
        filter={filter}
        jobRoles={jobRoles}
        groups={groups}
        services={snapshot.access.services}
      />
      <MatrixTable query={query} />
      {settings}
    </>
  );
}

export default async function ReviewPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await pageActor("auditor");
  const { filter, valid } = await readFilter(matrixFilterSchema, searchParams);
  const query = toQuery(filter);
  const link =
    "inline-flex items-center gap-1 rounded-md px-3 py-2 text-sm font-medium text-slate-700 ring-1 ring-inset ring-slate-300 hover:bg-slate-50";
  return (
    <>
      <PageHeader
        title="Access review"
        description="Who can do what in the account, why, and what changed outside Gatehouse."
        actions={<SyncStatus canSync={actor.role !== "auditor"} />}
      />
      <div className="mb-4 flex flex-wrap gap-2">
        <a href={`/api/review/export${query ? `?${query}` : ""}`} className={link} download>
          <Download className="size-4" aria-hidden /> Export CSV
        </a>
        <Link href={`/review/report${query ? `?${query}` : ""}`} className={link}>
          <Printer className="size-4" aria-hidden /> Printable report
        </Link>
        <Link href="/review/usage" className={link}>
          <Activity className="size-4" aria-hidden /> Service use
        </Link>
        <Link href="/review/campaigns" className={link}>
          <ClipboardCheck className="size-4" aria-hidden /> Review campaigns
        </Link>
      </div>
      {!valid && (
        <p role="alert" className="mb-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          Some filters were not understood and are ignored.
        </p>
      )}
      <Suspense fallback={<p className="text-sm text-slate-500">Loading the latest snapshot…</p>}>
        <ReviewBody filter={filter} query={query} isAdmin={actor.role === "admin"} />
      </Suspense>
    </>
  );
}
