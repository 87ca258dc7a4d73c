import { fieldError } from "@/lib/errors";
import { getGroup } from "@/lib/iam";
import { createJobRole, jobRoleTaken } from "@/lib/job-roles";
import { defineKind, type PlanContext, type PlannedStep } from "../types";
import { appendSteps, targetAccounts, type TargetAccount } from "./accounts";
import { groupStepsIn } from "./job-role-group";
import { groupCreateInput, type GroupCreateInput } from "./group-create.schema";

/** One account's steps, refused when a group of that name is already there. */
async function accountSteps(
  i: GroupCreateInput,
  account: TargetAccount,
  home: TargetAccount,
  ctx: PlanContext,
) {
  const iam = account.id ? await ctx.iamIn(account.id) : ctx.iam;
  if (await getGroup(iam, i.groupName))
    throw fieldError(
      "groupName",
      `An IAM group named ${i.groupName} already exists${account.id ? ` in ${account.label}` : ""}.`,
    );
  return groupStepsIn(i, account, home, ctx);
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
      appendSteps(steps, mine.steps);
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
