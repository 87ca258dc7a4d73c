import type { Metadata } from "next";
import { UsersRound } from "lucide-react";
import { pageActor } from "@/lib/auth/page";
import { groupsAndUsers } from "@/lib/iam/read";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { GroupsTable } from "@/components/groups/groups-table";

export const metadata: Metadata = { title: "Groups" };

export default async function GroupsPage() {
  const actor = await pageActor("auditor");
  const { groups, users } = await groupsAndUsers();
  return (
    <>
      <PageHeader title="Groups" description="Job roles: IAM groups built from policy templates. Membership changes are requests that an admin approves." />
      {groups.length === 0 ? (
        <EmptyState icon={<UsersRound className="size-8" />} title="No groups yet">
          Create a job-role group from policy templates; every change to it goes through an approved request.
        </EmptyState>
      ) : (
        <GroupsTable groups={groups} users={users} canPropose={actor.role !== "auditor"} />
      )}
    </>
  );
}
