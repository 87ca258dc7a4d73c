import { CreateUserCommand } from "@aws-sdk/client-iam";
import { describe, expect, it } from "vitest";
import { groupsOfUser } from "@/lib/iam";
import { testDbKind } from "@/lib/test/db";
import {
  approveRequest,
  createChangeRequest,
  executeRequest,
  getRequest,
  resumeInterruptedRequests,
} from "./index";
import { ada, bob, requester, setupHarness } from "./testing/harness";
import { leaseHeldByDeadExecutor } from "./testing/interrupt";

// Two app instances on one PostgreSQL must never run the same request twice. SQLite has one
// writer by construction, so this runs when TEST_DB=postgres (CI) and is skipped otherwise.
describe.runIf(testDbKind() === "postgresql")("the execution lease (postgresql)", () => {
  const h = setupHarness();

  const groupsOf = (userName: string) => groupsOfUser(h.clients.iam, userName);

  it("lets exactly one of two racing executors run a request", async () => {
    await h.root.iam.send(new CreateUserCommand({ UserName: "racer" }));
    const created = await createChangeRequest(
      "test.join-new-groups",
      { userName: "racer", groups: ["RaceA", "RaceB", "RaceC"] },
      requester,
    );
    const r = await approveRequest(created.id, created.planHash, ada);
    h.sandbox.admin.setFaults({ latencyMs: 100 });
    let results: PromiseSettledResult<Awaited<ReturnType<typeof executeRequest>>>[];
    try {
      results = await Promise.allSettled([executeRequest(r.id, ada), executeRequest(r.id, bob)]);
    } finally {
      h.sandbox.admin.setFaults({});
    }
    const won = results.filter((x) => x.status === "fulfilled");
    const lost = results.filter((x) => x.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(String((lost[0] as PromiseRejectedResult).reason)).toMatch(/being executed|cannot be executed/);

    const after = await getRequest(r.id);
    expect(after?.status).toBe("succeeded");
    // (attempts may exceed 1 when the SDK retries a dropped connection; ran-once is in the audit)
    expect(after?.steps.every((s) => s.status === "done")).toBe(true);
    const started = await h.t.db.auditEvent.count({
      where: { requestId: r.id, action: "request.execution_started" },
    });
    const stepsDone = await h.t.db.auditEvent.count({ where: { requestId: r.id, action: "step.done" } });
    expect({ started, stepsDone }).toEqual({ started: 1, stepsDone: 6 });
    expect(await groupsOf("racer")).toEqual(expect.arrayContaining(["RaceA", "RaceB", "RaceC"]));
  });

  it("lets exactly one of two racing resume loops pick up an interrupted request", async () => {
    await h.root.iam.send(new CreateUserCommand({ UserName: "racer2" }));
    const created = await createChangeRequest(
      "test.join-new-groups",
      { userName: "racer2", groups: ["RaceD", "RaceE"] },
      requester,
    );
    const r = await approveRequest(created.id, created.planHash, ada);
    // An executor that died holding the lease.
    await leaseHeldByDeadExecutor(h, r.id, ada.email);
    h.sandbox.admin.setFaults({ latencyMs: 100 });
    let counts: number[];
    try {
      counts = await Promise.all([
        resumeInterruptedRequests({ holder: "instance-a" }),
        resumeInterruptedRequests({ holder: "instance-b" }),
      ]);
    } finally {
      h.sandbox.admin.setFaults({});
    }
    expect(counts.sort()).toEqual([0, 1]);
    const after = await getRequest(r.id);
    expect(after?.status).toBe("succeeded");
    expect(after?.steps.every((s) => s.status === "done")).toBe(true);
    expect(await h.t.db.auditEvent.count({ where: { requestId: r.id, action: "step.done" } })).toBe(4);
    expect(
      await h.t.db.auditEvent.count({ where: { requestId: r.id, action: "request.execution_resumed" } }),
    ).toBe(1);
  });
});
