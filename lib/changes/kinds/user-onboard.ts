import type { IAMClient } from "@aws-sdk/client-iam";
import { employeeByIamUser } from "@/lib/people";
import { CHANGE_PASSWORD_ARN } from "@/lib/templates";
import { db } from "@/lib/db";
import { fieldError } from "@/lib/errors";
import {
  accessKeysOf,
  attachedGroupPolicies,
  attachedUserPolicies,
  getUser,
  groupsOfUser,
  loginProfile,
  requireGroup,
} from "@/lib/iam";
import { defineKind, type PlannedStep } from "../types";
import { userOnboardInput } from "./user-onboard.schema";

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

/**
 * Onboarding: an IAM user for a person, their job-role groups, and console and/or programmatic
 * access. Planned from live state, so running it again for someone half-onboarded plans only
 * what is missing.
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
    for (const g of i.groups) await requireGroup(ctx.iam, g, "groups");

    const user = await getUser(ctx.iam, i.userName);
    if (user && !employee.iamUserName) {
      // Names are unique ignoring case; an existing user that nobody owns must be linked on purpose.
      throw fieldError(
        "userName",
        `An IAM user named ${user.UserName} already exists. Pick another name, or link that user to ${employee.name} on the People page first.`,
      );
    }
    const userName = user?.UserName ?? i.userName;
    const groupsBefore = user ? await groupsOfUser(ctx.iam, userName) : [];
    const hasLogin = user ? Boolean(await loginProfile(ctx.iam, userName)) : false;
    const keys = user ? await accessKeysOf(ctx.iam, userName) : [];
    Object.assign(ctx.evidence, {
      employee: employee.email,
      userExisted: Boolean(user),
      groupsBefore,
      consoleBefore: hasLogin,
      activeKeysBefore: keys.filter((k) => k.Status === "Active").length,
    });

    const steps: PlannedStep[] = [];
    const after = (): number[] => (user ? [] : [1]);
    if (!user)
      steps.push({ op: "CreateUser", params: { userName, tags: [{ Key: "email", Value: employee.email }] } });
    for (const g of i.groups) {
      if (!groupsBefore.some((b) => b.toLowerCase() === g.toLowerCase()))
        steps.push({ op: "AddUserToGroup", params: { userName, groupName: g }, dependsOn: after() });
    }
    if (i.console) {
      if (!hasLogin)
        steps.push({
          op: "CreateLoginProfile",
          params: { userName, passwordResetRequired: true },
          dependsOn: after(),
        });
      if (!(await canChangePassword(ctx.iam, user ? userName : null, i.groups)))
        steps.push({
          op: "AttachUserPolicy",
          params: { userName, policyArn: CHANGE_PASSWORD_ARN },
          dependsOn: after(),
        });
    }
    if (i.programmatic && !keys.some((k) => k.Status === "Active")) {
      if (keys.length >= 2)
        throw fieldError(
          "programmatic",
          `${userName} already has two (inactive) access keys, the IAM limit; delete one first.`,
        );
      steps.push({ op: "CreateAccessKey", params: { userName }, dependsOn: after() });
    }
    return steps;
  },
  summary: (i, evidence) =>
    `Onboard ${evidence.employee ?? i.userName} as ${i.userName}${i.groups.length ? ` (${i.groups.join(", ")})` : ""}`,
  target: (i) => `user/${i.userName}`,
  async onSucceeded(i) {
    await db().employee.updateMany({
      where: { id: i.employeeId, iamUserName: null },
      data: { iamUserName: i.userName },
    });
  },
});
