import { paginateListAttachedGroupPolicies } from "@aws-sdk/client-iam";
import { z } from "zod";
import { defineKind } from "../types";
import { requireGroup } from "./live-state";

const input = z.object({
  groupName: z
    .string()
    .trim()
    .min(1)
    .max(128)
    .regex(/^[\w+=,.@-]+$/, "Use only letters, digits and + = , . @ _ -"),
  policyArn: z
    .string()
    .trim()
    .regex(/^arn:aws:iam::(aws|\d{12}):policy\/[\w+=,.@/-]+$/, "Enter a managed policy ARN"),
});
type Input = z.infer<typeof input>;

async function attached(
  iam: Parameters<typeof paginateListAttachedGroupPolicies>[0]["client"],
  groupName: string,
): Promise<string[]> {
  const arns: string[] = [];
  for await (const page of paginateListAttachedGroupPolicies({ client: iam }, { GroupName: groupName }))
    for (const p of page.AttachedPolicies ?? []) arns.push(p.PolicyArn!);
  return arns;
}

const policyName = (arn: string) => arn.split("/").pop();

export const groupAttachPolicy = defineKind<Input>({
  label: "Attach policy to group",
  input,
  async plan(i, ctx) {
    await requireGroup(ctx.iam, i.groupName);
    const before = await attached(ctx.iam, i.groupName);
    ctx.evidence.attachedBefore = before;
    return before.includes(i.policyArn) ? [] : [{ op: "AttachGroupPolicy", params: i }];
  },
  summary: (i) => `Attach ${policyName(i.policyArn)} to ${i.groupName}`,
  target: (i) => `group/${i.groupName}`,
});

export const groupDetachPolicy = defineKind<Input>({
  label: "Detach policy from group",
  input,
  async plan(i, ctx) {
    await requireGroup(ctx.iam, i.groupName);
    const before = await attached(ctx.iam, i.groupName);
    ctx.evidence.attachedBefore = before;
    return before.includes(i.policyArn) ? [{ op: "DetachGroupPolicy", params: i }] : [];
  },
  summary: (i) => `Detach ${policyName(i.policyArn)} from ${i.groupName}`,
  target: (i) => `group/${i.groupName}`,
});
