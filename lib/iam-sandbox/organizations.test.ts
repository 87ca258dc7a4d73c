import {
  DescribeAccountCommand,
  DescribeOrganizationalUnitCommand,
  DescribeOrganizationCommand,
  ListAccountsCommand,
  ListAccountsForParentCommand,
  ListChildrenCommand,
  ListOrganizationalUnitsForParentCommand,
  ListParentsCommand,
  ListRootsCommand,
  ListTagsForResourceCommand,
  OrganizationsClient,
  paginateListAccounts,
  RemoveAccountFromOrganizationCommand,
} from "@aws-sdk/client-organizations";
import { CreateAccessKeyCommand, ListUsersCommand, PutUserPolicyCommand } from "@aws-sdk/client-iam";
import { AssumeRoleCommand } from "@aws-sdk/client-sts";
import { describe, expect, it } from "vitest";
import { EXAMPLE_ORG_ACCOUNTS, EXAMPLE_ROOT_CREDENTIALS, startSandbox } from "./index";
import {
  clients,
  expectIamError,
  sandboxForFile,
  sessionCredentials,
  userWithKey,
  type Credentials,
} from "./test/helpers";

// AWS Organizations' read API on the example-org seed (docs/iam-facts.md#organizations), through
// @aws-sdk/client-organizations as an app would call it.

const { sandbox } = sandboxForFile({ seed: "example-org" });
const MGMT = "123456789012";
const { production, staging, sandbox: sandboxAccount } = EXAMPLE_ORG_ACCOUNTS;

function orgs(url: string, as: Credentials = EXAMPLE_ROOT_CREDENTIALS) {
  return new OrganizationsClient({ endpoint: url, region: "us-east-1", credentials: as, maxAttempts: 1 });
}
const root = () => orgs(sandbox().url);

async function appCredentials(): Promise<Credentials> {
  const app = sandbox().admin.appCredentials()!;
  return { accessKeyId: app.accessKeyId, secretAccessKey: app.secretAccessKey };
}

