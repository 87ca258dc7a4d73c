import { defineKind } from "../types";
import { groupMembershipInput, type GroupMembershipInput } from "./group-membership.schema";
import { groupsOfUser, requireGroup, requireUser } from "@/lib/iam";

export const groupRemoveMember = defineKind<GroupMembershipInput>({
  label: "Remove from group",
  input: groupMembershipInput,
  async plan(input, ctx) {
    await requireUser(ctx.iam, input.userName);
    await requireGroup(ctx.iam, input.groupName);
    const groups = await groupsOfUser(ctx.iam, input.userName);
    ctx.evidence.groupsBefore = groups;
    ctx.evidence.notMember = !groups.some((g) => g.toLowerCase() === input.groupName.toLowerCase());
    if (ctx.evidence.notMember) return [];
    return [{ op: "RemoveUserFromGroup", params: { userName: input.userName, groupName: input.groupName } }];
  },
  summary: (input, evidence) =>
    evidence.notMember
      ? `Remove ${input.userName} from ${input.groupName} (not a member: nothing to change)`
      : `Remove ${input.userName} from ${input.groupName}`,
  target: (input) => `user/${input.userName}`,
});
