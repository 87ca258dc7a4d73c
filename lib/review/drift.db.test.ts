import { generateKeyPairSync } from "node:crypto";
import {
  AddUserToGroupCommand,
  CreateAccessKeyCommand,
  CreatePolicyVersionCommand,
  CreateUserCommand,
  UploadSSHPublicKeyCommand,
} from "@aws-sdk/client-iam";
import sshpk from "sshpk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, type Sandbox } from "@/lib/iam-sandbox";
import { setupAppDatabase } from "@/lib/test/app-db";
import { testDbKind } from "@/lib/test/db";
import { runSync } from "./index";
import { countedSandboxClients, recordFinishedRequest } from "./testing";

// One database per file: the app's db() keeps the first DATABASE_URL it saw.
describe(`drift (${testDbKind()})`, () => {
  const t = setupAppDatabase();
  let sandbox: Sandbox;
  let clients: ReturnType<typeof countedSandboxClients>;
  const sync = () =>
    runSync({ iam: clients.iam, sts: clients.sts, cloudTrail: clients.cloudTrail, source: "sandbox" });

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, seed: "example-company" });
    clients = countedSandboxClients(sandbox.url);
    await sync();
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  const devOpsArn = () =>
    [...sandbox.admin.state().policies.values()].find((p) => p.name === "DevOpsAccess")!.arn;

  it("lists changes made directly through the IAM API as out-of-band drift", async () => {
    const key = await clients.iam.send(new CreateAccessKeyCommand({ UserName: "mary" }));
    await clients.iam.send(new AddUserToGroupCommand({ UserName: "john", GroupName: "DevOps" }));
    await clients.iam.send(
      new CreatePolicyVersionCommand({
        PolicyArn: devOpsArn(),
        PolicyDocument: JSON.stringify({
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Action: "ec2:*", Resource: "*" }],
        }),
        SetAsDefault: true,
      }),
    );
    await clients.iam.send(new CreateUserCommand({ UserName: "mallory" }));
    const result = await sync();
    const summaries = result.drift
      .filter((d) => !d.explainedBy)
      .map((d) => d.summary)
      .sort();
    expect(summaries).toEqual(
      [
        "default version of DevOpsAccess changed from v1 to v2",
        `access key ${key.AccessKey!.AccessKeyId} created for mary`,
        "john added to group DevOps",
        "user mallory created",
        "version v2 of DevOpsAccess created",
      ].sort(),
    );
    const stored = await t.db.driftFinding.findMany({
      where: { snapshotId: result.snapshotId, explainedBy: null },
    });
    expect(stored).toHaveLength(5);
    expect(stored.every((f) => f.seenAt.getTime() >= result.at.getTime())).toBe(true);
  });

  it("does not count what an executed change request did, and names the request", async () => {
    const before = new Date();
    await clients.iam.send(new CreateAccessKeyCommand({ UserName: "john" }));
    await clients.iam.send(new AddUserToGroupCommand({ UserName: "maria", GroupName: "Accountants" }));
    const request = await recordFinishedRequest(t.db, "group.add-member", [
      { op: "CreateAccessKey", params: { userName: "john" }, finishedAt: new Date(before.getTime() + 1) },
      {
        op: "AddUserToGroup",
        params: { userName: "maria", groupName: "Accountants" },
        finishedAt: new Date(before.getTime() + 2),
      },
    ]);
    const result = await sync();
    expect(result.drift.map((d) => [d.summary.replace(/AKIA\w+/, "KEY"), d.explainedBy]).sort()).toEqual([
      ["access key KEY created for john", request.id],
      ["maria added to group Accountants", request.id],
    ]);
    expect(result.counts.drift).toBe(0);
  });

  it("still flags an out-of-band change of the same kind beside an explained one", async () => {
    await clients.iam.send(new CreateAccessKeyCommand({ UserName: "jane" }));
    const result = await sync();
    expect(
      result.drift.filter((d) => !d.explainedBy).map((d) => d.summary.replace(/AKIA\w+/, "KEY")),
    ).toEqual(["access key KEY created for jane"]);
  });

  it("tells apart two keys of one user created in the same second", async () => {
    // The credential report and ListAccessKeys give creation times to the second only; a key
    // created in the same second as the user's other key is still a new key.
    await clients.iam.send(new CreateUserCommand({ UserName: "eve" }));
    const first = await clients.iam.send(new CreateAccessKeyCommand({ UserName: "eve" }));
    await sync();
    const second = await clients.iam.send(new CreateAccessKeyCommand({ UserName: "eve" }));
    const keys = [...sandbox.admin.state().users.values()].find((u) => u.name === "eve")!.accessKeys;
    keys.find((k) => k.id === second.AccessKey!.AccessKeyId)!.created = keys.find(
      (k) => k.id === first.AccessKey!.AccessKeyId,
    )!.created;
    const result = await sync();
    expect(result.drift.map((d) => d.summary)).toEqual([
      `access key ${second.AccessKey!.AccessKeyId} created for eve`,
    ]);
  });

  it("sees an SSH key (absent from the credential report) on a full credential scan", async () => {
    await runSync({ iam: clients.iam, sts: clients.sts, source: "sandbox", fullCredentialScan: true });
    const pem = generateKeyPairSync("rsa", { modulusLength: 2048 })
      .publicKey.export({ type: "spki", format: "pem" })
      .toString();
    const up = await clients.iam.send(
      new UploadSSHPublicKeyCommand({
        UserName: "sally",
        SSHPublicKeyBody: sshpk.parseKey(pem, "pem").toString("ssh"),
      }),
    );
    // A regular sync carries the checked extras forward: nothing in the report changed for sally.
    expect((await sync()).drift).toEqual([]);
    const full = await runSync({
      iam: clients.iam,
      sts: clients.sts,
      source: "sandbox",
      fullCredentialScan: true,
    });
    expect(full.drift.map((d) => d.summary)).toEqual([
      `SSH key ${up.SSHPublicKey!.SSHPublicKeyId} added for sally`,
    ]);
    expect(full.counts.calls.ListSSHPublicKeys).toBe(sandbox.admin.state().users.size);
  });
});
