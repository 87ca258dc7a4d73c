import {
  GetGroupCommand,
  GetInstanceProfileCommand,
  GetLoginProfileCommand,
  GetPolicyVersionCommand,
  GetRolePolicyCommand,
  ListAccessKeysCommand,
  ListAttachedGroupPoliciesCommand,
  ListUserTagsCommand,
  GetUserCommand,
} from "@aws-sdk/client-iam";
import { describe, expect, it } from "vitest";
import { startSandbox } from "./index";
import { serializeState } from "./persist";
import { expectIamError, sandboxForFile } from "./test/helpers";

const { iam } = sandboxForFile({ seed: "example-company" });

const policyDoc = async (name: string) =>
  JSON.parse(
    decodeURIComponent(
      (
        await iam.send(
          new GetPolicyVersionCommand({
            PolicyArn: `arn:aws:iam::123456789012:policy/${name}`,
            VersionId: "v1",
          }),
        )
      ).PolicyVersion!.Document!,
    ),
  );

describe("example-company seed", () => {
  it("has the four groups with their policy and console-password policy where members sign in", async () => {
    const expected: Record<string, string[]> = {
      DevOps: ["DevOpsAccess", "IAMUserChangePassword"],
      WebDevelopers: ["WebDeveloperAccess", "IAMUserChangePassword"],
      MobileDevelopers: ["MobileDeveloperAccess"],
      Accountants: ["AccountantBillingReadOnly", "IAMUserChangePassword"],
    };
    for (const [group, policies] of Object.entries(expected)) {
      const attached = await iam.send(new ListAttachedGroupPoliciesCommand({ GroupName: group }));
      expect(attached.AttachedPolicies!.map((p) => p.PolicyName)).toEqual(policies);
    }
    const web = await iam.send(new GetGroupCommand({ GroupName: "WebDevelopers" }));
    expect(web.Users!.map((u) => u.UserName)).toEqual(["john", "maria"]);
  });

  it("gives each person the right credentials and an email tag; Peter has no user", async () => {
    const people = {
      sally: [true, 1],
      john: [true, 1],
      maria: [true, 1],
      jane: [false, 1],
      mary: [true, 0],
    } as const;
    for (const [name, [console, keys]] of Object.entries(people)) {
      const login = iam.send(new GetLoginProfileCommand({ UserName: name }));
      if (console) await login;
      else await expectIamError(login, "NoSuchEntity", 404);
      expect((await iam.send(new ListAccessKeysCommand({ UserName: name }))).AccessKeyMetadata).toHaveLength(
        keys,
      );
      expect((await iam.send(new ListUserTagsCommand({ UserName: name }))).Tags).toEqual([
        { Key: "email", Value: `${name}@example.com` },
      ]);
    }
    await expectIamError(iam.send(new GetUserCommand({ UserName: "peter" })), "NoSuchEntity", 404);
  });

  it("scopes the accountants to the billing bucket and the worker role to the orders queue", async () => {
    const billing = await policyDoc("AccountantBillingReadOnly");
    const resources = billing.Statement.flatMap((s: { Resource: string | string[] }) => [s.Resource].flat());
    expect(resources.sort()).toEqual([
      "arn:aws:s3:::example-company-billing",
      "arn:aws:s3:::example-company-billing/*",
    ]);
    const actions = billing.Statement.flatMap((s: { Action: string[] }) => s.Action);
    expect(actions.every((a: string) => /^s3:(Get|List)/.test(a))).toBe(true);
    const inline = await iam.send(
      new GetRolePolicyCommand({ RoleName: "ec2-sqs-worker", PolicyName: "orders-queue-access" }),
    );
    const stmt = JSON.parse(decodeURIComponent(inline.PolicyDocument!)).Statement[0];
    expect(stmt.Action.sort()).toEqual([
      "sqs:DeleteMessage",
      "sqs:GetQueueAttributes",
      "sqs:ReceiveMessage",
      "sqs:SendMessage",
    ]);
    const ip = await iam.send(new GetInstanceProfileCommand({ InstanceProfileName: "ec2-sqs-worker" }));
    expect(ip.InstanceProfile!.Roles!.map((r) => r.RoleName)).toEqual(["ec2-sqs-worker"]);
  });
});

describe("org generator", () => {
  it("is deterministic per seed and realistic", async () => {
    const spec = { users: 60, groups: 8, policies: 20, seed: 7 };
    const a = await startSandbox({ seed: spec });
    const b = await startSandbox({ seed: spec });
    const strip = (s: string) =>
      s
        .replace(/"(created|updated|savedAt|passwordChanged)":("[^"]*"|\d+)/g, "")
        .replace(/"passwordHash":"[^"]*"/g, "");
    expect(strip(serializeState(a.admin.state()))).toBe(strip(serializeState(b.admin.state())));
    const state = a.admin.state();
    const users = [...state.users.values()];
    expect(users).toHaveLength(60);
    expect(users.every((u) => u.groups.length >= 1)).toBe(true);
    expect(users.some((u) => u.accessKeys.length > 0)).toBe(true);
    expect(users.some((u) => u.inline.size > 0)).toBe(true);
    expect([...state.groups.values()].every((g) => g.attached.length >= 1)).toBe(true);
    await a.close();
    await b.close();
  });
});
