import { z } from "zod";
import { groupCreateInput } from "./kinds/group-create.schema";
import { groupMembershipInput } from "./kinds/group-membership.schema";
import { groupPolicyInput } from "./kinds/group-policy.schema";
import { jobRoleAccountsInput } from "./kinds/jobrole-accounts.schema";
import { roleCreateInput } from "./kinds/role-create.schema";
import { templatePublishInput } from "./kinds/template-publish.schema";
import { userIssueCredentialsInput } from "./kinds/user-issue-credentials.schema";
import { userOffboardInput } from "./kinds/user-offboard.schema";
import { userOnboardInput } from "./kinds/user-onboard.schema";
import {
  jobRoleRequireMfaInput,
  userRequireMfaInput,
  userRetireKeyInput,
} from "./kinds/credential-hygiene.schema";

// Inputs of the request actions (app/(console)/requests/actions.ts). A request names its kind and
// carries that kind's input (kinds/<kind>.schema.ts), so callers type-check against the kind.

const id = z.string().trim().min(1).max(64);
const reason = z.string().trim().min(3, "Say why, in a few words").max(1000);

const request = <K extends string, I extends z.ZodType>(kind: K, input: I) =>
  z.object({ kind: z.literal(kind), input });

/** One branch per kind of kinds/index.ts (requests.schema.test.ts keeps the two lists equal). */
export const createRequestSchema = z.discriminatedUnion("kind", [
  request("group.add-member", groupMembershipInput),
  request("group.remove-member", groupMembershipInput),
  request("user.issue-credentials", userIssueCredentialsInput),
  request("user.onboard", userOnboardInput),
  request("template.publish", templatePublishInput),
  request("group.create", groupCreateInput),
  request("jobrole.accounts", jobRoleAccountsInput),
  request("group.attach-policy", groupPolicyInput),
  request("group.detach-policy", groupPolicyInput),
  request("role.create", roleCreateInput),
  request("user.offboard", userOffboardInput),
  request("jobrole.require-mfa", jobRoleRequireMfaInput),
  request("user.require-mfa", userRequireMfaInput),
  request("user.retire-key", userRetireKeyInput),
]);
export type CreateRequestInput = z.input<typeof createRequestSchema>;
export const approveSchema = z.object({
  id,
  planHash: z.string().regex(/^[0-9a-f]{64}$/, "Not a plan hash"),
});
export const rejectSchema = z.object({ id, reason });
export const executeSchema = z.object({ id });
export const abandonSchema = z.object({ id, reason });
export const handedOverSchema = z.object({ id, userName: z.string().trim().min(1).max(64) });
