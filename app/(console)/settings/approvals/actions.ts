"use server";

import { defineAction } from "@/lib/actions/define";
import { settingsPatchSchema, updateSettings, publicSettings } from "@/lib/changes";

// The answer goes to the browser: the webhook URL (it carries a token) only as "set".
export const updateApprovalSettingsAction = defineAction({
  name: "settings.updateApprovals",
  input: settingsPatchSchema,
  run: async (patch, actor) => publicSettings(await updateSettings(patch, actor)),
});
