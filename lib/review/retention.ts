import { db } from "@/lib/db";
import { log } from "@/lib/log";
import { writeSettings } from "@/lib/settings/store";
import { retentionSchema, type Retention } from "./review.schema";

// Every stored snapshot is the whole account (hundreds of kB compressed for a small one): keep
// them N days and at most M per account, newest first. Never deleted: each account's newest snapshot (it is what the
// review shows) and any snapshot a review campaign reviews (campaigns are kept as evidence).
// Deleting a snapshot deletes its drift findings with it (they belong to the snapshot).

const RETENTION_KEY = "review.snapshotRetention";
const DEFAULT_RETENTION: Retention = { days: 90, max: 500 };

export async function getRetention(): Promise<Retention> {
  const row = await db().setting.findUnique({ where: { key: RETENTION_KEY } });
  const parsed = retentionSchema.safeParse(row?.value);
  return parsed.success ? parsed.data : DEFAULT_RETENTION;
}

/** Admin-only (the action's role): stores, audits, and prunes at once under the new rule. */
export async function setRetention(
  value: Retention,
  actor: string,
): Promise<{ retention: Retention; deleted: number }> {
  await writeSettings([{ key: RETENTION_KEY, value }], actor, "settings/review");
  return { retention: value, deleted: await pruneSnapshots() };
}

/** Delete what the retention rule lets go (0 = no limit of that kind). Returns how many went. */
export async function pruneSnapshots(now = Date.now()): Promise<number> {
  const { days, max } = await getRetention();
  if (days === 0 && max === 0) return 0;
  const cutoff = days ? new Date(now - days * 86_400_000) : null;
  const rows = await db().syncSnapshot.findMany({
    select: { id: true, at: true, accountId: true },
    orderBy: [{ at: "desc" }, { id: "desc" }],
  });
  // The rule holds per account: each keeps its newest snapshot and at most `max`.
  const byAccount = new Map<string, typeof rows>();
  for (const r of rows) byAccount.set(r.accountId, [...(byAccount.get(r.accountId) ?? []), r]);
  const candidates = [...byAccount.values()].flatMap((list) =>
    list
      .slice(1)
      .filter((r, i) => (max > 0 && i + 1 >= max) || (cutoff !== null && r.at < cutoff))
      .map((r) => r.id),
  );
  if (candidates.length === 0) return 0;
  const deleted = await db().$transaction(async (tx) => {
    // Campaign references read in the same transaction as the delete.
    // A campaign of one account names its snapshot; one across the organization, each account's.
    const single = await tx.reviewCampaign.findMany({
      where: { snapshotId: { in: candidates } },
      select: { snapshotId: true },
    });
    const perAccount = await tx.reviewCampaignAccount.findMany({
      where: { snapshotId: { in: candidates } },
      select: { snapshotId: true },
    });
    const keep = new Set([...single, ...perAccount].map((c) => c.snapshotId));
    const ids = candidates.filter((id) => !keep.has(id));
    let count = 0;
    for (let i = 0; i < ids.length; i += 500)
      count += (await tx.syncSnapshot.deleteMany({ where: { id: { in: ids.slice(i, i + 500) } } })).count;
    return count;
  });
  if (deleted) log().info({ deleted, days, max }, "review snapshots past retention deleted");
  return deleted;
}
