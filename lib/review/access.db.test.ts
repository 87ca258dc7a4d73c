import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, type Sandbox } from "@/lib/iam-sandbox";
import { setupAppDatabase } from "@/lib/test/app-db";
import { testDbKind } from "@/lib/test/db";
import { latestSnapshot, runSync, type Snapshot } from "./index";
import { countedSandboxClients } from "./testing";

// The example company, synced from the sandbox into a real database and read back.
describe(`effective access of the example company (${testDbKind()})`, () => {
  setupAppDatabase();
  let sandbox: Sandbox;
  let snapshot: Snapshot;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, seed: "example-company" });
    const clients = countedSandboxClients(sandbox.url);
    await runSync({ iam: clients.iam, sts: clients.sts, source: "sandbox" });
    snapshot = (await latestSnapshot())!;
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  const cells = (user: string) =>
    new Map(snapshot.access.sets[snapshot.access.byUser[user]].map((c) => [c.service, c]));
  const why = (index: number) => snapshot.access.grants[index];

  it("Sally (DevOps) reaches EC2, S3, SQS and Elastic Beanstalk through her group", () => {
    const sally = cells("sally");
    for (const service of ["ec2", "s3", "sqs", "elasticbeanstalk"])
      expect(sally.has(service), service).toBe(true);
    expect(sally.get("ec2")!.level).toBe("Write");
    const ec2Why = sally.get("ec2")!.why.map(why);
    expect(ec2Why.every((w) => w.via === "DevOps" && w.policyName === "DevOpsAccess")).toBe(true);
    expect(ec2Why.map((w) => w.sid)).toContain("EC2OperateInstances");
  });

  it("Mary (accountant) reads S3 on the billing bucket only", () => {
    const mary = cells("mary");
    const s3 = mary.get("s3")!;
    expect(s3.level).toBe("Read");
    expect(s3.scope).toBe("some");
    const scopes = s3.why.map(why).flatMap((w) => (Array.isArray(w.scope) ? w.scope : [String(w.scope)]));
    expect(scopes.every((r) => r.startsWith("arn:aws:s3:::example-company-billing"))).toBe(true);
    // Nothing else but changing her own password (IAMUserChangePassword on the console groups).
    expect([...mary.keys()].filter((s) => s !== "iam")).toEqual(["s3"]);
    expect(["ec2", "sqs", "elasticbeanstalk"].some((s) => mary.has(s))).toBe(false);
  });

  it("Jane (mobile) has programmatic access only: a key, no console password", () => {
    const jane = snapshot.state.users.find((u) => u.name === "jane")!;
    expect(jane.passwordEnabled).toBe(false);
    expect(jane.accessKeys.filter((k) => k.active)).toHaveLength(1);
    const sally = snapshot.state.users.find((u) => u.name === "sally")!;
    expect(sally.passwordEnabled).toBe(true);
    expect([...cells("jane").keys()].sort()).toEqual(["cognito-identity", "cognito-idp", "s3"]);
  });

  it("the web developers share one computed policy set", () => {
    expect(snapshot.access.byUser.john).toBe(snapshot.access.byUser.maria);
    expect(snapshot.access.byUser.john).not.toBe(snapshot.access.byUser.sally);
  });
});
