"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define";
import { createCampaign, decide, signOff } from "@/lib/review/campaigns";
import { setSyncMinutes } from "@/lib/review/interval";
import { setRetention } from "@/lib/review/retention";
import {
  campaignCreateSchema,
  campaignDecisionSchema,
  campaignSignOffSchema,
  retentionSchema,
  syncIntervalSchema,
  syncNowSchema,
} from "@/lib/review/review.schema";
import { syncNow } from "@/lib/review/service";

const sync = defineAction({
  name: "review.sync",
  input: syncNowSchema,
  run: async (input, actor) => {
    const r = await syncNow(actor.email, input);
    return { snapshotId: r.snapshotId, drift: r.counts.drift, users: r.counts.users, unchanged: r.unchanged };
  },
});
const setIntervalAction = defineAction({
  name: "review.setSyncInterval",
  input: syncIntervalSchema,
  run: (input, actor) => setSyncMinutes(input.minutes, actor.email),
});
const setRetentionAction = defineAction({
  name: "review.setRetention",
  input: retentionSchema,
  run: (input, actor) => setRetention(input, actor.email),
});
const create = defineAction({
  name: "review.campaignCreate",
  input: campaignCreateSchema,
  run: createCampaign,
});
const decideAction = defineAction({
  name: "review.campaignDecide",
  input: campaignDecisionSchema,
  run: decide,
});
const signOffAction = defineAction({
  name: "review.campaignSignOff",
  input: campaignSignOffSchema,
  run: (input, actor) => signOff(input.campaignId, actor),
});

export async function syncNowAction(raw: unknown) {
  const r = await sync(raw);
  if (r.ok) revalidatePath("/review");
  return r;
}
export async function setSyncIntervalAction(raw: unknown) {
  const r = await setIntervalAction(raw);
  if (r.ok) revalidatePath("/review");
  return r;
}
export async function setSnapshotRetentionAction(raw: unknown) {
  const r = await setRetentionAction(raw);
  if (r.ok) revalidatePath("/review");
  return r;
}
export async function createCampaignAction(raw: unknown) {
  const r = await create(raw);
  if (r.ok) revalidatePath("/review/campaigns");
  return r;
}
export async function decideCampaignAction(raw: unknown) {
  const r = await decideAction(raw);
  if (r.ok) revalidatePath("/review/campaigns");
  return r;
}
export async function signOffCampaignAction(raw: unknown) {
  const r = await signOffAction(raw);
  if (r.ok) revalidatePath("/review/campaigns");
  return r;
}
