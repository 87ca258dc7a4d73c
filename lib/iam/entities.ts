import {
  GetGroupCommand,
  GetLoginProfileCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetUserCommand,
  paginateGetGroup,
  paginateListAccessKeys,
  paginateListAttachedGroupPolicies,
  paginateListAttachedUserPolicies,
  paginateListGroupPolicies,
  paginateListGroupsForUser,
  paginateListMFADevices,
  paginateListPolicyVersions,
  paginateListSigningCertificates,
  paginateListSSHPublicKeys,
  paginateListUserPolicies,
  ListServiceSpecificCredentialsCommand,
  type IAMPaginationConfiguration,
  type ServiceSpecificCredentialMetadata,
  type Group,
  type IAMClient,
  type LoginProfile,
  type Policy,
  type PolicyVersion,
  type Role,
  type User,
} from "@aws-sdk/client-iam";
import { fieldError as missing } from "@/lib/errors";
import { unlessNotFound } from "./errors";
import { allPages, notRecorded, type Recorder, type SdkOutput } from "./pages";

// Live reads of one entity and what hangs on it, on the client given (the engine's, the app's,
// a test's). A missing entity is null, never an error.

export type AttachedPolicy = { name: string; arn: string };

/** The user as IAM has it, or null when there is none. */
export async function getUser(iam: IAMClient, userName: string, record = notRecorded): Promise<User | null> {
  const out = await unlessNotFound(async () =>
    record(await iam.send(new GetUserCommand({ UserName: userName }))),
  );
  return out?.User ?? null;
}

export async function getGroup(iam: IAMClient, groupName: string): Promise<Group | null> {
  const out = await unlessNotFound(() =>
    iam.send(new GetGroupCommand({ GroupName: groupName, MaxItems: 1 })),
  );
  return out?.Group ?? null;
}

export async function getRole(iam: IAMClient, roleName: string): Promise<Role | null> {
  const out = await unlessNotFound(() => iam.send(new GetRoleCommand({ RoleName: roleName })));
  return out?.Role ?? null;
}

export async function getPolicy(iam: IAMClient, policyArn: string): Promise<Policy | null> {
  const out = await unlessNotFound(() => iam.send(new GetPolicyCommand({ PolicyArn: policyArn })));
  return out?.Policy ?? null;
}

/**
 * A managed policy's default document as JSON text (IAM returns it URL-encoded), or null when the
 * policy does not exist. Planning copies a template as published in one account into another.
 */
export async function defaultPolicyDocument(
  iam: IAMClient,
  policyArn: string,
): Promise<{ document: string; description: string | undefined } | null> {
  const policy = await getPolicy(iam, policyArn);
  if (!policy?.DefaultVersionId) return null;
  const out = await unlessNotFound(() =>
    iam.send(new GetPolicyVersionCommand({ PolicyArn: policyArn, VersionId: policy.DefaultVersionId })),
  );
  const raw = out?.PolicyVersion?.Document;
  if (!raw) return null;
  return { document: JSON.stringify(JSON.parse(decodeURIComponent(raw))), description: policy.Description };
}

// Planning reads shared by kinds. A missing entity is the requester's mistake, reported on the
// form field that named it.

export async function requireUser(iam: IAMClient, userName: string, field = "userName"): Promise<void> {
  if (!(await getUser(iam, userName))) throw missing(field, `There is no IAM user named ${userName}.`);
}

export async function requireGroup(iam: IAMClient, groupName: string, field = "groupName"): Promise<void> {
  if (!(await getGroup(iam, groupName))) throw missing(field, `There is no IAM group named ${groupName}.`);
}

/** The user's console password, or null when they have none. */
export async function loginProfile(
  iam: IAMClient,
  userName: string,
  record = notRecorded,
): Promise<LoginProfile | null> {
  const out = await unlessNotFound(async () =>
    record(await iam.send(new GetLoginProfileCommand({ UserName: userName }))),
  );
  return out?.LoginProfile ?? null;
}

/**
 * A read of one list that hangs on a user, every page of it (the SDK paginator `paginate`, the
 * items `pick` takes from each page).
 */
