import type { IAMClient } from "@aws-sdk/client-iam";
import { employeeByIamUser, linkOnboardedUsers } from "@/lib/people";
import { CHANGE_PASSWORD_ARN } from "@/lib/templates";
import { db } from "@/lib/db";
import { fieldError } from "@/lib/errors";
import {
  accessKeysOf,
  attachedGroupPolicies,
  attachedUserPolicies,
  getGroup,
  getUser,
  groupsOfUser,
  loginProfile,
} from "@/lib/iam";
import { jobRolesByGroup } from "@/lib/job-roles";
import { defaultAccounts } from "@/lib/job-roles/shared";
import { config } from "../context";
import { defineKind, type PlanContext, type PlannedStep } from "../types";
import { appendSteps, inAccount, targetAccounts, type TargetAccount } from "./accounts";
import { userOnboardInput, type UserOnboardInput } from "./user-onboard.schema";

/** Does the user get IAMUserChangePassword already, directly or through one of these groups? */
async function canChangePassword(
  iam: IAMClient,
  userName: string | null,
  groups: string[],
): Promise<boolean> {
  const grants = (attached: { arn: string }[]) => attached.some((p) => p.arn === CHANGE_PASSWORD_ARN);
  if (userName && grants(await attachedUserPolicies(iam, userName))) return true;
  for (const g of groups) if (grants(await attachedGroupPolicies(iam, g))) return true;
  return false;
}

type Employee = { id: string; name: string; email: string; iamUserName: string | null };

/**
 * One account's onboarding steps (dependsOn counted within them) and what planning saw there.
 * Planned from live state, so an account where the person is half-onboarded gets only what is
 * missing.
 */
async function accountSteps(
  i: UserOnboardInput,
  groups: string[],
  employee: Employee,
  account: TargetAccount,
  ctx: PlanContext,
): Promise<{ steps: PlannedStep[]; evidence: Record<string, unknown> }> {
  const iam = account.id ? await ctx.iamIn(account.id) : ctx.iam;
  const where = account.id ? ` in ${account.label}` : "";
  for (const g of groups)
    if (!(await getGroup(iam, g))) throw fieldError("groups", `There is no IAM group named ${g}${where}.`);

  const user = await getUser(iam, i.userName);
  if (user && !employee.iamUserName) {
    // Names are unique ignoring case; an existing user that nobody owns must be linked on purpose.
    throw fieldError(
      "userName",
      `An IAM user named ${user.UserName} already exists${where}. Pick another name, or link that user to ${employee.name} on the People page first.`,
    );
  }
  const userName = user?.UserName ?? i.userName;
  const groupsBefore = user ? await groupsOfUser(iam, userName) : [];
  const hasLogin = user ? Boolean(await loginProfile(iam, userName)) : false;
  const keys = user ? await accessKeysOf(iam, userName) : [];
  const evidence = {
    userExisted: Boolean(user),
    groupsBefore,
    consoleBefore: hasLogin,
    activeKeysBefore: keys.filter((k) => k.Status === "Active").length,
  };

  const here = inAccount(account);
  const steps: PlannedStep[] = [];
  const after = (): number[] => (user ? [] : [1]);
  if (!user)
    steps.push({
      op: "CreateUser",
      params: { userName, tags: [{ Key: "email", Value: employee.email }] },
      ...here,
    });
  for (const g of groups) {
    if (!groupsBefore.some((b) => b.toLowerCase() === g.toLowerCase()))
      steps.push({ op: "AddUserToGroup", params: { userName, groupName: g }, dependsOn: after(), ...here });
  }
  if (i.console) {
    if (!hasLogin)
      steps.push({
        op: "CreateLoginProfile",
        params: { userName, passwordResetRequired: true },
        dependsOn: after(),
        ...here,
      });
    if (!(await canChangePassword(iam, user ? userName : null, groups)))
      steps.push({
        op: "AttachUserPolicy",
        params: { userName, policyArn: CHANGE_PASSWORD_ARN },
        dependsOn: after(),
        ...here,
      });
  }
  if (i.programmatic && !keys.some((k) => k.Status === "Active")) {
    if (keys.length >= 2)
      throw fieldError(
        "programmatic",
        `${userName} already has two (inactive) access keys${where}, the IAM limit; delete one first.`,
      );
    steps.push({ op: "CreateAccessKey", params: { userName }, dependsOn: after(), ...here });
  }
  return { steps, evidence };
}

/**
 * The accounts to onboard into: those the input names; else, when a chosen job role says where
 * its group is (JobRole.accounts), every account of the chosen job roles (a role that does not
 * say counts as the app's own account); else none named — the app's own account, as before.
 */
