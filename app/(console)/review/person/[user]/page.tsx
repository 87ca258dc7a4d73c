import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Download } from "lucide-react";
import { pageActor } from "@/lib/auth/page";
import {
  isSelfService,
  lastUsedText,
  personDetail,
  scopeText,
  viaRoleGroup,
  reviewData,
  snapshotAge,
} from "@/lib/review";
import { AsOf } from "@/components/review/as-of";
import { jobRoleGroups } from "@/lib/job-roles";
import { getAccount } from "@/lib/aws-accounts";
import { accountParam } from "@/lib/review/review.schema";
import { PageHeader } from "@/components/ui/page-header";
import { Badge } from "@/components/ui/badge";
import { LevelBadge } from "@/components/review/level-badge";
import { Time } from "@/components/ui/time";
import { ScrollRegion } from "@/components/ui/data-table";

export const metadata: Metadata = { title: "Access of one person" };

export default async function PersonReviewPage({
  params,
  searchParams,
}: {
  params: Promise<{ user: string }>;
  searchParams: Promise<{ account?: string }>;
}) {
  await pageActor("auditor");
  const userName = decodeURIComponent((await params).user);
  // Whose snapshot (default: the app's own account); links from here keep it.
  const picked = accountParam.safeParse((await searchParams).account);
  if (!picked.success) notFound();
  const accountId = picked.data;
  const [data, groups, account] = await Promise.all([
    reviewData({ accountId }),
    jobRoleGroups(),
    accountId ? getAccount(accountId) : null,
  ]);
  if (accountId && !account) notFound();
  const detail = data && personDetail(data.snapshot, userName, data.people, groups);
  if (!detail) notFound();
  const inAccount = accountId ? `?account=${accountId}` : "";
  const { user, person, roleGroup } = detail;
  const mine = (data?.driftItems ?? []).filter((d) => d.userName?.toLowerCase() === user.name.toLowerCase());
  return (
    <>
      <PageHeader
        title={person ? `${person.name} (${user.name})` : user.name}
        description={
          <>
            {person?.jobRole ? (
              <>
                Job role <strong>{person.jobRole}</strong>
                {roleGroup ? (
                  <>
                    {" "}
                    — its templates reach people through the group <strong>{roleGroup}</strong>.
                  </>
                ) : (
                  " (no group for this role)."
                )}
              </>
            ) : (
              "No job role: every grant is shown, none can be compared."
            )}{" "}
            Groups: {user.groups.join(", ") || "none"}.
            {account && (
              <>
                {" "}
                In account <strong>{account.name}</strong> ({account.id}
                {account.ouPath ? `, OU ${account.ouPath}` : ""}).
              </>
            )}{" "}
            {account && (
              <Link href={`/review${inAccount}`} className="text-indigo-700 hover:underline">
                Back to the review of {account.name}
              </Link>
            )}
          </>
        }
        actions={
          <a
            href={`/api/review/person/${encodeURIComponent(user.name)}/export${inAccount}`}
            download
            className="inline-flex items-center gap-1 rounded-md px-3 py-2 text-sm font-medium text-slate-700 ring-1 ring-inset ring-slate-300"
          >
            <Download className="size-4" aria-hidden /> Export CSV
          </a>
        }
      />
      {data && <AsOf what="Access" age={snapshotAge(data.snapshot)} />}
      <div className="mb-4 flex flex-wrap gap-2 text-sm">
        <Badge tone={user.passwordEnabled ? "indigo" : "neutral"}>
          {user.passwordEnabled ? "Console" : "No console"}
        </Badge>
        <Badge tone={user.accessKeys.some((k) => k.active) ? "indigo" : "neutral"}>
          {user.accessKeys.filter((k) => k.active).length} active key(s)
        </Badge>
        <Badge tone={user.mfaActive ? "green" : user.passwordEnabled ? "red" : "neutral"}>
          MFA {user.mfaActive ? "on" : "off"}
        </Badge>
        {detail.unused.map((u) => (
          <Badge key={u} tone="amber">
            {u}
          </Badge>
        ))}
        {mine.length > 0 && <Badge tone="red">{mine.length} out-of-band change(s)</Badge>}
      </div>
      {mine.length > 0 && (
        <ul className="mb-4 list-disc pl-6 text-sm text-red-800" data-testid="person-drift">
          {mine.map((d) => (
            <li key={d.id}>
              {d.summary} (seen <Time value={d.seenAt} />)
            </li>
          ))}
        </ul>
      )}
      {detail.notUnderstood.length > 0 && (
        <section
          id="not-understood"
          role="alert"
          data-testid="not-understood"
          className="mb-4 rounded-lg border-2 border-slate-800 bg-slate-50 p-3 text-sm"
        >
          <h2 className="font-semibold">Access not understood</h2>
          <p className="mb-2 text-slate-700">
            Gatehouse cannot evaluate{" "}
            {detail.notUnderstood.length === 1 ? "a policy" : `${detail.notUnderstood.length} policies`} that
            reach{detail.notUnderstood.length === 1 ? "es" : ""} {person?.name ?? user.name}, so they may have
            more access than shown below — up to full access. Check{" "}
            {detail.notUnderstood.length === 1 ? "it" : "them"} in IAM.
          </p>
          <ul className="list-disc pl-5">
            {detail.notUnderstood.map((p, i) => (
              <li key={i}>
                <strong>{p.policyName}</strong> ({p.kind === "group" ? "group" : `${p.kind} policy`},{" "}
                {p.via === "direct" ? "attached to the user" : `via group ${p.via}`}): {p.reason}
              </li>
            ))}
          </ul>
        </section>
      )}
      {detail.services.length === 0 ? (
        <p className="text-sm text-slate-600">
          {detail.notUnderstood.length
            ? "None of the policies Gatehouse can read grants access; the ones above are not understood."
            : "No access to any service."}
        </p>
      ) : (
        <div className="space-y-3">
          {detail.services.map((s) => (
            <section
              key={s.service}
              id={`service-${s.service}`}
              data-testid="person-service"
              data-service={s.service}
              data-level={s.level ?? ""}
              data-self-service={s.selfService ? "1" : undefined}
              className={`rounded-lg border bg-white p-3 ${s.beyondRole ? "border-amber-400" : "border-slate-200"}`}
            >
              <h2 className="mb-2 flex flex-wrap items-center gap-2 text-sm font-semibold">
                <LevelBadge level={s.level} selfService={s.selfService} />
                <Link
                  href={`/review/service/${encodeURIComponent(s.service)}${inAccount}`}
                  className="hover:underline"
                >
                  {s.serviceName}
                </Link>
                <span className="text-xs font-normal text-slate-500">
                  {s.scope === "all" ? "all resources" : "specific resources only"}
                  {s.conditional ? " · only under conditions" : ""}
                </span>
                {data && lastUsedText(data.snapshot, user.name, s.service) && (
                  <span className="text-xs font-normal text-slate-600" data-testid="person-last-used">
                    {lastUsedText(data.snapshot, user.name, s.service)}
                  </span>
                )}
                {s.beyondRole && (
                  <Badge tone="amber">
                    Beyond the job role{s.roleLevel ? ` (role grants ${s.roleLevel})` : ""}
                  </Badge>
                )}
              </h2>
              <ScrollRegion label={`Why: ${s.serviceName}`}>
                <table className="w-full text-left text-xs">
                  <thead className="text-slate-500">
                    <tr>
                      <th className="py-1">Level</th>
                      <th>Why: policy · statement</th>
                      <th>Via</th>
                      <th>Resources</th>
                      <th>Actions</th>
                    </tr>
                  </thead>
                  <tbody className="divide-y divide-slate-100">
                    {s.why.map((w, i) => (
                      <tr
                        key={i}
                        className={
                          roleGroup && !viaRoleGroup(roleGroup, w) && person?.jobRole ? "bg-amber-50" : ""
                        }
                      >
                        <td className="py-1 pr-2">
                          {w.level}
                          {w.conditional ? " (conditional)" : ""}
                          {w.partlyDenied ? " · partly denied" : ""}
                          {isSelfService(s.service, w) ? " · self-service (own user only)" : ""}
                        </td>
                        <td className="pr-2">
                          {w.policyName} ({w.kind}) · {w.sid ?? `statement #${w.statementIndex + 1}`}
                        </td>
                        <td className="pr-2">
                          {w.via === "direct" ? "attached to the user" : `group ${w.via}`}
                        </td>
                        <td className="max-w-xs truncate pr-2 font-mono" title={scopeText(w.scope)}>
                          {scopeText(w.scope)}
                        </td>
                        <td>
                          {w.actionCount}: {w.examples.join(", ")}
                          {w.actionCount > w.examples.length ? ", …" : ""}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollRegion>
            </section>
          ))}
        </div>
      )}
    </>
  );
}
