import { execFile } from "node:child_process";
import { promisify } from "node:util";
import {
  CreateRoleCommand,
  CreateUserCommand,
  DeleteRoleCommand,
  ListRolesCommand,
  PutRolePolicyCommand,
} from "@aws-sdk/client-iam";
import { AssumeRoleCommand, GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { beforeAll, describe, expect, it } from "vitest";
import { EXAMPLE_ROOT_CREDENTIALS } from "./index";
import {
  ACCT,
  awsCliEnv,
  type Credentials,
  expectIamError,
  policyDoc,
  signedSandboxForFile,
  userWithKey,
} from "./test/helpers";

// AssumeRole with signatures and authorization on: the trust policy decides who may assume a
// role, and the session then acts with the role's policies (docs/iam-facts.md#assumerole).

const { sandbox, as, root } = signedSandboxForFile({ auth: "on" });
const doc = policyDoc;
const trusts = (AWS: string, Condition?: object) =>
  doc({ Effect: "Allow", Principal: { AWS }, Action: "sts:AssumeRole", ...(Condition ? { Condition } : {}) });

const user = (name: string, policy?: string) => userWithKey(root().iam, name, policy);

async function role(name: string, trust: string, maxSessionDuration?: number) {
  await root().iam.send(
    new CreateRoleCommand({
      RoleName: name,
      AssumeRolePolicyDocument: trust,
      MaxSessionDuration: maxSessionDuration,
    }),
  );
  await root().iam.send(
    new PutRolePolicyCommand({
      RoleName: name,
      PolicyName: "list",
      PolicyDocument: doc({ Effect: "Allow", Action: "iam:ListRoles", Resource: "*" }),
    }),
  );
}

async function assume(c: Credentials, RoleName: string, extra: object = {}) {
  const out = await as(c).sts.send(
    new AssumeRoleCommand({
      RoleArn: `arn:aws:iam::${ACCT}:role/${RoleName}`,
      RoleSessionName: "s1",
      ...extra,
    }),
  );
  const k = out.Credentials!;
  return {
    out,
    session: {
      accessKeyId: k.AccessKeyId!,
      secretAccessKey: k.SecretAccessKey!,
      sessionToken: k.SessionToken!,
    },
  };
}

let alice: Credentials;
let bob: Credentials;

beforeAll(async () => {
  alice = await user("alice");
  bob = await user(
    "bob",
    doc({ Effect: "Allow", Action: "sts:AssumeRole", Resource: `arn:aws:iam::${ACCT}:role/*` }),
  );
  await role("deploy", trusts(`arn:aws:iam::${ACCT}:user/alice`), 7200);
  await role("account-wide", trusts(ACCT));
  await role(
    "vendor",
    trusts(`arn:aws:iam::${ACCT}:user/alice`, { StringEquals: { "sts:ExternalId": "x-42" } }),
  );
});

describe("AssumeRole", () => {
  it("gives a user the trust policy names a session that acts as the role", async () => {
    const { out, session } = await assume(alice, "deploy");
    expect(out.Credentials!.AccessKeyId).toMatch(/^ASIA/);
    expect(out.AssumedRoleUser!.Arn).toBe(`arn:aws:sts::${ACCT}:assumed-role/deploy/s1`);
    expect(out.AssumedRoleUser!.AssumedRoleId).toMatch(/^AROA[A-Z0-9]+:s1$/);
    expect(out.Credentials!.Expiration!.getTime() - Date.now()).toBeGreaterThan(3_500_000);
    const id = await as(session).sts.send(new GetCallerIdentityCommand({}));
    expect(id.Arn).toBe(`arn:aws:sts::${ACCT}:assumed-role/deploy/s1`);
    await as(session).iam.send(new ListRolesCommand({}));
    const message = await expectIamError(
      as(session).iam.send(new CreateUserCommand({ UserName: "from-role" })),
      "AccessDenied",
      403,
    );
    expect(message).toMatch(/^User: arn:aws:sts::123456789012:assumed-role\/deploy\/s1 is not authorized/);
  });

  it("refuses whom the trust policy does not name, and the account's users without sts:AssumeRole", async () => {
    const refused = await expectIamError(assume(bob, "deploy"), "AccessDenied", 403);
    expect(refused).toBe(
      `User: arn:aws:iam::${ACCT}:user/bob is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${ACCT}:role/deploy`,
    );
    await expectIamError(assume(alice, "account-wide"), "AccessDenied", 403);
    await assume(bob, "account-wide");
    await expectIamError(assume(EXAMPLE_ROOT_CREDENTIALS, "deploy"), "AccessDenied", 403);
  });

  it("checks the ExternalId a trust policy asks for", async () => {
    await expectIamError(assume(alice, "vendor"), "AccessDenied", 403);
    await expectIamError(assume(alice, "vendor", { ExternalId: "x-41" }), "AccessDenied", 403);
    await assume(alice, "vendor", { ExternalId: "x-42" });
  });

  it("bounds DurationSeconds by the role's MaxSessionDuration", async () => {
    await assume(alice, "deploy", { DurationSeconds: 7200 });
    const message = await expectIamError(
      assume(alice, "deploy", { DurationSeconds: 7201 }),
      "ValidationError",
      400,
    );
    expect(message).toBe("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
    await expectIamError(assume(alice, "deploy", { DurationSeconds: 899 }), "ValidationError", 400);
  });

  it("a role's 'revoke older sessions' deny ends them; deleting the role ends all", async () => {
    await role("short", trusts(`arn:aws:iam::${ACCT}:user/alice`));
    const { session } = await assume(alice, "short");
    await as(session).iam.send(new ListRolesCommand({}));
    await root().iam.send(
      new PutRolePolicyCommand({
        RoleName: "short",
        PolicyName: "AWSRevokeOlderSessions",
        PolicyDocument: doc({
          Effect: "Deny",
          Action: "*",
          Resource: "*",
          Condition: { DateLessThan: { "aws:TokenIssueTime": new Date(Date.now() + 1000).toISOString() } },
        }),
      }),
    );
    await expectIamError(as(session).iam.send(new ListRolesCommand({})), "AccessDenied", 403);
    await root().iam.send(
      new CreateRoleCommand({
        RoleName: "temp",
        AssumeRolePolicyDocument: trusts(`arn:aws:iam::${ACCT}:user/alice`),
      }),
    );
    const { session: temp } = await assume(alice, "temp");
    await as(temp).sts.send(new GetCallerIdentityCommand({}));
    await root().iam.send(new DeleteRoleCommand({ RoleName: "temp" }));
    await expectIamError(as(temp).sts.send(new GetCallerIdentityCommand({})), "InvalidClientTokenId", 403);
  });

  it("works from the AWS CLI", async () => {
    const { stdout } = await promisify(execFile)(
      "aws",
      [
        "sts",
        "assume-role",
        "--role-arn",
        `arn:aws:iam::${ACCT}:role/vendor`,
        "--role-session-name",
        "cli",
        "--external-id",
        "x-42",
        "--endpoint-url",
        sandbox().url,
      ],
      {
        env: awsCliEnv(alice),
      },
    );
    const out = JSON.parse(stdout) as { AssumedRoleUser: { Arn: string } };
    expect(out.AssumedRoleUser.Arn).toBe(`arn:aws:sts::${ACCT}:assumed-role/vendor/cli`);
  });
});
