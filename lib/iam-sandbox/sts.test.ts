import { execFile } from "node:child_process";
import { promisify } from "node:util";
import {
  CreateRoleCommand,
  GetUserCommand,
  ListRolesCommand,
  PutRolePolicyCommand,
} from "@aws-sdk/client-iam";
import { AssumeRoleCommand, GetCallerIdentityCommand, GetSessionTokenCommand } from "@aws-sdk/client-sts";
import { beforeAll, describe, expect, it } from "vitest";
import { EXAMPLE_ROOT_CREDENTIALS } from "./index";
import {
  ACCT,
  awsCliEnv,
  clients,
  type Credentials,
  expectIamError,
  READ_SELF_POLICY,
  sandboxForFile,
  sessionCredentials,
  userWithKey,
  virtualMfaFor,
} from "./test/helpers";

// GetSessionToken against a sandbox that checks signatures: the temporary credentials it hands
// out sign as the user who asked, only with their session token, and only until they expire;
// without MFA they reach no IAM action and, on STS, only AssumeRole and GetCallerIdentity.

const { sandbox } = sandboxForFile({ auth: "on" });

const clientsFor = (credentials: Credentials) => clients(sandbox().url, credentials);
const root = () => clientsFor(EXAMPLE_ROOT_CREDENTIALS);
let sally: Credentials;

beforeAll(async () => {
  sally = await userWithKey(root().iam, "sally", READ_SELF_POLICY);
});

async function sessionOf(
  creds: Credentials,
  input: ConstructorParameters<typeof GetSessionTokenCommand>[0] = {},
) {
  const { Credentials: c } = await clientsFor(creds).sts.send(new GetSessionTokenCommand(input));
  return { ...sessionCredentials(c), expiration: c!.Expiration! };
}

