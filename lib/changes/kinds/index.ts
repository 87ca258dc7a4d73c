import type { AnyChangeKind } from "../types";
import { groupAddMember } from "./group-add-member";
import { groupRemoveMember } from "./group-remove-member";
import { userIssueCredentials } from "./user-issue-credentials";

/** Every kind of change request. Later issues add onboard, offboard, publish template here. */
export const changeKinds: Record<string, AnyChangeKind> = {
  "group.add-member": groupAddMember,
  "group.remove-member": groupRemoveMember,
  "user.issue-credentials": userIssueCredentials,
};

export function kindOf(kind: string): AnyChangeKind | undefined {
  return Object.hasOwn(changeKinds, kind) ? changeKinds[kind] : undefined;
}
