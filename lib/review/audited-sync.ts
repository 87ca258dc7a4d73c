import "server-only";
import { audit } from "@/lib/audit";
import { getAccount, openAccount, recordAccountSync } from "@/lib/aws-accounts";
import type { AwsAccount } from "@/lib/db";
import { NotFoundError, UserError } from "@/lib/errors";
import { toIamError, type IamClients } from "@/lib/iam";
import { iamClients } from "@/lib/iam/server";
import { log } from "@/lib/log";
import { reserveManualSync, SyncBusyError } from "./lock";
import { runSync, runSyncIfDue, type SyncResult } from "./sync";

// The app's way to sync: with the account's clients (the app's own for home, the account's role
// session otherwise), audited (review.synced, or review.sync_failed with the problem in words),
// the outcome stored on the account, and logged when drift turns up. runSync (sync.ts) is the
// bare sync the tests and the benchmark drive directly.

/** What a sync needs of an account row (null: the app's own account, whatever is stored). */
export type SyncTarget = Pick<AwsAccount, "id" | "name" | "source" | "roleArn" | "externalId"> | null;

/** A sync that could not run or failed, with the problem in words (already recorded and audited). */
export class AccountSyncError extends Error {
  constructor(
    readonly accountId: string | null,
    readonly problem: string,
  ) {
    super(problem);
    this.name = "AccountSyncError";
  }
}

/** A manual sync (rate-limited, see reserveManualSync); the actor is a member's email. */
export async function syncNow(
  actor: string,
  opts: { fullCredentialScan?: boolean; accountId?: string } = {},
): Promise<SyncResult> {
  const target = opts.accountId ? await getAccount(opts.accountId) : null;
  if (opts.accountId && !target) throw new NotFoundError("That account is not in Gatehouse.");
  await reserveManualSync(actor);
  try {
    return (await auditedSync(target, actor, opts, null))!;
  } catch (e) {
    if (e instanceof SyncBusyError)
      throw new UserError(
        "A sync of this account is already running; its result will show here when it finishes.",
        "CONFLICT",
      );
    if (e instanceof AccountSyncError) throw new UserError(e.problem, "UNAVAILABLE");
    throw e;
  }
}

/**
 * One account's sync, audited and recorded on the account. `maxAgeMs` null: sync now; else only
 * when the account's newest snapshot is older (checked under the account's lock). Throws
 * SyncBusyError when the account is being synced (here or by another instance), and
 * AccountSyncError with the problem in words when the account cannot be reached or the sync failed.
 */
export async function auditedSync(
  target: SyncTarget,
  actor: string,
  opts: { fullCredentialScan?: boolean; holder?: string },
  maxAgeMs: number | null,
): Promise<SyncResult | null> {
  const home = !target || target.source === "home";
  const fail = async (problem: string): Promise<never> => {
    if (target) await recordAccountSync(target.id, { ok: false, error: problem, at: new Date() });
    await audit({
      actor,
      action: "review.sync_failed",
      target: target?.id,
      data: { accountId: target?.id ?? null, name: target?.name ?? null, problem },
    });
    log().warn({ accountId: target?.id, problem }, "review sync failed");
    throw new AccountSyncError(target?.id ?? null, problem);
  };
  let clients: IamClients;
  if (target && !home) {
    const opened = await openAccount(target);
    if (!opened.ok) return fail(opened.problem);
    clients = opened.clients;
  } else clients = iamClients();

  const { iam, sts, cloudTrail, mode } = clients;
  const options = {
    iam,
    sts,
    cloudTrail,
    source: mode,
    accountId: target?.id,
    explainFromSteps: home,
    holder: opts.holder,
    fullCredentialScan: opts.fullCredentialScan,
  };
  let result: SyncResult | null;
  try {
    result = maxAgeMs === null ? await runSync(options) : await runSyncIfDue(options, maxAgeMs);
  } catch (e) {
    if (e instanceof SyncBusyError) throw e;
    return fail(syncProblem(e));
  }
  if (!result) return null;
  const accountId = target?.id ?? result.accountId;
  await recordAccountSync(accountId, { ok: true, at: result.at });
  const drift = result.drift.filter((d) => !d.explainedBy);
  await audit({
    actor,
    action: "review.synced",
    target: result.snapshotId,
    data: {
      accountId,
      users: result.counts.users,
      listCalls: result.counts.listCalls,
      durationMs: result.counts.durationMs,
      unchanged: result.unchanged,
      drift: drift.map((d) => d.summary).slice(0, 50),
    },
  });
  if (drift.length)
    log().warn(
      { accountId, drift: drift.length, snapshot: result.snapshotId },
      "review sync found out-of-band changes",
    );
  return result;
}

/** A failed sync in words an operator can act on (AWS's code, never a stack or an internal message). */
export function syncProblem(e: unknown): string {
  const err = toIamError(e);
  if (err.code === "Throttling" || err.code === "RequestLimitExceeded")
    return "AWS throttled the sync (rate exceeded); the next sync tries again.";
  if (err.kind === "retryable")
    return "IAM could not be reached during the sync (no answer, or a temporary failure); the next sync tries again.";
  if (err.kind === "denied")
    return `IAM refused the sync's reads (${err.code}): the account's role needs the app policy's read actions.`;
  return `The sync failed (${err.code}).`;
}
