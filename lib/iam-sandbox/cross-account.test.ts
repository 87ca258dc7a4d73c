import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  CreateRoleCommand,
  ListRolesCommand,
  ListUsersCommand,
  PutUserPolicyCommand,
} from "@aws-sdk/client-iam";
import { AssumeRoleCommand, GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { CloudTrailClient, LookupEventsCommand } from "@aws-sdk/client-cloudtrail";
import { describe, expect, it } from "vitest";
import { EXAMPLE_ORG_ACCOUNTS, recordSandboxUsage, startSandbox, type Sandbox } from "./index";
import {
  clients,
  expectIamError,
  sandboxForFile,
  sessionCredentials,
  userWithKey,
  type Credentials,
} from "./test/helpers";

// Several accounts in one sandbox (docs/iam-facts.md#organizations): each request acts in the
// account of its signing key, and STS AssumeRole crosses accounts when the role's trust policy
// and the caller's own policies both allow it.

const { sandbox, iam } = sandboxForFile({ seed: "example-org" });
const MGMT = "123456789012";
const { production, staging, sandbox: sandboxAccount } = EXAMPLE_ORG_ACCOUNTS;
const as = (c: Credentials) => clients(sandbox().url, c);
const assumeRole = (c: Credentials, RoleArn: string) =>
  as(c).sts.send(new AssumeRoleCommand({ RoleArn, RoleSessionName: "test" }));

/** The seeded key of a user in an account (the seed's keys are deterministic, but read them). */
function keyOf(s: Sandbox, accountId: string, user: string): Credentials {
  const k = s.admin.account(accountId)!.users.get(user)!.accessKeys[0];
  return { accessKeyId: k.id, secretAccessKey: k.secret };
}

const assumeOnly = (Resource: string) =>
  JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Resource }],
  });

describe("accounts routed by credentials", () => {
  it("gives each account its own IAM: the same user name is a different user in each", async () => {
    const whoIs = (accountId: string) =>
      as(keyOf(sandbox(), accountId, "sally")).sts.send(new GetCallerIdentityCommand({}));
    const [inProd, inStaging, inSandbox] = await Promise.all(
      [production, staging, sandboxAccount].map(whoIs),
    );
    expect(inProd).toMatchObject({ Account: production, Arn: `arn:aws:iam::${production}:user/sally` });
    expect(inStaging).toMatchObject({ Account: staging, Arn: `arn:aws:iam::${staging}:user/sally` });
    expect(inSandbox.Account).toBe(sandboxAccount);
    expect(inProd.UserId).not.toBe(inStaging.UserId);
    const tags = sandbox().admin.account(staging)!.users.get("sally")!.tags;
    expect(tags).toEqual([{ Key: "email", Value: "sally@example.com" }]);
    // The root key pair is the management account's: it sees mary and gatehouse-app only.
    const users = (await iam.send(new ListUsersCommand({}))).Users!.map((u) => u.UserName);
    expect(users).toEqual(["gatehouse-app", "mary"]);
  });

  it("has OrganizationAccountAccessRole and GatehouseMember in every member account", async () => {
    for (const account of [production, staging, sandboxAccount]) {
      const s = sandbox().admin.account(account)!;
      const access = s.roles.get("organizationaccountaccessrole")!;
      expect(JSON.parse(access.trustPolicy).Statement[0].Principal).toEqual({
        AWS: `arn:aws:iam::${MGMT}:root`,
      });
      expect(access.attached).toEqual(["arn:aws:iam::aws:policy/AdministratorAccess"]);
      const member = s.roles.get("gatehousemember")!;
      expect(JSON.parse(member.trustPolicy).Statement[0].Principal).toEqual({
        AWS: `arn:aws:iam::${MGMT}:user/gatehouse-app`,
      });
      expect(member.attached).toEqual([`arn:aws:iam::${account}:policy/GatehouseApp`]);
    }
    const app = sandbox().admin.state().users.get("gatehouse-app")!;
    expect(app.attached.map((a) => a.split("/").pop())).toEqual([
      "GatehouseApp",
      "GatehouseOrganizationReader",
    ]);
  });
});

