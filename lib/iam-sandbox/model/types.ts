export type Tag = {
  Key: string;
  Value: string;
};

export interface InlinePolicy {
  name: string;
  document: string;
}

export interface AccessKey {
  id: string;
  secret: string;
  status: "Active" | "Inactive";
  created: number;
  lastUsed?: { at: number; service: string; region: string };
}

export interface LoginProfile {
  created: number;
  passwordHash: string;
  resetRequired: boolean;
  passwordChanged: number;
  /** salted hashes of earlier passwords, newest first, for PasswordReusePrevention */
  history: string[];
}

export interface SshKey {
  id: string;
  body: string;
  fingerprint: string;
  status: "Active" | "Inactive";
  uploaded: number;
}

export interface SigningCert {
  id: string;
  body: string;
  fingerprint: string;
  status: "Active" | "Inactive";
  uploaded: number;
}

export interface ServiceCred {
  id: string;
  service: string;
  serviceUserName: string;
  password: string;
  status: "Active" | "Inactive";
  created: number;
}

export interface User {
  id: string;
  name: string;
  path: string;
  created: number;
  tags: Tag[];
  passwordLastUsed?: number;
  loginProfile?: LoginProfile;
  accessKeys: AccessKey[];
  /** lower-case group names, in the order joined */
  groups: string[];
  attached: string[];
  inline: Map<string, InlinePolicy>;
  /** MFA serial numbers */
  mfa: string[];
  sshKeys: SshKey[];
  certs: SigningCert[];
  serviceCreds: ServiceCred[];
  permissionsBoundary?: string;
}

export interface Group {
  id: string;
  name: string;
  path: string;
  created: number;
  /** lower-case user names, insertion-ordered */
  members: Set<string>;
  attached: string[];
  inline: Map<string, InlinePolicy>;
}

export interface Role {
  id: string;
  name: string;
  path: string;
  created: number;
  trustPolicy: string;
  description?: string;
  maxSessionDuration: number;
  tags: Tag[];
  attached: string[];
  inline: Map<string, InlinePolicy>;
  /** lower-case instance profile names */
  instanceProfiles: Set<string>;
  permissionsBoundary?: string;
}

export interface InstanceProfile {
  id: string;
  name: string;
  path: string;
  created: number;
  /** lower-case role names (AWS allows one) */
  roles: string[];
  tags: Tag[];
}

export interface PolicyVersion {
  id: string;
  document: string;
  created: number;
}

export interface ManagedPolicy {
  arn: string;
  id: string;
  name: string;
  path: string;
  description?: string;
  created: number;
  updated: number;
  awsManaged: boolean;
  defaultVersion: string;
  versions: Map<string, PolicyVersion>;
  nextVersion: number;
  tags: Tag[];
  attachedUsers: Set<string>;
  attachedGroups: Set<string>;
  attachedRoles: Set<string>;
  boundaryCount: number;
}

export interface MfaDevice {
  serial: string;
  name: string;
  path: string;
  seed: string;
  created: number;
  tags: Tag[];
  user?: string;
  enabled?: number;
}

export interface PasswordPolicy {
  MinimumPasswordLength: number;
  RequireSymbols: boolean;
  RequireNumbers: boolean;
  RequireUppercaseCharacters: boolean;
  RequireLowercaseCharacters: boolean;
  AllowUsersToChangePassword: boolean;
  MaxPasswordAge?: number;
  PasswordReusePrevention?: number;
  HardExpiry?: boolean;
}

export interface CredentialReport {
  generated: number;
  readyAt: number;
  content: string;
}

import type { SortedMap } from "./sorted-map";
import type { LastAccessed } from "../activity/last-accessed";
import type { AccessAdvisorJob } from "./access-advisor";
import type { TrailEvent } from "../activity/cloudtrail";

/**
 * Temporary credentials: whose they are (lower-case user name, or the lower-case role name and
 * session name of an AssumeRole session; neither = the root), and for how long.
 */
export interface Session {
  secret: string;
  token: string;
  user?: string;
  role?: string;
  sessionName?: string;
  issued: number;
  expires: number;
  mfa: boolean;
  /** AssumeRole's session tags: those passed, and the transitive ones of the session that asked */
  tags?: Tag[];
  /** the keys of `tags` a chained AssumeRole passes on (lower-case) */
  transitiveTagKeys?: string[];
  /** AssumeRole's session policies: the inline document and the managed policies' ARNs */
  policy?: string;
  policyArns?: string[];
}

export interface State {
  accountId: string;
  users: SortedMap<User>;
  groups: SortedMap<Group>;
  roles: SortedMap<Role>;
  /** every managed policy (customer and AWS) by ARN */
  policies: SortedMap<ManagedPolicy>;
  /** customer-managed policy names (lower-case) to ARN: names are unique per account */
  policyNames: Map<string, string>;
  instanceProfiles: SortedMap<InstanceProfile>;
  mfaDevices: Map<string, MfaDevice>;
  /** access key id to lower-case user name; rebuilt on load */
  keyOwners: Map<string, string>;
  passwordPolicy?: PasswordPolicy;
  /** temporary credentials from GetSessionToken, by their ASIA key id */
  sessions?: Map<string, Session>;
  /** DeleteServiceLinkedRole's tasks: deletion task id to status */
  serviceLinkedRoleDeletions?: Map<string, "SUCCEEDED">;
  /** the account's alias (an account has at most one) */
  accountAlias?: string;
  credentialReport?: CredentialReport;
  /** Access Advisor: who last used which service (activity/last-accessed.ts) */
  lastAccessed?: LastAccessed;
  /** GenerateServiceLastAccessedDetails's jobs, by JobId */
  accessAdvisorJobs?: Map<string, AccessAdvisorJob>;
  /** CloudTrail's event history (activity/cloudtrail.ts), oldest first, bounded */
  cloudTrail?: TrailEvent[];
  /**
   * Sandbox-only: a raised UsersPerAccount quota, set by the generator when it is asked for a
   * larger org than AWS allows (scale benchmarks). Absent = AWS's 5,000.
   */
  usersQuota?: number;
}
