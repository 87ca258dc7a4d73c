import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { pageActor } from "@/lib/auth/page";
import { approvalRules, getRequest } from "@/lib/changes";
import { connectionStatus } from "@/lib/iam/server";
import { RequestDetail } from "@/components/requests/request-detail";

export const metadata: Metadata = { title: "Request" };

export default async function RequestPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await pageActor("auditor");
  const { id } = await params;
  const [request, rules, connection] = await Promise.all([
    getRequest(id),
    approvalRules(),
    connectionStatus(),
  ]);
  if (!request) notFound();
  return (
    <RequestDetail
      initial={request}
      me={{ email: actor.email, role: actor.role }}
      singleAdminMode={rules.singleAdminMode}
      accountId={connection.accountId}
    />
  );
}
