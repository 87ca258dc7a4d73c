import { IamError, limit } from "./errors";
import type { HandlerTable } from "./handler";
import { newId } from "./ids";
import { pageOut, paginate, paginateOrdered } from "./paginate";
import { RULES } from "./params";
import { policySize, validatePolicyDocument } from "./policy-doc";
import { arn, getPolicy, tagsOut, visible, type Ctx } from "./state";
import { applyTags, tagHandlers } from "./tags";
import { encodePolicy, isoTime } from "../http/xml";
import type { ManagedPolicy, PolicyVersion } from "./types";

export const POLICIES_QUOTA = 1500;
export const POLICY_SIZE = 6144;
export const VERSIONS_PER_POLICY = 5;

export const attachmentCount = (p: ManagedPolicy) =>
  p.attachedUsers.size + p.attachedGroups.size + p.attachedRoles.size;

export function policyOut(p: ManagedPolicy, detail: boolean) {
  return {
    PolicyName: p.name,
    PolicyId: p.id,
    Arn: p.arn,
    Path: p.path,
    DefaultVersionId: p.defaultVersion,
    AttachmentCount: attachmentCount(p),
    PermissionsBoundaryUsageCount: p.boundaryCount,
    IsAttachable: true,
    Description: detail ? p.description : undefined,
    CreateDate: isoTime(p.created),
    UpdateDate: isoTime(p.updated),
    Tags: detail ? tagsOut(p.tags) : undefined,
  };
}

export function versionOut(p: ManagedPolicy, v: PolicyVersion, withDocument: boolean) {
  return {
    Document: withDocument ? encodePolicy(v.document) : undefined,
    VersionId: v.id,
    IsDefaultVersion: p.defaultVersion === v.id,
    CreateDate: isoTime(v.created),
  };
}

function checkManagedDocument(document: string): void {
  validatePolicyDocument(document, "managed");
  if (policySize(document) > POLICY_SIZE) throw limit("PolicySize", POLICY_SIZE);
}

export function createPolicy(
  ctx: Ctx,
  input: { name: string; path: string; document: string; description?: string; tags?: ManagedPolicy["tags"] },
): ManagedPolicy {
  const s = ctx.state;
  if (s.policyNames.has(input.name.toLowerCase()))
    throw new IamError(
      "EntityAlreadyExists",
      `A policy called ${input.name} already exists. Duplicate names are not allowed.`,
    );
  checkManagedDocument(input.document);
  if (s.policyNames.size >= POLICIES_QUOTA) throw limit("PoliciesPerAccount", POLICIES_QUOTA);
  const policy: ManagedPolicy = {
    arn: arn.policy(s, input.path, input.name),
    id: newId("ANPA"),
    name: input.name,
    path: input.path,
    description: input.description,
    created: ctx.now,
    updated: ctx.now,
    awsManaged: false,
    defaultVersion: "v1",
    versions: new Map([["v1", { id: "v1", document: input.document, created: ctx.now }]]),
    nextVersion: 2,
    tags: applyTags([], input.tags ?? []),
    attachedUsers: new Set(),
    attachedGroups: new Set(),
    attachedRoles: new Set(),
    boundaryCount: 0,
  };
  s.policies.set(policy.arn, policy);
  s.policyNames.set(input.name.toLowerCase(), policy.arn);
  return policy;
}

const policyFromParams = (ctx: Ctx) => getPolicy(ctx, ctx.p.req("PolicyArn", RULES.arn));

function customerPolicy(ctx: Ctx): ManagedPolicy {
  const policy = policyFromParams(ctx);
  if (policy.awsManaged)
    throw new IamError("AccessDenied", `Cannot modify AWS managed policy ${policy.arn}.`);
  return policy;
}

function getVersion(p: ManagedPolicy, versionId: string): PolicyVersion {
  const v = p.versions.get(versionId);
  if (!v)
    throw new IamError(
      "NoSuchEntity",
      `Policy ${p.arn} version ${versionId} does not exist or is not attachable.`,
    );
  return v;
}

// AWS managed policies can be read but not tagged; their tags list as they were added.
const policyTags = tagHandlers({ change: customerPolicy, read: policyFromParams, order: "as added" });

