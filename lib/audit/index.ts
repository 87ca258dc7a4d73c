import { db } from "@/lib/db";
import { isUniqueViolation } from "@/lib/errors";
import { log } from "@/lib/log";
import { anchorHead, anchorPath, readAnchors, type Anchor } from "./anchor";
import { entryHash, GENESIS_HASH } from "./canonical";
import { auditKeys } from "./keys";
import type { AuditAction } from "./actions";

export { AUDIT_ACTIONS, LEGACY_AUDIT_ACTIONS, type AuditAction } from "./actions";

export { canonicalJson } from "./canonical";
export { listAudit, streamAudit, type AuditEntryView } from "./query";
export {
  auditData,
  auditKindGroups,
  auditSentence,
  currentAction,
  kindWords,
  type AuditLinks,
  type AuditSentence,
} from "./sentence";

export type AuditInput = {
  actor: string;
  action: AuditAction;
  target?: string | null;
  requestId?: string | null;
  data?: Record<string, unknown>;
};

// Keys whose string values would be credentials. Audit data must never hold one: a caller that
// tries is a bug, so fail loudly rather than write it.
const SECRET_KEY = /secret|password|privatekey|sessiontoken/i;

function assertNoSecrets(value: unknown, path = "data"): void {
  if (Array.isArray(value)) return value.forEach((v, i) => assertNoSecrets(v, `${path}[${i}]`));
  if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (SECRET_KEY.test(k) && typeof v === "string")
        throw new Error(`audit: refusing to store a credential at ${path}.${k}`);
      assertNoSecrets(v, `${path}.${k}`);
    }
  }
}

// Appends are serialised in this process; across processes the primary key on seq (and on
// SQLite the no-replace trigger) makes a concurrent append with the same seq fail, and the
// loser retries on the new head.
let tail: Promise<unknown> = Promise.resolve();

export async function audit(input: AuditInput): Promise<{ seq: number; hash: string }> {
  assertNoSecrets(input.data ?? {});
  const run = tail.then(() => appendWithRetry(input));
  tail = run.catch(() => undefined);
  return run;
}

async function appendWithRetry(input: AuditInput, attempts = 20): Promise<{ seq: number; hash: string }> {
  for (let i = 1; ; i++) {
    try {
      return await append(input);
    } catch (e) {
      if (!isSeqTaken(e) || i >= attempts) throw e;
      await new Promise((r) => setTimeout(r, Math.random() * 20 * i));
    }
  }
}

/** Another process took the seq first: the primary key or SQLite's no-replace trigger. */
function isSeqTaken(e: unknown): boolean {
  return isUniqueViolation(e) || /this entry already exists/.test((e as { message?: string }).message ?? "");
}

async function append(input: AuditInput): Promise<{ seq: number; hash: string }> {
  const head = await db().auditEvent.findFirst({
    orderBy: { seq: "desc" },
    select: { seq: true, hash: true },
  });
  const fields = {
    seq: (head?.seq ?? 0) + 1,
    at: new Date(),
    actor: input.actor,
    action: input.action,
    target: input.target ?? null,
    requestId: input.requestId ?? null,
    data: input.data ?? {},
  };
  const prevHash = head?.hash ?? GENESIS_HASH;
  const key = auditKeys().current;
  const hash = entryHash(prevHash, fields, key);
  await db().auditEvent.create({
    data: { ...fields, data: fields.data as object, prevHash, hash, keyId: key.id },
  });
  try {
    await anchorHead({ seq: fields.seq, hash });
  } catch (e) {
    // The entry is committed; failing the caller now would only make it write the event twice.
    log().error(
      { err: e instanceof Error ? e.message : String(e), file: anchorPath() },
      "audit: could not anchor the chain head",
    );
  }
  return { seq: fields.seq, hash };
}

export type ChainCheck =
  | { ok: true; entries: number; anchoredUpTo: number | null }
  | { ok: false; entries: number; brokenAt: number; reason: string };

type Broken = Extract<ChainCheck, { ok: false }>;

