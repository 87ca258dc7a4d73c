import { RULES } from "./params";
import { getGroup, getRole, getUser, type Ctx } from "./state";
import type { InlinePolicy, ManagedPolicy } from "./types";

/** What attach/inline operations need to know about a user, group or role. */
export interface Principal {
  kind: "User" | "Group" | "Role";
  name: string;
  key: string;
  attached: string[];
  inline: Map<string, InlinePolicy>;
  set: (p: ManagedPolicy) => Set<string>;
}

export const KINDS = {
  User: { param: "UserName", rule: RULES.userName, inlineQuota: 2048, noun: "user" },
  Group: { param: "GroupName", rule: RULES.groupName, inlineQuota: 5120, noun: "group" },
  Role: { param: "RoleName", rule: RULES.roleName, inlineQuota: 10240, noun: "role" },
} as const;

export type Kind = keyof typeof KINDS;

export function principal(ctx: Ctx, kind: Kind, name: string): Principal {
  const entity =
    kind === "User" ? getUser(ctx, name) : kind === "Group" ? getGroup(ctx, name) : getRole(ctx, name);
  const set =
    kind === "User"
      ? (p: ManagedPolicy) => p.attachedUsers
      : kind === "Group"
        ? (p: ManagedPolicy) => p.attachedGroups
        : (p: ManagedPolicy) => p.attachedRoles;
  return {
    kind,
    name: entity.name,
    key: entity.name.toLowerCase(),
    attached: entity.attached,
    inline: entity.inline,
    set,
  };
}

export function principalFromParams(ctx: Ctx, kind: Kind): Principal {
  const k = KINDS[kind];
  return principal(ctx, kind, ctx.p.req(k.param, k.rule));
}
