import { db } from "@/lib/db";

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
      if ((e as { code?: string }).code !== "P2002") throw e;
      const current = await db().setting.findUnique({ where: { key: LOCK_KEY } });
      if (current && Date.now() - current.updatedAt.getTime() < STALE_MS) throw new SyncBusyError(current.value as unknown as SyncProgress);
      // Stale: remove exactly that row (same updatedAt) so a live holder that just renewed is kept.
      if (current) await db().setting.deleteMany({ where: { key: LOCK_KEY, updatedAt: current.updatedAt } });
    }
  }
  throw new SyncBusyError(null);
}

export async function updateSyncPhase(holder: string, phase: SyncProgress["phase"], startedAt: string): Promise<void> {
  await db().setting.updateMany({ where: { key: LOCK_KEY, updatedBy: holder }, data: { value: { holder, startedAt, phase } } });
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
