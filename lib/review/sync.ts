import { randomUUID } from "node:crypto";
import type { IAMClient } from "@aws-sdk/client-iam";
import type { CloudTrailClient } from "@aws-sdk/client-cloudtrail";
import { GetCallerIdentityCommand, type STSClient } from "@aws-sdk/client-sts";
import { doneStepsBetween } from "@/lib/changes";
import { db } from "@/lib/db";
import { callerAccountId } from "@/lib/iam";
import { loadCatalog, type Catalog } from "@/lib/policy";
import { computeAccess } from "./access";
import { diffStates } from "./diff";
import { explainChanges } from "./explain";
import { readLastAccessed } from "./last-accessed";
import { acquireSyncLock, releaseSyncLock, updateSyncPhase } from "./lock";
import { CallCounter, readAccount, type ReadOptions } from "./read-account";
import { pruneSnapshots } from "./retention";
import { contentHash, latestSnapshot, latestSnapshotInfo, storeSnapshot } from "./snapshot-store";
import { keyCreation, readTrailWrites, usersWithKeyEvents, type TrailRead } from "./trail";
import type { SyncCounts } from "./types";
import type { StateChange } from "./diff";

export interface SyncOptions extends Pick<ReadOptions, "fullCredentialScan" | "keyCheck" | "concurrency"> {
  iam: IAMClient;
  sts?: STSClient | null;
  /** CloudTrail where the account offers LookupEvents; absent or refused = snapshots alone */
  cloudTrail?: CloudTrailClient | null;
  /** "sandbox" / "live" (shown on the page). */
  source: string;
  catalog?: Catalog;
  /** The account synced; without it, the account of `sts`'s identity (GetCallerIdentity). */
  accountId?: string;
  /**
   * Whether done steps of Gatehouse's change requests may explain drift. The engine changes the
   * app's own account only, so a member account's changes are never explained by its steps.
   */
  explainFromSteps?: boolean;
  /** Who holds the account's lock while this runs (default: a fresh id). */
  holder?: string;
}

export interface SyncResult {
  snapshotId: string;
  /** The account synced (its snapshots' accountId). */
  accountId: string;
  at: Date;
  /** The account read exactly as the newest snapshot: no row was stored, that one was confirmed. */
  unchanged: boolean;
  counts: SyncCounts;
  drift: { entity: string; summary: string; explainedBy: string | null }[];
  /** whether CloudTrail's events took part, and why not when they did not */
  cloudTrail: { used: true } | { used: false; reason: string };
}

/**
 * One sync of one account: read it (walk + credential report + per-user extras where needed),
 * compute everyone's effective access, compare with the account's previous snapshot minus what
 * Gatehouse's own executed requests did, and store snapshot + drift. Never two of one account
 * at once (the account's lock); two accounts sync side by side.
 */
export async function runSync(opts: SyncOptions): Promise<SyncResult> {
  return (await syncUnderLock(opts, null))!;
}

/**
 * The interval's sync: only if the newest snapshot is older than `maxAgeMs`, checked under the
 * lock, so a sync that finished while this one waited (here or on another instance) counts.
 */
export function runSyncIfDue(opts: SyncOptions, maxAgeMs: number): Promise<SyncResult | null> {
  return syncUnderLock(opts, maxAgeMs);
}

