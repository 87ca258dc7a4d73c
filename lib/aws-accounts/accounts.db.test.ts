import { CreateRoleCommand, UpdateAssumeRolePolicyCommand } from "@aws-sdk/client-iam";
import { GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/session";
import { UserError } from "@/lib/errors";
import { createIamClients, type IamClients } from "@/lib/iam";
import { type Sandbox } from "@/lib/iam-sandbox";
import { setupAppDatabase } from "@/lib/test/app-db";
import { testDbKind } from "@/lib/test/db";
import {
  accountClients,
  addAccount,
  checkAccount,
  listAccounts,
  MemberClients,
  removeAccount,
  SessionCache,
} from ".";
import { probe } from "./probe";
import { rootOf, sandboxForApp } from "./testing";

// The domain against the real sandbox over HTTP, signed as the seeded gatehouse-app user (as the
// demo and the e2e stack run). The sandbox holds one account, so the member role lives in it too:
// the app's own account is made a row only by listAccounts, which these tests call after the adds.

const ada: Actor = { id: "m-ada", email: "ada@example.com", name: "Ada Admin", role: "admin" };
const ACCOUNT = "123456789012";
const ROLE = `arn:aws:iam::${ACCOUNT}:role/GatehouseMember`;
const UNTRUSTING = `arn:aws:iam::${ACCOUNT}:role/TrustsNobody`;
const EXTERNAL_ID = "gatehouse-ext-7f3a";
const APP = `arn:aws:iam::${ACCOUNT}:user/gatehouse-app`;

const trust = (principal: string, externalId: string) =>
  JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { AWS: principal },
        Action: "sts:AssumeRole",
        Condition: { StringEquals: { "sts:ExternalId": externalId } },
      },
    ],
  });

async function refusal(p: Promise<unknown>): Promise<UserError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(UserError);
  return e as UserError;
}

