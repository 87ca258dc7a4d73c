import { conflict, limit } from "./errors";
import type { Handler, HandlerTable } from "./handler";
import { newId } from "./ids";
import { pageByPath, pageOut, paginateOrdered } from "./paginate";
import { RULES } from "./params";
import { renameIn, updateHandler } from "./rename";
import { addNamed, getGroup, getUser, identityOut, visible, type Ctx } from "./state";
import { userOut } from "./users";
import type { Group, State } from "./types";

export const GROUPS_QUOTA = 300;
export const GROUPS_PER_USER = 10;

export function groupOut(s: State, g: Group) {
  return identityOut(s, "Group", g);
}

export function createGroup(ctx: Ctx, name: string, path: string): Group {
  const quota = { name: "GroupsPerAccount", max: GROUPS_QUOTA };
  return addNamed(ctx.state.groups, "Group", name, quota, () => ({
    id: newId("AGPA"),
    name,
    path,
    created: ctx.now,
    members: new Set(),
    attached: [],
    inline: new Map(),
  }));
}

export function addUserToGroup(ctx: Ctx, groupName: string, userName: string): void {
  const group = getGroup(ctx, groupName);
  const user = getUser(ctx, userName);
  const g = group.name.toLowerCase();
  if (user.groups.includes(g)) return; // repeating is harmless in AWS too
  if (user.groups.length >= GROUPS_PER_USER) throw limit("GroupsPerUser", GROUPS_PER_USER);
  user.groups.push(g);
  group.members.add(user.name.toLowerCase());
}

function removeUserFromGroup(ctx: Ctx, groupName: string, userName: string): void {
  const group = getGroup(ctx, groupName);
  const user = getUser(ctx, userName);
  const g = group.name.toLowerCase();
  user.groups = user.groups.filter((x) => x !== g);
  group.members.delete(user.name.toLowerCase());
}

function renameGroup(ctx: Ctx, group: Group, newName: string): void {
  const s = ctx.state;
  const { oldKey, newKey } = renameIn(s.groups, "Group", group, newName);
  if (newKey === oldKey) return;
  for (const m of group.members) {
    const u = s.users.get(m);
    if (u) u.groups = u.groups.map((x) => (x === oldKey ? newKey : x));
  }
  for (const a of group.attached) {
    const set = s.policies.get(a)?.attachedGroups;
    set?.delete(oldKey);
    set?.add(newKey);
  }
}

const groupFromParams = (ctx: Ctx) => getGroup(ctx, ctx.p.req("GroupName", RULES.groupName));

/** AddUserToGroup and RemoveUserFromGroup: GroupName, then UserName; no answer. */
const membershipChange =
  (change: (ctx: Ctx, groupName: string, userName: string) => void): Handler =>
  (ctx) => {
    const groupName = ctx.p.req("GroupName", RULES.groupName);
    change(ctx, groupName, ctx.p.req("UserName", RULES.userName));
    return undefined;
  };

export const groupHandlers: HandlerTable = {
  CreateGroup(ctx) {
    const { name, path } = ctx.p.nameAndPath("GroupName", RULES.groupName);
    return { Group: groupOut(ctx.state, createGroup(ctx, name, path)) };
  },
  GetGroup(ctx) {
    const group = groupFromParams(ctx);
    const members = [...group.members]
      .map((m) => ctx.state.users.get(m)!)
      .filter((u) => u && visible(ctx, u.created));
    return {
      Group: groupOut(ctx.state, group),
      ...pageOut("Users", paginateOrdered(members, ctx.p), (u) => userOut(ctx.state, u, false)),
    };
  },
  ListGroups(ctx) {
    return pageOut("Groups", pageByPath(ctx, ctx.state.groups), (g) => groupOut(ctx.state, g));
  },
  UpdateGroup: updateHandler("Group", groupFromParams, renameGroup),
  DeleteGroup(ctx) {
    const group = groupFromParams(ctx);
    if (group.members.size) throw conflict("Cannot delete entity, must remove users from group first.");
    if (group.attached.length) throw conflict("Cannot delete entity, must detach all policies first.");
    if (group.inline.size) throw conflict("Cannot delete entity, must delete policies first.");
    ctx.state.groups.delete(group.name.toLowerCase());
    return undefined;
  },
  AddUserToGroup: membershipChange(addUserToGroup),
  RemoveUserFromGroup: membershipChange(removeUserFromGroup),
  ListGroupsForUser(ctx) {
    const user = getUser(ctx, ctx.p.req("UserName", RULES.userName));
    const groups = user.groups.map((g) => ctx.state.groups.get(g)!).filter(Boolean);
    return pageOut("Groups", paginateOrdered(groups, ctx.p), (g) => groupOut(ctx.state, g));
  },
};
