import { execFile } from "node:child_process";
import { promisify } from "node:util";
import {
  CreateUserCommand,
  DeleteAccessKeyCommand,
  GetUserCommand,
  ListUsersCommand,
  UpdateAccessKeyCommand,
} from "@aws-sdk/client-iam";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { describe, expect, it } from "vitest";
import { EXAMPLE_ROOT_CREDENTIALS } from "./index";
import { READ_SELF_POLICY, clients, expectIamError, sandboxForFile, userWithKey } from "./test/helpers";

// With auth "on", the sandbox accepts only requests signed by a key the account has: the root's
// (AWS's documented example pair by default) or an active key of one of its users.

const { sandbox } = sandboxForFile({ auth: "on" });

const signedAs = (accessKeyId: string, secretAccessKey: string) =>
  clients(sandbox().url, { accessKeyId, secretAccessKey });
const root = () => signedAs(EXAMPLE_ROOT_CREDENTIALS.accessKeyId, EXAMPLE_ROOT_CREDENTIALS.secretAccessKey);

describe("a sandbox that checks signatures", () => {
  it("accepts the root's documented example key and says the caller is root", async () => {
    expect(sandbox().rootCredentials).toEqual(EXAMPLE_ROOT_CREDENTIALS);
    const id = await root().sts.send(new GetCallerIdentityCommand({}));
    expect(id.Arn).toBe("arn:aws:iam::123456789012:root");
  });

  it("refuses a wrong secret, an unknown key and an unsigned request, changing nothing", async () => {
    const wrong = signedAs(EXAMPLE_ROOT_CREDENTIALS.accessKeyId, "not-the-secret");
    await expectIamError(
      wrong.iam.send(new CreateUserCommand({ UserName: "intruder" })),
      "SignatureDoesNotMatch",
      403,
    );
    const unknown = signedAs("AKIAUNKNOWNUNKNOWN00", "whatever");
    await expectIamError(
      unknown.iam.send(new CreateUserCommand({ UserName: "intruder" })),
      "InvalidClientTokenId",
      403,
    );
    const res = await fetch(`${sandbox().url}/`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "Action=CreateUser&Version=2010-05-08&UserName=intruder",
    });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("<Code>MissingAuthenticationToken</Code>");
    const users = await root().iam.send(new ListUsersCommand({}));
    expect(users.Users!.map((u) => u.UserName)).not.toContain("intruder");
  });

  it("a user's key signs as that user until it is deactivated or deleted", async () => {
    const key = await userWithKey(root().iam, "sally", READ_SELF_POLICY);
    const sally = signedAs(key.accessKeyId, key.secretAccessKey);
    expect((await sally.iam.send(new GetUserCommand({}))).User!.UserName).toBe("sally");
    expect((await sally.sts.send(new GetCallerIdentityCommand({}))).Arn).toBe(
      "arn:aws:iam::123456789012:user/sally",
    );
    await expectIamError(
      signedAs(key.accessKeyId, "a-guessed-secret").iam.send(new GetUserCommand({})),
      "SignatureDoesNotMatch",
      403,
    );

    await root().iam.send(
      new UpdateAccessKeyCommand({ UserName: "sally", AccessKeyId: key.accessKeyId, Status: "Inactive" }),
    );
    await expectIamError(sally.iam.send(new GetUserCommand({})), "InvalidClientTokenId", 403);
    await root().iam.send(
      new UpdateAccessKeyCommand({ UserName: "sally", AccessKeyId: key.accessKeyId, Status: "Active" }),
    );
    await sally.iam.send(new GetUserCommand({}));
    await root().iam.send(new DeleteAccessKeyCommand({ UserName: "sally", AccessKeyId: key.accessKeyId }));
    await expectIamError(sally.iam.send(new GetUserCommand({})), "InvalidClientTokenId", 403);
  });

  it("works with the AWS CLI signing with the documented example key, and refuses it with another secret", async () => {
    const cli = (secret: string) =>
      promisify(execFile)("aws", ["--endpoint-url", sandbox().url, "iam", "list-users", "--output", "json"], {
        env: {
          ...process.env,
          AWS_ACCESS_KEY_ID: EXAMPLE_ROOT_CREDENTIALS.accessKeyId,
          AWS_SECRET_ACCESS_KEY: secret,
          AWS_DEFAULT_REGION: "us-east-1",
          AWS_CONFIG_FILE: "/dev/null",
          AWS_SHARED_CREDENTIALS_FILE: "/dev/null",
        },
      });
    const { stdout } = await cli(EXAMPLE_ROOT_CREDENTIALS.secretAccessKey);
    expect(JSON.parse(stdout).Users.map((u: { UserName: string }) => u.UserName)).toContain("sally");
    await expect(cli("wrong")).rejects.toThrow(/SignatureDoesNotMatch/);
  });
});
