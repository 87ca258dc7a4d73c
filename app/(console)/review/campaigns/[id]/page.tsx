import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { pageActor } from "@/lib/auth/page";
import { loadSnapshot, getCampaign } from "@/lib/review";
import { PageHeader } from "@/components/ui/page-header";
import { DataTable } from "@/components/ui/data-table";
import { Badge } from "@/components/ui/badge";
import { DecisionControls, SignOff } from "@/components/review/campaign-forms";

export const metadata: Metadata = { title: "Review campaign" };

export default async function CampaignPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await pageActor("auditor");
  const campaign = await getCampaign((await params).id);
  if (!campaign) notFound();
  const snapshot = campaign.snapshotId ? await loadSnapshot(campaign.snapshotId) : null;
  const decided = new Map(campaign.decisions.map((d) => [d.person, d]));
  const open = !campaign.signedOffAt && actor.role !== "auditor";
  const users = snapshot?.state.users ?? [];
  return (
    <>
      <PageHeader
        title={campaign.name}
        description={`Reviews the snapshot of ${snapshot?.at.toISOString().replace("T", " ").slice(0, 16) ?? "—"} UTC · ${campaign.decisions.length} of ${users.length} decided.`}
        actions={
          campaign.signedOffAt ? (
            <Badge tone="green">
              Signed off by {campaign.signedOffBy} on{" "}
              {campaign.signedOffAt.toISOString().slice(0, 16).replace("T", " ")} UTC
            </Badge>
          ) : (
            actor.role === "admin" && <SignOff campaignId={campaign.id} />
          )
        }
      />
      <DataTable columns={[{ label: "IAM user", className: "px-3 py-2" }, "Groups", "Decision"]}>
        {users.map((u) => {
          const d = decided.get(u.name);
          return (
            <tr key={u.name} data-testid="campaign-row" data-user={u.name}>
              <td className="px-3 py-2 font-medium">
                {u.name}
                {snapshot?.notUnderstood[u.name] && (
                  <span
                    data-testid="not-understood-flag"
                    title="A policy of this user could not be evaluated: they may have more access than the review shows"
                    className="ml-2 rounded bg-slate-800 px-1 text-xs font-semibold text-white"
                  >
                    access not understood
                  </span>
                )}
              </td>
              <td className="text-xs">{u.groups.join(", ") || "—"}</td>
              <td className="py-2">
                {open ? (
                  <DecisionControls
                    campaignId={campaign.id}
                    person={u.name}
                    groups={u.groups}
                    current={d ? { decision: d.decision, requestId: d.requestId } : null}
                  />
                ) : d ? (
                  <span>
                    {d.decision} by {d.reviewer}
                    {d.requestId ? ` (request ${d.requestId})` : ""}
                  </span>
                ) : (
                  <span className="text-slate-400">not decided</span>
                )}
              </td>
            </tr>
          );
        })}
      </DataTable>
    </>
  );
}
