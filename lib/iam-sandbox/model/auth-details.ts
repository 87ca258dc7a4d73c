import type { HandlerTable } from "./handler";
import { attachmentCount, policyOut, versionOut } from "./policies";
import { paginate } from "./paginate";
import { check } from "./params";
import { instanceProfileOut } from "./instance-profiles";
import { boundaryOut, identityOut, tagsOut, visible, type Ctx } from "./state";
import { encodePolicy, type XmlValue } from "../http/xml";
import type { Group, InlinePolicy, ManagedPolicy, Role, State, User } from "./types";

const FILTERS = ["User", "Role", "Group", "LocalManagedPolicy", "AWSManagedPolicy"] as const;
type Filter = (typeof FILTERS)[number];

type Entry =
  | { key: string; kind: "User"; v: User }
  | { key: string; kind: "Group"; v: Group }
  | { key: string; kind: "Role"; v: Role }
  | { key: string; kind: "Policy"; v: ManagedPolicy };

const inlineOut = (m: Map<string, InlinePolicy>) =>
  [...m.values()].map((p) => ({ PolicyName: p.name, PolicyDocument: encodePolicy(p.document) }));

function attachedOut(s: State, arns: string[]) {
  return arns.map((a) => ({ PolicyName: s.policies.get(a)?.name ?? a.split("/").pop()!, PolicyArn: a }));
}

function entryOut(s: State, e: Entry): XmlValue {
  switch (e.kind) {
    case "User": {
      const u = e.v;
      return {
        ...identityOut(s, "User", u),
        UserPolicyList: inlineOut(u.inline),
        GroupList: u.groups.map((g) => s.groups.get(g)?.name ?? g),
        AttachedManagedPolicies: attachedOut(s, u.attached),
        PermissionsBoundary: boundaryOut(u.permissionsBoundary),
        Tags: tagsOut(u.tags),
      };
    }
    case "Group": {
      const g = e.v;
      return {
        ...identityOut(s, "Group", g),
        GroupPolicyList: inlineOut(g.inline),
        AttachedManagedPolicies: attachedOut(s, g.attached),
      };
    }
    case "Role": {
      const r = e.v;
      return {
        ...identityOut(s, "Role", r),
        AssumeRolePolicyDocument: encodePolicy(r.trustPolicy),
        InstanceProfileList: [...r.instanceProfiles]
          .map((k) => s.instanceProfiles.get(k))
          .filter((ip) => ip !== undefined)
          .map((ip) => instanceProfileOut(s, ip!)),
        RolePolicyList: inlineOut(r.inline),
        AttachedManagedPolicies: attachedOut(s, r.attached),
        PermissionsBoundary: boundaryOut(r.permissionsBoundary),
        Tags: tagsOut(r.tags),
        RoleLastUsed: {},
      };
    }
    case "Policy": {
      const p = e.v;
      const { Tags: _tags, ...base } = policyOut(p, true);
      return { ...base, PolicyVersionList: [...p.versions.values()].map((v) => versionOut(p, v, true)) };
    }
  }
}

/**
 * One walk over users, groups, roles and policies in a fixed order, so a single Marker
 * covers all four lists (docs/iam-facts.md#getaccountauthorizationdetails).
 */
function entries(ctx: Ctx, filters: Set<Filter>): Entry[] {
  const s = ctx.state;
  const all = filters.size === 0;
  const out: Entry[] = [];
  // The collections are kept sorted by key, so this walk never sorts (see SortedMap).
  if (all || filters.has("User"))
    for (const v of s.users.sorted())
      if (visible(ctx, v.created)) out.push({ key: "1" + v.name.toLowerCase(), kind: "User", v });
  if (all || filters.has("Group"))
    for (const v of s.groups.sorted())
      if (visible(ctx, v.created)) out.push({ key: "2" + v.name.toLowerCase(), kind: "Group", v });
  if (all || filters.has("Role"))
    for (const v of s.roles.sorted())
      if (visible(ctx, v.created)) out.push({ key: "3" + v.name.toLowerCase(), kind: "Role", v });
  const local = all || filters.has("LocalManagedPolicy");
  // Unfiltered, AWS lists only the AWS managed policies that are in use in the account.
  const aws = filters.has("AWSManagedPolicy");
  for (const v of s.policies.sorted())
    if (
      visible(ctx, v.created) &&
      (v.awsManaged ? aws || (all && attachmentCount(v) + v.boundaryCount > 0) : local)
    )
      out.push({ key: "4" + v.arn, kind: "Policy", v });
  return out;
}

export const authDetailsHandlers: HandlerTable = {
  GetAccountAuthorizationDetails(ctx) {
    const filters = new Set<Filter>();
    ctx.p
      .list("Filter")
      .forEach((f, i) => filters.add(check(`Filter.${i + 1}.member`, f, { oneOf: FILTERS }) as Filter));
    const page = paginate(entries(ctx, filters), (e) => e.key, ctx.p);
    const of = (kind: Entry["kind"]) =>
      page.items.filter((e) => e.kind === kind).map((e) => entryOut(ctx.state, e));
    return {
      UserDetailList: of("User"),
      GroupDetailList: of("Group"),
      RoleDetailList: of("Role"),
      Policies: of("Policy"),
      IsTruncated: page.IsTruncated,
      Marker: page.Marker,
    };
  },
};
