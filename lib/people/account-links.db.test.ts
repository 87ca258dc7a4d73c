import {
  AddUserToGroupCommand,
  CreateAccessKeyCommand,
  CreateLoginProfileCommand,
  CreateUserCommand,
  GetUserCommand,
  TagUserCommand,
  type IAMClient,
} from "@aws-sdk/client-iam";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import {
  dismissAccountUserAction,
  linkAccountUserAction,
  unlinkAccountUserAction,
} from "@/app/(console)/people/account-link-actions";
import { verifyChain } from "@/lib/audit";
import type { Actor } from "@/lib/auth/session";
import { startSession } from "@/lib/auth/sessions";
import { organizationAdmin, sandboxForApp } from "@/lib/aws-accounts/testing";
import {
  approveRequest,
  createChangeRequest,
  getRequest,
  previewChangeRequest,
  startExecution,
} from "@/lib/changes";
import { EXAMPLE_ORG_ACCOUNTS, type Sandbox } from "@/lib/iam-sandbox";
import { setupAppDatabase } from "@/lib/test/app-db";
import { testDbKind } from "@/lib/test/db";
import { offboardTargets, offboardTargetsFor, personAccounts, type PersonAccount } from ".";

// People linked to IAM users across the sandbox's example-org, through the app's real path: the
// app signs as gatehouse-app in the management account and reads each member account through its
// GatehouseMember session. The actions are the real ones (defineAction: real members, sessions
// and role check); only next-auth's cookie read and revalidatePath are stubbed, as in
// lib/actions/define.test.ts. In staging, Jane has a user of another name, jane.doe, tagged
// gatehouse:employee with her email: suggested by the tag, linked by an operator, offboarded in
// one request with her production user — checked through staging's own IAM.

const cookie = vi.hoisted(() => ({ sid: null as string | null }));
vi.mock("next-auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next-auth")>()),
  getServerSession: async () => (cookie.sid ? { sid: cookie.sid } : null),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const MGMT = "123456789012";
const { production, staging, sandbox: sandboxAccount } = EXAMPLE_ORG_ACCOUNTS;
const NAMES: Record<string, string> = {
  [production]: "production",
  [staging]: "staging",
  [sandboxAccount]: "sandbox",
};

const operator: Actor = { id: "m-olga", email: "olga@example.com", name: "Olga Operator", role: "operator" };
const admin: Actor = { id: "m-ada", email: "ada@example.com", name: "Ada Admin", role: "admin" };
const auditor: Actor = { id: "m-al", email: "al@example.com", name: "Al Auditor", role: "auditor" };

const byName = (as: PersonAccount[]) => Object.fromEntries(as.map((a) => [a.account.name, a]));
const read = (a: PersonAccount | undefined) => {
  if (a?.state !== "read") throw new Error(`not read: ${JSON.stringify(a)}`);
  return a;
};

