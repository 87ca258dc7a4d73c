import { z } from "zod";
import { iamUserNameSchema } from "@/lib/people/people.schema";
import { accountsField } from "./accounts.schema";

// The input of the user.onboard kind, importable by forms and the request actions.

export const userOnboardInput = z
  .object({
    employeeId: z.string().min(1, "Choose a person").max(64),
    userName: iamUserNameSchema,
    groups: z.array(z.string().min(1).max(128)).max(10, "IAM allows at most 10 groups per user").default([]),
    console: z.boolean().default(false),
    programmatic: z.boolean().default(false),
    /**
     * The AWS accounts to onboard into (AwsAccount ids), each with its own steps. Absent: where the
     * chosen job roles are (JobRole.accounts), and the app's own account when none says.
     */
    accounts: accountsField.optional(),
  })
  .refine((v) => v.groups.length > 0 || v.console || v.programmatic, {
    message: "Choose a job role or a kind of access: people without AWS access need no IAM user.",
    path: ["groups"],
  });
export type UserOnboardInput = z.infer<typeof userOnboardInput>;
