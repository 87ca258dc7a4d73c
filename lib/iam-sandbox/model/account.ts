import { XmlMap } from "../http/xml";
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
  ListAccountAliases() {
    return { AccountAliases: [], IsTruncated: false };
  },
};
