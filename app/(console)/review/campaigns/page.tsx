import type { Metadata } from "next";
import Link from "next/link";
import { pageActor } from "@/lib/auth/page";
import { listCampaigns } from "@/lib/review";
import { PageHeader } from "@/components/ui/page-header";
import { Badge } from "@/components/ui/badge";
import { CreateCampaign } from "@/components/review/campaign-forms";
import { Time } from "@/components/ui/time";

export const metadata: Metadata = { title: "Review campaigns" };

export default async function CampaignsPage() {
  const actor = await pageActor("auditor");
  const campaigns = await listCampaigns();
  return (
    <>
      <PageHeader
        title="Review campaigns"
        description="A dated sign-off of everyone's access in every account of the organization: keep or revoke per person and account; revoking proposes the change request in that account; the signed-off campaign is kept as evidence."
      />
      {actor.role !== "auditor" && (
        <div className="mb-4 rounded-lg border border-slate-200 bg-white p-3">
          <CreateCampaign />
        </div>
      )}
      <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
        {campaigns.length === 0 && <li className="p-3 text-sm text-slate-600">No campaigns yet.</li>}
        {campaigns.map((c) => (
          <li key={c.id} className="flex flex-wrap items-center justify-between gap-2 p-3 text-sm">
            <Link href={`/review/campaigns/${c.id}`} className="font-medium text-indigo-700 hover:underline">
              {c.name}
            </Link>
            <span className="flex flex-wrap items-center gap-2 text-xs text-slate-500">
              {c.accounts.length > 0 &&
                `${c.accounts.filter((a) => !a.excludedReason).length} account(s)${
                  c.accounts.some((a) => a.excludedReason)
                    ? ` (${c.accounts.filter((a) => a.excludedReason).length} excluded)`
                    : ""
                } · `}
              {c._count.decisions} decision(s) · started <Time value={c.createdAt} /> by {c.createdBy}
              {c.signedOffAt ? (
                <Badge tone="green">
                  Signed off <Time value={c.signedOffAt} />
                </Badge>
              ) : (
                <Badge tone="amber">Open</Badge>
              )}
            </span>
          </li>
        ))}
      </ul>
    </>
  );
}