export const policyHandlers: HandlerTable = {
  CreatePolicy(ctx) {
    const { name, path } = ctx.p.nameAndPath("PolicyName", RULES.policyName);
    const document = ctx.p.req("PolicyDocument", RULES.document);
    const description = ctx.p.opt("Description", RULES.description);
    const policy = createPolicy(ctx, { name, path, document, description, tags: ctx.p.tags() });
    return { Policy: policyOut(policy, true) };
  },
  GetPolicy(ctx) {
    return { Policy: policyOut(policyFromParams(ctx), true) };
  },
  ListPolicies(ctx) {
    const scope = ctx.p.opt("Scope", { oneOf: ["All", "AWS", "Local"] }) ?? "All";
    const onlyAttached = ctx.p.bool("OnlyAttached") ?? false;
    const prefix = ctx.p.opt("PathPrefix", RULES.pathPrefix) ?? "/";
    const usage = ctx.p.opt("PolicyUsageFilter", { oneOf: ["PermissionsPolicy", "PermissionsBoundary"] });
    const list = ctx.state.policies
      .sorted()
      .filter(
        (p) =>
          (scope === "All" || (scope === "AWS") === p.awsManaged) &&
          p.path.startsWith(prefix) &&
          visible(ctx, p.created) &&
          (!onlyAttached ||
            (usage === "PermissionsBoundary"
              ? p.boundaryCount > 0
              : usage
                ? attachmentCount(p) > 0
                : attachmentCount(p) + p.boundaryCount > 0)),
      );
    return pageOut(
      "Policies",
      paginate(list, (p) => p.arn, ctx.p),
      (p) => policyOut(p, false),
    );
  },
  DeletePolicy(ctx) {
    const policy = customerPolicy(ctx);
    if (attachmentCount(policy) > 0)
      throw new IamError("DeleteConflict", "Cannot delete a policy attached to entities.");
    if (policy.boundaryCount > 0)
      throw new IamError("DeleteConflict", "Cannot delete a policy used as a permissions boundary.");
    if (policy.versions.size > 1)
      throw new IamError(
        "DeleteConflict",
        "This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy.",
      );
    ctx.state.policies.delete(policy.arn);
    ctx.state.policyNames.delete(policy.name.toLowerCase());
    return undefined;
  },
  CreatePolicyVersion(ctx) {
    const policy = customerPolicy(ctx);
    const document = ctx.p.req("PolicyDocument", RULES.document);
    const setAsDefault = ctx.p.bool("SetAsDefault") ?? false;
    checkManagedDocument(document);
    if (policy.versions.size >= VERSIONS_PER_POLICY)
      throw new IamError(
        "LimitExceeded",
        "A managed policy can have up to 5 versions. Before you create a new version, you must delete an existing version.",
      );
    // Version ids are never reused: after deleting one of five, the next is v6
    // (docs/iam-facts.md#managed-policy-versions).
    const version: PolicyVersion = { id: `v${policy.nextVersion++}`, document, created: ctx.now };
    policy.versions.set(version.id, version);
    if (setAsDefault) policy.defaultVersion = version.id;
    policy.updated = ctx.now;
    return { PolicyVersion: versionOut(policy, version, false) };
  },
  GetPolicyVersion(ctx) {
    const policy = policyFromParams(ctx);
    const version = getVersion(policy, ctx.p.req("VersionId", RULES.versionId));
    return { PolicyVersion: versionOut(policy, version, true) };
  },
  ListPolicyVersions(ctx) {
    const policy = policyFromParams(ctx);
    const newestFirst = [...policy.versions.values()].sort(
      (a, b) => Number(b.id.slice(1)) - Number(a.id.slice(1)),
    );
    return pageOut("Versions", paginateOrdered(newestFirst, ctx.p), (v) => versionOut(policy, v, false));
  },
  DeletePolicyVersion(ctx) {
    const policy = customerPolicy(ctx);
    const version = getVersion(policy, ctx.p.req("VersionId", RULES.versionId));
    if (version.id === policy.defaultVersion)
      throw new IamError("DeleteConflict", "Cannot delete the default version of a policy.");
    policy.versions.delete(version.id);
    return undefined;
  },
  SetDefaultPolicyVersion(ctx) {
    const policy = customerPolicy(ctx);
    const version = getVersion(policy, ctx.p.req("VersionId", RULES.versionId));
    policy.defaultVersion = version.id;
    policy.updated = ctx.now;
    return undefined;
  },
  TagPolicy: policyTags.tag,
  UntagPolicy: policyTags.untag,
  ListPolicyTags: policyTags.list,
};
