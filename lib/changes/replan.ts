import { audit } from "@/lib/audit";
import { db, type ChangeStep } from "@/lib/db";
import { config } from "./context";
import { kindOf } from "./kinds";
import { opOf } from "./ops";
import { planContext, stepRows, toStoredSteps, withAccountTitles } from "./plan";
import type { PlannedStep } from "./types";

/** Re-plans one run may make before a conflict stands (someone keeps adding keys: stop, stay resumable). */
export const MAX_REPLANS_PER_RUN = 3;

type Failure = { code?: string; kind?: string };

/**
 * A step of a kind that offers `replanOnConflict` failed with a conflict: read IAM again, append
 * the steps that remove what now blocks it, make the failed step wait for them and set it back
 * to pending. Returns true when the request can go on. The plan hash stays the approved one:
 * every added step must be a removal the kind `covers` (same user), else nothing is added.
 * Per account: the step must be its account's only failure, and IAM is read in that account;
 * the added steps act there too.
 */
export async function replanOnConflict(
  requestId: string,
  steps: ChangeStep[],
  actor: string,
): Promise<boolean> {
  const failed = steps.filter((s) => s.status === "failed");
  const step = failed.find(
    (s) =>
      (s.result as Failure | null)?.kind === "conflict" &&
      failed.filter((f) => f.accountId === s.accountId).length === 1,
  );
  if (!step) return false;
  const row = await db().changeRequest.findUniqueOrThrow({ where: { id: requestId } });
  const rp = kindOf(row.kind)?.request(row.input).replanOnConflict;
  if (!rp || !rp.triggers.includes(step.op)) return false;
  const seen: Record<string, unknown> = {};
  let batch: PlannedStep[];
  try {
    batch = (await rp.plan(await planContext(seen, step.accountId))).map((b) => ({
      ...b,
      accountId: step.accountId,
    }));
  } catch (e) {
    config()
      .logger()
      .warn(
        { requestId, step: step.order, err: e instanceof Error ? e.message : String(e) },
        "changes: re-plan read failed",
      );
    return false;
  }
  const base = Math.max(...steps.map((s) => s.order));
  const refused = batch.filter((b) => !rp.covers(b, batch) || opOf(b.op).producesSecret);
  if (refused.length > 0) {
    await audit({
      actor,
      action: "request.replan_refused",
      target: row.target,
      requestId,
      data: { trigger: { order: step.order, op: step.op }, refused: refused.map((r) => r.op) },
    });
    return false;
  }
  const added = stepRows(
    await withAccountTitles(
      toStoredSteps(batch, base),
      steps.some((s) => s.accountId),
    ),
  );
  const evidence = (row.evidence ?? {}) as Record<string, unknown>;
  const replans = Array.isArray(evidence.replans) ? evidence.replans : [];
  const record = {
    at: new Date().toISOString(),
    trigger: { order: step.order, op: step.op, error: step.error },
    found: seen.found ?? null,
    added: added.map((a) => `${a.order}. ${a.title}`),
  };
  const ok = await db().$transaction(async (tx) => {
    // Only if the step is still the failed one we saw (no other executor re-planned meanwhile).
    const { count } = await tx.changeStep.updateMany({
      where: { id: step.id, status: "failed", attempts: step.attempts },
      data: {
        status: "pending",
        error: null,
        result: { replannedAfter: step.error } as object,
        finishedAt: null,
        dependsOn: [...(step.dependsOn as number[]), ...added.map((a) => a.order)],
      },
    });
    if (count === 0) return false;
    if (added.length) await tx.changeStep.createMany({ data: added.map((a) => ({ ...a, requestId })) });
    await tx.changeRequest.update({
      where: { id: requestId },
      data: { evidence: { ...evidence, replans: [...replans, record] } as object },
    });
    return true;
  });
  if (!ok) return false;
  await audit({
    actor,
    action: "request.replanned_on_conflict",
    target: row.target,
    requestId,
    data: {
      number: row.number,
      reason: "conflict",
      trigger: record.trigger,
      added: added.map((a) => ({ order: a.order, op: a.op, title: a.title, params: a.params })),
      planHash: row.planHash,
      approvalStillCounts: true,
      rule: "an approved request may only gain removal steps of the same target on a conflict",
    },
  });
  return true;
}
