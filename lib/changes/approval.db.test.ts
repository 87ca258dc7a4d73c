import { AddUserToGroupCommand, CreateGroupCommand } from "@aws-sdk/client-iam";
import { describe, expect, it } from "vitest";
import { testDbKind } from "@/lib/test/db";
import { approveRequest, createChangeRequest, executeRequest, getRequest, listRequests, previewChangeRequest, rejectRequest, replanRequest, updateSettings } from "./index";
import { ada, bob, requester, setupHarness } from "./testing/harness";

describe(`approval rules (${testDbKind()})`, () => {
  const h = setupHarness();

  it("refuses bad input with field errors and writes nothing", async () => {
    await expect(createChangeRequest("group.add-member", { userName: "", groupName: "DevOps" }, requester)).rejects.toMatchObject({
      code: "INVALID_INPUT",
      fieldErrors: { userName: expect.any(Array) },
    });
    await expect(createChangeRequest("group.add-member", { userName: "nobody", groupName: "DevOps" }, requester)).rejects.toMatchObject({
      fieldErrors: { userName: ["There is no IAM user named nobody."] },
    });
    expect(await h.t.db.changeRequest.count()).toBe(0);
  });

  it("previews a plan without storing or auditing anything", async () => {
    const events = await h.t.db.auditEvent.count();
    const preview = await previewChangeRequest("group.add-member", { userName: "mary", groupName: "DevOps" });
    expect(preview).toMatchObject({ kindLabel: "Add to group", summary: "Add mary to DevOps", steps: [expect.objectContaining({ op: "AddUserToGroup", title: "Add mary to group DevOps" })] });
    expect({ requests: await h.t.db.changeRequest.count(), events: await h.t.db.auditEvent.count() }).toEqual({ requests: 0, events });
    await expect(previewChangeRequest("group.add-member", { userName: "mary", groupName: "Nope" })).rejects.toMatchObject({ fieldErrors: { groupName: expect.any(Array) } });
  });

  it("plans from live IAM: an existing membership is an empty plan that says so", async () => {
    const r = await createChangeRequest("group.add-member", { userName: "sally", groupName: "DevOps" }, requester);
    expect(r.steps).toEqual([]);
    expect(r.summary).toMatch(/already a member/);
    expect(r.evidence).toMatchObject({ alreadyMember: true, groupsBefore: ["DevOps"] });
  });

  it("refuses self-approval, and allows it (recorded) in single-admin mode", async () => {
    const own = await createChangeRequest("group.add-member", { userName: "mary", groupName: "WebDevelopers" }, ada);
    await expect(approveRequest(own.id, own.planHash, ada)).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringMatching(/your own request/) });
    expect((await getRequest(own.id))?.status).toBe("pending");
    expect((await listRequests({ tab: "awaiting", actor: ada })).items.map((i) => i.id)).not.toContain(own.id);

    await updateSettings({ singleAdminMode: true }, ada);
    try {
      expect((await listRequests({ tab: "awaiting", actor: ada })).items.map((i) => i.id)).toContain(own.id);
      const approved = await approveRequest(own.id, own.planHash, ada);
      expect(approved.status).toBe("approved");
      expect(approved.approvals).toEqual([expect.objectContaining({ approver: ada.email, selfApproved: true, counts: true })]);
      const entry = await h.t.db.auditEvent.findFirstOrThrow({ where: { action: "request.approved", requestId: own.id } });
      expect(entry.data).toMatchObject({ approver: ada.email, selfApproved: true });
    } finally {
      await updateSettings({ singleAdminMode: false }, ada);
    }
  });

  it("binds an approval to the plan hash: a changed plan voids it and execution is refused", async () => {
    await h.clients.iam.send(new CreateGroupCommand({ GroupName: "Auditors" }));
    const r = await createChangeRequest("group.add-member", { userName: "jane", groupName: "Auditors" }, requester);
    await expect(approveRequest(r.id, "0".repeat(64), ada)).rejects.toMatchObject({ code: "CONFLICT" });
    const approved = await approveRequest(r.id, r.planHash, ada);
    expect(approved.status).toBe("approved");

    // Recomputed with IAM unchanged: the same plan, so the approval still counts.
    const same = await replanRequest(r.id, requester);
    expect(same.planHash).toBe(r.planHash);
    expect(same).toMatchObject({ status: "approved", approvalsCounted: 1 });

    // Someone adds jane by hand: the recomputed plan is different and the approval no longer counts.
    await h.clients.iam.send(new AddUserToGroupCommand({ UserName: "jane", GroupName: "Auditors" }));
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
    const r = await createChangeRequest("group.remove-member", { userName: "maria", groupName: "WebDevelopers" }, requester);
    expect(r.approvalsRequired).toBe(2);
    expect((await approveRequest(r.id, r.planHash, ada)).status).toBe("pending");
    expect((await approveRequest(r.id, r.planHash, ada)).approvalsCounted).toBe(1); // the same admin twice is one
    await expect(executeRequest(r.id, ada)).rejects.toThrow(/pending/);
    const done = await approveRequest(r.id, r.planHash, bob);
    expect(done).toMatchObject({ status: "approved", approvalsCounted: 2 });
    await updateSettings({ twoApproverKinds: [] }, ada);
  });

  it("rejects only with a reason, and the rejection is final", async () => {
    const r = await createChangeRequest("group.add-member", { userName: "john", groupName: "DevOps" }, requester);
    await expect(rejectRequest(r.id, "  ", bob)).rejects.toMatchObject({ code: "INVALID_INPUT", fieldErrors: { reason: ["Required"] } });
    const rejected = await rejectRequest(r.id, "John moved teams", bob);
    expect(rejected.status).toBe("rejected");
    expect(rejected.approvals[0]).toMatchObject({ decision: "rejected", reason: "John moved teams" });
    await expect(approveRequest(r.id, r.planHash, ada)).rejects.toThrow(/rejected/);
    const entry = await h.t.db.auditEvent.findFirstOrThrow({ where: { action: "request.rejected", requestId: r.id } });
    expect(entry).toMatchObject({ actor: bob.email, data: expect.objectContaining({ reason: "John moved teams" }) });
  });

  it("expires requests not approved in time (checked on read)", async () => {
    const r = await createChangeRequest("group.add-member", { userName: "john", groupName: "Accountants" }, requester);
    await h.t.db.changeRequest.update({ where: { id: r.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
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
    const newestFirst = (await h.t.db.changeRequest.findMany({ orderBy: { number: "desc" } })).map((r) => r.id);
    expect(all).toEqual(newestFirst);
    const done = await listRequests({ tab: "done", actor: ada });
    expect(done.items.map((i) => i.status).sort()).toEqual(expect.arrayContaining(["expired", "rejected"]));
    expect(done.items.every((i) => ["succeeded", "rejected", "expired", "abandoned"].includes(i.status))).toBe(true);
    expect((await listRequests({ tab: "in-progress", actor: ada })).items.every((i) => i.status === "approved" || i.status === "executing")).toBe(true);
    expect((await listRequests({ tab: "awaiting", actor: requester })).items).toEqual([]); // operators approve nothing
  });
});
