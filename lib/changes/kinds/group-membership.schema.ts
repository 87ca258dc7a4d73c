import { z } from "zod";
import { iamNameSchema } from "@/lib/iam/names.schema";

export const groupMembershipInput = z.object({
  userName: iamNameSchema("user"),
  groupName: iamNameSchema("group"),
});
export type GroupMembershipInput = z.infer<typeof groupMembershipInput>;
