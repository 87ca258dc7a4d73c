import {
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreateLoginProfileCommand,
  CreateUserCommand,
  GetUserCommand,
  type IAMClient,
} from "@aws-sdk/client-iam";
import { AssumeRoleCommand } from "@aws-sdk/client-sts";
import { beforeAll, describe, expect, it } from "vitest";
import { verifyChain } from "@/lib/audit";
import { boto3GetUser, deleteRole, restoreRole } from "@/lib/aws-accounts/testing";
import { createIamClients } from "@/lib/iam";
import { testDbKind } from "@/lib/test/db";
import {
  approveRequest,
  createChangeRequest,
  getRequest,
  previewChangeRequest,
  requestApproveAndStart,
  retryRequest,
  startExecution,
} from "./index";
import { ada, bob, requester, setupHarness } from "./testing/harness";

// Offboarding across the accounts of the sandbox's example-org: the app signs as gatehouse-app in
// the management account and reaches production, staging and sandbox through their GatehouseMember
// roles (AwsAccount rows, as discovery makes them). What IAM holds afterwards is checked with
// boto3 through the same roles, and with an admin session (OrganizationAccountAccessRole) for
// what a test does outside Gatehouse.

const MGMT = "123456789012";
const ACCOUNTS = { production: "111111111111", staging: "222222222222", sandbox: "333333333333" };
const MEMBER_IDS = Object.values(ACCOUNTS);
const memberRole = (id: string) => `arn:aws:iam::${id}:role/GatehouseMember`;

