import { z } from "zod";
import { attachedGroupPolicies, requireGroup } from "@/lib/iam";
import { defineKind, type PlanContext } from "../types";
import { iamNameSchema } from "@/lib/iam/names.schema";

const input = z.object({
  groupName: iamNameSchema("group"),
  policyArn: z
    .string()
    .trim()
    .regex(/^arn:aws:iam::(aws|\d{12}):policy\/[\w+=,.@/-]+$/, "Enter a managed policy ARN"),
});
type Input = z.infer<typeof input>;

/** The ARNs attached to the group before the change, kept as evidence. */
async function attachedBefore(i: Input, ctx: PlanContext): Promise<string[]> {
  await requireGroup(ctx.iam, i.groupName);
  const before = (await attachedGroupPolicies(ctx.iam, i.groupName)).map((p) => p.arn);
  ctx.evidence.attachedBefore = before;
  return before;
}

const policyName = (arn: string) => arn.split("/").pop();

export const groupAttachPolicy = defineKind<Input>({
  label: "Attach policy to group",
  input,
  async plan(i, ctx) {
    const before = await attachedBefore(i, ctx);
    return before.includes(i.policyArn) ? [] : [{ op: "AttachGroupPolicy", params: i }];
  },
  summary: (i) => `Attach ${policyName(i.policyArn)} to ${i.groupName}`,
  target: (i) => `group/${i.groupName}`,
});

export const groupDetachPolicy = defineKind<Input>({
  label: "Detach policy from group",
  input,
  async plan(i, ctx) {
    const before = await attachedBefore(i, ctx);
    return before.includes(i.policyArn) ? [{ op: "DetachGroupPolicy", params: i }] : [];
  },
  summary: (i) => `Detach ${policyName(i.policyArn)} from ${i.groupName}`,
  target: (i) => `group/${i.groupName}`,
});
