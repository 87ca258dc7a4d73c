import type { Metadata } from "next";
import { pageActor } from "@/lib/auth/page";
import { changeKinds, getSettings, publicSettings } from "@/lib/changes";
import { PageHeader } from "@/components/ui/page-header";
import { ApprovalSettingsForm } from "@/components/settings/approval-settings";

export const metadata: Metadata = { title: "Approval rules" };

export default async function ApprovalSettingsPage() {
  const actor = await pageActor("auditor");
  const settings = publicSettings(await getSettings()); // never the webhook URL itself
  const kinds = Object.entries(changeKinds).map(([id, k]) => ({ id, label: k.label }));
  return (
    <>
      <PageHeader
        title="Approval rules"
        description="Who must approve a change request before it runs, and for how long a request waits."
      />
      <ApprovalSettingsForm initial={settings} kinds={kinds} canEdit={actor.role === "admin"} />
    </>
  );
}
