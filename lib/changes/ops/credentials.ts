import {
  CreateAccessKeyCommand,
  CreateLoginProfileCommand,
  DeactivateMFADeviceCommand,
  DeleteAccessKeyCommand,
  DeleteLoginProfileCommand,
  DeleteServiceSpecificCredentialCommand,
  DeleteSigningCertificateCommand,
  DeleteSSHPublicKeyCommand,
  DeleteVirtualMFADeviceCommand,
  GetLoginProfileCommand,
  ListAccessKeysCommand,
  UpdateAccessKeyCommand,
  UpdateLoginProfileCommand,
} from "@aws-sdk/client-iam";
import { z } from "zod";
import { accountPasswordPolicy, toIamError } from "@/lib/iam";
import { generateConsolePassword } from "../password";
import {
  defineCallOp,
  defineOp,
  defineUserRemoval,
  goneIsSkipped,
  userTarget,
  type OpContext,
  type OpOutcome,
} from "./types";

const name = z.string().min(1).max(128);
const user = z.object({ userName: name });

// Keys created up to this long before the step started are still counted as the step's own
// when recovering: IAM's CreateDate has one-second precision and clocks differ a little.
const CLOCK_SLACK_MS = 2_000;

async function createLoginProfile(
  userName: string,
  resetRequired: boolean,
  ctx: OpContext,
): Promise<OpOutcome> {
  const password = generateConsolePassword(await accountPasswordPolicy(ctx.iam));
  ctx.record(
    await ctx.iam.send(
      new CreateLoginProfileCommand({
        UserName: userName,
        Password: password,
        PasswordResetRequired: resetRequired,
      }),
    ),
  );
  ctx.reveal({ kind: "password", userName, password });
  return { status: "done", result: { passwordResetRequired: resetRequired } };
}

async function createAccessKey(userName: string, ctx: OpContext): Promise<OpOutcome> {
  const key = ctx.record(await ctx.iam.send(new CreateAccessKeyCommand({ UserName: userName }))).AccessKey;
  if (!key?.AccessKeyId || !key.SecretAccessKey) throw new Error("IAM returned no access key");
  ctx.reveal({
    kind: "accessKey",
    userName,
    accessKeyId: key.AccessKeyId,
    secretAccessKey: key.SecretAccessKey,
  });
  return { status: "done", result: { accessKeyId: key.AccessKeyId } };
}

