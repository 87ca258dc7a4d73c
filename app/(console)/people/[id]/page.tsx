import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { pageActor } from "@/lib/auth/page";
import { lastOffboarding, openRequestsFor } from "@/lib/changes";
import { getEmployee } from "@/lib/people";
import { userDetail } from "@/lib/iam";
import { iamClients } from "@/lib/iam/server";
import { holdingsInOtherAccounts, listAccounts } from "@/lib/aws-accounts";
import { AccountHoldings } from "@/components/people/account-holdings";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { PersonDialog } from "@/components/people/person-dialog";
import { OffboardButton } from "@/components/people/offboard-button";

export const metadata: Metadata = { title: "Person" };

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : "—");
const ageDays = (iso: string | null) =>
  iso ? Math.floor((Date.now() - Date.parse(iso)) / 86_400_000) : null;

export default async function PersonPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await pageActor("auditor");
  const employee = await getEmployee((await params).id);
  if (!employee) notFound();
  const [user, requests, offboarding, elsewhere] = employee.iamUserName
    ? await Promise.all([
        userDetail(iamClients().iam, employee.iamUserName),
        openRequestsFor(employee.iamUserName),
        lastOffboarding(employee.iamUserName),
        holdingsInOtherAccounts(employee.iamUserName),
      ])
    : [null, [], null, []];
  const canPropose = actor.role !== "auditor";
  // With accounts besides the app's own, one click offboards from every one of them (planning
  // finds where the user exists); with only the app's own, the request is as it always was.
  // A user of this name in the app's own account or in any other one: something to offboard.
  const hasUser = !!user || elsewhere.some((h) => h.state === "user");
  const managed = hasUser && canPropose ? (await listAccounts()).accounts : [];
  const offboardFrom = managed.some((a) => a.source !== "home") ? managed.map((a) => a.id) : undefined;
  return (
    <>
      <PageHeader
        title={employee.name}
        description={
          <>
            {employee.email} · {employee.jobRole ?? "no job role"} ·{" "}
            {employee.status === "offboarded" ? (
              <Badge>Offboarded</Badge>
            ) : (
              <Badge tone="green">Active</Badge>
            )}
          </>
        }
        actions={
          canPropose &&
          employee.status === "active" && (
            <>
              <PersonDialog
                person={{
                  id: employee.id,
                  name: employee.name,
                  email: employee.email,
                  jobRole: employee.jobRole,
                }}
                jobRoles={[]}
              />
              {!employee.iamUserName ? (
                <Link
                  href={`/people/onboard?employee=${employee.id}`}
                  className="rounded-md bg-indigo-600 px-3 py-2 text-sm font-medium text-white"
                >
                  Onboard
                </Link>
              ) : (
                <>
                  <Link
                    href={`/people/onboard?employee=${employee.id}`}
                    className="rounded-md px-3 py-2 text-sm font-medium text-indigo-700 ring-1 ring-inset ring-indigo-200"
                  >
                    Add missing access
                  </Link>
                  {hasUser && (
                    <OffboardButton
                      name={employee.name}
                      userName={employee.iamUserName}
                      employeeId={employee.id}
                      accounts={offboardFrom}
                      admin={actor.role === "admin"}
                    />
                  )}
                </>
              )}
            </>
          )
        }
      />
      {employee.status === "offboarded" && (
        <p
          role="status"
          data-testid="offboarded"
          className="mb-4 rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-800"
        >
          <strong>Offboarded</strong>
          {offboarding && (
            <>
              {" "}
              {offboarding.finishedAt ? `on ${day(offboarding.finishedAt.toISOString())}` : ""} by request{" "}
              <Link className="text-indigo-700 hover:underline" href={`/requests/${offboarding.id}`}>
                #{offboarding.number}
              </Link>{" "}
              (requested by {offboarding.requester}
              {offboarding.executor && offboarding.executor !== offboarding.requester
                ? `, run by ${offboarding.executor}`
                : ""}
              ); its evidence lists what existed and what was removed.
            </>
          )}
        </p>
      )}
      {!employee.iamUserName ? (
        <EmptyState title="No AWS access">
          This person has no IAM user. That is normal for people who do not work in AWS.
        </EmptyState>
      ) : !user ? (
        employee.status === "offboarded" ? (
          <EmptyState title={`IAM user ${employee.iamUserName} deleted`}>
            IAM has no trace of this user any more.
          </EmptyState>
        ) : (
          <EmptyState title={`IAM user ${employee.iamUserName} not found`}>
            The link points to a user that no longer exists in this account (deleted outside Gatehouse?).
          </EmptyState>
        )
      ) : (
        <div className="grid gap-6 lg:grid-cols-2">
          <Card title="IAM user">
            <dl className="grid grid-cols-[10rem_1fr] gap-y-1.5 text-sm">
              <dt className="text-slate-500">User name</dt>
              <dd className="font-mono">{user.userName}</dd>
              <dt className="text-slate-500">ARN</dt>
              <dd className="break-all font-mono text-xs">{user.arn}</dd>
              <dt className="text-slate-500">Created</dt>
              <dd>{day(user.createdAt)}</dd>
              <dt className="text-slate-500">Groups</dt>
              <dd>{user.groups.join(", ") || "none"}</dd>
              <dt className="text-slate-500">Policies</dt>
              <dd>
                {[
                  ...user.attachedPolicies.map((p) => p.name),
                  ...user.inlinePolicies.map((p) => `${p} (inline)`),
                ].join(", ") || "none directly"}
              </dd>
            </dl>
          </Card>
          <Card title="Console access">
            {user.console.enabled ? (
              <p className="text-sm">
                Password set {day(user.console.createdAt)}
                {user.console.resetRequired && " (must change at next sign-in)"}; last used{" "}
                {day(user.passwordLastUsed)}.
              </p>
            ) : (
              <p className="text-sm text-slate-600">No console password.</p>
            )}
            <p className="mt-2 text-sm">
              MFA:{" "}
              {user.mfaDevices.length ? (
                <Badge tone="green">
                  {user.mfaDevices.length} device{user.mfaDevices.length > 1 ? "s" : ""}
                </Badge>
              ) : (
                <Badge tone={user.console.enabled ? "red" : "neutral"}>none</Badge>
              )}
            </p>
          </Card>
          <Card title="Access keys">
            {user.accessKeys.length === 0 ? (
              <p className="text-sm text-slate-600">No access keys.</p>
            ) : (
              <table className="w-full text-left text-sm">
                <thead className="text-xs uppercase text-slate-500">
                  <tr>
                    <th>Key id</th>
                    <th>Status</th>
                    <th>Age</th>
                    <th>Last used</th>
                  </tr>
                </thead>
                <tbody>
                  {user.accessKeys.map((k) => (
                    <tr key={k.id}>
                      <td className="py-1 font-mono text-xs">{k.id}</td>
                      <td>
                        <Badge tone={k.status === "Active" ? "green" : "neutral"}>{k.status}</Badge>
                      </td>
                      <td>{ageDays(k.createdAt) ?? "—"} days</td>
                      <td>
                        {k.lastUsed
                          ? `${day(k.lastUsed)}${k.lastService ? ` (${k.lastService})` : ""}`
                          : "never"}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </Card>
          <Card title="Open requests">
            {requests.length === 0 ? (
              <p className="text-sm text-slate-600">None.</p>
            ) : (
              <ul className="space-y-1 text-sm">
                {requests.map((r) => (
                  <li key={r.id}>
                    <Link className="text-indigo-700 hover:underline" href={`/requests/${r.id}`}>
                      #{r.number} {r.summary}
                    </Link>{" "}
                    — {r.status}
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </div>
      )}
      {employee.iamUserName && (
        <div className="mt-6">
          <AccountHoldings userName={employee.iamUserName} holdings={elsewhere} />
        </div>
      )}
    </>
  );
}
