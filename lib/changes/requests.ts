import { audit } from "@/lib/audit";
import { db } from "@/lib/db";
import { isUniqueViolation, NotFoundError, UserError } from "@/lib/errors";
import type { Actor } from "@/lib/auth/session";
import { kindOf } from "./kinds";
import { computePlan, stepRows } from "./plan";
import { loadRow } from "./query";
import { approvalRules } from "./rules";
import { getSettings } from "./settings";
import type { RequestView, StepView } from "./types";
import { approvalsRequired, countedApprovals, scheduledStart, toView, type RequestRow } from "./view";
import { notify } from "./webhook";

const DAY_MS = 24 * 3600 * 1000;

export async function requireRow(id: string): Promise<RequestRow> {
  const row = await loadRow(id);
  if (!row) throw new NotFoundError(`There is no change request ${id}.`);
  return row;
}

function unknownKind(kind: string): UserError {
  return new UserError(`Unknown kind of change: ${kind}`, "INVALID_INPUT", {
    kind: ["Unknown kind of change"],
  });
}

export type PlanPreview = {
  kind: string;
  kindLabel: string;
  summary: string;
  target: string;
  planHash: string;
  steps: Pick<StepView, "order" | "title" | "op" | "params" | "accountId" | "dependsOn" | "producesSecret">[];
  evidence: Record<string, unknown>;
};

/** The plan a request would get now, from live IAM reads; nothing is stored or audited. */
export async function previewChangeRequest(kindName: string, input: unknown): Promise<PlanPreview> {
  const kind = kindOf(kindName);
  if (!kind) throw unknownKind(kindName);
  const plan = await computePlan(kind.request(input));
  const steps = plan.steps.map(({ order, title, op, params, accountId, dependsOn, producesSecret }) => ({
    order,
    title,
    op,
    params,
    accountId,
    dependsOn,
    producesSecret,
  }));
  return {
    kind: kindName,
    kindLabel: kind.label,
    summary: plan.summary,
    target: plan.target,
    planHash: plan.planHash,
    steps,
    evidence: plan.evidence,
  };
}

export async function createChangeRequest(
  kindName: string,
  input: unknown,
  actor: Actor,
  opts: { resubmittedFrom?: number } = {},
): Promise<RequestView> {
  const kind = kindOf(kindName);
  if (!kind) throw unknownKind(kindName);
  const request = kind.request(input);
  const plan = await computePlan(request);
  const settings = await getSettings();
  const now = new Date();
  let row: RequestRow | null = null;
  // Numbers are max + 1; two creates racing for one number retry on the unique constraint.
  for (let i = 0; !row; i++) {
    const last = await db().changeRequest.findFirst({
      orderBy: { number: "desc" },
      select: { number: true },
    });
    try {
      row = await db().changeRequest.create({
        data: {
          number: (last?.number ?? 0) + 1,
          kind: kindName,
          summary: plan.summary,
          requester: actor.email,
          planHash: plan.planHash,
          target: plan.target,
          input: request.input as object,
          evidence: plan.evidence as object,
          createdAt: now,
          expiresAt: new Date(now.getTime() + settings.expiryDays * DAY_MS),
          steps: { create: stepRows(plan.steps) },
        },
        include: { steps: { orderBy: { order: "asc" } }, approvals: true },
      });
    } catch (e) {
      if (!isUniqueViolation(e) || i >= 10) throw e;
    }
  }
  await audit({
    actor: actor.email,
    action: "request.created",
    target: row.target,
    requestId: row.id,
    data: {
      number: row.number,
      kind: kindName,
      summary: row.summary,
      steps: plan.steps.map((s) => s.title),
      planHash: plan.planHash,
      before: plan.evidence,
      ...(opts.resubmittedFrom !== undefined ? { resubmittedFrom: opts.resubmittedFrom } : {}),
    },
  });
  notify(`Request #${row.number} needs approval: ${row.summary} (requested by ${actor.email})`);
  return toView(row, await approvalRules());
}

/**
 * Recomputes the plan from IAM's current state (and, with `input`, from edited input). A changed
 * plan has a new hash, so earlier approvals stop counting and an approved request is pending again.
 */
export async function replanRequest(id: string, actor: Actor, input?: unknown): Promise<RequestView> {
  const row = await requireRow(id);
  if (row.status !== "pending" && row.status !== "approved")
    throw new UserError(
      `Request #${row.number} is ${row.status}; only pending or approved requests can be re-planned.`,
    );
  const kind = kindOf(row.kind);
  if (!kind) throw unknownKind(row.kind);
  const request = kind.request(input === undefined ? row.input : input);
  const plan = await computePlan(request);
  const changed = plan.planHash !== row.planHash;
  await db().$transaction(async (tx) => {
    const { count } = await tx.changeRequest.updateMany({
      where: { id: row.id, status: row.status, planHash: row.planHash },
      data: {
        planHash: plan.planHash,
        summary: plan.summary,
        target: plan.target,
        input: request.input as object,
        evidence: plan.evidence as object,
        status: changed ? "pending" : row.status,
      },
    });
    if (count === 0)
      throw new UserError(`Request #${row.number} changed while it was being re-planned; try again.`);
    await tx.changeStep.deleteMany({ where: { requestId: row.id } });
    await tx.changeStep.createMany({ data: stepRows(plan.steps).map((s) => ({ ...s, requestId: row.id })) });
  });
  await audit({
    actor: actor.email,
    action: "request.replanned",
    target: plan.target,
    requestId: row.id,
    data: {
      number: row.number,
      previousPlanHash: row.planHash,
      planHash: plan.planHash,
      planChanged: changed,
      steps: plan.steps.map((s) => s.title),
      before: plan.evidence,
    },
  });
  return toView(await requireRow(row.id), await approvalRules());
}

