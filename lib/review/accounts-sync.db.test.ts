import {
  AttachRolePolicyCommand,
  CreateRoleCommand,
  DeleteRoleCommand,
  DetachRolePolicyCommand,
} from "@aws-sdk/client-iam";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/session";
import { discoverAccounts, memberClients } from "@/lib/aws-accounts";
import { type IamClients } from "@/lib/iam";
import type { Sandbox } from "@/lib/iam-sandbox";
import { organizationAdmin, sandboxForApp } from "@/lib/aws-accounts/testing";
import { setupAppDatabase } from "@/lib/test/app-db";
import { testDbKind } from "@/lib/test/db";
import { latestSnapshot, syncAccounts, type AccountSyncOutcome } from "./index";

// The review across an organization: the sandbox's example-org over HTTP, the app signing as the
// management account's gatehouse-app (as the demo and the e2e stack run), the member accounts
// reached by AssumeRole of GatehouseMember, as discovered from AWS Organizations.

const ada: Actor = { id: "m-ada", email: "ada@example.com", name: "Ada Admin", role: "admin" };
const MGMT = "123456789012";
const PROD = "111111111111";
const STAGING = "222222222222";
const SANDBOX = "333333333333";
const ALL = [MGMT, PROD, STAGING, SANDBOX];
const memberRole = (account: string) => `arn:aws:iam::${account}:role/GatehouseMember`;
const appPolicyArn = (account: string) => `arn:aws:iam::${account}:policy/GatehouseApp`;

const byAccount = (outcomes: AccountSyncOutcome[]) =>
  Object.fromEntries(outcomes.map((o) => [o.accountId, o.outcome]));

