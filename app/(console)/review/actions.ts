"use server";

import { defineAction } from "@/lib/actions/define";
import {
  acknowledgeDrift,
  createCampaign,
  decide,
  signOff,
  setSyncMinutes,
  setRetention,
  syncAllAccountsNow,
  syncNow,
  openDriftCount,
} from "@/lib/review";
import {
  acknowledgeDriftSchema,
  campaignCreateSchema,
  campaignDecisionSchema,
  campaignSignOffSchema,
  retentionSchema,
  syncIntervalSchema,
  syncAllSchema,
  syncNowSchema,
} from "@/lib/review/review.schema";

export const syncNowAction = defineAction({
  name: "review.sync",
  input: syncNowSchema,
  revalidate: "/review",
  run: async (input, actor) => {
    const r = await syncNow(actor.email, input);
    // The toast says the drift panel's count (open drift), and how much of it this sync found.
    return {
      snapshotId: r.snapshotId,
      drift: r.counts.drift,
      openDrift: await openDriftCount(r.accountId),
      users: r.counts.users,
      unchanged: r.unchanged,
    };
  },
});
export const acknowledgeDriftAction = defineAction({
  name: "review.acknowledgeDrift",
  input: acknowledgeDriftSchema,
  revalidate: ["/review", "/people"],
  run: async (input, actor) => {
    await acknowledgeDrift(input, actor);
    return { id: input.id };
  },
});
/** Every account now, each one's outcome in words for the page (the error is already in words). */
export const syncAllAccountsAction = defineAction({
  name: "review.syncAll",
  input: syncAllSchema,
  revalidate: ["/review", "/people", "/accounts"],
  run: async (_input, actor) =>
    (await syncAllAccountsNow(actor.email)).map((o) => ({
      accountId: o.accountId,
      name: o.name,
      outcome: o.outcome,
      error: o.error ?? null,
    })),
});
export const setSyncIntervalAction = defineAction({
  name: "review.setSyncInterval",
  input: syncIntervalSchema,
  revalidate: "/review",
  run: (input, actor) => setSyncMinutes(input.minutes, actor.email),
});
export const setSnapshotRetentionAction = defineAction({
  name: "review.setRetention",
  input: retentionSchema,
  revalidate: "/review",
  run: (input, actor) => setRetention(input, actor.email),
});
export const createCampaignAction = defineAction({
  name: "review.campaignCreate",
  input: campaignCreateSchema,
  revalidate: "/review/campaigns",
  run: createCampaign,
});
export const decideCampaignAction = defineAction({
  name: "review.campaignDecide",
  input: campaignDecisionSchema,
  revalidate: "/review/campaigns",
  run: decide,
});
export const signOffCampaignAction = defineAction({
  name: "review.campaignSignOff",
  input: campaignSignOffSchema,
  revalidate: "/review/campaigns",
  run: (input, actor) => signOff(input.campaignId, actor),
});
