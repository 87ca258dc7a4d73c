import { z } from "zod";

// The input of the Accounts page's actions. The shapes are AWS's: a role ARN as IAM writes it
// (arn:aws:iam::<12-digit account>:role/<path><name>, docs/iam-facts.md#assumerole) and an
// ExternalId as STS accepts it (2–1,224 characters of [\w+=,.@:/-]), so nothing the form takes is
// refused by AWS for its shape, and bad input is stopped before anything is written.

/** A role's ARN: partition aws (or aws-cn, aws-us-gov), 12-digit account, path, name (1–64 of [\w+=,.@-]). */
export const ROLE_ARN =
  /^arn:aws(?:-cn|-us-gov)?:iam::(\d{12}):role\/((?:[\x21-\x7e]*\/)?)([\w+=,.@-]{1,64})$/;

export const roleArnSchema = z
  .string()
  .trim()
  .min(1, "Enter the role's ARN")
  .max(2048, "At most 2,048 characters")
  .regex(ROLE_ARN, "A role ARN looks like arn:aws:iam::123456789012:role/GatehouseMember");

export const externalIdSchema = z
  .string()
  .trim()
  .max(1224, "At most 1,224 characters")
  .refine((s) => s === "" || s.length >= 2, "At least 2 characters (or leave it empty)")
  .refine((s) => /^[\w+=,.@:/-]*$/.test(s), "Only letters, digits and + = , . @ : / - _")
  .transform((s) => s || null);

export const addAccountSchema = z.object({
  roleArn: roleArnSchema,
  // nullish: the domain parses again what the action already parsed (null for "none")
  externalId: externalIdSchema.nullish().transform((s) => s ?? null),
  name: z
    .string()
    .trim()
    .max(120, "At most 120 characters")
    .nullish()
    .transform((s) => s || null),
});

export const accountIdSchema = z.object({
  id: z.string().regex(/^\d{12}$/, "An AWS account id is 12 digits"),
});

export type AddAccountInput = z.output<typeof addAccountSchema>;

/** The account id a role ARN names (the ARN already checked by roleArnSchema). */
export function accountOfRoleArn(roleArn: string): string {
  return ROLE_ARN.exec(roleArn)![1];
}
