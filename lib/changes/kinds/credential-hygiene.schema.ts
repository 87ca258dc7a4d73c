import { z } from "zod";
import { iamNameSchema } from "@/lib/iam/names.schema";

// Inputs of the credential-hygiene kinds (credential-hygiene.ts): requiring MFA of a job role or
// of one user, and retiring an access key that breaks the account's key policy.

export const jobRoleRequireMfaInput = z.object({
  jobRole: z.string().trim().min(1, "Choose a job role").max(128),
  /** true: attach the Require MFA policy to the job role's group; false: detach it. */
  require: z.boolean(),
});
export type JobRoleRequireMfaInput = z.infer<typeof jobRoleRequireMfaInput>;

export const userRequireMfaInput = z.object({ userName: iamNameSchema("user") });
export type UserRequireMfaInput = z.infer<typeof userRequireMfaInput>;

export const userRetireKeyInput = z
  .object({
    userName: iamNameSchema("user"),
    accessKeyId: z
      .string()
      .trim()
      .regex(/^AKIA[A-Z0-9]{16}$/, "Enter an access key id (AKIA…)")
      .optional(),
    /**
     * The key's creation time, for a key the review knows only from the credential report (which
     * has no ids): planning finds the one key created in that second, and the plan names its id.
     */
    created: z.iso.datetime({ offset: true }).optional(),
    /** deactivate: reversible (UpdateAccessKey Inactive); delete: DeleteAccessKey. */
    action: z.enum(["deactivate", "delete"]),
  })
  .refine((i) => i.accessKeyId || i.created, {
    message: "Name the access key (its id or its creation time)",
    path: ["accessKeyId"],
  });
export type UserRetireKeyInput = z.infer<typeof userRetireKeyInput>;
