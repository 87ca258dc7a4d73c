import { audit } from "@/lib/audit";
import { db } from "@/lib/db";
import { UserError } from "@/lib/errors";
import type { Actor } from "@/lib/auth/session";
import { acquireLease, leaseHeld, newHolder, releaseLease } from "./lease";
import { requireRow } from "./requests";
import { config } from "./context";
import { progress, runPlan, type RunOutcome } from "./run-plan";
import { approvalRules } from "./rules";
import type { RequestView, RevealedSecret } from "./types";
import {
  approvalsRequired,
  countedApprovals,
  credentialsNotHandedOver,
  toView,
  type RequestRow,
} from "./view";
import { notify } from "./webhook";

export type ExecutionResult = { request: RequestView; secrets: RevealedSecret[] };

/**
 * The approvals are counted again under the rules as they hold now (rules.ts): a self-approval
 * outside single-admin mode, or an approver disabled or demoted since, no longer counts.
 */
async function requireApproved(row: RequestRow): Promise<string[]> {
  const rules = await approvalRules();
  if (row.status === "approved" && row.expiresAt < new Date()) throw expired(row);
  const counted = countedApprovals(row, rules);
  const required = approvalsRequired(row.kind, rules);
  if (counted.length < required) {
    throw new UserError(
      `Request #${row.number} has ${counted.length} of ${required} approvals that count now; it cannot run.`,
      "FORBIDDEN",
    );
  }
  return counted;
}

function expired(row: RequestRow): UserError {
  return new UserError(
    `Request #${row.number} expired on ${row.expiresAt.toISOString().slice(0, 16).replace("T", " ")} UTC: it was not executed in time, so its approval no longer holds. Create the request again.`,
    "CONFLICT",
  );
}

/**
 * Runs the plan inside the caller's request under a lease. Secrets produced on the way come back
 * in the return value only: the caller shows them once and drops them.
 */
async function begin(
  row: RequestRow,
  actor: Actor,
  from: string[],
  before?: () => Promise<unknown>,
): Promise<string> {
  const approvers = await requireApproved(row);
  const holder = newHolder("admin");
  const won = await acquireLease(row.id, holder, from, {
    status: "executing",
    startedAt: row.startedAt ?? new Date(),
    executor: actor.email,
    finishedAt: null,
  });
  if (!won)
    throw new UserError(`Request #${row.number} is being executed by someone else right now.`, "CONFLICT");
  try {
    await before?.();
    await audit({
      actor: actor.email,
      action: "request.execution_started",
      target: row.target,
      requestId: row.id,
      data: {
        number: row.number,
        executor: actor.email,
        approvers,
        requester: row.requester,
        from: row.status,
        planHash: row.planHash,
      },
    });
  } catch (e) {
    await releaseLease(row.id, holder);
    throw e;
  }
  return holder;
}

async function runAsAdmin(
  row: RequestRow,
  actor: Actor,
  from: string[],
  before?: () => Promise<unknown>,
): Promise<ExecutionResult> {
  const holder = await begin(row, actor, from, before);
  const secrets: RevealedSecret[] = [];
  try {
    await runPlan(row.id, { holder, actor: actor.email, allowSecrets: true, secrets });
  } finally {
    await releaseLease(row.id, holder);
  }
  return { request: toView(await requireRow(row.id), await approvalRules()), secrets };
}

/**
 * Starts an approved request and returns once it is `executing` under the caller's lease; the
 * steps run on in this process while the browser follows them by polling. No secret step runs
 * here (nobody would see the secret): such a request waits for an admin, as after a crash.
 * `finished` settles when the run ends (tests and the bench wait on it; the app does not).
 */
export async function startExecution(
  id: string,
  actor: Actor,
): Promise<{ request: RequestView; finished: Promise<RunOutcome> }> {
  const row = await requireRow(id);
  if (row.status !== "approved") throw refuse(row, "started");
  const holder = await begin(row, actor, ["approved"]);
  const finished = runPlan(row.id, { holder, actor: actor.email, allowSecrets: false, secrets: [] })
    .catch((e: unknown): RunOutcome => {
      // The lease runs out and the resume loop finishes the request.
      config()
        .logger()
        .error(
          { requestId: row.id, err: e instanceof Error ? e.message : String(e) },
          "changes: background execution crashed",
        );
      return "lost-lease";
    })
    .finally(() => releaseLease(row.id, holder));
  return { request: toView(await requireRow(row.id), await approvalRules()), finished };
}

function refuse(row: RequestRow, what: string): UserError {
  if (row.status === "expired") return expired(row);
  return new UserError(`Request #${row.number} is ${row.status}; it cannot be ${what}.`);
}

