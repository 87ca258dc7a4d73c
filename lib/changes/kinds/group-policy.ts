import { defineKind, type PlanContext } from "../types";
import { attachedGroupPolicies, requireGroup } from "@/lib/iam";
import { groupPolicyInput, type GroupPolicyInput } from "./group-policy.schema";

/** The group exists; records its attached policies as evidence and says whether this one is among them. */
async function isAttachedNow(i: GroupPolicyInput, ctx: PlanContext): Promise<boolean> {
  await requireGroup(ctx.iam, i.groupName);
  const before = (await attachedGroupPolicies(ctx.iam, i.groupName)).map((p) => p.arn);
  ctx.evidence.attachedBefore = before;
  return before.includes(i.policyArn);
}

const policyName = (arn: string) => arn.split("/").pop();

export const groupAttachPolicy = defineKind({
  label: "Attach policy to group",
  input: groupPolicyInput,
  async plan(i, ctx) {
    return (await isAttachedNow(i, ctx)) ? [] : [{ op: "AttachGroupPolicy", params: i }];
  },
  summary: (i) => `Attach ${policyName(i.policyArn)} to ${i.groupName}`,
  target: (i) => `group/${i.groupName}`,
});

export const groupDetachPolicy = defineKind({
  label: "Detach policy from group",
  input: groupPolicyInput,
  async plan(i, ctx) {
    return (await isAttachedNow(i, ctx)) ? [{ op: "DetachGroupPolicy", params: i }] : [];
  },
  summary: (i) => `Detach ${policyName(i.policyArn)} from ${i.groupName}`,
  target: (i) => `group/${i.groupName}`,
});
