import "server-only";
import { audit } from "@/lib/audit";
import { db } from "@/lib/db";
import { iamClients } from "@/lib/iam/client";
import { log } from "@/lib/log";
import { UserError } from "@/lib/errors";
import { reserveManualSync, SyncBusyError } from "./lock";
import type { PersonLink } from "./matrix-view";
import { latestSnapshot, type Snapshot } from "./snapshot-store";
import { runSync, runSyncIfDue, type SyncResult } from "./sync";

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
  const { iam, sts, mode } = iamClients();
  let result: SyncResult | null;
  try {
    const options = { iam, sts, source: mode, fullCredentialScan: opts.fullCredentialScan };
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

async function peopleLinks(): Promise<PersonLink[]> {
  const rows = await db().employee.findMany({
    where: { status: "active" },
    select: { name: true, jobRole: true, iamUserName: true },
  });
  return rows;
}

const DRIFT_WINDOW_DAYS = 30;

export interface DriftItem {
  id: string;
  entityType: string;
  entity: string;
  change: string;
  summary: string;
  userName: string | null;
  seenAt: string;
}

/** Out-of-band drift seen in the last 30 days (newest first). */
export async function recentDrift(limit = 500): Promise<DriftItem[]> {
  const rows = await db().driftFinding.findMany({
    where: { explainedBy: null, seenAt: { gte: new Date(Date.now() - DRIFT_WINDOW_DAYS * 86_400_000) } },
    orderBy: { seenAt: "desc" },
    take: limit,
  });
  return rows.map((r) => {
    const detail = (r.detail ?? {}) as { userName?: string; summary?: string };
    return {
      id: r.id,
      entityType: r.entityType,
      entity: r.entity,
      change: r.change,
      summary: detail.summary ?? `${r.entityType} ${r.change}: ${r.entity}`,
      userName: detail.userName ?? null,
      seenAt: r.seenAt.toISOString(),
    };
  });
}

/** For the People page's drift badge: lower-cased IAM user name → out-of-band changes in 30 days. */
export async function driftByUser(): Promise<Map<string, number>> {
  return countByUser(await recentDrift(5000));
}

function countByUser(items: DriftItem[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const d of items)
    if (d.userName) out.set(d.userName.toLowerCase(), (out.get(d.userName.toLowerCase()) ?? 0) + 1);
  return out;
}

export interface ReviewData {
  snapshot: Snapshot;
  people: PersonLink[];
  /** Out-of-band changes per lower-cased IAM user name, from `driftItems`. */
  drift: Map<string, number>;
  /** Unexplained drift of the last 30 days, newest first (up to 5,000; none with `drift: false`). */
  driftItems: DriftItem[];
}

export async function reviewData(opts: { drift?: boolean } = {}): Promise<ReviewData | null> {
  const [snapshot, people, driftItems] = await Promise.all([
    latestSnapshot(),
    peopleLinks(),
    opts.drift === false ? [] : recentDrift(5000),
  ]);
  return snapshot ? { snapshot, people, drift: countByUser(driftItems), driftItems } : null;
}
