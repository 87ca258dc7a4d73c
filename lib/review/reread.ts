import { randomUUID } from "node:crypto";
import type { IAMClient } from "@aws-sdk/client-iam";
import { doneStepsBetween } from "@/lib/changes";
import {
  groupAuthorizationDetails,
  loginProfile,
  managedPolicyDetails,
  mfaDevicesOf,
  roleAuthorizationDetails,
  userAuthorizationDetails,
} from "@/lib/iam";
import { log } from "@/lib/log";
import { loadCatalog, type Catalog } from "@/lib/policy";
import { computeAccess } from "./access";
import { listKeys } from "./credentials";
import { diffStates } from "./diff";
import { explainChanges } from "./explain";
import { pairKeys } from "./keys";
import { acquireSyncLock, releaseSyncLock, SyncBusyError } from "./lock";
import { contentHash, latestSnapshot, reviewedAccount, storeSnapshot } from "./snapshot-store";
import type { AccountState, SyncCounts, UserState } from "./types";
import { CallCounter, groupOf, policyOf, roleOf, userOf } from "./walk";

// The incremental re-read: after a change request ran, only the principals its steps named are
// read again (a few calls each, lib/iam's principal-details.ts) and laid over the account's
// newest snapshot, stored as a new snapshot with its drift. So the People list, the person page
// and the review show the request's effect at once. The snapshot keeps the full sync's time as
// `checkedAt` ("synced N ago" and the interval's "is a sync due" stay about the whole account)
// and says what it re-read in `counts.reread`.

export interface RereadInput {
  /** The account (AwsAccount.id); null or absent: the app's own. */
  accountId?: string | null;
  iam: IAMClient;
  users: string[];
  groups: string[];
  roles: string[];
  policies: string[];
  /** The change request that made the changes (shown beside the snapshot's age). */
  requestId?: string;
  catalog?: Catalog;
  /** How long to wait for a full sync of the account that holds its lock (default 10 s). */
  waitMs?: number;
}

export interface RereadResult {
  accountId: string;
  /** The new snapshot, or null when the principals read exactly as the newest one has them. */
  snapshotId: string | null;
  calls: number;
  drift: number;
}

const LOCK_POLL_MS = 200;

async function lockAccount(holder: string, accountId: string | null, waitMs: number): Promise<void> {
  const until = Date.now() + waitMs;
  for (;;) {
    try {
      return await acquireSyncLock(holder, accountId);
    } catch (e) {
      // A full sync of the account is running; re-read on top of what it stores.
      if (!(e instanceof SyncBusyError) || Date.now() > until) throw e;
      await new Promise((r) => setTimeout(r, LOCK_POLL_MS));
    }
  }
}

function replace<T extends { name: string }>(list: T[], read: Map<string, T | null>): T[] {
  const lower = new Map([...read].map(([k, v]) => [k.toLowerCase(), v]));
  const out = list.flatMap((x) => {
    const key = x.name.toLowerCase();
    if (!lower.has(key)) return [x];
    const fresh = lower.get(key);
    lower.delete(key);
    return fresh ? [fresh] : [];
  });
  for (const fresh of lower.values()) if (fresh) out.push(fresh);
  return out;
}

async function readUser(counter: CallCounter, name: string, before: UserState | undefined) {
  const rec = (op: string) => counter.recorder(op);
  const [detail, profile, mfa, keys] = await Promise.all([
    userAuthorizationDetails(counter.iam, name, rec),
    loginProfile(counter.iam, name, rec("GetLoginProfile")).catch(() => null),
    mfaDevicesOf(counter.iam, name, rec("ListMFADevices")).catch(() => []),
    listKeys(counter, name).catch(() => []),
  ]);
  if (!detail) return null;
  const lastUsed = new Map(pairKeys(keys, before?.accessKeys ?? []).pairs);
  const user: UserState = {
    ...userOf(detail),
    passwordEnabled: !!profile,
    passwordLastUsed: detail.PasswordLastUsed?.toISOString() ?? before?.passwordLastUsed ?? null,
    mfaActive: mfa.length > 0,
    accessKeys: keys.map((k) => ({ ...k, lastUsed: lastUsed.get(k)?.lastUsed ?? null })),
    // Certificates, SSH keys and service credentials are the next full sync's: kept as they were.
    activeCertificates: before?.activeCertificates ?? 0,
  };
  if (before?.extras) user.extras = before.extras;
  return user;
}

/**
 * Re-reads the named principals of one account over its newest snapshot. Without a snapshot it
 * does nothing (the first sync reads everything). Takes the account's sync lock, waiting a
 * little for a running full sync.
 */