describe("Organizations on the example-org seed", () => {
  it("describes the organization with AWS's id and ARN formats", async () => {
    const { Organization: o } = await root().send(new DescribeOrganizationCommand({}));
    expect(o!.Id).toMatch(/^o-[a-z0-9]{10}$/);
    expect(o).toMatchObject({
      Arn: `arn:aws:organizations::${MGMT}:organization/${o!.Id}`,
      FeatureSet: "ALL",
      MasterAccountId: MGMT,
      MasterAccountArn: `arn:aws:organizations::${MGMT}:account/${o!.Id}/${MGMT}`,
      MasterAccountEmail: "aws-management@example.com",
    });
  });

  it("lists the four accounts page by page, the management account joined by invitation", async () => {
    const first = await root().send(new ListAccountsCommand({ MaxResults: 3 }));
    expect(first.Accounts).toHaveLength(3);
    expect(first.NextToken).toBeTruthy();
    const rest = await root().send(new ListAccountsCommand({ MaxResults: 3, NextToken: first.NextToken }));
    expect(rest.NextToken).toBeUndefined();
    const all = [...first.Accounts!, ...rest.Accounts!];
    expect(all.map((a) => [a.Name, a.Id, a.JoinedMethod])).toEqual([
      ["Example Company", MGMT, "INVITED"],
      ["production", production, "CREATED"],
      ["staging", staging, "CREATED"],
      ["sandbox", sandboxAccount, "CREATED"],
    ]);
    expect(all[1]).toMatchObject({ Status: "ACTIVE", State: "ACTIVE", Email: "aws-production@example.com" });
    expect(all[1].JoinedTimestamp).toBeInstanceOf(Date);
    const paged = [];
    for await (const page of paginateListAccounts({ client: root(), pageSize: 1 }, {}))
      paged.push(...page.Accounts!);
    expect(paged.map((a) => a.Id)).toEqual(all.map((a) => a.Id));
  });

  it("walks root → OUs → accounts and back up with ListParents", async () => {
    const { Roots } = await root().send(new ListRootsCommand({}));
    expect(Roots).toHaveLength(1);
    const rootId = Roots![0].Id!;
    expect(rootId).toMatch(/^r-[0-9a-z]{4}$/);
    const top = await root().send(new ListOrganizationalUnitsForParentCommand({ ParentId: rootId }));
    expect(top.OrganizationalUnits!.map((u) => u.Name)).toEqual(["Workloads", "Sandbox"]);
    const workloads = top.OrganizationalUnits![0];
    expect(workloads.Id).toMatch(new RegExp(`^ou-${rootId.slice(2)}-[a-z0-9]{8}$`));
    expect(workloads.Arn).toMatch(
      new RegExp(`^arn:aws:organizations::${MGMT}:ou/o-[a-z0-9]{10}/${workloads.Id}$`),
    );
    const envs = await root().send(
      new ListChildrenCommand({ ParentId: workloads.Id, ChildType: "ORGANIZATIONAL_UNIT" }),
    );
    const prod = envs.Children!.map((c) => c.Id!);
    expect(envs.Children!.every((c) => c.Type === "ORGANIZATIONAL_UNIT")).toBe(true);
    const inProd = await root().send(new ListAccountsForParentCommand({ ParentId: prod[0] }));
    expect(inProd.Accounts!.map((a) => a.Id)).toEqual([production]);
    const atRoot = await root().send(new ListChildrenCommand({ ParentId: rootId, ChildType: "ACCOUNT" }));
    expect(atRoot.Children).toEqual([{ Id: MGMT, Type: "ACCOUNT" }]);
    const up = await root().send(new ListParentsCommand({ ChildId: production }));
    expect(up.Parents).toEqual([{ Id: prod[0], Type: "ORGANIZATIONAL_UNIT" }]);
    const top2 = await root().send(new ListParentsCommand({ ChildId: workloads.Id }));
    expect(top2.Parents).toEqual([{ Id: rootId, Type: "ROOT" }]);
    const ou = await root().send(
      new DescribeOrganizationalUnitCommand({ OrganizationalUnitId: workloads.Id }),
    );
    expect(ou.OrganizationalUnit).toEqual(workloads);
    await expectIamError(
      root().send(
        new DescribeOrganizationalUnitCommand({
          OrganizationalUnitId: `${workloads.Id!.slice(0, -8)}zzzzzzzz`,
        }),
      ),
      "OrganizationalUnitNotFoundException",
      400,
    );
    const account = await root().send(new DescribeAccountCommand({ AccountId: staging }));
    expect(account.Account).toMatchObject({ Id: staging, Name: "staging" });
    expect((await root().send(new ListTagsForResourceCommand({ ResourceId: staging }))).Tags).toEqual([]);
  });

  it("answers bad input with the model's exceptions", async () => {
    await expectIamError(
      root().send(new DescribeAccountCommand({ AccountId: "999999999999" })),
      "AccountNotFoundException",
      400,
    );
    const bad = await expectIamError(
      root().send(new DescribeAccountCommand({ AccountId: "12" })),
      "InvalidInputException",
      400,
    );
    expect(bad).toBe("You provided a value that doesn't match the required pattern.");
    await expectIamError(
      root().send(new ListChildrenCommand({ ParentId: "ou-abcd-abcdefgh", ChildType: "ACCOUNT" })),
      "ParentNotFoundException",
      400,
    );
    await expectIamError(
      root().send(new ListParentsCommand({ ChildId: "999999999999" })),
      "ChildNotFoundException",
      400,
    );
    await expectIamError(
      root().send(new ListAccountsCommand({ NextToken: "forged.1" })),
      "InvalidInputException",
      400,
    );
    await expectIamError(
      root().send(new ListAccountsCommand({ MaxResults: 21 })),
      "InvalidInputException",
      400,
    );
  });

  it("lets the caller's policies decide, and keeps member accounts to DescribeOrganization", async () => {
    const app = orgs(sandbox().url, await appCredentials());
    expect((await app.send(new ListAccountsCommand({}))).Accounts).toHaveLength(4);
    // GatehouseMember in production has only the app policy: no Organizations action.
    const asApp = clients(sandbox().url, await appCredentials()).sts;
    const gh = await asApp.send(
      new AssumeRoleCommand({
        RoleArn: `arn:aws:iam::${production}:role/GatehouseMember`,
        RoleSessionName: "gh",
      }),
    );
    const refused = await expectIamError(
      orgs(sandbox().url, sessionCredentials(gh.Credentials)).send(new DescribeOrganizationCommand({})),
      "AccessDeniedException",
      400,
    );
    expect(refused).toContain(
      `assumed-role/GatehouseMember/gh is not authorized to perform: organizations:DescribeOrganization`,
    );
    // OrganizationAccountAccessRole (AdministratorAccess), assumed by a management user allowed to.
    const admin = await userWithKey(
      clients(sandbox().url).iam,
      "org-admin",
      JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Action: "sts:AssumeRole",
            Resource: "arn:aws:iam::*:role/OrganizationAccountAccessRole",
          },
        ],
      }),
    );
    const assumed = await clients(sandbox().url, admin).sts.send(
      new AssumeRoleCommand({
        RoleArn: `arn:aws:iam::${staging}:role/OrganizationAccountAccessRole`,
        RoleSessionName: "ops",
      }),
    );
    const member = orgs(sandbox().url, sessionCredentials(assumed.Credentials));
    const { Organization } = await member.send(new DescribeOrganizationCommand({}));
    expect(Organization!.MasterAccountId).toBe(MGMT);
    for (const call of [
      new ListAccountsCommand({}),
      new DescribeAccountCommand({ AccountId: staging }),
      new ListRootsCommand({}),
    ]) {
      const denied = await expectIamError(
        member.send(call as ListAccountsCommand),
        "AccessDeniedException",
        400,
      );
      expect(denied).toBe("You don't have permissions to access this resource.");
    }
  });

  it("refuses a user whose policies do not allow the action", async () => {
    const { iam } = clients(sandbox().url);
    const key = (await iam.send(new CreateAccessKeyCommand({ UserName: "mary" }))).AccessKey!;
    const mary = orgs(sandbox().url, {
      accessKeyId: key.AccessKeyId!,
      secretAccessKey: key.SecretAccessKey!,
    });
    const msg = await expectIamError(mary.send(new ListAccountsCommand({})), "AccessDeniedException", 400);
    expect(msg).toContain(
      `User: arn:aws:iam::${MGMT}:user/mary is not authorized to perform: organizations:ListAccounts`,
    );
  });
});

