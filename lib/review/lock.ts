import { isUniqueViolation, UserError } from "@/lib/errors";
import { db } from "@/lib/db";
import { env } from "@/lib/env";

const LOCK_PREFIX = "review.syncLock";
/**
 * One lock per AWS account ("review.syncLock:<id>"): two accounts sync at once, one account
 * never twice. A sync that cannot tell its account (no STS client) takes the bare key.
 */
const lockKey = (accountId: string | null) => (accountId ? `${LOCK_PREFIX}:${accountId}` : LOCK_PREFIX);
// A holder that died mid-sync leaves its row; after this long another sync may take over.
const STALE_MS = 10 * 60 * 1000;

export interface SyncProgress {
  holder: string;
  accountId?: string | null;
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
export async function acquireSyncLock(holder: string, accountId: string | null): Promise<void> {
  const key = lockKey(accountId);
  const progress: SyncProgress = {
    holder,
    accountId,
    startedAt: new Date().toISOString(),
    phase: "reading",
  };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await db().setting.create({ data: { key, value: progress as object, updatedBy: holder } });
      return;
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
      const current = await db().setting.findUnique({ where: { key } });
      if (current && Date.now() - current.updatedAt.getTime() < STALE_MS)
        throw new SyncBusyError(current.value as unknown as SyncProgress);
      // Stale: remove exactly that row (same updatedAt) so a live holder that just renewed is kept.
      if (current) await db().setting.deleteMany({ where: { key, updatedAt: current.updatedAt } });
    }
  }
  throw new SyncBusyError(null);
}

export async function updateSyncPhase(
  holder: string,
  phase: SyncProgress["phase"],
  startedAt: string,
  accountId: string | null,
): Promise<void> {
  await db().setting.updateMany({
    where: { key: lockKey(accountId), updatedBy: holder },
    data: { value: { holder, accountId, startedAt, phase } },
  });
}

export async function releaseSyncLock(holder: string, accountId: string | null): Promise<void> {
  await db().setting.deleteMany({ where: { key: lockKey(accountId), updatedBy: holder } });
}

/**
 * The account's running sync, if any (for the progress indicator). Without an account (nothing
 * knows the app's own account yet: a single-account database) any running sync counts.
 */
export async function currentSync(accountId?: string | null): Promise<SyncProgress | null> {
  const row = accountId
    ? await db().setting.findUnique({ where: { key: lockKey(accountId) } })
    : await db().setting.findFirst({
        where: { key: { startsWith: LOCK_PREFIX } },
        orderBy: { updatedAt: "desc" },
      });
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
