import { IamError, conflict, limit, nameTaken } from "./errors";
import type { HandlerTable } from "./handler";
import { newId } from "./ids";
import { pageByPath, pageOut } from "./paginate";
import { RULES } from "./params";
import { policySize, validatePolicyDocument } from "./policy-doc";
import { boundaryOut, getRole, identityOut, tagsOut, type Ctx } from "./state";
import { applyTags, tagHandlers } from "./tags";
import { clearBoundary, setBoundary } from "./boundaries";
import { encodePolicy } from "../http/xml";
import type { Role, State } from "./types";

export const ROLES_QUOTA = 1000;
export const TRUST_POLICY_SIZE = 2048;

export function roleOut(s: State, r: Role, detail: boolean) {
  return {
    ...identityOut(s, "Role", r),
    AssumeRolePolicyDocument: encodePolicy(r.trustPolicy),
    Description: r.description,
    MaxSessionDuration: r.maxSessionDuration,
    PermissionsBoundary: detail ? boundaryOut(r.permissionsBoundary) : undefined,
    Tags: detail ? tagsOut(r.tags) : undefined,
    RoleLastUsed: detail ? {} : undefined,
  };
}

function checkTrustPolicy(document: string): void {
  validatePolicyDocument(document, "trust");
  if (policySize(document) > TRUST_POLICY_SIZE) throw limit("ACLSizePerRole", TRUST_POLICY_SIZE);
}

export function createRole(
  ctx: Ctx,
  input: {
    name: string;
    path: string;
    trustPolicy: string;
    description?: string;
    maxSessionDuration?: number;
    tags?: Role["tags"];
  },
): Role {
  const s = ctx.state;
  if (s.roles.has(input.name.toLowerCase())) throw nameTaken("Role", input.name);
  checkTrustPolicy(input.trustPolicy);
  if (s.roles.size >= ROLES_QUOTA) throw limit("RolesPerAccount", ROLES_QUOTA);
  const role: Role = {
    id: newId("AROA"),
    name: input.name,
    path: input.path,
    created: ctx.now,
    trustPolicy: input.trustPolicy,
    description: input.description,
    maxSessionDuration: input.maxSessionDuration ?? 3600,
    tags: applyTags([], input.tags ?? []),
    attached: [],
    inline: new Map(),
    instanceProfiles: new Set(),
  };
  s.roles.set(input.name.toLowerCase(), role);
  return role;
}

const roleFromParams = (ctx: Ctx) => getRole(ctx, ctx.p.req("RoleName", RULES.roleName));
const roleTags = tagHandlers({ change: roleFromParams, order: "by key" });

export const isServiceLinked = (role: Role) => role.path.startsWith("/aws-service-role/");

/** Refuses a change to a role only its service may change. */
export function assertModifiable(role: Role): void {
  if (isServiceLinked(role))
    throw new IamError(
      "UnmodifiableEntity",
      `Cannot perform the operation on the protected role '${role.name}' - this role is only modifiable by AWS`,
    );
}

export const roleHandlers: HandlerTable = {
  CreateRole(ctx) {
    const { name, path } = ctx.p.nameAndPath("RoleName", RULES.roleName);
    const trustPolicy = ctx.p.req("AssumeRolePolicyDocument", RULES.document);
    const description = ctx.p.opt("Description", RULES.description);
    const maxSessionDuration = ctx.p.int("MaxSessionDuration", 3600, 43200);
    const boundary = ctx.p.opt("PermissionsBoundary", RULES.arn);
    if (boundary && !ctx.state.policies.has(boundary))
      throw new IamError("NoSuchEntity", `Scope ARN: ${boundary} does not exist or is not attachable.`);
    const role = createRole(ctx, {
      name,
      path,
      trustPolicy,
      description,
      maxSessionDuration,
      tags: ctx.p.tags(),
    });
    if (boundary) setBoundary(ctx, role, boundary);
    return { Role: roleOut(ctx.state, role, true) };
  },
  GetRole(ctx) {
    return { Role: roleOut(ctx.state, roleFromParams(ctx), true) };
  },
  ListRoles(ctx) {
    return pageOut("Roles", pageByPath(ctx, ctx.state.roles), (r) => roleOut(ctx.state, r, false));
  },
  UpdateRole(ctx) {
    const role = roleFromParams(ctx);
    const description = ctx.p.opt("Description", RULES.description);
    const max = ctx.p.int("MaxSessionDuration", 3600, 43200);
    if (description !== undefined) role.description = description;
    if (max !== undefined) role.maxSessionDuration = max;
    return {};
  },
  UpdateRoleDescription(ctx) {
    const role = roleFromParams(ctx);
    role.description = ctx.p.req("Description", RULES.description);
    return { Role: roleOut(ctx.state, role, true) };
  },
  UpdateAssumeRolePolicy(ctx) {
    const role = roleFromParams(ctx);
    assertModifiable(role);
    const document = ctx.p.req("PolicyDocument", RULES.document);
    checkTrustPolicy(document);
    role.trustPolicy = document;
    return undefined;
  },
  DeleteRole(ctx) {
    const role = roleFromParams(ctx);
    assertModifiable(role);
    if (role.instanceProfiles.size)
      throw conflict("Cannot delete entity, must remove roles from instance profile first.");
    if (role.attached.length) throw conflict("Cannot delete entity, must detach all policies first.");
    if (role.inline.size) throw conflict("Cannot delete entity, must delete policies first.");
    clearBoundary(ctx, role);
    ctx.state.roles.delete(role.name.toLowerCase());
    return undefined;
  },
  TagRole: roleTags.tag,
  UntagRole: roleTags.untag,
  ListRoleTags: roleTags.list,
};
