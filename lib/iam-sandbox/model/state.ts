import { IamError, limit, nameTaken, noSuchGroup, noSuchRole, noSuchUser } from "./errors";
import type { Params } from "./params";
import type { Group, InstanceProfile, ManagedPolicy, Role, Session, State, User } from "./types";
import { awsManagedPolicies } from "./aws-managed";
import { SortedMap } from "./sorted-map";
import { isoTime } from "../http/xml";
import type { Accounts } from "./accounts";

/** Set when the caller signs with temporary credentials (GetSessionToken, AssumeRole). */
export type SessionInfo = Pick<
  Session,
  "issued" | "mfa" | "tags" | "transitiveTagKeys" | "policy" | "policyArns"
>;

/**
 * Who signed the request. `user` and `role` are lower-case names (the keys of state.users and
 * state.roles); a role caller always holds a session from AssumeRole, named `sessionName`.
 */
export type Caller =
  | { kind: "user"; user: string; keyId: string; session?: SessionInfo }
  | { kind: "role"; role: string; sessionName: string; keyId: string; session: SessionInfo }
  | { kind: "root"; keyId?: string; session?: SessionInfo };

/** Everything one operation may read: the model, the clock, the caller, the request. */
export interface Ctx {
  state: State;
  now: number;
  /** fault injection: entities younger than this stay invisible (eventual consistency) */
  hideNewerThanMs: number;
  caller: Caller;
  p: Params;
  /** where the request came from (authorization's aws:SourceIp and aws:RequestedRegion) */
  request?: { sourceIp: string; region: string };
  /** every account of the sandbox (ctx.state is the caller's), for AssumeRole across accounts */
  accounts?: Accounts;
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

/** How STS names an AssumeRole session: arn:aws:sts::ACCT:assumed-role/ROLE/SESSION. */
export const assumedRoleArn = (s: State, r: { name: string }, session: string) =>
  `arn:aws:sts::${s.accountId}:assumed-role/${r.name}/${session}`;

const ARN_OF = { User: arn.user, Group: arn.group, Role: arn.role, InstanceProfile: arn.instanceProfile };

/**
 * Path, <Kind>Name, <Kind>Id, Arn and CreateDate, in this order: how every IAM answer starts
 * describing a user, group, role or instance profile (e.g. Path, UserName, UserId, …).
 */
export function identityOut(
  s: State,
  kind: keyof typeof ARN_OF,
  e: { path: string; name: string; id: string; created: number },
) {
  return {
    Path: e.path,
    [`${kind}Name`]: e.name,
    [`${kind}Id`]: e.id,
    Arn: ARN_OF[kind](s, e),
    CreateDate: isoTime(e.created),
  };
}

export function boundaryOut(policyArn: string | undefined) {
  return policyArn
    ? { PermissionsBoundaryType: "PermissionsBoundaryPolicy", PermissionsBoundaryArn: policyArn }
    : undefined;
}

export function visible(ctx: Ctx, created: number): boolean {
  return ctx.hideNewerThanMs <= 0 || created + ctx.hideNewerThanMs <= ctx.now;
}

/** No path filter and no consistency delay: a list call can use the collection as is. */
export function everything(ctx: Ctx, prefix: string): boolean {
  return prefix === "/" && ctx.hideNewerThanMs <= 0;
}

/** The entity if it exists and is visible yet (eventual consistency); else IAM's NoSuchEntity. */
function found<T extends { created: number }>(ctx: Ctx, entity: T | undefined, notFound: () => IamError): T {
  if (!entity || !visible(ctx, entity.created)) throw notFound();
  return entity;
}

export function getUser(ctx: Ctx, name: string): User {
  return found(ctx, ctx.state.users.get(name.toLowerCase()), () => noSuchUser(name));
}

export function getGroup(ctx: Ctx, name: string): Group {
  return found(ctx, ctx.state.groups.get(name.toLowerCase()), () => noSuchGroup(name));
}

export function getRole(ctx: Ctx, name: string): Role {
  return found(ctx, ctx.state.roles.get(name.toLowerCase()), () => noSuchRole(name));
}

export function getInstanceProfile(ctx: Ctx, name: string): InstanceProfile {
  return found(
    ctx,
    ctx.state.instanceProfiles.get(name.toLowerCase()),
    () => new IamError("NoSuchEntity", `Instance Profile ${name} cannot be found.`),
  );
}

export function getPolicy(ctx: Ctx, policyArn: string): ManagedPolicy {
  return found(
    ctx,
    ctx.state.policies.get(policyArn),
    () => new IamError("NoSuchEntity", `Policy ${policyArn} does not exist or is not attachable.`),
  );
}

/**
 * CreateUser/CreateGroup: IAM refuses a name already taken (in any case) and a full quota;
 * otherwise the entity `make` builds is stored under its lower-cased name.
 */
export function addNamed<T>(
  entities: SortedMap<T>,
  kind: "User" | "Group",
  name: string,
  quota: { name: string; max: number },
  make: () => T,
): T {
  if (entities.has(name.toLowerCase())) throw nameTaken(kind, name);
  if (entities.size >= quota.max) throw limit(quota.name, quota.max);
  const entity = make();
  entities.set(name.toLowerCase(), entity);
  return entity;
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
