import type { Metadata } from "next";
import { ScrollText } from "lucide-react";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";

export const metadata: Metadata = { title: "Audit log" };

export default function AuditPage() {
  return (
    <>
      <PageHeader title="Audit log" description="Every sign-in, team change and IAM change, hash-chained so tampering shows." />
      <EmptyState icon={<ScrollText className="size-8" />} title="Nothing recorded yet" />
    </>
  );
}
