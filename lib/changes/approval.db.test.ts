import { AddUserToGroupCommand, CreateGroupCommand } from "@aws-sdk/client-iam";
import { describe, expect, it } from "vitest";
import { testDbKind } from "@/lib/test/db";
import {
  approveRequest,
  awaitingCount,
  createChangeRequest,
  executeRequest,
  getRequest,
  getSettings,
  listRequests,
  previewChangeRequest,
  rejectRequest,
  replanRequest,
  resubmitRequest,
  resumeInterruptedRequests,
  updateSettings,
} from "./index";
import type { Actor } from "@/lib/auth/session";
import { ada, bob, requester, setupHarness } from "./testing/harness";

describe(`approval rules (${testDbKind()})`, () => {
  const h = setupHarness();
  /** A request to add `userName` to `groupName`, made by `by` (an operator unless said). */
  const addMember = (userName: string, groupName: string, by: Actor = requester) =>
    createChangeRequest("group.add-member", { userName, groupName }, by);

  it("refuses bad input with field errors and writes nothing", async () => {
    await expect(
      createChangeRequest("group.add-member", { userName: "", groupName: "DevOps" }, requester),
    ).rejects.toMatchObject({
      code: "INVALID_INPUT",
      fieldErrors: { userName: expect.any(Array) },
    });
    await expect(
      createChangeRequest("group.add-member", { userName: "nobody", groupName: "DevOps" }, requester),
    ).rejects.toMatchObject({
      fieldErrors: { userName: ["There is no IAM user named nobody."] },
    });
    expect(await h.t.db.changeRequest.count()).toBe(0);
  });

  it("previews a plan without storing or auditing anything", async () => {
    const events = await h.t.db.auditEvent.count();
    const preview = await previewChangeRequest("group.add-member", { userName: "mary", groupName: "DevOps" });
    expect(preview).toMatchObject({
      kindLabel: "Add to group",
      summary: "Add mary to DevOps",
      steps: [expect.objectContaining({ op: "AddUserToGroup", title: "Add mary to group DevOps" })],
    });
    expect({ requests: await h.t.db.changeRequest.count(), events: await h.t.db.auditEvent.count() }).toEqual(
      { requests: 0, events },
    );
    await expect(
      previewChangeRequest("group.add-member", { userName: "mary", groupName: "Nope" }),
    ).rejects.toMatchObject({ fieldErrors: { groupName: expect.any(Array) } });
  });

  it("plans from live IAM: an existing membership is an empty plan that says so", async () => {
    const r = await addMember("sally", "DevOps");
    expect(r.steps).toEqual([]);
    expect(r.summary).toMatch(/already a member/);
    expect(r.evidence).toMatchObject({ alreadyMember: true, groupsBefore: ["DevOps"] });
  });

  it("refuses self-approval, and allows it (recorded) in single-admin mode", async () => {
    const own = await addMember("mary", "WebDevelopers", ada);
    await expect(approveRequest(own.id, own.planHash, ada)).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringMatching(/your own request/),
    });
    expect((await getRequest(own.id))?.status).toBe("pending");
    expect((await listRequests({ tab: "awaiting", actor: ada })).items.map((i) => i.id)).not.toContain(
      own.id,
    );

    // Single-admin mode is for a team with one active admin: Bob is away (turned off) meanwhile.
    await h.t.db.member.update({ where: { email: bob.email }, data: { disabled: true } });
    await updateSettings({ singleAdminMode: true }, ada);
    try {
      expect((await listRequests({ tab: "awaiting", actor: ada })).items.map((i) => i.id)).toContain(own.id);
      const approved = await approveRequest(own.id, own.planHash, ada);
      expect(approved.status).toBe("approved");
      expect(approved.approvals).toEqual([
        expect.objectContaining({ approver: ada.email, selfApproved: true, counts: true }),
      ]);
      const entry = await h.t.db.auditEvent.findFirstOrThrow({
        where: { action: "request.approved", requestId: own.id },
      });
      expect(entry.data).toMatchObject({ approver: ada.email, selfApproved: true });
    } finally {
      await updateSettings({ singleAdminMode: false }, ada);
      await h.t.db.member.update({ where: { email: bob.email }, data: { disabled: false } });
    }
  });

  // Issue 12 #3: one admin cannot defeat the two-person rule.
  describe("the two-person rule holds at execution time", () => {
    const setActive = (email: string, disabled: boolean) =>
      h.t.db.member.update({ where: { email }, data: { disabled } });

    it("a self-approval counts only while single-admin mode applies when executing", async () => {
      await setActive(bob.email, true);
      await updateSettings({ singleAdminMode: true }, ada);
      const own = await addMember("john", "Accountants", ada);
      expect((await approveRequest(own.id, own.planHash, ada)).status).toBe("approved");
      await updateSettings({ singleAdminMode: false }, ada);
      await expect(executeRequest(own.id, ada)).rejects.toMatchObject({
        code: "FORBIDDEN",
        message: expect.stringMatching(/0 of 1 approvals/),
      });
      expect((await getRequest(own.id))?.approvals[0]).toMatchObject({
        counts: false,
        notCounting: "a self-approval counts only while single-admin mode applies",
      });

      // Mode on again, but a second admin is active now: the stored mode no longer applies.
      await updateSettings({ singleAdminMode: true }, ada);
      await setActive(bob.email, false);
      await expect(executeRequest(own.id, ada)).rejects.toMatchObject({ code: "FORBIDDEN" });
      await setActive(bob.email, true);
      await updateSettings({ singleAdminMode: false }, ada);
      await setActive(bob.email, false);
      expect(
        (await h.t.db.changeStep.findMany({ where: { requestId: own.id } })).map((s) => s.status),
      ).toEqual(["pending"]);
    });

    it("turning single-admin mode on needs the team to have one active admin", async () => {
      const before = await h.t.db.auditEvent.count({ where: { action: "settings.updated" } });
      await expect(updateSettings({ singleAdminMode: true }, ada)).rejects.toMatchObject({
        code: "FORBIDDEN",
        fieldErrors: { singleAdminMode: expect.any(Array) },
      });
      expect((await getSettings()).singleAdminMode).toBe(false);
      expect(await h.t.db.auditEvent.count({ where: { action: "settings.updated" } })).toBe(before);
    });

    it("approvals by a member disabled or demoted since do not count", async () => {
      for (const change of [{ disabled: true }, { role: "operator" }]) {
        const r = await addMember("maria", "Accountants");
        await approveRequest(r.id, r.planHash, ada);
        await h.t.db.member.update({ where: { email: ada.email }, data: change });
        try {
          await expect(executeRequest(r.id, bob)).rejects.toMatchObject({ code: "FORBIDDEN" });
          expect((await getRequest(r.id))?.approvals[0]).toMatchObject({
            counts: false,
            notCounting: "the approver is no longer an active admin",
          });
          // Nor may they approve now.
          const other = await addMember("maria", "Accountants");
          await expect(approveRequest(other.id, other.planHash, ada)).rejects.toMatchObject({
            code: "FORBIDDEN",
          });
        } finally {
          await h.t.db.member.update({
            where: { email: ada.email },
            data: { disabled: false, role: "admin" },
          });
        }
      }
    });

    it("an interrupted request whose approval stopped counting is not resumed (audited once)", async () => {
      const r = await addMember("jane", "Accountants");
      await approveRequest(r.id, r.planHash, ada);
      // As if its executor had died right after starting: executing, no live lease.
      await h.t.db.changeRequest.update({
        where: { id: r.id },
        data: { status: "executing", executor: bob.email, startedAt: new Date() },
      });
      await setActive(ada.email, true);
      try {
        expect(await resumeInterruptedRequests()).toBe(0);
        expect(await resumeInterruptedRequests()).toBe(0);
        expect(
          (await h.t.db.changeStep.findMany({ where: { requestId: r.id } })).map((s) => s.status),
        ).toEqual(["pending"]);
        expect(
          await h.t.db.auditEvent.count({ where: { action: "request.resume_refused", requestId: r.id } }),
        ).toBe(1);
        await expect(executeRequest(r.id, bob)).rejects.toMatchObject({ code: "FORBIDDEN" });
      } finally {
        await setActive(ada.email, false);
      }
      expect(await resumeInterruptedRequests()).toBe(1);
      expect((await getRequest(r.id))?.status).toBe("succeeded");
    });

    it("an approval is valid for approvalExpiryDays; an expired request cannot run and says so", async () => {
      const r = await addMember("mary", "DevOps");
      const approved = await approveRequest(r.id, r.planHash, ada);
      const approvedAt = Date.parse(approved.approvals[0].at);
      expect(Date.parse(approved.expiresAt) - approvedAt).toBe(7 * 24 * 3600 * 1000);
      await h.t.db.changeRequest.update({
        where: { id: r.id },
        data: { expiresAt: new Date(Date.now() - 1000) },
      });
      await expect(executeRequest(r.id, bob)).rejects.toMatchObject({
        code: "CONFLICT",
        message: expect.stringMatching(/expired on .*approval no longer holds/),
      });
      expect((await getRequest(r.id))?.status).toBe("expired");
      expect(
        await h.t.db.auditEvent.findFirst({ where: { action: "request.expired", requestId: r.id } }),
      ).toMatchObject({ data: expect.objectContaining({ was: "approved" }) });
      expect(await h.t.db.changeStep.count({ where: { requestId: r.id, status: { not: "pending" } } })).toBe(
        0,
      );
    });
  });

  it("binds an approval to the plan hash: a changed plan voids it and execution is refused", async () => {
    await h.root.iam.send(new CreateGroupCommand({ GroupName: "Auditors" }));
    const r = await addMember("jane", "Auditors");
    await expect(approveRequest(r.id, "0".repeat(64), ada)).rejects.toMatchObject({ code: "CONFLICT" });
    const approved = await approveRequest(r.id, r.planHash, ada);
    expect(approved.status).toBe("approved");

    // Recomputed with IAM unchanged: the same plan, so the approval still counts.
    const same = await replanRequest(r.id, requester);
    expect(same.planHash).toBe(r.planHash);
    expect(same).toMatchObject({ status: "approved", approvalsCounted: 1 });

    // Someone adds jane by hand: the recomputed plan is different and the approval no longer counts.
    await h.root.iam.send(new AddUserToGroupCommand({ UserName: "jane", GroupName: "Auditors" }));
    const changed = await replanRequest(r.id, requester);
    expect(changed.planHash).not.toBe(r.planHash);
    expect(changed).toMatchObject({ status: "pending", approvalsCounted: 0 });
    expect(changed.approvals[0]).toMatchObject({ approver: ada.email, counts: false });
    await expect(executeRequest(r.id, ada)).rejects.toThrow(/pending; it cannot be executed/);
    // An approval of the old plan is refused outright.
    await expect(approveRequest(r.id, r.planHash, bob)).rejects.toMatchObject({ code: "CONFLICT" });

    // Edited input: a new plan again; approving that one makes it runnable.
    const edited = await replanRequest(r.id, requester, { userName: "jane", groupName: "DevOps" });
    expect(edited.steps.map((s) => s.title)).toEqual(["Add jane to group DevOps"]);
    expect((await approveRequest(r.id, edited.planHash, ada)).status).toBe("approved");
  });

  it("needs two distinct approvers for chosen kinds", async () => {
    await updateSettings({ twoApproverKinds: ["group.remove-member"] }, ada);
    const r = await createChangeRequest(
      "group.remove-member",
      { userName: "maria", groupName: "WebDevelopers" },
      requester,
    );
    expect(r.approvalsRequired).toBe(2);
    expect((await approveRequest(r.id, r.planHash, ada)).status).toBe("pending");
    expect((await approveRequest(r.id, r.planHash, ada)).approvalsCounted).toBe(1); // the same admin twice is one
    await expect(executeRequest(r.id, ada)).rejects.toThrow(/pending/);
    const done = await approveRequest(r.id, r.planHash, bob);
    expect(done).toMatchObject({ status: "approved", approvalsCounted: 2 });
    await updateSettings({ twoApproverKinds: [] }, ada);
  });

  it("rejects only with a reason, and the rejection is final", async () => {
    const r = await addMember("john", "DevOps");
    await expect(rejectRequest(r.id, "  ", bob)).rejects.toMatchObject({
      code: "INVALID_INPUT",
      fieldErrors: { reason: ["Required"] },
    });
    const rejected = await rejectRequest(r.id, "John moved teams", bob);
    expect(rejected.status).toBe("rejected");
    expect(rejected.approvals[0]).toMatchObject({ decision: "rejected", reason: "John moved teams" });
    await expect(approveRequest(r.id, r.planHash, ada)).rejects.toThrow(/rejected/);
    const entry = await h.t.db.auditEvent.findFirstOrThrow({
      where: { action: "request.rejected", requestId: r.id },
    });
    expect(entry).toMatchObject({
      actor: bob.email,
      data: expect.objectContaining({ reason: "John moved teams" }),
    });
  });

  it("resubmits a rejected request as a new one planned afresh, which names the one it follows", async () => {
    const r = await addMember("mary", "Auditors");
    await expect(resubmitRequest(r.id, requester)).rejects.toThrow(/only a rejected request/);
    await rejectRequest(r.id, "Ask again after the reorg", bob);
    const again = await resubmitRequest(r.id, requester);
    expect(again).toMatchObject({
      status: "pending",
      kind: r.kind,
      target: r.target,
      requester: requester.email,
    });
    expect(again.number).toBeGreaterThan(r.number);
    expect(again.id).not.toBe(r.id);
    expect((await getRequest(r.id))?.status).toBe("rejected");
    const created = await h.t.db.auditEvent.findFirstOrThrow({
      where: { action: "request.created", requestId: again.id },
    });
    expect(created.data).toMatchObject({ resubmittedFrom: r.number });
  });

  it("expires requests not approved in time (checked on read)", async () => {
    const r = await addMember("john", "Accountants");
    await h.t.db.changeRequest.update({
      where: { id: r.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect((await getRequest(String(r.number)))?.status).toBe("expired");
    await expect(approveRequest(r.id, r.planHash, ada)).rejects.toThrow(/expired/);
    expect(await h.t.db.auditEvent.count({ where: { action: "request.expired", requestId: r.id } })).toBe(1);
  });

  it("lists requests by tab, newest first, a page at a time", async () => {
    const all: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listRequests({ tab: "all", actor: ada, take: 2, cursor });
      expect(page.items.length).toBeLessThanOrEqual(2);
      all.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    const newestFirst = (await h.t.db.changeRequest.findMany({ orderBy: { number: "desc" } })).map(
      (r) => r.id,
    );
    expect(all).toEqual(newestFirst);
    const done = await listRequests({ tab: "done", actor: ada });
    expect(done.items.map((i) => i.status)).toContain("expired");
    expect(done.items.every((i) => ["succeeded", "expired", "abandoned"].includes(i.status))).toBe(true);
    const rejected = await listRequests({ tab: "rejected", actor: ada });
    expect(rejected.items.length).toBeGreaterThan(0);
    expect(rejected.items.every((i) => i.status === "rejected")).toBe(true);
    expect(
      (await listRequests({ tab: "in-progress", actor: ada })).items.every(
        (i) => i.status === "approved" || i.status === "executing",
      ),
    ).toBe(true);
    expect((await listRequests({ tab: "awaiting", actor: requester })).items).toEqual([]); // operators approve nothing
    // The sidebar's count is the admin's awaiting tab.
    const awaiting = (await listRequests({ tab: "awaiting", actor: ada })).items.length;
    expect(awaiting).toBeGreaterThan(0);
    expect(await awaitingCount(ada)).toBe(awaiting);
    expect(await awaitingCount(requester)).toBe(0);
  });
});
