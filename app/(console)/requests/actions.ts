"use server";

import { defineAction } from "@/lib/actions/define";
import {
  abandonRequest,
  approveRequest,
  markHandedOver,
  reissueCredentials,
  createChangeRequest,
  executeRequest,
  previewChangeRequest,
  rejectRequest,
  replanRequest,
  resubmitRequest,
  retryRequest,
} from "@/lib/changes";
import {
  abandonSchema,
  approveSchema,
  createRequestSchema,
  executeSchema,
  handedOverSchema,
  rejectSchema,
} from "@/lib/changes/requests.schema";

// The actions that change what awaits an admin revalidate, so the sidebar's count (rendered by
// the console layout) is re-read with the page.
export const previewRequestAction = defineAction({
  name: "requests.preview",
  input: createRequestSchema,
  run: (i) => previewChangeRequest(i.kind, i.input),
});
export const createRequestAction = defineAction({
  name: "requests.create",
  revalidate: "/requests",
  input: createRequestSchema,
  run: (i, actor) => createChangeRequest(i.kind, i.input, actor),
});
// Re-reads IAM and recomputes the plan; a changed plan has a new hash, so earlier approvals stop counting.
export const replanRequestAction = defineAction({
  name: "requests.replan",
  revalidate: "/requests",
  input: executeSchema,
  run: (i, actor) => replanRequest(i.id, actor),
});
// A rejected request asked again as a new request, planned from IAM as it is now.
export const resubmitRequestAction = defineAction({
  name: "requests.resubmit",
  input: executeSchema,
  revalidate: "/requests",
  run: (i, actor) => resubmitRequest(i.id, actor),
});
export const approveRequestAction = defineAction({
  name: "requests.approve",
  revalidate: "/requests",
  input: approveSchema,
  run: (i, actor) => approveRequest(i.id, i.planHash, actor),
});
export const rejectRequestAction = defineAction({
  name: "requests.reject",
  revalidate: "/requests",
  input: rejectSchema,
  run: (i, actor) => rejectRequest(i.id, i.reason, actor),
});
export const executeRequestAction = defineAction({
  name: "requests.execute",
  input: executeSchema,
  run: (i, actor) => executeRequest(i.id, actor),
});
export const retryRequestAction = defineAction({
  name: "requests.retry",
  input: executeSchema,
  run: (i, actor) => retryRequest(i.id, actor),
});
export const abandonRequestAction = defineAction({
  name: "requests.abandon",
  input: abandonSchema,
  run: (i, actor) => abandonRequest(i.id, i.reason, actor),
});
export const markHandedOverAction = defineAction({
  name: "requests.handedOver",
  input: handedOverSchema,
  run: (i, actor) => markHandedOver(i.id, i.userName, actor),
});
// New credentials for ones never marked handed over; the old ones stop working (lib/changes/execute.ts).
export const reissueCredentialsAction = defineAction({
  name: "requests.reissueCredentials",
  input: executeSchema,
  run: (i, actor) => reissueCredentials(i.id, actor),
});
