import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  CreateVirtualMFADeviceCommand,
  EnableMFADeviceCommand,
  ListMFADevicesCommand,
  ListUsersCommand,
  PutUserPolicyCommand,
} from "@aws-sdk/client-iam";
import { GetSessionTokenCommand } from "@aws-sdk/client-sts";
import { generateSync } from "otplib";
import { describe, expect, it } from "vitest";
import { approveRequest, createChangeRequest, executeRequest } from "@/lib/changes";
import { ada, requester, setupHarness } from "@/lib/changes/testing/harness";
import { createIamClients } from "@/lib/iam";
import { createJobRole } from "@/lib/job-roles";
import { requireMfaTemplate } from "@/lib/templates";
import { testDbKind } from "@/lib/test/db";
import { keyPolicySchema } from "./review.schema";
import {
  DEFAULT_KEY_POLICY,
  consoleUsersWithoutMfa,
  getKeyPolicy,
  keyProposals,
  latestSnapshot,
  mfaStatus,
  runSync,
  setKeyPolicy,
} from "./index";

// Credential hygiene against the sandbox: the review's MFA flag, the Require MFA policy as a job
// role's option and on one user (and that the sandbox's authorizer enforces it), and the key
// policy's proposals from a real sync, with the clock moved forward instead of waiting 90 days.
describe(`credential hygiene (${testDbKind()})`, () => {
  const h = setupHarness();
  const sync = () => runSync({ iam: h.clients.iam, sts: h.clients.sts, source: "sandbox" });
  const run = async (kind: string, input: unknown) => {
    const request = await createChangeRequest(kind, input, requester);
    await approveRequest(request.id, request.planHash, ada);
    return (await executeRequest(request.id, ada)).request;
  };
  const DAY = 86_400_000;

  it(
    "flags console users without MFA; Require MFA on a job role attaches the template's policy",
    { timeout: 60_000 },
    async () => {
      await sync();
      const before = (await latestSnapshot())!.state;
      const flagged = consoleUsersWithoutMfa(before).map((u) => u.userName);
      expect(flagged).toEqual(expect.arrayContaining(["sally", "john", "mary"]));
      expect(flagged).not.toContain("jane"); // programmatic only: no console to protect

      await createJobRole({
        name: "DevOps",
        groupName: "DevOps",
        description: "",
        templates: [],
        managedPolicyArns: [],
        console: true,
        programmatic: true,
      });
      // Without the template there is nothing to publish: a clear refusal, nothing stored.
      await expect(
        createChangeRequest("jobrole.require-mfa", { jobRole: "DevOps", require: true }, requester),
      ).rejects.toThrow(/template does not exist/);
      await requireMfaTemplate(requester);
      const on = await run("jobrole.require-mfa", { jobRole: "DevOps", require: true });
      expect(on.status).toBe("succeeded");
      expect(on.steps.map((s) => s.op)).toEqual(["CreatePolicy", "AttachGroupPolicy"]);
      const template = await h.t.db.policyTemplate.findUnique({
        where: { name: "GatehouseRequireMFA" },
        include: { versions: true },
      });
      expect(template!.policyArn).toBe("arn:aws:iam::123456789012:policy/GatehouseRequireMFA");
      expect(template!.versions[0].publishedAt).not.toBeNull();

      // The re-read after the request: Sally (DevOps) is now required, still without a device.
      const after = (await latestSnapshot())!.state;
      const sally = after.users.find((u) => u.name === "sally")!;
      expect(mfaStatus(after, sally)).toEqual({ console: true, mfaActive: false, mfaRequired: true });
      expect(
        mfaStatus(
          after,
          after.users.find((u) => u.name === "john")!,
        ).mfaRequired,
      ).toBe(false);

      // Asking again plans nothing; turning the option off detaches it (the policy stays published).
      expect(
        (await createChangeRequest("jobrole.require-mfa", { jobRole: "DevOps", require: true }, requester))
          .steps,
      ).toEqual([]);
      const off = await run("jobrole.require-mfa", { jobRole: "DevOps", require: false });
      expect(off.steps.map((s) => s.op)).toEqual(["DetachGroupPolicy"]);
      await expect(
        createChangeRequest("jobrole.require-mfa", { jobRole: "Nobody", require: true }, requester),
      ).rejects.toThrow("There is no job role named Nobody.");
    },
  );

  it(
    "the sandbox enforces it: a key without MFA is denied, its own MFA devices readable, an MFA session allowed",
    { timeout: 60_000 },
    async () => {
      await h.root.iam.send(new CreateUserCommand({ UserName: "kim" }));
      const list = JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: "iam:ListUsers", Resource: "*" }],
      });
      await h.root.iam.send(
        new PutUserPolicyCommand({ UserName: "kim", PolicyName: "list", PolicyDocument: list }),
      );
      const { AccessKey: k } = await h.root.iam.send(new CreateAccessKeyCommand({ UserName: "kim" }));
      const endpoint = { mode: "sandbox" as const, endpoint: h.sandbox.url, maxAttempts: 1 };
      const kim = createIamClients({
        ...endpoint,
        credentials: { accessKeyId: k!.AccessKeyId!, secretAccessKey: k!.SecretAccessKey! },
      });
      expect((await kim.iam.send(new ListUsersCommand({}))).Users!.length).toBeGreaterThan(0);

      await requireMfaTemplate(requester);
      const required = await run("user.require-mfa", { userName: "kim" });
      expect(required.status).toBe("succeeded");
      // Published by the first test when run with it; alone, this request publishes it first.
      expect(required.steps.at(-1)!.op).toBe("AttachUserPolicy");

      await expect(kim.iam.send(new ListUsersCommand({}))).rejects.toMatchObject({ name: "AccessDenied" });
      expect((await kim.iam.send(new ListMFADevicesCommand({ UserName: "kim" }))).MFADevices).toEqual([]);

      // Kim sets up her device (the policy lets her) and signs her calls with an MFA session.
      const d = await kim.iam.send(new CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: "kim" }));
      const seed = Buffer.from(d.VirtualMFADevice!.Base32StringSeed!).toString("ascii");
      const first = Math.floor(Date.now() / 30_000) - 1;
      const code = (n: number) => generateSync({ secret: seed, epoch: (first + n) * 30 });
      const serial = d.VirtualMFADevice!.SerialNumber!;
      await kim.iam.send(
        new EnableMFADeviceCommand({
          UserName: "kim",
          SerialNumber: serial,
          AuthenticationCode1: code(0),
          AuthenticationCode2: code(1),
        }),
      );
      const { Credentials: c } = await kim.sts.send(
        new GetSessionTokenCommand({ SerialNumber: serial, TokenCode: code(1) }),
      );
      const withMfa = createIamClients({
        ...endpoint,
        credentials: {
          accessKeyId: c!.AccessKeyId!,
          secretAccessKey: c!.SecretAccessKey!,
          sessionToken: c!.SessionToken!,
        },
      });
      expect((await withMfa.iam.send(new ListUsersCommand({}))).Users!.length).toBeGreaterThan(0);
    },
  );

  it(
    "key policy: audited thresholds, bad values refused, proposals from the snapshot",
    { timeout: 60_000 },
    async () => {
      expect(await getKeyPolicy()).toEqual(DEFAULT_KEY_POLICY);
      expect(keyPolicySchema.safeParse({ maxAgeDays: -1, maxUnusedDays: 5 }).success).toBe(false);
      expect(keyPolicySchema.safeParse({ maxAgeDays: 1.5, maxUnusedDays: 5 }).success).toBe(false);
      await setKeyPolicy({ maxAgeDays: 90, maxUnusedDays: 30 }, ada.email);
      expect(await getKeyPolicy()).toEqual({ maxAgeDays: 90, maxUnusedDays: 30 });
      const entry = await h.t.db.auditEvent.findFirst({
        where: { action: "settings.updated", target: "settings/credentials" },
      });
      expect(entry!.actor).toBe(ada.email);

      // Two keys of a new user: one used (signed a call), one never.
      await h.root.iam.send(new CreateUserCommand({ UserName: "lee" }));
      const used = (await h.root.iam.send(new CreateAccessKeyCommand({ UserName: "lee" }))).AccessKey!;
      const idle = (await h.root.iam.send(new CreateAccessKeyCommand({ UserName: "lee" }))).AccessKey!;
      const lee = createIamClients({
        mode: "sandbox",
        endpoint: h.sandbox.url,
        credentials: { accessKeyId: used.AccessKeyId!, secretAccessKey: used.SecretAccessKey! },
      });
      await lee.sts.send(new (await import("@aws-sdk/client-sts")).GetCallerIdentityCommand({}));
      await sync();
      const state = (await latestSnapshot())!.state;
      const mine = (now: number, policy = { maxAgeDays: 90, maxUnusedDays: 30 }) =>
        keyProposals(state, policy, now).filter((p) => p.userName === "lee");

      // Today nothing breaks the policy.
      expect(mine(Date.now())).toEqual([]);
      // 40 days on, the idle key is unused past 30 days: removal. The used one was used 40 days ago too.
      const in40 = mine(Date.now() + 40 * DAY);
      expect(in40.map((p) => [p.accessKeyId, p.kind])).toEqual(
        expect.arrayContaining([
          [idle.AccessKeyId, "remove"],
          [used.AccessKeyId, "remove"],
        ]),
      );
      expect(in40.find((p) => p.accessKeyId === idle.AccessKeyId)!.reasons[0]).toMatch(
        /^never used in 40 days/,
      );
      // With the unused limit off, 100 days on both are too old: rotation, offered as deactivation for now.
      const in100 = mine(Date.now() + 100 * DAY, { maxAgeDays: 90, maxUnusedDays: 0 });
      expect(in100.map((p) => p.kind)).toEqual(["rotate", "rotate"]);
      expect(in100[0].request).toEqual({
        kind: "user.retire-key",
        input: { userName: "lee", accessKeyId: in100[0].accessKeyId, action: "deactivate" },
      });
      // Both limits off: nothing is ever proposed.
      expect(mine(Date.now() + 1000 * DAY, { maxAgeDays: 0, maxUnusedDays: 0 })).toEqual([]);

      // The proposals' requests run: the idle key deleted, the used one deactivated.
      for (const p of in40.filter((x) => x.accessKeyId === idle.AccessKeyId))
        expect((await run(p.request.kind, p.request.input)).status).toBe("succeeded");
      const deactivate = in100.find((p) => p.accessKeyId === used.AccessKeyId)!.request;
      expect((await run(deactivate.kind, deactivate.input)).steps.map((s) => s.op)).toEqual([
        "UpdateAccessKey",
      ]);
      const keys = (await latestSnapshot())!.state.users.find((u) => u.name === "lee")!.accessKeys;
      expect(keys.map((k) => [k.id, k.active])).toEqual([[used.AccessKeyId, false]]);
      // A key that is gone is refused with a field error, nothing requested.
      await expect(
        createChangeRequest(
          "user.retire-key",
          { userName: "lee", accessKeyId: idle.AccessKeyId, action: "delete" },
          requester,
        ),
      ).rejects.toThrow(`lee has no access key ${idle.AccessKeyId}.`);
    },
  );

  it(
    "a key known only from the credential report (no id) is requested by its creation time",
    { timeout: 60_000 },
    async () => {
      await h.root.iam.send(new CreateUserCommand({ UserName: "max" }));
      const key = (await h.root.iam.send(new CreateAccessKeyCommand({ UserName: "max" }))).AccessKey!;
      await sync();
      const state = (await latestSnapshot())!.state;
      // As the first sync sees everyone: the report's keys, without ids.
      const reportOnly = {
        users: state.users.map((u) => ({
          ...u,
          accessKeys: u.accessKeys.map((k) => ({ ...k, id: undefined })),
        })),
      };
      const [p] = keyProposals(
        reportOnly,
        { maxAgeDays: 0, maxUnusedDays: 30 },
        Date.now() + 40 * DAY,
      ).filter((x) => x.userName === "max");
      expect(p.accessKeyId).toBeNull();
      expect(p.request.input).toEqual({ userName: "max", created: p.created, action: "delete" });
      const planned = await createChangeRequest(p.request.kind, p.request.input, requester);
      expect(planned.steps.map((s) => s.params)).toEqual([{ userName: "max", accessKeyId: key.AccessKeyId }]);
      expect(planned.summary).toBe(`Delete access key ${key.AccessKeyId} of max`);
      await expect(
        createChangeRequest(
          "user.retire-key",
          { userName: "max", created: "2001-01-01T00:00:00Z", action: "delete" },
          requester,
        ),
      ).rejects.toThrow("max has no access key created 2001-01-01T00:00:00Z.");
    },
  );
});
