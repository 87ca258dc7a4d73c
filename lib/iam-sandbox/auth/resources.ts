import type { Ctx } from "../model/state";
import { arn } from "../model/state";
import type { Tag } from "../model/types";

// The resource ARN IAM authorizes each action against (the Service Authorization Reference for
// IAM, docs/iam-facts.md#authorization). IAM names the resource by the request's identifying
// parameter, so one ordered rule per parameter covers every action instead of a table of ~150.

export interface AuthorizedResource {
  arn: string;
  /** the existing entity's tags, for iam:ResourceTag/* */
  tags?: readonly Tag[];
}

const LISTED: Record<string, string> = {
  ListUsers: "user",
  ListGroups: "group",
  ListRoles: "role",
  ListInstanceProfiles: "instance-profile",
};

/** A path-qualified entity ARN: the stored entity's path, else the request's Path, else "/". */
function entity(
  ctx: Ctx,
  kind: "user" | "group" | "role" | "instance-profile",
  name: string,
): AuthorizedResource {
  const s = ctx.state;
  const collection = {
    user: s.users,
    group: s.groups,
    role: s.roles,
    "instance-profile": s.instanceProfiles,
  }[kind];
  const found = collection.get(name.toLowerCase());
  const path = found?.path ?? ctx.p.opt("Path") ?? "/";
  const tags = found && "tags" in found ? (found.tags as Tag[]) : undefined;
  return { arn: `arn:aws:iam::${s.accountId}:${kind}${path}${name}`, tags };
}

/** The signing user, for calls that act on the caller when UserName is omitted. */
function callerUser(ctx: Ctx): AuthorizedResource | undefined {
  const c = ctx.caller;
  if (c.kind !== "user") return undefined;
  const u = ctx.state.users.get(c.user);
  return u ? { arn: arn.user(ctx.state, u), tags: u.tags } : undefined;
}

export function resourceFor(ctx: Ctx, action: string): AuthorizedResource {
  const p = ctx.p;
  const s = ctx.state;
  const star = { arn: "*" };
  const listed = LISTED[action];
  if (listed) {
    const prefix = p.opt("PathPrefix") ?? "/";
    return { arn: `arn:aws:iam::${s.accountId}:${listed}${prefix}` };
  }
  const profile = p.opt("InstanceProfileName");
  if (profile !== undefined) return entity(ctx, "instance-profile", profile);
  // AddUserToGroup and RemoveUserFromGroup name both; IAM authorizes them on the group.
  const group = p.opt("GroupName");
  if (group !== undefined) return entity(ctx, "group", group);
  const role = p.opt("RoleName");
  if (role !== undefined) return entity(ctx, "role", role);
  const user = p.opt("UserName");
  if (user !== undefined) return entity(ctx, "user", user);
  const policy = p.opt("PolicyArn");
  if (policy !== undefined) return { arn: policy };
  // CreatePolicy names the policy it makes (inline Put*Policy calls named their entity above).
  const policyName = p.opt("PolicyName");
  if (policyName !== undefined) return { arn: arn.policy(s, p.opt("Path") ?? "/", policyName) };
  const mfaName = p.opt("VirtualMFADeviceName");
  if (mfaName !== undefined) return { arn: arn.mfa(s, p.opt("Path") ?? "/", mfaName) };
  const serial = p.opt("SerialNumber");
  if (serial?.startsWith("arn:")) return { arn: serial };
  const source = p.opt("PolicySourceArn") ?? p.opt("Arn");
  if (source !== undefined) return { arn: source };
  const keyId = p.opt("AccessKeyId");
  if (keyId !== undefined && action === "GetAccessKeyLastUsed") {
    const owner = s.keyOwners.get(keyId);
    const u = owner ? s.users.get(owner) : undefined;
    if (u) return { arn: arn.user(s, u), tags: u.tags };
  }
  const service = p.opt("AWSServiceName");
  if (service !== undefined) return { arn: `arn:aws:iam::${s.accountId}:role/aws-service-role/${service}/*` };
  // Credential and password calls without UserName act on the signing user.
  if (
    /AccessKey|LoginProfile|SSHPublicKey|SigningCertificate|ServiceSpecificCredential|MFADevice|ChangePassword|GetUser$|ListGroupsForUser/.test(
      action,
    )
  )
    return callerUser(ctx) ?? star;
  return star;
}

/**
 * The role an action hands to a service, which IAM authorizes as iam:PassRole on that role too:
 * AddRoleToInstanceProfile gives the role to whatever EC2 instance gets the profile.
 */
export function passedRole(ctx: Ctx, action: string): AuthorizedResource | undefined {
  const role = ctx.p.opt("RoleName");
  return action === "AddRoleToInstanceProfile" && role !== undefined ? entity(ctx, "role", role) : undefined;
}
