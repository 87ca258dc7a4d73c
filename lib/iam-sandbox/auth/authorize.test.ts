import { execFile } from "node:child_process";
import { promisify } from "node:util";
import {
  AddRoleToInstanceProfileCommand,
  AddUserToGroupCommand,
  CreateGroupCommand,
  CreateInstanceProfileCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  DeleteUserPolicyCommand,
  GetInstanceProfileCommand,
  GetRoleCommand,
  GetUserCommand,
  IAMClient,
  ListUsersCommand,
  PutGroupPolicyCommand,
  PutUserPermissionsBoundaryCommand,
  PutUserPolicyCommand,
  TagUserCommand,
} from "@aws-sdk/client-iam";
import { GetSessionTokenCommand } from "@aws-sdk/client-sts";
import { beforeEach, describe, expect, it } from "vitest";
import {
  ACCT,
  awsCliEnv,
  clients,
  type Credentials,
  expectIamError,
  policyDoc,
  sessionCredentials,
  signedSandboxForFile,
  userWithKey,
  virtualMfaFor,
} from "../test/helpers";

// With auth "on" every IAM action is decided by the caller's policies (docs/iam-facts.md#authorization).

const { sandbox, root } = signedSandboxForFile({ auth: "on" });
const doc = policyDoc;
const allow = (Action: string | string[], Resource: string | string[] = "*", Condition?: object) => ({
  Effect: "Allow",
  Action,
  Resource,
  ...(Condition ? { Condition } : {}),
});
const deny = (Action: string | string[], Resource = "*", Condition?: object) => ({
  ...allow(Action, Resource, Condition),
  Effect: "Deny",
});

let n = 0;
/** A fresh user with these inline statements, and clients signing with its key. */
async function userWith(
  ...statements: object[]
): Promise<{ name: string; iam: IAMClient; creds: Credentials }> {
  const name = `caller${++n}`;
  const creds = await userWithKey(root().iam, name, statements.length ? doc(...statements) : undefined);
  return { name, iam: clients(sandbox().url, creds).iam, creds };
}

const users = async () => (await root().iam.send(new ListUsersCommand({}))).Users!.map((u) => u.UserName);

