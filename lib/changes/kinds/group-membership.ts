import { defineKind, type PlanContext } from "../types";
import { groupMembershipInput, type GroupMembershipInput } from "./group-membership.schema";
import { groupsOfUser, requireGroup, requireUser } from "@/lib/iam";

/** Both exist; records the user's groups as evidence and says whether the user is in the group. */
async function isMemberNow(input: GroupMembershipInput, ctx: PlanContext): Promise<boolean> {
  await requireUser(ctx.iam, input.userName);
  await requireGroup(ctx.iam, input.groupName);
  const groups = await groupsOfUser(ctx.iam, input.userName);
  ctx.evidence.groupsBefore = groups;
  return groups.some((g) => g.toLowerCase() === input.groupName.toLowerCase());
}

export const groupAddMember = defineKind({
  label: "Add to group",
  input: groupMembershipInput,
  async plan(input, ctx) {
    // Already a member: the plan is empty and says so, rather than a step that would do nothing.
    ctx.evidence.alreadyMember = await isMemberNow(input, ctx);
    if (ctx.evidence.alreadyMember) return [];
    return [{ op: "AddUserToGroup", params: { userName: input.userName, groupName: input.groupName } }];
  },
  summary: (input, evidence) =>
    evidence.alreadyMember
      ? `Add ${input.userName} to ${input.groupName} (already a member: nothing to change)`
      : `Add ${input.userName} to ${input.groupName}`,
  target: (input) => `user/${input.userName}`,
});

export const groupRemoveMember = defineKind({
  label: "Remove from group",
  input: groupMembershipInput,
  async plan(input, ctx) {
    ctx.evidence.notMember = !(await isMemberNow(input, ctx));
    if (ctx.evidence.notMember) return [];
    return [{ op: "RemoveUserFromGroup", params: { userName: input.userName, groupName: input.groupName } }];
  },
  summary: (input, evidence) =>
    evidence.notMember
      ? `Remove ${input.userName} from ${input.groupName} (not a member: nothing to change)`
      : `Remove ${input.userName} from ${input.groupName}`,
  target: (input) => `user/${input.userName}`,
});
