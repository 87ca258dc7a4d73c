import { CreateAccessKeyCommand, CreateUserCommand, ListAccessKeysCommand } from "@aws-sdk/client-iam";
import { describe, expect, it, vi } from "vitest";
import { verifyChain } from "@/lib/audit";
import { groupsOfUser } from "@/lib/iam";
import { testDbKind } from "@/lib/test/db";
import {
  approveRequest,
  createChangeRequest,
  executeRequest,
  getRequest,
  resumeInterruptedRequests,
} from "./index";
import { ada, requester, setupHarness } from "./testing/harness";
import { killExecutorMidPlan, leaseHeldByDeadExecutor, waitFor } from "./testing/interrupt";

describe(`resuming interrupted requests (${testDbKind()})`, () => {
  const h = setupHarness();

  async function approved(kind: string, input: unknown) {
    const r = await createChangeRequest(kind, input, requester);
    return approveRequest(r.id, r.planHash, ada);
  }

  it(
    "finishes a request whose executor was killed mid-plan, running every step once",
    { timeout: 120_000 },
    async () => {
      const groups = ["Crash1", "Crash2", "Crash3", "Crash4", "Crash5", "Crash6"];
      const r = await approved("test.join-new-groups", { userName: "maria", groups });
      expect(await killExecutorMidPlan(h, r.id, ada.email, 2)).toBe("SIGKILL");

      const before = await h.t.db.changeStep.findMany({
        where: { requestId: r.id },
        orderBy: { order: "asc" },
      });
      const doneBefore = before.filter((s) => s.status === "done");
      expect(doneBefore.length).toBeGreaterThanOrEqual(2);
      expect(doneBefore.length).toBeLessThan(before.length); // killed mid-plan
      const interrupted = await getRequest(r.id);
      expect(interrupted).toMatchObject({ status: "executing", leaseActive: true });

      // The dead executor's lease is respected until it runs out; then one resume pass finishes.
      expect(await resumeInterruptedRequests()).toBe(0);
      await waitFor("the lease to expire", async () => !(await getRequest(r.id))?.leaseActive, 5_000);
      expect(await resumeInterruptedRequests()).toBe(1);

      const after = await getRequest(r.id);
      expect(after?.status).toBe("succeeded");
      expect(after?.steps.every((s) => s.status === "done")).toBe(true);
      for (const s of doneBefore) {
        // Steps finished before the crash were not run again.
        const now = after!.steps.find((x) => x.order === s.order)!;
        expect(now).toMatchObject({
          attempts: s.attempts,
          finishedAt: s.finishedAt!.toISOString(),
          iamRequestId: s.iamRequestId,
        });
      }
      // IAM ends exactly as planned: each group exists once and maria is in each.
      const state = h.sandbox.admin.state();
      for (const g of groups) expect(state.groups.get(g.toLowerCase())?.name).toBe(g);
      const member = await groupsOfUser(h.clients.iam, "maria");
      expect(member).toEqual(expect.arrayContaining(groups));
      // One completion per step in the audit log, across both processes, in one intact chain.
      const doneEvents = await h.t.db.auditEvent.findMany({
        where: { requestId: r.id, action: "step.done" },
      });
      expect(doneEvents.map((e) => (e.data as { order: number }).order).sort((a, b) => a - b)).toEqual(
        before.map((s) => s.order),
      );
      expect(await verifyChain()).toMatchObject({ ok: true });
    },
  );

  it("gives a final status to a request whose executor died after its last step", async () => {
    await h.root.iam.send(new CreateUserCommand({ UserName: "finisher" }));
    const r = await approved("group.add-member", { userName: "finisher", groupName: "DevOps" });
    await h.t.db.changeStep.updateMany({
      where: { requestId: r.id },
      data: { status: "done", attempts: 1, finishedAt: new Date() },
    });
    await leaseHeldByDeadExecutor(h, r.id, ada.email);
    expect(await resumeInterruptedRequests()).toBe(1);
    expect((await getRequest(r.id))?.status).toBe("succeeded");
    // The step's completion had not reached the audit log before the crash: it is written now.
    const late = await h.t.db.auditEvent.findFirstOrThrow({
      where: { requestId: r.id, action: "step.done" },
    });
    expect(late.data).toMatchObject({ recordedLate: true });
  });

  it("takes over a lease from the millisecond it runs out, the moment the request page calls it free", async () => {
    await h.root.iam.send(new CreateUserCommand({ UserName: "punctual" }));
    const r = await approved("group.add-member", { userName: "punctual", groupName: "DevOps" });
    await h.t.db.changeStep.updateMany({
      where: { requestId: r.id },
      data: { status: "done", attempts: 1, finishedAt: new Date() },
    });
    const end = new Date(Date.now() + 60_000);
    await h.t.db.changeRequest.update({
      where: { id: r.id },
      data: { status: "executing", executor: ada.email, leaseHolder: "dead", leaseUntil: end },
    });
    // Only Date is faked: the clock stands still at the instants that matter, nothing else changes.
    vi.useFakeTimers({ toFake: ["Date"], now: end.getTime() - 1 });
    try {
      expect(await getRequest(r.id)).toMatchObject({ leaseActive: true });
      expect(await resumeInterruptedRequests()).toBe(0);
      vi.setSystemTime(end);
      expect(await getRequest(r.id)).toMatchObject({ leaseActive: false });
      expect(await resumeInterruptedRequests()).toBe(1);
    } finally {
      vi.useRealTimers();
    }
    expect((await getRequest(r.id))?.status).toBe("succeeded");
  });

  it("never runs a secret step unattended: stops before it, and an admin finishes", async () => {
    await h.root.iam.send(new CreateUserCommand({ UserName: "contractor" }));
    const r = await approved("test.join-then-key", { userName: "contractor", groupName: "DevOps" });
    // As if an executor had started and died before its first step.
    await leaseHeldByDeadExecutor(h, r.id, ada.email);
    expect(await resumeInterruptedRequests()).toBe(1);
    const held = await getRequest(r.id);
    expect(held).toMatchObject({ status: "executing", leaseActive: false, waitingForAdmin: true });
    expect(held?.steps.map((s) => s.status)).toEqual(["done", "pending"]);
    expect(
      (await h.clients.iam.send(new ListAccessKeysCommand({ UserName: "contractor" }))).AccessKeyMetadata,
    ).toEqual([]);
    expect(await resumeInterruptedRequests()).toBe(0); // still waiting, not retried in a loop

    const { request, secrets } = await executeRequest(r.id, ada);
    expect(request.status).toBe("succeeded");
    expect(secrets).toEqual([expect.objectContaining({ kind: "accessKey", userName: "contractor" })]);
  });

  it("re-issues a secret whose step was interrupted: deletes the orphan key, returns a new one", async () => {
    await h.root.iam.send(new CreateUserCommand({ UserName: "intern" }));
    const r = await approved("user.issue-credentials", { userName: "intern", accessKey: true });
    const step = await h.t.db.changeStep.findFirstOrThrow({ where: { requestId: r.id } });
    // The crashed attempt: IAM made a key, the process died before anyone saw the secret.
    await h.t.db.changeStep.update({
      where: { id: step.id },
      data: { status: "running", startedAt: new Date(Date.now() - 500), attempts: 1 },
    });
    const orphan = (await h.root.iam.send(new CreateAccessKeyCommand({ UserName: "intern" }))).AccessKey!;
    await leaseHeldByDeadExecutor(h, r.id, ada.email);

    expect(await resumeInterruptedRequests()).toBe(0); // the loop leaves it to an admin
    const { request, secrets } = await executeRequest(r.id, ada);
    expect(request.status).toBe("succeeded");
    expect(secrets).toHaveLength(1);
    const keys =
      (await h.clients.iam.send(new ListAccessKeysCommand({ UserName: "intern" }))).AccessKeyMetadata ?? [];
    expect(keys.map((k) => k.AccessKeyId)).toEqual([
      secrets[0].kind === "accessKey" ? secrets[0].accessKeyId : "?",
    ]);
    expect(keys[0].AccessKeyId).not.toBe(orphan.AccessKeyId);
    const entry = await h.t.db.auditEvent.findFirstOrThrow({
      where: { requestId: r.id, action: "secret.reissued" },
    });
    expect(entry.data).toMatchObject({
      result: expect.objectContaining({ reissued: true, deletedKeys: [orphan.AccessKeyId] }),
    });
  });
});
