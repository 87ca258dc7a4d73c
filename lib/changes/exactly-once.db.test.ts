import { describe, expect, it } from "vitest";
import { testDbKind } from "@/lib/test/db";
import { checkExactlyOnce, queueRequests, runExecutor } from "./testing/exactly-once";
import { setupHarness } from "./testing/harness";

// Two executor processes on one PostgreSQL database race for the same queue while the sandbox
// throttles 30 % and fails 5 % of calls: every request must still complete exactly once.
// (SQLite has one writer by construction; scripts/bench-load.ts runs the same with 100.)
describe.runIf(testDbKind() === "postgresql")(
  "two instances, one queue, injected faults (postgresql)",
  () => {
    const h = setupHarness();

    it("completes each of 10 queued requests exactly once", { timeout: 120_000 }, async () => {
      const queued = await queueRequests(h.clients.iam, 10, "once");
      h.sandbox.admin.setFaults({ throttleRate: 0.3, failureRate: 0.05, seed: 7 });
      let stats;
      try {
        const opts = { databaseUrl: h.t.url, sandboxUrl: h.sandbox.url, deadlineMs: 90_000 };
        stats = await Promise.all([
          runExecutor({ ...opts, holder: "instance-a" }),
          runExecutor({ ...opts, holder: "instance-b" }),
        ]);
      } finally {
        h.sandbox.admin.setFaults({});
      }
      const report = await checkExactlyOnce(h.clients.iam, queued);
      expect(report).toMatchObject({
        requests: 10,
        succeeded: 10,
        stepRows: 20,
        duplicateStepEvents: 0,
        stepEventMismatches: 0,
        stateMismatches: 0,
        chainOk: true,
      });
      expect(report.stepsDone + report.stepsSkipped).toBe(20);
      // Both instances did work (or were refused by the lease): the race really happened.
      expect(stats.every((s) => s.executed + s.retried + s.refused > 0)).toBe(true);
    });
  },
);
