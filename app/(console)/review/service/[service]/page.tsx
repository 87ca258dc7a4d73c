import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { pageActor } from "@/lib/auth/page";
import {
  LEVELS,
  isSelfService,
  levelCode,
  scopeText,
  serviceAccessors,
  reviewData,
  snapshotAge,
} from "@/lib/review";
import { AsOf } from "@/components/review/as-of";
import { accountParam } from "@/lib/review/review.schema";
import { getAccount } from "@/lib/aws-accounts";
import { PageHeader } from "@/components/ui/page-header";
import { DataTable } from "@/components/ui/data-table";
import { FilterForm, FilterInput, FilterSelect } from "@/components/ui/filter-form";
import { LevelBadge } from "@/components/review/level-badge";

export const metadata: Metadata = { title: "Who can use a service" };

/** "Who can write to S3", "who can read the billing bucket": everyone reaching a service, with the why. */
export default async function ServiceReviewPage({
  params,
  searchParams,
}: {
  params: Promise<{ service: string }>;
  searchParams: Promise<{ level?: string; resource?: string; account?: string }>;
}) {
  await pageActor("auditor");
  const service = decodeURIComponent((await params).service);
  const { level, resource, account: rawAccount } = await searchParams;
  // Whose snapshot (default: the app's own account); links from here keep it.
  const picked = accountParam.safeParse(rawAccount);
  if (!picked.success) notFound();
  const accountId = picked.data;
  const [data, account] = await Promise.all([
    reviewData({ drift: false, accountId }),
    accountId ? getAccount(accountId) : null,
  ]);
  if (!data || (accountId && !account)) notFound();
  const inAccount = accountId ? `?account=${accountId}` : "";
  const name = data.snapshot.access.services.find((s) => s.service === service)?.serviceName;
  if (!name) notFound();
  const min = LEVELS.find((l) => l === level);
  const needle = resource?.trim().toLowerCase();
  const rows = serviceAccessors(data.snapshot, service, data.people)
    // Someone whose access is not understood stays in every filtered view (fail closed).
    // Self-service (one's own password, MFA, keys) is not "at least Write": it is listed under any level only.
    .filter((r) => r.notUnderstood || !min || (r.level !== null && levelCode(r.level) >= levelCode(min)))
    // A grant on "*" covers every resource; otherwise one of its ARNs must mention the text.
    .filter(
      (r) =>
        r.notUnderstood ||
        !needle ||
        r.why.some(
          (w) =>
            (!min || levelCode(w.level) >= levelCode(min)) &&
            (w.scope === "all" ||
              !Array.isArray(w.scope) ||
              w.scope.some((a) => a.toLowerCase().includes(needle))),
        ),
    );
  return (
    <>
      <PageHeader
        title={`Who can use ${name}`}
        description={
          <>
            {`${rows.length} IAM user(s)${min ? ` with at least ${min}` : ""}${needle ? ` on resources matching “${resource}”` : ""}`}
            {account ? ` in account ${account.name} (${account.id})` : ""}.{" "}
            {account && (
              <Link href={`/review${inAccount}`} className="text-indigo-700 hover:underline">
                Back to the review of {account.name}
              </Link>
            )}
          </>
        }
      />
      <AsOf what="Access" age={snapshotAge(data.snapshot)} />
      <FilterForm>
        {accountId && <input type="hidden" name="account" value={accountId} />}
        <FilterSelect name="level" label="At least" value={min} any="Any level" options={LEVELS} />
        <FilterInput
          name="resource"
          label="Resource contains"
          value={resource}
          placeholder="example-company-billing"
          className="w-72"
        />
      </FilterForm>
      <DataTable columns={[{ label: "Person", className: "px-3 py-2" }, "Level", "Why"]}>
        {rows.map((r) => (
          <tr key={r.user} data-testid="service-row" data-user={r.user}>
            <td className="px-3 py-2">
              <Link
                href={`/review/person/${encodeURIComponent(r.user)}${inAccount}`}
                className="font-medium text-indigo-700 hover:underline"
              >
                {r.person ?? r.user}
              </Link>
            </td>
            <td>
              <LevelBadge
                level={r.level}
                selfService={r.selfService}
                scoped={r.scope === "some"}
                conditional={r.conditional}
              />
              {r.notUnderstood && (
                <span
                  data-testid="not-understood-flag"
                  className="ml-1 rounded bg-slate-800 px-2 py-0.5 text-xs text-white"
                  title="A policy of this user could not be evaluated"
                >
                  {r.level ? "maybe more: " : ""}access not understood
                </span>
              )}
            </td>
            <td className="py-2 text-xs">
              {r.why
                .filter((w) => w.level === r.level || (r.selfService && isSelfService(service, w)))
                .map((w, i) => (
                  <div key={i}>
                    {w.policyName} · {w.sid ?? `#${w.statementIndex + 1}`} ·{" "}
                    {w.via === "direct" ? "direct" : `group ${w.via}`} · {scopeText(w.scope)}
                    {isSelfService(service, w) ? ` · self-service (${w.level} on their own user only)` : ""}
                  </div>
                ))}
            </td>
          </tr>
        ))}
      </DataTable>
    </>
  );
}
