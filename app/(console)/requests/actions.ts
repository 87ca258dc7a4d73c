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

const preview = defineAction({
  name: "requests.preview",
  input: createRequestSchema,
  run: (i) => previewChangeRequest(i.kind, i.input),
});
const create = defineAction({
  name: "requests.create",
  input: createRequestSchema,
  run: (i, actor) => createChangeRequest(i.kind, i.input, actor),
});
// Re-reads IAM and recomputes the plan; a changed plan has a new hash, so earlier approvals stop counting.
const replan = defineAction({
  name: "requests.replan",
  input: executeSchema,
  run: (i, actor) => replanRequest(i.id, actor),
});
const approve = defineAction({
  name: "requests.approve",
  input: approveSchema,
  run: (i, actor) => approveRequest(i.id, i.planHash, actor),
});
const reject = defineAction({
  name: "requests.reject",
  input: rejectSchema,
  run: (i, actor) => rejectRequest(i.id, i.reason, actor),
});
const execute = defineAction({
  name: "requests.execute",
  input: executeSchema,
  run: (i, actor) => executeRequest(i.id, actor),
});
const retry = defineAction({
  name: "requests.retry",
  input: executeSchema,
  run: (i, actor) => retryRequest(i.id, actor),
});
const abandon = defineAction({
  name: "requests.abandon",
  input: abandonSchema,
  run: (i, actor) => abandonRequest(i.id, i.reason, actor),
});
// New credentials for ones never marked handed over; the old ones stop working (lib/changes/execute.ts).
const reissue = defineAction({
  name: "requests.reissueCredentials",
  input: executeSchema,
  run: (i, actor) => reissueCredentials(i.id, actor),
});
const handedOver = defineAction({
  name: "requests.handedOver",
  input: handedOverSchema,
  run: (i, actor) => markHandedOver(i.id, i.userName, actor),
});

export async function previewRequestAction(raw: unknown) {
  return preview(raw);
}
export async function createRequestAction(raw: unknown) {
  return create(raw);
}
export async function replanRequestAction(raw: unknown) {
  return replan(raw);
}
export async function approveRequestAction(raw: unknown) {
  return approve(raw);
}
export async function rejectRequestAction(raw: unknown) {
  return reject(raw);
}
export async function executeRequestAction(raw: unknown) {
  return execute(raw);
}
export async function retryRequestAction(raw: unknown) {
  return retry(raw);
}
export async function abandonRequestAction(raw: unknown) {
  return abandon(raw);
}
export async function markHandedOverAction(raw: unknown) {
  return handedOver(raw);
}
export async function reissueCredentialsAction(raw: unknown) {
  return reissue(raw);
}
