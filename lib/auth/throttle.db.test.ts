import { beforeAll, describe, expect, it } from "vitest";
import { setupAppDatabase } from "@/lib/test/app-db";
import { testDbKind } from "@/lib/test/db";
import { hashPassword } from "./password";
import { checkPassword } from "./credentials";
import { unlockMember } from "./bootstrap";
import { accountKey, addressKey, delayAfter, forgetAccountAttempts, reserveAttempt } from "./throttle";

// Sign-in throttling against a real database (SQLite, and PostgreSQL with TEST_DB=postgres).
describe(`sign-in throttling (${testDbKind()})`, () => {
  const t = setupAppDatabase();
  let memberId: string;
  const email = "throttle@example.com";
  const password = "a real password for the throttle test";

  beforeAll(async () => {
    memberId = (
      await t.db.member.create({
        data: { email, role: "auditor", passwordHash: await hashPassword(password) },
      })
    ).id;
  });

  it("30 parallel wrong attempts on one account: only the 5 free ones are verified, the rest wait", async () => {
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        checkPassword({ email, password: `wrong-${i}`, address: `198.51.100.${i}` }),
      ),
    );
    const verified = results.filter((r) => !r.ok && r.reason === "invalid").length;
    const throttled = results.filter((r) => !r.ok && r.reason === "throttled");
    expect(verified).toBe(5);
    expect(throttled).toHaveLength(25);
    // Each verified attempt left exactly one audit entry, naming the member.
    expect(await t.db.auditEvent.count({ where: { action: "auth.signin_failed", target: email } })).toBe(5);
    // The right password is refused too while the account waits, and it is not even verified.
    const right = await checkPassword({ email, password, address: "198.51.100.200" });
    expect(right).toMatchObject({ ok: false, reason: "throttled" });
    expect(await t.db.auditEvent.count({ where: { action: "auth.signin_failed", target: email } })).toBe(5);
  });

  it("an admin unlock lets the member in at once, and success starts the account afresh", async () => {
    expect(await forgetAccountAttempts(memberId)).toBe(true);
    expect(await checkPassword({ email, password, address: "198.51.100.201" })).toMatchObject({
      ok: true,
      member: { id: memberId },
    });
    expect(await t.db.signInThrottle.count({ where: { key: accountKey(memberId).key } })).toBe(0);
  });

  it("`npm run admin -- unlock <email>` does the same from the command line", async () => {
    for (let i = 0; i < 6; i++) await checkPassword({ email, password: `again-wrong-${i}` });
    expect(await checkPassword({ email, password })).toMatchObject({ ok: false, reason: "throttled" });
    expect(await unlockMember(t.db, "Throttle@Example.com")).toBe(true);
    expect(await checkPassword({ email, password })).toMatchObject({ ok: true });
    await expect(unlockMember(t.db, "nobody@example.com")).rejects.toThrow(/No member/);
  });

  it("grows the delay instead of locking out: 5 free, then 30 s, 1 min, 2 min … capped at 15 min", async () => {
    const key = addressKey("203.0.113.9");
    const slow = { key: key.key, free: 5 };
    let now = new Date("2026-06-01T10:00:00Z");
    for (let i = 0; i < 5; i++) expect(await reserveAttempt([slow], now)).toEqual({ ok: true });
    expect(await reserveAttempt([slow], now)).toEqual({ ok: false, retryAfterSeconds: 30 });
    now = new Date(now.getTime() + 30_000);
    expect(await reserveAttempt([slow], now)).toEqual({ ok: true });
    expect(await reserveAttempt([slow], now)).toEqual({ ok: false, retryAfterSeconds: 60 });
    expect(delayAfter(5, 5)).toBe(30_000);
    expect(delayAfter(8, 5)).toBe(240_000);
    expect(delayAfter(50, 5)).toBe(15 * 60_000);
    // An hour without attempts: forgotten, the free attempts are back.
    now = new Date(now.getTime() + 61 * 60_000);
    for (let i = 0; i < 5; i++) expect(await reserveAttempt([slow], now)).toEqual({ ok: true });
  });

  it("a client address has its own budget, which parallel attempts cannot outrun either", async () => {
    const address = "192.0.2.77";
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        checkPassword({ email: `nobody-${i}@example.com`, password: "guess", address }),
      ),
    );
    expect(results.filter((r) => !r.ok && r.reason === "invalid")).toHaveLength(30);
    expect(results.filter((r) => !r.ok && r.reason === "throttled")).toHaveLength(10);
  });
});
