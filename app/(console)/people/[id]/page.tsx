import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { pageActor } from "@/lib/auth/page";
import { lastOffboarding, openRequestsFor } from "@/lib/changes";
import {
  getEmployee,
  missingAccess,
  offboardTargets,
  personAccounts,
  type AccountHolding,
  type PersonAccount,
} from "@/lib/people";
import { listAccounts } from "@/lib/aws-accounts";
import { userDetail } from "@/lib/iam";
import { iamClients } from "@/lib/iam/server";
import { jobRoleGroups, listJobRoles } from "@/lib/job-roles";
import { marked, mfaStatusOf, personReview } from "@/lib/review";
import { publishedPolicies } from "@/lib/templates";
import { DriftMark, PersonAccess } from "@/components/people/person-access";
import { AccountLinks } from "@/components/people/account-links";
import { PageHeader } from "@/components/ui/page-header";
import { Card } from "@/components/ui/card";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { PersonDialog } from "@/components/people/person-dialog";
import { OffboardButton } from "@/components/people/offboard-button";
import { RequireMfaButton } from "@/components/credentials/require-mfa-button";
import { formatTime } from "@/lib/format-time";
import { ScrollRegion } from "@/components/ui/data-table";

export const metadata: Metadata = { title: "Person" };

const day = (iso: string | null) => formatTime(iso);
const ageDays = (iso: string | null) =>
  iso ? Math.floor((Date.now() - Date.parse(iso)) / 86_400_000) : null;

/**
 * What the person lacks of their job role, read live here (their user in the app's own account)
 * and in each other account (their linked user); empty without a job role.
 */
async function missingOfJobRole(
  jobRole: string | null,
  user: AccountHolding["user"],
  elsewhere: PersonAccount[],
): Promise<string[]> {
  if (!jobRole) return [];
  const [roles, { accounts }] = await Promise.all([listJobRoles(), listAccounts()]);
  const role = roles.find((r) => r.name === jobRole);
  if (!role) return [];
  const home = accounts.find((a) => a.source === "home");
  const homeId = home?.id ?? "home";
  const holdings: AccountHolding[] = [
    { accountId: homeId, accountName: home?.name ?? "Gatehouse's own account", user },
    ...elsewhere.flatMap((a) =>
      a.state === "read"
        ? [
            {
              accountId: a.account.id,
              accountName: a.account.name,
              user: a.linked.find((l) => l.user)?.user ?? null,
            },
          ]
        : [],
    ),
  ];
  return missingAccess(role, holdings, homeId);
}

