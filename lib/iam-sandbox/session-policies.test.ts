import { execFile } from "node:child_process";
import { promisify } from "node:util";
import {
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  DeletePolicyCommand,
  GetRoleCommand,
  ListRolesCommand,
  ListUsersCommand,
  PutRolePolicyCommand,
} from "@aws-sdk/client-iam";
import { AssumeRoleCommand, type AssumeRoleCommandInput } from "@aws-sdk/client-sts";
import { beforeAll, describe, expect, it } from "vitest";
import {
  ACCT,
  awsCliEnv,
  type Credentials,
  expectIamError,
  policyDoc,
  sessionCredentials,
  signedSandboxForFile,
  userWithKey,
} from "./test/helpers";

// AssumeRole session policies (docs/iam-facts.md#session-tags-and-session-policies): a session
// may do only what both the role's policies and its session policies allow; an explicit deny in
// either wins.

const { sandbox, as, root } = signedSandboxForFile({ auth: "on" });
const doc = policyDoc;
const allow = (Action: string | string[]) => ({ Effect: "Allow", Action, Resource: "*" });
const ROLE_ARN = `arn:aws:iam::${ACCT}:role/ops`;
const SESSION = `arn:aws:sts::${ACCT}:assumed-role/ops/s1`;
const READ_USERS = `arn:aws:iam::${ACCT}:policy/read-users`;

async function assume(extra: Partial<AssumeRoleCommandInput>) {
  const out = await as(alice).sts.send(
    new AssumeRoleCommand({ RoleArn: ROLE_ARN, RoleSessionName: "s1", ...extra }),
  );
  return { out, session: as(sessionCredentials(out.Credentials)) };
}

let alice: Credentials;

beforeAll(async () => {
  alice = await userWithKey(root().iam, "alice");
  await root().iam.send(
    new CreateRoleCommand({
      RoleName: "ops",
      AssumeRolePolicyDocument: doc({
        Effect: "Allow",
        Principal: { AWS: `arn:aws:iam::${ACCT}:user/alice` },
        Action: "sts:AssumeRole",
      }),
    }),
  );
  await root().iam.send(
    new PutRolePolicyCommand({
      RoleName: "ops",
      PolicyName: "ops",
      PolicyDocument: doc(allow(["iam:ListRoles", "iam:ListUsers", "iam:GetRole"])),
    }),
  );
  await root().iam.send(
    new CreatePolicyCommand({
      PolicyName: "read-users",
      PolicyDocument: doc(allow(["iam:ListUsers", "iam:GetUser"])),
    }),
  );
});

