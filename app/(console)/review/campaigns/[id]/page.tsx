import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { pageActor } from "@/lib/auth/page";
import { getCampaignView } from "@/lib/review";
import { accountParam } from "@/lib/review/review.schema";
import { PageHeader } from "@/components/ui/page-header";
import { DataTable } from "@/components/ui/data-table";
import { Badge } from "@/components/ui/badge";
import { FilterForm, FilterSelect } from "@/components/ui/filter-form";
import { DecisionControls, SignOff } from "@/components/review/campaign-forms";
import { formatTime } from "@/lib/format-time";

export const metadata: Metadata = { title: "Review campaign" };

export default async function CampaignPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ account?: string }>;
}) {
  const actor = await pageActor("auditor");
  const picked = accountParam.safeParse((await searchParams).account);
  const filter = picked.success ? picked.data : undefined;
  const view = await getCampaignView((await params).id, { account: filter });
  if (!view) notFound();
  const { campaign, accounts, items, progress } = view;
  const open = !campaign.signedOffAt && actor.role !== "auditor";
  const reviewed = accounts.filter((a) => !a.excludedReason);
  const excluded = accounts.filter((a) => a.excludedReason);
  const several = accounts.length > 1;
  const complete = progress.decided === progress.items;
  const shown = filter ? accounts.find((a) => a.accountId === filter) : undefined;
  return (
    <>
      <PageHeader
        title={campaign.name}
        description={`Started ${formatTime(campaign.createdAt)} by ${campaign.createdBy} · ${reviewed.length} account(s) reviewed${excluded.length ? `, ${excluded.length} excluded` : ""} · ${progress.decided} of ${progress.items} decided.`}
        actions={
          <>
            <a
              className="text-sm font-medium text-indigo-700 underline"
              href={`/api/review/campaigns/${campaign.id}/export`}
            >
              Export CSV
            </a>
            {campaign.signedOffAt ? (
              <Badge tone="green">
                Signed off by {campaign.signedOffBy} on {formatTime(campaign.signedOffAt)}
              </Badge>
            ) : (
              actor.role === "admin" && (
                <SignOff campaignId={campaign.id} left={progress.items - progress.decided} />
              )
            )}
          </>
        }
      />
      {excluded.length > 0 && (
        <div
          role="alert"
          data-testid="campaign-excluded"
          className="mb-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900"
        >
          <p className="font-medium">Not reviewed in this campaign:</p>
          <ul className="mt-1 list-disc pl-5">
            {excluded.map((a) => (
              <li key={a.accountId}>
                {a.name} ({a.accountId}): {a.excludedReason}
              </li>
            ))}
          </ul>
        </div>
      )}
      <section aria-label="Progress per account" className="mb-4">
        <DataTable
          label="Accounts in this campaign"
          columns={["Account", "OU", "Snapshot reviewed", "Decided"]}
        >
          {accounts.map((a) => (
            <tr key={a.accountId} data-testid="campaign-account" data-account={a.accountId}>
              <td className="px-4 py-2 font-medium">
                {a.excludedReason ? (
                  a.name
                ) : (
                  <Link
                    className="text-indigo-700 hover:underline"
                    href={`/review/campaigns/${campaign.id}?account=${a.accountId}`}
                  >
                    {a.name}
                  </Link>
                )}{" "}
                <span className="text-xs text-slate-500">{a.accountId}</span>
              </td>
              <td className="text-xs">{a.ouPath ?? "—"}</td>
              <td className="text-xs">
                {a.snapshotAt ? formatTime(a.snapshotAt) : <Badge tone="amber">excluded</Badge>}
              </td>
              <td className="text-xs">
                {a.excludedReason ? (
                  "—"
                ) : (
                  <span className="flex items-center gap-2">
                    <progress
                      className="h-2 w-24"
                      max={Math.max(a.items, 1)}
                      value={a.items ? a.decided : 1}
                      aria-label={`${a.name}: ${a.decided} of ${a.items} decided`}
                    />
                    {a.decided} of {a.items}
                    {a.items > 0 && a.decided === a.items && <Badge tone="green">done</Badge>}
                  </span>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
        {!campaign.signedOffAt && !complete && (
          <p className="mt-2 text-xs text-slate-600">
            Sign-off is possible once every item of every reviewed account is decided (
            {progress.items - progress.decided} left).
          </p>
        )}
      </section>
      {several && (
        <FilterForm label="Filter items" submit="Show">
          <FilterSelect
            name="account"
            label="Account"
            value={filter ?? ""}
            options={Object.fromEntries([
              ["", `All reviewed accounts (${reviewed.length})`],
              ...reviewed.map((a) => [a.accountId, `${a.name} (${a.accountId})`]),
            ])}
          />
        </FilterForm>
      )}
      {!picked.success && (
        <p role="alert" className="mb-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-900">
          That account filter is not an AWS account id (12 digits); showing every account.
        </p>
      )}
      {items.length === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white p-3 text-sm text-slate-600">
          {shown?.excludedReason
            ? `${shown.name} is not reviewed in this campaign: ${shown.excludedReason}`
            : filter && !shown
              ? "That account is not in this campaign."
              : "No IAM users in the reviewed snapshots: nothing to decide."}
        </p>
      ) : (
        <DataTable
          label="Items to decide"
          columns={[{ label: "IAM user", className: "px-3 py-2" }, "Account", "OU", "Groups", "Decision"]}
        >
          {items.map((u) => {
            const d = u.decision;
            return (
              <tr
                key={`${u.accountId}/${u.user}`}
                data-testid="campaign-row"
                data-user={u.user}
                data-account={u.accountId}
              >
                <td className="px-3 py-2 font-medium">
                  {u.user}
                  {u.personName && <span className="ml-1 text-xs text-slate-500">({u.personName})</span>}
                  {u.notUnderstood && (
                    <span
                      data-testid="not-understood-flag"
                      title="A policy of this user could not be evaluated: they may have more access than the review shows"
                      className="ml-2 rounded bg-slate-800 px-1 text-xs font-semibold text-white"
                    >
                      access not understood
                    </span>
                  )}
                </td>
                <td className="text-xs">
                  {u.accountName} <span className="text-slate-500">{u.accountId}</span>
                </td>
                <td className="text-xs">{u.ouPath ?? "—"}</td>
                <td className="text-xs">{u.groups.join(", ") || "—"}</td>
                <td className="py-2">
                  {open ? (
                    <DecisionControls
                      campaignId={campaign.id}
                      person={u.user}
                      accountId={u.accountId}
                      accountName={u.accountName}
                      groups={u.groups}
                      current={d ? { decision: d.decision, requestId: d.requestId } : null}
                    />
                  ) : d ? (
                    <span>
                      {d.decision} by {d.reviewer}
                      {d.requestId && (
                        <>
                          {" "}
                          (
                          <a className="text-indigo-700 underline" href={`/requests/${d.requestId}`}>
                            change request
                          </a>
                          )
                        </>
                      )}
                    </span>
                  ) : (
                    <span className="text-slate-500">not decided</span>
                  )}
                </td>
              </tr>
            );
          })}
        </DataTable>
      )}
    </>
  );
}
