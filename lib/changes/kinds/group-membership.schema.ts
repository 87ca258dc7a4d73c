import { z } from "zod";
import { iamNameSchema } from "@/lib/iam/names.schema";

export const groupMembershipInput = z.object({
  userName: iamNameSchema("user"),
  groupName: iamNameSchema("group"),
  /**
   * The AWS account (AwsAccount id) whose user and group these are; absent: the app's own account.
   * A review campaign's revoke names the item's account.
   */
  accountId: z
    .string()
    .regex(/^\d{12}$/, "An AWS account id is 12 digits")
    .optional(),
});
export type GroupMembershipInput = z.infer<typeof groupMembershipInput>;
