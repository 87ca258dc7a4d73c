import type { Metadata } from "next";
import { GitPullRequest } from "lucide-react";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";

export const metadata: Metadata = { title: "Requests" };

export default function RequestsPage() {
  return (
    <>
      <PageHeader title="Requests" description="Every IAM change is a request: a plan shown in full, approved, then executed step by step." />
      <EmptyState icon={<GitPullRequest className="size-8" />} title="No requests yet">
        Requests appear here when someone proposes a change: onboarding, offboarding, group membership, a template version.
      </EmptyState>
    </>
  );
}
