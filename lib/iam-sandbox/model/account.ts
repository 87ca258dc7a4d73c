import { XmlMap } from "../http/xml";
import { IamError, limit } from "./errors";
import type { HandlerTable } from "./handler";
import { ATTACHED_PER_ENTITY } from "./attach";
import { ACCESS_KEYS_PER_USER } from "./access-keys";
import { GROUPS_PER_USER, GROUPS_QUOTA } from "./groups";
import { POLICIES_QUOTA, POLICY_SIZE, VERSIONS_PER_POLICY } from "./policies";
import { ROLES_QUOTA, TRUST_POLICY_SIZE } from "./roles";
import { USERS_QUOTA } from "./users";
import type { State } from "./types";

/** GetAccountSummary with the real default quotas (docs/iam-facts.md#quotas). */
function accountSummary(s: State): Array<[string, number]> {
  let mfaInUse = 0;
  let versions = 0;
  for (const d of s.mfaDevices.values()) if (d.user) mfaInUse++;
  for (const p of s.policies.values()) if (!p.awsManaged) versions += p.versions.size;
  const entries: Array<[string, number]> = [
    ["Users", s.users.size],
    ["UsersQuota", s.usersQuota ?? USERS_QUOTA],
    ["Groups", s.groups.size],
    ["GroupsQuota", GROUPS_QUOTA],
    ["Roles", s.roles.size],
    ["RolesQuota", ROLES_QUOTA],
    ["Policies", s.policyNames.size],
    ["PoliciesQuota", POLICIES_QUOTA],
    ["InstanceProfiles", s.instanceProfiles.size],
    ["InstanceProfilesQuota", 1000],
    ["MFADevices", s.mfaDevices.size],
    ["MFADevicesInUse", mfaInUse],
    ["AccountMFAEnabled", 0],
    ["AccountAccessKeysPresent", 0],
    ["AccountSigningCertificatesPresent", 0],
    ["AccessKeysPerUserQuota", ACCESS_KEYS_PER_USER],
    ["AttachedPoliciesPerUserQuota", ATTACHED_PER_ENTITY],
    ["AttachedPoliciesPerGroupQuota", ATTACHED_PER_ENTITY],
    ["AttachedPoliciesPerRoleQuota", ATTACHED_PER_ENTITY],
    ["GroupsPerUserQuota", GROUPS_PER_USER],
    ["SigningCertificatesPerUserQuota", 2],
    ["VersionsPerPolicyQuota", VERSIONS_PER_POLICY],
    ["PolicySizeQuota", POLICY_SIZE],
    ["UserPolicySizeQuota", 2048],
    ["GroupPolicySizeQuota", 5120],
    ["RolePolicySizeQuota", 10240],
    ["AssumeRolePolicySizeQuota", TRUST_POLICY_SIZE],
    ["PolicyVersionsInUse", versions],
    ["PolicyVersionsInUseQuota", 10000],
    ["ServerCertificates", 0],
    ["ServerCertificatesQuota", 20],
    ["Providers", 0],
    ["GlobalEndpointTokenVersion", 1],
  ];
  return entries;
}

export const accountHandlers: HandlerTable = {
  GetAccountSummary(ctx) {
    return { SummaryMap: new XmlMap(accountSummary(ctx.state)) };
  },
  ListAccountAliases(ctx) {
    return { AccountAliases: ctx.state.accountAlias ? [ctx.state.accountAlias] : [], IsTruncated: false };
  },
  // An alias is 3 to 63 lower-case letters, digits and single hyphens, not starting or ending
  // with one (docs/iam-facts.md#identifiers-and-names); an account has at most one.
  CreateAccountAlias(ctx) {
    const alias = ctx.p.req("AccountAlias", { min: 3, max: 63 });
    if (!/^[a-z0-9](([a-z0-9]|-(?!-)){1,61})[a-z0-9]$/.test(alias))
      throw new IamError(
        "ValidationError",
        `1 validation error detected: Value '${alias}' at 'accountAlias' failed to satisfy constraint: ` +
          "Member must satisfy regular expression pattern: ^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$",
      );
    if (ctx.state.accountAlias === alias) return undefined;
    if (ctx.state.accountAlias) throw limit("AccountAliasesPerAccount", 1);
    ctx.state.accountAlias = alias;
    return undefined;
  },
  DeleteAccountAlias(ctx) {
    const alias = ctx.p.req("AccountAlias", { min: 3, max: 63 });
    if (ctx.state.accountAlias !== alias)
      throw new IamError("NoSuchEntity", `The account alias ${alias} cannot be found.`);
    ctx.state.accountAlias = undefined;
    return undefined;
  },
};
