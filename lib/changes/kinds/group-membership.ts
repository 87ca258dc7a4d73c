import { defineKind, type PlanContext } from "../types";
import { groupMembershipInput, type GroupMembershipInput } from "./group-membership.schema";
import { groupsOfUser, requireGroup, requireUser } from "@/lib/iam";
import { employeeByIamUser, personOfAccountUser } from "@/lib/people";

/** "Nina Okafor (nina)" when the user is a person's, else the user name: titles name people. */
const whom = (input: GroupMembershipInput, evidence: Record<string, unknown>) =>
  typeof evidence.person === "string" ? `${evidence.person} (${input.userName})` : input.userName;

/** Both exist; records the user's groups as evidence and says whether the user is in the group. */
async function isMemberNow(input: GroupMembershipInput, ctx: PlanContext): Promise<boolean> {
  // In a named account, read (and later change) IAM there, through its role's session.
  const iam = input.accountId ? await ctx.iamIn(input.accountId) : ctx.iam;
  await requireUser(iam, input.userName);
  await requireGroup(iam, input.groupName);
  const groups = await groupsOfUser(iam, input.userName);
  ctx.evidence.groupsBefore = groups;
  const person = input.accountId
    ? await personOfAccountUser(input.accountId, input.userName)
    : await employeeByIamUser(input.userName);
  if (person) ctx.evidence.person = person.name;
  return groups.some((g) => g.toLowerCase() === input.groupName.toLowerCase());
}

/**
 * A change of one membership. When it already holds (the user is already in the group, or is not
 * in it), the plan is empty and says so, rather than a step that would do nothing.
 */
function membershipKind(change: {
  label: string;
  op: "AddUserToGroup" | "RemoveUserFromGroup";
  /** The summary's sentence for `who` (the person, or the user name), e.g. "Add Alice (alice) to admins". */
  says(input: GroupMembershipInput, who: string): string;
  /**
   * Whether the change already holds for a member or for a non-member, and the evidence flag and
   * the summary's note that say so.
   */
  holds: { forMember: boolean; flag: "alreadyMember" | "notMember"; note: string };
}) {
  const { forMember, flag, note } = change.holds;
  return defineKind({
    label: change.label,
    input: groupMembershipInput,
    async plan(input, ctx) {
      ctx.evidence[flag] = (await isMemberNow(input, ctx)) === forMember;
      if (ctx.evidence[flag]) return [];
      const params = { userName: input.userName, groupName: input.groupName };
      return [
        input.accountId ? { op: change.op, params, accountId: input.accountId } : { op: change.op, params },
      ];
    },
    summary: (input, evidence) => {
      const says =
        change.says(input, whom(input, evidence)) + (input.accountId ? ` in account ${input.accountId}` : "");
      return evidence[flag] ? `${says} (${note}: nothing to change)` : says;
    },
    target: (input) => `user/${input.userName}`,
  });
}

export const groupAddMember = membershipKind({
  label: "Add to group",
  op: "AddUserToGroup",
  says: (input, who) => `Add ${who} to ${input.groupName}`,
  holds: { forMember: true, flag: "alreadyMember", note: "already a member" },
});

export const groupRemoveMember = membershipKind({
  label: "Remove from group",
  op: "RemoveUserFromGroup",
  says: (input, who) => `Remove ${who} from ${input.groupName}`,
  holds: { forMember: false, flag: "notMember", note: "not a member" },
});
