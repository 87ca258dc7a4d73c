import { z } from "zod";
import { iamNameSchema } from "@/lib/iam/names.schema";

// The input of the group.attach-policy and group.detach-policy kinds, importable by forms and the
// request actions.

export const groupPolicyInput = z.object({
  groupName: iamNameSchema("group"),
  policyArn: z
    .string()
    .trim()
    .regex(/^arn:aws:iam::(aws|\d{12}):policy\/[\w+=,.@/-]+$/, "Enter a managed policy ARN"),
});
export type GroupPolicyInput = z.infer<typeof groupPolicyInput>;
