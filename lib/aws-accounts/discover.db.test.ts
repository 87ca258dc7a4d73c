import { PutUserPolicyCommand } from "@aws-sdk/client-iam";
import { OrganizationsClient, RemoveAccountFromOrganizationCommand } from "@aws-sdk/client-organizations";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/session";
import { UserError } from "@/lib/errors";
import { type IamClients } from "@/lib/iam";
import { EXAMPLE_ORG_ACCOUNTS, type Sandbox } from "@/lib/iam-sandbox";
import { setupAppDatabase } from "@/lib/test/app-db";
import { testDbKind } from "@/lib/test/db";
import { checkAccount, discoverAccounts, listAccounts } from ".";
import { deleteRole, organizationAdmin, rootOf, sandboxForApp } from "./testing";

// Discovery against the sandbox's example-org over HTTP, signed as the management account's
// gatehouse-app (GatehouseApp + GatehouseOrganizationReader), as a live organization set up by
// deploy/aws would have it: Organizations lists the members, GatehouseMember is assumed in each.

const ada: Actor = { id: "m-ada", email: "ada@example.com", name: "Ada Admin", role: "admin" };
const MGMT = "123456789012";
const { production, staging, sandbox: sandboxAccount } = EXAMPLE_ORG_ACCOUNTS;
const APP = `arn:aws:iam::${MGMT}:user/gatehouse-app`;
const memberRole = (id: string) => `arn:aws:iam::${id}:role/GatehouseMember`;

