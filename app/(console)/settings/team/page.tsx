import type { Metadata } from "next";
import { pageActor } from "@/lib/auth/page";
import { listMembers } from "@/lib/team";
import { ssoConfigured } from "@/lib/auth/options";
import { recentUnknownSignIns } from "@/lib/auth/unknown-signins";
import { PageHeader } from "@/components/ui/page-header";
import { DataTable } from "@/components/ui/data-table";
import { Card } from "@/components/ui/card";
import { TeamClient } from "@/components/settings/team-client";
import { Time } from "@/components/ui/time";

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
                  <td>
                    <Time value={u.windowStart} />
                  </td>
                  <td>{u.count}</td>
                  <td>
                    <Time value={u.lastAt} />
                  </td>
                </tr>
              ))}
            </DataTable>
          )}
        </Card>
      </div>
    </>
  );
}
