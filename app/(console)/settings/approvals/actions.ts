"use server";

import { defineAction } from "@/lib/actions/define";
import { settingsPatchSchema, updateSettings } from "@/lib/changes";

const update = defineAction({ name: "settings.updateApprovals", input: settingsPatchSchema, run: updateSettings });

export async function updateApprovalSettingsAction(raw: unknown) {
  return update(raw);
}
