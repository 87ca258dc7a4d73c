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

export const previewRequestAction = defineAction({
  name: "requests.preview",
  input: createRequestSchema,
  run: (i) => previewChangeRequest(i.kind, i.input),
});
export const createRequestAction = defineAction({
  name: "requests.create",
  input: createRequestSchema,
  run: (i, actor) => createChangeRequest(i.kind, i.input, actor),
});
// Re-reads IAM and recomputes the plan; a changed plan has a new hash, so earlier approvals stop counting.
export const replanRequestAction = defineAction({
  name: "requests.replan",
  input: executeSchema,
  run: (i, actor) => replanRequest(i.id, actor),
});
export const approveRequestAction = defineAction({
  name: "requests.approve",
  input: approveSchema,
  run: (i, actor) => approveRequest(i.id, i.planHash, actor),
});
export const rejectRequestAction = defineAction({
  name: "requests.reject",
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
