import { z } from "zod";

// The `accounts` field the kinds that act across AWS accounts share (group.create, user.onboard),
// importable by forms. AwsAccount ids, deduplicated and sorted, so the same set always plans the
// same steps (and plan hash) whatever order a form sent them in.

export const accountsField = z
  .array(z.string().regex(/^\d{12}$/, "An AWS account id is 12 digits"))
  .min(1, "Choose at least one account")
  .max(100)
  .transform((ids) => [...new Set(ids)].sort());
