import { z } from "zod";
import { iamNameSchema } from "@/lib/iam/names.schema";

// The input of the user.issue-credentials kind, importable by forms and the request actions.

export const userIssueCredentialsInput = z
  .object({
    userName: iamNameSchema("user"),
    console: z.boolean().default(false),
    accessKey: z.boolean().default(false),
  })
  .refine((v) => v.console || v.accessKey, {
    message: "Choose console access, an access key, or both",
    path: ["console"],
  });

export type UserIssueCredentialsInput = z.infer<typeof userIssueCredentialsInput>;