describe(`review across accounts (${testDbKind()})`, () => {
  const t = setupAppDatabase();
  let sandbox: Sandbox;
  /** Acts in the sandbox account as its OrganizationAccountAccessRole: the organization's own way in. */
  let admin: IamClients;

  beforeAll(async () => {
    sandbox = await sandboxForApp();
    admin = await organizationAdmin(sandbox, SANDBOX);
    await discoverAccounts(ada);
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  it("syncs all four accounts at once: a snapshot each, with that account's users", async () => {
    const outcomes = await syncAccounts({ instance: "a" });
    expect(byAccount(outcomes)).toEqual({
      [MGMT]: "synced",
      [PROD]: "synced",
      [STAGING]: "synced",
      [SANDBOX]: "synced",
    });
    for (const id of ALL) {
      const snapshot = (await latestSnapshot(id))!;
      expect(snapshot.accountId).toBe(id);
      const inSandbox = [...sandbox.admin.account(id)!.users.values()].map((u) => u.name).sort();
      expect(snapshot.state.users.map((u) => u.name).sort()).toEqual(inSandbox);
    }
    expect((await latestSnapshot(PROD))!.state.users.map((u) => u.name).sort()).toEqual([
      "jane",
      "john",
      "maria",
      "sally",
    ]);
    const withSally = [];
    for (const id of ALL)
      if ((await latestSnapshot(id))!.state.users.some((u) => u.name === "sally")) withSally.push(id);
    expect(withSally.sort()).toEqual([PROD, STAGING, SANDBOX].sort());
    // Without an account: the app's own (home), whose people are Mary and the app itself.
    const home = (await latestSnapshot())!;
    expect(home.accountId).toBe(MGMT);
    expect(home.state.users.map((u) => u.name)).toContain("mary");

    const rows = await t.db.awsAccount.findMany({ orderBy: { id: "asc" } });
    expect(rows.map((r) => [r.id, r.status, r.lastError, !!r.lastSyncAt])).toEqual(
      [...ALL].sort().map((id) => [id, "ok", null, true]),
    );
    const audited = await t.db.auditEvent.findMany({ where: { action: "review.synced" } });
    expect(audited.map((e) => (e.data as { accountId: string }).accountId).sort()).toEqual([...ALL].sort());
  });

  it("records a member account whose role refuses, in words, and syncs the others", async () => {
    const before = await t.db.awsAccount.findUniqueOrThrow({ where: { id: SANDBOX } });
    await admin.iam.send(
      new DetachRolePolicyCommand({ RoleName: "GatehouseMember", PolicyArn: appPolicyArn(SANDBOX) }),
    );
    await admin.iam.send(new DeleteRoleCommand({ RoleName: "GatehouseMember" }));
    // As a fresh instance starts: no cached session, so the sync has to assume the role.
    memberClients().forget({ roleArn: memberRole(SANDBOX), externalId: null });

    const outcomes = await syncAccounts({ instance: "a", freshWithinMs: 0 });
    const failed = outcomes.find((o) => o.accountId === SANDBOX)!;
    expect(failed.outcome).toBe("failed");
    expect(failed.error).toMatch(
      /^Gatehouse may not assume arn:aws:iam::333333333333:role\/GatehouseMember: check the role's trust policy names arn:aws:iam::123456789012:user\/gatehouse-app/,
    );
    for (const id of [MGMT, PROD, STAGING])
      expect(["synced", "unchanged"]).toContain(byAccount(outcomes)[id]);

    const after = await t.db.awsAccount.findUniqueOrThrow({ where: { id: SANDBOX } });
    expect(after).toMatchObject({ status: "error", lastError: failed.error, lastSyncAt: before.lastSyncAt });
    const entry = await t.db.auditEvent.findFirstOrThrow({ where: { action: "review.sync_failed" } });
    expect(entry).toMatchObject({ actor: "system", target: SANDBOX });
    expect(entry.data).toMatchObject({ accountId: SANDBOX, problem: failed.error });
    // Nothing of the account is lost: its last snapshot is still what the review shows.
    expect((await latestSnapshot(SANDBOX))!.state.users.map((u) => u.name)).toEqual(["sally"]);
  });

  it("two instances at once split the accounts: never one twice at once, each synced once", async () => {
    // The role is back (as the StackSet would redeploy it).
    await admin.iam.send(
      new CreateRoleCommand({
        RoleName: "GatehouseMember",
        AssumeRolePolicyDocument: JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            {
              Effect: "Allow",
              Principal: { AWS: `arn:aws:iam::${MGMT}:user/gatehouse-app` },
              Action: "sts:AssumeRole",
            },
          ],
        }),
      }),
    );
    await admin.iam.send(
      new AttachRolePolicyCommand({ RoleName: "GatehouseMember", PolicyArn: appPolicyArn(SANDBOX) }),
    );
    // An hour passes: every account is due, and its failure is old news.
    const hourAgo = new Date(Date.now() - 3_600_000);
    await t.db.syncSnapshot.updateMany({ data: { at: hourAgo, checkedAt: hourAgo } });
    await t.db.awsAccount.updateMany({ where: { id: SANDBOX }, data: { lastCheckedAt: hourAgo } });
    const auditedBefore = await t.db.auditEvent.count({ where: { action: "review.synced" } });

    // Slow answers so the two instances' syncs overlap.
    sandbox.admin.setFaults({ latencyMs: 15 });
    let a: AccountSyncOutcome[], b: AccountSyncOutcome[];
    try {
      const opts = { freshWithinMs: 10 * 60_000, concurrency: 2 };
      [a, b] = await Promise.all([
        syncAccounts({ ...opts, instance: "instance-a" }),
        syncAccounts({ ...opts, instance: "instance-b" }),
      ]);
    } finally {
      sandbox.admin.setFaults({});
    }
    const didSync = (o: AccountSyncOutcome) => o.outcome === "synced" || o.outcome === "unchanged";
    const syncs = [...a, ...b].filter(didSync);
    expect(syncs.map((o) => o.accountId).sort()).toEqual([...ALL].sort());
    // Whoever did not sync an account saw it running or already fresh: never a second sync, never a failure.
    for (const o of [...a, ...b].filter((x) => !didSync(x))) expect(["busy", "fresh"]).toContain(o.outcome);
    // Both instances took part (synced some, or were refused by a lock): the race really happened.
    expect(a.some((o) => didSync(o) || o.outcome === "busy")).toBe(true);
    expect(b.some((o) => didSync(o) || o.outcome === "busy")).toBe(true);
    expect(await t.db.auditEvent.count({ where: { action: "review.synced" } })).toBe(auditedBefore + 4);
    expect(await t.db.setting.count({ where: { key: { startsWith: "review.syncLock" } } })).toBe(0);
    const sandboxRow = await t.db.awsAccount.findUniqueOrThrow({ where: { id: SANDBOX } });
    expect(sandboxRow).toMatchObject({ status: "ok", lastError: null });
  });
});
