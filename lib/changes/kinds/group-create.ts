import { fieldError } from "@/lib/errors";
import { getGroup, getPolicy } from "@/lib/iam";
import { createJobRole, jobRoleTaken } from "@/lib/job-roles";
import { config } from "../context";
import { defineKind, type PlannedStep } from "../types";
import { groupCreateInput } from "./group-create.schema";

/** A job role: an IAM group with published template policies (and AWS-managed ones) attached. */
export const groupCreate = defineKind({
  label: "Create job role",
  input: groupCreateInput,
  async plan(i, ctx) {
    if (await jobRoleTaken(i.jobRole, i.groupName))
      throw fieldError("jobRole", "A job role with that name or group already exists.");
    if (await getGroup(ctx.iam, i.groupName))
      throw fieldError("groupName", `An IAM group named ${i.groupName} already exists.`);
    const account = await config().accountId();
    const arns: string[] = [];
    for (const t of i.templates) {
      const arn = `arn:aws:iam::${account}:policy/${t}`;
      if (!(await getPolicy(ctx.iam, arn)))
        throw fieldError("templates", `Template ${t} is not published yet; publish it first.`);
      arns.push(arn);
    }
    for (const arn of i.managedPolicyArns) {
      if (!(await getPolicy(ctx.iam, arn))) throw fieldError("managedPolicyArns", `${arn} does not exist.`);
      arns.push(arn);
    }
    const steps: PlannedStep[] = [{ op: "CreateGroup", params: { groupName: i.groupName } }];
    for (const policyArn of arns)
      steps.push({ op: "AttachGroupPolicy", params: { groupName: i.groupName, policyArn }, dependsOn: [1] });
    return steps;
  },
  summary: (i) => `Create job role ${i.jobRole} (group ${i.groupName})`,
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
    });
  },
});
