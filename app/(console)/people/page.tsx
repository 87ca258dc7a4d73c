import type { Metadata } from "next";
import Link from "next/link";
import { Users } from "lucide-react";
import { pageActor } from "@/lib/auth/page";
import {
  ACCESS_LABEL,
  accountsLabel,
  listPeople,
  offboardTargetsFor,
  type AccountAccess,
} from "@/lib/people";
import { peopleFilterSchema } from "@/lib/people/people.schema";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { DataTable } from "@/components/ui/data-table";
import {
  FilterForm,
  FilterSearch,
  FilterSelect,
  readFilter,
  type SearchParams,
} from "@/components/ui/filter-form";
import { Badge } from "@/components/ui/badge";
import { PersonDialog } from "@/components/people/person-dialog";
import { LinkUserButton } from "@/components/people/link-user";
import { BULK_FORM_ID, BulkOffboard } from "@/components/people/bulk-offboard";
import { accessElsewhere, driftByPerson, homeAccess, type DataAge, type UserDrift } from "@/lib/review";
import { AsOf } from "@/components/review/as-of";
import { activeAccounts } from "@/lib/aws-accounts";

export const metadata: Metadata = { title: "People" };

export default async function PeoplePage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await pageActor("auditor");
  const { filter } = await readFilter(peopleFilterSchema, searchParams);
  // Every account comes from its latest review snapshot, which the re-read after each request
  // keeps current for what Gatehouse changed (so a person onboarded a moment ago shows the access);
  // before the first sync the app's own account is read from IAM's credential report. The page
  // says how old either is.
  const [elsewhere, drift, accounts, home] = await Promise.all([
    accessElsewhere(),
    driftByPerson(),
    activeAccounts(),
    homeAccess(),
  ]);
  const { rows, jobRoles, iamError, reportAt } = await listPeople(filter, elsewhere, home?.rows);
  const age: DataAge | null =
    home?.age ?? (reportAt ? { syncedAt: reportAt, reread: null, source: "report" } : null);
  // A person's drift is their users' in every account (linked ones included); an IAM user that is
  // nobody's has its own. With more than one account, the badge says which.
  const driftOf = (p: { id?: string | null; iamUserName: string | null }) =>
    p.id
      ? drift.byPerson.get(p.id)
      : p.iamUserName
        ? drift.byUser.get(p.iamUserName.toLowerCase())
        : undefined;
  const accountName = new Map(accounts.map((a) => [a.id, a.name]));
  const homeId = accounts.find((a) => a.source === "home")?.id;
  const canPropose = actor.role !== "auditor";
  const unlinkedEmployees = rows
    .filter((r) => r.id && !r.iamUserName)
    .map((r) => ({ id: r.id!, name: r.name }));
  // Bulk offboarding approves and runs in one click, so it is an admin's tool. Each person is
  // offboarded as on their page: every account by their user name, their linked users by theirs.
  const candidates =
    actor.role === "admin" ? rows.filter((r) => r.id && r.iamUserName && r.status === "active") : [];
  const targets = await offboardTargetsFor(candidates.map((r) => r.id!));
  const offboardable = candidates.map((r) => ({
    id: r.id!,
    name: r.name,
    iamUserName: r.iamUserName!,
    accounts: targets.get(r.id!)?.accounts,
    users: targets.get(r.id!)?.users,
  }));
  return (
    <>
      <PageHeader
        title="People"
        description="Everyone in the company and the AWS access each person has — including people with none, and IAM users that belong to nobody."
        actions={
          canPropose && (
            <>
              <PersonDialog jobRoles={jobRoles} />
              <Link
                href="/people/onboard"
                className="inline-flex items-center rounded-md bg-indigo-600 px-3 py-2 text-sm font-medium text-white hover:bg-indigo-500"
              >
                Onboard someone
              </Link>
            </>
          )
        }
      />
      {iamError && (
        <p role="alert" className="mb-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {iamError}
        </p>
      )}
      {!iamError && <AsOf what="AWS access" age={age} />}
      <FilterForm clearHref="/people">
        <FilterSearch value={filter.q} placeholder="Name, email, user" className="w-64" />
        <FilterSelect name="jobRole" label="Job role" value={filter.jobRole} any="Any" options={jobRoles} />
        <FilterSelect
          name="access"
          label="AWS access"
          value={filter.access ?? "any"}
          options={{
            any: "Any",
            none: "None",
            console: "Console only",
            programmatic: "Programmatic only",
            both: "Both",
          }}
        />
        <FilterSelect
          name="status"
          label="Status"
          value={filter.status ?? "active"}
          options={{ active: "Active", offboarded: "Offboarded", all: "All" }}
        />
      </FilterForm>
      {rows.length === 0 ? (
        <EmptyState
          icon={<Users className="size-8" />}
          title={filter.q || filter.jobRole || filter.access ? "Nobody matches" : "No people yet"}
        >
          Add the people of your company, then onboard those who need AWS access.
        </EmptyState>
      ) : (
        <>
          {offboardable.length > 0 && <BulkOffboard people={offboardable} />}
          <DataTable
            frame="scroll"
            columns={[
              ...(offboardable.length > 0 ? [{ label: "Select", srOnly: true, className: "w-8 pl-4" }] : []),
              { label: "Person", className: "px-4 py-2" },
              "Job role",
              "IAM user",
              "AWS access",
              "MFA",
              "Drift",
              { label: "Actions", srOnly: true },
            ]}
          >
            {rows.map((p) => (
              <tr key={p.id ?? `iam:${p.iamUserName}`} data-testid="person-row" data-person={p.name}>
                {offboardable.length > 0 && (
                  <td className="pl-4">
                    {offboardable.some((o) => o.id === p.id) && (
                      <input
                        type="checkbox"
                        form={BULK_FORM_ID}
                        name="offboard"
                        value={p.id!}
                        aria-label={`Select ${p.name} for offboarding`}
                      />
                    )}
                  </td>
                )}
                <td className="px-4 py-2">
                  {p.id ? (
                    <Link href={`/people/${p.id}`} className="font-medium text-indigo-700 hover:underline">
                      {p.name}
                    </Link>
                  ) : (
                    <span className="font-medium">{p.name}</span>
                  )}
                  <div className="text-xs text-slate-500">{p.email ?? "IAM user without a person"}</div>
                </td>
                <td>{p.jobRole ?? "—"}</td>
                <td className="font-mono text-xs">{p.iamUserName ?? "—"}</td>
                <td>
                  {p.status === "unassigned" ? (
                    <Badge tone="amber">Unassigned</Badge>
                  ) : p.status === "offboarded" ? (
                    <Badge>Offboarded</Badge>
                  ) : p.access === "none" && p.elsewhere.length > 0 ? (
                    <OtherAccounts elsewhere={p.elsewhere} />
                  ) : (
                    <>
                      <Badge tone={p.access === "none" ? "neutral" : "indigo"}>
                        {ACCESS_LABEL[p.access]}
                      </Badge>
                      {p.elsewhere.length > 0 && (
                        <span className="ml-1">
                          <OtherAccounts elsewhere={p.elsewhere} />
                        </span>
                      )}
                    </>
                  )}
                </td>
                <td>
                  {p.iamUserName ? (
                    p.mfa ? (
                      <Badge tone="green">On</Badge>
                    ) : p.access === "console" || p.access === "both" ? (
                      <span title="Console user without MFA" data-testid="no-mfa-badge">
                        <Badge tone="red">No MFA</Badge>
                      </span>
                    ) : (
                      "—"
                    )
                  ) : (
                    "—"
                  )}
                </td>
                <td>
                  {driftOf(p) && (
                    <DriftBadge
                      drift={driftOf(p)!}
                      accountName={accounts.length > 1 ? accountName : null}
                      homeId={homeId}
                    />
                  )}
                </td>
                <td className="pr-4 text-right">
                  {canPropose && p.status === "unassigned" && (
                    <LinkUserButton iamUserName={p.iamUserName!} employees={unlinkedEmployees} />
                  )}
                  {canPropose && p.id && !p.iamUserName && p.status === "active" && (
                    <Link
                      href={`/people/onboard?employee=${p.id}`}
                      className="text-sm font-medium text-indigo-700 hover:underline"
                    >
                      Onboard
                    </Link>
                  )}
                </td>
              </tr>
            ))}
          </DataTable>
        </>
      )}
    </>
  );
}

