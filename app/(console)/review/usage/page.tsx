import type { Metadata } from "next";
import Link from "next/link";
import { Activity } from "lucide-react";
import { pageActor } from "@/lib/auth/page";
import { latestSnapshot, revocableViaRole, summaryLine, UNUSED_DAYS, usageView } from "@/lib/review";
import { jobRoleGroups } from "@/lib/job-roles";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import type { SearchParams } from "@/components/ui/filter-form";
import { RevokeButton } from "./revoke-button";
import { formatTime } from "@/lib/format-time";
import { ScrollRegion } from "@/components/ui/data-table";

export const metadata: Metadata = { title: "Service use" };

const DAY = 86_400_000;

/** "today", "yesterday", "12 days ago": Access Advisor's dates are at best hours old. */
function ago(iso: string, now: number): string {
  const days = Math.floor((now - Date.parse(iso)) / DAY);
  return days <= 0 ? "today" : days === 1 ? "yesterday" : `${days} days ago`;
}

const ERRORS: Record<string, string> = {
  TooManyUsers: "The account has too many people to read Access Advisor for each of them on every sync.",
};

export default async function UsagePage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await pageActor("auditor");
  const params = await searchParams;
  const onlyUnused = params.unused === "1";
  const role = typeof params.role === "string" && params.role ? params.role : undefined;
  const [snapshot, roleGroups] = await Promise.all([latestSnapshot(), jobRoleGroups()]);
  const header = (
    <PageHeader
      title="Service use"
      description={`When each person last used each service they are granted (IAM Access Advisor), and what has gone unused for ${UNUSED_DAYS} days.`}
      actions={
        <Link href="/review" className="text-sm text-indigo-700 underline">
          Back to the review
        </Link>
      }
    />
  );
  const view = snapshot && usageView(snapshot, roleGroups);
  if (!view || !view.readAt)
    return (
      <>
        {header}
        <EmptyState icon={<Activity className="size-8" />} title="No service use read yet">
          The next sync reads IAM Access Advisor for every person (on a full scan, or once the stored copy is
          a day old).
        </EmptyState>
      </>
    );
  const now = view.now;
  const ageDays = (now - Date.parse(view.readAt)) / DAY;
  const rows = view.rows.filter((r) => (!onlyUnused || r.unused) && (!role || r.jobRole === role));
  const summaries = view.summaries.filter((s) => (!role || s.jobRole === role) && s.unused > 0);
  const servicesOfGroup = (group: string) => [
    ...new Set(
      view.rows
        .filter((r) => r.grantedVia.some((v) => v.toLowerCase() === group.toLowerCase()))
        .map((r) => r.serviceName),
    ),
  ];
  const canPropose = actor.role !== "auditor";
  return (
    <>
      {header}
      <p
        data-testid="usage-age"
        role={ageDays > 1 || view.error ? "alert" : undefined}
        className={`mb-4 rounded-md px-3 py-2 text-sm ${ageDays > 1 || view.error ? "bg-amber-50 text-amber-900" : "bg-slate-50 text-slate-700"}`}
      >
        Access Advisor was read <time dateTime={view.readAt}>{ago(view.readAt, now)}</time> (
        {formatTime(view.readAt)}); dates below are as of then, and AWS itself updates them only every few
        hours.
        {view.error && ` The last attempt to read it failed (${ERRORS[view.error] ?? view.error}).`}
      </p>

      <section aria-labelledby="role-summary" className="mb-6">
        <h2 id="role-summary" className="mb-2 text-sm font-semibold text-slate-800">
          By job role
        </h2>
        {summaries.length === 0 ? (
          <p className="text-sm text-slate-500">
            {roleGroups.size === 0
              ? "No job roles yet: the summary compares the members of each job role's group."
              : `Every job role's members used what they are granted in the last ${UNUSED_DAYS} days.`}
          </p>
        ) : (
          <ul className="list-disc space-y-1 pl-5 text-sm" data-testid="role-summary">
            {summaries.map((s) => (
              <li key={`${s.jobRole}/${s.service}`}>{summaryLine(s)}</li>
            ))}
          </ul>
        )}
      </section>

      <form method="get" className="mb-3 flex flex-wrap items-end gap-4 text-sm">
        <label className="flex items-center gap-2">
          <input type="checkbox" name="unused" value="1" defaultChecked={onlyUnused} />
          Granted, unused for {UNUSED_DAYS} days
        </label>
        <label className="flex flex-col gap-1">
          Job role
          <select
            name="role"
            defaultValue={role ?? ""}
            className="rounded-md border border-slate-300 px-2 py-1"
          >
            <option value="">All</option>
            {[...roleGroups.keys()].sort().map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </label>
        <button
          type="submit"
          className="rounded-md px-3 py-1.5 font-medium ring-1 ring-inset ring-slate-300 hover:bg-slate-50"
        >
          Apply
        </button>
      </form>

      {rows.length === 0 ? (
        <EmptyState icon={<Activity className="size-8" />} title="Nothing to show">
          {onlyUnused
            ? `Everything granted was used in the last ${UNUSED_DAYS} days.`
            : "No granted services in the snapshot."}
        </EmptyState>
      ) : (
        <ScrollRegion label="Last use per person and service">
          <table className="w-full text-left text-sm" data-testid="usage-table">
            <caption className="sr-only">Last use per person and service</caption>
            <thead className="border-b border-slate-200 text-xs uppercase text-slate-500">
              <tr>
                <th scope="col" className="py-2 pr-4">
                  Person
                </th>
                <th scope="col" className="py-2 pr-4">
                  Service
                </th>
                <th scope="col" className="py-2 pr-4">
                  Last used
                </th>
                <th scope="col" className="py-2 pr-4">
                  Granted via
                </th>
                <th scope="col" className="py-2">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((r) => (
                <tr
                  key={`${r.user}/${r.service}`}
                  data-testid="usage-row"
                  data-user={r.user}
                  data-service={r.service}
                >
                  <th scope="row" className="py-2 pr-4 font-medium">
                    <Link href={`/review/person/${encodeURIComponent(r.user)}`} className="hover:underline">
                      {r.user}
                    </Link>
                    {r.jobRole && <span className="ml-1 text-xs text-slate-500">({r.jobRole})</span>}
                  </th>
                  <td className="py-2 pr-4">{r.serviceName}</td>
                  <td className={`py-2 pr-4 ${r.unused ? "text-amber-800" : ""}`}>
                    {r.lastUsed ? (
                      <time dateTime={r.lastUsed}>{ago(r.lastUsed, Date.parse(view.readAt!))}</time>
                    ) : (
                      "Never"
                    )}
                    {r.unused && <span className="sr-only"> (unused for {UNUSED_DAYS} days)</span>}
                  </td>
                  <td className="py-2 pr-4 text-slate-600">{r.grantedVia.join(", ") || "—"}</td>
                  <td className="py-2">
                    {canPropose && r.unused && revocableViaRole(r) ? (
                      <RevokeButton
                        userName={r.user}
                        groupName={r.groupName!}
                        jobRole={r.jobRole!}
                        serviceName={r.serviceName}
                        groupServices={servicesOfGroup(r.groupName!)}
                      />
                    ) : canPropose && r.unused ? (
                      <span className="text-xs text-slate-500">
                        Granted outside the job role: change it on the person&apos;s page
                      </span>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </>
  );
}
