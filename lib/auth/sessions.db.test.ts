import { describe, expect, it } from "vitest";
import { setupAppDatabase } from "@/lib/test/app-db";
import { freshDatabase, testDbKind } from "@/lib/test/db";
import { changeOwnPassword, endOtherOwnSessions, endOwnSession, mySessions } from "@/lib/account";
import { createMemberWithOneTimePassword, ensureBootstrapAdmin, resetPassword } from "./bootstrap";
import { hashPassword, verifyPassword } from "./password";
import { sessionActor, startSession, type SignedIn } from "./sessions";

// Server-side sessions and one-time passwords against a real database.
describe(`sessions and one-time passwords (${testDbKind()})`, () => {
  const t = setupAppDatabase();

  const member = async (email: string, password = "an old password that is long") =>
    t.db.member.create({ data: { email, role: "operator", passwordHash: await hashPassword(password) } });

  it("a session counts until it is ended, the member's generation moves on, the member is disabled, or it is too old", async () => {
    const m = await member("sessions@example.com");
    const [a, b, c] = [
      await startSession(m.id, { method: "credentials", userAgent: "UA a" }),
      await startSession(m.id, { method: "credentials" }),
      await startSession(m.id, { method: "oidc" }),
    ];
    expect(await sessionActor(a)).toMatchObject({ id: m.id, sessionId: a, passwordMustChange: false });
    expect(await sessionActor("no-such-session")).toBeNull();

    const actor = (await sessionActor(a)) as SignedIn;
    expect((await mySessions(actor)).map((s) => [s.id, s.current])).toEqual(
      expect.arrayContaining([
        [a, true],
        [b, false],
        [c, false],
      ]),
    );
    await endOwnSession({ sessionId: b }, actor);
    expect(await sessionActor(b)).toBeNull();
    expect(await sessionActor(a)).not.toBeNull();
    // Someone else's session cannot be ended from here.
    const other = await member("other@example.com");
    const theirs = await startSession(other.id, { method: "credentials" });
    await endOwnSession({ sessionId: theirs }, actor);
    expect(await sessionActor(theirs)).not.toBeNull();

    await endOtherOwnSessions({}, actor);
    expect(await sessionActor(c)).toBeNull();
    expect(await sessionActor(a)).not.toBeNull();

    const later = new Date(Date.now() + 9 * 3600_000); // past SESSION_MAX_AGE_SECONDS (8 h)
    expect(await sessionActor(a, later)).toBeNull();

    await t.db.member.update({ where: { id: m.id }, data: { disabled: true } });
    expect(await sessionActor(a)).toBeNull();
    await t.db.member.update({
      where: { id: m.id },
      data: { disabled: false, sessionGeneration: { increment: 1 } },
    });
    expect(await sessionActor(a)).toBeNull(); // re-enabling does not revive sessions of an older generation
  });

  it("invites from the CLI, resets and the demo's first admin hand over one-time passwords", async () => {
    const boot = await ensureBootstrapAdmin(t.db, { generate: true });
    // (Members exist already, so the first-run admin is not made again; check a fresh database's.)
    expect(boot.created).toBe(false);
    const empty = await freshDatabase();
    try {
      const first = await ensureBootstrapAdmin(empty.db, { generate: true });
      expect(first.created).toBe(true);
      expect(await empty.db.member.findFirstOrThrow()).toMatchObject({
        role: "admin",
        passwordMustChange: true,
      });
    } finally {
      await empty.cleanup();
    }
    await createMemberWithOneTimePassword(t.db, "cli@example.com", "auditor");
    expect(await t.db.member.findUniqueOrThrow({ where: { email: "cli@example.com" } })).toMatchObject({
      passwordMustChange: true,
    });
    const m = await member("reset@example.com");
    const s = await startSession(m.id, { method: "credentials" });
    await resetPassword(t.db, m.email);
    expect(await t.db.member.findUniqueOrThrow({ where: { id: m.id } })).toMatchObject({
      passwordMustChange: true,
    });
    expect(await sessionActor(s)).toBeNull();
  });

  it("the forced change: weak, short, reused or wrong-current passwords are refused and change nothing; a good one ends the flag and other sessions", async () => {
    const oneTime = await createMemberWithOneTimePassword(t.db, "forced@example.com", "operator");
    const m = await t.db.member.findUniqueOrThrow({ where: { email: "forced@example.com" } });
    const here = await startSession(m.id, { method: "credentials" });
    const elsewhere = await startSession(m.id, { method: "credentials" });
    const actor = (await sessionActor(here)) as SignedIn;
    expect(actor.passwordMustChange).toBe(true);

    const refused = async (current: string, next: string, field: string, message: RegExp) => {
      await expect(changeOwnPassword({ current, next }, actor)).rejects.toMatchObject({
        code: "INVALID_INPUT",
        fieldErrors: { [field]: [expect.stringMatching(message)] },
      });
      const after = await t.db.member.findUniqueOrThrow({ where: { id: m.id } });
      expect(after.passwordHash).toBe(m.passwordHash);
      expect(after.passwordMustChange).toBe(true);
    };
    await refused(oneTime, "short-pw-1", "next", /at least 12/);
    await refused(oneTime, "password1234", "next", /too easy to guess/);
    await refused(oneTime, "forced@example.com", "next", /too easy to guess/);
    await refused(oneTime, oneTime, "next", /different from the current/);
    await refused(
      "not the one-time password",
      "violet tundra forty pencil",
      "current",
      /not your current password/,
    );

    await changeOwnPassword({ current: oneTime, next: "violet tundra forty pencil" }, actor);
    const after = await t.db.member.findUniqueOrThrow({ where: { id: m.id } });
    expect(after.passwordMustChange).toBe(false);
    expect(await verifyPassword(after.passwordHash!, oneTime)).toBe(false);
    expect(await verifyPassword(after.passwordHash!, "violet tundra forty pencil")).toBe(true);
    expect(await sessionActor(here)).toMatchObject({ passwordMustChange: false });
    expect(await sessionActor(elsewhere)).toBeNull();
  });
});
