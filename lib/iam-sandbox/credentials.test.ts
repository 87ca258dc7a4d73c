import {
  AttachUserPolicyCommand,
  ChangePasswordCommand,
  CreateAccessKeyCommand,
  type CreateAccessKeyCommandOutput,
  CreateLoginProfileCommand,
  CreateUserCommand,
  DeleteAccessKeyCommand,
  DeleteAccountPasswordPolicyCommand,
  DeleteLoginProfileCommand,
  DeleteUserCommand,
  GetAccessKeyLastUsedCommand,
  GetAccountPasswordPolicyCommand,
  GetLoginProfileCommand,
  GetUserCommand,
  ListAccessKeysCommand,
  PutUserPolicyCommand,
  UpdateAccessKeyCommand,
  UpdateAccountPasswordPolicyCommand,
  UpdateLoginProfileCommand,
} from "@aws-sdk/client-iam";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { describe, expect, it } from "vitest";
import { clients, expectIamError, READ_SELF_POLICY, sandboxForFile } from "./test/helpers";

const { iam, sts, sandbox } = sandboxForFile();

const credentialsOf = (created: CreateAccessKeyCommandOutput) => ({
  accessKeyId: created.AccessKey!.AccessKeyId!,
  secretAccessKey: created.AccessKey!.SecretAccessKey!,
});

/** AWS's documented "manage your own access keys" policy, and reading one's own user. */
const OWN_KEYS_POLICY = JSON.stringify({
  Version: "2012-10-17",
  Statement: [
    {
      Effect: "Allow",
      Action: ["iam:GetUser", "iam:CreateAccessKey", "iam:ListAccessKeys", "iam:DeleteAccessKey"],
      Resource: "arn:aws:iam::*:user/${aws:username}",
    },
  ],
});

