import {
  GetGroupCommand,
  GetGroupPolicyCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetUserCommand,
  GetUserPolicyCommand,
  paginateListAttachedGroupPolicies,
  paginateListAttachedRolePolicies,
  paginateListAttachedUserPolicies,
  paginateListGroupPolicies,
  paginateListGroupsForUser,
  paginateListPolicyVersions,
  paginateListRolePolicies,
  paginateListUserPolicies,
  type GroupDetail,
  type IAMClient,
  type ManagedPolicyDetail,
  type RoleDetail,
  type UserDetail,
} from "@aws-sdk/client-iam";
import { unlessNotFound } from "./errors";
import { allPages, notRecorded, type Recorder } from "./pages";

// One principal as GetAccountAuthorizationDetails would describe it, read with its own few calls:
// the review's re-read after a change request (lib/review/reread.ts) refreshes only the users,
// groups, roles and policies the request touched, instead of walking the whole account. Null when
// the principal does not exist (any more). `record(op)` sees each response (the sync's counter).

export type RecorderFor = (op: string) => Recorder;
const none: RecorderFor = () => notRecorded;

/** A user's authorization details (+ when the password was last used): ~4 calls plus one per inline policy. */
export async function userAuthorizationDetails(
  iam: IAMClient,
  userName: string,
  record: RecorderFor = none,
): Promise<(UserDetail & { PasswordLastUsed?: Date }) | null> {
  const got = await unlessNotFound(async () =>
    record("GetUser")(await iam.send(new GetUserCommand({ UserName: userName }))),
  );
  const user = got?.User;
  if (!user) return null;
  const q = { UserName: user.UserName ?? userName };
  const c = { client: iam };
  const [groups, attached, inlineNames] = await Promise.all([
    allPages(paginateListGroupsForUser(c, q), (p) => p.Groups, record("ListGroupsForUser")),
    allPages(
      paginateListAttachedUserPolicies(c, q),
      (p) => p.AttachedPolicies,
      record("ListAttachedUserPolicies"),
    ),
    allPages(paginateListUserPolicies(c, q), (p) => p.PolicyNames, record("ListUserPolicies")),
  ]);
  const inline = await Promise.all(
    inlineNames.map(async (PolicyName) => {
      const out = record("GetUserPolicy")(await iam.send(new GetUserPolicyCommand({ ...q, PolicyName })));
      return { PolicyName, PolicyDocument: out.PolicyDocument };
    }),
  );
  return {
    UserName: user.UserName,
    Arn: user.Arn,
    CreateDate: user.CreateDate,
    PasswordLastUsed: user.PasswordLastUsed,
    Tags: user.Tags,
    GroupList: groups.flatMap((g) => (g.GroupName ? [g.GroupName] : [])),
    AttachedManagedPolicies: attached,
    UserPolicyList: inline,
  };
}

/** A group's authorization details (not its members: membership is read on the user). */
export async function groupAuthorizationDetails(
  iam: IAMClient,
  groupName: string,
  record: RecorderFor = none,
): Promise<GroupDetail | null> {
  const got = await unlessNotFound(async () =>
    record("GetGroup")(await iam.send(new GetGroupCommand({ GroupName: groupName, MaxItems: 1 }))),
  );
  const group = got?.Group;
  if (!group) return null;
  const q = { GroupName: group.GroupName ?? groupName };
  const c = { client: iam };
  const [attached, inlineNames] = await Promise.all([
    allPages(
      paginateListAttachedGroupPolicies(c, q),
      (p) => p.AttachedPolicies,
      record("ListAttachedGroupPolicies"),
    ),
    allPages(paginateListGroupPolicies(c, q), (p) => p.PolicyNames, record("ListGroupPolicies")),
  ]);
  const inline = await Promise.all(
    inlineNames.map(async (PolicyName) => {
      const out = record("GetGroupPolicy")(await iam.send(new GetGroupPolicyCommand({ ...q, PolicyName })));
      return { PolicyName, PolicyDocument: out.PolicyDocument };
    }),
  );
  return {
    GroupName: group.GroupName,
    Arn: group.Arn,
    CreateDate: group.CreateDate,
    AttachedManagedPolicies: attached,
    GroupPolicyList: inline,
  };
}

/** A role's authorization details as the review keeps them (inline policies by name). */
export async function roleAuthorizationDetails(
  iam: IAMClient,
  roleName: string,
  record: RecorderFor = none,
): Promise<RoleDetail | null> {
  const got = await unlessNotFound(async () =>
    record("GetRole")(await iam.send(new GetRoleCommand({ RoleName: roleName }))),
  );
  const role = got?.Role;
  if (!role) return null;
  const q = { RoleName: role.RoleName ?? roleName };
  const c = { client: iam };
  const [attached, inlineNames] = await Promise.all([
    allPages(
      paginateListAttachedRolePolicies(c, q),
      (p) => p.AttachedPolicies,
      record("ListAttachedRolePolicies"),
    ),
    allPages(paginateListRolePolicies(c, q), (p) => p.PolicyNames, record("ListRolePolicies")),
  ]);
  return {
    RoleName: role.RoleName,
    Arn: role.Arn,
    CreateDate: role.CreateDate,
    AttachedManagedPolicies: attached,
    RolePolicyList: inlineNames.map((PolicyName) => ({ PolicyName })),
  };
}

/** A managed policy with its versions, the default one's document included: 3 calls. */
export async function managedPolicyDetails(
  iam: IAMClient,
  policyArn: string,
  record: RecorderFor = none,
): Promise<ManagedPolicyDetail | null> {
  const got = await unlessNotFound(async () =>
    record("GetPolicy")(await iam.send(new GetPolicyCommand({ PolicyArn: policyArn }))),
  );
  const policy = got?.Policy;
  if (!policy) return null;
  const [versions, current] = await Promise.all([
    allPages(
      paginateListPolicyVersions({ client: iam }, { PolicyArn: policyArn }),
      (p) => p.Versions,
      record("ListPolicyVersions"),
    ),
    unlessNotFound(async () =>
      record("GetPolicyVersion")(
        await iam.send(
          new GetPolicyVersionCommand({ PolicyArn: policyArn, VersionId: policy.DefaultVersionId }),
        ),
      ),
    ),
  ]);
  return {
    PolicyName: policy.PolicyName,
    Arn: policy.Arn,
    DefaultVersionId: policy.DefaultVersionId,
    PolicyVersionList: versions.map((v) =>
      v.VersionId === policy.DefaultVersionId
        ? { ...v, IsDefaultVersion: true, Document: current?.PolicyVersion?.Document }
        : v,
    ),
  };
}