describe("authorization by the caller's policies", () => {
  beforeEach(() => {
    n += 100;
  });

  it("refuses an action no policy allows, in AWS's words, and changes nothing", async () => {
    const { name, iam } = await userWith();
    const message = await expectIamError(
      iam.send(new CreateUserCommand({ UserName: "alice" })),
      "AccessDenied",
      403,
    );
    expect(message).toBe(
      `User: arn:aws:iam::${ACCT}:user/${name} is not authorized to perform: iam:CreateUser on resource: ` +
        `arn:aws:iam::${ACCT}:user/alice because no identity-based policy allows the iam:CreateUser action`,
    );
    expect(await users()).not.toContain("alice");
  });

  it("adds a role to an instance profile only with iam:PassRole on the role, as AWS documents", async () => {
    const { name, iam } = await userWith(allow("iam:AddRoleToInstanceProfile"));
    const role = `${name}-worker`;
    const trust = doc({
      Effect: "Allow",
      Principal: { Service: "ec2.amazonaws.com" },
      Action: "sts:AssumeRole",
    });
    await root().iam.send(new CreateRoleCommand({ RoleName: role, AssumeRolePolicyDocument: trust }));
    await root().iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: role }));
    const add = () =>
      iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: role, RoleName: role }));
    expect(await expectIamError(add(), "AccessDenied", 403)).toBe(
      `User: arn:aws:iam::${ACCT}:user/${name} is not authorized to perform: iam:PassRole on resource: ` +
        `arn:aws:iam::${ACCT}:role/${role} because no identity-based policy allows the iam:PassRole action`,
    );
    await root().iam.send(
      new PutUserPolicyCommand({
        UserName: name,
        PolicyName: "p",
        PolicyDocument: doc(
          allow("iam:AddRoleToInstanceProfile"),
          allow("iam:PassRole", `arn:aws:iam::${ACCT}:role/${role}`),
        ),
      }),
    );
    await add();
    const profile = await root().iam.send(new GetInstanceProfileCommand({ InstanceProfileName: role }));
    expect(profile.InstanceProfile!.Roles!.map((r) => r.RoleName)).toEqual([role]);
  });

  it("allows what a policy allows; an explicit deny wins, also from a group", async () => {
    const { name, iam } = await userWith(allow("iam:CreateUser"));
    await iam.send(new CreateUserCommand({ UserName: `${name}-made` }));
    await root().iam.send(new CreateGroupCommand({ GroupName: `${name}-g` }));
    await root().iam.send(
      PutGroupPolicy(`${name}-g`, doc(deny("iam:CreateUser", `arn:aws:iam::${ACCT}:user/blocked/*`))),
    );
    await root().iam.send(new AddUserToGroupCommand({ GroupName: `${name}-g`, UserName: name }));
    const message = await expectIamError(
      iam.send(new CreateUserCommand({ UserName: "x", Path: "/blocked/" })),
      "AccessDenied",
      403,
    );
    expect(message).toMatch(/on resource: arn:aws:iam::123456789012:user\/blocked\/x with an explicit deny/);
    await iam.send(new CreateUserCommand({ UserName: `${name}-open`, Path: "/open/" }));
  });

  it("a permissions boundary caps what the identity policies allow", async () => {
    const { name, iam } = await userWith(allow("iam:*"));
    const { Policy } = await root().iam.send(
      new CreatePolicyCommand({ PolicyName: `${name}-b`, PolicyDocument: doc(allow("iam:GetUser")) }),
    );
    await root().iam.send(
      new PutUserPermissionsBoundaryCommand({ UserName: name, PermissionsBoundary: Policy!.Arn! }),
    );
    await iam.send(new GetUserCommand({}));
    const message = await expectIamError(
      iam.send(new CreateUserCommand({ UserName: "capped" })),
      "AccessDenied",
      403,
    );
    expect(message).toMatch(/because no permissions boundary allows the iam:CreateUser action$/);
  });

  it("authorizes each action on its resource: the group for AddUserToGroup, the role by its path, list calls on the path prefix", async () => {
    await root().iam.send(
      new CreateRoleCommand({
        RoleName: "ops-role",
        Path: "/ops/",
        AssumeRolePolicyDocument: doc({
          Effect: "Allow",
          Principal: { Service: "ec2.amazonaws.com" },
          Action: "sts:AssumeRole",
        }),
      }),
    );
    const { iam } = await userWith(
      allow("iam:GetRole", `arn:aws:iam::${ACCT}:role/ops/*`),
      allow("iam:AddUserToGroup", `arn:aws:iam::${ACCT}:group/team-*`),
      allow("iam:ListUsers", `arn:aws:iam::${ACCT}:user/staff/`),
    );
    await iam.send(new GetRoleCommand({ RoleName: "ops-role" }));
    await root().iam.send(new CreateGroupCommand({ GroupName: "team-a" }));
    await root().iam.send(new CreateGroupCommand({ GroupName: "admins" }));
    await iam.send(new AddUserToGroupCommand({ GroupName: "team-a", UserName: `caller${n}` }));
    await expectIamError(
      iam.send(new AddUserToGroupCommand({ GroupName: "admins", UserName: `caller${n}` })),
      "AccessDenied",
      403,
    );
    await iam.send(new ListUsersCommand({ PathPrefix: "/staff/" }));
    const message = await expectIamError(iam.send(new ListUsersCommand({})), "AccessDenied", 403);
    expect(message).toContain(`on resource: arn:aws:iam::${ACCT}:user/ because`);
  });

  it("conditions see the request: tags, tag keys, the boundary asked for, the source address, MFA", async () => {
    const { name, iam } = await userWith(
      allow("iam:CreateUser", "*", {
        StringEquals: { "aws:RequestTag/team": "web" },
        "ForAllValues:StringEquals": { "aws:TagKeys": ["team"] },
        IpAddress: { "aws:SourceIp": "127.0.0.0/8" },
      }),
      allow("iam:PutUserPermissionsBoundary", "*", {
        StringEquals: { "iam:PermissionsBoundary": `arn:aws:iam::${ACCT}:policy/approved` },
      }),
      deny("iam:TagUser", "*", { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } }),
      allow("iam:TagUser"),
    );
    await iam.send(new CreateUserCommand({ UserName: `${name}-a`, Tags: [{ Key: "team", Value: "web" }] }));
    await expectIamError(
      iam.send(new CreateUserCommand({ UserName: `${name}-b`, Tags: [{ Key: "team", Value: "ops" }] })),
      "AccessDenied",
      403,
    );
    await expectIamError(
      iam.send(
        new CreateUserCommand({
          UserName: `${name}-c`,
          Tags: [
            { Key: "team", Value: "web" },
            { Key: "cost", Value: "1" },
          ],
        }),
      ),
      "AccessDenied",
      403,
    );
    await expectIamError(iam.send(new CreateUserCommand({ UserName: `${name}-d` })), "AccessDenied", 403);
    await root().iam.send(
      new CreatePolicyCommand({ PolicyName: "approved", PolicyDocument: doc(allow("iam:GetUser")) }),
    );
    await root().iam.send(
      new CreatePolicyCommand({ PolicyName: "other", PolicyDocument: doc(allow("iam:*")) }),
    );
    await iam.send(
      new PutUserPermissionsBoundaryCommand({
        UserName: `${name}-a`,
        PermissionsBoundary: `arn:aws:iam::${ACCT}:policy/approved`,
      }),
    );
    await expectIamError(
      iam.send(
        new PutUserPermissionsBoundaryCommand({
          UserName: `${name}-a`,
          PermissionsBoundary: `arn:aws:iam::${ACCT}:policy/other`,
        }),
      ),
      "AccessDenied",
      403,
    );
    // A long-term key carries no MFA key at all: BoolIfExists "false" matches, so the Deny applies.
    await expectIamError(
      iam.send(new TagUserCommand({ UserName: `${name}-a`, Tags: [{ Key: "k", Value: "v" }] })),
      "AccessDenied",
      403,
    );
  });

  it("a Deny on aws:TokenIssueTime ends sessions issued before it, not the long-term key", async () => {
    const { name, iam, creds } = await userWith(allow("iam:GetUser"));
    // GetSessionToken's credentials reach IAM only when opened with MFA.
    const { serial, code } = await virtualMfaFor(root().iam, name);
    const { Credentials: c } = await clients(sandbox().url, creds).sts.send(
      new GetSessionTokenCommand({ SerialNumber: serial, TokenCode: code(1) }),
    );
    const session = clients(sandbox().url, sessionCredentials(c)).iam;
    await session.send(new GetUserCommand({ UserName: name }));
    const cutoff = new Date(Date.now() + 1000).toISOString();
    await root().iam.send(
      new PutUserPolicyCommand({
        UserName: name,
        PolicyName: "revoke",
        PolicyDocument: doc(deny("*", "*", { DateLessThan: { "aws:TokenIssueTime": cutoff } })),
      }),
    );
    const message = await expectIamError(
      session.send(new GetUserCommand({ UserName: name })),
      "AccessDenied",
      403,
    );
    expect(message).toContain("with an explicit deny in an identity-based policy");
    await iam.send(new GetUserCommand({ UserName: name }));
    await root().iam.send(new DeleteUserPolicyCommand({ UserName: name, PolicyName: "revoke" }));
    await session.send(new GetUserCommand({ UserName: name }));
  });

  it("the AWS CLI gets the same AccessDenied", async () => {
    const { creds } = await userWith();
    const run = promisify(execFile)(
      "aws",
      ["iam", "create-user", "--user-name", "cli-made", "--endpoint-url", sandbox().url],
      {
        env: awsCliEnv(creds),
      },
    );
    await expect(run).rejects.toMatchObject({
      stderr: expect.stringMatching(/AccessDenied.*not authorized to perform: iam:CreateUser/s),
    });
    expect(await users()).not.toContain("cli-made");
  });
});

function PutGroupPolicy(GroupName: string, PolicyDocument: string) {
  return new PutGroupPolicyCommand({ GroupName, PolicyName: "p", PolicyDocument });
}
