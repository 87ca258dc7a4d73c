import type { Approval, ChangeRequest, ChangeStep } from "@/lib/db";
import { kindOf } from "./kinds";
import { leaseHeld } from "./lease";
import type { ApprovalRules, ApprovalView, RequestStatus, RequestView, StepStatus, StepView } from "./types";

export type RequestRow = ChangeRequest & { steps: ChangeStep[]; approvals: Approval[] };

export const withRelations = {
  steps: { orderBy: { order: "asc" as const } },
  approvals: { orderBy: { at: "asc" as const } },
};

const iso = (d: Date | null) => (d ? d.toISOString() : null);

type CountedRow = Pick<ChangeRequest, "planHash" | "requester" | "kind">;

/** Why an approval does not count under the rules as they hold now; null when it counts. */
export function whyNotCounting(
  a: Pick<Approval, "decision" | "planHash" | "approver" | "selfApproved" | "reason">,
  row: CountedRow,
  rules: ApprovalRules,
): string | null {
  if (a.decision !== "approved") return "a rejection";
  if (a.planHash !== row.planHash) return "for an earlier plan";
  if (!rules.activeAdmins.includes(a.approver)) return "the approver is no longer an active admin";
  if (a.approver !== row.requester) return null;
  if (!a.selfApproved) return "the requester's own approval";
  // A one-click self-approval (offboarding) counts by the kind's rule; any other only while single-admin mode applies.
  const oneClick = kindOf(row.kind)?.oneClickApproval;
  if (oneClick !== undefined && a.reason === oneClick) return null;
  return rules.singleAdminMode ? null : "a self-approval counts only while single-admin mode applies";
}

export const approvalCounts = (
  a: Parameters<typeof whyNotCounting>[0],
  row: CountedRow,
  rules: ApprovalRules,
) => whyNotCounting(a, row, rules) === null;

/** Two distinct approvers for the chosen kinds; single-admin mode has only one admin to ask. */
export function approvalsRequired(kind: string, rules: ApprovalRules): number {
  return rules.twoApproverKinds.includes(kind) && !rules.singleAdminMode ? 2 : 1;
}

export function countedApprovals(
  row: Pick<RequestRow, "approvals" | "planHash" | "requester" | "kind">,
  rules: ApprovalRules,
): string[] {
  return [...new Set(row.approvals.filter((a) => approvalCounts(a, row, rules)).map((a) => a.approver))];
}

/** Users whose credentials from these steps were issued and never marked handed over (handover.ts). */
export function credentialsNotHandedOver(
  steps: { producesSecret: boolean; status: string; params: unknown; result: unknown }[],
): string[] {
  const open = steps.filter(
    (s) =>
      s.producesSecret &&
      s.status === "done" &&
      !(s.result as { handedOverAt?: string } | null)?.handedOverAt,
  );
  return [...new Set(open.map((s) => String((s.params as { userName?: unknown }).userName ?? "")))];
}

const settled = (s: string) => s === "done" || s === "skipped";

/** A step that could run now (its dependencies are done or skipped). */
export function isReady(
  step: Pick<ChangeStep, "dependsOn">,
  steps: Pick<ChangeStep, "order" | "status">[],
): boolean {
  const deps = step.dependsOn as number[];
  return deps.every((d) => settled(steps.find((s) => s.order === d)?.status ?? "pending"));
}

export function toView(row: RequestRow, rules: ApprovalRules, now = new Date()): RequestView {
  const leaseActive = leaseHeld(row.leaseUntil, now);
  const steps: StepView[] = row.steps.map((s) => ({
    order: s.order,
    title: s.title,
    op: s.op,
    params: s.params as Record<string, unknown>,
    accountId: s.accountId,
    dependsOn: s.dependsOn as number[],
    status: s.status as StepStatus,
    attempts: s.attempts,
    iamRequestId: s.iamRequestId,
    error: s.error,
    producesSecret: s.producesSecret,
    startedAt: iso(s.startedAt),
    finishedAt: iso(s.finishedAt),
    notBefore: iso(s.notBefore),
    result: (s.result as Record<string, unknown> | null) ?? null,
  }));
  const approvals: ApprovalView[] = row.approvals.map((a) => ({
    approver: a.approver,
    decision: a.decision === "rejected" ? "rejected" : "approved",
    reason: a.reason,
    planHash: a.planHash,
    selfApproved: a.selfApproved,
    at: a.at.toISOString(),
    counts: approvalCounts(a, row, rules),
    notCounting: whyNotCounting(a, row, rules),
  }));
  const waitingForAdmin =
    row.status === "executing" &&
    !leaseActive &&
    row.steps.some(
      (s) =>
        s.producesSecret && (s.status === "running" || (s.status === "pending" && isReady(s, row.steps))),
    );
  return {
    id: row.id,
    number: row.number,
    kind: row.kind,
    kindLabel: kindOf(row.kind)?.label ?? row.kind,
    summary: row.summary,
    requester: row.requester,
    status: row.status as RequestStatus,
    planHash: row.planHash,
    target: row.target,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    startedAt: iso(row.startedAt),
    finishedAt: iso(row.finishedAt),
    wakeAt: iso(row.wakeAt),
    executor: row.executor,
    approvals,
    approvalsRequired: approvalsRequired(row.kind, rules),
    approvalsCounted: countedApprovals(row, rules).length,
    steps,
    evidence: row.evidence ?? null,
    leaseActive,
    waitingForAdmin,
    credentialsNotHandedOver: credentialsNotHandedOver(row.steps),
  };
}

/** The Wait a request starts with, when its plan begins at a fixed time (a dated offboarding). */
export function scheduledStart(steps: Pick<ChangeStep, "op" | "dependsOn" | "params">[]): Date | null {
  const first = steps.find(
    (s) =>
      s.op === "Wait" && (s.dependsOn as number[]).length === 0 && (s.params as { until?: string }).until,
  );
  return first ? new Date((first.params as { until: string }).until) : null;
}
