import { randomUUID } from "node:crypto";
import type { IAMClient } from "@aws-sdk/client-iam";
import type { STSClient } from "@aws-sdk/client-sts";
import { doneStepsBetween } from "@/lib/changes";
import { db } from "@/lib/db";
import { loadCatalog, type Catalog } from "@/lib/policy";
import { computeAccess } from "./access";
import { diffStates } from "./diff";
import { explainChanges } from "./explain";
import { readLastAccessed } from "./last-accessed";
import { acquireSyncLock, releaseSyncLock, updateSyncPhase } from "./lock";
import { CallCounter, readAccount, type ReadOptions } from "./read-account";
import { pruneSnapshots } from "./retention";
import { contentHash, latestSnapshot, latestSnapshotInfo, pack } from "./snapshot-store";
import type { SyncCounts } from "./types";

export interface SyncOptions extends Pick<ReadOptions, "fullCredentialScan" | "keyCheck" | "concurrency"> {
  iam: IAMClient;
  sts?: STSClient | null;
  /** "sandbox" / "live" (shown on the page). */
  source: string;
  catalog?: Catalog;
}

export interface SyncResult {
  snapshotId: string;
  at: Date;
  /** The account read exactly as the newest snapshot: no row was stored, that one was confirmed. */
  unchanged: boolean;
  counts: SyncCounts;
  drift: { entity: string; summary: string; explainedBy: string | null }[];
}

/**
 * One sync: read the account (walk + credential report + per-user extras where needed),
 * compute everyone's effective access, compare with the previous snapshot minus what
 * Gatehouse's own executed requests did, and store snapshot + drift. Never two at once.
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
  const holder = randomUUID();
  await acquireSyncLock(holder);
  const started = new Date();
  const startedIso = started.toISOString();
  try {
    const previous = await latestSnapshot();
    if (maxAgeMs !== null && previous && started.getTime() - previous.syncedAt.getTime() < maxAgeMs)
      return null;
    const counter = new CallCounter(opts.iam);
    const [state, catalog] = await Promise.all([
      readAccount(counter, opts.sts ?? null, {
        previous: previous?.state ?? null,
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
    const newest = previous && (await latestSnapshotInfo());
    if (newest && newest.contentHash === hash) {
      // Nothing changed: no second copy (each one is the whole account), and no drift. The sync
      // is recorded on the row it confirmed, so "synced N ago" and the interval stay right.
      await db().syncSnapshot.update({ where: { id: newest.id }, data: { checkedAt: started } });
      const counts: SyncCounts = {
        ...newest.counts,
        calls: counter.calls,
        listCalls: counter.listCalls(),
        drift: 0,
        durationMs: readMs,
        computeMs: 0,
        fullScan: !!opts.fullCredentialScan,
      };
      return { snapshotId: newest.id, at: started, unchanged: true, counts, drift: [] };
    }
    await updateSyncPhase(holder, "computing", startedIso);
    const computeStart = performance.now();
    const access = computeAccess(state, catalog);
    const computeMs = Math.round(performance.now() - computeStart);

    const readDone = new Date();
    const changes = previous ? diffStates(previous.state, state) : [];
    const explained = previous ? explainChanges(changes, await doneStepsBetween(previous.at, readDone)) : [];
    await updateSyncPhase(holder, "saving", startedIso);
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
    };
    const [packedState, packedAccess] = await Promise.all([pack(state), pack(access)]);
    const row = await db().syncSnapshot.create({
      data: {
        at: started,
        source: opts.source,
        accountId: state.accountId,
        counts: counts as object,
        state: packedState,
        access: packedAccess,
        contentHash: hash,
        drift: {
          create: explained.map(({ change, explainedBy }) => ({
            entityType: change.entityType,
            entity: change.entity,
            change: change.change,
            detail: { ...change.detail, summary: change.summary },
            seenAt: readDone,
            explainedBy,
          })),
        },
      },
      select: { id: true },
    });
    await pruneSnapshots();
    return {
      snapshotId: row.id,
      at: started,
      unchanged: false,
      counts,
      drift: explained.map(({ change, explainedBy }) => ({
        entity: change.entity,
        summary: change.summary,
        explainedBy,
      })),
    };
  } finally {
    await releaseSyncLock(holder);
  }
}
