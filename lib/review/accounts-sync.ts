import "server-only";
import { randomUUID } from "node:crypto";
import { activeAccounts, ensureHomeAccount } from "@/lib/aws-accounts";
import type { AwsAccount } from "@/lib/db";
import { log } from "@/lib/log";
import { AccountSyncError, auditedSync, syncProblem } from "./audited-sync";
import { reserveManualSync, SyncBusyError } from "./lock";
import { latestSnapshotInfo } from "./snapshot-store";

// Every account's sync, as jobs leased in the database: each account's job is its sync lock (a
// Setting row only one holder can insert, lock.ts), and whether it is due is checked again under
// that lock. So app instances sharing one database split the accounts between them — whoever
// takes an account's lock syncs it, the others see it running or already fresh and move on — and
// no account is synced twice at once. One account failing is recorded on it and the rest go on.

export interface AccountSyncOutcome {
  accountId: string;
  name: string;
  /**
   * synced / unchanged: this call synced it (a new snapshot, or the newest confirmed); fresh: it
   * was synced within `freshWithinMs` (by anyone) or failed that recently; busy: another holder
   * is syncing it now; failed: `error` says why, in words.
   */
  outcome: "synced" | "unchanged" | "fresh" | "busy" | "failed";
  snapshotId?: string;
  error?: string;
  /** The holder of the account's lock while this call synced it. */
  holder: string;
  startedAt: Date;
  finishedAt: Date;
}

export interface SyncAccountsOptions {
  actor?: string;
  /** An account synced (or failed) more recently than this is left alone; default a minute. */
  freshWithinMs?: number;
  /** Accounts synced at once by this call (each sync also reads in parallel); default 4. */
  concurrency?: number;
  /** Names this call's lock holders (an app instance); default a fresh id. */
  instance?: string;
  /** Whether the account's sync is a full credential scan. */
  fullCredentialScan?: (accountId: string) => Promise<boolean>;
}

/** Syncs every active account that is due, at most `concurrency` at once. Never throws for one account. */
export async function syncAccounts(opts: SyncAccountsOptions = {}): Promise<AccountSyncOutcome[]> {
  const homeProblem = await ensureHomeAccount();
  if (homeProblem)
    log().warn({ problem: homeProblem }, "review sync: the app's own account is not reachable");
  const accounts = await activeAccounts();
  const instance = opts.instance ?? randomUUID();
  const outcomes: AccountSyncOutcome[] = [];
  let next = 0;
  const worker = async () => {
    while (next < accounts.length) {
      const account = accounts[next++];
      outcomes.push(await syncOne(account, `${instance}:${account.id}`, opts));
    }
  };
  await Promise.all(Array.from({ length: Math.min(opts.concurrency ?? 4, accounts.length) }, worker));
  return outcomes;
}

/**
 * "Sync all accounts" (an admin's click): every active account now, whatever its age, audited as
 * the actor's. Counts as one manual sync against the cooldown (each sync reads a whole account).
 */
export async function syncAllAccountsNow(actor: string): Promise<AccountSyncOutcome[]> {
  await reserveManualSync(actor);
  return syncAccounts({ actor, freshWithinMs: 0 });
}

async function syncOne(
  account: AwsAccount,
  holder: string,
  opts: SyncAccountsOptions,
): Promise<AccountSyncOutcome> {
  const freshWithinMs = opts.freshWithinMs ?? 60_000;
  const startedAt = new Date();
  const done = (o: Pick<AccountSyncOutcome, "outcome" | "snapshotId" | "error">): AccountSyncOutcome => ({
    accountId: account.id,
    name: account.name,
    holder,
    startedAt,
    finishedAt: new Date(),
    ...o,
  });
  // Cheap checks before taking the lock; the age is checked again under it.
  const info = await latestSnapshotInfo(account.id);
  if (info && startedAt.getTime() - info.syncedAt.getTime() < freshWithinMs)
    return done({ outcome: "fresh" });
  const failedAt = account.status === "error" ? account.lastCheckedAt : null;
  if (
    failedAt &&
    (account.lastSyncAt ?? new Date(0)) < failedAt &&
    startedAt.getTime() - failedAt.getTime() < freshWithinMs
  )
    return done({ outcome: "fresh" });
  try {
    const fullCredentialScan = (await opts.fullCredentialScan?.(account.id)) ?? false;
    const result = await auditedSync(
      account,
      opts.actor ?? "system",
      { fullCredentialScan, holder },
      freshWithinMs,
    );
    if (!result) return done({ outcome: "fresh" });
    return done({ outcome: result.unchanged ? "unchanged" : "synced", snapshotId: result.snapshotId });
  } catch (e) {
    if (e instanceof SyncBusyError) return done({ outcome: "busy" });
    if (e instanceof AccountSyncError) return done({ outcome: "failed", error: e.problem });
    // Not the sync itself (recording or auditing it): logged, and the other accounts go on.
    log().error(
      { accountId: account.id, err: e instanceof Error ? e.message : String(e) },
      "review sync of an account failed",
    );
    return done({ outcome: "failed", error: syncProblem(e) });
  }
}
