import type { Metadata } from "next";
import { pageActor } from "@/lib/auth/page";
import { listMembers } from "@/lib/team";
import { ssoConfigured } from "@/lib/auth/options";
import { PageHeader } from "@/components/ui/page-header";
import { TeamClient } from "@/components/settings/team-client";

export const metadata: Metadata = { title: "Team" };

export default async function TeamPage() {
  const actor = await pageActor("auditor");
  const members = await listMembers();
  return (
    <>
      <PageHeader title="Team" description="Who may sign in to Gatehouse, and what each person may do." />
      <TeamClient members={members} me={actor.id} meEmail={actor.email} canManage={actor.role === "admin"} sso={ssoConfigured()} />
    </>
  );
}
