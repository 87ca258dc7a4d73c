import { randomUUID } from "node:crypto";
import { IamError, invalidInput } from "./errors";
import type { HandlerTable } from "./handler";
import { RULES } from "./params";
import { createRole, isServiceLinked, roleOut } from "./roles";
import { getRole } from "./state";

// Service-linked roles (docs/iam-facts.md#service-linked-roles): made for an AWS service, named
// AWSServiceRoleFor…, under /aws-service-role/<service principal>/, trusting only that service.
// Only the service may change them: DeleteRole and the like answer UnmodifiableEntity, and
// DeleteServiceLinkedRole starts a deletion task whose status can be asked for.

/** The role names AWS gives some services' service-linked roles; others get the service's prefix. */
const ROLE_SUFFIX: Record<string, string> = {
  autoscaling: "AutoScaling",
  elasticbeanstalk: "ElasticBeanstalk",
  elasticloadbalancing: "ElasticLoadBalancing",
  organizations: "Organizations",
  rds: "RDS",
  ecs: "ECS",
  support: "Support",
  trustedadvisor: "TrustedAdvisor",
  sso: "SSO",
};

function roleNameFor(service: string, suffix: string | undefined): string {
  const prefix = service.slice(0, -".amazonaws.com".length);
  const base = ROLE_SUFFIX[prefix] ?? prefix.charAt(0).toUpperCase() + prefix.slice(1);
  return `AWSServiceRoleFor${base}${suffix ? `_${suffix}` : ""}`;
}

export const serviceLinkedRoleHandlers: HandlerTable = {
  CreateServiceLinkedRole(ctx) {
    const service = ctx.p.req("AWSServiceName", { min: 1, max: 128 });
    if (!/^[a-z0-9.-]+\.amazonaws\.com$/.test(service))
      throw invalidInput(`Invalid service name: ${service}.`);
    const suffix = ctx.p.opt("CustomSuffix", { min: 1, max: 64 });
    const name = roleNameFor(service, suffix);
    if (ctx.state.roles.has(name.toLowerCase()))
      throw invalidInput(
        `Service role name ${name} has been taken in this account, please try a different suffix.`,
      );
    const trust = {
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { Service: [service] }, Action: ["sts:AssumeRole"] }],
    };
    const role = createRole(ctx, {
      name,
      path: `/aws-service-role/${service}/`,
      trustPolicy: JSON.stringify(trust),
      description: ctx.p.opt("Description", RULES.description),
    });
    return { Role: roleOut(ctx.state, role, true) };
  },
  DeleteServiceLinkedRole(ctx) {
    const role = getRole(ctx, ctx.p.req("RoleName", RULES.roleName));
    if (!isServiceLinked(role)) throw invalidInput(`Role ${role.name} is not a service-linked role.`);
    const service = role.path.split("/")[2];
    ctx.state.roles.delete(role.name.toLowerCase());
    const taskId = `task/aws-service-role/${service}/${role.name}/${randomUUID()}`;
    (ctx.state.serviceLinkedRoleDeletions ??= new Map()).set(taskId, "SUCCEEDED");
    return { DeletionTaskId: taskId };
  },
  GetServiceLinkedRoleDeletionStatus(ctx) {
    const taskId = ctx.p.req("DeletionTaskId", { min: 1, max: 1000 });
    const status = ctx.state.serviceLinkedRoleDeletions?.get(taskId);
    if (!status) throw new IamError("NoSuchEntity", `Deletion task ${taskId} cannot be found.`);
    return { Status: status };
  },
};
