import {
  AddUserToGroupCommand,
  CreateUserCommand,
  DeleteUserCommand,
  RemoveUserFromGroupCommand,
} from "@aws-sdk/client-iam";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordSandboxUsage, startSandbox, type Sandbox } from "@/lib/iam-sandbox";
import { setupAppDatabase } from "@/lib/test/app-db";
import { testDbKind } from "@/lib/test/db";
import { lastUsedText, latestSnapshot, runSync, summaryLine, usageView } from "./index";
import { countedSandboxClients } from "./testing";

// The review sync reads Access Advisor into the snapshot: per person and granted service the
// last use, with the number of calls it costs, refreshed only on a full scan or once a day old
// (people new since the copy read at once).
describe(`Access Advisor in the review (${testDbKind()})`, () => {
  setupAppDatabase();
  let sandbox: Sandbox;
  let clients: ReturnType<typeof countedSandboxClients>;
  const sync = (fullCredentialScan = false) =>
    runSync({ iam: clients.iam, sts: clients.sts, source: "sandbox", fullCredentialScan });
  const advisorCalls = () =>
    (clients.sent.GenerateServiceLastAccessedDetails ?? 0) +
    (clients.sent.GetServiceLastAccessedDetails ?? 0);

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, seed: "example-company" });
    clients = countedSandboxClients(sandbox.url);
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  it("stores each person's last use per granted service, at two calls a person", async () => {
    const before = Date.now();
    await sync();
    expect(advisorCalls()).toBe(2 * 6); // every IAM user: the five employees and gatehouse-app
    const snap = (await latestSnapshot())!;
    const data = snap.state.lastAccessed!;
    expect(Date.parse(data.readAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(data.users.john.elasticbeanstalk).toBeNull();
    expect(before - Date.parse(data.users.maria.elasticbeanstalk!)).toBeGreaterThan(90 * 86_400_000);
    expect(before - Date.parse(data.users.sally.ec2!)).toBeLessThan(2 * 86_400_000);

    const view = usageView(snap, new Map([["Web developer", "WebDevelopers"]]));
    const eb = view.summaries.find((s) => s.jobRole === "Web developer" && s.service === "elasticbeanstalk")!;
    expect({ members: eb.members, never: eb.never, unused: eb.unused }).toEqual({
      members: 2,
      never: 1,
      unused: 2,
    });
    expect(summaryLine(eb)).toBe(
      "1 of 2 in Web developer never used AWS Elastic Beanstalk; 2 did not use it in 90 days",
    );
    const unused = view.rows.filter((r) => r.unused).map((r) => `${r.user}:${r.service}`);
    expect(unused).toEqual(expect.arrayContaining(["john:elasticbeanstalk", "maria:elasticbeanstalk"]));
    expect(unused).not.toContain("sally:ec2");
    expect(lastUsedText(snap, "john", "elasticbeanstalk")).toMatch(
      /^Never used \(Access Advisor as of \d{4}-/,
    );
    expect(lastUsedText(snap, "sally", "ec2")).toMatch(/^Last used \d{4}-\d\d-\d\d \(Access Advisor as of /);
  });

  it("carries the copy between syncs without a call, and re-reads it on a full scan", async () => {
    const first = (await latestSnapshot())!.state.lastAccessed!;
    await recordSandboxUsage(sandbox.url, sandbox.adminToken, {
      principal: "john",
      service: "elasticbeanstalk",
    });
    clients.reset();
    await sync();
    expect(advisorCalls()).toBe(0);
    const carried = (await latestSnapshot())!.state.lastAccessed!;
    expect(carried.readAt).toBe(first.readAt);
    expect(carried.users.john.elasticbeanstalk).toBeNull(); // shown with its age, not as current

    // Someone new since the copy is read at once (two calls), the others still carried.
    await clients.iam.send(new CreateUserCommand({ UserName: "newcomer" }));
    await clients.iam.send(new AddUserToGroupCommand({ UserName: "newcomer", GroupName: "WebDevelopers" }));
    await recordSandboxUsage(sandbox.url, sandbox.adminToken, { principal: "newcomer", service: "s3" });
    clients.reset();
    await sync();
    expect(advisorCalls()).toBe(2);
    const joined = (await latestSnapshot())!.state.lastAccessed!;
    expect(joined.readAt).toBe(first.readAt);
    expect(joined.users.john.elasticbeanstalk).toBeNull();
    expect(joined.users.newcomer).toEqual({ s3: expect.any(String), elasticbeanstalk: null, iam: null });
    await clients.iam.send(
      new RemoveUserFromGroupCommand({ UserName: "newcomer", GroupName: "WebDevelopers" }),
    );
    await clients.iam.send(new DeleteUserCommand({ UserName: "newcomer" }));

    clients.reset();
    await sync(true);
    expect(advisorCalls()).toBe(2 * 6); // every IAM user: the five employees and gatehouse-app
    const fresh = (await latestSnapshot())!.state.lastAccessed!;
    expect(Date.parse(fresh.readAt)).toBeGreaterThan(Date.parse(first.readAt));
    expect(fresh.users.john.elasticbeanstalk).not.toBeNull();
  });
});