/**
 * Walks the log in seq order and reports the first entry that does not fit the chain (changed,
 * missing, or signed with no key or an unknown one), then compares the log with the anchor:
 * an anchored entry that is gone (the last entries deleted) or whose hash differs (rewritten
 * and the chain recomputed) is named.
 */
export async function verifyChain(batch = 2000): Promise<ChainCheck> {
  const { byId } = auditKeys();
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let firstKeyed: number | null = null;
  const broken = (brokenAt: number, reason: string): Broken => ({
    ok: false,
    entries: expectedSeq - 1,
    brokenAt,
    reason,
  });
  for (;;) {
    const rows = await db().auditEvent.findMany({
      where: { seq: { gte: expectedSeq } },
      orderBy: { seq: "asc" },
      take: batch,
    });
    for (const row of rows) {
      if (row.seq !== expectedSeq) return broken(expectedSeq, `entry ${expectedSeq} is missing`);
      if (row.prevHash !== prevHash) return broken(row.seq, "its link to the previous entry does not match");
      const key = row.keyId ? byId.get(row.keyId) : null;
      if (row.keyId && !key)
        return broken(
          row.seq,
          `it is signed with a key Gatehouse does not hold (key id ${row.keyId}): forged, or signed by a key missing from AUDIT_PREVIOUS_KEYS`,
        );
      if (!key && firstKeyed !== null)
        return broken(
          row.seq,
          "it carries no key signature although earlier entries do: inserted or rewritten outside Gatehouse",
        );
      if (key) firstKeyed ??= row.seq;
      if (entryHash(prevHash, { ...row, data: row.data }, key ?? null) !== row.hash)
        return broken(row.seq, "its content was changed after it was written");
      prevHash = row.hash;
      expectedSeq++;
    }
    if (rows.length < batch) break;
  }
  return compareWithAnchor(expectedSeq - 1, firstKeyed, batch);
}

async function compareWithAnchor(
  entries: number,
  firstKeyed: number | null,
  batch: number,
): Promise<ChainCheck> {
  let anchored = 0;
  let anchoredUpTo: number | null = null;
  let rewritten: number | null = null;
  let missing: { from: number; to: number } | null = null;
  const check = async (anchors: Anchor[]) => {
    // Read after the lines: an anchor is written only once its entry is committed, so a row not
    // found now was removed (an append racing with Verify is found, not reported missing).
    const rows = await db().auditEvent.findMany({
      where: { seq: { in: anchors.map((a) => a.seq) } },
      select: { seq: true, hash: true },
    });
    const hashes = new Map(rows.map((r) => [r.seq, r.hash]));
    for (const a of anchors) {
      anchored++;
      anchoredUpTo = Math.max(anchoredUpTo ?? 0, a.seq);
      const hash = hashes.get(a.seq);
      if (hash === undefined)
        missing = {
          from: Math.min(missing?.from ?? a.seq, a.seq),
          to: Math.max(missing?.to ?? a.seq, a.seq),
        };
      else if (hash !== a.hash) rewritten = Math.min(rewritten ?? a.seq, a.seq);
    }
  };
  let pending: Anchor[] = [];
  for await (const a of readAnchors()) {
    pending.push(a);
    if (pending.length >= batch) {
      await check(pending);
      pending = [];
    }
  }
  if (pending.length) await check(pending);

  const gone = missing as { from: number; to: number } | null;
  if (gone) {
    const which =
      gone.from === gone.to ? `entry ${gone.from} is missing` : `entries ${gone.from}–${gone.to} are missing`;
    return {
      ok: false,
      entries,
      brokenAt: gone.from,
      reason: `${which}: the anchor recorded ${gone.from === gone.to ? "it" : "them"}, the database no longer has ${gone.from === gone.to ? "it" : "them"}`,
    };
  }
  if (rewritten !== null)
    return {
      ok: false,
      entries,
      brokenAt: rewritten,
      reason: "it differs from the hash anchored when it was written: rewritten, and the chain recomputed",
    };
  if (firstKeyed !== null && anchored === 0) {
    return {
      ok: false,
      entries,
      brokenAt: firstKeyed,
      reason: `the anchor (${anchorPath()}) holds no record of this log: it was removed or replaced`,
    };
  }
  return { ok: true, entries, anchoredUpTo };
}
