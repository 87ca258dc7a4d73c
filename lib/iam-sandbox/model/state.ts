import { IamError, noSuchGroup, noSuchRole, noSuchUser } from "./errors";
import type { Params } from "./params";
import type { Group, InstanceProfile, ManagedPolicy, Role, State, User } from "./types";
import { awsManagedPolicies } from "./aws-managed";
import { SortedMap } from "./sorted-map";

export type Caller = { kind: "user"; user: string; keyId: string } | { kind: "root"; keyId?: string };

/** Everything one operation may read: the model, the clock, the caller, the request. */
export interface Ctx {
  state: State;
  now: number;
  /** fault injection: entities younger than this stay invisible (eventual consistency) */
  hideNewerThanMs: number;
  caller: Caller;
  p: Params;
}

export function emptyState(accountId: string): State {
  const state: State = {
    accountId,
    users: new SortedMap(),
    groups: new SortedMap(),
    roles: new SortedMap(),
    policies: new SortedMap(),
    policyNames: new Map(),
    instanceProfiles: new SortedMap(),
    mfaDevices: new Map(),
    keyOwners: new Map(),
  };
  for (const policy of awsManagedPolicies()) state.policies.set(policy.arn, policy);
  return state;
}

export const arn = {
  user: (s: State, u: { path: string; name: string }) => `arn:aws:iam::${s.accountId}:user${u.path}${u.name}`,
  group: (s: State, g: { path: string; name: string }) =>
    `arn:aws:iam::${s.accountId}:group${g.path}${g.name}`,
  role: (s: State, r: { path: string; name: string }) => `arn:aws:iam::${s.accountId}:role${r.path}${r.name}`,
  policy: (s: State, path: string, name: string) => `arn:aws:iam::${s.accountId}:policy${path}${name}`,
  instanceProfile: (s: State, ip: { path: string; name: string }) =>
    `arn:aws:iam::${s.accountId}:instance-profile${ip.path}${ip.name}`,
  mfa: (s: State, path: string, name: string) => `arn:aws:iam::${s.accountId}:mfa${path}${name}`,
  root: (s: State) => `arn:aws:iam::${s.accountId}:root`,
};

export function visible(ctx: Ctx, created: number): boolean {
  return ctx.hideNewerThanMs <= 0 || created + ctx.hideNewerThanMs <= ctx.now;
}

/** No path filter and no consistency delay: a list call can use the collection as is. */
export function everything(ctx: Ctx, prefix: string): boolean {
  return prefix === "/" && ctx.hideNewerThanMs <= 0;
}

export function getUser(ctx: Ctx, name: string): User {
  const user = ctx.state.users.get(name.toLowerCase());
  if (!user || !visible(ctx, user.created)) throw noSuchUser(name);
  return user;
}

export function getGroup(ctx: Ctx, name: string): Group {
  const group = ctx.state.groups.get(name.toLowerCase());
  if (!group || !visible(ctx, group.created)) throw noSuchGroup(name);
  return group;
}

export function getRole(ctx: Ctx, name: string): Role {
  const role = ctx.state.roles.get(name.toLowerCase());
  if (!role || !visible(ctx, role.created)) throw noSuchRole(name);
  return role;
}

export function getInstanceProfile(ctx: Ctx, name: string): InstanceProfile {
  const ip = ctx.state.instanceProfiles.get(name.toLowerCase());
  if (!ip || !visible(ctx, ip.created))
    throw new IamError("NoSuchEntity", `Instance Profile ${name} cannot be found.`);
  return ip;
}

export function getPolicy(ctx: Ctx, policyArn: string): ManagedPolicy {
  const policy = ctx.state.policies.get(policyArn);
  if (!policy || !visible(ctx, policy.created))
    throw new IamError("NoSuchEntity", `Policy ${policyArn} does not exist or is not attachable.`);
  return policy;
}

/** Calls that omit UserName act on the owner of the signing key (docs/iam-facts.md#requests-and-signing). */
export function userOrCaller(ctx: Ctx, param: string | undefined): User | undefined {
  if (param !== undefined) return getUser(ctx, param);
  if (ctx.caller.kind === "user") return ctx.state.users.get(ctx.caller.user);
  return undefined;
}

export function tagsOut(tags: { Key: string; Value: string }[]) {
  return tags.length ? tags.map((t) => ({ Key: t.Key, Value: t.Value })) : undefined;
}
