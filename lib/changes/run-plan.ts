import { audit } from "@/lib/audit";
import { db, type ChangeRequest, type ChangeStep } from "@/lib/db";
import { UserError } from "@/lib/errors";
import { config } from "./context";
import { keepLease } from "./lease";
import { rereadTouched } from "./after-run";
import { opOf } from "./ops";
import { runStep } from "./step-runner";
import { kindOf } from "./kinds";
import { MAX_REPLANS_PER_RUN, replanOnConflict } from "./replan";
import type { RevealedSecret, StepStatus } from "./types";
import { approvalRules } from "./rules";
import { countedApprovals, isReady } from "./view";
import { notify } from "./webhook";

export type RunOptions = {
  holder: string;
  /** Audit actor: the executing admin's email, or "system:resume". */
  actor: string;
  /** Only the executing admin's own call may run steps that produce secrets. */
  allowSecrets: boolean;
  secrets: RevealedSecret[];
};

export type RunOutcome = "succeeded" | "failed" | "waiting" | "waiting-for-admin" | "lost-lease";

/** A pending step whose time has not come (a Wait step, a key not used yet). */
export const notDue = (s: Pick<ChangeStep, "notBefore">, now: Date) =>
  s.notBefore !== null && s.notBefore > now;

/** What was and was not done, for the audit entry that ends a run. */
export function progress(steps: ChangeStep[]) {
  const titles = (status: string) =>
    steps.filter((s) => s.status === status).map((s) => `${s.order}. ${s.title}`);
  return {
    done: titles("done"),
    skipped: titles("skipped"),
    failed: steps
      .filter((s) => s.status === "failed")
      .map((s) => ({ order: s.order, title: s.title, error: s.error, iamRequestId: s.iamRequestId })),
    notRun: [...titles("pending"), ...titles("running")],
    iamRequestIds: steps.map((s) => s.iamRequestId).filter(Boolean),
    counts: Object.fromEntries(
      ["done", "skipped", "failed", "pending", "running"].map((st) => [
        st,
        steps.filter((s) => s.status === st).length,
      ]),
    ),
  };
}

/** How many accounts' steps run side by side, each within the per-account bound (config().concurrency). */
const ACCOUNTS_AT_ONCE = 4;

/**
 * The order steps are offered in: each account's first step, then each one's second, and so on,
 * so accounts progress side by side. One account: plan order.
 */
function turns(steps: ChangeStep[]): ChangeStep[] {
  const count = new Map<string | null, number>();
  const turn = new Map<string, number>();
  for (const s of steps) {
    const n = (count.get(s.accountId) ?? 0) + 1;
    count.set(s.accountId, n);
    turn.set(s.id, n);
  }
  return [...steps].sort((a, b) => turn.get(a.id)! - turn.get(b.id)! || a.order - b.order);
}

/**
 * Runs the request's steps as their dependencies allow, a few at a time, while holding the
 * lease. A step that fails for good stops the rest of its account's steps (steps already running
 * finish): in a one-account plan that is every step; other accounts' steps depend on nothing in
 * the failed one (plan.ts refuses such a dependency), so they run on to their end.
 */
