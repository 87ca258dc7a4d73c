import { describe, expect, it } from "vitest";
import { setupAppDatabase } from "@/lib/test/app-db";
import { testDbKind } from "@/lib/test/db";
import { audit, verifyChain, type AuditAction } from "./index";
import { streamAudit } from "./query";
import { tamper } from "./testing/tamper";

describe(`audit log (${testDbKind()})`, () => {
  const t = setupAppDatabase();

  it("chains entries and verifies an untouched log", async () => {
    for (let i = 0; i < 5; i++)
      await audit({
        actor: "cto@example.com",
        action: "test.event" as AuditAction,
        target: `user-${i}`,
        data: { i },
      });
    const result = await verifyChain();
    expect(result).toMatchObject({ ok: true, entries: 5, anchoredUpTo: 5 });
  });

  it("keeps one unbroken chain under concurrent appends", async () => {
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        audit({ actor: "a@example.com", action: "test.concurrent" as AuditAction, data: { i } }),
      ),
    );
    const result = await verifyChain();
    expect(result).toMatchObject({ ok: true, entries: 45 });
  });

  it("refuses to store a credential", async () => {
    await expect(
      audit({
        actor: "a",
        action: "x" as AuditAction,
        data: { user: "sally", SecretAccessKey: "wJalrXUtnFEMI" },
      }),
    ).rejects.toThrow(/credential/);
    await expect(
      audit({ actor: "a", action: "x" as AuditAction, data: { steps: [{ temporaryPassword: "hunter2" }] } }),
    ).rejects.toThrow(/credential/);
  });

  it("refuses updates and deletes of entries at the database level", async () => {
    // (Prisma's SQLite adapter reports RAISE(ABORT) as a constraint error; the row is untouched either way.)
    await expect(t.db.auditEvent.updateMany({ data: { actor: "mallory@example.com" } })).rejects.toThrow();
    await expect(t.db.auditEvent.deleteMany({})).rejects.toThrow();
    expect(await t.db.auditEvent.count()).toBe(45);
    expect(await t.db.auditEvent.count({ where: { actor: "mallory@example.com" } })).toBe(0);
  });

  it("reports the first entry edited directly in the database", async () => {
    const victim = await t.db.auditEvent.findFirstOrThrow({ where: { target: "user-2" } });
    await tamper(
      t,
      `UPDATE "AuditEvent" SET "actor" = 'someone-else@example.com' WHERE "seq" = ${victim.seq}`,
    );
    const result = await verifyChain();
    expect(result).toMatchObject({ ok: false, brokenAt: victim.seq });
  });

  it("reports a deleted entry", async () => {
    await tamper(t, `UPDATE "AuditEvent" SET "actor" = 'cto@example.com' WHERE "target" = 'user-2'`);
    expect((await verifyChain()).ok).toBe(true);
    await tamper(t, `DELETE FROM "AuditEvent" WHERE "target" = 'user-3'`);
    const result = await verifyChain();
    expect(result).toMatchObject({ ok: false, brokenAt: 4, reason: expect.stringMatching(/missing/) });
  });

  it("streams every entry in order for export", async () => {
    const seqs: number[] = [];
    for await (const e of streamAudit({}, 7)) seqs.push(e.seq);
    expect(seqs.length).toBe(44);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
  });
});
