import type { Metadata } from "next";
import Link from "next/link";
import { UsersRound } from "lucide-react";
import { pageActor } from "@/lib/auth/page";
import { groupsAndUsers } from "@/lib/iam";
import { iamClients } from "@/lib/iam/server";
import { listAccounts } from "@/lib/aws-accounts";
import { listJobRoles } from "@/lib/job-roles";
import { publishedPolicies, AWS_MANAGED_POLICIES, REQUIRE_MFA_TEMPLATE } from "@/lib/templates";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { GroupsTable } from "@/components/groups/groups-table";
import { CreateJobRole } from "@/components/groups/create-job-role";
import { JobRolesTable } from "@/components/groups/job-role-accounts";
import { HomeAccountNote } from "@/components/accounts/home-account-note";

export const metadata: Metadata = { title: "Job roles (IAM groups)" };

export default async function GroupsPage() {
  const actor = await pageActor("auditor");
  const [{ groups, users }, published, { accounts }, jobRoles] = await Promise.all([
    groupsAndUsers(iamClients().iam),
    publishedPolicies(),
    listAccounts(),
    listJobRoles(),
  ]);
  const choices = accounts.map((a) => ({ id: a.id, name: a.name, home: a.source === "home" }));
  const policies = [...published, ...AWS_MANAGED_POLICIES];
  const canPropose = actor.role !== "auditor";
  // The "Require MFA" option is what IAM holds: the job role's group has the policy attached.
  const mfaGroups = new Set(
    groups
      .filter((g) => g.attachedPolicies.some((p) => p.name === REQUIRE_MFA_TEMPLATE))
      .map((g) => g.groupName),
  );
  const jobRoleRows = jobRoles.map((r) => ({ ...r, mfaRequired: mfaGroups.has(r.groupName) }));
  return (
    <>
      <PageHeader
        title="Job roles (IAM groups)"
        description="A job role is an IAM group built from policy templates; onboarding puts people in it. Every change here is a request that an admin approves."
        actions={canPropose && <CreateJobRole templates={published.map((t) => t.name)} accounts={choices} />}
      />
      {jobRoles.length > 0 && (
        <section aria-labelledby="job-roles-heading" className="mb-6">
          <h2 id="job-roles-heading" className="mb-2 text-sm font-semibold text-slate-700">
            Job roles
          </h2>
          <JobRolesTable jobRoles={jobRoleRows} accounts={choices} canPropose={canPropose} />
        </section>
      )}
      <HomeAccountNote accounts={choices} subject="IAM groups">
        Job roles&apos; groups in other accounts: see {jobRoles.length > 0 && <>Job roles above, or </>}
        <Link href="/review" className="font-medium text-indigo-700 hover:underline">
          the access review
        </Link>
        .
      </HomeAccountNote>
      {groups.length === 0 ? (
        <EmptyState icon={<UsersRound className="size-8" />} title="No groups yet">
          Create a job-role group from published policy templates; every change to it goes through an approved
          request.
        </EmptyState>
      ) : (
        <GroupsTable groups={groups} users={users} policies={policies} canPropose={canPropose} />
      )}
    </>
  );
}
