import { IamError, conflict } from "./errors";
import type { HandlerTable } from "./handler";
import { pageByPath, pageOut } from "./paginate";
import { RULES } from "./params";
import { renameIn, updateHandler } from "./rename";
import { addNamed, arn, boundaryOut, getUser, identityOut, tagsOut, type Ctx } from "./state";
import { applyTags, tagHandlers } from "./tags";
import { clearBoundary, setBoundary } from "./boundaries";
import { isoTime } from "../http/xml";
import { newId } from "./ids";
import type { State, User } from "./types";

export const USERS_QUOTA = 5000;

export function userOut(s: State, u: User, withTags: boolean) {
  return {
    ...identityOut(s, "User", u),
    PasswordLastUsed: u.passwordLastUsed ? isoTime(u.passwordLastUsed) : undefined,
    PermissionsBoundary: boundaryOut(u.permissionsBoundary),
    Tags: withTags ? tagsOut(u.tags) : undefined,
  };
}

export function createUser(ctx: Ctx, name: string, path: string, tags: User["tags"]): User {
  const quota = { name: "UsersPerAccount", max: ctx.state.usersQuota ?? USERS_QUOTA };
  return addNamed(ctx.state.users, "User", name, quota, () => ({
    id: newId("AIDA"),
    name,
    path,
    created: ctx.now,
    tags: applyTags([], tags),
    accessKeys: [],
    groups: [],
    attached: [],
    inline: new Map(),
    mfa: [],
    sshKeys: [],
    certs: [],
    serviceCreds: [],
  }));
}

/** AWS refuses DeleteUser while anything still hangs on the user (docs/iam-facts.md#deleting-a-user). */
function deleteUser(ctx: Ctx, name: string): void {
  const u = getUser(ctx, name);
  if (u.loginProfile) throw conflict("Cannot delete entity, must delete login profile first.");
  if (u.accessKeys.length) throw conflict("Cannot delete entity, must delete access keys first.");
  if (u.certs.length) throw conflict("Cannot delete entity, must delete signing certificates first.");
  if (u.sshKeys.length || u.serviceCreds.length)
    throw conflict("Cannot delete entity, must remove referenced objects first.");
  if (u.mfa.length) throw conflict("Cannot delete entity, must delete MFA device first.");
  if (u.inline.size) throw conflict("Cannot delete entity, must delete policies first.");
  if (u.attached.length) throw conflict("Cannot delete entity, must detach all policies first.");
  if (u.groups.length) throw conflict("Cannot delete entity, must remove users from group first.");
  clearBoundary(ctx, u); // a boundary does not block the delete
  ctx.state.users.delete(u.name.toLowerCase());
}

/** Rename keeps UserId, keys and MFA; every index keyed by the old name moves with it. */
function renameUser(ctx: Ctx, u: User, newName: string): void {
  const s = ctx.state;
  const { oldKey, newKey } = renameIn(s.users, "User", u, newName);
  if (newKey === oldKey) return;
  for (const g of u.groups) {
    const members = s.groups.get(g)?.members;
    if (members) {
      members.delete(oldKey);
      members.add(newKey);
    }
  }
  for (const a of u.attached) {
    const set = s.policies.get(a)?.attachedUsers;
    set?.delete(oldKey);
    set?.add(newKey);
  }
  for (const k of u.accessKeys) s.keyOwners.set(k.id, newKey);
  for (const serial of u.mfa) {
    const device = s.mfaDevices.get(serial);
    if (device) device.user = newKey;
  }
}

const userFromParams = (ctx: Ctx) => getUser(ctx, ctx.p.req("UserName", RULES.userName));
const userTags = tagHandlers({ change: userFromParams, order: "by key" });

export const userHandlers: HandlerTable = {
  CreateUser(ctx) {
    const { name, path } = ctx.p.nameAndPath("UserName", RULES.userName);
    const boundary = ctx.p.opt("PermissionsBoundary", RULES.arn);
    const tags = ctx.p.tags();
    if (boundary && !ctx.state.policies.has(boundary))
      throw new IamError("NoSuchEntity", `Scope ARN: ${boundary} does not exist or is not attachable.`);
    const user = createUser(ctx, name, path, tags);
    if (boundary) setBoundary(ctx, user, boundary);
    return { User: userOut(ctx.state, user, true) };
  },
  GetUser(ctx) {
    const name = ctx.p.opt("UserName", RULES.userName);
    if (name === undefined && ctx.caller.kind === "root") {
      // Root credentials: AWS answers with the account identity, without UserName or Path.
      return { User: { UserId: ctx.state.accountId, Arn: arn.root(ctx.state), CreateDate: isoTime(0) } };
    }
    const user =
      name !== undefined ? getUser(ctx, name) : ctx.state.users.get((ctx.caller as { user: string }).user)!;
    return { User: userOut(ctx.state, user, true) };
  },
  ListUsers(ctx) {
    return pageOut("Users", pageByPath(ctx, ctx.state.users), (u) => userOut(ctx.state, u, false));
  },
  UpdateUser: updateHandler("User", userFromParams, renameUser),
  DeleteUser(ctx) {
    deleteUser(ctx, ctx.p.req("UserName", RULES.userName));
    return undefined;
  },
  TagUser: userTags.tag,
  UntagUser: userTags.untag,
  ListUserTags: userTags.list,
};
