import { db, type AwsAccount } from "@/lib/db";

// The review's syncs record their outcome on the account (this module owns the table): the
// Accounts page and the review's account picker read status, lastError and lastSyncAt from here.

/** Every account not removed, the app's own first: what a sync of all accounts walks. */
export async function activeAccounts(): Promise<AwsAccount[]> {
  const rows = await db().awsAccount.findMany({
    where: { removedAt: null },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
  return [...rows.filter((r) => r.source === "home"), ...rows.filter((r) => r.source !== "home")];
}

/** Every account not removed but the app's own: where a person's users elsewhere can be. */
export async function memberAccounts(): Promise<AwsAccount[]> {
  return (await activeAccounts()).filter((a) => a.source !== "home");
}

/** The app's own account as stored (null before anything asked STS who the app is). */
export async function homeAccountId(): Promise<string | null> {
  const row = await db().awsAccount.findFirst({
    where: { source: "home", removedAt: null },
    select: { id: true },
  });
  return row?.id ?? null;
}

/**
 * A sync's outcome. A good sync clears the error and sets lastSyncAt; a failed one keeps
 * lastSyncAt (the last good one) and stores the problem in words. lastCheckedAt is the last
 * attempt either way, so a failing account is not retried on every tick.
 */
export async function recordAccountSync(
  id: string,
  outcome: { ok: true; at: Date } | { ok: false; error: string; at: Date },
): Promise<void> {
  await db().awsAccount.updateMany({
    where: { id },
    data: outcome.ok
      ? { status: "ok", lastError: null, lastSyncAt: outcome.at, lastCheckedAt: outcome.at }
      : { status: "error", lastError: outcome.error, lastCheckedAt: outcome.at },
  });
}
