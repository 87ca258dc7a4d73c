import { z } from "zod";
import { iamNameSchema } from "@/lib/iam/names.schema";
import { accountsField } from "./accounts.schema";

// The input of the group.create kind, importable by forms and the request actions.

export const groupCreateInput = z
  .object({
    jobRole: z.string().trim().min(1, "Name the job role").max(64),
    groupName: iamNameSchema("group"),
    description: z.string().trim().max(500).default(""),
    templates: z.array(iamNameSchema("policy")).max(10).default([]),
    managedPolicyArns: z
      .array(z.string().regex(/^arn:aws:iam::aws:policy\/[\w+=,.@/-]+$/, "Only AWS-managed policy ARNs"))
      .max(10)
      .default([]),
    console: z.boolean().default(false),
    programmatic: z.boolean().default(false),
    /**
     * The AWS accounts the job role's group is created in (AwsAccount ids, the app's own may be
     * one). Absent: the app's own account only, as before accounts existed.
     */
    accounts: accountsField.optional(),
  })
  .refine((v) => v.templates.length + v.managedPolicyArns.length <= 10, {
    message: "IAM allows at most 10 managed policies per group",
    path: ["templates"],
  });
export type GroupCreateInput = z.infer<typeof groupCreateInput>;
