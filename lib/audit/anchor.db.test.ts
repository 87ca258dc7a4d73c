import { appendFileSync, readFileSync, renameSync } from "node:fs";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { setupAppDatabase } from "@/lib/test/app-db";
import { testDbKind } from "@/lib/test/db";
import { anchorPath } from "./anchor";
import { entryHash, GENESIS_HASH } from "./canonical";
import { audit, verifyChain, type AuditAction } from "./index";
import { auditKeys, type AuditKey } from "./keys";
import { tamper } from "./testing/tamper";

// What someone with write access to the database (not to AUDIT_KEY, or even with it) can do to
// the log, and how Verify names it. Each test puts the log back before the next.
describe(`audit log tamper evidence: keyed hashes and the anchor (${testDbKind()})`, () => {
  const t = setupAppDatabase();
  beforeAll(async () => {
    for (let i = 1; i <= 8; i++)
      await audit({
        actor: "cto@example.com",
        action: "test.event" as AuditAction,
        target: `user-${i}`,
        data: { i },
      });
  });

  const rows = () => t.db.auditEvent.findMany({ orderBy: { seq: "asc" } });
  const q = (v: string | null) => (v === null ? "NULL" : `'${v.replace(/'/g, "''")}'`);

  /** Rewrites entry `seq`'s actor and recomputes every hash from there on, as an attacker would. */
  async function rewriteAndRecompute(seq: number, actor: string, key: AuditKey | null) {
    const all = await rows();
    let prev = seq === 1 ? GENESIS_HASH : all[seq - 2].hash;
    const updates: string[] = [];
    for (const r of all.filter((r) => r.seq >= seq)) {
      const fields = { ...r, actor: r.seq === seq ? actor : r.actor };
      const hash = entryHash(prev, fields, key);
      updates.push(
        `UPDATE "AuditEvent" SET "actor" = ${q(fields.actor)}, "prevHash" = ${q(prev)}, "hash" = ${q(hash)}, "keyId" = ${q(key?.id ?? null)} WHERE "seq" = ${r.seq}`,
      );
      prev = hash;
    }
    await tamper(t, ...updates);
  }

  /** Puts rows back exactly as they were. */
  async function restore(saved: Awaited<ReturnType<typeof rows>>) {
    await tamper(
      t,
      ...saved.map(
        (r) =>
          `UPDATE "AuditEvent" SET "actor" = ${q(r.actor)}, "prevHash" = ${q(r.prevHash)}, "hash" = ${q(r.hash)}, "keyId" = ${q(r.keyId)} WHERE "seq" = ${r.seq}`,
      ),
    );
    expect((await verifyChain()).ok).toBe(true);
  }

  it("signs every entry with the key from outside the database and anchors each head", async () => {
    expect(await verifyChain()).toEqual({ ok: true, entries: 8, anchoredUpTo: 8 });
    const stored = await rows();
    expect(new Set(stored.map((r) => r.keyId))).toEqual(new Set([auditKeys().current.id]));
    const anchored = readFileSync(anchorPath(), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { seq: number; hash: string });
    for (const r of stored)
      expect(anchored).toContainEqual(expect.objectContaining({ seq: r.seq, hash: r.hash }));
  });

  it("refuses to replace an entry (SQLite: INSERT OR REPLACE / REPLACE INTO; PostgreSQL: ON CONFLICT DO UPDATE)", async () => {
    const before = await rows();
    const e = before[2];
    const values = `(${e.seq}, ${q(e.at.toISOString())}, 'mallory@example.com', ${q(e.action)}, ${q(e.target)}, NULL, '{}', ${q(e.prevHash)}, ${q(e.hash)})`;
    const columns = `("seq", "at", "actor", "action", "target", "requestId", "data", "prevHash", "hash")`;
    const attempts =
      testDbKind() === "postgresql"
        ? [
            `INSERT INTO "AuditEvent" ${columns} VALUES ${values} ON CONFLICT ("seq") DO UPDATE SET "actor" = EXCLUDED."actor"`,
          ]
        : [
            `INSERT OR REPLACE INTO "AuditEvent" ${columns} VALUES ${values}`,
            `REPLACE INTO "AuditEvent" ${columns} VALUES ${values}`,
          ];
    for (const sql of attempts) await expect(t.db.$executeRawUnsafe(sql), sql).rejects.toThrow();
    expect(await rows()).toEqual(before);
    expect((await verifyChain()).ok).toBe(true);
  });

  // Each row: a change to the log, the entry Verify must name and why. The log is put back after each.
  it.each([
    {
      what: "an entry rewritten with the chain recomputed without the key (plain SHA-256, as the old chain was)",
      change: () => rewriteAndRecompute(3, "someone-else@example.com", null),
      brokenAt: 3,
      reason: /no key signature/,
    },
    {
      what: "an entry rewritten with the chain recomputed with a guessed key under the real key's id",
      change: () =>
        rewriteAndRecompute(3, "someone-else@example.com", {
          id: auditKeys().current.id,
          secret: "a-guessed-key-that-is-not-the-audit-key",
        }),
      brokenAt: 3,
      reason: /changed after it was written/,
    },
    {
      what: "an entry rewritten with the chain recomputed even with the key: the anchor differs",
      change: () => rewriteAndRecompute(5, "someone-else@example.com", auditKeys().current),
      brokenAt: 5,
      reason: /differs from the hash anchored/,
    },
    {
      what: "a forged key id",
      change: () => tamper(t, `UPDATE "AuditEvent" SET "keyId" = 'ffffffffffffffff' WHERE "seq" = 6`),
      brokenAt: 6,
      reason: /key Gatehouse does not hold/,
    },
  ])("names $what", async ({ change, brokenAt, reason }) => {
    const saved = await rows();
    await change();
    expect(await verifyChain()).toMatchObject({ ok: false, brokenAt, reason: expect.stringMatching(reason) });
    await restore(saved);
  });

  it("names a removed or replaced anchor", async () => {
    const file = anchorPath();
    const kept = `${file}.kept`;
    renameSync(file, kept);
    appendFileSync(file, ""); // an empty file in its place
    try {
      expect(await verifyChain()).toMatchObject({
        ok: false,
        brokenAt: 1,
        reason: expect.stringMatching(/holds no record of this log/),
      });
    } finally {
      renameSync(kept, file);
    }
    expect((await verifyChain()).ok).toBe(true);
  });

  it("verifies entries signed before a key rotation while the old key is in AUDIT_PREVIOUS_KEYS", async () => {
    const before = { key: process.env.AUDIT_KEY, previous: process.env.AUDIT_PREVIOUS_KEYS };
    const withEnv = async (key: string, previous: string) => {
      process.env.AUDIT_KEY = key;
      process.env.AUDIT_PREVIOUS_KEYS = previous;
      vi.resetModules(); // env() and the keys are read once per process
      return import("./index");
    };
    try {
      const rotated = await withEnv("a-new-audit-key-after-rotation-0123456789", before.key!);
      await rotated.audit({ actor: "cto@example.com", action: "test.after_rotation" as AuditAction });
      expect(await rotated.verifyChain()).toMatchObject({ ok: true, entries: 9 });
      const forgotten = await withEnv("a-new-audit-key-after-rotation-0123456789", "");
      expect(await forgotten.verifyChain()).toMatchObject({
        ok: false,
        brokenAt: 1,
        reason: expect.stringMatching(/key Gatehouse does not hold/),
      });
    } finally {
      process.env.AUDIT_KEY = before.key;
      process.env.AUDIT_PREVIOUS_KEYS = before.previous ?? "";
      vi.resetModules();
    }
  });

  it("names the last entries deleted (truncation): entries 6–9 missing", async () => {
    await tamper(t, `DELETE FROM "AuditEvent" WHERE "seq" >= 6`);
    expect(await verifyChain()).toMatchObject({
      ok: false,
      entries: 5,
      brokenAt: 6,
      reason: expect.stringMatching(/^entries 6–9 are missing/),
    });
  });
});
