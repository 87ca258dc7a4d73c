import { z } from "zod";

export const PARAMETER_TYPES = ["string", "arn", "bucket-name", "account-id", "queue-name"] as const;

/** A template parameter: `${BillingBucket}` in the text. Letter first, then letters/digits/underscore. */
export const parameterNameSchema = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_]*$/, "Start with a letter; then use letters, digits or underscores only.")
  .max(64);

export const parameterDefinitionSchema = z.object({
  name: parameterNameSchema,
  description: z.string().max(500).default(""),
  type: z.enum(PARAMETER_TYPES).default("string"),
  example: z.string().max(2048).default(""),
});

export type ParameterType = (typeof PARAMETER_TYPES)[number];
export type ParameterDefinition = z.infer<typeof parameterDefinitionSchema>;
