import { readFileSync, existsSync } from "node:fs";
import { CreateUserCommand, ListAccessKeysCommand, GetLoginProfileCommand } from "@aws-sdk/client-iam";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { sqliteFilePath } from "@/lib/db";
import { testDbKind } from "@/lib/test/db";
import {
  approveRequest,
  createChangeRequest,
  credentialsNotHandedOver,
  executeRequest,
  getRequest,
  markHandedOver,
  reissueCredentials,
  type RevealedSecret,
} from "./index";
import { ada, bob, requester, setupHarness } from "./testing/harness";

describe(`secrets are shown once and never at rest (${testDbKind()})`, () => {
  const h = setupHarness();
  const printed: string[] = [];

  /** A new IAM user, and a request to issue it the credentials named. */
  async function issueCredentialsTo(userName: string, what: { console?: boolean; accessKey?: boolean }) {
    await h.root.iam.send(new CreateUserCommand({ UserName: userName }));
    return createChangeRequest("user.issue-credentials", { userName, ...what }, requester);
  }

  // Everything the process prints while the secrets exist: console, stdout, stderr.
  beforeEach(() => {
    for (const stream of [process.stdout, process.stderr]) {
      const original = stream.write.bind(stream);
      vi.spyOn(stream, "write").mockImplementation((chunk: string | Uint8Array, ...rest: unknown[]) => {
        printed.push(String(chunk));
        return (original as (c: string | Uint8Array, ...r: unknown[]) => boolean)(chunk, ...rest);
      });
    }
  });
  afterEach(() => vi.restoreAllMocks());

  async function everythingStored(): Promise<string[]> {
    const d = h.t.db;
    const tables = await Promise.all([
      d.changeRequest.findMany(),
      d.changeStep.findMany(),
      d.approval.findMany(),
      d.auditEvent.findMany(),
      d.setting.findMany(),
    ]);
    const haystacks = [JSON.stringify(tables), ...h.logLines, ...printed];
    if (testDbKind() === "sqlite") {
      const file = sqliteFilePath(h.t.url);
      for (const f of [file, `${file}-wal`, `${file}-journal`])
        if (existsSync(f)) haystacks.push(readFileSync(f).toString("latin1"));
    }
    return haystacks;
  }

  it("returns a new password and access key to the executor only", async () => {
    const r = await issueCredentialsTo("newhire", { console: true, accessKey: true });
    expect(r.steps.map((s) => [s.op, s.producesSecret])).toEqual([
      ["CreateLoginProfile", true],
      ["CreateAccessKey", true],
    ]);
    await approveRequest(r.id, r.planHash, ada);
    const { request, secrets } = await executeRequest(r.id, ada);
    expect(request.status).toBe("succeeded");

    const password = secrets.find(
      (s): s is Extract<RevealedSecret, { kind: "password" }> => s.kind === "password",
    );
    const key = secrets.find(
      (s): s is Extract<RevealedSecret, { kind: "accessKey" }> => s.kind === "accessKey",
    );
    expect(password).toMatchObject({ userName: "newhire", password: expect.stringMatching(/^.{20,}$/) });
    expect(key).toMatchObject({
      userName: "newhire",
      accessKeyId: expect.stringMatching(/^AKIA/),
      secretAccessKey: expect.stringMatching(/^.{40}$/),
    });

    // They are real: IAM has the key (with that secret) and a login profile that must be reset.
    const keys = await h.clients.iam.send(new ListAccessKeysCommand({ UserName: "newhire" }));
    expect(keys.AccessKeyMetadata?.map((k) => k.AccessKeyId)).toEqual([key!.accessKeyId]);
    expect(h.sandbox.admin.state().users.get("newhire")?.accessKeys[0].secret).toBe(key!.secretAccessKey);
    expect(
      (await h.clients.iam.send(new GetLoginProfileCommand({ UserName: "newhire" }))).LoginProfile
        ?.PasswordResetRequired,
    ).toBe(true);

    // The non-secret part (the key id) is kept; the secrets are nowhere.
    expect(request.steps[1].result).toMatchObject({ accessKeyId: key!.accessKeyId });
    const stored = await everythingStored();
    expect(stored.some((s) => s.includes(key!.accessKeyId))).toBe(true); // the search does find what is there
    for (const secret of [password!.password, key!.secretAccessKey]) {
      expect(stored.filter((s) => s.includes(secret))).toEqual([]);
    }
    expect(await h.t.db.auditEvent.count({ where: { requestId: r.id, action: "step.done" } })).toBe(2);
  });

  it("marks credentials handed over only for a request that issued them, by the admin who received them (issue 12 #12)", async () => {
    const r = await issueCredentialsTo("handover", { accessKey: true });
    await approveRequest(r.id, r.planHash, ada);
    const { request } = await executeRequest(r.id, ada);
    expect(credentialsNotHandedOver(request.steps)).toEqual(["handover"]);
    const before = await h.t.db.auditEvent.count({ where: { action: "credentials.handed_over" } });

    await expect(markHandedOver("no-such-request", "handover", ada)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(markHandedOver(r.id, "someone-else", ada)).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(markHandedOver(r.id, "handover", bob)).rejects.toMatchObject({ code: "FORBIDDEN" });
    const noSecrets = await createChangeRequest(
      "group.add-member",
      { userName: "handover", groupName: "DevOps" },
      requester,
    );
    await approveRequest(noSecrets.id, noSecrets.planHash, ada);
    await executeRequest(noSecrets.id, ada);
    await expect(markHandedOver(noSecrets.id, "handover", ada)).rejects.toMatchObject({
      code: "INVALID_INPUT",
    });
    expect(await h.t.db.auditEvent.count({ where: { action: "credentials.handed_over" } })).toBe(before);

    await markHandedOver(r.id, "handover", ada);
    expect(credentialsNotHandedOver((await getRequest(r.id))!.steps)).toEqual([]);
    expect(
      await h.t.db.auditEvent.count({
        where: { action: "credentials.handed_over", requestId: r.id, actor: ada.email },
      }),
    ).toBe(1);
  });

  it("re-issues credentials never marked handed over, explicitly and audited: the old ones stop working (issue 12 #15)", async () => {
    const r = await issueCredentialsTo("lost", { console: true, accessKey: true });
    await approveRequest(r.id, r.planHash, ada);
    // Ada's tab closed before the response arrived: the secrets went nowhere and nobody marked them.
    const first = await executeRequest(r.id, ada);
    const oldKey = first.secrets.find((s) => s.kind === "accessKey")!;
    const user = () => h.sandbox.admin.state().users.get("lost")!;
    const oldPasswordHash = user().loginProfile!.passwordHash;
    expect((await getRequest(r.id))!.credentialsNotHandedOver).toEqual(["lost"]);

    const again = await reissueCredentials(r.id, bob);
    expect(again.request.status).toBe("succeeded");
    const newKey = again.secrets.find((s) => s.kind === "accessKey")!;
    expect(again.secrets.map((s) => s.kind).sort()).toEqual(["accessKey", "password"]);
    expect(newKey.accessKeyId).not.toBe(oldKey.accessKeyId);
    // Exactly one key: the old one is deleted, not merely forgotten; the password was replaced.
    const keys = await h.clients.iam.send(new ListAccessKeysCommand({ UserName: "lost" }));
    expect(keys.AccessKeyMetadata?.map((k) => k.AccessKeyId)).toEqual([newKey.accessKeyId]);
    expect(user().loginProfile!.passwordHash).not.toBe(oldPasswordHash);
    expect(
      await h.t.db.auditEvent.count({
        where: { requestId: r.id, action: "secret.reissued", actor: bob.email },
      }),
    ).toBe(2);
    expect(
      await h.t.db.auditEvent.count({
        where: { requestId: r.id, action: "credentials.reissue_requested", actor: bob.email },
      }),
    ).toBe(1);

    // The new ones belong to Bob, who received them; once marked, there is nothing to re-issue.
    expect((await getRequest(r.id))!.credentialsNotHandedOver).toEqual(["lost"]);
    await expect(markHandedOver(r.id, "lost", ada)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await markHandedOver(r.id, "lost", bob);
    await expect(reissueCredentials(r.id, bob)).rejects.toMatchObject({ code: "CONFLICT" });
    const stored = await everythingStored();
    for (const secret of [newKey.secretAccessKey, again.secrets.find((s) => s.kind === "password")!.password])
      expect(stored.filter((x) => x.includes(secret))).toEqual([]);
  });
});
