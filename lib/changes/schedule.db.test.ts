import { describe, expect, it } from "vitest";
import { groupsOfUser } from "@/lib/iam";
import { testDbKind } from "@/lib/test/db";
import {
  abandonRequest,
  approveRequest,
  createChangeRequest,
  executeRequest,
  getRequest,
  moveWait,
  resumeInterruptedRequests,
} from "./index";
import { ada, bob, requester, setupHarness } from "./testing/harness";

// Time in requests (README.md): a Wait step holds what follows it, the request waits with nobody
// holding it, and the resume loop runs the rest when it is due, once, whichever instance asks.

const HOUR = 3600_000;

describe(`waits in a plan (${testDbKind()})`, () => {
  const h = setupHarness();
  const inGroup = async (user: string, group: string) =>
    (await groupsOfUser(h.clients.iam, user)).includes(group);

  async function approved(kind: string, input: unknown) {
    const r = await createChangeRequest(kind, input, requester);
    return approveRequest(r.id, r.planHash, ada);
  }

  it("a grant waits its length from when it ran, then the resume loop revokes it, once across two instances", async () => {
    const r = await approved("test.timed-membership", {
      userName: "jane",
      groupName: "Accountants",
      seconds: 4 * 3600,
    });
    expect(r.steps[1].title).toBe("Wait 4 h from the steps before");
    // Time before the grant runs does not count: the clock starts at execution.
    h.clock.advance(3 * HOUR);
    const ranAt = h.clock.now();
    const { request } = await executeRequest(r.id, bob);
    expect(request.status).toBe("waiting");
    expect(request.steps.map((s) => s.status)).toEqual(["done", "pending", "pending"]);
    const endsAt = new Date(request.wakeAt!).getTime();
    expect(Math.abs(endsAt - (ranAt.getTime() + 4 * HOUR))).toBeLessThan(5_000);
    expect(request.steps[1].notBefore).toBe(request.wakeAt);
    expect(request.leaseActive).toBe(false);
    expect(await inGroup("jane", "Accountants")).toBe(true);

    // Not due: nothing runs, however often the loop passes.
    h.clock.advance(4 * HOUR - 60_000);
    expect(await resumeInterruptedRequests()).toBe(0);
    expect((await getRequest(r.id))?.status).toBe("waiting");
    expect(await inGroup("jane", "Accountants")).toBe(true);

    // Due: two instances pass at once; one runs the revocation.
    h.clock.advance(120_000);
    const runs = await Promise.all([
      resumeInterruptedRequests({ holder: "instance-a" }),
      resumeInterruptedRequests({ holder: "instance-b" }),
    ]);
    expect(runs[0] + runs[1]).toBe(1);
    const after = await getRequest(r.id);
    expect(after?.status).toBe("succeeded");
    expect(after?.steps.map((s) => s.status)).toEqual(["done", "done", "done"]);
    expect(after?.steps[2].attempts).toBe(1);
    expect(await inGroup("jane", "Accountants")).toBe(false);
    const events = await h.t.db.auditEvent.findMany({ where: { requestId: r.id }, orderBy: { seq: "asc" } });
    expect(events.filter((e) => e.action === "request.waiting")).toHaveLength(1);
    expect(
      events.filter((e) => e.action === "step.done" && (e.data as { order: number }).order === 3),
    ).toHaveLength(1);
    expect(events.find((e) => e.action === "request.succeeded")?.actor).toBe("system:schedule");
  });

  it("ending a wait early runs what follows at the next pass, audited with the reason", async () => {
    const r = await approved("test.timed-membership", {
      userName: "jane",
      groupName: "Accountants",
      seconds: 3600,
    });
    await executeRequest(r.id, bob);
    expect(await inGroup("jane", "Accountants")).toBe(true);
    await expect(moveWait(r.id, h.clock.now(), ada, { reason: " ", action: "ended early" })).rejects.toThrow(
      /Say why/,
    );
    const moved = await moveWait(r.id, h.clock.now(), ada, {
      reason: "done with the audit",
      action: "ended early",
    });
    expect(moved.status).toBe("waiting");
    expect(await resumeInterruptedRequests()).toBe(1);
    expect((await getRequest(r.id))?.status).toBe("succeeded");
    expect(await inGroup("jane", "Accountants")).toBe(false);
    const event = await h.t.db.auditEvent.findFirst({
      where: { requestId: r.id, action: "request.rescheduled" },
    });
    expect(event?.data).toMatchObject({ change: "ended early", reason: "done with the audit" });
    // What the grant did is in IAM until the revocation ran: abandoning it then was refused.
    const r2 = await approved("test.timed-membership", {
      userName: "jane",
      groupName: "Accountants",
      seconds: 60,
    });
    await executeRequest(r2.id, bob);
    await expect(abandonRequest(r2.id, "never mind", ada)).rejects.toThrow(/end the wait early/);
    h.clock.advance(61_000);
    expect(await resumeInterruptedRequests()).toBe(1);
    expect(await inGroup("jane", "Accountants")).toBe(false);
  });

  it("a plan that starts at a fixed time waits from its approval, outlives the approval's expiry, and starts at its cut-off", async () => {
    const at = new Date(h.clock.now().getTime() + 10 * 24 * HOUR).toISOString();
    const r = await approved("test.dated-removal", { userName: "maria", groupName: "WebDevelopers", at });
    expect(r.status).toBe("waiting");
    expect(r.wakeAt).toBe(at);
    expect(r.steps[0].title).toMatch(/^Wait until \d{4}-\d\d-\d\d \d\d:\d\d UTC$/);
    // Nine days on (past the 7-day approval expiry), nothing has run and nothing expired.
    h.clock.advance(9 * 24 * HOUR);
    expect(await resumeInterruptedRequests()).toBe(0);
    expect((await getRequest(r.id))?.status).toBe("waiting");
    expect(await inGroup("maria", "WebDevelopers")).toBe(true);
    h.clock.advance(24 * HOUR);
    expect(await resumeInterruptedRequests()).toBe(1);
    const done = await getRequest(r.id);
    expect(done).toMatchObject({ status: "succeeded", executor: "system:schedule" });
    expect(await inGroup("maria", "WebDevelopers")).toBe(false);
  });

  it("a scheduled request can be moved or cancelled before its cut-off, and then nothing runs", async () => {
    const at = new Date(h.clock.now().getTime() + 2 * HOUR).toISOString();
    const r = await approved("test.dated-removal", { userName: "john", groupName: "WebDevelopers", at });
    const later = new Date(h.clock.now().getTime() + 5 * HOUR);
    const moved = await moveWait(r.id, later, ada, { reason: "last day moved", action: "moved" });
    expect(moved.wakeAt).toBe(later.toISOString());
    h.clock.advance(3 * HOUR);
    expect(await resumeInterruptedRequests()).toBe(0);
    const cancelled = await abandonRequest(r.id, "stays on after all", ada);
    expect(cancelled.status).toBe("abandoned");
    h.clock.advance(3 * HOUR);
    expect(await resumeInterruptedRequests()).toBe(0);
    expect(await inGroup("john", "WebDevelopers")).toBe(true);
  });
});
