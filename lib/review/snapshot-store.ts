import { createHash } from "node:crypto";
import { promisify } from "node:util";
import { gunzipSync, gzip } from "node:zlib";
import { homeAccountId } from "@/lib/aws-accounts";
import { db } from "@/lib/db";
import { unreadableByUser, type AccessMatrix, type UnreadablePolicy } from "./access";
import type { DataAge } from "./as-of";
import type { StateChange } from "./diff";
import type { AccountState, SyncCounts } from "./types";

const gzipAsync = promisify(gzip);

/** JSON, gzipped on libuv's thread pool (two snapshots' halves compress in parallel, off the event loop). */
export const pack = async (value: unknown): Promise<Uint8Array<ArrayBuffer>> => {
  const zipped = await gzipAsync(Buffer.from(JSON.stringify(value), "utf8"));
  // Prisma's Bytes wants a plain Uint8Array over an ArrayBuffer.
  return new Uint8Array(
    zipped.buffer.slice(zipped.byteOffset, zipped.byteOffset + zipped.byteLength) as ArrayBuffer,
  );
};
const unpack = <T>(bytes: Uint8Array): T => JSON.parse(gunzipSync(bytes).toString("utf8")) as T;

/** What makes two syncs' results the same snapshot: the account state as read (access follows from it). */
export const contentHash = (state: AccountState): string =>
  createHash("sha256").update(JSON.stringify(state)).digest("hex");

/**
 * Stores one snapshot with its drift findings: the full sync's and the re-read after a request's.
 * `checkedAt` is when the whole account was last read (the full sync's own `at` when absent).
 */
export async function storeSnapshot(input: {
  at: Date;
  checkedAt?: Date;
  source: string;
  accountId: string;
  counts: SyncCounts;
  state: AccountState;
  access: AccessMatrix;
  hash: string;
  explained: { change: StateChange; explainedBy: string | null }[];
  seenAt: Date;
}): Promise<string> {
  const [packedState, packedAccess] = await Promise.all([pack(input.state), pack(input.access)]);
  const row = await db().syncSnapshot.create({
    data: {
      at: input.at,
      checkedAt: input.checkedAt,
      source: input.source,
      accountId: input.accountId,
      counts: input.counts as object,
      state: packedState,
      access: packedAccess,
      contentHash: input.hash,
      drift: {
        create: input.explained.map(({ change, explainedBy }) => ({
          entityType: change.entityType,
          entity: change.entity,
          change: change.change,
          detail: { ...change.detail, summary: change.summary },
          seenAt: input.seenAt,
          explainedBy,
        })),
      },
    },
    select: { id: true },
  });
  return row.id;
}

export interface Snapshot {
  id: string;
  /** When this content was first read. */
  at: Date;
  /**
   * The last sync that read exactly this content (≥ at): "synced N ago" and every "is a sync
   * due" check use it. Read fresh from the database, never from the decoded cache.
   */
  syncedAt: Date;
  source: string;
  accountId: string;
  counts: SyncCounts;
  state: AccountState;
  access: AccessMatrix;
  /**
   * Users whose access Gatehouse cannot fully evaluate (a policy it cannot parse, a document or
   * group missing): shown as "access not understood", never as no access. Derived from `state`
   * when the snapshot is decoded, so snapshots stored before this existed are covered too.
   */
  notUnderstood: Record<string, UnreadablePolicy[]>;
}

// Decoding a 20,000-user snapshot takes a while; pages and routes share the latest one per process.
const holder = globalThis as typeof globalThis & { __gatehouseSnapshots?: Map<string, Snapshot> };
const decoded = (holder.__gatehouseSnapshots ??= new Map());

/** How many accounts' snapshots stay decoded (the account picker switches between them). */
const DECODED_ACCOUNTS = 4;

/** A snapshot stored without computed access knows nobody's access: everyone is "not understood". */
function noAccessComputed(state: AccountState): Record<string, UnreadablePolicy[]> {
  const reason = "This snapshot was stored without computed access.";
  return Object.fromEntries(
    state.users.map((u) => [
      u.name,
      [{ policyName: "(all policies)", kind: "managed" as const, via: "direct", reason }],
    ]),
  );
}

export async function loadSnapshot(id: string): Promise<Snapshot | null> {
  const hit = decoded.get(id);
  if (hit) return hit;
  const row = await db().syncSnapshot.findUnique({ where: { id } });
  if (!row) return null;
  const state = unpack<AccountState>(row.state);
  const snapshot: Snapshot = {
    id: row.id,
    at: row.at,
    syncedAt: row.checkedAt ?? row.at,
    source: row.source,
    accountId: row.accountId,
    counts: row.counts as unknown as SyncCounts,
    state,
    access: row.access
      ? unpack<AccessMatrix>(row.access)
      : { grants: [], sets: [], byUser: {}, services: [] },
    notUnderstood: row.access ? unreadableByUser(state) : noAccessComputed(state),
  };
  // Keep two per account: the latest and the one being replaced while requests finish.
  decoded.set(id, snapshot);
  while (decoded.size > 2 * DECODED_ACCOUNTS) decoded.delete(decoded.keys().next().value!);
  return snapshot;
}

export interface SnapshotInfo {
  id: string;
  at: Date;
  /** The last sync that confirmed this content (see Snapshot.syncedAt). */
  syncedAt: Date;
  contentHash: string | null;
  counts: SyncCounts;
}

/**
 * Which account's snapshots a read means: the one asked for, else the app's own ("home"). Before
 * anything stored the home account (a single-account database), every snapshot is its.
 */
export async function reviewedAccount(accountId?: string | null): Promise<string | null> {
  return accountId || (await homeAccountId());
}

/** Id, times, hash and counts of the account's newest snapshot (default: home), without decoding it. */
export async function latestSnapshotInfo(accountId?: string | null): Promise<SnapshotInfo | null> {
  const account = await reviewedAccount(accountId);
  const row = await db().syncSnapshot.findFirst({
    where: account ? { accountId: account } : {},
    orderBy: { at: "desc" },
    select: { id: true, at: true, checkedAt: true, contentHash: true, counts: true },
  });
  return row
    ? {
        id: row.id,
        at: row.at,
        syncedAt: row.checkedAt ?? row.at,
        contentHash: row.contentHash,
        counts: row.counts as unknown as SyncCounts,
      }
    : null;
}

/** The account's newest snapshot (default: home), decoded. */
export async function latestSnapshot(accountId?: string | null): Promise<Snapshot | null> {
  const info = await latestSnapshotInfo(accountId);
  if (!info) return null;
  const snapshot = await loadSnapshot(info.id);
  // The decoded snapshot is cached; when it was last confirmed, and how, is not.
  return snapshot && { ...snapshot, syncedAt: info.syncedAt, counts: info.counts };
}

/** A snapshot's age as the views say it (as-of.ts). */
export function snapshotAge(s: Pick<Snapshot, "at" | "syncedAt" | "counts">): DataAge {
  const reread = s.counts.reread;
  return {
    syncedAt: (reread ? new Date(reread.fullSyncAt) : s.syncedAt).toISOString(),
    reread: reread ? { at: s.at.toISOString(), requestId: reread.requestId } : null,
    source: "sync",
  };
}