export async function runPlan(requestId: string, opts: RunOptions): Promise<RunOutcome> {
  const lease = keepLease(requestId, opts.holder);
  let ranAny = false;
  try {
    // Steps a crashed executor left running are idempotent and simply run again; secret steps
    // stay `running` so that runStep re-issues their secret instead.
    await db().changeStep.updateMany({
      where: { requestId, status: "running", producesSecret: false },
      data: { status: "pending" },
    });
    await auditUnrecordedSteps(requestId, opts.actor);
    const inFlight = new Map<number, Promise<unknown>>();
    // IAM's rate limits are per account: each account gets its own few steps at once, and all
    // accounts together at most ACCOUNTS_AT_ONCE times that.
    const perAccount = new Map<string | null, number>();
    const busy = (accountId: string | null) => perAccount.get(accountId) ?? 0;
    let replans = 0;
    const considered = new Set<string>();
    for (;;) {
      if (lease.lost()) break;
      const steps = await db().changeStep.findMany({ where: { requestId }, orderBy: { order: "asc" } });
      // A conflict on a step its kind can re-plan (DeleteUser meeting a new key) adds removal steps instead of failing.
      const failure = steps
        .filter((s) => s.status === "failed")
        .map((s) => `${s.id}:${s.attempts}`)
        .join(",");
      if (failure && replans < MAX_REPLANS_PER_RUN && !considered.has(failure)) {
        considered.add(failure);
        if (await replanOnConflict(requestId, steps, opts.actor)) {
          replans++;
          continue;
        }
      }
      const stopped = new Set(steps.filter((s) => s.status === "failed").map((s) => s.accountId));
      const now = config().now();
      for (const s of turns(steps)) {
        if (inFlight.size >= config().concurrency * ACCOUNTS_AT_ONCE) break;
        if (
          busy(s.accountId) >= config().concurrency ||
          stopped.has(s.accountId) ||
          inFlight.has(s.order) ||
          (s.status !== "pending" && s.status !== "running") ||
          !isReady(s, steps) ||
          notDue(s, now)
        )
          continue;
        if (s.producesSecret && !opts.allowSecrets) continue;
        const afterCreate = (s.dependsOn as number[]).some((d) =>
          /^Create/.test(steps.find((x) => x.order === d)?.op ?? ""),
        );
        ranAny = true;
        perAccount.set(s.accountId, busy(s.accountId) + 1);
        const job = runStep({ step: s, requestId, actor: opts.actor, secrets: opts.secrets, afterCreate })
          .catch((e) => stepCrashed(s, e))
          .finally(() => {
            inFlight.delete(s.order);
            perAccount.set(s.accountId, busy(s.accountId) - 1);
          });
        inFlight.set(s.order, job);
      }
      if (inFlight.size === 0) break;
      await Promise.race(inFlight.values());
    }
  } finally {
    lease.stop();
  }
  if (lease.lost()) return "lost-lease";
  return finish(requestId, opts, ranAny);
}

/**
 * A crash between storing a step's outcome and auditing it leaves the audit log one entry
 * short. The step's row is the truth: write the entry now, marked as recorded late.
 */
async function auditUnrecordedSteps(requestId: string, actor: string): Promise<void> {
  const steps = await db().changeStep.findMany({
    where: { requestId, status: { in: ["done", "skipped", "failed"] } },
    orderBy: { order: "asc" },
  });
  if (steps.length === 0) return;
  const events = await db().auditEvent.findMany({
    where: { requestId, action: { startsWith: "step." } },
    select: { action: true, data: true },
  });
  const seen = new Set(events.map((e) => `${e.action}:${(e.data as { order?: number }).order}`));
  for (const s of steps) {
    if (seen.has(`step.${s.status}:${s.order}`)) continue;
    const data = {
      order: s.order,
      op: s.op,
      title: s.title,
      iamRequestId: s.iamRequestId,
      attempts: s.attempts,
      error: s.error,
      recordedLate: true,
    };
    await audit({
      actor,
      action: `step.${s.status as "done" | "skipped" | "failed"}`, // the statuses queried above
      target: opOf(s.op).step(s.params).target,
      requestId,
      data,
    });
  }
}

/** The kind's app-side bookkeeping; IAM is already changed, so a failure here is reported, not undone. */
async function followUp(row: ChangeRequest & { steps: ChangeStep[] }, actor: string): Promise<void> {
  const kind = kindOf(row.kind);
  if (!kind) return;
  try {
    const { onSucceeded } = kind.request(row.input);
    if (!onSucceeded) return;
    const steps = row.steps.map((s) => ({
      order: s.order,
      op: s.op,
      title: s.title,
      params: s.params as Record<string, unknown>,
      accountId: s.accountId,
      status: s.status as StepStatus,
      result: (s.result as Record<string, unknown> | null) ?? null,
      iamRequestId: s.iamRequestId,
    }));
    await onSucceeded({
      requestId: row.id,
      steps,
      evidence: (row.evidence ?? {}) as Record<string, unknown>,
    });
  } catch (e) {
    config()
      .logger()
      .error(
        { requestId: row.id, kind: row.kind, err: e instanceof Error ? e.message : String(e) },
        "changes: follow-up after success failed",
      );
    const error = e instanceof UserError ? e.message : "Internal error (details in the server log).";
    await audit({
      actor,
      action: "request.follow_up_failed",
      target: row.target,
      requestId: row.id,
      data: { kind: row.kind, error },
    });
  }
}

