import { z } from "zod";

// Inputs of the request actions (app/(console)/requests/actions.ts). The kind's own input is
// validated by the engine with the kind's schema, so here it stays unknown.

const id = z.string().trim().min(1).max(64);
const reason = z.string().trim().min(3, "Say why, in a few words").max(1000);

export const createRequestSchema = z.object({ kind: z.string().min(1).max(64), input: z.unknown() });
export const approveSchema = z.object({
  id,
  planHash: z.string().regex(/^[0-9a-f]{64}$/, "Not a plan hash"),
});
export const rejectSchema = z.object({ id, reason });
export const executeSchema = z.object({ id });
export const abandonSchema = z.object({ id, reason });
export const handedOverSchema = z.object({ id, userName: z.string().trim().min(1).max(64) });
