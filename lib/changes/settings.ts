import { z } from "zod";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { invalidInput, UserError } from "@/lib/errors";
import { writeSettings } from "@/lib/settings/store";
import { describeQuorum, secondAdminNeeded } from "@/lib/team";
import type { Actor } from "@/lib/auth/session";
import type { ChangeSettings } from "./types";
import { webhookUrlProblem } from "./webhook";

// Approval rules live in the Setting table (key/value JSON) so an admin can change them at run
// time, and every change is audited. SINGLE_ADMIN_MODE in the environment is only the default.

const KEYS = {
  singleAdminMode: "changes.singleAdminMode",
  twoApproverKinds: "changes.twoApproverKinds",
  expiryDays: "changes.expiryDays",
  approvalExpiryDays: "changes.approvalExpiryDays",
  webhookUrl: "changes.webhookUrl",
} as const;

export const settingsPatchSchema = z
  .object({
    singleAdminMode: z.boolean(),
    twoApproverKinds: z.array(z.string().min(1)).max(50),
    expiryDays: z.number().int().min(1).max(90),
    approvalExpiryDays: z.number().int().min(1).max(90),
    webhookUrl: z.url({ protocol: /^https?$/ }).nullable(),
  })
  .partial()
  .strict();

export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

function defaults(): ChangeSettings {
  return {
    singleAdminMode: env().SINGLE_ADMIN_MODE,
    twoApproverKinds: [],
    expiryDays: 7,
    approvalExpiryDays: 7,
    webhookUrl: null,
  };
}

export async function getSettings(): Promise<ChangeSettings> {
  const rows = await db().setting.findMany({ where: { key: { in: Object.values(KEYS) } } });
  // Values are stored wrapped ({ v }) because a Json column cannot hold a bare null.
  const byKey = new Map(rows.map((r) => [r.key, (r.value as { v?: unknown } | null)?.v]));
  const stored = settingsPatchSchema.safeParse({
    singleAdminMode: byKey.get(KEYS.singleAdminMode) ?? undefined,
    twoApproverKinds: byKey.get(KEYS.twoApproverKinds) ?? undefined,
    expiryDays: byKey.get(KEYS.expiryDays) ?? undefined,
    approvalExpiryDays: byKey.get(KEYS.approvalExpiryDays) ?? undefined,
    webhookUrl: byKey.get(KEYS.webhookUrl) ?? undefined,
  });
  // A value that no longer fits the schema falls back to the default rather than breaking pages.
  const set = Object.entries(stored.success ? stored.data : {}).filter(([, v]) => v !== undefined);
  return { ...defaults(), ...Object.fromEntries(set) };
}

export async function updateSettings(patch: unknown, actor: Actor): Promise<ChangeSettings> {
  const parsed = settingsPatchSchema.safeParse(patch);
  if (!parsed.success) throw invalidInput(parsed.error, "Some settings are not valid.");
  // The server will call this URL: refused now, with a reason, if it could reach anything private.
  const webhookProblem = parsed.data.webhookUrl ? await webhookUrlProblem(parsed.data.webhookUrl) : null;
  if (webhookProblem)
    throw new UserError(`Webhook URL: ${webhookProblem}`, "INVALID_INPUT", { webhookUrl: [webhookProblem] });
  // While another admin is, or recently was, active (lib/team/quorum.ts), one admin alone may not
  // switch the two-person rule off (issue 12 #3). Only the environment can (SINGLE_ADMIN_MODE=true).
  if (parsed.data.singleAdminMode === true && !(await getSettings()).singleAdminMode) {
    const others = await secondAdminNeeded({ actor: actor.email });
    if (others) {
      throw new UserError(
        `Another admin can approve: ${describeQuorum(others)}. Single-admin mode is for a team with one admin; otherwise only SINGLE_ADMIN_MODE=true in the server's environment turns it on.`,
        "FORBIDDEN",
        { singleAdminMode: ["Another admin can approve"] },
      );
    }
  }
  const writes = (Object.entries(parsed.data) as [keyof ChangeSettings, unknown][]).map(([k, value]) => ({
    key: KEYS[k],
    value: { v: value ?? null },
    // The webhook URL may carry a token in its path: the audit records that it changed, not its value.
    redact: k === "webhookUrl",
  }));
  await writeSettings(writes, actor.email, "settings/changes");
  const after = await getSettings();
  return after;
}
