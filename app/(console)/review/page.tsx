import type { Metadata } from "next";
import { ClipboardCheck } from "lucide-react";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";

export const metadata: Metadata = { title: "Access review" };

export default function ReviewPage() {
  return (
    <>
      <PageHeader title="Access review" description="Who can do what in the account, why, and what changed outside Gatehouse." />
      <EmptyState icon={<ClipboardCheck className="size-8" />} title="No sync yet">
        A sync reads the whole account once and computes everyone&apos;s effective access per service.
      </EmptyState>
    </>
  );
}
