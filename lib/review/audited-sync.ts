import "server-only";
import { audit } from "@/lib/audit";
import { iamClients } from "@/lib/iam/server";
import { log } from "@/lib/log";
import { UserError } from "@/lib/errors";
import { reserveManualSync, SyncBusyError } from "./lock";
import { runSync, runSyncIfDue, type SyncResult } from "./sync";

// The app's way to sync: with the app's IAM clients, audited (review.synced) and logged when drift
// turns up. runSync (sync.ts) is the bare sync the tests and the benchmark drive directly.

/** A manual sync (rate-limited, see reserveManualSync); the actor is a member's email. */
export async function syncNow(
  actor: string,
  opts: { fullCredentialScan?: boolean } = {},
): Promise<SyncResult> {
  await reserveManualSync(actor);
  return (await syncAndAudit(actor, opts, null))!;
}

/** The interval's sync: skipped (null) when a snapshot younger than `maxAgeMs` exists. */
export function syncIfDue(
  maxAgeMs: number,
  opts: { fullCredentialScan?: boolean } = {},
): Promise<SyncResult | null> {
  return syncAndAudit("system", opts, maxAgeMs);
}

async function syncAndAudit(
  actor: string,
  opts: { fullCredentialScan?: boolean },
  maxAgeMs: number | null,
): Promise<SyncResult | null> {
  const { iam, sts, cloudTrail, mode } = iamClients();
  let result: SyncResult | null;
  try {
    const options = { iam, sts, cloudTrail, source: mode, fullCredentialScan: opts.fullCredentialScan };
    result = maxAgeMs === null ? await runSync(options) : await runSyncIfDue(options, maxAgeMs);
  } catch (e) {
    if (e instanceof SyncBusyError)
      throw new UserError(
        "A sync is already running; its result will show here when it finishes.",
        "CONFLICT",
      );
    throw e;
  }
  if (!result) return null;
  const drift = result.drift.filter((d) => !d.explainedBy);
  await audit({
    actor,
    action: "review.synced",
    target: result.snapshotId,
    data: {
      users: result.counts.users,
      listCalls: result.counts.listCalls,
      durationMs: result.counts.durationMs,
      unchanged: result.unchanged,
      drift: drift.map((d) => d.summary).slice(0, 50),
    },
  });
  if (drift.length)
    log().warn({ drift: drift.length, snapshot: result.snapshotId }, "review sync found out-of-band changes");
  return result;
}
