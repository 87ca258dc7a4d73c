import { audit } from "@/lib/audit";
import { db } from "@/lib/db";

// The one write path for configuration kept in the Setting table. Every write is audited as
// `settings.updated` with what it was before and after, so no setting can change unseen.
// ESLint (eslint.config.mjs) refuses Setting writes anywhere else; the sync lock
// (lib/review/lock.ts) shares the table but is not configuration.

export type SettingWrite = {
  key: string;
  /** The stored JSON value (a Json column holds no bare null: callers wrap where they need to). */
  value: unknown;
  /** A value that may carry a token: the audit records only whether it is set. */
  redact?: boolean;
};

const shown = (w: Pick<SettingWrite, "redact">, value: unknown) =>
  w.redact
    ? value === undefined || value === null || (value as { v?: unknown })?.v == null
      ? null
      : "(set)"
    : (value ?? null);

/** Writes the values in one transaction and audits them; `target` names the group ("settings/changes"). */
export async function writeSettings(writes: SettingWrite[], actor: string, target: string): Promise<void> {
  if (writes.length === 0) return;
  const keys = writes.map((w) => w.key);
  const beforeRows = await db().setting.findMany({ where: { key: { in: keys } } });
  const before = new Map(beforeRows.map((r) => [r.key, r.value]));
  await db().$transaction(
    writes.map((w) =>
      db().setting.upsert({
        where: { key: w.key },
        create: { key: w.key, value: w.value as object, updatedBy: actor },
        update: { value: w.value as object, updatedBy: actor },
      }),
    ),
  );
  await audit({
    actor,
    action: "settings.updated",
    target,
    data: {
      changed: keys,
      before: Object.fromEntries(writes.map((w) => [w.key, shown(w, before.get(w.key))])),
      after: Object.fromEntries(writes.map((w) => [w.key, shown(w, w.value)])),
    },
  });
}
