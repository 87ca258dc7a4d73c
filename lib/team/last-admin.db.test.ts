import { beforeEach, describe, expect, it } from "vitest";
import { testDbKind } from "@/lib/test/db";
import { ada, bob, requester, setupHarness } from "@/lib/changes/testing/harness";
import { changeRole, setDisabled } from "./index";

// Gatehouse always keeps one active admin: the last one can be neither demoted nor turned off,
// by anyone, and a disabled admin does not count as the other one.
describe(`the last active admin (${testDbKind()})`, () => {
  const h = setupHarness();
  const member = (id: string) => h.t.db.member.findUniqueOrThrow({ where: { id } });

  beforeEach(async () => {
    await h.t.db.member.updateMany({ data: { disabled: false } });
    await h.t.db.member.update({ where: { id: ada.id }, data: { role: "admin" } });
    // Bob is an admin whose access is turned off: Ada is the only active admin.
    await h.t.db.member.update({ where: { id: bob.id }, data: { role: "admin", disabled: true } });
    await h.t.db.member.update({ where: { id: requester.id }, data: { role: "operator" } });
  });

  it("cannot be demoted, not even by themselves", async () => {
    await expect(changeRole({ memberId: ada.id, role: "operator" }, ada)).rejects.toThrow(
      /at least one active admin/,
    );
    await expect(changeRole({ memberId: ada.id, role: "auditor" }, bob)).rejects.toThrow(
      /at least one active admin/,
    );
    expect(await member(ada.id)).toMatchObject({ role: "admin", disabled: false });
  });

  it("cannot be turned off", async () => {
    await expect(setDisabled({ memberId: ada.id, disabled: true }, bob)).rejects.toThrow(
      /at least one active admin/,
    );
    expect(await member(ada.id)).toMatchObject({ role: "admin", disabled: false });
  });

  it("can be demoted once another admin is active", async () => {
    await h.t.db.member.update({ where: { id: bob.id }, data: { disabled: false } });
    await changeRole({ memberId: ada.id, role: "operator" }, bob);
    expect(await member(ada.id)).toMatchObject({ role: "operator" });
    // Now Bob is the last one.
    await expect(changeRole({ memberId: bob.id, role: "operator" }, bob)).rejects.toThrow(
      /at least one active admin/,
    );
  });
});
