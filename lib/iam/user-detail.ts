import "server-only";
import {
  GetAccessKeyLastUsedCommand,
  GetLoginProfileCommand,
  GetUserCommand,
  paginateListAccessKeys,
  paginateListAttachedUserPolicies,
  paginateListGroupsForUser,
  paginateListMFADevices,
  paginateListUserPolicies,
  type IAMClient,
} from "@aws-sdk/client-iam";
import { iamClients } from "./client";
import { isNotFound } from "./errors";

export type UserDetail = {
  userName: string;
  arn: string;
  createdAt: string | null;
  passwordLastUsed: string | null;
  tags: Record<string, string>;
  groups: string[];
  console: { enabled: boolean; createdAt: string | null; resetRequired: boolean };
  accessKeys: {
    id: string;
    status: string;
    createdAt: string | null;
    lastUsed: string | null;
    lastService: string | null;
  }[];
  mfaDevices: { serial: string; enabledAt: string | null }[];
  attachedPolicies: { name: string; arn: string }[];
  inlinePolicies: string[];
};

async function all<T>(pages: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const p of pages) out.push(p);
  return out;
}

/** Everything IAM knows about one user that a person's page shows. Null when the user does not exist. */
export async function userDetail(userName: string, client?: IAMClient): Promise<UserDetail | null> {
  const iam = client ?? iamClients().iam;
  let user;
  try {
    user = (await iam.send(new GetUserCommand({ UserName: userName }))).User!;
  } catch (e) {
    if (isNotFound(e)) return null;
    throw e;
  }
  const [groups, keys, mfa, attached, inline, login] = await Promise.all([
    all(paginateListGroupsForUser({ client: iam }, { UserName: userName })),
    all(paginateListAccessKeys({ client: iam }, { UserName: userName })),
    all(paginateListMFADevices({ client: iam }, { UserName: userName })),
    all(paginateListAttachedUserPolicies({ client: iam }, { UserName: userName })),
    all(paginateListUserPolicies({ client: iam }, { UserName: userName })),
    iam
      .send(new GetLoginProfileCommand({ UserName: userName }))
      .catch((e) => (isNotFound(e) ? null : Promise.reject(e))),
  ]);
  const accessKeys = await Promise.all(
    keys
      .flatMap((p) => p.AccessKeyMetadata ?? [])
      .map(async (k) => {
        // A key deleted between the list and this call (an offboarding running) is AccessDenied in IAM.
        const used = await iam
          .send(new GetAccessKeyLastUsedCommand({ AccessKeyId: k.AccessKeyId! }))
          .catch((e: unknown) => {
            const name = (e as { name?: string }).name;
            if (isNotFound(e) || name === "AccessDenied" || name === "AccessDeniedException")
              return { AccessKeyLastUsed: undefined };
            throw e;
          });
        return {
          id: k.AccessKeyId!,
          status: k.Status ?? "Unknown",
          createdAt: k.CreateDate?.toISOString() ?? null,
          lastUsed: used.AccessKeyLastUsed?.LastUsedDate?.toISOString() ?? null,
          lastService:
            used.AccessKeyLastUsed?.ServiceName && used.AccessKeyLastUsed.ServiceName !== "N/A"
              ? used.AccessKeyLastUsed.ServiceName
              : null,
        };
      }),
  );
  return {
    userName: user.UserName!,
    arn: user.Arn!,
    createdAt: user.CreateDate?.toISOString() ?? null,
    passwordLastUsed: user.PasswordLastUsed?.toISOString() ?? null,
    tags: Object.fromEntries((user.Tags ?? []).map((t) => [t.Key!, t.Value ?? ""])),
    groups: groups.flatMap((p) => p.Groups ?? []).map((g) => g.GroupName!),
    console: {
      enabled: Boolean(login),
      createdAt: login?.LoginProfile?.CreateDate?.toISOString() ?? null,
      resetRequired: login?.LoginProfile?.PasswordResetRequired ?? false,
    },
    accessKeys,
    mfaDevices: mfa
      .flatMap((p) => p.MFADevices ?? [])
      .map((d) => ({ serial: d.SerialNumber!, enabledAt: d.EnableDate?.toISOString() ?? null })),
    attachedPolicies: attached
      .flatMap((p) => p.AttachedPolicies ?? [])
      .map((a) => ({ name: a.PolicyName!, arn: a.PolicyArn! })),
    inlinePolicies: inline.flatMap((p) => p.PolicyNames ?? []),
  };
}
