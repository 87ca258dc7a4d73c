import { z } from "zod";

// The `accounts` field the kinds that act across AWS accounts share (group.create, user.onboard),
// importable by forms. AwsAccount ids, deduplicated and sorted, so the same set always plans the
// same steps (and plan hash) whatever order a form sent them in.

// The id's shape is checked on the list, so its error lands on the form's one `accounts` field.
export const accountsField = z
  .array(z.string().max(12))
  .min(1, "Choose at least one account")
  .refine((ids) => ids.every((id) => /^\d{12}$/.test(id)), "An AWS account id is 12 digits")
  .max(100)
  .transform((ids) => [...new Set(ids)].sort());
