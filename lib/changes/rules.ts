import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { getSettings } from "./settings";
import type { ApprovalRules } from "./types";

/**
 * The approval rules as they hold right now, read again wherever an approval is counted: when
 * approving, when executing, when resuming, and for every view.
 *
 * - Only active admins' approvals count: an approver disabled or demoted since no longer counts.
 * - Single-admin mode set on the Settings page applies only while the team has at most one active
 *   admin; with two or more, someone else can approve, and only SINGLE_ADMIN_MODE=true in the
 *   environment (the operator's decision) keeps it on.
 */
export async function approvalRules(): Promise<ApprovalRules> {
  const [settings, admins] = await Promise.all([
    getSettings(),
    db().member.findMany({ where: { role: "admin", disabled: false }, select: { email: true } }),
  ]);
  const activeAdmins = admins.map((a) => a.email);
  const singleAdminMode = settings.singleAdminMode && (activeAdmins.length <= 1 || env().SINGLE_ADMIN_MODE);
  return { ...settings, singleAdminModeSetting: settings.singleAdminMode, singleAdminMode, activeAdmins };
}
