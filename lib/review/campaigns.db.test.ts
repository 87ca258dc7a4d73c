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
    await expect(createCampaign({ name: "Q4 review" }, requester)).rejects.toMatchObject({ code: "CONFLICT" });
    await sync();
    const { id } = await createCampaign({ name: "Q4 review" }, requester);

    await decide({ campaignId: id, person: "mary", decision: "keep" }, requester);
    await expect(decide({ campaignId: id, person: "john", decision: "revoke" }, requester)).rejects.toMatchObject({ code: "INVALID_INPUT" });
    const { requestId } = await decide({ campaignId: id, person: "john", decision: "revoke", groupName: "WebDevelopers", note: "moved to sales" }, requester);
    expect(requestId).toBeTruthy();
    // Pressing Revoke again while that request is open does not propose a second one.
    const again = await decide({ campaignId: id, person: "john", decision: "revoke", groupName: "WebDevelopers", note: "moved to sales" }, requester);
    expect(again.requestId).toBe(requestId);
    const request = await h.t.db.changeRequest.findUniqueOrThrow({ where: { id: requestId! }, include: { steps: true } });
    expect(request.kind).toBe("group.remove-member");
    expect(request.steps.map((s) => s.op)).toEqual(["RemoveUserFromGroup"]);

    await approveRequest(request.id, request.planHash, ada);
    await executeRequest(request.id, ada);
    const after = await sync();
    expect(after.drift).toEqual([{ entity: "john ∈ WebDevelopers", summary: "john removed from group WebDevelopers", explainedBy: request.id }]);
    expect(after.counts.drift).toBe(0);

    await signOff(id, ada);
    await expect(decide({ campaignId: id, person: "jane", decision: "keep" }, requester)).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(signOff(id, ada)).rejects.toMatchObject({ code: "CONFLICT" });
    const kept = await h.t.db.reviewCampaign.findUniqueOrThrow({ where: { id }, include: { decisions: { orderBy: { person: "asc" } } } });
    expect(kept.signedOffBy).toBe(ada.email);
    expect(kept.decisions.map((d) => [d.person, d.decision, d.requestId])).toEqual([["john", "revoke", request.id], ["mary", "keep", null]]);
  });
});
