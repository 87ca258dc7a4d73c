import { adminQuorum, othersInQuorum } from "@/lib/team";
import { getSettings } from "./settings";
import type { ApprovalRules } from "./types";

/**
 * The approval rules as they hold right now, read again wherever an approval is counted: when
 * approving, when executing, when resuming, and for every view.
 *
 * - Only active admins' approvals count: an approver disabled or demoted since no longer counts.
 * - Single-admin mode set on the Settings page applies only while its one admin needs no second
 *   admin (lib/team/quorum.ts): no other active admin, nor one removed within the cooling-off
 *   window; only SINGLE_ADMIN_MODE=true in the environment (the operator's decision) overrides.
 */
export async function approvalRules(): Promise<ApprovalRules> {
  const [settings, quorum] = await Promise.all([getSettings(), adminQuorum()]);
  const activeAdmins = quorum.filter((a) => a.until === null).map((a) => a.email);
  const singleAdminMode =
    settings.singleAdminMode && othersInQuorum(quorum, { actor: activeAdmins[0] ?? "" }).length === 0;
  return { ...settings, singleAdminModeSetting: settings.singleAdminMode, singleAdminMode, activeAdmins };
}
