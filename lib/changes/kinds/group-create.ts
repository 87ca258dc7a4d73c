import { fieldError } from "@/lib/errors";
import { defaultPolicyDocument, getGroup, getPolicy } from "@/lib/iam";
import { createJobRole, jobRoleTaken } from "@/lib/job-roles";
import { defineKind, type PlanContext, type PlannedStep } from "../types";
import { documentFor, inAccount, targetAccounts, type TargetAccount } from "./accounts";
import { groupCreateInput, type GroupCreateInput } from "./group-create.schema";

const policyArnIn = (account: string, name: string) => `arn:aws:iam::${account}:policy/${name}`;

/**
 * One account's steps: CreateGroup, then each policy attached (dependsOn counted within these
 * steps). A template not published in this account is copied there first — its default document
 * as published in the app's own account (its ARNs of that account naming this one, documentFor),
 * where template.publish puts every version — so a job
 * role can reach an account its templates have not been in yet; later versions follow through
 * template.publish, which publishes to every account of every job role using the template.
 */
async function accountSteps(
  i: GroupCreateInput,
  account: TargetAccount,
  home: TargetAccount,
  ctx: PlanContext,
): Promise<{ steps: PlannedStep[]; copied: string[] }> {
  const iam = account.id ? await ctx.iamIn(account.id) : ctx.iam;
  const where = account.id ? ` in ${account.label}` : "";
  if (await getGroup(iam, i.groupName))
    throw fieldError("groupName", `An IAM group named ${i.groupName} already exists${where}.`);
  const steps: PlannedStep[] = [
    { op: "CreateGroup", params: { groupName: i.groupName }, ...inAccount(account) },
  ];
  const copied: string[] = [];
  const attach = (policyArn: string, after: number[]) =>
    steps.push({
      op: "AttachGroupPolicy",
      params: { groupName: i.groupName, policyArn },
      dependsOn: after,
      ...inAccount(account),
    });
  for (const t of i.templates) {
    const arn = policyArnIn(account.number, t);
    if (await getPolicy(iam, arn)) {
      attach(arn, [1]);
      continue;
    }
    const published =
      account.number === home.number
        ? null
        : await defaultPolicyDocument(ctx.iam, policyArnIn(home.number, t));
    if (!published) throw fieldError("templates", `Template ${t} is not published yet; publish it first.`);
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
  for (const arn of i.managedPolicyArns) {
    if (!(await getPolicy(iam, arn))) throw fieldError("managedPolicyArns", `${arn} does not exist${where}.`);
    attach(arn, [1]);
  }
  return { steps, copied };
}

/**
 * A job role: an IAM group with published template policies (and AWS-managed ones) attached —
 * in the app's own account, or with `accounts` in each named account, each account's steps
 * carrying its id and depending only on each other (lib/changes/README.md, "Accounts").
 */
export const groupCreate = defineKind({
  label: "Create job role",
  input: groupCreateInput,
  async plan(i, ctx) {
    const accounts = await targetAccounts(i.accounts);
    if (await jobRoleTaken(i.jobRole, i.groupName))
      throw fieldError("jobRole", "A job role with that name or group already exists.");
    const [home] = await targetAccounts(null);
    const steps: PlannedStep[] = [];
    const copied: Record<string, string[]> = {};
    for (const account of accounts) {
      const mine = await accountSteps(i, account, home, ctx);
      const base = steps.length;
      steps.push(...mine.steps.map((s) => ({ ...s, dependsOn: (s.dependsOn ?? []).map((d) => base + d) })));
      if (mine.copied.length) copied[account.id ?? home.number] = mine.copied;
    }
    if (i.accounts) Object.assign(ctx.evidence, { accounts: i.accounts, templatesCopied: copied });
    return steps;
  },
  summary: (i) =>
    `Create job role ${i.jobRole} (group ${i.groupName})${i.accounts && i.accounts.length > 1 ? ` in ${i.accounts.length} accounts` : ""}`,
  target: (i) => `group/${i.groupName}`,
  async onSucceeded(i) {
    await createJobRole({
      name: i.jobRole,
      groupName: i.groupName,
      description: i.description,
      templates: i.templates,
      managedPolicyArns: i.managedPolicyArns,
      console: i.console,
      programmatic: i.programmatic,
      accounts: i.accounts ?? null,
    });
  },
});