describe(`AWS accounts (${testDbKind()})`, () => {
  const t = setupAppDatabase();
  let sandbox: Sandbox;
  let root: IamClients;

  beforeAll(async () => {
    sandbox = await sandboxForApp({ seed: "example-company" });
    root = rootOf(sandbox);
    await root.iam.send(
      new CreateRoleCommand({
        RoleName: "GatehouseMember",
        AssumeRolePolicyDocument: trust(APP, EXTERNAL_ID),
      }),
    );
    await root.iam.send(
      new CreateRoleCommand({
        RoleName: "TrustsNobody",
        AssumeRolePolicyDocument: trust(`arn:aws:iam::${ACCOUNT}:user/sally`, EXTERNAL_ID),
      }),
    );
  });
  afterAll(() => sandbox?.close());

  const auditOf = (action: string) =>
    t.db.auditEvent.findMany({ where: { action }, orderBy: { seq: "asc" } });

  it("refuses a malformed role ARN or ExternalId with field errors, and writes nothing", async () => {
    for (const roleArn of [
      "GatehouseMember",
      "arn:aws:iam::12345:role/GatehouseMember",
      "arn:aws:iam::123456789012:user/gatehouse-app",
      "arn:aws:iam::123456789012:role/",
      "arn:aws:iam::123456789012:role/bad name",
    ]) {
      const e = await refusal(addAccount({ roleArn, externalId: EXTERNAL_ID }, ada));
      expect(e.code).toBe("INVALID_INPUT");
      expect(e.fieldErrors?.roleArn?.[0]).toMatch(/role ARN looks like/);
    }
    for (const externalId of ["x", "has space", "semi;colon", "a".repeat(1225)]) {
      const e = await refusal(addAccount({ roleArn: ROLE, externalId }, ada));
      expect(Object.keys(e.fieldErrors ?? {})).toEqual(["externalId"]);
    }
    expect(await t.db.awsAccount.count()).toBe(0);
    expect(await t.db.auditEvent.count()).toBe(0);
  });

  it("a wrong ExternalId: refused in words, nothing stored, the refusal audited without the ExternalId", async () => {
    const e = await refusal(addAccount({ roleArn: ROLE, externalId: "not-the-one" }, ada));
    expect(e.message).toBe(
      `Gatehouse may not assume ${ROLE}: check the role's trust policy names ${APP} and the ExternalId (AWS gives the same answer for a wrong ExternalId and for a role that does not exist).`,
    );
    expect(e.fieldErrors?._).toEqual([e.message]);
    // No ExternalId at all, where the role asks for one: the same answer.
    await refusal(addAccount({ roleArn: ROLE }, ada));
    expect(await t.db.awsAccount.count()).toBe(0);
    const refused = await auditOf("accounts.add_refused");
    expect(refused.map((r) => [r.actor, r.target, r.data])).toEqual([
      ["ada@example.com", ACCOUNT, { roleArn: ROLE, externalIdGiven: true, problem: e.message }],
      ["ada@example.com", ACCOUNT, { roleArn: ROLE, externalIdGiven: false, problem: e.message }],
    ]);
    expect(JSON.stringify(refused)).not.toContain("not-the-one");
  });

  it("AccessDenied: a role whose trust policy does not name Gatehouse, and a role that does not exist", async () => {
    for (const roleArn of [UNTRUSTING, "arn:aws:iam::210987654321:role/GatehouseMember"]) {
      const e = await refusal(addAccount({ roleArn, externalId: EXTERNAL_ID }, ada));
      expect(e.message).toMatch(
        new RegExp(`^Gatehouse may not assume ${roleArn.replace(/[/.]/g, "\\$&")}: check`),
      );
    }
    expect(await t.db.awsAccount.count()).toBe(0);
  });

  it("adds an account by its role: the assumed principal stored, audited without the ExternalId", async () => {
    const added = await addAccount({ roleArn: ROLE, externalId: EXTERNAL_ID, name: "Production" }, ada);
    expect(added).toMatchObject({
      id: ACCOUNT,
      name: "Production",
      source: "manual",
      status: "ok",
      lastError: null,
      assumedPrincipal: `arn:aws:sts::${ACCOUNT}:assumed-role/GatehouseMember/gatehouse`,
      hasExternalId: true,
    });
    expect(added).not.toHaveProperty("externalId");
    const row = await t.db.awsAccount.findUniqueOrThrow({ where: { id: ACCOUNT } });
    expect(row.externalId).toBe(EXTERNAL_ID);
    expect(row.lastCheckedAt).toBeInstanceOf(Date);
    const [entry] = await auditOf("accounts.added");
    expect([entry.actor, entry.target, entry.data]).toEqual([
      "ada@example.com",
      ACCOUNT,
      {
        roleArn: ROLE,
        externalIdGiven: true,
        name: "Production",
        assumedPrincipal: added.assumedPrincipal,
        restored: false,
      },
    ]);
    expect(JSON.stringify(await t.db.auditEvent.findMany())).not.toContain(EXTERNAL_ID);

    // Its clients act as the role's session, and are the same clients on every ask.
    const clients = accountClients(row);
    expect(accountClients(row)).toBe(clients);
    const me = await clients.sts.send(new GetCallerIdentityCommand({}));
    expect(me.Arn).toBe(added.assumedPrincipal);

    const again = await refusal(addAccount({ roleArn: ROLE, externalId: EXTERNAL_ID }, ada));
    expect(again.fieldErrors?.roleArn).toEqual([`Account ${ACCOUNT} (Production) is already in Gatehouse.`]);
  });

  it("a check after the role's trust changed stores the problem in words; fixed, it is ok again", async () => {
    await root.iam.send(
      new UpdateAssumeRolePolicyCommand({
        RoleName: "GatehouseMember",
        PolicyDocument: trust(APP, "rotated-id"),
      }),
    );
    const broken = await checkAccount({ id: ACCOUNT });
    expect(broken.status).toBe("error");
    expect(broken.lastError).toMatch(
      /^Gatehouse may not assume .*GatehouseMember: check the role's trust policy names/,
    );
    await root.iam.send(
      new UpdateAssumeRolePolicyCommand({
        RoleName: "GatehouseMember",
        PolicyDocument: trust(APP, EXTERNAL_ID),
      }),
    );
    const fixed = await checkAccount({ id: ACCOUNT });
    expect([fixed.status, fixed.lastError, fixed.assumedPrincipal]).toEqual([
      "ok",
      null,
      `arn:aws:sts::${ACCOUNT}:assumed-role/GatehouseMember/gatehouse`,
    ]);
  });

  it("removes (soft, audited); the app's own account then comes back as home and cannot be removed", async () => {
    await removeAccount({ id: ACCOUNT }, ada);
    const row = await t.db.awsAccount.findUniqueOrThrow({ where: { id: ACCOUNT } });
    expect(row.removedAt).toBeInstanceOf(Date);
    const [entry] = await auditOf("accounts.removed");
    expect([entry.actor, entry.target, entry.data]).toEqual([
      "ada@example.com",
      ACCOUNT,
      { name: "Production", source: "manual", roleArn: ROLE },
    ]);

    const { accounts, homeProblem } = await listAccounts();
    expect(homeProblem).toBeNull();
    expect(
      accounts.map((a) => [a.id, a.source, a.status, a.assumedPrincipal, a.roleArn, a.hasExternalId]),
    ).toEqual([[ACCOUNT, "home", "ok", APP, null, false]]);
    const e = await refusal(removeAccount({ id: ACCOUNT }, ada));
    expect(e.message).toBe("Gatehouse's own account cannot be removed.");
    const home = await refusal(addAccount({ roleArn: ROLE, externalId: EXTERNAL_ID }, ada));
    expect(home.fieldErrors?.roleArn?.[0]).toMatch(/is Gatehouse's own account/);
    // The refused adds and removals were audited as such, nothing else.
    expect((await auditOf("accounts.removed")).length).toBe(1);
    expect((await auditOf("accounts.added")).length).toBe(1);
  });

  it("caches a session per role and asks STS again 5 minutes before it expires", async () => {
    let now = Date.now();
    const app = createIamClients({
      mode: "sandbox",
      endpoint: sandbox.url,
      credentials: sandbox.admin.appCredentials()!,
    });
    const cache = new SessionCache(
      () => app.sts,
      () => now,
    );
    const role = { roleArn: ROLE, externalId: EXTERNAL_ID };
    const [a, b] = await Promise.all([cache.credentials(role), cache.credentials(role)]);
    expect(b.accessKeyId).toBe(a.accessKeyId); // one AssumeRole for both
    expect((await cache.credentials(role)).accessKeyId).toBe(a.accessKeyId);
    now = a.expiration.getTime() - 5 * 60_000 + 1_000; // 4 min 59 s left
    const c = await cache.credentials(role);
    expect(c.accessKeyId).not.toBe(a.accessKeyId);
    expect(c.expiration.getTime()).toBeGreaterThan(a.expiration.getTime() - 1);
    // The new session works.
    const members = new MemberClients(() => ({ mode: "sandbox", endpoint: sandbox.url }), cache);
    now = Date.now();
    const me = await members.for(role).sts.send(new GetCallerIdentityCommand({}));
    expect(me.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/GatehouseMember/gatehouse`);
  });

  it("an unreachable STS is said so", async () => {
    const dead = createIamClients({ mode: "sandbox", endpoint: "http://127.0.0.1:9", maxAttempts: 1 });
    const members = new MemberClients(
      () => ({ mode: "sandbox", endpoint: "http://127.0.0.1:9", maxAttempts: 1 }),
      new SessionCache(() => dead.sts),
    );
    const out = await probe(members, { accountId: ACCOUNT, roleArn: ROLE, externalId: EXTERNAL_ID }, APP);
    expect(out).toEqual({
      status: "error",
      principal: null,
      error:
        "AWS STS could not be reached (no answer, or a temporary failure); check the network and try again.",
    });
  });
});
