import { z } from "zod";
import { iamUserNameSchema } from "./people.schema";

/**
 * The tag that says whose an IAM user is when its name is not the person's: its value is the
 * person's email (compared ignoring case), e.g. `gatehouse:employee = sally@example.com`.
 */
export const EMPLOYEE_TAG = "gatehouse:employee";

/** Input of people.linkAccountUser and people.unlinkAccountUser: one IAM user in one account. */
export const accountUserSchema = z.object({
  employeeId: z.string().trim().min(1).max(64),
  accountId: z.string().regex(/^\d{12}$/, "An AWS account id is 12 digits"),
  userName: iamUserNameSchema,
});
