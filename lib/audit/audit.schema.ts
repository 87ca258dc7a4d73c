import { z } from "zod";

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Use YYYY-MM-DD")
  .optional()
  .or(z.literal("").transform(() => undefined));
const text = z
  .string()
  .trim()
  .max(200)
  .optional()
  .transform((s) => s || undefined);

export const auditFilterSchema = z.object({
  actor: text,
  target: text,
  action: text,
  requestId: text,
  from: day,
  to: day,
  before: z.coerce.number().int().positive().optional(),
});

export type AuditFilter = z.infer<typeof auditFilterSchema>;