describe(`offboarding across accounts (${testDbKind()})`, () => {
  const h = setupHarness({ seed: "example-org" });
  /** An administrator's session in each member account (OrganizationAccountAccessRole). */
  const admin: Record<string, IAMClient> = {};

  beforeAll(async () => {
    for (const [name, id] of Object.entries(ACCOUNTS))
      await h.t.db.awsAccount.create({
        data: { id, name, source: "organizations", roleArn: memberRole(id), status: "ok" },
      });
    // The app's own account, as ensureHomeAccount makes it: planning finds no sally there.
    await h.t.db.awsAccount.create({
      data: { id: MGMT, name: "Example Company", source: "home", status: "ok" },
    });
    // The root cannot assume roles: an admin user of the management account does.
    await h.root.iam.send(new CreateUserCommand({ UserName: "org-admin" }));
    await h.root.iam.send(
      new AttachUserPolicyCommand({
        UserName: "org-admin",
        PolicyArn: "arn:aws:iam::aws:policy/AdministratorAccess",
      }),
    );
    const key = (await h.root.iam.send(new CreateAccessKeyCommand({ UserName: "org-admin" }))).AccessKey!;
    const sandbox = { mode: "sandbox" as const, endpoint: h.sandbox.url };
    const orgAdmin = createIamClients({
      ...sandbox,
      credentials: { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! },
    });
    for (const id of MEMBER_IDS) {
      const c = (
        await orgAdmin.sts.send(
          new AssumeRoleCommand({
            RoleArn: `arn:aws:iam::${id}:role/OrganizationAccountAccessRole`,
            RoleSessionName: "test-admin",
          }),
        )
      ).Credentials!;
      admin[id] = createIamClients({
        ...sandbox,
        credentials: {
          accessKeyId: c.AccessKeyId!,
          secretAccessKey: c.SecretAccessKey!,
          sessionToken: c.SessionToken!,
        },
      }).iam;
    }
  });

  /** boto3, signed as gatehouse-app, assumes GatehouseMember in each account and asks IAM for the user. */
  const boto3FindUser = (userName: string, accounts: string[]) =>
    boto3GetUser(h.sandbox.url, h.sandbox.admin.appCredentials()!, userName, accounts);

  it("the plan hash covers each step's account: adding an account changes it", async () => {
    const two = await previewChangeRequest("user.offboard", {
      userName: "sally",
      accounts: [ACCOUNTS.production, ACCOUNTS.staging],
    });
    const three = await previewChangeRequest("user.offboard", {
      userName: "sally",
      accounts: [ACCOUNTS.sandbox, ACCOUNTS.production, ACCOUNTS.staging],
    });
    expect(three.planHash).not.toBe(two.planHash);
    expect(three.steps.length).toBeGreaterThan(two.steps.length);
    // The same set in another order is the same plan. (Not compared by hash: the deny policy's
    // cutoff is "now" plus the approval windows, to the second.)
    const again = await previewChangeRequest("user.offboard", {
      userName: "sally",
      accounts: [ACCOUNTS.staging, ACCOUNTS.sandbox, ACCOUNTS.production],
    });
    const shape = (p: typeof three) =>
      p.steps.map(({ op, accountId, params: { policyDocument, ...params }, dependsOn }) => ({
        op,
        accountId,
        params,
        dependsOn,
        cutoff: policyDocument === undefined ? null : "set",
      }));
    expect(shape(again)).toEqual(shape(three));
    expect(new Set(three.steps.map((s) => s.accountId))).toEqual(new Set(MEMBER_IDS));
  });

  it(
    "offboards sally from production, staging and sandbox in one request, each account verified",
    { timeout: 90_000 },
    async () => {
      expect(Object.values(await boto3FindUser("sally", MEMBER_IDS))).toEqual(
        MEMBER_IDS.map((id) => `arn:aws:iam::${id}:user/sally`),
      );
      const employee = await h.t.db.employee.create({
        data: { name: "Sally", email: "sally@example.com", iamUserName: "sally" },
      });
      // One click names every active account; planning finds sally in the three members only.
      const { request, started, finished } = await requestApproveAndStart(
        "user.offboard",
        { userName: "sally", employeeId: employee.id, accounts: [MGMT, ...MEMBER_IDS] },
        ada,
      );
      expect(started).toBe(true);
      expect(request.summary).toBe("Offboard Sally (sally) from 3 accounts: lock out and delete the user");
      expect(await finished).toBe("succeeded");

      const after = (await getRequest(request.id))!;
      expect(new Set(after.steps.map((s) => s.accountId))).toEqual(new Set(MEMBER_IDS));
      for (const [name, id] of Object.entries(ACCOUNTS)) {
        const mine = after.steps.filter((s) => s.accountId === id);
        for (const s of mine) expect(s.title.startsWith(`${name} (${id}): `)).toBe(true);
        // Each account's steps depend only on its own.
        const orders = new Set(mine.map((s) => s.order));
        expect(mine.every((s) => s.dependsOn.every((d) => orders.has(d)))).toBe(true);
        expect(mine.map((s) => s.op).slice(-2)).toEqual(["DeleteUser", "VerifyUserGone"]);
        expect(mine.at(-1)!.result).toMatchObject({ verified: true, getUser: "NoSuchEntity", accountId: id });
      }
      expect(after.steps.find((s) => s.op === "DeleteAccessKey")?.title).toMatch(
        /^production \(111111111111\): Delete access key/,
      );
      // The accounts ran side by side: each account's first step started before the others finished.
      const span = (id: string) => {
        const mine = after.steps.filter((s) => s.accountId === id);
        return {
          start: Math.min(...mine.map((s) => Date.parse(s.startedAt!))),
          end: Math.max(...mine.map((s) => Date.parse(s.finishedAt!))),
        };
      };
      for (const a of MEMBER_IDS)
        for (const b of MEMBER_IDS) if (a !== b) expect(span(a).start).toBeLessThan(span(b).end);
      // ...and never more than the executor's 4 steps at once in one account (IAM's rate limits
      // are per account), nor more than 4 accounts' worth across them (how many more than 4 run
      // together depends on timing; bench:accounts measures what it buys).
      const most = (steps: typeof after.steps) => {
        const edges = steps.flatMap((s) => [
          [Date.parse(s.startedAt!), 1],
          [Date.parse(s.finishedAt!), -1],
        ]);
        edges.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
        let running = 0;
        let peak = 0;
        for (const [, d] of edges) peak = Math.max(peak, (running += d));
        return peak;
      };
      for (const id of MEMBER_IDS)
        expect(most(after.steps.filter((s) => s.accountId === id))).toBeLessThanOrEqual(4);
      expect(most(after.steps)).toBeGreaterThan(1);
      expect(most(after.steps)).toBeLessThanOrEqual(12);

      expect(await boto3FindUser("sally", MEMBER_IDS)).toEqual(
        Object.fromEntries(MEMBER_IDS.map((id) => [id, "NoSuchEntity"])),
      );
      expect((await h.t.db.employee.findUniqueOrThrow({ where: { id: employee.id } })).status).toBe(
        "offboarded",
      );
      const offboarded = await h.t.db.auditEvent.findFirstOrThrow({
        where: { requestId: request.id, action: "people.offboarded" },
      });
      // Every account named, in id order: the management account held no sally.
      expect((offboarded.data as { accounts: unknown[] }).accounts).toEqual(
        [MGMT, ...MEMBER_IDS].sort().map((accountId) =>
          accountId === MGMT
            ? { accountId, existed: null, verified: null }
            : {
                accountId,
                existed: expect.objectContaining({ userName: "sally" }),
                verified: expect.objectContaining({ verified: true, accountId }),
              },
        ),
      );
      expect(await verifyChain()).toMatchObject({ ok: true });
    },
  );

  it(
    "a role that cannot be assumed stops only that account; retry after restoring it finishes just that one",
    { timeout: 90_000 },
    async () => {
      for (const id of MEMBER_IDS) {
        await admin[id].send(new CreateUserCommand({ UserName: "leaver" }));
        await admin[id].send(new CreateAccessKeyCommand({ UserName: "leaver" }));
        await admin[id].send(
          new CreateLoginProfileCommand({ UserName: "leaver", Password: "Correct-Horse-Battery-9" }),
        );
      }
      const employee = await h.t.db.employee.create({
        data: { name: "Lee Leaver", email: "leaver@example.com", iamUserName: "leaver" },
      });
      const r = await createChangeRequest(
        "user.offboard",
        { userName: "leaver", employeeId: employee.id, accounts: MEMBER_IDS },
        requester,
      );
      await approveRequest(r.id, r.planHash, bob);
      // After planning (which opened a session in staging), staging's GatehouseMember role is deleted.
      const role = await deleteRole({ iam: admin[ACCOUNTS.staging] }, "GatehouseMember");

      const { finished } = await startExecution(r.id, ada);
      expect(await finished).toBe("failed");
      const failed = (await getRequest(r.id))!;
      expect(failed.status).toBe("failed");
      const staging = failed.steps.filter((s) => s.accountId === ACCOUNTS.staging);
      const others = failed.steps.filter((s) => s.accountId !== ACCOUNTS.staging);
      expect(others.every((s) => s.status === "done")).toBe(true);
      expect(staging.some((s) => s.status === "failed")).toBe(true);
      expect(staging.every((s) => s.status === "failed" || s.status === "pending")).toBe(true);
      expect(staging.filter((s) => s.op === "DeleteUser" || s.op === "VerifyUserGone")).toEqual([
        expect.objectContaining({ status: "pending" }),
        expect.objectContaining({ status: "pending" }),
      ]);
      for (const s of staging.filter((x) => x.status === "failed"))
        expect(s.error).toBe(
          `staging (${ACCOUNTS.staging}): Gatehouse may not assume ${memberRole(ACCOUNTS.staging)}: check the role's trust policy names Gatehouse's own principal and the ExternalId (AWS gives the same answer for a wrong ExternalId and for a role that does not exist).`,
        );
      const failedEntry = await h.t.db.auditEvent.findFirstOrThrow({
        where: { requestId: r.id, action: "request.failed" },
      });
      expect((failedEntry.data as { failed: { title: string }[] }).failed.map((f) => f.title)).toEqual(
        staging.filter((s) => s.status === "failed").map((s) => s.title),
      );
      await expect(
        admin[ACCOUNTS.staging].send(new GetUserCommand({ UserName: "leaver" })),
      ).resolves.toBeTruthy();
      for (const id of [ACCOUNTS.production, ACCOUNTS.sandbox])
        await expect(admin[id].send(new GetUserCommand({ UserName: "leaver" }))).rejects.toMatchObject({
          name: "NoSuchEntityException",
        });
      // Not every account verified: the person is not offboarded yet.
      expect((await h.t.db.employee.findUniqueOrThrow({ where: { id: employee.id } })).status).not.toBe(
        "offboarded",
      );

      // The role is made again, as the StackSet would; retry runs staging's steps only.
      await restoreRole({ iam: admin[ACCOUNTS.staging] }, role);
      const retried = await retryRequest(r.id, ada);
      expect(retried.request.status).toBe("succeeded");
      for (const s of others)
        expect(retried.request.steps.find((x) => x.order === s.order)).toMatchObject({
          status: "done",
          attempts: s.attempts,
          finishedAt: s.finishedAt,
        });
      expect(
        retried.request.steps
          .filter((s) => s.accountId === ACCOUNTS.staging)
          .every((s) => s.status === "done"),
      ).toBe(true);
      const done = await h.t.db.auditEvent.findMany({ where: { requestId: r.id, action: "step.done" } });
      expect(done.map((e) => (e.data as { order: number }).order).sort((a, b) => a - b)).toEqual(
        retried.request.steps.map((s) => s.order),
      );
      expect(await boto3FindUser("leaver", MEMBER_IDS)).toEqual(
        Object.fromEntries(MEMBER_IDS.map((id) => [id, "NoSuchEntity"])),
      );
      expect((await h.t.db.employee.findUniqueOrThrow({ where: { id: employee.id } })).status).toBe(
        "offboarded",
      );
    },
  );

  it(
    "an account that cannot be read when planned is planned as a delete, fails alone, and on retry is read and emptied",
    { timeout: 90_000 },
    async () => {
      const userName = "unplanned";
      for (const id of MEMBER_IDS) {
        await admin[id].send(new CreateUserCommand({ UserName: userName }));
        await admin[id].send(new CreateAccessKeyCommand({ UserName: userName }));
        await admin[id].send(
          new CreateLoginProfileCommand({ UserName: userName, Password: "Correct-Horse-Battery-9" }),
        );
      }
      const employee = await h.t.db.employee.create({
        data: { name: "Una Unread", email: "unplanned@example.com", iamUserName: userName },
      });
      // Before planning this time: staging's GatehouseMember role is gone.
      const role = await deleteRole({ iam: admin[ACCOUNTS.staging] }, "GatehouseMember");
      const refusal = `staging (${ACCOUNTS.staging}): Gatehouse may not assume ${memberRole(ACCOUNTS.staging)}`;
      const input = { userName, employeeId: employee.id, accounts: MEMBER_IDS };

      // Disabling must read the user to lock it: refused, naming staging.
      await expect(previewChangeRequest("user.offboard", { ...input, mode: "disable" })).rejects.toThrow(
        refusal,
      );

      // Deleting goes ahead: production and sandbox fully planned, staging a delete to be read when it runs.
      const r = await createChangeRequest("user.offboard", input, requester);
      const planned = (await getRequest(r.id))!;
      expect(planned.summary).toContain("from 2 accounts and 1 not readable when planned");
      expect(planned.steps.filter((s) => s.accountId === ACCOUNTS.staging).map((s) => s.op)).toEqual([
        "DeleteUser",
        "VerifyUserGone",
      ]);
      expect(planned.steps.filter((s) => s.accountId === ACCOUNTS.production).length).toBeGreaterThan(4);
      const row = await h.t.db.changeRequest.findUniqueOrThrow({ where: { id: r.id } });
      expect((row.evidence as { unread: Record<string, string> }).unread[ACCOUNTS.staging]).toContain(
        refusal,
      );

      await approveRequest(r.id, r.planHash, bob);
      const { finished } = await startExecution(r.id, ada);
      expect(await finished).toBe("failed");
      const failed = (await getRequest(r.id))!;
      for (const s of failed.steps)
        if (s.accountId === ACCOUNTS.staging) expect(s.status).toMatch(/failed|pending/);
        else expect(s.status).toBe("done");
      expect(failed.steps.find((s) => s.status === "failed")!.error).toContain(refusal);
      expect((await h.t.db.employee.findUniqueOrThrow({ where: { id: employee.id } })).status).not.toBe(
        "offboarded",
      );

      // The role is back: the retried delete meets the key and the password (a conflict), the
      // re-plan reads staging and removes them, then the user goes.
      await restoreRole({ iam: admin[ACCOUNTS.staging] }, role);
      const retried = await retryRequest(r.id, ada);
      expect(retried.request.status).toBe("succeeded");
      const stagingOps = retried.request.steps
        .filter((s) => s.accountId === ACCOUNTS.staging)
        .map((s) => s.op);
      expect(stagingOps).toEqual(
        expect.arrayContaining(["UpdateAccessKey", "DeleteAccessKey", "DeleteLoginProfile", "DeleteUser"]),
      );
      // Keys are deactivated before anything else is removed, as in a planned account.
      const steps = retried.request.steps;
      const deactivate = steps.find((s) => s.accountId === ACCOUNTS.staging && s.op === "UpdateAccessKey")!;
      expect(
        steps.find((s) => s.accountId === ACCOUNTS.staging && s.op === "DeleteAccessKey")!.dependsOn,
      ).toContain(deactivate.order);
      expect(await boto3FindUser(userName, MEMBER_IDS)).toEqual(
        Object.fromEntries(MEMBER_IDS.map((id) => [id, "NoSuchEntity"])),
      );
      expect((await h.t.db.employee.findUniqueOrThrow({ where: { id: employee.id } })).status).toBe(
        "offboarded",
      );
      const entry = await h.t.db.auditEvent.findFirstOrThrow({
        where: { requestId: r.id, action: "people.offboarded" },
      });
      const accounts = (
        entry.data as { accounts: { accountId: string; existed: unknown; verified: unknown }[] }
      ).accounts;
      expect(accounts.find((a) => a.accountId === ACCOUNTS.staging)).toMatchObject({
        existed: "not read at planning",
        verified: { verified: true },
      });
    },
  );

  it("an account not in Gatehouse is refused at planning, naming it", async () => {
    await expect(
      previewChangeRequest("user.offboard", { userName: "john", accounts: ["444444444444"] }),
    ).rejects.toThrow("Account 444444444444 is not in Gatehouse");
  });
});
