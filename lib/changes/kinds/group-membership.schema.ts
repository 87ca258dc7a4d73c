import { z } from "zod";

// IAM's own name rules (UserName 1–64, GroupName 1–128, [\w+=,.@-]).
const iamName = (max: number) =>
  z
    .string()
    .trim()
    .min(1, "Required")
    .max(max, `At most ${max} characters`)
    .regex(/^[\w+=,.@-]+$/, "Letters, digits and + = , . @ _ - only");

export const groupMembershipInput = z.object({ userName: iamName(64), groupName: iamName(128) });
export type GroupMembershipInput = z.infer<typeof groupMembershipInput>;
