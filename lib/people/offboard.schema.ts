import { z } from "zod";
import { iamUserNameSchema } from "./people.schema";

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
    .array(z.string().regex(/^\d{12}$/, "An AWS account id is 12 digits"))
    .min(1, "Choose at least one account")
    .max(100)
    .transform((ids) => [...new Set(ids)].sort())
    .optional(),
});
