import { GetAccessKeyLastUsedCommand, type IAMClient } from "@aws-sdk/client-iam";
import { getUser, userReads, type AttachedPolicy } from "./entities";
import { toIamError } from "./errors";
import { inParallel } from "./pages";

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
  attachedPolicies: AttachedPolicy[];
  inlinePolicies: string[];
};

/** Everything IAM knows about one user that a person's page shows. Null when the user does not exist. */
export async function userDetail(iam: IAMClient, userName: string): Promise<UserDetail | null> {
  const user = await getUser(iam, userName);
  if (!user) return null;
  const read = await inParallel(userReads(iam, userName));
  const login = read.loginProfile;
  const accessKeys = await Promise.all(
    read.accessKeys.map(async (k) => {
      // A key deleted between the list and this call (an offboarding running) is AccessDenied in IAM.
      const used = await iam
        .send(new GetAccessKeyLastUsedCommand({ AccessKeyId: k.AccessKeyId! }))
        .catch((e: unknown) => {
          const err = toIamError(e);
          if (err.kind === "not-found" || err.code === "AccessDenied")
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
    groups: read.groups,
    console: {
      enabled: Boolean(login),
      createdAt: login?.CreateDate?.toISOString() ?? null,
      resetRequired: login?.PasswordResetRequired ?? false,
    },
    accessKeys,
    mfaDevices: read.mfaDevices.map((d) => ({
      serial: d.SerialNumber!,
      enabledAt: d.EnableDate?.toISOString() ?? null,
    })),
    attachedPolicies: read.attachedPolicies,
    inlinePolicies: read.inlinePolicies,
  };
}
