import { UserError } from "@/lib/errors";
import type { Actor } from "@/lib/auth/session";
import { startExecution } from "./execute";
import type { RunOutcome } from "./run-plan";
import { approveRequest, createChangeRequest } from "./requests";
import type { RequestView } from "./types";

export type OneClickResult = { request: RequestView; started: boolean; finished: Promise<RunOutcome> | null };

/**
 * An admin's one click for kinds that allow it (offboarding): request, approve as that admin
 * (a recorded self-approval with the kind's reason), and start. When the kind needs two
 * approvers the request stops at pending for a second admin.
 */
export async function requestApproveAndStart(
  kindName: string,
  input: unknown,
  actor: Actor,
): Promise<OneClickResult> {
  if (actor.role !== "admin")
    throw new UserError("Only an admin can approve and run a change in one click.", "FORBIDDEN");
  const created = await createChangeRequest(kindName, input, actor);
  const approved = await approveRequest(created.id, created.planHash, actor, { oneClick: true });
  if (approved.status !== "approved") return { request: approved, started: false, finished: null };
  const { request, finished } = await startExecution(approved.id, actor);
  return { request, started: true, finished };
}