describe("access keys", () => {
  it("two keys per user, secret only at creation, status changes", async () => {
    await iam.send(new CreateUserCommand({ UserName: "keyed" }));
    const k1 = await iam.send(new CreateAccessKeyCommand({ UserName: "keyed" }));
    expect(k1.AccessKey!.AccessKeyId).toMatch(/^AKIA[A-Z0-9]{16}$/);
    expect(k1.AccessKey!.SecretAccessKey).toHaveLength(40);
    expect(k1.AccessKey!.Status).toBe("Active");
    await iam.send(new CreateAccessKeyCommand({ UserName: "keyed" }));
    expect(
      await expectIamError(iam.send(new CreateAccessKeyCommand({ UserName: "keyed" })), "LimitExceeded", 409),
    ).toBe("Cannot exceed quota for AccessKeysPerUser: 2");
    const keyId = k1.AccessKey!.AccessKeyId;
    await iam.send(new UpdateAccessKeyCommand({ UserName: "keyed", AccessKeyId: keyId, Status: "Inactive" }));
    const list = await iam.send(new ListAccessKeysCommand({ UserName: "keyed" }));
    expect(list.AccessKeyMetadata).toHaveLength(2);
    expect(list.AccessKeyMetadata![0]).toMatchObject({ Status: "Inactive", UserName: "keyed" });
    expect(JSON.stringify(list)).not.toContain(k1.AccessKey!.SecretAccessKey!);
    await expectIamError(
      iam.send(
        new UpdateAccessKeyCommand({
          UserName: "keyed",
          AccessKeyId: k1.AccessKey!.AccessKeyId,
          Status: "Paused" as never,
        }),
      ),
      "ValidationError",
      400,
    );
    const missing = new DeleteAccessKeyCommand({ UserName: "keyed", AccessKeyId: "AKIANOTAKEY000000000" });
    const notFound = await expectIamError(iam.send(missing), "NoSuchEntity", 404);
    expect(notFound).toBe("The Access Key with id AKIANOTAKEY000000000 cannot be found.");
  });

  it("calls without UserName act on the signing key's owner; unknown keys act as root", async () => {
    await iam.send(new CreateUserCommand({ UserName: "self" }));
    const key = await iam.send(new CreateAccessKeyCommand({ UserName: "self" }));
    await iam.send(
      new PutUserPolicyCommand({ UserName: "self", PolicyName: "own-keys", PolicyDocument: OWN_KEYS_POLICY }),
    );
    const asSelf = clients(sandbox().url, credentialsOf(key));
    expect((await asSelf.iam.send(new GetUserCommand({}))).User!.UserName).toBe("self");
    const id = await asSelf.sts.send(new GetCallerIdentityCommand({}));
    expect(id).toMatchObject({ Arn: "arn:aws:iam::123456789012:user/self", Account: "123456789012" });
    const second = await asSelf.iam.send(new CreateAccessKeyCommand({}));
    expect(second.AccessKey!.UserName).toBe("self");
    expect((await asSelf.iam.send(new ListAccessKeysCommand({}))).AccessKeyMetadata).toHaveLength(2);
    await asSelf.iam.send(new DeleteAccessKeyCommand({ AccessKeyId: second.AccessKey!.AccessKeyId }));

    const root = await iam.send(new GetUserCommand({}));
    expect(root.User).toMatchObject({ UserId: "123456789012", Arn: "arn:aws:iam::123456789012:root" });
    expect((await sts.send(new GetCallerIdentityCommand({}))).Arn).toBe("arn:aws:iam::123456789012:root");
    const asRoot = new DeleteAccessKeyCommand({ AccessKeyId: key.AccessKey!.AccessKeyId });
    const noUser = await expectIamError(iam.send(asRoot), "ValidationError", 400);
    expect(noUser).toBe("Must specify userName when calling with non-User credentials");
  });

  it("refuses calls signed with an Inactive key, as AWS does", async () => {
    await iam.send(new CreateUserCommand({ UserName: "paused" }));
    const key = await iam.send(new CreateAccessKeyCommand({ UserName: "paused" }));
    await iam.send(
      new UpdateAccessKeyCommand({
        UserName: "paused",
        AccessKeyId: key.AccessKey!.AccessKeyId,
        Status: "Inactive",
      }),
    );
    const asPaused = clients(sandbox().url, credentialsOf(key));
    await expectIamError(asPaused.iam.send(new GetUserCommand({})), "InvalidClientTokenId", 403);
    await expectIamError(asPaused.sts.send(new GetCallerIdentityCommand({})), "InvalidClientTokenId", 403);
  });

  it("GetAccessKeyLastUsed reflects real use, N/A before", async () => {
    await iam.send(new CreateUserCommand({ UserName: "user-of-keys" }));
    const key = await iam.send(new CreateAccessKeyCommand({ UserName: "user-of-keys" }));
    const id = key.AccessKey!.AccessKeyId!;
    const before = await iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: id }));
    expect(before.AccessKeyLastUsed).toEqual({ ServiceName: "N/A", Region: "N/A" });
    await iam.send(
      new PutUserPolicyCommand({
        UserName: "user-of-keys",
        PolicyName: "p",
        PolicyDocument: READ_SELF_POLICY,
      }),
    );
    await clients(sandbox().url, credentialsOf(key)).iam.send(new GetUserCommand({}));
    const after = await iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: id }));
    expect(after.UserName).toBe("user-of-keys");
    expect(after.AccessKeyLastUsed).toMatchObject({ ServiceName: "iam", Region: "us-east-1" });
    expect(after.AccessKeyLastUsed!.LastUsedDate).toBeInstanceOf(Date);
    await expectIamError(
      iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: "AKIAUNKNOWN000000000" })),
      "AccessDenied",
      403,
    );
  });
});

