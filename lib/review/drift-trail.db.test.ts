import { CloudTrailClient } from "@aws-sdk/client-cloudtrail";
import {
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreateUserCommand,
  GenerateCredentialReportCommand,
  GetCredentialReportCommand,
  IAMClient,
} from "@aws-sdk/client-iam";
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, type Sandbox } from "@/lib/iam-sandbox";
import { setupAppDatabase } from "@/lib/test/app-db";
import { testDbKind } from "@/lib/test/db";
import { latestSnapshot, runSync } from "./index";
import { countedSandboxClients, recordFinishedRequest } from "./testing";

/** GetCredentialReport until the report generation finished (the sandbox takes a moment). */
async function waitForReport(iam: IAMClient): Promise<void> {
  for (;;) {
    const ready = await iam.send(new GetCredentialReportCommand({})).then(
      () => true,
      (e: Error) => (/NotReady|InProgress|NotPresent/.test(e.name) ? false : Promise.reject(e)),
    );
    if (ready) return;
    await new Promise((r) => setTimeout(r, 20));
  }
}

// Drift with CloudTrail's events: an outside key between two syncs is always reported, whatever
// the credential report's timing, and Gatehouse's own key for a change request never is.
describe(`drift from CloudTrail (${testDbKind()})`, () => {
  const t = setupAppDatabase();
  let sandbox: Sandbox;
  let app: ReturnType<typeof countedSandboxClients>;
  /** someone else: an IAM user's own key, not Gatehouse's identity */
  let outsider: IAMClient;
  let refusing: Server;
  const sync = (cloudTrail: CloudTrailClient | null = app.cloudTrail) =>
    runSync({ iam: app.iam, sts: app.sts, cloudTrail, source: "sandbox" });

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, seed: "example-company" });
    app = countedSandboxClients(sandbox.url);
    // another administrator of the account, working outside Gatehouse
    await app.iam.send(new CreateUserCommand({ UserName: "ops-admin" }));
    await app.iam.send(
      new AttachUserPolicyCommand({
        UserName: "ops-admin",
        PolicyArn: "arn:aws:iam::aws:policy/AdministratorAccess",
      }),
    );
    const key = (await app.iam.send(new CreateAccessKeyCommand({ UserName: "ops-admin" }))).AccessKey!;
    outsider = new IAMClient({
      endpoint: sandbox.url,
      region: "us-east-1",
      credentials: { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! },
      maxAttempts: 1,
    });
    // A CloudTrail endpoint that refuses, as for an app identity without cloudtrail:LookupEvents.
    refusing = createServer((_req, res) => {
      res.writeHead(400, { "Content-Type": "application/x-amz-json-1.1" });
      res.end(
        JSON.stringify({
          __type: "AccessDeniedException",
          message: "not authorized: cloudtrail:LookupEvents",
        }),
      );
    });
    await new Promise<void>((r) => refusing.listen(0, "127.0.0.1", () => r()));
  });
  afterAll(async () => {
    await sandbox?.close();
    refusing?.close();
  });

  it("does not blame Gatehouse's own onboarding key made before the first snapshot", async () => {
    // Onboarding (a change request) runs before the first interval sync ever did.
    await app.iam.send(new GenerateCredentialReportCommand({}));
    const before = Date.now();
    await app.iam.send(new CreateUserCommand({ UserName: "newhire" }));
    const key = (await app.iam.send(new CreateAccessKeyCommand({ UserName: "newhire" }))).AccessKey!;
    const request = await recordFinishedRequest(t.db, "person.onboard", [
      {
        op: "CreateAccessKey",
        params: { userName: "newhire" },
        result: { accessKeyId: key.AccessKeyId! },
        finishedAt: new Date(before + 1),
      },
    ]);
    // The first snapshot reads a report from before the key: the key is not in it.
    const first = await sync();
    expect(first.cloudTrail).toEqual({ used: true });
    const newhire = (await sandbox.admin.state().users.get("newhire"))!;
    expect(newhire.accessKeys).toHaveLength(1);
    // The next sync lists newhire's keys (the report is stale) and sees the key as new.
    const second = await sync();
    const own = second.drift.filter((d) => d.summary.includes(key.AccessKeyId!));
    expect(own).toEqual([
      expect.objectContaining({
        summary: `access key ${key.AccessKeyId} created for newhire`,
        explainedBy: request.id,
      }),
    ]);
    expect(second.counts.drift).toBe(0);
  });

  it("always reports a key someone else created between two syncs, even when the report was just regenerated", async () => {
    await sync();
    // The report the previous sync read turns 4 hours old (IAM then makes a new one); someone
    // has IAM generate the new one and then creates keys. The next sync reads that report: newer
    // than the previous sync's, so not "stale", and without the keys. CloudTrail's events have them.
    const report = sandbox.admin.state().credentialReport!;
    report.generated -= 5 * 3600_000;
    report.readyAt -= 5 * 3600_000;
    await outsider.send(new GenerateCredentialReportCommand({}));
    await waitForReport(outsider);
    const john = (await outsider.send(new CreateAccessKeyCommand({ UserName: "john" }))).AccessKey!;
    const jane = (await outsider.send(new CreateAccessKeyCommand({ UserName: "jane" }))).AccessKey!;
    const result = await sync();
    expect(result.cloudTrail).toEqual({ used: true });
    expect(
      result.drift
        .filter((d) => !d.explainedBy)
        .map((d) => d.summary)
        .sort(),
    ).toEqual(
      [
        `access key ${jane.AccessKeyId} created for jane`,
        `access key ${john.AccessKeyId} created for john`,
      ].sort(),
    );
  });

  it("falls back to the snapshots alone, and says so, when LookupEvents is refused", async () => {
    await sync();
    const refused = new CloudTrailClient({
      endpoint: `http://127.0.0.1:${(refusing.address() as { port: number }).port}`,
      region: "us-east-1",
      credentials: { accessKeyId: "AKIAEXAMPLEEXAMPLE00", secretAccessKey: "x" },
      maxAttempts: 1,
    });
    const mallory = await outsider.send(new CreateUserCommand({ UserName: "mallory" }));
    const result = await sync(refused);
    expect(result.cloudTrail).toEqual({ used: false, reason: expect.stringContaining("AccessDenied") });
    // kept with the snapshot, for the review page to say so (components/review/drift-panel.tsx)
    expect((await latestSnapshot())!.counts.cloudTrail).toEqual(result.cloudTrail);
    expect(result.drift.map((d) => d.summary)).toEqual([`user ${mallory.User!.UserName} created`]);
  });
});
