import { UserError } from "@/lib/errors";
import { getRole } from "@/lib/iam";
import { SERVICE_ROLE_TEMPLATES, trustPolicy } from "@/lib/templates";
import { defineKind, type PlannedStep } from "../types";
import { roleCreateInput } from "./role-create.schema";

/** A service role (resource-to-resource access): trust one AWS service, allow one scoped thing. */
export const roleCreate = defineKind({
  label: "Create service role",
  input: roleCreateInput,
  async plan(i, ctx) {
    if (await getRole(ctx.iam, i.roleName))
      throw new UserError(`A role named ${i.roleName} already exists.`, "INVALID_INPUT", {
        roleName: ["Already exists"],
      });
    const template = SERVICE_ROLE_TEMPLATES[i.template];
    const steps: PlannedStep[] = [
      {
        op: "CreateRole",
        params: {
          roleName: i.roleName,
          assumeRolePolicyDocument: trustPolicy(i.service),
          description: `${template.label} (${i.queueArn})`.slice(0, 1000),
        },
      },
      {
        op: "PutRolePolicy",
        params: {
          roleName: i.roleName,
          policyName: template.policyName,
          policyDocument: template.render(i.queueArn),
        },
        dependsOn: [1],
      },
    ];
    if (i.instanceProfile) {
      steps.push({ op: "CreateInstanceProfile", params: { instanceProfileName: i.roleName } });
      steps.push({
        op: "AddRoleToInstanceProfile",
        params: { instanceProfileName: i.roleName, roleName: i.roleName },
        dependsOn: [1, 3],
      });
    }
    return steps;
  },
  summary: (i) => `Create service role ${i.roleName} for ${i.service}`,
  target: (i) => `role/${i.roleName}`,
});
