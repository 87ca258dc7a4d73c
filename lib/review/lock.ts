import { isUniqueViolation, UserError } from "@/lib/errors";
import { db } from "@/lib/db";
import { env } from "@/lib/env";

const LOCK_KEY = "review.syncLock";
// A holder that died mid-sync leaves its row; after this long another sync may take over.
const STALE_MS = 10 * 60 * 1000;

export interface SyncProgress {
  holder: string;
  startedAt: string;
  phase: "reading" | "computing" | "saving";
}

export class SyncBusyError extends Error {
  constructor(readonly progress: SyncProgress | null) {
    super("A sync is already running.");
    this.name = "SyncBusyError";
  }
}

/**
 * Take the sync lock: a Setting row that only one process can insert (primary key). Works
 * across app instances sharing a database, not only within this process.
 */
export async function acquireSyncLock(holder: string): Promise<void> {
  const progress: SyncProgress = { holder, startedAt: new Date().toISOString(), phase: "reading" };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await db().setting.create({ data: { key: LOCK_KEY, value: progress as object, updatedBy: holder } });
      return;
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
      const current = await db().setting.findUnique({ where: { key: LOCK_KEY } });
      if (current && Date.now() - current.updatedAt.getTime() < STALE_MS)
        throw new SyncBusyError(current.value as unknown as SyncProgress);
      // Stale: remove exactly that row (same updatedAt) so a live holder that just renewed is kept.
      if (current) await db().setting.deleteMany({ where: { key: LOCK_KEY, updatedAt: current.updatedAt } });
    }
  }
  throw new SyncBusyError(null);
}

export async function updateSyncPhase(
  holder: string,
  phase: SyncProgress["phase"],
  startedAt: string,
): Promise<void> {
  await db().setting.updateMany({
    where: { key: LOCK_KEY, updatedBy: holder },
    data: { value: { holder, startedAt, phase } },
  });
}

export async function releaseSyncLock(holder: string): Promise<void> {
  await db().setting.deleteMany({ where: { key: LOCK_KEY, updatedBy: holder } });
}

/** The running sync, if any (for the progress indicator). */
export async function currentSync(): Promise<SyncProgress | null> {
  const row = await db().setting.findUnique({ where: { key: LOCK_KEY } });
  if (!row || Date.now() - row.updatedAt.getTime() >= STALE_MS) return null;
  return row.value as unknown as SyncProgress;
}

const MANUAL_SYNC_KEY = "review.lastManualSync";

/**
 * One manual sync per REVIEW_SYNC_COOLDOWN_SECONDS (default a minute), for everyone and every
 * instance: each sync reads the whole account. The slot is taken atomically before the sync
 * runs (a conditional UPDATE on the row's time, or the row's first INSERT), so parallel clicks
 * get one sync; the others are told how long to wait.
 */
export async function reserveManualSync(actor: string): Promise<void> {
  const cooldownMs = env().REVIEW_SYNC_COOLDOWN_SECONDS * 1000;
  const now = new Date();
  const value = { at: now.toISOString(), by: actor };
  const claimed = await db().setting.updateMany({
    where: { key: MANUAL_SYNC_KEY, updatedAt: { lte: new Date(now.getTime() - cooldownMs) } },
    data: { value, updatedBy: actor },
  });
  if (claimed.count === 1) return;
  try {
    await db().setting.create({ data: { key: MANUAL_SYNC_KEY, value, updatedBy: actor } });
    return;
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
  }
  const last = await db().setting.findUnique({ where: { key: MANUAL_SYNC_KEY } });
  const waitS = Math.max(
    1,
    Math.ceil(((last?.updatedAt.getTime() ?? now.getTime()) + cooldownMs - Date.now()) / 1000),
  );
  const by = last?.updatedBy && last.updatedBy !== actor ? ` (by ${last.updatedBy})` : "";
  const per =
    cooldownMs === 60_000
      ? "minute"
      : cooldownMs % 60_000 === 0
        ? `${cooldownMs / 60_000} minutes`
        : `${cooldownMs / 1000} seconds`;
  throw new UserError(
    `A manual sync was started moments ago${by}, and there is one per ${per}. Try again in ${waitS} s.`,
    "RATE_LIMITED",
  );
}
