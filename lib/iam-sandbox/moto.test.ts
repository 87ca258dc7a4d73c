import {
  AddUserToGroupCommand,
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreateGroupCommand,
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  CreateUserCommand,
  DeleteAccessKeyCommand,
  DeleteUserCommand,
  GetGroupCommand,
  GetUserCommand,
  ListAttachedUserPoliciesCommand,
  ListPolicyVersionsCommand,
  paginateListUsers,
  type IAMClient,
} from "@aws-sdk/client-iam";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, type Sandbox } from "./index";
import { allow, clients, doc, expectIamError, freePort } from "./test/helpers";

/**
 * The cases moto 5 implements faithfully, run against the sandbox and against moto_server,
 * so both agree where moto is right. Where moto is lax (README: "Where moto differs") the
 * sandbox follows AWS, and the last case records moto's behaviour without asserting it.
 */
const hasMoto = spawnSync("moto_server", ["--help"], { stdio: "ignore" }).status === 0;

async function waitFor(url: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      await fetch(url);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error("moto_server did not start");
}

let moto: ChildProcess | undefined;
let sandbox: Sandbox;
const targets: Array<{ name: string; iam: () => IAMClient }> = [];

beforeAll(async () => {
  sandbox = await startSandbox({});
  targets.push({ name: "sandbox", iam: () => clients(sandbox.url).iam });
  if (hasMoto) {
    const port = await freePort();
    moto = spawn("moto_server", ["-H", "127.0.0.1", "-p", String(port)], { stdio: "ignore" });
    await waitFor(`http://127.0.0.1:${port}/moto-api/`);
    targets.push({ name: "moto", iam: () => clients(`http://127.0.0.1:${port}`).iam });
  }
}, 30_000);

afterAll(async () => {
  if (moto?.pid) process.kill(moto.pid, "SIGTERM");
  await sandbox.close();
});

const cases: Array<[string, (iam: IAMClient, p: string) => Promise<void>]> = [
  [
    "users: create, duplicate, missing",
    async (iam, p) => {
      const u = await iam.send(new CreateUserCommand({ UserName: `${p}-u`, Path: "/eng/" }));
      expect(u.User!.Arn).toBe(`arn:aws:iam::123456789012:user/eng/${p}-u`);
      await expectIamError(
        iam.send(new CreateUserCommand({ UserName: `${p}-u` })),
        "EntityAlreadyExists",
        409,
      );
      await expectIamError(iam.send(new GetUserCommand({ UserName: `${p}-missing` })), "NoSuchEntity", 404);
    },
  ],
  [
    "groups: membership shows in GetGroup",
    async (iam, p) => {
      await iam.send(new CreateUserCommand({ UserName: `${p}-m` }));
      await iam.send(new CreateGroupCommand({ GroupName: `${p}-g` }));
      await iam.send(new AddUserToGroupCommand({ GroupName: `${p}-g`, UserName: `${p}-m` }));
      const g = await iam.send(new GetGroupCommand({ GroupName: `${p}-g` }));
      expect(g.Users!.map((u) => u.UserName)).toEqual([`${p}-m`]);
    },
  ],
  [
    "policies: versions, attach and list",
    async (iam, p) => {
      const pol = await iam.send(
        new CreatePolicyCommand({ PolicyName: `${p}-pol`, PolicyDocument: doc([allow("s3:GetObject")]) }),
      );
      await iam.send(
        new CreatePolicyVersionCommand({
          PolicyArn: pol.Policy!.Arn,
          PolicyDocument: doc([allow("s3:ListBucket")]),
          SetAsDefault: true,
        }),
      );
      const versions = await iam.send(new ListPolicyVersionsCommand({ PolicyArn: pol.Policy!.Arn }));
      // Order differs (moto oldest first, AWS newest first), so only the set is compared here.
      expect(versions.Versions!.map((v) => [v.VersionId, v.IsDefaultVersion]).sort()).toEqual([
        ["v1", false],
        ["v2", true],
      ]);
      await iam.send(new CreateUserCommand({ UserName: `${p}-a` }));
      await iam.send(new AttachUserPolicyCommand({ UserName: `${p}-a`, PolicyArn: pol.Policy!.Arn }));
      const att = await iam.send(new ListAttachedUserPoliciesCommand({ UserName: `${p}-a` }));
      expect(att.AttachedPolicies!.map((a) => a.PolicyName)).toEqual([`${p}-pol`]);
    },
  ],
  [
    "access keys: two per user",
    async (iam, p) => {
      await iam.send(new CreateUserCommand({ UserName: `${p}-k` }));
      await iam.send(new CreateAccessKeyCommand({ UserName: `${p}-k` }));
      await iam.send(new CreateAccessKeyCommand({ UserName: `${p}-k` }));
      await expectIamError(
        iam.send(new CreateAccessKeyCommand({ UserName: `${p}-k` })),
        "LimitExceeded",
        409,
      );
    },
  ],
  [
    "pagination: the SDK paginator sees every user once",
    async (iam, p) => {
      for (let i = 0; i < 7; i++)
        await iam.send(new CreateUserCommand({ UserName: `${p}-page-${i}`, Path: `/${p}/` }));
      const names: string[] = [];
      for await (const page of paginateListUsers({ client: iam, pageSize: 3 }, { PathPrefix: `/${p}/` }))
        names.push(...page.Users!.map((u) => u.UserName!));
      expect(names.sort()).toEqual(Array.from({ length: 7 }, (_, i) => `${p}-page-${i}`).sort());
    },
  ],
];

describe.each(hasMoto ? ["sandbox", "moto"] : ["sandbox"])("faithful cases on %s", (target) => {
  for (const [title, body] of cases)
    it(title, () => body(targets.find((t) => t.name === target)!.iam(), `t${target}`));
});

describe.runIf(hasMoto)("where moto is lax", () => {
  it("moto deletes a user that still has an access key; the sandbox refuses like AWS", async () => {
    const results: Record<string, string> = {};
    for (const t of targets) {
      const iam = t.iam();
      await iam.send(new CreateUserCommand({ UserName: "lax-check" }));
      const key = await iam.send(new CreateAccessKeyCommand({ UserName: "lax-check" }));
      results[t.name] = await iam.send(new DeleteUserCommand({ UserName: "lax-check" })).then(
        () => "deleted",
        (e: Error) => e.name,
      );
      if (results[t.name] !== "deleted")
        await iam.send(
          new DeleteAccessKeyCommand({ UserName: "lax-check", AccessKeyId: key.AccessKey!.AccessKeyId }),
        );
    }
    expect(results.sandbox).toBe("DeleteConflictException");
    console.info("[moto comparison] DeleteUser with an access key:", results);
  });
});
