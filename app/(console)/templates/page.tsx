import type { Metadata } from "next";
import { FileCode2 } from "lucide-react";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";

export const metadata: Metadata = { title: "Policy templates" };

export default function TemplatesPage() {
  return (
    <>
      <PageHeader title="Policy templates" description="Parameterised IAM policy documents, versioned and published as customer-managed policies." />
      <EmptyState icon={<FileCode2 className="size-8" />} title="No policy templates yet">
        Templates are linted before they are published, and publishing is an approved request like any other change.
      </EmptyState>
    </>
  );
}