/** Approved requests, and executing ones nobody is running (interrupted, or waiting for an admin at a secret step). */
export async function executeRequest(id: string, actor: Actor): Promise<ExecutionResult> {
  const row = await requireRow(id);
  if (row.status === "executing" && leaseHeld(row.leaseUntil))
    throw new UserError(`Request #${row.number} is being executed right now.`, "CONFLICT");
  if (row.status !== "approved" && row.status !== "executing") throw refuse(row, "executed");
  return runAsAdmin(row, actor, ["approved", "executing"]);
}

/** Runs a failed request again from its failed step; steps already done are not repeated. */
export async function retryRequest(id: string, actor: Actor): Promise<ExecutionResult> {
  const row = await requireRow(id);
  if (row.status === "executing" && !leaseHeld(row.leaseUntil)) return runAsAdmin(row, actor, ["executing"]);
  if (row.status !== "failed") throw refuse(row, "retried");
  return runAsAdmin(row, actor, ["failed"], () =>
    db().changeStep.updateMany({
      where: { requestId: row.id, status: "failed" },
      data: { status: "pending", error: null, finishedAt: null },
    }),
  );
}

/**
 * Explicit re-issue of credentials that were issued but never marked handed over (the executing
 * admin's tab closed before the response arrived, or they left the page). It is the re-issue a
 * crash already gets (step-runner: a secret step found `running` is re-issued): the steps are
 * put back to `running` and run again under the lease, so the old password is replaced
 * (UpdateLoginProfile) and the old access key deleted before a new one is made. The new secrets
 * come back to this caller only; `secret.reissued` is audited per step.
 */
export async function reissueCredentials(id: string, actor: Actor): Promise<ExecutionResult> {
  const row = await requireRow(id);
  if (row.status !== "succeeded")
    throw refuse(row, "given new credentials (only a request that succeeded can)");
  const users = credentialsNotHandedOver(row.steps);
  if (users.length === 0)
    throw new UserError(
      `Every credential of request #${row.number} was marked handed over; nothing to re-issue.`,
      "CONFLICT",
    );
  const steps = row.steps.filter(
    (s) =>
      s.producesSecret &&
      s.status === "done" &&
      users.includes(String((s.params as { userName?: unknown }).userName)),
  );
  return runAsAdmin(row, actor, ["succeeded"], async () => {
    await audit({
      actor: actor.email,
      action: "credentials.reissue_requested",
      target: row.target,
      requestId: row.id,
      data: { number: row.number, users, steps: steps.map((s) => s.order) },
    });
    await db().changeStep.updateMany({
      where: { id: { in: steps.map((s) => s.id) }, status: "done" },
      data: { status: "running", startedAt: new Date(), finishedAt: null },
    });
  });
}

/**
 * Gives up on a failed (or stalled) request: what was done stays done, the rest never runs. A
 * `waiting` request can be abandoned (cancelled) only while nothing but waiting has happened (a
 * dated offboarding before its cut-off): once a step changed IAM, what follows the wait undoes it
 * (a grant's revocation) and must run — end it early instead.
 */
export async function abandonRequest(id: string, reason: string, actor: Actor): Promise<RequestView> {
  const why = (reason ?? "").trim();
  if (!why)
    throw new UserError("Say why the request is abandoned.", "INVALID_INPUT", { reason: ["Required"] });
  const row = await requireRow(id);
  if (row.status === "waiting" && row.steps.some((s) => s.op !== "Wait" && s.status === "done"))
    throw new UserError(
      `Request #${row.number} has already changed IAM, and what it waits for undoes that; end the wait early instead of abandoning it.`,
      "CONFLICT",
    );
  if (!["failed", "executing", "waiting"].includes(row.status)) throw refuse(row, "abandoned");
  const holder = newHolder("abandon");
  // Taking the lease to abandon guarantees no executor is running the request at that moment.
  const won = await acquireLease(row.id, holder, ["failed", "executing", "waiting"], {
    status: "abandoned",
    finishedAt: new Date(),
  });
  if (!won)
    throw new UserError(
      `Request #${row.number} is being executed right now; wait for it to stop.`,
      "CONFLICT",
    );
  await releaseLease(row.id, holder);
  const after = await requireRow(row.id);
  await audit({
    actor: actor.email,
    action: "request.abandoned",
    target: row.target,
    requestId: row.id,
    data: {
      number: row.number,
      reason: why,
      executor: row.executor,
      approvers: countedApprovals(after, await approvalRules()),
      ...progress(after.steps),
    },
  });
  notify(`Request #${row.number} abandoned by ${actor.email}: ${row.summary}`);
  return toView(after, await approvalRules());
}
