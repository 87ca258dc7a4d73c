import { IamError, conflict, limit } from "./errors";
import type { HandlerTable } from "./handler";
import { newId } from "./ids";
import { byKey, pageByPath, pageOut, paginate } from "./paginate";
import { RULES } from "./params";
import { getInstanceProfile, getRole, identityOut, tagsOut, type Ctx } from "./state";
import { roleOut } from "./roles";
import { applyTags } from "./tags";
import type { InstanceProfile, State } from "./types";

export function instanceProfileOut(s: State, ip: InstanceProfile) {
  return {
    ...identityOut(s, "InstanceProfile", ip),
    Roles: ip.roles
      .map((r) => s.roles.get(r))
      .filter((r) => r !== undefined)
      .map((r) => roleOut(s, r!, false)),
    Tags: tagsOut(ip.tags),
  };
}

export function createInstanceProfile(
  ctx: Ctx,
  name: string,
  path: string,
  tags: InstanceProfile["tags"] = [],
): InstanceProfile {
  const s = ctx.state;
  if (s.instanceProfiles.has(name.toLowerCase()))
    throw new IamError("EntityAlreadyExists", `Instance Profile ${name} already exists.`);
  if (s.instanceProfiles.size >= 1000) throw limit("InstanceProfilesPerAccount", 1000);
  const ip: InstanceProfile = {
    id: newId("AIPA"),
    name,
    path,
    created: ctx.now,
    roles: [],
    tags: applyTags([], tags),
  };
  s.instanceProfiles.set(name.toLowerCase(), ip);
  return ip;
}

export function addRoleToInstanceProfile(ctx: Ctx, profileName: string, roleName: string): void {
  const ip = getInstanceProfile(ctx, profileName);
  const role = getRole(ctx, roleName);
  // An instance profile holds one role; AWS reports the second as a quota breach.
  if (ip.roles.length >= 1) throw limit("InstanceSessionsPerInstanceProfile", 1);
  ip.roles.push(role.name.toLowerCase());
  role.instanceProfiles.add(ip.name.toLowerCase());
}

export const instanceProfileHandlers: HandlerTable = {
  CreateInstanceProfile(ctx) {
    const { name, path } = ctx.p.nameAndPath("InstanceProfileName", RULES.instanceProfileName);
    return {
      InstanceProfile: instanceProfileOut(ctx.state, createInstanceProfile(ctx, name, path, ctx.p.tags())),
    };
  },
  GetInstanceProfile(ctx) {
    const ip = getInstanceProfile(ctx, ctx.p.req("InstanceProfileName", RULES.instanceProfileName));
    return { InstanceProfile: instanceProfileOut(ctx.state, ip) };
  },
  ListInstanceProfiles(ctx) {
    return pageOut("InstanceProfiles", pageByPath(ctx, ctx.state.instanceProfiles), (ip) =>
      instanceProfileOut(ctx.state, ip),
    );
  },
  DeleteInstanceProfile(ctx) {
    const ip = getInstanceProfile(ctx, ctx.p.req("InstanceProfileName", RULES.instanceProfileName));
    if (ip.roles.length)
      throw conflict("Cannot delete entity, must remove roles from instance profile first.");
    ctx.state.instanceProfiles.delete(ip.name.toLowerCase());
    return undefined;
  },
  AddRoleToInstanceProfile(ctx) {
    const profile = ctx.p.req("InstanceProfileName", RULES.instanceProfileName);
    addRoleToInstanceProfile(ctx, profile, ctx.p.req("RoleName", RULES.roleName));
    return undefined;
  },
  RemoveRoleFromInstanceProfile(ctx) {
    const ip = getInstanceProfile(ctx, ctx.p.req("InstanceProfileName", RULES.instanceProfileName));
    const role = getRole(ctx, ctx.p.req("RoleName", RULES.roleName));
    const key = role.name.toLowerCase();
    if (!ip.roles.includes(key))
      throw new IamError(
        "NoSuchEntity",
        `The role with name ${role.name} cannot be found in instance profile ${ip.name}.`,
      );
    ip.roles = ip.roles.filter((r) => r !== key);
    role.instanceProfiles.delete(ip.name.toLowerCase());
    return undefined;
  },
  ListInstanceProfilesForRole(ctx) {
    const role = getRole(ctx, ctx.p.req("RoleName", RULES.roleName));
    const list = [...role.instanceProfiles].map((k) => ctx.state.instanceProfiles.get(k)!).filter(Boolean);
    const page = paginate(
      byKey(list, (ip) => ip.name.toLowerCase()),
      (ip) => ip.name.toLowerCase(),
      ctx.p,
    );
    return pageOut("InstanceProfiles", page, (ip) => instanceProfileOut(ctx.state, ip));
  },
};
