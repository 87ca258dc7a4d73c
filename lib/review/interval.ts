import "server-only";
import { db } from "@/lib/db";
import { log } from "@/lib/log";
import { writeSettings } from "@/lib/settings/store";
import { latestSnapshot } from "./snapshot-store";
import { syncAccounts } from "./accounts-sync";

const SYNC_MINUTES_KEY = "review.syncMinutes";
export const DEFAULT_SYNC_MINUTES = 60;

export async function getSyncMinutes(): Promise<number> {
  const row = await db().setting.findUnique({ where: { key: SYNC_MINUTES_KEY } });
  const value = row?.value;
  return typeof value === "number" && Number.isInteger(value) && value >= 0 ? value : DEFAULT_SYNC_MINUTES;
}

export async function setSyncMinutes(minutes: number, actor: string): Promise<void> {
  await writeSettings([{ key: SYNC_MINUTES_KEY, value: minutes }], actor, "settings/review");
}

const FULL_SCAN_EVERY_MS = 24 * 3600 * 1000;

/**
 * SSH keys and service credentials leave no trace in the credential report, so the interval
 * lists them for every user once a day (a full credential scan: four calls per user).
 */
async function fullScanDue(accountId: string): Promise<boolean> {
  // A full scan records each user's checkedAt, so its state never equals the previous one: it is always stored.
  const recent = await db().syncSnapshot.findMany({
    where: { accountId, at: { gte: new Date(Date.now() - FULL_SCAN_EVERY_MS) } },
    select: { counts: true },
  });
  return !recent.some((r) => (r.counts as { fullScan?: boolean } | null)?.fullScan === true);
}

const holder = globalThis as typeof globalThis & { __gatehouseReviewTimer?: NodeJS.Timeout };

/**
 * Interval sync: every minute, sync each account whose newest snapshot is older than the
 * configured interval (re-read each tick, so a changed setting applies without a restart; 0 =
 * off). Each account's lock splits the accounts between app instances (accounts-sync.ts).
 */
export function startReviewSyncLoop(tickMs = 60_000): void {
  if (holder.__gatehouseReviewTimer) return;
  let busy = false;
  const tick = async () => {
    if (busy) return; // a long sync outlasts a tick; never stack them
    busy = true;
    try {
      const minutes = await getSyncMinutes();
      if (minutes === 0) return;
      const outcomes = await syncAccounts({
        freshWithinMs: minutes * 60_000,
        fullCredentialScan: fullScanDue,
      });
      const failed = outcomes.filter((o) => o.outcome === "failed");
      if (failed.length)
        log().warn(
          { failed: failed.map((o) => ({ account: o.accountId, error: o.error })) },
          "interval review sync: accounts failed",
        );
    } catch (err) {
      log().warn({ err: err instanceof Error ? err.message : String(err) }, "interval review sync skipped");
    } finally {
      busy = false;
    }
  };
  // Decode the newest snapshot now, so the first Review page after a restart does not pay for it.
  void latestSnapshot().catch(() => undefined);
  holder.__gatehouseReviewTimer = setInterval(() => void tick(), tickMs);
  holder.__gatehouseReviewTimer.unref();
}

export function stopReviewSyncLoop(): void {
  if (holder.__gatehouseReviewTimer) clearInterval(holder.__gatehouseReviewTimer);
  holder.__gatehouseReviewTimer = undefined;
}
