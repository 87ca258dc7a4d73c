import type { Metadata } from "next";
import { UsersRound } from "lucide-react";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";

export const metadata: Metadata = { title: "Groups" };

export default function GroupsPage() {
  return (
    <>
      <PageHeader title="Groups" description="Job roles: IAM groups built from policy templates." />
      <EmptyState icon={<UsersRound className="size-8" />} title="No groups yet">
        Create a job-role group from policy templates; every change to it goes through an approved request.
      </EmptyState>
    </>
  );
}
