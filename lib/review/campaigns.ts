import "server-only";
import type { z } from "zod";
import { audit } from "@/lib/audit";
import type { Actor } from "@/lib/auth/session";
import { NotFoundError, UserError } from "@/lib/errors";
import { createChangeRequest, openRequest, rejectRequest } from "@/lib/changes";
import { db } from "@/lib/db";
import type { campaignCreateSchema, campaignDecisionSchema } from "./review.schema";
import { latestSnapshotInfo } from "./snapshot-store";

export async function createCampaign(input: z.infer<typeof campaignCreateSchema>, actor: Actor) {
  const latest = await latestSnapshotInfo();
  if (!latest) throw new UserError("Sync the account first: a campaign reviews one snapshot.", "CONFLICT");
  const row = await db().reviewCampaign.create({
    data: { name: input.name, createdBy: actor.email, snapshotId: latest.id },
  });
  await audit({
    actor: actor.email,
    action: "review.campaign.created",
    target: row.id,
    data: { name: input.name, snapshotId: latest.id },
  });
  return { id: row.id };
}

/**
 * Keep or revoke, per person. Revoke proposes a change request (the one door for IAM writes)
 * removing the person from the group that grants the access; approval and execution follow the
 * usual rules.
 */
export async function decide(input: z.infer<typeof campaignDecisionSchema>, actor: Actor) {
  const campaign = await db().reviewCampaign.findUnique({ where: { id: input.campaignId } });
  if (!campaign) throw new NotFoundError("No such review campaign.");
  if (campaign.signedOffAt)
    throw new UserError(
      "This campaign is signed off; its decisions are evidence and cannot change.",
      "CONFLICT",
    );
  let requestId: string | null = null;
  let earlierOpen: string | null = null;
  if (input.decision === "revoke") {
    if (!input.groupName)
      throw new UserError("Choose the group to remove the person from.", "INVALID_INPUT", {
        groupName: ["Required for revoke"],
      });
    // Revoking again while the earlier request is still open keeps that request, not a second one.
    const earlier = await db().reviewDecision.findUnique({
      where: { campaignId_person: { campaignId: campaign.id, person: input.person } },
      select: { requestId: true },
    });
    const open = earlier?.requestId ? await openRequest(earlier.requestId, "group.remove-member") : null;
    if (open && (open.input as { groupName?: string } | null)?.groupName === input.groupName)
      requestId = earlierOpen = open.id;
    else
      requestId = (
        await createChangeRequest(
          "group.remove-member",
          { userName: input.person, groupName: input.groupName },
          actor,
        )
      ).id;
  }
  const data = {
    decision: input.decision,
    note: input.note ?? null,
    reviewer: actor.email,
    at: new Date(),
    requestId,
  };
  // One transaction, conditioned on the campaign not being signed off. The conditional UPDATE
  // locks the campaign row (PostgreSQL; SQLite writes one at a time), so a sign-off either
  // commits first (and this decision is refused) or waits and then records this decision.
  const recorded = await db().$transaction(async (tx) => {
    const unsigned = await tx.reviewCampaign.updateMany({
      where: { id: campaign.id, signedOffAt: null },
      data: { signedOffAt: null },
    });
    if (unsigned.count === 0) return false;
    await tx.reviewDecision.upsert({
      where: { campaignId_person: { campaignId: campaign.id, person: input.person } },
      create: { campaignId: campaign.id, person: input.person, ...data },
      update: data,
    });
    return true;
  });
  if (!recorded) {
    // The revoke's request was proposed for a decision that never counted: withdraw it.
    if (requestId && requestId !== earlierOpen)
      await rejectRequest(
        requestId,
        "Withdrawn: the review campaign was signed off before this decision was recorded.",
        actor,
      );
    throw new UserError(
      "This campaign was signed off meanwhile; its decisions are evidence and cannot change.",
      "CONFLICT",
    );
  }
  await audit({
    actor: actor.email,
    action: "review.campaign.decided",
    target: campaign.id,
    data: { person: input.person, decision: input.decision, groupName: input.groupName ?? null, requestId },
  });
  return { requestId };
}

export async function signOff(campaignId: string, actor: Actor) {
  const campaign = await db().reviewCampaign.findUnique({ where: { id: campaignId } });
  if (!campaign) throw new NotFoundError("No such review campaign.");
  if (campaign.signedOffAt) throw new UserError("Already signed off.", "CONFLICT");
  const at = new Date();
  // The decisions are read inside the transaction that signs off, after the conditional UPDATE
  // took the campaign row: what the audit records is exactly what the campaign holds from now on.
  const decisions = await db().$transaction(async (tx) => {
    const updated = await tx.reviewCampaign.updateMany({
      where: { id: campaignId, signedOffAt: null },
      data: { signedOffBy: actor.email, signedOffAt: at },
    });
    if (updated.count === 0) return null;
    return tx.reviewDecision.findMany({ where: { campaignId }, orderBy: { person: "asc" } });
  });
  if (!decisions) throw new UserError("Already signed off.", "CONFLICT");
  await audit({
    actor: actor.email,
    action: "review.campaign.signed_off",
    target: campaignId,
    data: {
      name: campaign.name,
      snapshotId: campaign.snapshotId,
      decisions: decisions.map((d) => ({ person: d.person, decision: d.decision, requestId: d.requestId })),
    },
  });
  return { signedOffAt: at.toISOString() };
}

export async function listCampaigns() {
  return db().reviewCampaign.findMany({
    orderBy: { createdAt: "desc" },
    include: { _count: { select: { decisions: true } } },
  });
}

export async function getCampaign(id: string) {
  return db().reviewCampaign.findUnique({
    where: { id },
    include: { decisions: { orderBy: { person: "asc" } } },
  });
}
