import { beforeAll, describe, expect, it } from "vitest";
import { setupAppDatabase } from "@/lib/test/app-db";
import { testDbKind } from "@/lib/test/db";
import { checkPassword } from "./credentials";
import { hashPassword } from "./password";

// Failed sign-ins for emails that are no member keep no trace of what was typed.
describe(`failed sign-ins for unknown accounts (${testDbKind()})`, () => {
  const t = setupAppDatabase();
  beforeAll(async () => {
    await t.db.member.create({
      data: {
        email: "known@example.com",
        role: "auditor",
        passwordHash: await hashPassword("the known member's password"),
      },
    });
  });

  /** Every row of every table that could hold it, as text. */
  async function everything(): Promise<string> {
    const [audit, tally, throttle, members] = await Promise.all([
      t.db.auditEvent.findMany(),
      t.db.unknownSignInTally.findMany(),
      t.db.signInThrottle.findMany(),
      t.db.member.findMany(),
    ]);
    return JSON.stringify({ audit, tally, throttle, members });
  }

  it("counts them per address and hour, with one audit entry per address and hour and none of the typed text", async () => {
    const typed = ["Hunter2-Summer-Pa55word", '=HYPERLINK("http://evil.example")', "victim@example.com"];
    for (const text of typed)
      await checkPassword({ email: text, password: "whatever", address: "198.51.100.7" });
    await checkPassword({ email: "someone-else@example.com", password: "x", address: "198.51.100.8" });
    const stored = await everything();
    for (const text of [...typed, "someone-else"]) expect(stored).not.toContain(text.slice(0, 12));

    const tallies = await t.db.unknownSignInTally.findMany({ orderBy: { address: "asc" } });
    expect(tallies.map((r) => [r.address, r.count])).toEqual([
      ["198.51.100.7", 3],
      ["198.51.100.8", 1],
    ]);
    const entries = await t.db.auditEvent.findMany({ where: { action: "auth.signin_failed_unknown" } });
    expect(entries).toHaveLength(2);
    expect(entries.every((e) => e.target === null && e.actor === "unknown")).toBe(true);
    expect(await t.db.auditEvent.count({ where: { action: "auth.signin_failed" } })).toBe(0);
  });

  it("a known member's failures still name the member", async () => {
    await checkPassword({ email: "Known@Example.com", password: "wrong", address: "198.51.100.9" });
    expect(await t.db.auditEvent.findMany({ where: { action: "auth.signin_failed" } })).toMatchObject([
      { actor: "known@example.com", target: "known@example.com" },
    ]);
  });
});