describe("Organizations without an organization", () => {
  it.each(["example-company", "empty"] as const)("%s: AWSOrganizationsNotInUseException", async (seed) => {
    const single = await startSandbox({ port: 0, seed });
    try {
      const msg = await expectIamError(
        orgs(single.url).send(new DescribeOrganizationCommand({})),
        "AWSOrganizationsNotInUseException",
        400,
      );
      expect(msg).toBe("Your account is not a member of an organization.");
      expect(single.admin.health().accounts).toHaveLength(1);
      expect(single.admin.health().organizationId).toBeNull();
    } finally {
      await single.close();
    }
  });
});

describe("RemoveAccountFromOrganization", () => {
  it("lets the management account remove a member, which then stands alone with its IAM intact", async () => {
    const own = await startSandbox({ port: 0, seed: "example-org" });
    try {
      const rootOrgs = orgs(own.url);
      const app = own.admin.appCredentials()!;
      const appOrgs = orgs(own.url, app);
      // the reader policy gatehouse-app holds does not let it change the organization
      await expectIamError(
        appOrgs.send(new RemoveAccountFromOrganizationCommand({ AccountId: staging })),
        "AccessDeniedException",
        400,
      );
      const cannot = await expectIamError(
        rootOrgs.send(new RemoveAccountFromOrganizationCommand({ AccountId: MGMT })),
        "MasterCannotLeaveOrganizationException",
        400,
      );
      expect(cannot).toMatch(/^You can't remove a management account from an organization/);
      await expectIamError(
        rootOrgs.send(new RemoveAccountFromOrganizationCommand({ AccountId: "999999999999" })),
        "AccountNotFoundException",
        400,
      );

      await rootOrgs.send(new RemoveAccountFromOrganizationCommand({ AccountId: staging }));
      const left = (await appOrgs.send(new ListAccountsCommand({}))).Accounts!.map((a) => a.Id);
      expect(left.sort()).toEqual([MGMT, production, sandboxAccount].sort());
      // Its roles still trust the management account, so the app still gets in (as in AWS)…
      const gh = await clients(own.url, app).sts.send(
        new AssumeRoleCommand({
          RoleArn: `arn:aws:iam::${staging}:role/GatehouseMember`,
          RoleSessionName: "gh",
        }),
      );
      const { iam } = clients(own.url, sessionCredentials(gh.Credentials));
      expect((await iam.send(new ListUsersCommand({}))).Users!.map((u) => u.UserName)).toContain("sally");
      // …but the account is in no organization any more.
      const asRoot = await clients(own.url).iam.send(
        new PutUserPolicyCommand({
          UserName: "gatehouse-app",
          PolicyName: "admin-in-members",
          PolicyDocument: JSON.stringify({
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Resource: "*" }],
          }),
        }),
      );
      expect(asRoot.$metadata.httpStatusCode).toBe(200);
      const admin = await clients(own.url, app).sts.send(
        new AssumeRoleCommand({
          RoleArn: `arn:aws:iam::${staging}:role/OrganizationAccountAccessRole`,
          RoleSessionName: "ops",
        }),
      );
      await expectIamError(
        orgs(own.url, sessionCredentials(admin.Credentials)).send(new DescribeOrganizationCommand({})),
        "AWSOrganizationsNotInUseException",
        400,
      );
    } finally {
      await own.close();
    }
  });
});
