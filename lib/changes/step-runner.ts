import { audit } from "@/lib/audit";
import { db, type ChangeStep } from "@/lib/db";
import { IamError, toIamError } from "@/lib/iam";
import { STALE_SESSION } from "./account-iam";
import { config } from "./context";
import { opOf, type OpContext, type OpOutcome } from "./ops";
import type { RevealedSecret, StepStatus } from "./types";

export type StepJob = {
  step: ChangeStep;
  requestId: string;
  /** Who the audit entries name: the executing admin, or "system:resume". */
  actor: string;
  /** The executing admin's in-memory reveal list; never persisted. */
  secrets: RevealedSecret[];
  /** The step depends on a step that created something: NoSuchEntity may be eventual consistency. */
  afterCreate: boolean;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function backoff(tryNo: number): number {
  const c = config();
  const ceiling = Math.min(c.backoffCapMs, c.backoffBaseMs * 2 ** (tryNo - 1));
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

/** Removes any secret value from text that may be stored or logged (AWS echoes little, but be sure). */
function scrub(text: string, secrets: RevealedSecret[]): string {
  let out = text;
  for (const s of secrets) {
    for (const v of s.kind === "password" ? [s.password] : [s.secretAccessKey])
      if (v) out = out.split(v).join("[secret]");
  }
  return out;
}

function isSdkError(e: unknown): boolean {
  return (
    e instanceof IamError ||
    (typeof e === "object" && e !== null && "$metadata" in e) ||
    /ECONN|ETIMEDOUT|socket hang up|fetch failed/i.test(String((e as Error)?.message))
  );
}

/** Runs one step to done, skipped or failed, storing each attempt as it happens. Never throws for IAM errors. */
export async function runStep(job: StepJob): Promise<StepStatus> {
  const { step } = job;
  const op = opOf(step.op);
  const bound = op.step(step.params);
  const target = bound.target;
  // Found running after a crash: a secret step may have succeeded with its secret lost.
  const reissue = step.status === "running" && op.producesSecret && !!bound.reissue;
  const startedAt = step.startedAt ?? config().now();
  await db().changeStep.update({
    where: { id: step.id },
    data: { status: "running", startedAt, error: null },
  });
  const where = step.accountId ? { accountId: step.accountId } : {};
  let attempts = step.attempts;
  let renewSession = false;
  let renewed = false;
  let lastRequestId = step.iamRequestId;

  for (let tryNo = 1; ; tryNo++) {
    const revealed: RevealedSecret[] = [];
    let sdkExtra = 0;
    const context = (iam: OpContext["iam"]): OpContext => ({
      iam,
      stepStartedAt: startedAt,
      previousResult: (step.result as Record<string, unknown> | null) ?? null,
      record(output) {
        lastRequestId = output.$metadata.requestId ?? lastRequestId;
        sdkExtra += Math.max(0, (output.$metadata.attempts ?? 1) - 1);
        return output;
      },
      // A credential from a step in a named account says which: the hand-off names each account's.
      reveal: (secret) => revealed.push(step.accountId ? { ...secret, accountId: step.accountId } : secret),
    });
    let ctx: OpContext | null = null;
    let outcome: OpOutcome | null = null;
    let failure: IamError | null = null;
    let internal = false;
    let rawMessage = "";
    try {
      // The step's account: a refused AssumeRole fails the step like any IAM refusal.
      ctx = context(await config().iam(step.accountId, { fresh: renewSession }));
      renewSession = false;
      // A secret op's retry goes through reissue too: the failed try may have created the key.
      if (bound.reissue && (reissue || (tryNo > 1 && op.producesSecret))) outcome = await bound.reissue(ctx);
      else {
        const why = bound.alreadyDone ? await bound.alreadyDone(ctx) : null;
        outcome = why ? { status: "skipped", note: why } : await bound.run(ctx);
      }
    } catch (e) {
      internal = !isSdkError(e);
      rawMessage = `${(e as Error)?.name ?? "Error"}: ${(e as Error)?.message ?? String(e)}`;
      failure = toIamError(e);
      lastRequestId = failure.requestId ?? lastRequestId;
      sdkExtra += Math.max(0, failure.sdkAttempts - 1);
      if (!internal && bound.onError && ctx) {
        try {
          outcome = await bound.onError(failure, ctx);
          if (outcome) failure = null;
        } catch (e2) {
          failure = toIamError(e2);
        }
      }
    }
    attempts += 1 + sdkExtra;

    if (outcome?.status === "waiting") {
      // Not due yet: pending again until then. A step only waits when it has nothing to reveal.
      await db().changeStep.update({
        where: { id: step.id },
        data: {
          status: "pending",
          notBefore: outcome.until,
          attempts,
          iamRequestId: lastRequestId,
          error: null,
          result: { ...outcome.result, note: outcome.note, ...where },
        },
      });
      return "pending";
    }

    if (outcome) {
      job.secrets.push(...revealed);
      // A credential belongs to the admin it was shown to: only they can mark it handed over.
      const issuedTo = op.producesSecret && outcome.status === "done" ? { issuedTo: job.actor } : {};
      const result = {
        ...(outcome.status === "done" ? outcome.result : {}),
        ...(outcome.note ? { note: outcome.note } : {}),
        ...issuedTo,
        // What a step found or did in an account other than the app's own names that account.
        ...where,
      };
      await db().changeStep.update({
        where: { id: step.id },
        data: {
          status: outcome.status,
          notBefore: null,
          attempts,
          iamRequestId: lastRequestId,
          error: null,
          result: result as object,
          finishedAt: new Date(),
        },
      });
      // `result` holds only ids and ARNs (ops put secrets in reveal(), never in results).
      const data = {
        order: step.order,
        op: step.op,
        title: step.title,
        iamRequestId: lastRequestId,
        attempts,
        result,
      };
      await audit({
        actor: job.actor,
        action: `step.${outcome.status}`,
        target,
        requestId: job.requestId,
        data,
      });
      if (reissue)
        await audit({
          actor: job.actor,
          action: "secret.reissued",
          target,
          requestId: job.requestId,
          data: { order: step.order, op: step.op, result },
        });
      return outcome.status;
    }

    const err = failure!;
    const message = internal
      ? "Internal error while running this step (details in the server log)."
      : scrub(err.message, [...revealed, ...job.secrets]);
    if (internal)
      config()
        .logger()
        .error(
          {
            requestId: job.requestId,
            step: step.order,
            op: step.op,
            err: scrub(rawMessage, [...revealed, ...job.secrets]),
          },
          "changes: step crashed",
        );
    // An account's cached session refused (its role deleted, perhaps made again): assume the role
    // anew, once; if it is gone, that AssumeRole's refusal is what the step then says.
    if (step.accountId && !internal && STALE_SESSION.has(err.code) && !renewed) {
      renewSession = renewed = true;
      continue;
    }
    // Right after a create, IAM may not show the new entity yet: NoSuchEntity is worth retrying
    // (within the same bounded attempts) only for steps that depend on a create.
    const consistency = err.kind === "not-found" && job.afterCreate;
    if (!internal && (err.retryable || consistency) && tryNo < config().stepAttempts) {
      await db().changeStep.update({
        where: { id: step.id },
        data: {
          attempts,
          iamRequestId: lastRequestId,
          error: `Attempt ${tryNo} failed, retrying: ${message}`,
        },
      });
      config()
        .logger()
        .info(
          { requestId: job.requestId, step: step.order, op: step.op, code: err.code, tryNo },
          "changes: retrying step",
        );
      await sleep(backoff(tryNo));
      continue;
    }
    // The code and kind are kept (no secret in them) so a re-plan can tell a conflict from other failures.
    const failedWith = { code: err.code, kind: internal ? "internal" : err.kind, ...where };
    await db().changeStep.update({
      where: { id: step.id },
      data: {
        status: "failed",
        attempts,
        iamRequestId: lastRequestId,
        error: message,
        result: failedWith,
        finishedAt: new Date(),
      },
    });
    await audit({
      actor: job.actor,
      action: "step.failed",
      target,
      requestId: job.requestId,
      data: {
        order: step.order,
        op: step.op,
        title: step.title,
        iamRequestId: lastRequestId,
        attempts,
        error: message,
        code: err.code,
        ...where,
      },
    });
    return "failed";
  }
}
