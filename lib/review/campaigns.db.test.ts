import { describe, expect, it } from "vitest";
import { approveRequest, executeRequest } from "@/lib/changes";
import { ada, requester, setupHarness } from "@/lib/changes/testing/harness";
import { testDbKind } from "@/lib/test/db";
import { createCampaign, decide, getCampaignView, signOff } from "./campaigns";
import { runSync } from "./sync";

// A campaign end to end with the real change-request engine: revoke proposes the request, its
// execution is not drift at the next sync, and the signed-off campaign no longer changes.
describe(`review campaigns (${testDbKind()})`, () => {
  const h = setupHarness();
  const sync = () => runSync({ iam: h.clients.iam, sts: h.clients.sts, source: "sandbox" });
  /** Keep for every item not decided yet (sign-off needs every item decided). */
  const keepTheRest = async (campaignId: string) => {
    for (const item of (await getCampaignView(campaignId))!.items)
      if (!item.decision) await decide({ campaignId, person: item.user, decision: "keep" }, requester);
  };

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
    // The re-read right after the request (reread.ts) records the change, explained by it; the
    // next full sync then finds nothing new.
    const reread = await h.t.db.syncSnapshot.findFirstOrThrow({
      orderBy: { at: "desc" },
      include: { drift: true },
    });
    expect(reread.drift.map((d) => [d.entity, d.explainedBy])).toEqual([
      ["john ∈ WebDevelopers", request.id],
    ]);
    const after = await sync();
    expect(after.drift).toEqual([]);
    expect(after.counts.drift).toBe(0);

    // Not every item is decided: the sign-off is refused and nothing is signed.
    await expect(signOff(id, ada)).rejects.toThrow(/^Not every item is decided: \d+ left/);
    expect((await h.t.db.reviewCampaign.findUniqueOrThrow({ where: { id } })).signedOffAt).toBeNull();
    // A person who is not an item of the campaign (no IAM user in its snapshot) is refused.
    await expect(
      decide({ campaignId: id, person: "nobody", decision: "keep" }, requester),
    ).rejects.toMatchObject({ code: "INVALID_INPUT", fieldErrors: { person: [expect.any(String)] } });
    await keepTheRest(id);
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
    const byPerson = Object.fromEntries(kept.decisions.map((d) => [d.person, [d.decision, d.requestId]]));
    expect(byPerson.john).toEqual(["revoke", request.id]);
    expect(byPerson.mary).toEqual(["keep", null]);
    // Keyed by (person, account): the snapshot's account.
    const account = (await h.t.db.syncSnapshot.findFirstOrThrow()).accountId;
    expect(new Set(kept.decisions.map((d) => d.accountId))).toEqual(new Set([account]));
  });

  // Issue 12 #16: a decision cannot land after the sign-off, and the sign-off records every decision that landed.
  it("a decision racing the sign-off is refused (and its revoke request withdrawn); the sign-off's record is the campaign's", async () => {
    if ((await h.t.db.syncSnapshot.count()) === 0) await sync();
    const { id } = await createCampaign({ name: "race" }, requester);
    await keepTheRest(id);
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
    const maria = await h.t.db.reviewDecision.findFirstOrThrow({
      where: { campaignId: id, person: "maria" },
    });
    expect([maria.decision, maria.requestId]).toEqual(["keep", null]);
    const proposed = await h.t.db.changeRequest.findMany({
      where: { kind: "group.remove-member", summary: { contains: "maria" } },
    });
    expect(proposed.map((r) => r.status)).toEqual(["rejected"]);

    // Many decisions racing one sign-off: each either counts and is in the sign-off's record, or is refused.
    const second = await createCampaign({ name: "race 2" }, requester);
    await keepTheRest(second.id);
    const people = (await getCampaignView(second.id))!.items.map((i) => i.user);
    expect(people.length).toBeGreaterThanOrEqual(4);
    const half = Math.floor(people.length / 2);
    const redecide = (person: string) =>
      decide({ campaignId: second.id, person, decision: "keep", note: "race" }, requester);
    const results = await Promise.allSettled([
      ...people.slice(0, half).map(redecide),
      signOff(second.id, ada),
      ...people.slice(half).map(redecide),
    ]);
    const accepted = people.filter((_, i) => results[i < half ? i : i + 1].status === "fulfilled");
    const entry = await h.t.db.auditEvent.findFirstOrThrow({
      where: { action: "review.campaign.signed_off", target: second.id },
    });
    const recorded = (entry.data as { decisions: { person: string; note: string | null }[] }).decisions
      .filter((d) => d.note === "race")
      .map((d) => d.person);
    const stored = (
      await h.t.db.reviewDecision.findMany({
        where: { campaignId: second.id, note: "race" },
        orderBy: { person: "asc" },
      })
    ).map((d) => d.person);
    expect(results[half].status).toBe("fulfilled");
    expect(stored).toEqual([...accepted].sort());
    expect([...recorded].sort()).toEqual(stored);
  });

  // Campaigns made before accounts have one snapshot and no account rows: they read as a campaign
  // of that snapshot's account and keep working (decisions keyed by that account).
  it("a campaign of one snapshot, made before accounts, lists its items, takes decisions and signs off", async () => {
    if ((await h.t.db.syncSnapshot.count()) === 0) await sync();
    const snapshot = await h.t.db.syncSnapshot.findFirstOrThrow({ orderBy: { at: "desc" } });
    const legacy = await h.t.db.reviewCampaign.create({
      data: { name: "Q3 (one account)", createdBy: ada.email, snapshotId: snapshot.id },
    });
    const v = (await getCampaignView(legacy.id))!;
    expect(v.accounts.map((a) => [a.accountId, a.snapshotId, a.excludedReason, a.home])).toEqual([
      [snapshot.accountId, snapshot.id, null, true],
    ]);
    expect(v.items.length).toBeGreaterThan(0);
    expect(new Set(v.items.map((i) => i.accountId))).toEqual(new Set([snapshot.accountId]));
    // No account named: the campaign's only one.
    await decide({ campaignId: legacy.id, person: "mary", decision: "keep" }, requester);
    const mary = await h.t.db.reviewDecision.findFirstOrThrow({ where: { campaignId: legacy.id } });
    expect([mary.person, mary.accountId]).toEqual(["mary", snapshot.accountId]);
    // An account that is not the campaign's is refused.
    await expect(
      decide(
        { campaignId: legacy.id, person: "mary", accountId: "999999999999", decision: "keep" },
        requester,
      ),
    ).rejects.toMatchObject({ code: "INVALID_INPUT", fieldErrors: { accountId: [expect.any(String)] } });
    await keepTheRest(legacy.id);
    await signOff(legacy.id, ada);
    expect((await getCampaignView(legacy.id))!.campaign.signedOffBy).toBe(ada.email);
  });
});
