import { CreateGroupCommand, DeleteGroupCommand } from "@aws-sdk/client-iam";
import { describe, expect, it } from "vitest";
import { groupsOfUser } from "@/lib/iam";
import { verifyChain } from "@/lib/audit";
import { testDbKind } from "@/lib/test/db";
import {
  abandonRequest,
  approveRequest,
  configureChanges,
  createChangeRequest,
  executeRequest,
  retryRequest,
} from "./index";
import { followUps } from "./testing/fixture-kinds";
import { ada, bob, requester, setupHarness } from "./testing/harness";

describe(`execution (${testDbKind()})`, () => {
  // One SDK attempt per call, so that every retry seen here is the engine's own step-level retry
  // (in the app the SDK's adaptive retries come first, and a step's attempts include them).
  const h = setupHarness({ maxAttempts: 1 });

  const groupsOf = (userName: string) => groupsOfUser(h.clients.iam, userName);

  async function approved(kind: string, input: unknown) {
    const r = await createChangeRequest(kind, input, requester);
    return approveRequest(r.id, r.planHash, ada);
  }

  it("adds a user to a group, step by step, with an audit trail naming requester and approver", async () => {
    const r = await approved("group.add-member", { userName: "mary", groupName: "WebDevelopers" });
    const { request, secrets } = await executeRequest(r.id, bob);
    expect(secrets).toEqual([]);
    expect(request).toMatchObject({ status: "succeeded", executor: bob.email, leaseActive: false });
    expect(request.steps).toEqual([
      expect.objectContaining({
        op: "AddUserToGroup",
        status: "done",
        attempts: 1,
        iamRequestId: expect.any(String),
        error: null,
      }),
    ]);
    expect(await groupsOf("mary")).toContain("WebDevelopers");

    const events = await h.t.db.auditEvent.findMany({ where: { requestId: r.id }, orderBy: { seq: "asc" } });
    expect(events.map((e) => e.action)).toEqual([
      "request.created",
      "request.approved",
      "request.execution_started",
      "step.done",
      "request.succeeded",
    ]);
    expect(events[0].actor).toBe(requester.email);
    expect(events[2].data).toMatchObject({
      executor: bob.email,
      approvers: [ada.email],
      requester: requester.email,
    });
    expect(events[3]).toMatchObject({
      target: "group/WebDevelopers",
      data: expect.objectContaining({ iamRequestId: request.steps[0].iamRequestId }),
    });
    expect(events[4].data).toMatchObject({
      approvers: [ada.email],
      done: ["1. Add mary to group WebDevelopers"],
      notRun: [],
    });
    expect(await verifyChain()).toMatchObject({ ok: true });

    // Executing twice is refused: the request is finished.
    await expect(executeRequest(r.id, bob)).rejects.toThrow(/succeeded; it cannot be executed/);
  });

  it("runs the kind's follow-up after success; a failing follow-up is audited and does not fail the change", async () => {
    const ok = await approved("test.follow-up", { userName: "jane", groupName: "Accountants" });
    expect((await executeRequest(ok.id, ada)).request.status).toBe("succeeded");
    expect(followUps).toEqual([
      { requestId: ok.id, ops: ["AddUserToGroup:done"], evidence: { planned: true } },
    ]);

    const broken = await approved("test.follow-up", {
      userName: "john",
      groupName: "Accountants",
      fail: true,
    });
    expect((await executeRequest(broken.id, ada)).request.status).toBe("succeeded");
    const entry = await h.t.db.auditEvent.findFirstOrThrow({
      where: { requestId: broken.id, action: "request.follow_up_failed" },
    });
    expect(entry.data).toMatchObject({ error: "Internal error (details in the server log)." });
    expect(h.logLines.join("")).toContain("bookkeeping table is gone");
  });

  it("retries steps IAM throttles, records the attempts, and finishes", async () => {
    const groups = ["Throttle1", "Throttle2", "Throttle3", "Throttle4"];
    const r = await approved("test.join-new-groups", { userName: "jane", groups });
    h.sandbox.admin.setFaults({ throttleRate: 0.3, seed: 42, actions: ["CreateGroup", "AddUserToGroup"] });
    try {
      const { request } = await executeRequest(r.id, ada);
      expect(request.status).toBe("succeeded");
      expect(request.steps.every((s) => s.status === "done")).toBe(true);
      expect(Math.max(...request.steps.map((s) => s.attempts))).toBeGreaterThan(1);
    } finally {
      h.sandbox.admin.setFaults({});
    }
    expect(await groupsOf("jane")).toEqual(expect.arrayContaining(groups));
  });

  it("retries NoSuchEntity right after a create (eventual consistency), and only there", async () => {
    // New groups stay invisible for 2 s; backoff long enough to outlast that within the attempts.
    h.sandbox.admin.setFaults({ consistencyDelayMs: 2_000 });
    configureChanges({ backoffBaseMs: 300, backoffCapMs: 1_500 });
    try {
      const r = await approved("test.join-new-groups", { userName: "mary", groups: ["Fresh1"] });
      const { request } = await executeRequest(r.id, ada);
      expect(request.status).toBe("succeeded");
      // The group was invisible for a moment after CreateGroup: AddUserToGroup needed more tries.
      expect(request.steps[1]).toMatchObject({
        op: "AddUserToGroup",
        status: "done",
        attempts: expect.any(Number),
      });
      expect(request.steps[1].attempts).toBeGreaterThan(1);
    } finally {
      h.sandbox.admin.setFaults({});
      configureChanges({ backoffBaseMs: 20, backoffCapMs: 200 });
    }
    expect(await groupsOf("mary")).toContain("Fresh1");
  });

  it("stops at a step that fails for good, shows what was done, retries from there once fixed", async () => {
    await h.root.iam.send(new CreateGroupCommand({ GroupName: "Contractors" }));
    const r = await approved("group.add-member", { userName: "john", groupName: "Contractors" });
    await h.root.iam.send(new DeleteGroupCommand({ GroupName: "Contractors" })); // gone before it runs
    const failed = (await executeRequest(r.id, ada)).request;
    expect(failed.status).toBe("failed");
    expect(failed.steps[0]).toMatchObject({
      status: "failed",
      attempts: 1,
      error: expect.stringMatching(/NoSuchEntity: .*Contractors/),
    });
    const entry = await h.t.db.auditEvent.findFirstOrThrow({
      where: { action: "request.failed", requestId: r.id },
    });
    expect(entry.data).toMatchObject({
      done: [],
      failed: [expect.objectContaining({ title: "Add john to group Contractors" })],
    });

    await h.root.iam.send(new CreateGroupCommand({ GroupName: "Contractors" })); // the fix
    const retried = await retryRequest(r.id, ada);
    expect(retried.request.status).toBe("succeeded");
    expect(retried.request.steps[0]).toMatchObject({ status: "done", attempts: 2, error: null });
    expect(await groupsOf("john")).toContain("Contractors");
  });

  it("abandons a failed request: done steps stay done, the rest never runs", async () => {
    // CreateGroup finds an existing group with another path: not this request's to take over.
    await h.root.iam.send(new CreateGroupCommand({ GroupName: "Ops2", Path: "/other/" }));
    const r = await approved("test.join-new-groups", { userName: "sally", groups: ["Ops3", "Ops2"] });
    const failed = (await executeRequest(r.id, ada)).request;
    expect(failed.status).toBe("failed");
    // Steps 1 and 3 run side by side; step 2 may or may not have started before 3 failed.
    expect(failed.steps.map((s) => s.status)).toEqual([
      "done",
      expect.stringMatching(/^(done|pending)$/),
      "failed",
      "pending",
    ]);
    expect(failed.steps[2].error).toMatch(/already exists with path \/other\//);
    await expect(abandonRequest(r.id, "", ada)).rejects.toMatchObject({ code: "INVALID_INPUT" });
    const abandoned = await abandonRequest(r.id, "Ops2 belongs to another team", ada);
    expect(abandoned.status).toBe("abandoned");
    expect(abandoned.steps[3].status).toBe("pending");
    await expect(retryRequest(r.id, ada)).rejects.toThrow(/abandoned/);
    const entry = await h.t.db.auditEvent.findFirstOrThrow({
      where: { action: "request.abandoned", requestId: r.id },
    });
    expect(entry.data).toMatchObject({
      reason: "Ops2 belongs to another team",
      notRun: expect.arrayContaining(["4. Add sally to group Ops2"]),
    });
    expect(await groupsOf("sally")).not.toContain("Ops2");

    // An existing group with the same path counts as created (a rerun after a crash looks like this).
    const again = await approved("test.join-new-groups", { userName: "sally", groups: ["Ops3"] });
    const done = (await executeRequest(again.id, ada)).request;
    expect(done.status).toBe("succeeded");
    expect(done.steps[0].result).toMatchObject({ note: "The group already existed with the same path." });
    expect(await groupsOf("sally")).toContain("Ops3");
  });
});
