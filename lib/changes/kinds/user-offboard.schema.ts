import type { z } from "zod";
import { offboardSchema } from "@/lib/people/offboard.schema";

// The input of the user.offboard kind: the people domain's offboard form.

export const userOffboardInput = offboardSchema;
export type UserOffboardInput = z.infer<typeof userOffboardInput>;

/**
 * The ops that take something away from the user, any of which offboarding may plan. Besides these
 * it only writes the deny-all policy (PutUserPolicy) and, when deleting, DeleteUser. (Here, not in
 * user-offboard.ts, so the e2e suite can name offboarding's writes without loading the engine.)
 */
export const REMOVAL_OPS = [
  "UpdateAccessKey",
  "DeleteLoginProfile",
  "DeactivateMFADevice",
  "DeleteVirtualMFADevice",
  "DeleteSSHPublicKey",
  "DeleteSigningCertificate",
  "DeleteServiceSpecificCredential",
  "DeleteAccessKey",
  "RemoveUserFromGroup",
  "DetachUserPolicy",
  "DeleteUserPolicy",
] as const;