async function syncUnderLock(opts: SyncOptions, maxAgeMs: number | null): Promise<SyncResult | null> {
  const holder = opts.holder ?? randomUUID();
  const accountId = opts.accountId ?? (opts.sts ? await callerAccountId(opts.sts) : null);
  const explainFromSteps = opts.explainFromSteps ?? true;
  await acquireSyncLock(holder, accountId);
  const started = new Date();
  const startedIso = started.toISOString();
  try {
    const previous = await latestSnapshot(accountId);
    if (maxAgeMs !== null && previous && started.getTime() - previous.syncedAt.getTime() < maxAgeMs)
      return null;
    const counter = new CallCounter(opts.iam);
    const trail: TrailRead = !opts.cloudTrail
      ? { available: false, reason: "no CloudTrail client" }
      : previous
        ? await readTrailWrites(opts.cloudTrail, previous.syncedAt, started)
        : { available: true, writes: [], truncated: false };
    const [state, catalog] = await Promise.all([
      readAccount(counter, opts.sts ?? null, {
        accountId: accountId ?? undefined,
        previous: previous?.state ?? null,
        listKeysFor: trail.available ? usersWithKeyEvents(trail.writes) : undefined,
        fullCredentialScan: opts.fullCredentialScan,
        keyCheck: opts.keyCheck,
        concurrency: opts.concurrency,
      }),
      opts.catalog ?? loadCatalog(),
    ]);
    state.lastAccessed = await readLastAccessed(counter, state, previous?.state.lastAccessed, {
      refresh: !!opts.fullCredentialScan,
      now: started,
    });
    const readMs = Date.now() - started.getTime();
    const hash = contentHash(state);
    // Read fresh (the decoded snapshot is cached): is the newest stored content this very state?
    const newest = previous && (await latestSnapshotInfo(accountId));
    if (newest && newest.contentHash === hash) {
      // Nothing changed: no second copy (each one is the whole account), and no drift. The sync
      // is recorded on the row it confirmed, so "synced N ago" and the interval stay right.
      // A full sync confirms the whole account: no longer only a re-read after a request.
      const { reread: _reread, ...newestCounts } = newest.counts;
      const confirmed = { ...newestCounts, cloudTrail: trailUse(trail) };
      await db().syncSnapshot.update({
        where: { id: newest.id },
        data: { checkedAt: started, counts: confirmed as object },
      });
      const counts: SyncCounts = {
        ...confirmed,
        calls: counter.calls,
        listCalls: counter.listCalls(),
        drift: 0,
        durationMs: readMs,
        computeMs: 0,
        fullScan: !!opts.fullCredentialScan,
      };
      return {
        snapshotId: newest.id,
        accountId: accountId ?? state.accountId,
        at: started,
        unchanged: true,
        counts,
        drift: [],
        cloudTrail: trailUse(trail),
      };
    }
    await updateSyncPhase(holder, "computing", startedIso, accountId);
    const computeStart = performance.now();
    const access = computeAccess(state, catalog);
    const computeMs = Math.round(performance.now() - computeStart);

    const readDone = new Date();
    const changes = previous ? diffStates(previous.state, state) : [];
    const steps = previous && explainFromSteps ? await doneStepsBetween(previous.at, readDone) : [];
    const explained = previous ? explainChanges(changes, steps) : [];
    if (trail.available && opts.cloudTrail && explainFromSteps)
      await explainOwnKeys(explained, opts.cloudTrail, opts.sts ?? null);
    await updateSyncPhase(holder, "saving", startedIso, accountId);
    const counts: SyncCounts = {
      users: state.users.length,
      groups: state.groups.length,
      roles: state.roles.length,
      policies: state.policies.length,
      calls: counter.calls,
      listCalls: counter.listCalls(),
      drift: explained.filter((e) => !e.explainedBy).length,
      durationMs: readMs + computeMs,
      computeMs,
      fullScan: !!opts.fullCredentialScan,
      cloudTrail: trailUse(trail),
    };
    const snapshotId = await storeSnapshot({
      at: started,
      source: opts.source,
      accountId: accountId ?? state.accountId,
      counts,
      state,
      access,
      hash,
      explained,
      seenAt: readDone,
    });
    await pruneSnapshots();
    return {
      snapshotId,
      accountId: accountId ?? state.accountId,
      at: started,
      unchanged: false,
      counts,
      drift: explained.map(({ change, explainedBy }) => ({
        entity: change.entity,
        summary: change.summary,
        explainedBy,
      })),
      cloudTrail: trailUse(trail),
    };
  } finally {
    await releaseSyncLock(holder, accountId);
  }
}

function trailUse(trail: TrailRead): SyncResult["cloudTrail"] {
  return trail.available ? { used: true } : { used: false, reason: trail.reason };
}

/** Steps finished this close to a CloudTrail event are the request that made it. */
const STEP_WINDOW_MS = 5 * 60_000;

/**
 * A new key no step between the two snapshots explains may still be Gatehouse's own: made for a
 * change request before the previous snapshot, which did not yet show it (the first snapshot
 * after an onboarding, a credential report older than the key). CloudTrail names who created
 * it: when that is Gatehouse's own identity and a done step of that time created it, the step's
 * request explains it. A key anyone else created stays drift.
 */
async function explainOwnKeys(
  explained: { change: StateChange; explainedBy: string | null }[],
  ct: CloudTrailClient,
  sts: STSClient | null,
): Promise<void> {
  const open = explained.filter(
    (e) => !e.explainedBy && e.change.entityType === "accessKey" && e.change.change === "created",
  );
  if (!open.length || !sts) return;
  const self = (await sts.send(new GetCallerIdentityCommand({}))).Arn;
  for (const e of open) {
    const id = e.change.detail.accessKeyId;
    const created = id ? await keyCreation(ct, id).catch(() => null) : null;
    if (!created || created.actorArn !== self) continue;
    const around = created.at.getTime();
    const steps = await doneStepsBetween(
      new Date(around - STEP_WINDOW_MS),
      new Date(around + STEP_WINDOW_MS),
    );
    e.explainedBy = explainChanges([e.change], steps)[0].explainedBy;
  }
}
