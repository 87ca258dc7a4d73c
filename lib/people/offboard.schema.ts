import { z } from "zod";
import { iamUserNameSchema } from "./people.schema";

/** Input of offboard.start; the user.offboard kind checks it against the directory and IAM. */
export const offboardSchema = z.object({
  userName: iamUserNameSchema,
  employeeId: z.string().trim().min(1).max(64).optional(),
  mode: z.enum(["delete", "disable"]).default("delete"),
});
