import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  DeleteAccessKeyCommand,
  ListGroupsForUserCommand,
  GetUserCommand,
  ListVirtualMFADevicesCommand,
} from "@aws-sdk/client-iam";
import { describe, expect, it } from "vitest";
import { verifyChain } from "@/lib/audit";
import { testDbKind } from "@/lib/test/db";
import {
  approveRequest,
  createChangeRequest,
  getRequest,
  requestApproveAndStart,
  resumeInterruptedRequests,
  startExecution,
  updateSettings,
} from "./index";
import { readUserHoldings } from "@/lib/iam";
import { DENY_POLICY, userOffboard } from "./kinds/user-offboard";
import { createLoadedUser } from "./testing/loaded-user";
import { ada, bob, requester, setupHarness } from "./testing/harness";
import { killExecutorMidPlan, waitFor } from "./testing/interrupt";

describe(`offboarding (${testDbKind()})`, () => {
  const h = setupHarness();

  async function person(name: string) {
    return h.t.db.employee.create({ data: { name, email: `${name}@example.com`, iamUserName: name } });
  }
  async function gone(userName: string) {
    await expect(h.clients.iam.send(new GetUserCommand({ UserName: userName }))).rejects.toMatchObject({
      name: "NoSuchEntityException",
    });
    const devices = (await h.clients.iam.send(new ListVirtualMFADevicesCommand({}))).VirtualMFADevices ?? [];
    expect(devices.filter((d) => d.SerialNumber?.endsWith(`/${userName}-phone`))).toEqual([]);
  }
  /** Every step finished exactly once: one done/skipped row each, one step.done entry per done step. */
  async function eachStepOnce(requestId: string) {
    const steps = await h.t.db.changeStep.findMany({ where: { requestId }, orderBy: { order: "asc" } });
    expect(steps.filter((s) => s.status !== "done" && s.status !== "skipped")).toEqual([]);
    const events = await h.t.db.auditEvent.findMany({ where: { requestId, action: "step.done" } });
    const orders = events.map((e) => (e.data as { order: number }).order).sort((a, b) => a - b);
    expect(orders).toEqual(steps.filter((s) => s.status === "done").map((s) => s.order));
    return steps;
  }

  it(
    "offboards a fully loaded user in one click: locked out first, nothing left, evidence and audit",
    { timeout: 60_000 },
    async () => {
      const employee = await person("leaver");
      await createLoadedUser(h.root.iam, "leaver", 1);
      const { request, started, finished } = await requestApproveAndStart(
        "user.offboard",
        { userName: "leaver", employeeId: employee.id, mode: "delete" },
        ada,
      );
      expect(started).toBe(true);
      expect(request.status).toBe("executing");
      expect(await finished).toBe("succeeded");
      await gone("leaver");

      const steps = await eachStepOnce(request.id);
      const order = (op: string) => steps.filter((s) => s.op === op).map((s) => s.order);
      const lockOut = [...order("UpdateAccessKey"), ...order("PutUserPolicy")];
      expect(lockOut).toHaveLength(3);
      // Every removal waits for the whole lock-out; the deny policy goes last, just before DeleteUser.
      for (const s of steps.filter((x) => !lockOut.includes(x.order)))
        expect(s.startedAt!.getTime()).toBeGreaterThanOrEqual(
          Math.max(...steps.filter((x) => lockOut.includes(x.order)).map((x) => x.finishedAt!.getTime())),
        );
      expect(steps.map((s) => s.op).slice(-3)).toEqual(["DeleteUserPolicy", "DeleteUser", "VerifyUserGone"]);
      expect(steps.at(-3)!.params).toMatchObject({ policyName: DENY_POLICY });
      expect(
        JSON.parse(
          String(
            (steps.find((s) => s.op === "PutUserPolicy")!.params as { policyDocument: string })
              .policyDocument,
          ),
        ).Statement[0],
      ).toMatchObject({
        Effect: "Deny",
        Action: "*",
        Resource: "*",
        Condition: { DateLessThan: { "aws:TokenIssueTime": expect.any(String) } },
      });
      expect(steps.at(-1)!.result).toMatchObject({ verified: true, getUser: "NoSuchEntity" });
      expect(steps.every((s) => s.iamRequestId)).toBe(true);
      // 21 steps: 2 deactivations + deny, password, MFA ×2, SSH, cert, service credential, 2 keys, 3 groups, 2 + 2 policies, deny, user, verify.
      expect(steps).toHaveLength(21);

      const after = await getRequest(request.id);
      expect(after?.evidence).toMatchObject({
        before: {
          accessKeys: expect.any(Array),
          loginProfile: true,
          groups: expect.arrayContaining(["DevOps", "MobileDevelopers", "WebDevelopers"]),
        },
      });
      expect(after?.approvals).toEqual([
        expect.objectContaining({
          approver: ada.email,
          selfApproved: true,
          reason: "one-click offboarding by an admin",
          counts: true,
        }),
      ]);
      expect((await h.t.db.employee.findUniqueOrThrow({ where: { id: employee.id } })).status).toBe(
        "offboarded",
      );
      const created = await h.t.db.auditEvent.findFirstOrThrow({
        where: { requestId: request.id, action: "request.created" },
      });
      const approved = await h.t.db.auditEvent.findFirstOrThrow({
        where: { requestId: request.id, action: "request.approved" },
      });
      expect([created.actor, approved.actor]).toEqual([ada.email, ada.email]);
      const offboarded = await h.t.db.auditEvent.findFirstOrThrow({
        where: { requestId: request.id, action: "people.offboarded" },
      });
      expect(offboarded.data).toMatchObject({
        employee: "leaver@example.com",
        mode: "delete",
        existed: { userName: "leaver" },
        verified: { verified: true },
      });
      expect((offboarded.data as { iamRequestIds: string[] }).iamRequestIds).toHaveLength(21);
      expect(await verifyChain()).toMatchObject({ ok: true });
    },
  );

  it(
    "disable mode keeps the user with only the deny policy and no credentials",
    { timeout: 60_000 },
    async () => {
      await createLoadedUser(h.root.iam, "suspect", 2);
      const { finished, request } = await requestApproveAndStart(
        "user.offboard",
        { userName: "suspect", mode: "disable" },
        ada,
      );
      expect(await finished).toBe("succeeded");
      const left = await readUserHoldings(h.clients.iam, "suspect");
      expect(left).toMatchObject({
        accessKeys: [],
        loginProfile: false,
        mfaDevices: [],
        sshPublicKeys: [],
        signingCertificates: [],
        serviceCredentials: [],
        groups: [],
        attachedPolicies: [],
        inlinePolicies: [DENY_POLICY],
      });
      expect((await getRequest(request.id))?.steps.at(-1)).toMatchObject({
        op: "VerifyUserDisabled",
        status: "done",
      });
    },
  );

  it(
    "re-plans when a key appears between planning and DeleteUser, and the approval still counts",
    { timeout: 60_000 },
    async () => {
      const { accessKeyIds } = await createLoadedUser(h.root.iam, "sneaky", 3);
      const r = await createChangeRequest("user.offboard", { userName: "sneaky" }, requester);
      await approveRequest(r.id, r.planHash, bob);
      // Outside Gatehouse, after planning: one planned key is rotated away (IAM allows two per user).
      await h.root.iam.send(new DeleteAccessKeyCommand({ UserName: "sneaky", AccessKeyId: accessKeyIds[0] }));
      const late = (await h.root.iam.send(new CreateAccessKeyCommand({ UserName: "sneaky" }))).AccessKey!
        .AccessKeyId!;
      const { finished } = await startExecution(r.id, ada);
      expect(await finished).toBe("succeeded");
      await gone("sneaky");
      const after = (await getRequest(r.id))!;
      expect(after.planHash).toBe(r.planHash);
      expect(after.approvalsCounted).toBe(1);
      const added = after.steps.filter((s) => s.order > r.steps.length);
      expect(added.map((s) => [s.op, s.params.accessKeyId])).toEqual([
        ["UpdateAccessKey", late],
        ["DeleteAccessKey", late],
      ]);
      expect(after.steps.find((s) => s.op === "DeleteUser")!.dependsOn).toEqual(
        expect.arrayContaining(added.map((s) => s.order)),
      );
      const replanned = await h.t.db.auditEvent.findFirstOrThrow({
        where: { requestId: r.id, action: "request.replanned_on_conflict" },
      });
      expect(replanned.data).toMatchObject({
        trigger: { op: "DeleteUser" },
        approvalStillCounts: true,
        planHash: r.planHash,
      });
      expect((after.evidence as { replans: unknown[] }).replans).toHaveLength(1);
    },
  );

  it("a re-plan may only add removals from the same user", () => {
    const { covers } = userOffboard.request({ userName: "sneaky", mode: "delete" }).replanOnConflict!;
    expect(
      covers(
        { op: "DeleteAccessKey", params: { userName: "sneaky", accessKeyId: "AKIA0000000000000000" } },
        [],
      ),
    ).toBe(true);
    expect(
      covers(
        { op: "DeleteAccessKey", params: { userName: "someone-else", accessKeyId: "AKIA0000000000000000" } },
        [],
      ),
    ).toBe(false);
    expect(covers({ op: "AddUserToGroup", params: { userName: "sneaky", groupName: "Admins" } }, [])).toBe(
      false,
    );
    expect(
      covers(
        {
          op: "UpdateAccessKey",
          params: { userName: "sneaky", accessKeyId: "AKIA0000000000000000", status: "Active" },
        },
        [],
      ),
    ).toBe(false);
    expect(
      covers(
        { op: "DeleteVirtualMFADevice", params: { serialNumber: "arn:aws:iam::123456789012:mfa/boss" } },
        [],
      ),
    ).toBe(false);
  });

  it("the engine refuses a re-plan step the kind does not cover: nothing added, the request fails", async () => {
    await h.root.iam.send(new CreateUserCommand({ UserName: "keyholder" }));
    await h.root.iam.send(new CreateAccessKeyCommand({ UserName: "keyholder" }));
    const r = await createChangeRequest("test.replan-beyond-cover", { userName: "keyholder" }, requester);
    await approveRequest(r.id, r.planHash, bob);
    const { finished } = await startExecution(r.id, ada);
    expect(await finished).toBe("failed");
    const after = (await getRequest(r.id))!;
    expect(after.steps.map((s) => [s.op, s.status])).toEqual([["DeleteUser", "failed"]]);
    expect(
      (await h.clients.iam.send(new ListGroupsForUserCommand({ UserName: "keyholder" }))).Groups,
    ).toEqual([]);
    const refused = await h.t.db.auditEvent.findFirstOrThrow({
      where: { requestId: r.id, action: "request.replan_refused" },
    });
    expect(refused.data).toMatchObject({ refused: ["AddUserToGroup"] });
  });

  it("completes under 30 % throttling, each step once", { timeout: 120_000 }, async () => {
    await createLoadedUser(h.root.iam, "throttled", 1);
    h.sandbox.admin.setFaults({ throttleRate: 0.3, seed: 7 });
    try {
      const { finished, request } = await requestApproveAndStart(
        "user.offboard",
        { userName: "throttled" },
        ada,
      );
      expect(await finished).toBe("succeeded");
      h.sandbox.admin.setFaults({});
      await gone("throttled");
      const steps = await eachStepOnce(request.id);
      expect(steps.some((s) => s.attempts > 1)).toBe(true); // throttling really hit
      expect(h.sandbox.admin.state().users.has("throttled")).toBe(false);
    } finally {
      h.sandbox.admin.setFaults({});
    }
  });

  it("finishes after the executor is killed mid-plan, each write once", { timeout: 150_000 }, async () => {
    await createLoadedUser(h.root.iam, "crashy", 2);
    await updateSettings({ twoApproverKinds: [] }, ada);
    const r = await createChangeRequest("user.offboard", { userName: "crashy" }, requester);
    await approveRequest(r.id, r.planHash, ada);
    expect(await killExecutorMidPlan(h, r.id, ada.email, 5)).toBe("SIGKILL");
    const before = await h.t.db.changeStep.findMany({ where: { requestId: r.id, status: "done" } });
    expect(before.length).toBeGreaterThanOrEqual(5);
    expect(before.length).toBeLessThan(r.steps.length);
    await waitFor("the lease to expire", async () => !(await getRequest(r.id))?.leaseActive, 5_000);
    expect(await resumeInterruptedRequests()).toBe(1);
    expect((await getRequest(r.id))?.status).toBe("succeeded");
    await gone("crashy");
    const steps = await eachStepOnce(r.id);
    for (const s of before)
      expect(steps.find((x) => x.order === s.order)).toMatchObject({
        attempts: s.attempts,
        iamRequestId: s.iamRequestId,
      });
    expect(await verifyChain()).toMatchObject({ ok: true });
  });
});