describe("login profiles and passwords", () => {
  it("create/get/update/delete, with the default password policy", async () => {
    await iam.send(new CreateUserCommand({ UserName: "console" }));
    await expectIamError(
      iam.send(new CreateLoginProfileCommand({ UserName: "console", Password: "short" })),
      "PasswordPolicyViolation",
      400,
    );
    const lp = await iam.send(
      new CreateLoginProfileCommand({ UserName: "console", Password: "Correct-Horse-9" }),
    );
    expect(lp.LoginProfile).toMatchObject({ UserName: "console", PasswordResetRequired: false });
    await expectIamError(
      iam.send(new CreateLoginProfileCommand({ UserName: "console", Password: "Correct-Horse-9" })),
      "EntityAlreadyExists",
      409,
    );
    const profile = () => iam.send(new GetLoginProfileCommand({ UserName: "console" }));
    await iam.send(new UpdateLoginProfileCommand({ UserName: "console", PasswordResetRequired: true }));
    expect((await profile()).LoginProfile!.PasswordResetRequired).toBe(true);
    expect(
      await expectIamError(iam.send(new DeleteUserCommand({ UserName: "console" })), "DeleteConflict", 409),
    ).toBe("Cannot delete entity, must delete login profile first.");
    await iam.send(new DeleteLoginProfileCommand({ UserName: "console" }));
    const gone = await expectIamError(profile(), "NoSuchEntity", 404);
    expect(gone).toBe("Login Profile for User console cannot be found.");
    await iam.send(new DeleteUserCommand({ UserName: "console" }));
  });

  it("account password policy: replace-all update, checks, reuse, ChangePassword by the user", async () => {
    expect(await expectIamError(iam.send(new GetAccountPasswordPolicyCommand({})), "NoSuchEntity", 404)).toBe(
      "The Password Policy with domain name 123456789012 cannot be found.",
    );
    await iam.send(
      new UpdateAccountPasswordPolicyCommand({
        MinimumPasswordLength: 12,
        RequireNumbers: true,
        PasswordReusePrevention: 2,
        AllowUsersToChangePassword: true,
      }),
    );
    await iam.send(
      new UpdateAccountPasswordPolicyCommand({
        MinimumPasswordLength: 12,
        RequireSymbols: true,
        PasswordReusePrevention: 2,
      }),
    );
    const policy = (await iam.send(new GetAccountPasswordPolicyCommand({}))).PasswordPolicy!;
    expect(policy).toMatchObject({
      MinimumPasswordLength: 12,
      RequireSymbols: true,
      RequireNumbers: false,
      AllowUsersToChangePassword: false,
      ExpirePasswords: false,
    });
    await expectIamError(
      iam.send(new UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 5 })),
      "ValidationError",
      400,
    );

    const setPassword = (Password: string) =>
      iam.send(new CreateLoginProfileCommand({ UserName: "changer", Password }));
    await iam.send(new CreateUserCommand({ UserName: "changer" }));
    const weak = await expectIamError(setPassword("abcdefghijkl"), "PasswordPolicyViolation", 400);
    expect(weak).toBe("Password should have at least one symbol");
    await setPassword("first-password!");
    const key = await iam.send(new CreateAccessKeyCommand({ UserName: "changer" }));
    await iam.send(
      new AttachUserPolicyCommand({
        UserName: "changer",
        PolicyArn: "arn:aws:iam::aws:policy/IAMUserChangePassword",
      }),
    );
    const asUser = clients(sandbox().url, credentialsOf(key));
    await expectIamError(
      asUser.iam.send(
        new ChangePasswordCommand({ OldPassword: "wrong-password!", NewPassword: "second-password!" }),
      ),
      "AccessDenied",
      403,
    );
    await asUser.iam.send(
      new ChangePasswordCommand({ OldPassword: "first-password!", NewPassword: "second-password!" }),
    );
    expect(
      await expectIamError(
        asUser.iam.send(
          new ChangePasswordCommand({ OldPassword: "second-password!", NewPassword: "first-password!" }),
        ),
        "PasswordPolicyViolation",
        400,
      ),
    ).toMatch(/used previously/);
    await expectIamError(
      iam.send(new ChangePasswordCommand({ OldPassword: "x", NewPassword: "y" })),
      "InvalidUserType",
      400,
    );
    await iam.send(new DeleteAccountPasswordPolicyCommand({}));
    await expectIamError(iam.send(new DeleteAccountPasswordPolicyCommand({})), "NoSuchEntity", 404);
  });
});
