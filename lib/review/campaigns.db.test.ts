import { describe, expect, it } from "vitest";
import { approveRequest, executeRequest } from "@/lib/changes";
import { ada, requester, setupHarness } from "@/lib/changes/testing/harness";
import { testDbKind } from "@/lib/test/db";
import { createCampaign, decide, signOff } from "./campaigns";
import { runSync } from "./sync";

// A campaign end to end with the real change-request engine: revoke proposes the request, its
// execution is not drift at the next sync, and the signed-off campaign no longer changes.
describe(`review campaigns (${testDbKind()})`, () => {
  const h = setupHarness();
  const sync = () => runSync({ iam: h.clients.iam, sts: h.clients.sts, source: "sandbox" });

  it("keep / revoke, the revoke's change request explains the next sync's change, sign-off freezes it", async () => {
    await expect(createCampaign({ name: "Q4 review" }, requester)).rejects.toMatchObject({
      code: "CONFLICT",
    });
    await sync();
    const { id } = await createCampaign({ name: "Q4 review" }, requester);

    await decide({ campaignId: id, person: "mary", decision: "keep" }, requester);
    await expect(
      decide({ campaignId: id, person: "john", decision: "revoke" }, requester),
    ).rejects.toMatchObject({ code: "INVALID_INPUT" });
    const revokeJohn = {
      campaignId: id,
      person: "john",
      decision: "revoke",
      groupName: "WebDevelopers",
      note: "moved to sales",
    } as const;
    const { requestId } = await decide(revokeJohn, requester);
    expect(requestId).toBeTruthy();
    // Pressing Revoke again while that request is open does not propose a second one.
    const again = await decide(revokeJohn, requester);
    expect(again.requestId).toBe(requestId);
    const request = await h.t.db.changeRequest.findUniqueOrThrow({
      where: { id: requestId! },
      include: { steps: true },
    });
    expect(request.kind).toBe("group.remove-member");
    expect(request.steps.map((s) => s.op)).toEqual(["RemoveUserFromGroup"]);

    await approveRequest(request.id, request.planHash, ada);
    await executeRequest(request.id, ada);
    const after = await sync();
    expect(after.drift).toEqual([
      {
        entity: "john ∈ WebDevelopers",
        summary: "john removed from group WebDevelopers",
        explainedBy: request.id,
      },
    ]);
    expect(after.counts.drift).toBe(0);

    await signOff(id, ada);
    await expect(
      decide({ campaignId: id, person: "jane", decision: "keep" }, requester),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(signOff(id, ada)).rejects.toMatchObject({ code: "CONFLICT" });
    const kept = await h.t.db.reviewCampaign.findUniqueOrThrow({
      where: { id },
      include: { decisions: { orderBy: { person: "asc" } } },
    });
    expect(kept.signedOffBy).toBe(ada.email);
    expect(kept.decisions.map((d) => [d.person, d.decision, d.requestId])).toEqual([
      ["john", "revoke", request.id],
      ["mary", "keep", null],
    ]);
  });

  // Issue 12 #16: a decision cannot land after the sign-off, and the sign-off records every decision that landed.
  it("a decision racing the sign-off is refused (and its revoke request withdrawn); the sign-off's record is the campaign's", async () => {
    if ((await h.t.db.syncSnapshot.count()) === 0) await sync();
    const { id } = await createCampaign({ name: "race" }, requester);
    // The revoke plans from IAM: the campaign is signed off while that read is in flight, i.e.
    // after decide() saw it open and before it writes. A real client, with a hook in its stack.
    let hook: (() => Promise<unknown>) | null = () => signOff(id, ada);
    h.clients.iam.middlewareStack.add(
      (next) => async (args) => {
        const run = hook;
        hook = null;
        if (run) await run();
        return next(args);
      },
      { step: "initialize", name: "campaignRaceHook" },
    );
    try {
      await expect(
        decide(
          { campaignId: id, person: "maria", decision: "revoke", groupName: "WebDevelopers" },
          requester,
        ),
      ).rejects.toMatchObject({ code: "CONFLICT" });
    } finally {
      h.clients.iam.middlewareStack.remove("campaignRaceHook");
    }
    expect(hook).toBeNull();
    expect(await h.t.db.reviewDecision.count({ where: { campaignId: id } })).toBe(0);
    const proposed = await h.t.db.changeRequest.findMany({
      where: { kind: "group.remove-member", summary: { contains: "maria" } },
    });
    expect(proposed.map((r) => r.status)).toEqual(["rejected"]);

    // Many decisions racing one sign-off: each either counts and is in the sign-off's record, or is refused.
    const second = await createCampaign({ name: "race 2" }, requester);
    const people = Array.from({ length: 12 }, (_, i) => `person${i}`);
    const results = await Promise.allSettled([
      ...people
        .slice(0, 6)
        .map((person) => decide({ campaignId: second.id, person, decision: "keep" }, requester)),
      signOff(second.id, ada),
      ...people
        .slice(6)
        .map((person) => decide({ campaignId: second.id, person, decision: "keep" }, requester)),
    ]);
    const accepted = people.filter((_, i) => results[i < 6 ? i : i + 1].status === "fulfilled");
    const entry = await h.t.db.auditEvent.findFirstOrThrow({
      where: { action: "review.campaign.signed_off", target: second.id },
    });
    const recorded = (entry.data as { decisions: { person: string }[] }).decisions.map((d) => d.person);
    const stored = (
      await h.t.db.reviewDecision.findMany({ where: { campaignId: second.id }, orderBy: { person: "asc" } })
    ).map((d) => d.person);
    expect(results[6].status).toBe("fulfilled");
    expect(stored).toEqual([...accepted].sort());
    expect([...recorded].sort()).toEqual(stored);
  });
});
