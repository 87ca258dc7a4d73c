import { audit } from "@/lib/audit";
import type { Actor } from "@/lib/auth/sessions";
import { db } from "@/lib/db";
import { UserError } from "@/lib/errors";
import { config } from "./context";
import { leaseFree } from "./lease";
import { requireRow } from "./requests";
import { approvalRules } from "./rules";
import type { RequestView } from "./types";
import { scheduledStart, toView } from "./view";

// Moving time in a request (README.md, "Time in requests"): the end of its Wait steps. The plan
// and its hash stay as approved; the new end is kept on the step (`result.endsAt`, which the Wait
// op reads first), and the request's wake-up follows. Callers decide who may move it and when a
// move needs a new approval (extending a grant does; ending one early or cancelling never does).

/**
 * Moves the end of the request's pending Wait steps to `until` (now, to end it early). Only a
 * request that is `waiting`, or `approved` and not started, and nobody is running right now.
 * Audited as `request.rescheduled` with the old and new end and the reason.
 */
export async function moveWait(
  id: string,
  until: Date,
  actor: Pick<Actor, "email">,
  why: { reason: string; action: "ended early" | "extended" | "moved" },
): Promise<RequestView> {
  const reason = why.reason.trim();
  if (!reason) throw new UserError("Say why.", "INVALID_INPUT", { reason: ["Required"] });
  const row = await requireRow(id);
  if (row.status !== "waiting" && row.status !== "approved")
    throw new UserError(`Request #${row.number} is ${row.status}; only a scheduled request's time can move.`);
  const waits = row.steps.filter((s) => s.op === "Wait" && s.status === "pending");
  if (waits.length === 0) throw new UserError(`Request #${row.number} has no wait left to move.`);
  const before = row.wakeAt ?? scheduledStart(row.steps);
  const now = config().now();
  const at = until < now ? now : until;
  await db().$transaction(async (tx) => {
    // Nobody runs it meanwhile: the same row, still in its status, with no live lease.
    const { count } = await tx.changeRequest.updateMany({
      where: { id, status: row.status, OR: leaseFree(new Date()) },
      data: row.status === "waiting" ? { wakeAt: at } : {},
    });
    if (count === 0)
      throw new UserError(`Request #${row.number} is running right now; try again in a moment.`, "CONFLICT");
    for (const s of waits)
      await tx.changeStep.update({
        where: { id: s.id },
        data: {
          result: { ...((s.result as object | null) ?? {}), endsAt: at.toISOString() },
          ...(s.notBefore ? { notBefore: at } : {}),
        },
      });
  });
  await audit({
    actor: actor.email,
    action: "request.rescheduled",
    target: row.target,
    requestId: row.id,
    data: {
      number: row.number,
      change: why.action,
      from: before?.toISOString() ?? null,
      to: at.toISOString(),
      reason,
    },
  });
  return toView(await requireRow(id), await approvalRules());
}
