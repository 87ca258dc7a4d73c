import {
  GetLoginProfileCommand,
  GetUserCommand,
  ListServiceSpecificCredentialsCommand,
  paginateListAccessKeys,
  paginateListAttachedUserPolicies,
  paginateListGroupsForUser,
  paginateListMFADevices,
  paginateListSigningCertificates,
  paginateListSSHPublicKeys,
  paginateListUserPolicies,
  type IAMClient,
} from "@aws-sdk/client-iam";
import { toIamError, unlessNotFound } from "@/lib/iam/errors";

/** Everything on an IAM user that blocks DeleteUser (docs/iam-facts.md#deleting-a-user), as read live. */
export type UserHoldings = {
  userName: string;
  arn: string | null;
  accessKeys: { id: string; status: string }[];
  loginProfile: boolean;
  mfaDevices: string[];
  sshPublicKeys: string[];
  signingCertificates: string[];
  serviceCredentials: string[];
  groups: string[];
  attachedPolicies: { name: string; arn: string }[];
  inlinePolicies: string[];
};

type Meta = { $metadata: { requestId?: string; attempts?: number } };
type Recorder = <O extends Meta>(out: O) => O;

async function collect<P extends Meta, T>(
  pages: AsyncIterable<P>,
  pick: (page: P) => T[],
  record: Recorder,
): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pages) out.push(...pick(record(page)));
  return out;
}

/** Null when the user does not exist. Lists run side by side: planning time is one round of reads. */
export async function readUserHoldings(
  iam: IAMClient,
  userName: string,
  record: Recorder = (o) => o,
): Promise<UserHoldings | null> {
  const got = await unlessNotFound(async () =>
    record(await iam.send(new GetUserCommand({ UserName: userName }))),
  );
  if (!got) return null;
  const user = got.User;
  const name = user?.UserName ?? userName;
  const c = { client: iam };
  const q = { UserName: name };
  const [
    accessKeys,
    loginProfile,
    mfaDevices,
    sshPublicKeys,
    signingCertificates,
    serviceCredentials,
    groups,
    attachedPolicies,
    inlinePolicies,
  ] = await Promise.all([
    collect(
      paginateListAccessKeys(c, q),
      (p) => (p.AccessKeyMetadata ?? []).map((k) => ({ id: k.AccessKeyId!, status: k.Status ?? "Active" })),
      record,
    ),
    iam.send(new GetLoginProfileCommand(q)).then(
      (o) => Boolean(record(o).LoginProfile),
      (e: unknown) => (toIamError(e).kind === "not-found" ? false : Promise.reject(e)),
    ),
    collect(paginateListMFADevices(c, q), (p) => (p.MFADevices ?? []).map((d) => d.SerialNumber!), record),
    collect(
      paginateListSSHPublicKeys(c, q),
      (p) => (p.SSHPublicKeys ?? []).map((k) => k.SSHPublicKeyId!),
      record,
    ),
    collect(
      paginateListSigningCertificates(c, q),
      (p) => (p.Certificates ?? []).map((k) => k.CertificateId!),
      record,
    ),
    // This API has no paging (at most 2 per service per user): one call returns them all.
    iam
      .send(new ListServiceSpecificCredentialsCommand(q))
      .then((o) => (record(o).ServiceSpecificCredentials ?? []).map((k) => k.ServiceSpecificCredentialId!)),
    collect(paginateListGroupsForUser(c, q), (p) => (p.Groups ?? []).map((g) => g.GroupName!), record),
    collect(
      paginateListAttachedUserPolicies(c, q),
      (p) => (p.AttachedPolicies ?? []).map((a) => ({ name: a.PolicyName!, arn: a.PolicyArn! })),
      record,
    ),
    collect(paginateListUserPolicies(c, q), (p) => p.PolicyNames ?? [], record),
  ]);
  return {
    userName: name,
    arn: user?.Arn ?? null,
    accessKeys,
    loginProfile,
    mfaDevices,
    sshPublicKeys,
    signingCertificates,
    serviceCredentials,
    groups,
    attachedPolicies,
    inlinePolicies,
  };
}

/** What still gives the user access or blocks DeleteUser, besides the offboarding deny policy. */
export function remainingCredentials(h: UserHoldings, denyPolicyName: string): string[] {
  return [
    ...h.accessKeys.map((k) => `access key ${k.id}`),
    ...(h.loginProfile ? ["console password"] : []),
    ...h.mfaDevices.map((s) => `MFA device ${s}`),
    ...h.sshPublicKeys.map((s) => `SSH key ${s}`),
    ...h.signingCertificates.map((s) => `signing certificate ${s}`),
    ...h.serviceCredentials.map((s) => `service credential ${s}`),
    ...h.groups.map((g) => `group ${g}`),
    ...h.attachedPolicies.map((p) => `policy ${p.name}`),
    ...h.inlinePolicies.filter((p) => p !== denyPolicyName).map((p) => `inline policy ${p}`),
  ];
}