describe(`discovery from AWS Organizations (${testDbKind()})`, () => {
  const t = setupAppDatabase();
  let sandbox: Sandbox;
  let root: IamClients;

  beforeAll(async () => {
    sandbox = await sandboxForApp();
    root = rootOf(sandbox);
  });
  afterAll(() => sandbox?.close());

  const rows = () =>
    t.db.awsAccount.findMany({
      orderBy: { id: "asc" },
      select: { id: true, name: true, email: true, ouPath: true, source: true, roleArn: true, status: true },
    });

  it("adds the members with their names, OU paths and GatehouseMember; the management account is home", async () => {
    const out = await discoverAccounts(ada);
    // In Organizations' order: the management account first.
    expect(out).toEqual({
      added: [MGMT, production, staging, sandboxAccount],
      updated: [],
      left: [],
      rejoined: [],
    });
    expect(await rows()).toEqual([
      {
        id: production,
        name: "production",
        email: "aws-production@example.com",
        ouPath: "/Workloads/Prod",
        source: "organizations",
        roleArn: memberRole(production),
        status: "unknown",
      },
      {
        id: MGMT,
        name: "Example Company",
        email: "aws-management@example.com",
        ouPath: "/",
        source: "home",
        roleArn: null,
        status: "unknown",
      },
      {
        id: staging,
        name: "staging",
        email: "aws-staging@example.com",
        ouPath: "/Workloads/NonProd",
        source: "organizations",
        roleArn: memberRole(staging),
        status: "unknown",
      },
      {
        id: sandboxAccount,
        name: "sandbox",
        email: "aws-sandbox@example.com",
        ouPath: "/Sandbox",
        source: "organizations",
        roleArn: memberRole(sandboxAccount),
        status: "unknown",
      },
    ]);
    const entries = await t.db.auditEvent.findMany({ orderBy: { seq: "asc" } });
    expect(entries.map((e) => [e.actor, e.action, e.target, e.data])).toEqual([
      [
        "ada@example.com",
        "accounts.discovered",
        null,
        { found: 4, added: out.added, updated: [], left: [], rejoined: [] },
      ],
    ]);
  });

  it("checking each member connects as GatehouseMember; the list puts home first", async () => {
    for (const id of [production, staging, sandboxAccount]) {
      const checked = await checkAccount({ id });
      expect([checked.status, checked.lastError, checked.assumedPrincipal]).toEqual([
        "ok",
        null,
        `arn:aws:sts::${id}:assumed-role/GatehouseMember/gatehouse`,
      ]);
    }
    const { accounts, homeProblem } = await listAccounts();
    expect(homeProblem).toBeNull();
    expect(accounts.map((a) => [a.id, a.source, a.status, a.assumedPrincipal])).toEqual([
      [MGMT, "home", "ok", APP],
      [
        production,
        "organizations",
        "ok",
        `arn:aws:sts::${production}:assumed-role/GatehouseMember/gatehouse`,
      ],
      [
        sandboxAccount,
        "organizations",
        "ok",
        `arn:aws:sts::${sandboxAccount}:assumed-role/GatehouseMember/gatehouse`,
      ],
      [staging, "organizations", "ok", `arn:aws:sts::${staging}:assumed-role/GatehouseMember/gatehouse`],
    ]);
  });

  it("a second discovery changes nothing (and says so in its entry)", async () => {
    const before = await t.db.awsAccount.findMany({ orderBy: { id: "asc" } });
    expect(await discoverAccounts(ada)).toEqual({ added: [], updated: [], left: [], rejoined: [] });
    expect(await t.db.awsAccount.findMany({ orderBy: { id: "asc" } })).toEqual(before);
    const last = await t.db.auditEvent.findFirstOrThrow({ orderBy: { seq: "desc" } });
    expect(last.data).toEqual({ found: 4, added: [], updated: [], left: [], rejoined: [] });
  });

  it("an account whose GatehouseMember was deleted: the check says what to look at, the others stay ok", async () => {
    // An operator in the management account deletes the role through OrganizationAccountAccessRole.
    await deleteRole(await organizationAdmin(sandbox, sandboxAccount), "GatehouseMember");

    const broken = await checkAccount({ id: sandboxAccount });
    expect([broken.status, broken.lastError, broken.assumedPrincipal]).toEqual([
      "error",
      `Gatehouse may not assume ${memberRole(sandboxAccount)}: check the role's trust policy names ${APP} and the ExternalId (AWS gives the same answer for a wrong ExternalId and for a role that does not exist).`,
      // The last principal that worked stays beside the problem.
      `arn:aws:sts::${sandboxAccount}:assumed-role/GatehouseMember/gatehouse`,
    ]);
    expect((await checkAccount({ id: staging })).status).toBe("ok");
    // Discovery does not paper over it: the account is still listed, with its problem.
    expect(await discoverAccounts(ada)).toEqual({ added: [], updated: [], left: [], rejoined: [] });
    const { accounts } = await listAccounts();
    expect(accounts.find((a) => a.id === sandboxAccount)?.lastError).toBe(broken.lastError);
  });

  it("two discoveries at once (a double click, two instances) both succeed and add each account once", async () => {
    await t.db.awsAccount.deleteMany({});
    const [a, b] = await Promise.all([discoverAccounts(ada), discoverAccounts(ada)]);
    expect([...a.added, ...b.added].sort()).toEqual([MGMT, production, staging, sandboxAccount].sort());
    expect(await t.db.awsAccount.count()).toBe(4);
  });

  it("an account that left the organization is marked, still managed, and unmarked when it rejoins", async () => {
    const orgs = new OrganizationsClient({
      endpoint: sandbox.url,
      region: "us-east-1",
      credentials: sandbox.rootCredentials,
      maxAttempts: 1,
    });
    await orgs.send(new RemoveAccountFromOrganizationCommand({ AccountId: staging }));
    const out = await discoverAccounts(ada);
    expect(out).toMatchObject({ left: [staging], added: [] });
    const row = await t.db.awsAccount.findUniqueOrThrow({ where: { id: staging } });
    expect(row.leftOrganizationAt).toBeInstanceOf(Date);
    expect(row.removedAt).toBeNull();
    // its role still trusts the management account: the check still connects, as in AWS
    expect((await checkAccount({ id: staging })).status).toBe("ok");
    // a second discovery does not mark it again
    expect((await discoverAccounts(ada)).left).toEqual([]);
    const last = await t.db.auditEvent.findFirstOrThrow({
      where: { action: "accounts.discovered" },
      orderBy: { seq: "desc" },
    });
    expect(last.data).toMatchObject({ found: 3, left: [] });
  });

  it("without the management policy, and outside an organization: refused in words, audited, nothing written", async () => {
    await sandbox.admin.reset("example-company"); // one account, no organization; gatehouse-app stays
    await t.db.awsAccount.deleteMany({});
    const refusedWith = async (message: string, code: string) => {
      const entries = await t.db.auditEvent.count();
      const e = await discoverAccounts(ada).then(
        () => null,
        (err: unknown) => err,
      );
      expect(e).toBeInstanceOf(UserError);
      expect((e as UserError).message).toBe(message);
      expect(await t.db.awsAccount.count()).toBe(0);
      expect(await t.db.auditEvent.count()).toBe(entries + 1);
      const last = await t.db.auditEvent.findFirstOrThrow({ orderBy: { seq: "desc" } });
      expect([last.actor, last.action, last.data]).toEqual([
        "ada@example.com",
        "accounts.discovery_refused",
        { code, problem: message },
      ]);
    };
    // Here gatehouse-app holds the app policy only: Organizations checks the caller's policies first.
    await refusedWith(
      `AWS Organizations refused to list the accounts (AccessDenied): ${APP} needs the management policy (organizations:List*, organizations:Describe*; Settings → Connection), in the organization's management account or a delegated administrator.`,
      "AccessDenied",
    );
    await root.iam.send(
      new PutUserPolicyCommand({
        UserName: "gatehouse-app",
        PolicyName: "read-organization",
        PolicyDocument: JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            { Effect: "Allow", Action: ["organizations:List*", "organizations:Describe*"], Resource: "*" },
          ],
        }),
      }),
    );
    await refusedWith(
      `Gatehouse's own account (${MGMT}) is not in an AWS Organization: run Gatehouse in the organization's management account (or a delegated administrator), or add accounts by their role.`,
      "AWSOrganizationsNotInUse",
    );
  });
});
