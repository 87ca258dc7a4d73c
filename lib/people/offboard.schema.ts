import { z } from "zod";
import { iamUserNameSchema } from "./people.schema";

const accountIdSchema = z.string().regex(/^\d{12}$/, "An AWS account id is 12 digits");

/** Input of offboard.start; the user.offboard kind checks it against the directory and IAM. */
export const offboardSchema = z.object({
  userName: iamUserNameSchema,
  employeeId: z.string().trim().min(1).max(64).optional(),
  mode: z.enum(["delete", "disable"]).default("delete"),
  /**
   * The AWS accounts to offboard from (AwsAccount ids; the app's own may be one of them), each
   * with its own steps. Absent: the app's own account only, as before accounts existed. Sorted,
   * so the same set plans the same steps (and hash).
   */
  accounts: z
    .array(accountIdSchema)
    .min(1, "Choose at least one account")
    .max(100)
    .transform((ids) => [...new Set(ids)].sort())
    .optional(),
  /**
   * The person's user in an account where it is not `userName` (a user linked by its
   * gatehouse:employee tag, lib/people/README.md "Accounts"): one per account, taking that
   * account's place in `accounts` (the account need not be listed there too). Sorted by account.
   */
  users: z
    .array(z.object({ accountId: accountIdSchema, userName: iamUserNameSchema }))
    .min(1, "Name at least one user")
    .max(100)
    .refine((us) => new Set(us.map((u) => u.accountId)).size === us.length, "One user per account")
    .transform((us) => [...us].sort((a, b) => a.accountId.localeCompare(b.accountId)))
    .optional(),
});
