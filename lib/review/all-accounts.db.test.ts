import {
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreateUserCommand,
  DeleteRoleCommand,
  DetachRolePolicyCommand,
} from "@aws-sdk/client-iam";
import { AssumeRoleCommand } from "@aws-sdk/client-sts";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/auth/session";
import { startSession } from "@/lib/auth/sessions";
import { discoverAccounts, memberClients } from "@/lib/aws-accounts";
import { createIamClients, type IamClients } from "@/lib/iam";
import { startSandbox, type Sandbox } from "@/lib/iam-sandbox";
import { setupAppDatabase } from "@/lib/test/app-db";
import { testDbKind } from "@/lib/test/db";
import {
  accountsOverview,
  acrossAccounts,
  cellLabel,
  driftByPerson,
  syncAccounts,
  type AcrossRow,
} from "./index";

// The review's "All accounts" view against the sandbox's example-org over HTTP, the app signing
// as the management account's gatehouse-app (as in accounts-sync.db.test.ts), and "Sync all
// accounts" through the real server action: real members and sessions, the real role check.
// Only the cookie read and revalidatePath are stubbed (they exist inside a Next.js request only).
const cookie = vi.hoisted(() => ({ sid: null as string | null }));
vi.mock("next-auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next-auth")>()),
  getServerSession: async () => (cookie.sid ? { sid: cookie.sid } : null),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const ada: Actor = { id: "m-ada", email: "ada@example.com", name: "Ada Admin", role: "admin" };
const MGMT = "123456789012";
const PROD = "111111111111";
const STAGING = "222222222222";
const SANDBOX = "333333333333";
const ADMIN_POLICY = "arn:aws:iam::aws:policy/AdministratorAccess";