export default async function PersonPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await pageActor("auditor");
  const employee = await getEmployee((await params).id);
  if (!employee) notFound();
  const [[user, requests, offboarding, review, templates], elsewhere] = await Promise.all([
    employee.iamUserName
      ? Promise.all([
          userDetail(iamClients().iam, employee.iamUserName),
          openRequestsFor(employee.iamUserName),
          lastOffboarding(employee.iamUserName),
          // The review's view of the same user: access by service with the why, and drift.
          jobRoleGroups().then((groups) => personReview(employee.iamUserName!, groups)),
          publishedPolicies(),
        ])
      : Promise.resolve([null, [], null, null, []] as const),
    // Each other account's linked user and suggestions, read live (also for a person whose
    // users are only elsewhere).
    personAccounts(employee.id),
  ]);
  const canPropose = actor.role !== "auditor";
  // Something to offboard: the user in the app's own account, a linked user, or (as before
  // links) a user of the person's name in another account that is nobody else's.
  const usersElsewhere = elsewhere.some(
    (a) =>
      a.linked.some((l) => !("user" in l) || l.user) ||
      (a.state === "read" && a.suggestions.some((s) => s.matchedBy === "user-name" && !s.linkedTo)),
  );
  const hasUser = !!user || usersElsewhere;
  // With accounts besides the app's own, one click offboards from every one of them: the
  // person's linked user where there is one, their user name elsewhere (planning finds where it
  // exists); with only the app's own, the request is as it always was.
  const offboard = hasUser && canPropose ? await offboardTargets(employee.id) : null;
  const drift = review?.drift;
  // A console user without a device: required already (waiting for them), or offered.
  const mfa = user?.console.enabled && user.mfaDevices.length === 0 ? await mfaStatusOf(user.userName) : null;
  const templateOf = new Map(templates.map((t) => [t.arn, t.name]));
  const why = employee.iamUserName ? `/review/person/${encodeURIComponent(employee.iamUserName)}` : "/review";
  const link = "text-indigo-700 hover:underline";
  // "Add missing access" only when something of the job role is missing, and it says what.
  const missing =
    canPropose && employee.iamUserName ? await missingOfJobRole(employee.jobRole, user, elsewhere) : [];
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
                missing.length > 0 && (
                  <Link
                    href={`/people/onboard?employee=${employee.id}`}
                    data-testid="add-missing-access"
                    className="rounded-md px-3 py-2 text-sm font-medium text-indigo-700 ring-1 ring-inset ring-indigo-200"
                  >
                    Add missing access: {missing.join(", ")}
                  </Link>
                )
              )}
              {offboard && (
                <OffboardButton
                  name={employee.name}
                  userName={offboard.userName}
                  employeeId={employee.id}
                  accounts={offboard.accounts}
                  users={offboard.users}
                  admin={actor.role === "admin"}
                />
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
        elsewhere.some((a) => a.linked.length > 0) ? (
          <EmptyState title="No IAM user in Gatehouse's own account">
            This person&apos;s users are in the other accounts below.
          </EmptyState>
        ) : (
          <EmptyState title="No AWS access">
            This person has no IAM user. That is normal for people who do not work in AWS.
          </EmptyState>
        )
      ) : !user ? (
        employee.status === "offboarded" ? (
          <EmptyState title={`IAM user ${employee.iamUserName} deleted`}>
            IAM has no trace of this user any more.
          </EmptyState>
        ) : usersElsewhere ? (
          // People work in the accounts they need: no user in the app's own account is normal then.
          <EmptyState title={`No IAM user ${employee.iamUserName} in Gatehouse's own account`}>
            This person&apos;s users are in the other accounts below.
          </EmptyState>
        ) : (
          <EmptyState title={`IAM user ${employee.iamUserName} not found`}>
            The link points to a user that no longer exists in this account (deleted outside Gatehouse?).
          </EmptyState>
        )
      ) : (
        <div className="grid gap-6 lg:grid-cols-2">
          <div className="lg:col-span-2">
            <PersonAccess review={review} userName={user.userName} />
          </div>
          <Card title="IAM user">
            <dl className="grid grid-cols-[10rem_1fr] gap-y-1.5 text-sm">
              <dt className="text-slate-500">User name</dt>
              <dd className="font-mono">{user.userName}</dd>
              <dt className="text-slate-500">ARN</dt>
              <dd className="break-all font-mono text-xs">{user.arn}</dd>
              <dt className="text-slate-500">Created</dt>
              <dd>{day(user.createdAt)}</dd>
              <dt className="text-slate-500">Groups</dt>
              <dd data-testid="person-groups">
                {user.groups.length === 0
                  ? "none"
                  : user.groups.map((g, i) => (
                      <span key={g}>
                        {i > 0 && ", "}
                        <Link href={`/groups#group-${encodeURIComponent(g)}`} className={link}>
                          {g}
                        </Link>
                        {drift && marked(drift.groups, g) && <DriftMark />}
                      </span>
                    ))}
              </dd>
              <dt className="text-slate-500">Policies</dt>
              <dd data-testid="person-policies">
                {user.attachedPolicies.length + user.inlinePolicies.length === 0
                  ? "none directly"
                  : [
                      // A template's policy opens its template; any other shows what it grants, in the review.
                      ...user.attachedPolicies.map((p) => ({
                        name: p.name,
                        href: templateOf.has(p.arn)
                          ? `/templates/${encodeURIComponent(templateOf.get(p.arn)!)}`
                          : why,
                        inline: false,
                      })),
                      ...user.inlinePolicies.map((p) => ({ name: p, href: why, inline: true })),
                    ].map((p, i) => (
                      <span key={`${p.inline}:${p.name}`}>
                        {i > 0 && ", "}
                        <Link href={p.href} className={link}>
                          {p.name}
                        </Link>
                        {p.inline && " (inline)"}
                        {drift && marked(drift.policies, p.name) && <DriftMark />}
                      </span>
                    ))}
              </dd>
            </dl>
          </Card>
          <Card title="Console access">
            {user.console.enabled ? (
              <p className="text-sm">
                Password set {day(user.console.createdAt)}
                {user.console.resetRequired && " (must change at next sign-in)"}; last used{" "}
                {day(user.passwordLastUsed)}.{drift?.console && <DriftMark />}
              </p>
            ) : (
              <p className="text-sm text-slate-600">No console password.{drift?.console && <DriftMark />}</p>
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
              {drift?.mfa && <DriftMark />}
              {mfa?.mfaRequired && (
                <span className="ml-1 text-xs text-slate-600">
                  required: they set up a device at next sign-in
                </span>
              )}
            </p>
            {mfa && !mfa.mfaRequired && canPropose && employee.status === "active" && (
              <div className="mt-2">
                <RequireMfaButton userName={user.userName} />
              </div>
            )}
          </Card>
          <Card title="Access keys">
            {user.accessKeys.length === 0 ? (
              <p className="text-sm text-slate-600">No access keys.</p>
            ) : (
              <ScrollRegion label="Access keys">
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
                        <td className="py-1 font-mono text-xs">
                          {k.id}
                          {drift && marked(drift.accessKeys, k.id) && <DriftMark />}
                        </td>
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
              </ScrollRegion>
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
      {elsewhere.length > 0 && (
        <div className="mt-6">
          <AccountLinks
            person={{
              id: employee.id,
              name: employee.name,
              email: employee.email,
              iamUserName: employee.iamUserName,
              offboarded: employee.status === "offboarded",
            }}
            accounts={elsewhere}
            canLink={canPropose && employee.status === "active"}
          />
        </div>
      )}
    </>
  );
}
