import { defineKind } from "../types";
import { groupMembershipInput, type GroupMembershipInput } from "./group-membership.schema";
import { groupsOfUser, requireGroup, requireUser } from "@/lib/iam";

export const groupAddMember = defineKind<GroupMembershipInput>({
  label: "Add to group",
  input: groupMembershipInput,
  async plan(input, ctx) {
    await requireUser(ctx.iam, input.userName);
    await requireGroup(ctx.iam, input.groupName);
    const groups = await groupsOfUser(ctx.iam, input.userName);
    ctx.evidence.groupsBefore = groups;
    // Already a member: the plan is empty and says so, rather than a step that would do nothing.
    ctx.evidence.alreadyMember = groups.some((g) => g.toLowerCase() === input.groupName.toLowerCase());
    if (ctx.evidence.alreadyMember) return [];
    return [{ op: "AddUserToGroup", params: { userName: input.userName, groupName: input.groupName } }];
  },
  summary: (input, evidence) =>
    evidence.alreadyMember
      ? `Add ${input.userName} to ${input.groupName} (already a member: nothing to change)`
      : `Add ${input.userName} to ${input.groupName}`,
  target: (input) => `user/${input.userName}`,
});
