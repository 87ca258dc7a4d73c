import type { ChangeKind } from "../types";
import { groupAddMember, groupRemoveMember } from "./group-membership";
import { userIssueCredentials } from "./user-issue-credentials";
import { userOnboard } from "./user-onboard";
import { templatePublish } from "./template-publish";
import { groupCreate } from "./group-create";
import { jobRoleAccounts } from "./jobrole-accounts";
import { groupAttachPolicy, groupDetachPolicy } from "./group-policy";
import { roleCreate } from "./role-create";
import { userOffboard } from "./user-offboard";
import { jobRoleRequireMfa, userRequireMfa, userRetireKey } from "./credential-hygiene";

/** Every kind of change request. */
export const changeKinds: Record<string, ChangeKind> = {
  "group.add-member": groupAddMember,
  "group.remove-member": groupRemoveMember,
  "user.issue-credentials": userIssueCredentials,
  "user.onboard": userOnboard,
  "template.publish": templatePublish,
  "group.create": groupCreate,
  "jobrole.accounts": jobRoleAccounts,
  "group.attach-policy": groupAttachPolicy,
  "group.detach-policy": groupDetachPolicy,
  "role.create": roleCreate,
  "user.offboard": userOffboard,
  "jobrole.require-mfa": jobRoleRequireMfa,
  "user.require-mfa": userRequireMfa,
  "user.retire-key": userRetireKey,
};

export function kindOf(kind: string): ChangeKind | undefined {
  return Object.hasOwn(changeKinds, kind) ? changeKinds[kind] : undefined;
}