describe("AssumeRole across accounts", () => {
  it("lets gatehouse-app into GatehouseMember, whose session acts in the member account", async () => {
    const app = sandbox().admin.appCredentials()!;
    const out = await assumeRole(app, `arn:aws:iam::${production}:role/GatehouseMember`);
    expect(out.AssumedRoleUser!.Arn).toBe(`arn:aws:sts::${production}:assumed-role/GatehouseMember/test`);
    const session = as(sessionCredentials(out.Credentials));
    expect((await session.sts.send(new GetCallerIdentityCommand({}))).Account).toBe(production);
    const users = (await session.iam.send(new ListUsersCommand({}))).Users!.map((u) => u.UserName);
    expect(users).toEqual(["jane", "john", "maria", "sally"]);
  });

  it("records a cross-account AssumeRole in CloudTrail in both accounts", async () => {
    const app = sandbox().admin.appCredentials()!;
    const out = await assumeRole(app, `arn:aws:iam::${sandboxAccount}:role/GatehouseMember`);
    const lookup = (c: Credentials) =>
      new CloudTrailClient({
        endpoint: sandbox().url,
        region: "us-east-1",
        credentials: c,
        maxAttempts: 1,
      }).send(
        new LookupEventsCommand({
          LookupAttributes: [{ AttributeKey: "EventName", AttributeValue: "AssumeRole" }],
        }),
      );
    const inMember = (await lookup(sessionCredentials(out.Credentials))).Events!;
    const there = inMember.map((e) => JSON.parse(e.CloudTrailEvent!) as Record<string, unknown>);
    expect(there.some((e) => e.recipientAccountId === sandboxAccount)).toBe(true);
    const inManagement = (await lookup(app)).Events!.map((e) => JSON.parse(e.CloudTrailEvent!));
    expect(inManagement.some((e: { recipientAccountId: string }) => e.recipientAccountId === MGMT)).toBe(
      true,
    );
  });

  it("needs the caller's own permission even when the trust policy names its account", async () => {
    const ops = await userWithKey(iam, "ops");
    const role = `arn:aws:iam::${staging}:role/OrganizationAccountAccessRole`;
    const msg = await expectIamError(assumeRole(ops, role), "AccessDenied", 403);
    expect(msg).toBe(
      `User: arn:aws:iam::${MGMT}:user/ops is not authorized to perform: sts:AssumeRole on resource: ${role}`,
    );
    await iam.send(
      new PutUserPolicyCommand({ UserName: "ops", PolicyName: "assume", PolicyDocument: assumeOnly(role) }),
    );
    const out = await assumeRole(ops, role);
    const admin = as(sessionCredentials(out.Credentials));
    expect((await admin.iam.send(new ListRolesCommand({}))).Roles!.length).toBeGreaterThanOrEqual(2);
    // A trust policy naming the very user is not enough across accounts either (it would be
    // within one account): the user's own policies must allow sts:AssumeRole on the role.
    const direct = await userWithKey(iam, "direct");
    const trust = {
      Effect: "Allow",
      Principal: { AWS: `arn:aws:iam::${MGMT}:user/direct` },
      Action: "sts:AssumeRole",
    };
    await admin.iam.send(
      new CreateRoleCommand({
        RoleName: "trusts-direct",
        AssumeRolePolicyDocument: JSON.stringify({ Version: "2012-10-17", Statement: [trust] }),
      }),
    );
    const trusting = `arn:aws:iam::${staging}:role/trusts-direct`;
    await expectIamError(assumeRole(direct, trusting), "AccessDenied", 403);
    await iam.send(
      new PutUserPolicyCommand({ UserName: "direct", PolicyName: "a", PolicyDocument: assumeOnly(trusting) }),
    );
    expect((await assumeRole(direct, trusting)).AssumedRoleUser!.Arn).toBe(
      `arn:aws:sts::${staging}:assumed-role/trusts-direct/test`,
    );
  });

  it("refuses a role whose trust policy does not name the caller, whatever its own policies allow", async () => {
    const anyRole = await userWithKey(iam, "any-role", assumeOnly("*"));
    const role = `arn:aws:iam::${production}:role/GatehouseMember`;
    const msg = await expectIamError(assumeRole(anyRole, role), "AccessDenied", 403);
    expect(msg).toBe(
      `User: arn:aws:iam::${MGMT}:user/any-role is not authorized to perform: sts:AssumeRole on resource: ${role}`,
    );
  });

  it("refuses a role that does not exist and an account outside the organization", async () => {
    const anyRole = await userWithKey(iam, "wanderer", assumeOnly("*"));
    for (const role of [
      `arn:aws:iam::${production}:role/NoSuchRole`,
      `arn:aws:iam::999999999999:role/GatehouseMember`,
    ]) {
      const msg = await expectIamError(assumeRole(anyRole, role), "AccessDenied", 403);
      expect(msg).toBe(
        `User: arn:aws:iam::${MGMT}:user/wanderer is not authorized to perform: sts:AssumeRole on resource: ${role}`,
      );
    }
  });

  it("chains from a member session back into the management account only when trusted", async () => {
    const app = sandbox().admin.appCredentials()!;
    const out = await assumeRole(app, `arn:aws:iam::${production}:role/GatehouseMember`);
    const role = `arn:aws:iam::${staging}:role/GatehouseMember`;
    // The member role's session is not gatehouse-app: staging's GatehouseMember does not trust it.
    await expectIamError(assumeRole(sessionCredentials(out.Credentials), role), "AccessDenied", 403);
  });
});