async function stepCrashed(step: ChangeStep, e: unknown): Promise<void> {
  config()
    .logger()
    .error(
      { requestId: step.requestId, step: step.order, err: e instanceof Error ? e.name : "error" },
      "changes: step runner crashed",
    );
  await db().changeStep.update({
    where: { id: step.id },
    data: {
      status: "failed",
      error: "Internal error while running this step (details in the server log).",
      finishedAt: new Date(),
    },
  });
}

async function finish(requestId: string, opts: RunOptions, ranAny: boolean): Promise<RunOutcome> {
  const row = await db().changeRequest.findUniqueOrThrow({
    where: { id: requestId },
    include: { steps: { orderBy: { order: "asc" } }, approvals: true },
  });
  const summary = {
    executor: row.executor,
    approvers: countedApprovals(row, await approvalRules()),
    ...progress(row.steps),
  };
  // Re-read what the steps touched before the request reads as ended, so whoever waits for its
  // end (the request page polls) finds People and the review already showing it.
  if (ranAny) await rereadTouched(requestId, row.steps);
  const settled = row.steps.every((s) => s.status === "done" || s.status === "skipped");
  const failed = row.steps.some((s) => s.status === "failed");
  const release = { leaseHolder: null, leaseUntil: null };
  const wakeAt = failed ? null : nextDue(row.steps, config().now());
  if (!settled && !failed && wakeAt) {
    // A step's time has not come: the request waits, leased to nobody, and the resume loop (any
    // instance, exactly once: the lease) runs it from `wakeAt` on.
    const { count } = await db().changeRequest.updateMany({
      where: { id: requestId, leaseHolder: opts.holder },
      data: { ...release, status: "waiting", wakeAt },
    });
    if (count === 0) return "lost-lease";
    if (row.wakeAt?.getTime() !== wakeAt.getTime())
      await audit({
        actor: opts.actor,
        action: "request.waiting",
        target: row.target,
        requestId,
        data: { until: wakeAt.toISOString(), ...summary },
      });
    return "waiting";
  }
  if (!settled && !failed) {
    // Only secret-producing steps are left, and this run may not produce secrets.
    await db().changeRequest.updateMany({
      where: { id: requestId, leaseHolder: opts.holder },
      data: release,
    });
    if (ranAny)
      await audit({
        actor: opts.actor,
        action: "request.paused_for_admin",
        target: row.target,
        requestId,
        data: summary,
      });
    return "waiting-for-admin";
  }
  const status = failed ? "failed" : "succeeded";
  const { count } = await db().changeRequest.updateMany({
    where: { id: requestId, leaseHolder: opts.holder },
    data: { ...release, status, wakeAt: null, finishedAt: new Date() },
  });
  if (count === 0) return "lost-lease";
  // before = what planning saw in IAM; after = what the steps made (ids, ARNs, skip reasons).
  const after = row.steps
    .filter((s) => s.result)
    .map((s) => ({ order: s.order, op: s.op, result: s.result }));
  await audit({
    actor: opts.actor,
    action: `request.${status}`,
    target: row.target,
    requestId,
    data: { summary: row.summary, before: row.evidence ?? null, after, ...summary },
  });
  if (status === "succeeded") await followUp(row, opts.actor);
  notify(
    `Request #${row.number} ${status}: ${row.summary}${failed ? ` — ${summary.failed.map((f) => f.error).join("; ")}` : ""}`,
  );
  return status;
}

/** The earliest time a pending step waits for, when the steps left wait for time (and nothing else). */
function nextDue(steps: ChangeStep[], now: Date): Date | null {
  const waiting = steps.filter((s) => s.status === "pending" && notDue(s, now));
  if (waiting.length === 0) return null;
  return new Date(Math.min(...waiting.map((s) => s.notBefore!.getTime())));
}
