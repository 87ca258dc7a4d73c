import { z } from "zod";
import { iamNameSchema } from "@/lib/iam/names.schema";
import { parameterDefinitionSchema } from "@/lib/policy/template.schema";

/** A managed policy's name (IAM's rules, lib/iam/names.schema.ts). */
const policyNameSchema = iamNameSchema("policy");

export const templateDraftSchema = z.object({
  name: policyNameSchema,
  description: z.string().trim().max(1000, "At most 1,000 characters").default(""),
  parameters: z.array(parameterDefinitionSchema).max(20, "At most 20 parameters"),
  document: z.string().min(2, "Write the policy document").max(200_000, "The document is far too large"),
  acknowledgeWarnings: z.boolean().default(false),
});

export const lintDraftSchema = templateDraftSchema.pick({ parameters: true, document: true });

export type TemplateDraft = z.infer<typeof templateDraftSchema>;
