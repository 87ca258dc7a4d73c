import { audit } from "@/lib/audit";
import { db } from "@/lib/db";
import { config } from "./context";
import { acquireLease, leaseFree, newHolder, releaseLease } from "./lease";
import { expireDue } from "./query";
import { runPlan } from "./run-plan";
import { approvalRules } from "./rules";
import { approvalsRequired, countedApprovals } from "./view";

/**
 * Finishes requests whose executor went away (crash, deploy, closed tab): `executing` with no
 * live lease. Never runs a step that produces a secret — nobody would see the secret — so such
 * requests stop before that step and wait for an admin to execute them.
 */
export async function resumeInterruptedRequests(opts: { holder?: string } = {}): Promise<number> {
  await expireDue();
  const now = new Date();
  const candidates = await db().changeRequest.findMany({
    where: { status: "executing", OR: leaseFree(now) },
    select: { id: true, number: true, target: true },
    orderBy: { number: "asc" },
  });
  let resumed = await wakeDueRequests(opts);
  for (const c of candidates) {
    // Waiting for an admin when only secret steps are left; a request with nothing left (the
    // executor died after its last step) still needs its final status.
    const left = await db().changeStep.groupBy({
      by: ["producesSecret"],
      where: { requestId: c.id, status: { in: ["pending", "running"] } },
      _count: true,
    });
    if (left.length > 0 && left.every((g) => g.producesSecret)) continue;
    // The approvals are counted again under today's rules (issue 12 #3): a request whose
    // approval stopped counting (single-admin mode off, approver disabled) is not resumed; it
    // waits for an admin, who can only abandon it (or re-approval after a new request).
    if (!(await stillApproved(c.id))) continue;
    const holder = opts.holder ?? newHolder("resume");
    if (!(await acquireLease(c.id, holder, ["executing"]))) continue; // another instance took it
    try {
      await audit({
        actor: "system:resume",
        action: "request.execution_resumed",
        target: c.target,
        requestId: c.id,
        data: { number: c.number },
      });
      await runPlan(c.id, { holder, actor: "system:resume", allowSecrets: false, secrets: [] });
      resumed++;
    } finally {
      await releaseLease(c.id, holder);
    }
  }
  return resumed;
}

/**
 * Runs `waiting` requests whose time has come (a grant's end, an offboarding's cut-off, a key's
 * next check), each exactly once across instances: the lease is taken in the same conditional
 * update that moves the request from `waiting` to `executing`. The approvals are not counted
 * again: what follows a wait was approved with the plan, and in every kind it ends access (a
 * revocation, an offboarding, an old key's removal), which an approver who left since must never
 * hold back. A kind that would grant after a wait must not rely on this.
 */
async function wakeDueRequests(opts: { holder?: string }): Promise<number> {
  const due = await db().changeRequest.findMany({
    where: { status: "waiting", wakeAt: { lte: config().now() }, OR: leaseFree(new Date()) },
    select: { id: true, number: true, target: true, wakeAt: true, startedAt: true },
    orderBy: { wakeAt: "asc" },
  });
  let woken = 0;
  for (const c of due) {
    const holder = opts.holder ?? newHolder("wake");
    if (!(await acquireLease(c.id, holder, ["waiting"], { status: "executing" }))) continue;
    try {
      // A request scheduled at its approval (a dated offboarding) starts now, run by Gatehouse.
      if (!c.startedAt)
        await db().changeRequest.update({
          where: { id: c.id },
          data: { startedAt: new Date(), executor: "system:schedule" },
        });
      await audit({
        actor: "system:schedule",
        action: c.startedAt ? "request.execution_resumed" : "request.execution_started",
        target: c.target,
        requestId: c.id,
        data: { number: c.number, due: c.wakeAt?.toISOString() },
      });
      await runPlan(c.id, { holder, actor: "system:schedule", allowSecrets: false, secrets: [] });
      woken++;
    } finally {
      await releaseLease(c.id, holder);
    }
  }
  return woken;
}

async function stillApproved(id: string): Promise<boolean> {
  const row = await db().changeRequest.findUniqueOrThrow({ where: { id }, include: { approvals: true } });
  const rules = await approvalRules();
  const counted = countedApprovals(row, rules);
  const required = approvalsRequired(row.kind, rules);
  if (counted.length >= required) return true;
  // Audited once per refusal, not on every pass of the loop.
  const last = await db().auditEvent.findFirst({
    where: {
      requestId: id,
      action: { in: ["request.execution_started", "request.execution_resumed", "request.resume_refused"] },
    },
    orderBy: { seq: "desc" },
    select: { action: true },
  });
  if (last?.action !== "request.resume_refused") {
    await audit({
      actor: "system:resume",
      action: "request.resume_refused",
      target: row.target,
      requestId: id,
      data: {
        number: row.number,
        approvalsCounted: counted.length,
        approvalsRequired: required,
        approvers: counted,
      },
    });
  }
  return false;
}

/** Resumes at start and then every `intervalMs`; returns a stop function. */
export function startResumeLoop(intervalMs = 15_000): () => void {
  let busy = false;
  const tick = async () => {
    if (busy) return;
    busy = true;
    try {
      await resumeInterruptedRequests();
    } catch (e) {
      config()
        .logger()
        .warn({ err: e instanceof Error ? e.message : String(e) }, "changes: resume pass failed");
    } finally {
      busy = false;
    }
  };
  void tick();
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