/**
 * The other managed accounts where the person has a user ("production, staging", "3 accounts"),
 * each with its user and access in the title, from the accounts' latest review snapshots.
 */
function OtherAccounts({ elsewhere }: { elsewhere: AccountAccess[] }) {
  const title = [
    "From each account's latest review sync:",
    ...elsewhere.map(
      (a) =>
        `${a.account}: ${a.userName} (${a.notSyncedYet ? "made since the last sync" : a.access === "none" ? "no console or keys" : ACCESS_LABEL[a.access]})`,
    ),
  ].join("\n");
  return (
    <span
      data-testid="other-accounts"
      data-accounts={elsewhere.map((a) => a.accountId).join(" ")}
      title={title}
    >
      <Badge tone="indigo">{accountsLabel(elsewhere)}</Badge>
    </span>
  );
}

/** Out-of-band changes of the person's users in the last 30 days, in every account; links to the newest one's. */
function DriftBadge({
  drift,
  accountName,
  homeId,
}: {
  drift: UserDrift;
  /** Account names, when Gatehouse manages more than one account (else null: no account is named). */
  accountName: Map<string, string> | null;
  homeId: string | undefined;
}) {
  const first = drift.accounts[0];
  const query = first && first !== homeId ? `?account=${first}` : "";
  const where = accountName ? drift.accounts.map((id) => accountName.get(id) ?? id) : [];
  return (
    <Link
      href={`/review/person/${encodeURIComponent(drift.userName)}${query}`}
      data-testid="drift-badge"
      data-accounts={drift.accounts.join(" ")}
      title={`${drift.count} change(s) outside Gatehouse in the last 30 days${where.length ? ` in ${where.join(", ")}` : ""}`}
    >
      <Badge tone="red">Drift</Badge>
      {where.length > 0 && <span className="ml-1 text-xs text-slate-600">{where.join(", ")}</span>}
    </Link>
  );
}