export async function rereadPrincipals(input: RereadInput): Promise<RereadResult | null> {
  const account = await reviewedAccount(input.accountId);
  if (!(await latestSnapshot(account))) return null;
  const holder = `reread:${randomUUID()}`;
  await lockAccount(holder, account, input.waitMs ?? 10_000);
  try {
    const previous = (await latestSnapshot(account))!;
    const started = new Date();
    const counter = new CallCounter(input.iam);
    const rec = (op: string) => counter.recorder(op);
    const prevUsers = new Map(previous.state.users.map((u) => [u.name.toLowerCase(), u]));
    const [users, groups, roles] = await Promise.all([
      Promise.all(
        input.users.map(
          async (n) => [n, await readUser(counter, n, prevUsers.get(n.toLowerCase()))] as const,
        ),
      ),
      Promise.all(
        input.groups.map(async (n) => {
          const g = await groupAuthorizationDetails(input.iam, n, rec);
          return [n, g && groupOf(g)] as const;
        }),
      ),
      Promise.all(
        input.roles.map(async (n) => {
          const r = await roleAuthorizationDetails(input.iam, n, rec);
          return [n, r && roleOf(r)] as const;
        }),
      ),
    ]);
    const state: AccountState = {
      ...previous.state,
      users: replace(previous.state.users, new Map(users)),
      groups: replace(previous.state.groups, new Map(groups)),
      roles: replace(previous.state.roles, new Map(roles)),
    };
    // The policies touched, and any the re-read principals now hold that the snapshot lacks.
    const known = new Set(state.policies.map((p) => p.arn));
    const held = [...state.users, ...state.groups, ...state.roles].flatMap((x) =>
      x.attached.map((a) => a.arn),
    );
    const arns = [...new Set([...input.policies, ...held.filter((a) => !known.has(a))])];
    const policies = await Promise.all(
      arns.map(async (arn) => {
        const p = await managedPolicyDetails(input.iam, arn, rec);
        return [arn, p && policyOf(p)] as const;
      }),
    );
    const readPolicies = new Map(policies);
    state.policies = [
      ...state.policies.flatMap((p) => (readPolicies.has(p.arn) ? [] : [p])),
      ...policies.flatMap(([, p]) => (p ? [p] : [])),
    ];
    const hash = contentHash(state);
    const calls = Object.values(counter.calls).reduce((a, b) => a + b, 0);
    if (hash === contentHash(previous.state))
      return { accountId: previous.accountId, snapshotId: null, calls, drift: 0 };

    const computeStart = performance.now();
    const access = computeAccess(state, input.catalog ?? (await loadCatalog()));
    const computeMs = Math.round(performance.now() - computeStart);
    const readDone = new Date();
    const home = await reviewedAccount(null);
    // Only this account's steps explain its changes (a step names its account; none = home).
    const steps = (await doneStepsBetween(previous.at, readDone)).filter(
      (s) => (s.accountId ?? home) === (account ?? home),
    );
    const explained = explainChanges(diffStates(previous.state, state), steps);
    const drift = explained.filter((e) => !e.explainedBy).length;
    const counts: SyncCounts = {
      users: state.users.length,
      groups: state.groups.length,
      roles: state.roles.length,
      policies: state.policies.length,
      calls: counter.calls,
      listCalls: counter.listCalls(),
      drift,
      durationMs: readDone.getTime() - started.getTime(),
      computeMs,
      reread: {
        requestId: input.requestId ?? null,
        principals: [
          ...input.users.map((n) => `user/${n}`),
          ...input.groups.map((n) => `group/${n}`),
          ...input.roles.map((n) => `role/${n}`),
          ...input.policies,
        ],
        fullSyncAt: previous.syncedAt.toISOString(),
      },
    };
    const snapshotId = await storeSnapshot({
      at: started,
      // The whole account was last read by the full sync: "synced N ago" stays its age.
      checkedAt: previous.syncedAt,
      source: previous.source,
      accountId: previous.accountId,
      counts,
      state,
      access,
      hash,
      explained,
      seenAt: readDone,
    });
    return { accountId: previous.accountId, snapshotId, calls, drift };
  } finally {
    await releaseSyncLock(holder, account);
  }
}

/** lib/changes' after-run hook: each touched account re-read side by side; failures logged. */
export async function rereadAfterRequest(
  touched: Omit<RereadInput, "requestId" | "catalog" | "waitMs">[],
  ctx: { requestId: string },
): Promise<void> {
  await Promise.all(
    touched.map(async (t) => {
      try {
        const r = await rereadPrincipals({ ...t, requestId: ctx.requestId });
        if (r) log().debug({ requestId: ctx.requestId, ...r }, "review: re-read what the request touched");
      } catch (e) {
        log().warn(
          {
            requestId: ctx.requestId,
            accountId: t.accountId,
            err: e instanceof Error ? e.message : String(e),
          },
          "review: re-reading what the request touched failed; the next sync shows it",
        );
      }
    }),
  );
}