describe("an organization seed's lifecycle", () => {
  it("keeps every account in the state file across a restart", async () => {
    const stateFile = path.join(mkdtempSync(path.join(tmpdir(), "org-")), "state.json");
    const first = await startSandbox({ port: 0, seed: "example-org", stateFile });
    const key = keyOf(first, staging, "john");
    await first.close();
    const again = await startSandbox({ port: 0, seed: "empty", stateFile });
    try {
      expect(again.admin.health().accounts.map((a) => a.accountId)).toEqual([
        MGMT,
        production,
        staging,
        sandboxAccount,
      ]);
      const who = await clients(again.url, key).sts.send(new GetCallerIdentityCommand({}));
      expect(who.Arn).toBe(`arn:aws:iam::${staging}:user/john`);
    } finally {
      await again.close();
    }
  });

  it("makes the same ids and keys on every reset, and no key twice across accounts", async () => {
    const keys = () =>
      sandbox()
        .admin.health()
        .accounts.flatMap((a) =>
          [...sandbox().admin.account(a.accountId)!.users.values()].flatMap((u) =>
            u.accessKeys.map((k) => k.id),
          ),
        );
    const org = () => sandbox().admin.health().organizationId;
    await sandbox().admin.reset("example-org");
    const before = { keys: keys(), org: org() };
    await sandbox().admin.reset("example-org");
    expect({ keys: keys(), org: org() }).toEqual(before);
    expect(new Set(before.keys).size).toBe(before.keys.length);
  });

  it("records service use in the account named, and generates N accounts with --accounts", async () => {
    const s = sandbox();
    await recordSandboxUsage(s.url, s.adminToken, { principal: "sally", service: "ec2", account: staging });
    await expect(
      recordSandboxUsage(s.url, s.adminToken, {
        principal: "sally",
        service: "ec2",
        account: "999999999999",
      }),
    ).rejects.toThrow(/no account 999999999999/);
    const generated = await startSandbox({
      port: 0,
      seed: { users: 20, groups: 3, policies: 4, seed: 2, accounts: 3 },
    });
    try {
      const accounts = generated.admin.health().accounts;
      expect(accounts.map((a) => [a.accountId, a.users])).toEqual([
        [MGMT, 21],
        ["100000000001", 20],
        ["100000000002", 20],
      ]);
    } finally {
      await generated.close();
    }
  });
});
