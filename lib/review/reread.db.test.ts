import { describe, expect, it } from "vitest";
import { approveRequest, configureChanges, createChangeRequest, executeRequest } from "@/lib/changes";
import { ada, requester, setupHarness } from "@/lib/changes/testing/harness";
import { testDbKind } from "@/lib/test/db";
import { latestSnapshot, rereadAfterRequest, runSync } from "./index";

// After a request runs, what it touched is re-read at once (reread.ts through lib/changes'
// after-run hook): the newest snapshot shows it, with a few calls and no full walk, the full
// sync's age kept, the request's changes explained, and the next full sync finding no drift.
describe(`incremental re-read after a request (${testDbKind()})`, () => {
  const h = setupHarness();
  const sync = () => runSync({ iam: h.clients.iam, sts: h.clients.sts, source: "sandbox" });
  const run = async (kind: string, input: unknown) => {
    const request = await createChangeRequest(kind, input, requester);
    await approveRequest(request.id, request.planHash, ada);
    return (await executeRequest(request.id, ada)).request;
  };

  it(
    "onboarding shows at once, offboarding removes at once, the next sync agrees",
    { timeout: 60_000 },
    async () => {
      const baseline = await sync();
      const nina = await h.t.db.employee.create({ data: { name: "Nina Okafor", email: "nina@example.com" } });
      const onboarded = await run("user.onboard", {
        employeeId: nina.id,
        userName: "nina",
        groups: ["WebDevelopers"],
        console: true,
        programmatic: true,
      });
      expect(onboarded.status).toBe("succeeded");

      const after = (await latestSnapshot())!;
      expect(after.id).not.toBe(baseline.snapshotId);
      const user = after.state.users.find((u) => u.name === "nina")!;
      expect(user.groups).toEqual(["WebDevelopers"]);
      expect(user.passwordEnabled).toBe(true);
      expect(user.accessKeys.filter((k) => k.active)).toHaveLength(1);
      expect(Object.keys(after.access.byUser)).toContain("nina");
      // "Synced N ago" stays the full sync's; the snapshot says what it re-read and for which request.
      expect(after.syncedAt.getTime()).toBe(baseline.at.getTime());
      expect(after.counts.reread).toMatchObject({
        requestId: onboarded.id,
        principals: expect.arrayContaining(["user/nina"]),
      });
      // A few calls for one person, never the whole account.
      expect(after.counts.calls.GetAccountAuthorizationDetails).toBeUndefined();
      expect(after.counts.calls.GetCredentialReport).toBeUndefined();
      const calls = Object.values(after.counts.calls).reduce((a, b) => a + b, 0);
      expect(calls).toBeLessThanOrEqual(20);
      // Gatehouse's own changes are drift it explains, not out-of-band.
      const findings = await h.t.db.driftFinding.findMany({ where: { snapshotId: after.id } });
      expect(findings.length).toBeGreaterThan(0);
      expect(findings.filter((f) => f.explainedBy !== onboarded.id)).toEqual([]);

      const offboarded = await run("user.offboard", {
        userName: "nina",
        employeeId: nina.id,
        mode: "delete",
      });
      expect(offboarded.status).toBe("succeeded");
      const gone = (await latestSnapshot())!;
      expect(gone.state.users.map((u) => u.name)).not.toContain("nina");
      expect(Object.keys(gone.access.byUser)).not.toContain("nina");

      // The next full sync reads the same account: nothing out-of-band, nothing left to explain.
      const full = await sync();
      expect(full.drift.filter((d) => !d.explainedBy)).toEqual([]);
      expect((await latestSnapshot())!.counts.reread).toBeUndefined();
    },
  );

  it("a failing re-read never fails the request: it is logged", { timeout: 30_000 }, async () => {
    configureChanges({
      afterRun: async () => {
        throw new Error("IAM unreachable");
      },
    });
    try {
      const done = await run("group.add-member", { userName: "john", groupName: "DevOps" });
      expect(done.status).toBe("succeeded");
      expect(h.logLines.join("\n")).toMatch(/re-reading what the request touched failed/);
    } finally {
      configureChanges({ afterRun: rereadAfterRequest });
    }
  });
});
