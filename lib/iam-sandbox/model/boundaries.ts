import { IamError } from "./errors";
import type { HandlerTable } from "./handler";
import { RULES } from "./params";
import { assertModifiable } from "./roles";
import { getRole, getUser, type Ctx } from "./state";

// Permissions boundaries of users and roles: set at creation (CreateUser/CreateRole) or later with
// Put…PermissionsBoundary, removed with Delete…PermissionsBoundary. Each managed policy counts the
// entities it bounds (PermissionsBoundaryUsageCount).

type Bounded = { permissionsBoundary?: string };

/** Sets `arn` as the entity's boundary, replacing any earlier one. */
export function setBoundary(ctx: Ctx, entity: Bounded, arn: string): void {
  const policy = ctx.state.policies.get(arn);
  if (!policy) throw new IamError("NoSuchEntity", `Scope ARN: ${arn} does not exist or is not attachable.`);
  clearBoundary(ctx, entity);
  entity.permissionsBoundary = arn;
  policy.boundaryCount++;
}

/** Removes the entity's boundary, if it has one. */
export function clearBoundary(ctx: Ctx, entity: Bounded): void {
  const previous = entity.permissionsBoundary && ctx.state.policies.get(entity.permissionsBoundary);
  if (previous) previous.boundaryCount--;
  entity.permissionsBoundary = undefined;
}

const user = (ctx: Ctx) => getUser(ctx, ctx.p.req("UserName", RULES.userName));
const role = (ctx: Ctx) => getRole(ctx, ctx.p.req("RoleName", RULES.roleName));
const boundaryArn = (ctx: Ctx) => ctx.p.req("PermissionsBoundary", RULES.arn);

export const boundaryHandlers: HandlerTable = {
  PutUserPermissionsBoundary(ctx) {
    setBoundary(ctx, user(ctx), boundaryArn(ctx));
    return undefined;
  },
  DeleteUserPermissionsBoundary(ctx) {
    clearBoundary(ctx, user(ctx));
    return undefined;
  },
  PutRolePermissionsBoundary(ctx) {
    const r = role(ctx);
    assertModifiable(r);
    setBoundary(ctx, r, boundaryArn(ctx));
    return undefined;
  },
  DeleteRolePermissionsBoundary(ctx) {
    clearBoundary(ctx, role(ctx));
    return undefined;
  },
};
