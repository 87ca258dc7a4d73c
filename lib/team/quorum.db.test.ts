import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { writeSettings } from "@/lib/settings/store";
import { testDbKind } from "@/lib/test/db";
import {
  approveRequest,
  createChangeRequest,
  executeRequest,
  getRequest,
  getSettings,
  updateSettings,
} from "@/lib/changes";
import { ada, bob, requester, setupHarness } from "@/lib/changes/testing/harness";
import { changeRole, decidePromotion, inviteMember, listMembers, setDisabled } from "./index";
import { COOLING_OFF_DAYS } from "./quorum";

// Issue 12 #3: demoting or turning off the only other admin is immediate, but for the two-person
// rule that admin still counts for COOLING_OFF_DAYS, so the remaining admin cannot act alone.
describe(`removing the other admin does not let one admin act alone (${testDbKind()})`, () => {
  const h = setupHarness();
  const member = (email: string) => h.t.db.member.findUniqueOrThrow({ where: { email } });
  const bobId = () => member(bob.email).then((m) => m.id);
  /** As if the cooling-off window had passed since the removal. */
  const windowPassed = (email: string) =>
    h.t.db.member.update({
      where: { email },
      data: { adminEndedAt: new Date(Date.now() - (COOLING_OFF_DAYS * 24 + 1) * 3600 * 1000) },
    });
  const ownRequest = () =>
    createChangeRequest("group.add-member", { userName: "mary", groupName: "WebDevelopers" }, ada);

  beforeEach(async () => {
    await h.t.db.member.deleteMany({ where: { email: { notIn: [requester.email, ada.email, bob.email] } } });
    await h.t.db.member.updateMany({
      data: {
        disabled: false,
        adminEndedAt: null,
        pendingRole: null,
        pendingRoleBy: null,
        pendingRoleAt: null,
      },
    });
    await h.t.db.member.update({ where: { email: bob.email }, data: { role: "admin" } });
    await h.t.db.member.update({ where: { email: requester.email }, data: { role: "operator" } });
    await writeSettings(
      [{ key: "changes.singleAdminMode", value: { v: false } }],
      "test",
      "settings/changes",
    );
  });
  afterEach(() => {
    delete process.env.SINGLE_ADMIN_MODE;
    resetEnvCache();
  });

  it("demote-then-self-approve is refused: the demoted admin still counts", async () => {
    // Single-admin mode stored on (as if set while Ada was alone): it must not apply while Bob counts.
    await writeSettings(
      [{ key: "changes.singleAdminMode", value: { v: true } }],
      ada.email,
      "settings/changes",
    );
    await changeRole({ memberId: await bobId(), role: "operator" }, ada);
    expect((await member(bob.email)).role).toBe("operator"); // the demotion itself is immediate
    const demoted = await h.t.db.auditEvent.findFirstOrThrow({
      where: { action: "team.role_changed", target: bob.email },
    });
    expect(demoted).toMatchObject({
      actor: ada.email,
      data: expect.objectContaining({
        before: "admin",
        after: "operator",
        countedAsAdminUntil: expect.any(String),
      }),
    });

    const own = await ownRequest();
    await expect(approveRequest(own.id, own.planHash, ada)).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await getRequest(own.id))?.status).toBe("pending");

    // Once the window has passed Ada is genuinely alone and single-admin mode applies again.
    await windowPassed(bob.email);
    expect((await approveRequest(own.id, own.planHash, ada)).status).toBe("approved");
  });

  it("a self-approval recorded while alone stops counting when the removed admin counts again", async () => {
    await h.t.db.member.update({
      where: { email: bob.email },
      data: { role: "operator", adminEndedAt: new Date(Date.now() - 30 * 24 * 3600 * 1000) },
    });
    await writeSettings(
      [{ key: "changes.singleAdminMode", value: { v: true } }],
      ada.email,
      "settings/changes",
    );
    const own = await ownRequest();
    expect((await approveRequest(own.id, own.planHash, ada)).status).toBe("approved");
    // Bob is restored (immediately: nobody else counts), then Ada demotes him again before executing.
    await changeRole({ memberId: await bobId(), role: "admin" }, ada);
    expect((await member(bob.email)).role).toBe("admin");
    await changeRole({ memberId: await bobId(), role: "operator" }, ada);
    await expect(executeRequest(own.id, ada)).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await getRequest(own.id))?.approvals[0]).toMatchObject({
      counts: false,
      notCounting: "a self-approval counts only while single-admin mode applies",
    });
  });

  it("disable-then-promote-sockpuppet waits for a second admin", async () => {
    await setDisabled({ memberId: await bobId(), disabled: true }, ada);
    expect(await member(bob.email)).toMatchObject({ disabled: true, role: "admin" });
    expect(
      await h.t.db.auditEvent.findFirstOrThrow({ where: { action: "team.disabled", target: bob.email } }),
    ).toMatchObject({ data: expect.objectContaining({ countedAsAdminUntil: expect.any(String) }) });

    await inviteMember({ email: "sock@example.com", name: null, role: "admin", signIn: "password" }, ada);
    expect(await member("sock@example.com")).toMatchObject({
      role: "auditor",
      pendingRole: "admin",
      pendingRoleBy: ada.email,
    });
    await changeRole({ memberId: requester.id, role: "admin" }, ada);
    expect(await member(requester.email)).toMatchObject({ role: "operator", pendingRole: "admin" });
    const views = await listMembers();
    expect(views.find((m) => m.email === requester.email)?.pendingAdminWhy).toMatch(
      /bob@example\.com was an admin until .* \(counted for 7 days after\)/,
    );
    expect(views.find((m) => m.email === bob.email)?.countedAsAdminUntil).toEqual(expect.any(String));
    // Ada cannot approve what she asked for; nobody else can.
    await expect(decidePromotion({ memberId: requester.id, approve: true }, ada)).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect((await member(requester.email)).role).toBe("operator");
  });

  it("disable-then-single-admin-mode is refused, and writes nothing", async () => {
    await setDisabled({ memberId: await bobId(), disabled: true }, ada);
    const before = await h.t.db.auditEvent.count({ where: { action: "settings.updated" } });
    await expect(updateSettings({ singleAdminMode: true }, ada)).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringMatching(/bob@example\.com was an admin until/),
      fieldErrors: { singleAdminMode: expect.any(Array) },
    });
    expect((await getSettings()).singleAdminMode).toBe(false);
    expect(await h.t.db.auditEvent.count({ where: { action: "settings.updated" } })).toBe(before);

    await windowPassed(bob.email);
    expect((await updateSettings({ singleAdminMode: true }, ada)).singleAdminMode).toBe(true);
  });

  it("re-enabling a disabled admin and restoring a demoted one are promotions", async () => {
    await h.t.db.member.create({ data: { id: "m-carol", email: "carol@example.com", role: "admin" } });
    // Bob still counts (active), so turning Carol back on as admin waits for him.
    await setDisabled({ memberId: "m-carol", disabled: true }, ada);
    await setDisabled({ memberId: "m-carol", disabled: false }, ada);
    expect(await member("carol@example.com")).toMatchObject({
      disabled: false,
      role: "auditor",
      pendingRole: "admin",
      pendingRoleBy: ada.email,
    });
    expect((await listMembers()).find((m) => m.id === "m-carol")?.pendingAdminWhy).toBe(
      "bob@example.com is an active admin",
    );
    await decidePromotion({ memberId: "m-carol", approve: true }, bob);
    expect((await member("carol@example.com")).role).toBe("admin");

    // Demoted, then restored: waits too.
    await changeRole({ memberId: "m-carol", role: "operator" }, ada);
    await changeRole({ memberId: "m-carol", role: "admin" }, ada);
    expect(await member("carol@example.com")).toMatchObject({ role: "operator", pendingRole: "admin" });

    // Turning Bob off and on again with nobody else counting (Carol's admin role ended long ago)
    // restores him at once: the member being restored is not a second admin for their own return.
    await windowPassed("carol@example.com");
    await setDisabled({ memberId: await bobId(), disabled: true }, ada);
    await setDisabled({ memberId: await bobId(), disabled: false }, ada);
    expect(await member(bob.email)).toMatchObject({ disabled: false, role: "admin", pendingRole: null });
  });

  it("break-glass: SINGLE_ADMIN_MODE=true in the environment lets the lone admin act at once", async () => {
    await setDisabled({ memberId: await bobId(), disabled: true }, ada);
    process.env.SINGLE_ADMIN_MODE = "true";
    resetEnvCache();
    expect((await updateSettings({ singleAdminMode: true }, ada)).singleAdminMode).toBe(true);
    const own = await ownRequest();
    expect((await approveRequest(own.id, own.planHash, ada)).status).toBe("approved");
    expect((await executeRequest(own.id, ada)).request.status).toBe("succeeded");
    await inviteMember({ email: "newadmin@example.com", name: null, role: "admin", signIn: "sso" }, ada);
    expect(await member("newadmin@example.com")).toMatchObject({ role: "admin", pendingRole: null });
  });
});
