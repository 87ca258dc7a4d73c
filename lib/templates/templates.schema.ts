import { z } from "zod";
import { parameterDefinitionSchema } from "@/lib/policy/template.schema";

/** A managed policy's name rules: 1–128 of letters, digits and + = , . @ _ - */
export const policyNameSchema = z
  .string()
  .trim()
  .min(1, "Enter a name")
  .max(128, "At most 128 characters")
  .regex(/^[\w+=,.@-]+$/, "Use only letters, digits and + = , . @ _ -");

export const templateDraftSchema = z.object({
  name: policyNameSchema,
  description: z.string().trim().max(1000, "At most 1,000 characters").default(""),
  parameters: z.array(parameterDefinitionSchema).max(20, "At most 20 parameters"),
  document: z.string().min(2, "Write the policy document").max(200_000, "The document is far too large"),
  acknowledgeWarnings: z.boolean().default(false),
});

export const lintDraftSchema = templateDraftSchema.pick({ parameters: true, document: true });

export type TemplateDraft = z.infer<typeof templateDraftSchema>;