describe("AssumeRole session policies", () => {
  it("an inline session policy narrows the session to what it and the role's policies both allow", async () => {
    const { session } = await assume({ Policy: doc(allow(["iam:ListRoles", "iam:CreateUser"])) });
    await session.iam.send(new ListRolesCommand({}));
    expect(await expectIamError(session.iam.send(new ListUsersCommand({})), "AccessDenied", 403)).toBe(
      `User: ${SESSION} is not authorized to perform: iam:ListUsers on resource: arn:aws:iam::${ACCT}:user/ ` +
        "because no session policy allows the iam:ListUsers action",
    );
    // A session policy grants nothing the role lacks.
    expect(
      await expectIamError(session.iam.send(new CreateUserCommand({ UserName: "x" })), "AccessDenied", 403),
    ).toMatch(/because no identity-based policy allows the iam:CreateUser action$/);
    // Without session policies the same role does all its policies allow.
    await (await assume({})).session.iam.send(new ListUsersCommand({}));
  });

  it("managed session policies, the account's and AWS's, are read when the session calls", async () => {
    const { session } = await assume({ PolicyArns: [{ arn: READ_USERS }] });
    await session.iam.send(new ListUsersCommand({}));
    await expectIamError(session.iam.send(new ListRolesCommand({})), "AccessDenied", 403);
    const readOnly = await assume({ PolicyArns: [{ arn: "arn:aws:iam::aws:policy/ReadOnlyAccess" }] });
    await readOnly.session.iam.send(new GetRoleCommand({ RoleName: "ops" }));
    // Two session policies: either may allow.
    const both = await assume({ Policy: doc(allow("iam:GetRole")), PolicyArns: [{ arn: READ_USERS }] });
    await both.session.iam.send(new GetRoleCommand({ RoleName: "ops" }));
    await both.session.iam.send(new ListUsersCommand({}));
    // A managed session policy that is gone allows nothing.
    await root().iam.send(new DeletePolicyCommand({ PolicyArn: READ_USERS }));
    expect(await expectIamError(session.iam.send(new ListUsersCommand({})), "AccessDenied", 403)).toMatch(
      /because no session policy allows the iam:ListUsers action$/,
    );
  });

  it("an explicit deny in a session policy wins", async () => {
    const { session } = await assume({
      Policy: doc(allow("*"), { Effect: "Deny", Action: "iam:ListUsers", Resource: "*" }),
    });
    await session.iam.send(new ListRolesCommand({}));
    expect(await expectIamError(session.iam.send(new ListUsersCommand({})), "AccessDenied", 403)).toMatch(
      /with an explicit deny in a session policy$/,
    );
  });

  it("they also bound the roles the session may assume, unless the trust policy names that very session", async () => {
    const trusting = (RoleName: string, AWS: string) =>
      root().iam.send(
        new CreateRoleCommand({
          RoleName,
          AssumeRolePolicyDocument: doc({ Effect: "Allow", Principal: { AWS }, Action: "sts:AssumeRole" }),
        }),
      );
    await trusting("next-by-role", ROLE_ARN);
    await trusting("next-by-session", SESSION);
    const next = (session: ReturnType<typeof as>, RoleName: string) =>
      session.sts.send(
        new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCT}:role/${RoleName}`, RoleSessionName: "s2" }),
      );
    const narrow = (await assume({ Policy: doc(allow("iam:ListRoles")) })).session;
    await expectIamError(next(narrow, "next-by-role"), "AccessDenied", 403);
    await next(narrow, "next-by-session");
    const wider = (await assume({ Policy: doc(allow(["iam:ListRoles", "sts:AssumeRole"])) })).session;
    await next(wider, "next-by-role");
  });

  it("reports PackedPolicySize and refuses malformed, too many or too large session policies", async () => {
    const policy = doc(allow("iam:ListRoles"));
    const { out } = await assume({ Policy: policy });
    expect(out.PackedPolicySize).toBe(Math.ceil((100 * policy.length) / 2048));
    expect((await assume({})).out.PackedPolicySize).toBeUndefined();
    expect(await expectIamError(assume({ Policy: "{not json" }), "MalformedPolicyDocument", 400)).toBe(
      "The policy is not in the valid JSON format.",
    );
    await expectIamError(
      assume({
        Policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Action: "iam:*", Resource: "*" }] }),
      }),
      "MalformedPolicyDocument",
      400,
    );
    const eleven = Array.from({ length: 11 }, (_, i) => ({ arn: `arn:aws:iam::${ACCT}:policy/p${i}` }));
    await expectIamError(assume({ PolicyArns: eleven }), "ValidationError", 400);
    const actions = Array.from({ length: 120 }, (_, i) => `iam:ListSomething${i}`);
    expect(
      await expectIamError(assume({ Policy: doc(allow(actions)) }), "PackedPolicyTooLarge", 400),
    ).toMatch(/^Packed policy consumes \d+% of allotted space, please use smaller policy\.$/);
  });

  it("boto3 passes Policy and PolicyArns as awsQuery members, and the session is narrowed", async () => {
    await root().iam.send(
      new CreatePolicyCommand({ PolicyName: "list-roles", PolicyDocument: doc(allow("iam:ListRoles")) }),
    );
    const script = `
import boto3, json, os, sys
kw = dict(endpoint_url=os.environ["URL"], region_name="us-east-1")
out = boto3.client("sts", **kw).assume_role(
    RoleArn="${ROLE_ARN}", RoleSessionName="py",
    Policy=json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "iam:List*", "Resource": "*"}]}),
    PolicyArns=[{"arn": "arn:aws:iam::${ACCT}:policy/list-roles"}])
c = out["Credentials"]
iam = boto3.client("iam", aws_access_key_id=c["AccessKeyId"], aws_secret_access_key=c["SecretAccessKey"],
                   aws_session_token=c["SessionToken"], **kw)
iam.list_roles()
try:
    iam.get_role(RoleName="ops")
    print("allowed")
except iam.exceptions.ClientError as e:
    print(e.response["Error"]["Code"], out["PackedPolicySize"])
`;
    const { stdout } = await promisify(execFile)("python3", ["-c", script], {
      env: { ...awsCliEnv(alice), URL: sandbox().url },
    });
    expect(stdout.trim()).toMatch(/^AccessDenied \d+$/);
  });
});