describe("GetSessionToken", () => {
  it("hands out ASIA credentials for 12 hours by default that sign as the user", async () => {
    const before = Date.now();
    const s = await sessionOf(sally);
    expect(s.accessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(s.secretAccessKey).toHaveLength(40);
    expect(s.expiration.getTime() - before).toBeGreaterThan(43_190_000);
    expect(s.expiration.getTime() - before).toBeLessThanOrEqual(43_201_000);
    expect((await clientsFor(s).sts.send(new GetCallerIdentityCommand({}))).Arn).toBe(
      `arn:aws:iam::${ACCT}:user/sally`,
    );
  });

  it("refuses the session's key without its token or with another, and a session asking for another", async () => {
    const s = await sessionOf(sally);
    await clientsFor(s).sts.send(new GetCallerIdentityCommand({}));
    await expectIamError(
      clientsFor({ ...s, sessionToken: undefined }).sts.send(new GetCallerIdentityCommand({})),
      "InvalidClientTokenId",
      403,
    );
    await expectIamError(
      clientsFor({ ...s, sessionToken: `${s.sessionToken}x` }).sts.send(new GetCallerIdentityCommand({})),
      "InvalidClientTokenId",
      403,
    );
    expect(
      await expectIamError(clientsFor(s).sts.send(new GetSessionTokenCommand({})), "AccessDenied", 403),
    ).toBe("Cannot call GetSessionToken with session credentials");
  });

  it("stops accepting a session once it has expired", async () => {
    const s = await sessionOf(sally, { DurationSeconds: 900 });
    await clientsFor(s).sts.send(new GetCallerIdentityCommand({}));
    sandbox().admin.state().sessions!.get(s.accessKeyId)!.expires = Date.now() - 1; // 15 minutes later
    await expectIamError(clientsFor(s).sts.send(new GetCallerIdentityCommand({})), "ExpiredToken", 403);
  });

  it("takes durations from 900 s to 36 h; the root's sessions last 1 h, also when it asks for more", async () => {
    await expectIamError(
      clientsFor(sally).sts.send(new GetSessionTokenCommand({ DurationSeconds: 899 })),
      "ValidationError",
      400,
    );
    await expectIamError(
      clientsFor(sally).sts.send(new GetSessionTokenCommand({ DurationSeconds: 129_601 })),
      "ValidationError",
      400,
    );
    await sessionOf(sally, { DurationSeconds: 129_600 });
    const asked: Array<[number | undefined, number]> = [
      [undefined, 3_600],
      [7_200, 3_600],
      [900, 900],
    ];
    for (const [DurationSeconds, lasts] of asked) {
      const before = Date.now();
      const rootSession = await sessionOf(EXAMPLE_ROOT_CREDENTIALS, { DurationSeconds });
      const seconds = (rootSession.expiration.getTime() - before) / 1000;
      expect({ DurationSeconds, long: seconds > lasts - 5 && seconds <= lasts + 1 }).toEqual({
        DurationSeconds,
        long: true,
      });
      expect((await clientsFor(rootSession).sts.send(new GetCallerIdentityCommand({}))).Arn).toBe(
        `arn:aws:iam::${ACCT}:root`,
      );
    }
  });

  it("checks an MFA code against the user's own device", async () => {
    const { serial, code } = await virtualMfaFor(root().iam, "sally");
    const accepted = [0, 1, 2].map(code); // the current step and one either side
    const wrong = ["000000", "111111", "222222", "333333"].find((c) => !accepted.includes(c))!;
    await expectIamError(
      clientsFor(sally).sts.send(new GetSessionTokenCommand({ SerialNumber: serial, TokenCode: wrong })),
      "AccessDenied",
      403,
    );
    const s = await sessionOf(sally, { SerialNumber: serial, TokenCode: code(1) });
    expect(sandbox().admin.state().sessions!.get(s.accessKeyId)!.mfa).toBe(true);
  });
});

describe("what GetSessionToken's credentials may call", () => {
  it("no IAM action without MFA, as IAM answers an unknown token; with MFA what the user's policies allow", async () => {
    const plain = await sessionOf(sally);
    const message = await expectIamError(
      clientsFor(plain).iam.send(new GetUserCommand({})),
      "InvalidClientTokenId",
      403,
    );
    expect(message).toBe("The security token included in the request is invalid");
    // The long-term key and the caller's policy allow the same call: the session is what is refused.
    expect((await clientsFor(sally).iam.send(new GetUserCommand({}))).User!.UserName).toBe("sally");
    const rootSession = await sessionOf(EXAMPLE_ROOT_CREDENTIALS);
    await expectIamError(
      clientsFor(rootSession).iam.send(new ListRolesCommand({})),
      "InvalidClientTokenId",
      403,
    );

    const mfaUser = await userWithKey(root().iam, "mfa-user", READ_SELF_POLICY);
    const { serial, code } = await virtualMfaFor(root().iam, "mfa-user");
    const withMfa = await sessionOf(mfaUser, { SerialNumber: serial, TokenCode: code(1) });
    expect((await clientsFor(withMfa).iam.send(new GetUserCommand({}))).User!.UserName).toBe("mfa-user");
    // Still only the user's policies: READ_SELF_POLICY does not allow ListRoles.
    await expectIamError(clientsFor(withMfa).iam.send(new ListRolesCommand({})), "AccessDenied", 403);
  });

  it("on STS only AssumeRole and GetCallerIdentity; the role session it gets may call IAM", async () => {
    await root().iam.send(
      new CreateRoleCommand({
        RoleName: "reader",
        AssumeRolePolicyDocument: JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            {
              Effect: "Allow",
              Principal: { AWS: `arn:aws:iam::${ACCT}:user/sally` },
              Action: "sts:AssumeRole",
            },
          ],
        }),
      }),
    );
    await root().iam.send(
      new PutRolePolicyCommand({
        RoleName: "reader",
        PolicyName: "list",
        PolicyDocument: JSON.stringify({
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Action: "iam:ListRoles", Resource: "*" }],
        }),
      }),
    );
    const plain = await sessionOf(sally);
    await expectIamError(clientsFor(plain).sts.send(new GetSessionTokenCommand({})), "AccessDenied", 403);
    const out = await clientsFor(plain).sts.send(
      new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCT}:role/reader`, RoleSessionName: "from-token" }),
    );
    const roleSession = clientsFor(sessionCredentials(out.Credentials));
    const roles = await roleSession.iam.send(new ListRolesCommand({}));
    expect(roles.Roles!.map((r) => r.RoleName)).toContain("reader");
    expect(
      await expectIamError(roleSession.sts.send(new GetSessionTokenCommand({})), "AccessDenied", 403),
    ).toBe("Cannot call GetSessionToken with session credentials");
  });

  it("the AWS CLI gets the same InvalidClientTokenId for an IAM call", async () => {
    const s = await sessionOf(sally);
    const run = promisify(execFile)("aws", ["iam", "get-user", "--endpoint-url", sandbox().url], {
      env: awsCliEnv(s),
    });
    await expect(run).rejects.toMatchObject({
      stderr: expect.stringMatching(
        /InvalidClientTokenId.*The security token included in the request is invalid/s,
      ),
    });
  });
});