export const credentialOps = {
  CreateLoginProfile: defineOp({
    iam: ["iam:CreateLoginProfile", "iam:UpdateLoginProfile"],
    resource: "user",
    explains: { loginProfile: ["created"] },
    params: user.extend({ passwordResetRequired: z.boolean().default(true) }),
    title: (p) => `Give ${p.userName} console access (temporary password, shown once)`,
    target: userTarget,
    producesSecret: true,
    run: (p, ctx) => createLoginProfile(p.userName, p.passwordResetRequired, ctx),
    // The earlier attempt may have set a password nobody saw: replace it.
    async reissue(p, ctx) {
      try {
        ctx.record(await ctx.iam.send(new GetLoginProfileCommand({ UserName: p.userName })));
      } catch (e) {
        if (toIamError(e).kind === "not-found")
          return createLoginProfile(p.userName, p.passwordResetRequired, ctx);
        throw e;
      }
      const password = generateConsolePassword(await accountPasswordPolicy(ctx.iam));
      ctx.record(
        await ctx.iam.send(
          new UpdateLoginProfileCommand({
            UserName: p.userName,
            Password: password,
            PasswordResetRequired: true,
          }),
        ),
      );
      ctx.reveal({ kind: "password", userName: p.userName, password });
      return {
        status: "done",
        result: { passwordResetRequired: true, reissued: true },
        note: "Password re-issued: the earlier attempt's password was never shown.",
      };
    },
  }),
  CreateAccessKey: defineOp({
    iam: ["iam:CreateAccessKey", "iam:DeleteAccessKey"],
    resource: "user",
    // A re-issue deletes the key whose secret was lost (result.deletedKeys) and creates another.
    explains: { accessKey: ["created", "removed"] },
    params: user,
    title: (p) => `Create an access key for ${p.userName} (secret shown once)`,
    target: userTarget,
    producesSecret: true,
    run: (p, ctx) => createAccessKey(p.userName, ctx),
    // The earlier attempt may have made a key whose secret is lost: delete it, make a new one.
    // A step that finished (an explicit re-issue) knows its key's id and deletes exactly that key;
    // one a crash cut short finds its key by creation time.
    async reissue(p, ctx) {
      const keys =
        ctx.record(await ctx.iam.send(new ListAccessKeysCommand({ UserName: p.userName })))
          .AccessKeyMetadata ?? [];
      const since = ctx.stepStartedAt.getTime() - CLOCK_SLACK_MS;
      const previous = ctx.previousResult?.accessKeyId;
      const orphans = keys.filter(
        (k) =>
          k.AccessKeyId &&
          (typeof previous === "string"
            ? k.AccessKeyId === previous
            : k.CreateDate && k.CreateDate.getTime() >= since),
      );
      for (const k of orphans)
        ctx.record(
          await ctx.iam.send(
            new DeleteAccessKeyCommand({ UserName: p.userName, AccessKeyId: k.AccessKeyId }),
          ),
        );
      const outcome = await createAccessKey(p.userName, ctx);
      const deleted = orphans.map((k) => k.AccessKeyId);
      return outcome.status === "done"
        ? { ...outcome, result: { ...outcome.result, reissued: true, deletedKeys: deleted } }
        : outcome;
    },
  }),
  UpdateAccessKey: defineCallOp({
    iam: ["iam:UpdateAccessKey"],
    resource: "user",
    explains: { accessKey: ["activated", "deactivated"] },
    params: user.extend({ accessKeyId: z.string().min(16), status: z.enum(["Active", "Inactive"]) }),
    title: (p) =>
      `${p.status === "Active" ? "Activate" : "Deactivate"} access key ${p.accessKeyId} of ${p.userName}`,
    target: userTarget,
    send: (iam, p) =>
      iam.send(
        new UpdateAccessKeyCommand({ UserName: p.userName, AccessKeyId: p.accessKeyId, Status: p.status }),
      ),
    // A key that is gone cannot be used either: deactivating it has nothing left to do.
    onError: async (err, p) => (p.status === "Inactive" ? goneIsSkipped(err) : null),
  }),
  DeleteAccessKey: defineUserRemoval({
    iam: "iam:DeleteAccessKey",
    explains: { accessKey: ["removed"] },
    params: user.extend({ accessKeyId: z.string().min(16) }),
    title: (p) => `Delete access key ${p.accessKeyId} of ${p.userName}`,
    send: (iam, p) =>
      iam.send(new DeleteAccessKeyCommand({ UserName: p.userName, AccessKeyId: p.accessKeyId })),
  }),
  DeleteLoginProfile: defineUserRemoval({
    iam: "iam:DeleteLoginProfile",
    explains: { loginProfile: ["removed"] },
    params: user,
    title: (p) => `Remove console access (password) of ${p.userName}`,
    send: (iam, p) => iam.send(new DeleteLoginProfileCommand({ UserName: p.userName })),
  }),
  DeactivateMFADevice: defineUserRemoval({
    iam: "iam:DeactivateMFADevice",
    explains: { mfa: ["deactivated"] },
    params: user.extend({ serialNumber: z.string().min(9) }),
    title: (p) => `Deactivate MFA device ${p.serialNumber} of ${p.userName}`,
    send: (iam, p) =>
      iam.send(new DeactivateMFADeviceCommand({ UserName: p.userName, SerialNumber: p.serialNumber })),
  }),
  DeleteVirtualMFADevice: defineCallOp({
    iam: ["iam:DeleteVirtualMFADevice"],
    resource: "mfa",
    params: z.object({ serialNumber: z.string().min(9) }),
    title: (p) => `Delete virtual MFA device ${p.serialNumber}`,
    target: (p) => `mfa/${p.serialNumber.split("/").pop()}`,
    send: (iam, p) => iam.send(new DeleteVirtualMFADeviceCommand({ SerialNumber: p.serialNumber })),
    onError: goneIsSkipped,
  }),
  DeleteSSHPublicKey: defineUserRemoval({
    iam: "iam:DeleteSSHPublicKey",
    explains: { sshKey: ["removed"] },
    params: user.extend({ sshPublicKeyId: z.string().min(20) }),
    title: (p) => `Delete SSH public key ${p.sshPublicKeyId} of ${p.userName}`,
    send: (iam, p) =>
      iam.send(new DeleteSSHPublicKeyCommand({ UserName: p.userName, SSHPublicKeyId: p.sshPublicKeyId })),
  }),
  DeleteSigningCertificate: defineUserRemoval({
    iam: "iam:DeleteSigningCertificate",
    explains: { certificate: ["removed"] },
    params: user.extend({ certificateId: z.string().min(20) }),
    title: (p) => `Delete signing certificate ${p.certificateId} of ${p.userName}`,
    send: (iam, p) =>
      iam.send(new DeleteSigningCertificateCommand({ UserName: p.userName, CertificateId: p.certificateId })),
  }),
  DeleteServiceSpecificCredential: defineUserRemoval({
    iam: "iam:DeleteServiceSpecificCredential",
    explains: { serviceCredential: ["removed"] },
    params: user.extend({ serviceSpecificCredentialId: z.string().min(20) }),
    title: (p) => `Delete service credential ${p.serviceSpecificCredentialId} of ${p.userName}`,
    send: (iam, p) =>
      iam.send(
        new DeleteServiceSpecificCredentialCommand({
          UserName: p.userName,
          ServiceSpecificCredentialId: p.serviceSpecificCredentialId,
        }),
      ),
  }),
};
