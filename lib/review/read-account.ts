import type { STSClient } from "@aws-sdk/client-sts";
import { callerAccountId } from "@/lib/iam";
import { fetchExtras, fetchReport, listKeys } from "./credentials";
import { pairKeys } from "./keys";
import type { AccountState, UserState } from "./types";
import { CallCounter, walkAccount } from "./walk";

export interface ReadOptions {
  /** The account read, when the caller knows it (else GetCallerIdentity tells). */
  accountId?: string;
  /** The previous snapshot's state: users whose entry is unchanged keep their per-user extras. */
  previous?: AccountState | null;
  /** Check every user's SSH keys, service credentials and certificates (slow: 4 calls per user). */
  fullCredentialScan?: boolean;
  /** Bounded concurrency of the per-user calls. */
  concurrency?: number;
  /**
   * IAM reuses a credential report for up to 4 hours. When the report is the one the previous
   * sync already read, list each user's access keys so keys created or deleted since then are
   * seen ("when-report-stale", the default); "never" keeps to the report alone.
   */
  keyCheck?: "when-report-stale" | "never";
  /** Above this many users the stale-report key check is skipped (one call per user is too many). */
  keyCheckMaxUsers?: number;
  /**
   * Lower-case names of users whose access keys CloudTrail saw change since the previous sync:
   * their keys are always listed, whatever the credential report's age (lib/review/trail.ts).
   */
  listKeysFor?: ReadonlySet<string>;
}

/** The parts of a user that, when they change, call for a fresh look at their credentials. */
function fingerprint(
  u: Pick<UserState, "accessKeys" | "activeCertificates" | "passwordEnabled" | "mfaActive">,
): string {
  return JSON.stringify([
    u.accessKeys.map((k) => [k.created, k.active]),
    u.activeCertificates,
    u.passwordEnabled,
    u.mfaActive,
  ]);
}

async function inBatches<T>(items: T[], size: number, run: (t: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await run(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
}

/**
 * Read the account: the authorization-details walk and the credential report in parallel,
 * then per-user extras only where needed. The first sync has no previous state, so it records
 * no extras (a baseline); later syncs check new users and users whose credentials changed.
 */
export async function readAccount(
  counter: CallCounter,
  sts: STSClient | null,
  opts: ReadOptions = {},
): Promise<AccountState> {
  const [walk, report, accountId] = await Promise.all([
    walkAccount(counter),
    fetchReport(counter),
    opts.accountId
      ? Promise.resolve(opts.accountId)
      : sts
        ? callerAccountId(sts).then((a) => a ?? "")
        : Promise.resolve(""),
  ]);
  const previous = new Map((opts.previous?.users ?? []).map((u) => [u.name, u]));
  const users: UserState[] = walk.users.map((u) => {
    const row = report.rows.get(u.name);
    return {
      ...u,
      passwordEnabled: row?.passwordEnabled ?? false,
      passwordLastUsed: row?.passwordLastUsed ?? null,
      mfaActive: row?.mfaActive ?? false,
      accessKeys: row?.accessKeys ?? [],
      activeCertificates: row?.activeCertificates ?? 0,
    };
  });
  const staleReport = !!opts.previous && opts.previous.credentialReportAt === report.generatedAt;
  const keyCheck =
    (opts.keyCheck ?? "when-report-stale") === "when-report-stale" &&
    users.length <= (opts.keyCheckMaxUsers ?? 500);
  const listKeysFor = opts.listKeysFor;
  const keyUsers =
    staleReport && keyCheck ? users : users.filter((u) => listKeysFor?.has(u.name.toLowerCase()));
  if (keyUsers.length) {
    await inBatches(keyUsers, opts.concurrency ?? 8, async (u) => {
      const listed = await listKeys(counter, u.name);
      const fromReport = new Map(pairKeys(listed, u.accessKeys).pairs);
      u.accessKeys = listed.map((k) => ({ ...k, lastUsed: fromReport.get(k)?.lastUsed ?? null }));
    });
  }
  const toCheck: UserState[] = [];
  for (const u of users) {
    const before = previous.get(u.name);
    const unchanged = before && fingerprint(before) === fingerprint(u);
    if (unchanged) {
      u.extras = before.extras;
      // Key ids learnt earlier still name the same keys.
      for (const [k, b] of pairKeys(u.accessKeys, before.accessKeys).pairs) k.id ??= b.id;
    }
    if (opts.fullCredentialScan || (opts.previous && !unchanged)) toCheck.push(u);
  }
  await inBatches(toCheck, opts.concurrency ?? 8, async (u) => {
    const { keyIds, extras } = await fetchExtras(counter, u.name);
    u.extras = extras;
    const listed = keyIds.map((x) => ({ id: x.id, created: x.created ?? "" }));
    for (const [k, x] of pairKeys(u.accessKeys, listed).pairs) k.id = x.id;
  });
  return {
    accountId: accountId || (users[0]?.arn.split(":")[4] ?? ""),
    users,
    groups: walk.groups,
    roles: walk.roles,
    policies: walk.policies,
    credentialReportAt: report.generatedAt,
  };
}

export { CallCounter };
