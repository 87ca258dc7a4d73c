import type { Metadata } from "next";
import { pageActor } from "@/lib/auth/page";
import { listMembers } from "@/lib/team";
import { ssoConfigured } from "@/lib/auth/options";
import { recentUnknownSignIns } from "@/lib/auth/unknown-signins";
import { PageHeader } from "@/components/ui/page-header";
import { DataTable } from "@/components/ui/data-table";
import { Card } from "@/components/ui/card";
import { TeamClient } from "@/components/settings/team-client";

export const metadata: Metadata = { title: "Team" };

export default async function TeamPage() {
  const actor = await pageActor("auditor");
  const [members, unknown] = await Promise.all([listMembers(), recentUnknownSignIns()]);
  return (
    <>
      <PageHeader title="Team" description="Who may sign in to Gatehouse, and what each person may do." />
      <TeamClient
        members={members}
        me={actor.id}
        meEmail={actor.email}
        canManage={actor.role === "admin"}
        sso={ssoConfigured()}
      />
      <div className="mt-6">
        <Card
          title="Failed sign-ins for unknown accounts"
          description="Emails that are not on the team, counted per client address and hour over the last day. What was typed is not kept: it is often a password typed into the wrong field."
        >
          {unknown.length === 0 ? (
            <p className="text-sm text-slate-600">None in the last 24 hours.</p>
          ) : (
            <DataTable frame="none" columns={["Client address", "Hour (UTC)", "Failed attempts", "Last"]}>
              {unknown.map((u) => (
                <tr key={`${u.address}-${u.windowStart}`}>
                  <td className="py-2 font-mono">{u.address}</td>
                  <td>{u.windowStart.slice(0, 16).replace("T", " ")}</td>
                  <td>{u.count}</td>
                  <td>{new Date(u.lastAt).toLocaleString()}</td>
                </tr>
              ))}
            </DataTable>
          )}
        </Card>
      </div>
    </>
  );
}
