import { fieldError } from "@/lib/errors";
import { defaultPolicyDocument, getPolicy } from "@/lib/iam";
import type { PlanContext, PlannedStep } from "../types";
import { documentFor, inAccount, policyArnIn, type TargetAccount } from "./accounts";

// A job role's group in one account, as group.create makes it and jobrole.accounts adds it to
// another account: the one place that says which steps that takes.

/** What a job role's group carries: its name, template names and AWS-managed policy ARNs. */
export type RoleGroup = {
  groupName: string;
  templates: readonly string[];
  managedPolicyArns: readonly string[];
};

/** The managed policies the job role's group carries in an account (its templates named in it). */
export const rolePolicyArns = (role: RoleGroup, account: TargetAccount) => [
  ...role.templates.map((t) => policyArnIn(account.number, t)),
  ...role.managedPolicyArns,
];

/**
 * One account's steps for a group that is not there yet: CreateGroup, then each policy attached
 * (dependsOn counted within these steps). A template not published in this account is copied
 * there first — its default document as published in the app's own account (its ARNs of that
 * account naming this one, documentFor), where template.publish puts every version — so a job
 * role can reach an account its templates have not been in yet; later versions follow through
 * template.publish, which publishes to every account of every job role using the template.
 * `fields` says on which form field a missing template or policy is reported.
 */
export async function groupStepsIn(
  role: RoleGroup,
  account: TargetAccount,
  home: TargetAccount,
  ctx: PlanContext,
  fields: { templates: string; managedPolicyArns: string } = {
    templates: "templates",
    managedPolicyArns: "managedPolicyArns",
  },
): Promise<{ steps: PlannedStep[]; copied: string[] }> {
  const iam = account.id ? await ctx.iamIn(account.id) : ctx.iam;
  const where = account.id ? ` in ${account.label}` : "";
  const steps: PlannedStep[] = [
    { op: "CreateGroup", params: { groupName: role.groupName }, ...inAccount(account) },
  ];
  const copied: string[] = [];
  const attach = (policyArn: string, after: number[]) =>
    steps.push({
      op: "AttachGroupPolicy",
      params: { groupName: role.groupName, policyArn },
      dependsOn: after,
      ...inAccount(account),
    });
  for (const t of role.templates) {
    const arn = policyArnIn(account.number, t);
    if (await getPolicy(iam, arn)) {
      attach(arn, [1]);
      continue;
    }
    const published =
      account.number === home.number
        ? null
        : await defaultPolicyDocument(ctx.iam, policyArnIn(home.number, t));
    if (!published)
      throw fieldError(fields.templates, `Template ${t} is not published yet; publish it first.`);
    steps.push({
      op: "CreatePolicy",
      params: {
        policyName: t,
        policyDocument: documentFor(published.document, home.number, account.number),
        description: published.description || undefined,
      },
      ...inAccount(account),
    });
    attach(arn, [1, steps.length]);
    copied.push(t);
  }
  for (const arn of role.managedPolicyArns) {
    if (!(await getPolicy(iam, arn)))
      throw fieldError(fields.managedPolicyArns, `${arn} does not exist${where}.`);
    attach(arn, [1]);
  }
  return { steps, copied };
}
