import { db } from "@/lib/db";
import { entryHash, GENESIS_HASH } from "./canonical";

export type AuditInput = {
  actor: string;
  action: string;
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
      if (SECRET_KEY.test(k) && typeof v === "string") throw new Error(`audit: refusing to store a credential at ${path}.${k}`);
      assertNoSecrets(v, `${path}.${k}`);
    }
  }
}

// Appends are serialised in this process; across processes the primary key on seq makes a
// concurrent append with the same seq fail, and the loser retries on the new head.
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
      const code = (e as { code?: string }).code;
      if (code !== "P2002" || i >= attempts) throw e;
      await new Promise((r) => setTimeout(r, Math.random() * 20 * i));
    }
  }
}

async function append(input: AuditInput): Promise<{ seq: number; hash: string }> {
  const head = await db().auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, hash: true } });
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
  const hash = entryHash(prevHash, fields);
  await db().auditEvent.create({ data: { ...fields, data: fields.data as object, prevHash, hash } });
  return { seq: fields.seq, hash };
}

export type ChainCheck = { ok: true; entries: number } | { ok: false; entries: number; brokenAt: number; reason: string };

/** Walks the log in seq order and reports the first entry that does not fit the chain. */
export async function verifyChain(batch = 2000): Promise<ChainCheck> {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  for (;;) {
    const rows = await db().auditEvent.findMany({ where: { seq: { gte: expectedSeq } }, orderBy: { seq: "asc" }, take: batch });
    for (const row of rows) {
      if (row.seq !== expectedSeq) return { ok: false, entries: expectedSeq - 1, brokenAt: expectedSeq, reason: `entry ${expectedSeq} is missing` };
      if (row.prevHash !== prevHash) return { ok: false, entries: expectedSeq - 1, brokenAt: row.seq, reason: "its link to the previous entry does not match" };
      const hash = entryHash(prevHash, { ...row, data: row.data });
      if (hash !== row.hash) return { ok: false, entries: expectedSeq - 1, brokenAt: row.seq, reason: "its content was changed after it was written" };
      prevHash = row.hash;
      expectedSeq++;
    }
    if (rows.length < batch) return { ok: true, entries: expectedSeq - 1 };
  }
}
