import type { Metadata } from "next";
import { KeyRound } from "lucide-react";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";

export const metadata: Metadata = { title: "Roles" };

export default function RolesPage() {
  return (
    <>
      <PageHeader title="Roles" description="Resource-to-resource access: which AWS services may assume which roles." />
      <EmptyState icon={<KeyRound className="size-8" />} title="No roles yet">
        Service roles (for example, EC2 instances that send to one SQS queue) appear here with their trust policy.
      </EmptyState>
    </>
  );
}
