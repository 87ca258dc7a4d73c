import type { Metadata } from "next";
import { Users } from "lucide-react";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";

export const metadata: Metadata = { title: "People" };

export default function PeoplePage() {
  return (
    <>
      <PageHeader title="People" description="Everyone in the company, with the AWS access each person has — or that they have none." />
      <EmptyState icon={<Users className="size-8" />} title="No people yet">
        Employees you onboard appear here, together with IAM users that exist in the account but belong to nobody.
      </EmptyState>
    </>
  );
}
