import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/session";
import { setupAppDatabase } from "@/lib/test/app-db";
import { testDbKind } from "@/lib/test/db";
import { changeRole, decidePromotion, inviteMember, listMembers } from "./index";

// Issue 12 #3: with two or more active admins, nobody becomes an admin on one admin's word.
describe(`promotion to admin needs a second admin (${testDbKind()})`, () => {
  const t = setupAppDatabase();
  const ada: Actor = { id: "m-ada", email: "ada@example.com", name: "Ada", role: "admin" };
  const bob: Actor = { id: "m-bob", email: "bob@example.com", name: "Bob", role: "admin" };

  beforeAll(async () => {
    for (const a of [ada, bob])
      await t.db.member.create({ data: { id: a.id, email: a.email, name: a.name, role: "admin" } });
    await t.db.member.create({ data: { id: "m-carol", email: "carol@example.com", role: "operator" } });
  });

  const member = (email: string) => t.db.member.findUniqueOrThrow({ where: { email } });
  const actions = async (target: string) =>
    (await t.db.auditEvent.findMany({ where: { target }, orderBy: { seq: "asc" } })).map((e) => [
      e.actor,
      e.action,
    ]);

  it("a promotion waits for another admin, who approves it; the asker cannot", async () => {
    await changeRole({ memberId: "m-carol", role: "admin" }, ada);
    expect(await member("carol@example.com")).toMatchObject({
      role: "operator",
      pendingRole: "admin",
      pendingRoleBy: ada.email,
    });
    expect((await listMembers()).find((m) => m.id === "m-carol")?.pendingAdminBy).toBe(ada.email);
    await expect(decidePromotion({ memberId: "m-carol", approve: true }, ada)).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect((await member("carol@example.com")).role).toBe("operator");

    await decidePromotion({ memberId: "m-carol", approve: true }, bob);
    expect(await member("carol@example.com")).toMatchObject({ role: "admin", pendingRole: null });
    await expect(decidePromotion({ memberId: "m-carol", approve: true }, bob)).rejects.toMatchObject({
      code: "CONFLICT",
    });
    expect(await actions("carol@example.com")).toEqual([
      [ada.email, "team.promotion_requested"],
      [bob.email, "team.promotion_approved"],
    ]);
  });

  it("an admin invited into a team of admins starts as an auditor until approved; a rejection keeps it so", async () => {
    await inviteMember({ email: "dave@example.com", name: null, role: "admin", signIn: "sso" }, ada);
    expect(await member("dave@example.com")).toMatchObject({
      role: "auditor",
      pendingRole: "admin",
      pendingRoleBy: ada.email,
    });
    const dave = await member("dave@example.com");
    // The invitee cannot approve their own promotion either (were they somehow an admin).
    await expect(
      decidePromotion(
        { memberId: dave.id, approve: true },
        { ...ada, id: dave.id, email: "someone@example.com" },
      ),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await decidePromotion({ memberId: dave.id, approve: false }, bob);
    expect(await member("dave@example.com")).toMatchObject({ role: "auditor", pendingRole: null });
    expect(await actions("dave@example.com")).toEqual([
      [ada.email, "team.invited"],
      [bob.email, "team.promotion_rejected"],
    ]);
  });

  it("with one active admin there is nobody to ask: the role applies at once", async () => {
    await t.db.member.updateMany({
      where: { email: { in: [bob.email, "carol@example.com"] } },
      data: { disabled: true },
    });
    await inviteMember({ email: "erin@example.com", name: null, role: "admin", signIn: "sso" }, ada);
    expect(await member("erin@example.com")).toMatchObject({ role: "admin", pendingRole: null });
  });
});
