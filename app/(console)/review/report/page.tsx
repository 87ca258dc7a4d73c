import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { pageActor } from "@/lib/auth/page";
import { asOfTime, cellLabel, matrixRows, reviewData, snapshotAge } from "@/lib/review";
import { ALL_ACCOUNTS, matrixFilterSchema } from "@/lib/review/review.schema";
import { PrintButton } from "@/components/review/print-button";
import { readFilter, type SearchParams } from "@/components/ui/filter-form";
import { Time } from "@/components/ui/time";
import { ScrollRegion } from "@/components/ui/data-table";

export const metadata: Metadata = { title: "Access review report" };

// Printing hides the console chrome (the shell's nav and banner belong to the layout).
const PRINT_CSS = `@media print {
  nav, aside, header, [data-print="hide"] { display: none !important; }
  body, main { background: white !important; }
  table { page-break-inside: auto; } tr { page-break-inside: avoid; }
  @page { size: A4 landscape; margin: 12mm; }
}`;

export default async function ReviewReportPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await pageActor("auditor");
  const { filter } = await readFilter(matrixFilterSchema, searchParams);
  // The report is one account's snapshot (the all-accounts view exports its CSV instead).
  if (filter.account === ALL_ACCOUNTS) notFound();
  const data = await reviewData({ accountId: filter.account });
  if (!data) notFound();
  const drift = data.driftItems.slice(0, 500);
  const rows = matrixRows(data.snapshot, data.people, data.drift, filter);
  const services = data.snapshot.access.services;
  // Only the services someone in this report reaches, so the page fits.
  const used = services.map((_, i) => i).filter((i) => rows.some((r) => r.cells[i] > 0));
  const inReport = new Set(rows.map((r) => r.user));
  const unreadable = Object.entries(data.snapshot.notUnderstood)
    .filter(([user]) => inReport.has(user))
    .flatMap(([user, list]) => list.map((p) => [user, p] as const));
  return (
    <article className="text-sm">
      <style>{PRINT_CSS}</style>
      <div className="mb-4 flex items-start justify-between">
        <div>
          <h1 className="text-2xl font-semibold">Access review report</h1>
          <p className="text-slate-600">
            Account {data.snapshot.accountId || "—"} ({data.snapshot.source}) · access as of{" "}
            {asOfTime(snapshotAge(data.snapshot).syncedAt)} (the last sync)
            {data.snapshot.counts.reread
              ? `, updated ${asOfTime(data.snapshot.at)} after a request`
              : data.snapshot.syncedAt.getTime() !== data.snapshot.at.getTime()
                ? `, unchanged since ${asOfTime(data.snapshot.at)}`
                : ""}{" "}
            · printed by {actor.email} on <Time value={new Date()} /> · {rows.length} people / IAM users
          </p>
        </div>
        <PrintButton />
      </div>
      <ScrollRegion label="Access report" className="print:overflow-visible">
        <table className="mb-6 w-full border-collapse text-xs">
          <thead>
            <tr className="border-b border-slate-400 text-left">
              <th className="py-1 pr-2">Person</th>
              <th className="pr-2">IAM user</th>
              <th className="pr-2">Job role</th>
              <th className="pr-2">Console / keys / MFA</th>
              <th className="pr-2">Access understood</th>
              {used.map((i) => (
                // The full name, as the matrix heads its columns; the IAM code beside it on paper (no tooltips there).
                <th key={services[i].service} className="pr-2">
                  {services[i].serviceName}{" "}
                  <span className="font-mono font-normal">({services[i].service})</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.user ?? `p:${r.person}`} className="border-b border-slate-200 align-top">
                <td className="py-1 pr-2">
                  {r.person ?? "—"}
                  {r.drift ? " ⚠ drift" : ""}
                </td>
                <td className="pr-2 font-mono">{r.user ?? "none"}</td>
                <td className="pr-2">{r.jobRole ?? "—"}</td>
                <td className="pr-2">
                  {r.console ? "console" : "—"} / {r.programmatic ? "keys" : "—"} /{" "}
                  {r.mfa ? "MFA" : r.console ? "no MFA" : "—"}
                </td>
                <td className="pr-2" data-testid="report-understood">
                  {r.notUnderstood ? <strong>NO — access not understood</strong> : "yes"}
                </td>
                {used.map((i) => (
                  <td key={i} className="pr-2">
                    {cellLabel(r.cells[i])}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      {unreadable.length > 0 && (
        <>
          <h2 className="mb-1 text-base font-semibold">Access not understood ({unreadable.length})</h2>
          <p className="mb-1">
            Gatehouse cannot evaluate these policies; the people they reach may have more access than this
            report shows.
          </p>
          <ul className="mb-6 list-disc pl-5" data-testid="report-not-understood">
            {unreadable.map(([user, p], i) => (
              <li key={i}>
                <span className="font-mono">{user}</span>: {p.policyName} ({p.kind},{" "}
                {p.via === "direct" ? "direct" : `via ${p.via}`}) — {p.reason}
              </li>
            ))}
          </ul>
        </>
      )}
      <h2 className="mb-1 text-base font-semibold">Out-of-band drift, last 30 days ({drift.length})</h2>
      {drift.length === 0 ? (
        <p>None.</p>
      ) : (
        <ul className="list-disc pl-5">
          {drift.map((d) => (
            <li key={d.id}>
              <Time value={d.seenAt} /> — {d.summary}
            </li>
          ))}
        </ul>
      )}
      <p className="mt-8 border-t border-slate-300 pt-2 text-slate-600">
        Reviewed by: ____________________ &nbsp; Date: ____________ &nbsp; Signature: ____________________
      </p>
    </article>
  );
}