describe(`people linked to IAM users across accounts (${testDbKind()})`, () => {
  const t = setupAppDatabase();
  let sandbox: Sandbox;
  let inStaging: IAMClient;
  let inProduction: IAMClient;
  const sessions: Record<string, string> = {};
  const people: Record<"sally" | "jane" | "john", string> = { sally: "", jane: "", john: "" };

  beforeAll(async () => {
    sandbox = await sandboxForApp();
    await t.db.awsAccount.create({
      data: { id: MGMT, name: "Example Company", source: "home", status: "ok" },
    });
    for (const [id, name] of Object.entries(NAMES))
      await t.db.awsAccount.create({
        data: { id, name, source: "organizations", roleArn: `arn:aws:iam::${id}:role/GatehouseMember` },
      });
    for (const a of [operator, admin, auditor]) {
      await t.db.member.create({ data: { id: a.id, email: a.email, name: a.name, role: a.role } });
      sessions[a.role] = await startSession(a.id, { method: "credentials" });
    }
    people.sally = (
      await t.db.employee.create({
        data: { name: "Sally", email: "sally@example.com", iamUserName: "sally" },
      })
    ).id;
    people.jane = (
      await t.db.employee.create({ data: { name: "Jane", email: "jane@example.com", iamUserName: "jane" } })
    ).id;
    people.john = (
      await t.db.employee.create({ data: { name: "John", email: "john@example.com", iamUserName: "john" } })
    ).id;
    // Staging's administrator made Jane a user of another name, tagged with her email (in capitals:
    // the tag is compared ignoring case, as emails are).
    inStaging = (await organizationAdmin(sandbox, staging)).iam;
    inProduction = (await organizationAdmin(sandbox, production)).iam;
    await inStaging.send(
      new CreateUserCommand({
        UserName: "jane.doe",
        Tags: [{ Key: "gatehouse:employee", Value: "Jane@Example.com" }],
      }),
    );
    await inStaging.send(new CreateAccessKeyCommand({ UserName: "jane.doe" }));
    await inStaging.send(
      new CreateLoginProfileCommand({ UserName: "jane.doe", Password: "Correct-Horse-Battery-9" }),
    );
    const group = read(byName(await personAccounts(people.sally)).staging).suggestions[0].groups[0];
    await inStaging.send(new AddUserToGroupCommand({ UserName: "jane.doe", GroupName: group }));
  });
  afterAll(() => sandbox?.close());
  beforeEach(() => {
    cookie.sid = null;
  });

  const as = (role: "operator" | "auditor" | "admin") => (cookie.sid = sessions[role]);
  const links = () => t.db.personAccountLink.count();

  it("suggests each account's user of the person's name, and a user tagged with their email", async () => {
    const sally = byName(await personAccounts(people.sally));
    for (const name of ["production", "staging", "sandbox"])
      expect(read(sally[name]).suggestions, name).toEqual([
        expect.objectContaining({ userName: "sally", matchedBy: "user-name", linkedTo: null }),
      ]);
    const jane = byName(await personAccounts(people.jane));
    expect(read(jane.production).suggestions.map((s) => [s.userName, s.matchedBy])).toEqual([
      ["jane", "user-name"],
    ]);
    expect(read(jane.staging).suggestions).toEqual([
      expect.objectContaining({
        userName: "jane.doe",
        matchedBy: "tag",
        arn: `arn:aws:iam::${staging}:user/jane.doe`,
        linkedTo: null,
      }),
    ]);
    expect(read(jane.sandbox).suggestions).toEqual([]);
    expect(Object.keys(jane)).not.toContain("Example Company"); // the app's own: the employee's own link
  });

  it("refuses an auditor, and bad input, writing nothing", async () => {
    const input = { employeeId: people.jane, accountId: staging, userName: "jane.doe" };
    expect(await linkAccountUserAction(input)).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    as("auditor");
    expect(await linkAccountUserAction(input)).toMatchObject({
      ok: false,
      code: "FORBIDDEN",
      error: "This needs the operator role; you are auditor.",
    });
    expect(await unlinkAccountUserAction(input)).toMatchObject({ ok: false, code: "FORBIDDEN" });
    as("operator");
    expect(await linkAccountUserAction({ ...input, accountId: "2222" })).toMatchObject({
      ok: false,
      code: "INVALID_INPUT",
      fieldErrors: { accountId: ["An AWS account id is 12 digits"] },
    });
    expect(await links()).toBe(0);
    expect(await t.db.auditEvent.count({ where: { action: { startsWith: "people.account_" } } })).toBe(0);
  });

  it("links the tag-matched user of another name, audited; then it shows with its groups and keys", async () => {
    as("operator");
    expect(
      await linkAccountUserAction({ employeeId: people.jane, accountId: staging, userName: "jane.doe" }),
    ).toEqual({
      ok: true,
      data: { id: people.jane },
    });
    const row = await t.db.personAccountLink.findFirstOrThrow({});
    expect(row).toMatchObject({
      personId: people.jane,
      accountId: staging,
      userName: "jane.doe",
      matchedBy: "tag",
      confirmedBy: operator.email,
    });
    const entry = await t.db.auditEvent.findFirstOrThrow({ where: { action: "people.account_linked" } });
    expect(entry).toMatchObject({ actor: operator.email, target: "user/jane.doe" });
    expect(entry.data).toMatchObject({
      employee: "jane@example.com",
      accountId: staging,
      accountName: "staging",
      matchedBy: "tag",
    });

    const card = read(byName(await personAccounts(people.jane)).staging);
    expect(card.suggestions).toEqual([]);
    expect(card.linked).toEqual([
      expect.objectContaining({
        userName: "jane.doe",
        matchedBy: "tag",
        confirmedBy: operator.email,
        user: expect.objectContaining({
          arn: `arn:aws:iam::${staging}:user/jane.doe`,
          groups: [expect.any(String)],
          console: expect.objectContaining({ enabled: true }),
          accessKeys: [expect.objectContaining({ status: "Active", lastUsed: null })],
        }),
      }),
    ]);
  });

  it("refuses in words: a user linked to someone else, a second user in one account, a user that does not match", async () => {
    as("operator");
    const before = await links();
    expect(
      await linkAccountUserAction({ employeeId: people.sally, accountId: staging, userName: "JANE.DOE" }),
    ).toMatchObject({
      ok: false,
      error:
        "jane.doe in staging is already linked to Jane; an IAM user belongs to one person. Unlink it there first.",
      fieldErrors: {
        userName: [
          "jane.doe in staging is already linked to Jane; an IAM user belongs to one person. Unlink it there first.",
        ],
      },
    });
    expect(
      await linkAccountUserAction({ employeeId: people.jane, accountId: staging, userName: "sally" }),
    ).toMatchObject({
      ok: false,
      fieldErrors: { userName: [expect.stringMatching(/^Jane already has jane\.doe linked in staging/)] },
    });
    expect(
      await linkAccountUserAction({ employeeId: people.sally, accountId: production, userName: "john" }),
    ).toMatchObject({
      ok: false,
      fieldErrors: {
        userName: [
          "john in production is neither named sally nor tagged gatehouse:employee = sally@example.com; Gatehouse links only users that match the person.",
        ],
      },
    });
    expect(
      await linkAccountUserAction({ employeeId: people.sally, accountId: production, userName: "nobody" }),
    ).toMatchObject({
      ok: false,
      fieldErrors: { userName: ["There is no IAM user named nobody in production."] },
    });
    expect(
      await linkAccountUserAction({ employeeId: people.sally, accountId: MGMT, userName: "mary" }),
    ).toMatchObject({
      ok: false,
      fieldErrors: { accountId: [expect.stringMatching(/is Gatehouse's own account/)] },
    });
    expect(await links()).toBe(before);
    // Sally's view names whose jane.doe is... it does not match her, so it is not suggested at all;
    // John's user of his name in staging stays a suggestion for John only.
    expect(
      read(byName(await personAccounts(people.john)).staging).suggestions.map((s) => s.userName),
    ).toEqual(["john"]);
  });

  it("unlinks with an audit entry; IAM is not touched", async () => {
    as("operator");
    expect(
      (
        await linkAccountUserAction({
          employeeId: people.sally,
          accountId: sandboxAccount,
          userName: "sally",
        })
      ).ok,
    ).toBe(true);
    expect(
      await unlinkAccountUserAction({
        employeeId: people.sally,
        accountId: sandboxAccount,
        userName: "sally",
      }),
    ).toEqual({
      ok: true,
      data: { id: people.sally },
    });
    expect(await t.db.personAccountLink.count({ where: { personId: people.sally } })).toBe(0);
    const entry = await t.db.auditEvent.findFirstOrThrow({ where: { action: "people.account_unlinked" } });
    expect(entry).toMatchObject({ actor: operator.email, target: "user/sally" });
    expect(entry.data).toMatchObject({
      accountId: sandboxAccount,
      matchedBy: "user-name",
      confirmedBy: operator.email,
    });
    expect(
      await unlinkAccountUserAction({
        employeeId: people.sally,
        accountId: sandboxAccount,
        userName: "sally",
      }),
    ).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
      error: "sally in sandbox is not linked to Sally.",
    });
    expect(
      read(byName(await personAccounts(people.sally)).sandbox).suggestions.map((s) => s.userName),
    ).toEqual(["sally"]);
  });

  it("one click takes each person's own: a user of Sally's name linked to someone else stays out of her request", async () => {
    // In the sandbox account, "sally" is in fact Sal, a contractor without a user of Gatehouse's own
    // account: its tag says so, and an operator links it to him.
    const inSandbox = (await organizationAdmin(sandbox, sandboxAccount)).iam;
    await inSandbox.send(
      new TagUserCommand({
        UserName: "sally",
        Tags: [{ Key: "gatehouse:employee", Value: "sal@example.com" }],
      }),
    );
    const sal = (await t.db.employee.create({ data: { name: "Sal", email: "sal@example.com" } })).id;
    as("operator");
    expect(
      (await linkAccountUserAction({ employeeId: sal, accountId: sandboxAccount, userName: "sally" })).ok,
    ).toBe(true);
    const targets = await offboardTargetsFor([people.sally, sal, people.john]);
    expect(targets.get(people.sally)).toEqual({
      userName: "sally",
      accounts: [MGMT, production, staging].sort(),
    });
    expect(targets.get(sal)).toEqual({
      userName: "sally",
      users: [{ accountId: sandboxAccount, userName: "sally" }],
    });
    expect(targets.get(people.john)).toEqual({
      userName: "john",
      accounts: [MGMT, production, staging, sandboxAccount].sort(),
    });
    // Sally's card shows the sandbox's sally as Sal's, without Link.
    expect(read(byName(await personAccounts(people.sally)).sandbox).suggestions).toEqual([
      expect.objectContaining({ userName: "sally", linkedTo: { id: sal, name: "Sal" } }),
    ]);
    const sallys = await previewChangeRequest("user.offboard", {
      ...targets.get(people.sally)!,
      employeeId: people.sally,
    });
    expect(new Set(sallys.steps.map((s) => s.accountId))).toEqual(new Set([production, staging]));
    // Sal, whose only user is elsewhere, is offboarded from there alone.
    const sals = await previewChangeRequest("user.offboard", { ...targets.get(sal)!, employeeId: sal });
    expect(new Set(sals.steps.map((s) => s.accountId))).toEqual(new Set([sandboxAccount]));
    // Asking for the sandbox's sally as Sally's is refused.
    await expect(
      previewChangeRequest("user.offboard", {
        userName: "sally",
        employeeId: people.sally,
        accounts: [sandboxAccount],
      }),
    ).rejects.toThrow(
      "sally in account 333333333333 is linked to Sal, not to Sally; it is not offboarded with them.",
    );
  });

  it("dismisses a suggestion, audited: not suggested again, left out of one-click offboarding, still linkable", async () => {
    const input = { employeeId: people.john, accountId: staging, userName: "john" };
    as("auditor");
    expect(await dismissAccountUserAction(input)).toMatchObject({ ok: false, code: "FORBIDDEN" });
    as("operator");
    expect(await dismissAccountUserAction(input)).toEqual({ ok: true, data: { id: people.john } });
    expect(await dismissAccountUserAction(input)).toEqual({ ok: true, data: { id: people.john } }); // once
    expect(await t.db.auditEvent.count({ where: { action: "people.suggestion_dismissed" } })).toBe(1);
    const card = read(byName(await personAccounts(people.john)).staging);
    expect(card.suggestions).toEqual([]);
    expect(card.dismissed).toEqual([
      expect.objectContaining({ userName: "john", dismissedBy: operator.email }),
    ]);
    expect((await offboardTargets(people.john))?.accounts).toEqual([MGMT, production, sandboxAccount].sort());
    // Linked after all: the dismissal goes, and offboarding takes it as the linked user.
    expect((await linkAccountUserAction(input)).ok).toBe(true);
    expect(await t.db.personAccountDismissal.count()).toBe(0);
    expect(await offboardTargets(people.john)).toEqual({
      userName: "john",
      accounts: [MGMT, production, sandboxAccount].sort(),
      users: [{ accountId: staging, userName: "john" }],
    });
    expect(await dismissAccountUserAction(input)).toMatchObject({
      ok: false,
      error: "john in staging is linked to John: unlink it instead.",
    });
  });

  it("offboarding refuses a user linked to someone else", async () => {
    await expect(
      previewChangeRequest("user.offboard", {
        userName: "sally",
        employeeId: people.sally,
        users: [{ accountId: staging, userName: "jane.doe" }],
      }),
    ).rejects.toThrow(
      "jane.doe in account 222222222222 is linked to Jane, not to Sally; it is not offboarded with them.",
    );
  });

  it(
    "one request offboards Jane's production user and her tag-linked jane.doe in staging, a key made meanwhile included",
    { timeout: 90_000 },
    async () => {
      const targets = await offboardTargets(people.jane);
      expect(targets).toEqual({
        userName: "jane",
        accounts: [MGMT, production, sandboxAccount].sort(),
        users: [{ accountId: staging, userName: "jane.doe" }],
      });
      const r = await createChangeRequest("user.offboard", { ...targets, employeeId: people.jane }, operator);
      expect(r.summary).toBe(
        "Offboard Jane (jane) from 2 accounts, as jane.doe in 222222222222: lock out and delete the user",
      );
      const staged = r.steps.filter((s) => s.accountId === staging);
      expect(staged.length).toBeGreaterThan(3);
      expect(staged.every((s) => s.params.userName === undefined || s.params.userName === "jane.doe")).toBe(
        true,
      );
      await approveRequest(r.id, r.planHash, admin);
      // After approval, someone gives jane.doe a new key: DeleteUser meets it, the re-plan reads
      // staging's jane.doe (not "jane") and removes it too.
      await inStaging.send(new CreateAccessKeyCommand({ UserName: "jane.doe" }));
      const { finished } = await startExecution(r.id, admin);
      expect(await finished).toBe("succeeded");
      const after = (await getRequest(r.id))!;
      expect(new Set(after.steps.map((s) => s.accountId))).toEqual(new Set([production, staging]));
      expect(after.steps.find((s) => s.accountId === staging && s.op === "VerifyUserGone")).toMatchObject({
        op: "VerifyUserGone",
        params: { userName: "jane.doe" },
        result: expect.objectContaining({ verified: true, getUser: "NoSuchEntity" }),
      });
      expect(
        await t.db.auditEvent.count({ where: { requestId: r.id, action: "request.replanned_on_conflict" } }),
      ).toBe(1);
      // The re-plan's steps act on staging's jane.doe.
      const added = after.steps.filter((s) => s.order > r.steps.length);
      expect(added.length).toBeGreaterThan(0);
      expect(added.every((s) => s.accountId === staging && s.params.userName === "jane.doe")).toBe(true);
      // Checked through each member account's own IAM (its administrator's session).
      await expect(inStaging.send(new GetUserCommand({ UserName: "jane.doe" }))).rejects.toMatchObject({
        name: "NoSuchEntityException",
      });
      await expect(inProduction.send(new GetUserCommand({ UserName: "jane" }))).rejects.toMatchObject({
        name: "NoSuchEntityException",
      });
      // Nobody else's user went with her.
      await expect(inStaging.send(new GetUserCommand({ UserName: "sally" }))).resolves.toBeTruthy();
      expect((await t.db.employee.findUniqueOrThrow({ where: { id: people.jane } })).status).toBe(
        "offboarded",
      );
      const done = await t.db.auditEvent.findFirstOrThrow({
        where: { requestId: r.id, action: "people.offboarded" },
      });
      expect(
        (done.data as { accounts: { accountId: string; existed: { userName: string } | null }[] }).accounts,
      ).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            accountId: staging,
            existed: expect.objectContaining({ userName: "jane.doe" }),
          }),
          expect.objectContaining({
            accountId: production,
            existed: expect.objectContaining({ userName: "jane" }),
          }),
        ]),
      );
      expect(await verifyChain()).toMatchObject({ ok: true });
    },
  );

  it("an account that cannot be read says why, and the others are still shown", async () => {
    await t.db.awsAccount.create({
      data: {
        id: "444444444444",
        name: "elsewhere",
        source: "manual",
        roleArn: "arn:aws:iam::444444444444:role/GatehouseMember",
      },
    });
    const sally = byName(await personAccounts(people.sally));
    expect(sally.elsewhere).toMatchObject({
      state: "unreachable",
      problem: expect.stringMatching(
        /^Gatehouse may not assume arn:aws:iam::444444444444:role\/GatehouseMember/,
      ),
    });
    expect(read(sally.production).suggestions.map((s) => s.userName)).toEqual(["sally"]);
  });
});