async function accountsFor(i: UserOnboardInput, roles: Awaited<ReturnType<typeof jobRolesByGroup>>) {
  if (i.accounts) return i.accounts;
  const chosen = i.groups.map((g) => ({ accounts: roles.get(g)?.accounts ?? null }));
  return defaultAccounts(chosen, await config().accountId());
}

/**
 * Onboarding: an IAM user for a person, their job-role groups, and console and/or programmatic
 * access — in the app's own account, or in each of several accounts (`accounts`, defaulting to the
 * job roles' accounts). Each account's steps carry its id and depend only on each other, so one
 * account's failure stops only its own (lib/changes/README.md, "Accounts"). A job role's group is
 * joined only in the accounts where the job role says its group is; other groups in every account.
 */
export const userOnboard = defineKind({
  label: "Onboard",
  input: userOnboardInput,
  async plan(i, ctx) {
    const employee = await db().employee.findUnique({ where: { id: i.employeeId } });
    if (!employee) throw fieldError("employeeId", "That person is not in the directory.");
    if (employee.status !== "active") throw fieldError("employeeId", `${employee.name} was offboarded.`);
    if (employee.iamUserName && employee.iamUserName.toLowerCase() !== i.userName.toLowerCase()) {
      throw fieldError("userName", `${employee.name} is already onboarded as ${employee.iamUserName}.`);
    }
    const owner = await employeeByIamUser(i.userName, employee.id);
    if (owner) throw fieldError("userName", `${i.userName} belongs to ${owner.name}.`);

    const roles = await jobRolesByGroup(i.groups);
    const ids = await accountsFor(i, roles);
    const accounts = await targetAccounts(ids);
    ctx.evidence.employee = employee.email;
    // The title names the person (the e-mail stays in the evidence).
    ctx.evidence.employeeName = employee.name;
    if (!ids) {
      const { steps, evidence } = await accountSteps(i, i.groups, employee, accounts[0], ctx);
      Object.assign(ctx.evidence, evidence);
      return steps;
    }
    const home = await config().accountId();
    const seen: Record<string, unknown> = {};
    const steps: PlannedStep[] = [];
    for (const account of accounts) {
      // A job role's group here only if the job role is here (one that does not say: the app's own
      // account); a group of no job role, in every account.
      const groups = i.groups.filter((g) => {
        const role = roles.get(g);
        return !role || (role.accounts ?? [home]).includes(account.number);
      });
      if (groups.length === 0 && !i.console && !i.programmatic)
        throw fieldError(
          "accounts",
          `None of the chosen job roles has its group in ${account.label}, and no access is chosen: there is nothing to give there.`,
        );
      const mine = await accountSteps(i, groups, employee, account, ctx);
      appendSteps(steps, mine.steps);
      seen[account.id!] = { ...mine.evidence, groups };
    }
    ctx.evidence.accounts = seen;
    return steps;
  },
  summary: (i, evidence) => {
    const n = evidence.accounts ? Object.keys(evidence.accounts as object).length : 0;
    return `Onboard ${evidence.employeeName ?? evidence.employee ?? i.userName} as ${i.userName}${i.groups.length ? ` (${i.groups.join(", ")})` : ""}${n > 1 ? ` in ${n} accounts` : ""}`;
  },
  target: (i) => `user/${i.userName}`,
  async onSucceeded(i, ctx) {
    await db().employee.updateMany({
      where: { id: i.employeeId, iamUserName: null },
      data: { iamUserName: i.userName },
    });
    // Someone without a job role (e.g. added inside the onboarding wizard) gets the one chosen
    // here: the first chosen group that is a job role's. A job role already recorded is kept.
    const roles = await jobRolesByGroup(i.groups);
    const jobRole = i.groups.map((g) => roles.get(g)?.name).find(Boolean);
    if (jobRole)
      await db().employee.updateMany({ where: { id: i.employeeId, jobRole: null }, data: { jobRole } });
    // The users made in other accounts are this person's: linked now, not left as suggestions.
    const home = await config().accountId();
    const made = ctx.steps.filter((s) => s.op === "CreateUser" && s.accountId && s.accountId !== home);
    if (made.length) {
      const { number } = await db().changeRequest.findUniqueOrThrow({ where: { id: ctx.requestId } });
      await linkOnboardedUsers(
        i.employeeId,
        made.map((s) => ({ accountId: s.accountId!, userName: i.userName })),
        `onboarding request #${number}`,
      );
    }
  },
});