function userList<P extends SdkOutput, T>(
  paginate: (config: IAMPaginationConfiguration, input: { UserName: string }) => AsyncIterable<P>,
  pick: (page: P) => T[] | undefined,
): (iam: IAMClient, userName: string, record?: Recorder) => Promise<T[]> {
  return (iam, userName, record) => allPages(paginate({ client: iam }, { UserName: userName }), pick, record);
}

const attached = (list: { PolicyName?: string; PolicyArn?: string }[] | undefined): AttachedPolicy[] =>
  (list ?? []).map((p) => ({ name: p.PolicyName!, arn: p.PolicyArn! }));

/** The user's groups as IAM spells them. */
export const groupsOfUser = userList(paginateListGroupsForUser, (p) =>
  (p.Groups ?? []).flatMap((g) => (g.GroupName ? [g.GroupName] : [])),
);

export const attachedUserPolicies = userList(paginateListAttachedUserPolicies, (p) =>
  attached(p.AttachedPolicies),
);

/** Names of the user's inline policies. */
export const inlineUserPolicies = userList(paginateListUserPolicies, (p) => p.PolicyNames);

export const accessKeysOf = userList(paginateListAccessKeys, (p) => p.AccessKeyMetadata);

export const mfaDevicesOf = userList(paginateListMFADevices, (p) => p.MFADevices);

export const sshPublicKeysOf = userList(paginateListSSHPublicKeys, (p) => p.SSHPublicKeys);

export const signingCertificatesOf = userList(paginateListSigningCertificates, (p) => p.Certificates);

/** The user's service-specific credentials (ListServiceSpecificCredentials is not paginated). */
export async function serviceCredentialsOf(
  iam: IAMClient,
  userName: string,
  record = notRecorded,
): Promise<ServiceSpecificCredentialMetadata[]> {
  const out = record(await iam.send(new ListServiceSpecificCredentialsCommand({ UserName: userName })));
  return out.ServiceSpecificCredentials ?? [];
}

export function attachedGroupPolicies(iam: IAMClient, groupName: string): Promise<AttachedPolicy[]> {
  return allPages(paginateListAttachedGroupPolicies({ client: iam }, { GroupName: groupName }), (p) =>
    attached(p.AttachedPolicies),
  );
}

/**
 * What a group holds: its members (user names), attached managed policies and inline policy
 * names, every page of each; null when there is no such group. Read before a group is adopted or
 * deleted (jobrole.accounts), where a member left out would lose access unseen.
 */
export async function groupHoldings(
  iam: IAMClient,
  groupName: string,
): Promise<{ members: string[]; attached: AttachedPolicy[]; inline: string[] } | null> {
  const members = await unlessNotFound(() =>
    allPages(paginateGetGroup({ client: iam }, { GroupName: groupName }), (p) =>
      (p.Users ?? []).flatMap((u) => (u.UserName ? [u.UserName] : [])),
    ),
  );
  if (!members) return null;
  const [policies, inline] = await Promise.all([
    attachedGroupPolicies(iam, groupName),
    allPages(paginateListGroupPolicies({ client: iam }, { GroupName: groupName }), (p) => p.PolicyNames),
  ]);
  return { members, attached: policies, inline };
}

export function policyVersions(iam: IAMClient, policyArn: string): Promise<PolicyVersion[]> {
  return allPages(paginateListPolicyVersions({ client: iam }, { PolicyArn: policyArn }), (p) => p.Versions);
}

/**
 * The reads of what hangs on a user that both a person's page and offboarding make, started at
 * once: await them with `inParallel`, beside any others.
 */
export function userReads(iam: IAMClient, userName: string, record?: Recorder) {
  return {
    accessKeys: accessKeysOf(iam, userName, record),
    loginProfile: loginProfile(iam, userName, record),
    mfaDevices: mfaDevicesOf(iam, userName, record),
    groups: groupsOfUser(iam, userName, record),
    attachedPolicies: attachedUserPolicies(iam, userName, record),
    inlinePolicies: inlineUserPolicies(iam, userName, record),
  };
}