describe(`review across accounts: the all-accounts view (${testDbKind()})`, () => {
  const t = setupAppDatabase();
  let sandbox: Sandbox;
  /** Per member account: its OrganizationAccountAccessRole, the organization's own way in. */
  const orgAdmin: Record<string, IamClients> = {};
  const services = () => acrossAccounts({ account: "all" }).then((v) => v.services.map((s) => s.service));
  /** The level of each of the user's rows in a service, by account. */
  const levels = (rows: AcrossRow[], all: string[], user: string, service: string) =>
    Object.fromEntries(
      rows
        .filter((r) => r.user === user)
        .map((r) => [r.account.id, all.includes(service) ? cellLabel(r.cells[all.indexOf(service)]) : ""]),
    );

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, seed: "example-org" });
    const app = sandbox.admin.appCredentials()!;
    // Before the app's env() is first read.
    process.env.IAM_MODE = "sandbox";
    process.env.IAM_SANDBOX_ENDPOINT = sandbox.url;
    process.env.IAM_SANDBOX_ACCESS_KEY_ID = app.accessKeyId;
    process.env.IAM_SANDBOX_SECRET_ACCESS_KEY = app.secretAccessKey;
    process.env.REVIEW_SYNC_COOLDOWN_SECONDS = "0";
    // The root cannot assume roles: a break-glass admin of the management account assumes
    // OrganizationAccountAccessRole in the members, to change them out of band.
    const root = createIamClients({
      mode: "sandbox",
      endpoint: sandbox.url,
      credentials: sandbox.rootCredentials,
    });
    await root.iam.send(new CreateUserCommand({ UserName: "breakglass" }));
    await root.iam.send(new AttachUserPolicyCommand({ UserName: "breakglass", PolicyArn: ADMIN_POLICY }));
    const key = (await root.iam.send(new CreateAccessKeyCommand({ UserName: "breakglass" }))).AccessKey!;
    const breakglass = createIamClients({
      mode: "sandbox",
      endpoint: sandbox.url,
      credentials: { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! },
    });
    for (const account of [PROD, SANDBOX]) {
      const session = (
        await breakglass.sts.send(
          new AssumeRoleCommand({
            RoleArn: `arn:aws:iam::${account}:role/OrganizationAccountAccessRole`,
            RoleSessionName: "breakglass",
          }),
        )
      ).Credentials!;
      orgAdmin[account] = createIamClients({
        mode: "sandbox",
        endpoint: sandbox.url,
        credentials: {
          accessKeyId: session.AccessKeyId!,
          secretAccessKey: session.SecretAccessKey!,
          sessionToken: session.SessionToken!,
        },
      });
    }
    await discoverAccounts(ada);
    await t.db.employee.create({
      data: { name: "Sally Sysadmin", email: "sally@example.com", iamUserName: "sally", status: "active" },
    });
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  it("before any sync, every account is listed as never synced, none hidden, and there are no rows", async () => {
    const overview = await accountsOverview();
    expect(overview.accounts.map((a) => [a.id, a.ouPath, a.syncedAt])).toEqual([
      [MGMT, "/", null],
      // Then by name: production, sandbox, staging.
      [PROD, "/Workloads/Prod", null],
      [SANDBOX, "/Sandbox", null],
      [STAGING, "/Workloads/NonProd", null],
    ]);
    expect((await acrossAccounts({ account: "all" })).rows).toEqual([]);
  });

  it("one matrix of every account's latest snapshot: Sally in three accounts, her levels per account", async () => {
    await syncAccounts({ instance: "a" });
    // Out of band, in the sandbox account only: Sally becomes an administrator there.
    await orgAdmin[SANDBOX].iam.send(
      new AttachUserPolicyCommand({ UserName: "sally", PolicyArn: ADMIN_POLICY }),
    );
    await syncAccounts({ instance: "a", freshWithinMs: 0 });

    const view = await acrossAccounts({ account: "all" });
    const all = view.services.map((s) => s.service);
    const sally = view.rows.filter((r) => r.user === "sally");
    expect(sally.map((r) => [r.account.name, r.account.ouPath, r.person])).toEqual([
      ["production", "/Workloads/Prod", "Sally Sysadmin"],
      ["sandbox", "/Sandbox", "Sally Sysadmin"],
      ["staging", "/Workloads/NonProd", "Sally Sysadmin"],
    ]);
    // A row per IAM user per account: exactly the users each account holds.
    const inSandbox = [MGMT, PROD, STAGING, SANDBOX].flatMap((id) =>
      [...sandbox.admin.account(id)!.users.values()].map((u) => `${u.name}@${id}`),
    );
    expect(view.rows.map((r) => `${r.user}@${r.account.id}`).sort()).toEqual(inSandbox.sort());
    expect(inSandbox).toEqual(expect.arrayContaining([`mary@${MGMT}`, `jane@${PROD}`, `john@${STAGING}`]));
    // Her levels, account by account: the DevOps group's everywhere; administrator in the sandbox only.
    const iam = levels(view.rows, all, "sally", "iam");
    expect(iam[SANDBOX]).toBe("Permissions management");
    expect(iam[STAGING]).toBe(iam[PROD]);
    expect(iam[PROD]).not.toBe("Permissions management");
    const ec2 = levels(view.rows, all, "sally", "ec2");
    expect(ec2[PROD]).not.toBe("none");
    expect(ec2[STAGING]).toBe(ec2[PROD]);
    expect(ec2[SANDBOX]).toBe("Permissions management");
    // Every account's age is said.
    const overview = await accountsOverview();
    expect(overview.accounts.every((a) => a.syncedAt !== null && a.lastError === null)).toBe(true);
  });

  it("filters by account and by OU (an OU holds the OUs below it), with the page's own filters", async () => {
    const where = async (filter: { inAccount?: string; ou?: string; q?: string }) =>
      [
        ...new Set((await acrossAccounts({ account: "all", ...filter })).rows.map((r) => r.account.id)),
      ].sort();
    expect(await where({ inAccount: STAGING })).toEqual([STAGING]);
    expect(await where({ ou: "/Workloads" })).toEqual([PROD, STAGING]);
    expect(await where({ ou: "/Workloads/Prod" })).toEqual([PROD]);
    expect(await where({ ou: "/Work" })).toEqual([]); // a path prefix, not an OU
    expect(await where({ ou: "/Sandbox", inAccount: PROD })).toEqual([]);
    const sallyInWorkloads = await acrossAccounts({ account: "all", ou: "/Workloads", q: "sally" });
    expect(sallyInWorkloads.rows.map((r) => [r.user, r.account.id])).toEqual([
      ["sally", PROD],
      ["sally", STAGING],
    ]);
    // The service filter asks each account's snapshot: administrator of IAM only in the sandbox.
    const iamAdmins = await acrossAccounts({
      account: "all",
      service: "iam",
      minLevel: "Permissions management",
    });
    expect(iamAdmins.rows.map((r) => `${r.user}@${r.account.id}`)).toContain(`sally@${SANDBOX}`);
    expect(iamAdmins.rows.some((r) => r.user === "sally" && r.account.id !== SANDBOX)).toBe(false);
    expect(await services()).toContain("iam");
  });

  it("counts a user's drift across every account, and says which accounts", async () => {
    // Out of band in production too: a key for Sally.
    await orgAdmin[PROD].iam.send(new CreateAccessKeyCommand({ UserName: "sally" }));
    await syncAccounts({ instance: "a", freshWithinMs: 0 });
    const sallyId = (await t.db.employee.findUniqueOrThrow({ where: { email: "sally@example.com" } })).id;
    const drift = (await driftByPerson()).byPerson.get(sallyId)!;
    expect(drift.accounts.sort()).toEqual([PROD, SANDBOX]);
    expect(drift.count).toBe(2);
    const { byPerson, byUser } = await driftByPerson();
    expect(byPerson.size + byUser.size).toBe(1); // Sally only: john and the others made no drift
    // In the matrix, each row carries its own account's drift.
    const rows = (await acrossAccounts({ account: "all", q: "sally" })).rows;
    expect(Object.fromEntries(rows.map((r) => [r.account.id, r.drift]))).toEqual({
      [PROD]: 1,
      [STAGING]: 0,
      [SANDBOX]: 1,
    });
    const drifted = (await acrossAccounts({ account: "all", drift: true })).rows;
    expect(drifted.map((r) => `${r.user}@${r.account.id}`).sort()).toEqual([
      `sally@${PROD}`,
      `sally@${SANDBOX}`,
    ]);
  });

  it("Sync all accounts: refused below admin before anything runs; an admin's syncs every account, audited as theirs", async () => {
    const { syncAllAccountsAction } = await import("@/app/(console)/review/actions");
    const session = async (email: string, role: string) =>
      startSession((await t.db.member.create({ data: { email, role } })).id, { method: "credentials" });
    const synced = () => t.db.auditEvent.count({ where: { action: "review.synced" } });
    const before = await synced();

    cookie.sid = null;
    expect(await syncAllAccountsAction({})).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    cookie.sid = await session("olive@example.com", "operator");
    expect(await syncAllAccountsAction({})).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await synced()).toBe(before);

    cookie.sid = await session("root-admin@example.com", "admin");
    const res = await syncAllAccountsAction({});
    expect(res.ok).toBe(true);
    const outcomes = res.ok ? res.data : [];
    expect(outcomes.map((o) => o.accountId).sort()).toEqual([MGMT, PROD, SANDBOX, STAGING].sort());
    for (const o of outcomes) expect(["synced", "unchanged"]).toContain(o.outcome);
    const entries = await t.db.auditEvent.findMany({
      where: { action: "review.synced", actor: "root-admin@example.com" },
    });
    expect(entries.map((e) => (e.data as { accountId: string }).accountId).sort()).toEqual(
      [MGMT, PROD, SANDBOX, STAGING].sort(),
    );
    cookie.sid = null;
  });

  it("an account whose last sync failed says so, in words, and its last good snapshot stays in the view", async () => {
    await orgAdmin[SANDBOX].iam.send(
      new DetachRolePolicyCommand({
        RoleName: "GatehouseMember",
        PolicyArn: `arn:aws:iam::${SANDBOX}:policy/GatehouseApp`,
      }),
    );
    await orgAdmin[SANDBOX].iam.send(new DeleteRoleCommand({ RoleName: "GatehouseMember" }));
    memberClients().forget({ roleArn: `arn:aws:iam::${SANDBOX}:role/GatehouseMember`, externalId: null });
    await syncAccounts({ instance: "a", freshWithinMs: 0 });
    const overview = await accountsOverview();
    const failed = overview.accounts.find((a) => a.id === SANDBOX)!;
    expect(failed.lastError).toMatch(
      /^Gatehouse may not assume arn:aws:iam::333333333333:role\/GatehouseMember/,
    );
    expect(failed.syncedAt).not.toBeNull();
    expect(overview.accounts.filter((a) => a.lastError).map((a) => a.id)).toEqual([SANDBOX]);
    const rows = (await acrossAccounts({ account: "all", q: "sally" })).rows;
    expect(rows.map((r) => r.account.id)).toContain(SANDBOX);
  });
});
