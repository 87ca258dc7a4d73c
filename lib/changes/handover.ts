import { audit } from "@/lib/audit";
import { db, type ChangeStep } from "@/lib/db";
import { UserError } from "@/lib/errors";
import type { Actor } from "@/lib/auth/session";
import { requireRow } from "./requests";

export { credentialsNotHandedOver } from "./view";

// The hand-over of one-time credentials. A secret step's row records when its credential was
// marked handed over (result.handedOverAt; never the secret). A step that is done without it is a
// credential nobody confirmed receiving (view.ts, credentialsNotHandedOver): the request page
// says so and offers a re-issue (execute.ts, reissueCredentials), whose new result has no mark.

const userOf = (s: { params: unknown }) => String((s.params as { userName?: unknown }).userName ?? "");

/**
 * Marks a user's credentials from this request handed over. Only the admin who executed the
 * request received them, and only a request that issued credentials to that user has any.
 */
export async function markHandedOver(id: string, userName: string, actor: Actor): Promise<{ at: string }> {
  const row = await requireRow(id);
  const steps = row.steps.filter((s) => s.producesSecret && s.status === "done" && userOf(s) === userName);
  if (steps.length === 0)
    throw new UserError(`Request #${row.number} issued no credentials for ${userName}.`, "INVALID_INPUT", {
      userName: ["No credentials from this request"],
    });
  const receiver = (s: ChangeStep) => (s.result as { issuedTo?: string } | null)?.issuedTo ?? row.executor;
  const notMine = steps.find((s) => receiver(s) !== actor.email);
  if (notMine)
    throw new UserError(
      `Only ${receiver(notMine) ?? "the executing admin"}, who received these credentials, can mark them handed over.`,
      "FORBIDDEN",
    );
  const at = new Date().toISOString();
  for (const s of steps) {
    await db().changeStep.update({
      where: { id: s.id },
      data: {
        result: { ...((s.result as object | null) ?? {}), handedOverAt: at, handedOverBy: actor.email },
      },
    });
  }
  await audit({
    actor: actor.email,
    action: "credentials.handed_over",
    target: userName,
    requestId: row.id,
    data: { number: row.number, steps: steps.map((s) => s.order) },
  });
  return { at };
}
