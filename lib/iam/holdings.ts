import {
  ListServiceSpecificCredentialsCommand,
  paginateListSigningCertificates,
  paginateListSSHPublicKeys,
  type IAMClient,
} from "@aws-sdk/client-iam";
import { getUser, userReads, type AttachedPolicy } from "./entities";
import { allPages, inParallel, notRecorded, type Recorder } from "./pages";

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
  attachedPolicies: AttachedPolicy[];
  inlinePolicies: string[];
};

/** Null when the user does not exist. Lists run side by side: planning time is one round of reads. */
export async function readUserHoldings(
  iam: IAMClient,
  userName: string,
  record: Recorder = notRecorded,
): Promise<UserHoldings | null> {
  const user = await getUser(iam, userName, record);
  if (!user) return null;
  const name = user.UserName ?? userName;
  const c = { client: iam };
  const q = { UserName: name };
  const read = await inParallel({
    ...userReads(iam, name, record),
    sshPublicKeys: allPages(
      paginateListSSHPublicKeys(c, q),
      (p) => (p.SSHPublicKeys ?? []).map((k) => k.SSHPublicKeyId!),
      record,
    ),
    signingCertificates: allPages(
      paginateListSigningCertificates(c, q),
      (p) => (p.Certificates ?? []).map((k) => k.CertificateId!),
      record,
    ),
    // This API has no paging (at most 2 per service per user): one call returns them all.
    serviceCredentials: iam
      .send(new ListServiceSpecificCredentialsCommand(q))
      .then((o) => (record(o).ServiceSpecificCredentials ?? []).map((k) => k.ServiceSpecificCredentialId!)),
  });
  return {
    userName: name,
    arn: user.Arn ?? null,
    accessKeys: read.accessKeys.map((k) => ({ id: k.AccessKeyId!, status: k.Status ?? "Active" })),
    loginProfile: Boolean(read.loginProfile),
    mfaDevices: read.mfaDevices.map((d) => d.SerialNumber!),
    sshPublicKeys: read.sshPublicKeys,
    signingCertificates: read.signingCertificates,
    serviceCredentials: read.serviceCredentials,
    groups: read.groups,
    attachedPolicies: read.attachedPolicies,
    inlinePolicies: read.inlinePolicies,
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