/**
 * `oneClick`: the admin who requested a kind with `oneClickApproval` approves it in the same click;
 * that self-approval is recorded with the kind's reason and counts as one approval.
 */
export async function approveRequest(
  id: string,
  planHash: string,
  actor: Actor,
  opts: { oneClick?: boolean } = {},
): Promise<RequestView> {
  const row = await requireRow(id);
  if (row.status !== "pending")
    throw new UserError(`Request #${row.number} is ${row.status}; only pending requests can be approved.`);
  if (planHash !== row.planHash)
    throw new UserError(
      "The plan changed after you opened it. Review the current plan and approve that.",
      "CONFLICT",
    );
  const rules = await approvalRules();
  if (!rules.activeAdmins.includes(actor.email))
    throw new UserError("Only an active admin can approve.", "FORBIDDEN");
  const self = actor.email === row.requester;
  const oneClick = opts.oneClick ? kindOf(row.kind)?.oneClickApproval : undefined;
  if (opts.oneClick && (!oneClick || !self || actor.role !== "admin"))
    throw new UserError(
      "Only an admin's own request of this kind can be approved in one click.",
      "FORBIDDEN",
    );
  if (self && !rules.singleAdminMode && !oneClick) {
    throw new UserError("You cannot approve your own request: another admin must approve it.", "FORBIDDEN");
  }
  const reason = oneClick ?? null;
  const at = new Date();
  await recordDecision(row.id, actor.email, {
    decision: "approved",
    planHash,
    selfApproved: self,
    reason,
    at,
  });
  const after = await requireRow(row.id);
  const counted = countedApprovals(after, rules);
  const required = approvalsRequired(row.kind, rules);
  // An approval is valid for approvalExpiryDays: from now on expiresAt is when the approval lapses.
  const expiresAt = new Date(at.getTime() + rules.approvalExpiryDays * DAY_MS);
  // A plan that starts at a fixed time (a dated offboarding) waits for it from its approval on:
  // the resume loop starts it then, and an approval given ahead does not lapse meanwhile.
  const startsAt = scheduledStart(after.steps);
  if (counted.length >= required) {
    await db().changeRequest.updateMany({
      where: { id: row.id, status: "pending", planHash },
      data: startsAt ? { status: "waiting", wakeAt: startsAt, expiresAt } : { status: "approved", expiresAt },
    });
  }
  await audit({
    actor: actor.email,
    action: "request.approved",
    target: row.target,
    requestId: row.id,
    data: {
      number: row.number,
      approver: actor.email,
      selfApproved: self,
      ...(reason ? { reason } : {}),
      planHash,
      approvers: counted,
      approvalsCounted: counted.length,
      approvalsRequired: required,
      ...(counted.length >= required ? { validUntil: expiresAt.toISOString() } : {}),
    },
  });
  return toView(await requireRow(row.id), rules);
}

/** One approver's decision on a request; a later decision by the same approver replaces it. */
function recordDecision(
  requestId: string,
  approver: string,
  d: {
    decision: "approved" | "rejected";
    planHash: string;
    selfApproved: boolean;
    reason: string | null;
    at: Date;
  },
) {
  return db().approval.upsert({
    where: { requestId_approver: { requestId, approver } },
    create: { requestId, approver, ...d },
    update: d,
  });
}

export async function rejectRequest(id: string, reason: string, actor: Actor): Promise<RequestView> {
  const why = (reason ?? "").trim();
  if (!why)
    throw new UserError("Say why the request is rejected.", "INVALID_INPUT", { reason: ["Required"] });
  const row = await requireRow(id);
  if (row.status !== "pending" && row.status !== "approved")
    throw new UserError(`Request #${row.number} is ${row.status}; it can no longer be rejected.`);
  await recordDecision(row.id, actor.email, {
    decision: "rejected",
    reason: why,
    planHash: row.planHash,
    selfApproved: false,
    at: new Date(),
  });
  const { count } = await db().changeRequest.updateMany({
    where: { id: row.id, status: { in: ["pending", "approved"] } },
    data: { status: "rejected", finishedAt: new Date() },
  });
  if (count === 0) throw new UserError(`Request #${row.number} changed state meanwhile; reload it.`);
  await audit({
    actor: actor.email,
    action: "request.rejected",
    target: row.target,
    requestId: row.id,
    data: { number: row.number, approver: actor.email, reason: why, planHash: row.planHash },
  });
  notify(`Request #${row.number} rejected by ${actor.email}: ${row.summary}`);
  return toView(await requireRow(row.id), await approvalRules());
}

/**
 * A rejected request asked again: the same kind and input planned afresh from IAM as it is now,
 * as a new request that needs its own approval (the rejected one stays as it was, with its
 * reason). The new request's audit entry names the one it follows. To ask for something
 * different, one starts a new request where the change is made.
 */
export async function resubmitRequest(id: string, actor: Actor): Promise<RequestView> {
  const row = await requireRow(id);
  if (row.status !== "rejected")
    throw new UserError(
      `Request #${row.number} is ${row.status}; only a rejected request can be resubmitted.`,
    );
  return createChangeRequest(row.kind, row.input, actor, { resubmittedFrom: row.number });
}
