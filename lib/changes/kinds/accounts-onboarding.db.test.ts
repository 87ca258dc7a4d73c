import {
  GetGroupCommand,
  GetLoginProfileCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetUserCommand,
  ListAccessKeysCommand,
  ListAttachedGroupPoliciesCommand,
  ListGroupsForUserCommand,
  type IAMClient,
} from "@aws-sdk/client-iam";
import { beforeAll, describe, expect, it } from "vitest";
import { deleteRole, organizationAdmin, restoreRole } from "@/lib/aws-accounts/testing";
import { db } from "@/lib/db";
import { defaultAccounts } from "@/lib/job-roles/shared";
import { createJobRole, listJobRoles } from "@/lib/job-roles";
import { testDbKind } from "@/lib/test/db";
import { saveTemplateVersion } from "@/lib/templates";
import {
  approveRequest,
  createChangeRequest,
  executeRequest,
  getRequest,
  previewChangeRequest,
  retryRequest,
} from "../index";
import { ada, bob, requester } from "../testing/harness";
import {
  MGMT,
  memberRole,
  missing,
  PRODUCTION,
  SANDBOX,
  setupOrganizationHarness,
  STAGING,
} from "../testing/organization";

// Job roles and onboarding across the accounts of the sandbox's example-org: the app signs as
// gatehouse-app in the management account and reaches production and staging through their
// GatehouseMember roles (AwsAccount rows, as discovery makes them). What each account holds
// afterwards is read with an administrator's session there (OrganizationAccountAccessRole), not
// through Gatehouse.

const { h, admin, run } = setupOrganizationHarness(organizationAdmin);

beforeAll(async () => {
  // An account Gatehouse managed once: naming it is refused like an unknown one.
  await h.t.db.awsAccount.create({
    data: {
      id: "555555555555",
      name: "old",
      source: "manual",
      roleArn: memberRole("555555555555"),
      removedAt: new Date(),
    },
  });
});

const doc = (version: string) =>
  JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      { Effect: "Allow", Action: ["s3:GetObject"], Resource: `arn:aws:s3:::analytics/${version}/*` },
      // The app's own account's queue and bucket (whose name embeds the account): in each other
      // account, that account's.
      { Effect: "Allow", Action: ["sqs:SendMessage"], Resource: `arn:aws:sqs:us-east-1:${MGMT}:analytics` },
      { Effect: "Allow", Action: ["s3:PutObject"], Resource: `arn:aws:s3:::exports-${MGMT}/*` },
    ],
  });

/** The queue and bucket the default version of AnalyticsRead names in an account. */
async function resourcesIn(iam: IAMClient, id: string): Promise<string> {
  const PolicyArn = `arn:aws:iam::${id}:policy/AnalyticsRead`;
  const { Policy } = await iam.send(new GetPolicyCommand({ PolicyArn }));
  const { PolicyVersion } = await iam.send(
    new GetPolicyVersionCommand({ PolicyArn, VersionId: Policy!.DefaultVersionId }),
  );
  const document = JSON.parse(decodeURIComponent(PolicyVersion!.Document!)) as {
    Statement: { Resource: string }[];
  };
  return document.Statement.slice(1)
    .map((st) => st.Resource)
    .join(" ");
}

describe(`job roles across accounts (${testDbKind()})`, () => {
  it(
    "a job role in production and staging creates its group in both, its template copied there",
    { timeout: 60_000 },
    async () => {
      await saveTemplateVersion(
        {
          name: "AnalyticsRead",
          description: "Analytics",
          parameters: [],
          document: doc("v1"),
          acknowledgeWarnings: true,
        },
        requester,
      );
      // No job role uses it yet: published in the app's own account only, as before.
      const first = await run("template.publish", { name: "AnalyticsRead", version: 1 });
      expect(first.request.steps.map((s) => [s.op, s.accountId])).toEqual([["CreatePolicy", null]]);

      const { request } = await run("group.create", {
        jobRole: "Data analyst",
        groupName: "DataAnalysts",
        templates: ["AnalyticsRead"],
        console: true,
        accounts: [STAGING, PRODUCTION],
      });
      expect(request.status).toBe("succeeded");
      expect(request.summary).toBe("Create job role Data analyst (group DataAnalysts) in 2 accounts");
      // Sorted by account id: production first. Each account's steps depend only on its own.
      expect(request.steps.map((s) => [s.accountId, s.op, s.dependsOn])).toEqual([
        [PRODUCTION, "CreateGroup", []],
        [PRODUCTION, "CreatePolicy", []],
        [PRODUCTION, "AttachGroupPolicy", [1, 2]],
        [STAGING, "CreateGroup", []],
        [STAGING, "CreatePolicy", []],
        [STAGING, "AttachGroupPolicy", [4, 5]],
      ]);
      expect(request.steps[0].title).toBe("production (111111111111): Create group DataAnalysts");
      expect(request.steps[3].title.startsWith("staging (222222222222): ")).toBe(true);

      for (const id of [PRODUCTION, STAGING]) {
        await expect(
          admin[id].send(new GetGroupCommand({ GroupName: "DataAnalysts" })),
        ).resolves.toBeTruthy();
        const attached = await admin[id].send(
          new ListAttachedGroupPoliciesCommand({ GroupName: "DataAnalysts" }),
        );
        expect(attached.AttachedPolicies?.map((p) => p.PolicyArn)).toEqual([
          `arn:aws:iam::${id}:policy/AnalyticsRead`,
        ]);
        expect(await resourcesIn(admin[id], id)).toBe(
          `arn:aws:sqs:us-east-1:${id}:analytics arn:aws:s3:::exports-${id}/*`,
        );
      }
      await missing(admin[SANDBOX].send(new GetGroupCommand({ GroupName: "DataAnalysts" })));
      await missing(h.clients.iam.send(new GetGroupCommand({ GroupName: "DataAnalysts" })));
      expect((await listJobRoles()).find((r) => r.name === "Data analyst")?.accounts).toEqual([
        PRODUCTION,
        STAGING,
      ]);
    },
  );

  it("publishing a template publishes it in each account of each job role using it", async () => {
    await saveTemplateVersion(
      {
        name: "AnalyticsRead",
        description: "Analytics",
        parameters: [],
        document: doc("v2"),
        acknowledgeWarnings: true,
      },
      requester,
    );
    const { request } = await run("template.publish", { name: "AnalyticsRead", version: 2 });
    expect(request.status).toBe("succeeded");
    expect(request.steps.map((s) => [s.accountId, s.op])).toEqual([
      [null, "CreatePolicyVersion"],
      [PRODUCTION, "CreatePolicyVersion"],
      [STAGING, "CreatePolicyVersion"],
    ]);
    expect(request.steps[1].title.startsWith("production (111111111111): ")).toBe(true);
    // The app's own account's step is labelled too, by its name and id, once other accounts are named.
    expect(request.steps[0].title.startsWith("Example Company (123456789012): ")).toBe(true);
    for (const id of [PRODUCTION, STAGING])
      expect(
        (await admin[id].send(new GetPolicyCommand({ PolicyArn: `arn:aws:iam::${id}:policy/AnalyticsRead` })))
          .Policy?.DefaultVersionId,
      ).toBe("v2");
    for (const id of [PRODUCTION, STAGING])
      expect(await resourcesIn(admin[id], id)).toBe(
        `arn:aws:sqs:us-east-1:${id}:analytics arn:aws:s3:::exports-${id}/*`,
      );
    expect(await resourcesIn(h.clients.iam, MGMT)).toBe(
      `arn:aws:sqs:us-east-1:${MGMT}:analytics arn:aws:s3:::exports-${MGMT}/*`,
    );
    // The version recorded is the app's own account's.
    const v2 = await db().policyTemplateVersion.findFirstOrThrow({
      where: { template: { name: "AnalyticsRead" }, number: 2 },
    });
    expect(v2.iamVersionId).toBe("v2");
  });

  it("publishing leaves an account Gatehouse no longer manages alone, and says which group is missing", async () => {
    // A job role stored in sandbox and in a removed account, whose group nobody made in sandbox.
    await createJobRole({
      name: "Old analyst",
      groupName: "OldAnalysts",
      description: "",
      templates: ["AnalyticsRead"],
      managedPolicyArns: [],
      console: false,
      programmatic: false,
      accounts: ["555555555555", SANDBOX],
    });
    await saveTemplateVersion(
      {
        name: "AnalyticsRead",
        description: "Analytics",
        parameters: [],
        document: doc("v3"),
        acknowledgeWarnings: true,
      },
      requester,
    );
    const { request } = await run("template.publish", { name: "AnalyticsRead", version: 3 });
    expect(request.status).toBe("succeeded");
    expect(request.steps.map((s) => [s.accountId, s.op])).toEqual([
      [null, "CreatePolicyVersion"],
      [PRODUCTION, "CreatePolicyVersion"],
      [STAGING, "CreatePolicyVersion"],
      [SANDBOX, "CreatePolicy"], // new there; no group to attach it to
    ]);
    expect(request.evidence).toMatchObject({
      accountsNotManaged: ["555555555555"],
      accounts: { [SANDBOX]: { existing: null, groups: ["OldAnalysts"], missingGroups: ["OldAnalysts"] } },
    });
    await expect(
      admin[SANDBOX].send(
        new GetPolicyCommand({ PolicyArn: `arn:aws:iam::${SANDBOX}:policy/AnalyticsRead` }),
      ),
    ).resolves.toBeTruthy();
  });

  it("the wizard's default accounts are the chosen job roles' (the app's own for a role that names none)", () => {
    expect(defaultAccounts([{ accounts: [STAGING, PRODUCTION] }], MGMT)).toEqual([PRODUCTION, STAGING]);
    expect(defaultAccounts([{ accounts: [STAGING] }, { accounts: null }], MGMT)).toEqual([MGMT, STAGING]);
    expect(defaultAccounts([{ accounts: null }], MGMT)).toBeNull();
    expect(defaultAccounts([], MGMT)).toBeNull();
  });
});

describe(`onboarding across accounts (${testDbKind()})`, () => {
  it(
    "onboards a person into production and staging (the job role's accounts), one credential set per account",
    { timeout: 60_000 },
    async () => {
      const olivia = await db().employee.create({ data: { name: "Olivia", email: "olivia@example.com" } });
      const input = {
        employeeId: olivia.id,
        userName: "olivia",
        groups: ["DataAnalysts"],
        console: true,
        programmatic: true,
      };
      // No accounts named: the job role's. The same plan as naming them.
      const byDefault = await previewChangeRequest("user.onboard", input);
      const named = await previewChangeRequest("user.onboard", { ...input, accounts: [STAGING, PRODUCTION] });
      expect(byDefault.planHash).toBe(named.planHash);
      // The hash covers the accounts: one account fewer is another plan.
      const one = await previewChangeRequest("user.onboard", { ...input, accounts: [PRODUCTION] });
      expect(one.planHash).not.toBe(named.planHash);
      const perAccount = [
        "CreateUser",
        "AddUserToGroup",
        "CreateLoginProfile",
        "AttachUserPolicy",
        "CreateAccessKey",
      ];
      expect(byDefault.steps.map((s) => [s.accountId, s.op])).toEqual([
        ...perAccount.map((op) => [PRODUCTION, op]),
        ...perAccount.map((op) => [STAGING, op]),
      ]);
      expect(byDefault.steps.every((s) => /^(production|staging) \(\d{12}\): /.test(s.title))).toBe(true);
      expect(byDefault.summary).toBe("Onboard Olivia as olivia (DataAnalysts) in 2 accounts");

      const { request, secrets } = await run("user.onboard", input);
      expect(request.status).toBe("succeeded");
      // The users Gatehouse made are Olivia's at once, not suggestions to confirm.
      const links = await db().personAccountLink.findMany({ where: { personId: olivia.id } });
      expect(links.map((l) => [l.accountId, l.userName, l.confirmedBy]).sort()).toEqual([
        [PRODUCTION, "olivia", `onboarding request #${request.number}`],
        [STAGING, "olivia", `onboarding request #${request.number}`],
      ]);
      expect(secrets.map((s) => [s.accountId, s.kind]).sort()).toEqual([
        [PRODUCTION, "accessKey"],
        [PRODUCTION, "password"],
        [STAGING, "accessKey"],
        [STAGING, "password"],
      ]);
      for (const id of [PRODUCTION, STAGING]) {
        const iam = admin[id];
        expect((await iam.send(new GetUserCommand({ UserName: "olivia" }))).User?.Arn).toBe(
          `arn:aws:iam::${id}:user/olivia`,
        );
        expect(
          (await iam.send(new ListGroupsForUserCommand({ UserName: "olivia" }))).Groups?.map(
            (g) => g.GroupName,
          ),
        ).toEqual(["DataAnalysts"]);
        await expect(iam.send(new GetLoginProfileCommand({ UserName: "olivia" }))).resolves.toBeTruthy();
        const keys =
          (await iam.send(new ListAccessKeysCommand({ UserName: "olivia" }))).AccessKeyMetadata ?? [];
        // The key handed over for this account is the one this account holds.
        expect(keys.map((k) => k.AccessKeyId)).toEqual(
          secrets.flatMap((s) => (s.kind === "accessKey" && s.accountId === id ? [s.accessKeyId] : [])),
        );
      }
      await missing(admin[SANDBOX].send(new GetUserCommand({ UserName: "olivia" })));
      await missing(h.clients.iam.send(new GetUserCommand({ UserName: "olivia" })));
      // Shown once: no secret is in the steps or the audit log.
      const stored = JSON.stringify([
        await db().changeStep.findMany({ where: { requestId: request.id } }),
        await db().auditEvent.findMany({ where: { requestId: request.id } }),
      ]);
      for (const s of secrets)
        expect(stored).not.toContain(s.kind === "password" ? s.password : s.secretAccessKey);
      expect((await db().employee.findUniqueOrThrow({ where: { id: olivia.id } })).iamUserName).toBe(
        "olivia",
      );
    },
  );

  it(
    "an account whose role is deleted fails only its steps; retry after restoring it finishes just that one",
    { timeout: 90_000 },
    async () => {
      const pat = await db().employee.create({ data: { name: "Pat", email: "pat@example.com" } });
      const r = await createChangeRequest(
        "user.onboard",
        {
          employeeId: pat.id,
          userName: "pat",
          groups: ["DataAnalysts"],
          console: true,
          accounts: [PRODUCTION, STAGING],
        },
        requester,
      );
      await approveRequest(r.id, r.planHash, ada);
      const role = await deleteRole({ iam: admin[STAGING] }, "GatehouseMember");

      const failed = await executeRequest(r.id, bob);
      expect(failed.request.status).toBe("failed");
      const production = failed.request.steps.filter((s) => s.accountId === PRODUCTION);
      const staging = failed.request.steps.filter((s) => s.accountId === STAGING);
      expect(production.every((s) => s.status === "done")).toBe(true);
      expect(staging.some((s) => s.status === "failed")).toBe(true);
      expect(staging.every((s) => s.status === "failed" || s.status === "pending")).toBe(true);
      for (const s of staging.filter((x) => x.status === "failed"))
        expect(s.error).toMatch(/^staging \(222222222222\): Gatehouse may not assume /);
      // Production's password was handed back; staging made none.
      expect(failed.secrets.map((s) => [s.accountId, s.kind])).toEqual([[PRODUCTION, "password"]]);
      await expect(admin[PRODUCTION].send(new GetUserCommand({ UserName: "pat" }))).resolves.toBeTruthy();
      await missing(admin[STAGING].send(new GetUserCommand({ UserName: "pat" })));

      // The role is made again, as the StackSet would; retry runs staging's steps only.
      await restoreRole({ iam: admin[STAGING] }, role);
      const retried = await retryRequest(r.id, bob);
      expect(retried.request.status).toBe("succeeded");
      for (const s of production)
        expect(retried.request.steps.find((x) => x.order === s.order)).toMatchObject({
          status: "done",
          attempts: s.attempts,
          finishedAt: s.finishedAt,
        });
      expect(retried.secrets.map((s) => [s.accountId, s.kind])).toEqual([[STAGING, "password"]]);
      expect(
        (await admin[STAGING].send(new ListGroupsForUserCommand({ UserName: "pat" }))).Groups?.map(
          (g) => g.GroupName,
        ),
      ).toEqual(["DataAnalysts"]);
      expect((await getRequest(r.id))!.status).toBe("succeeded");
    },
  );

  it("refuses bad input with field errors and writes nothing", async () => {
    const sam = await db().employee.create({ data: { name: "Sam", email: "sam@example.com" } });
    const requests = await db().changeRequest.count();
    const audits = await db().auditEvent.count();
    const onboard = { employeeId: sam.id, userName: "sam", groups: ["DataAnalysts"] };
    const cases: [string, unknown, string, RegExp?][] = [
      ["user.onboard", { ...onboard, accounts: ["444444444444"] }, "accounts", /not in Gatehouse/],
      ["user.onboard", { ...onboard, accounts: ["555555555555"] }, "accounts", /not in Gatehouse/], // removed
      ["user.onboard", { ...onboard, accounts: [] }, "accounts"],
      ["user.onboard", { ...onboard, accounts: ["12"] }, "accounts"],
      // sally is already a user in staging, and Sam is not onboarded: not taken over silently.
      ["user.onboard", { ...onboard, userName: "sally", accounts: [STAGING] }, "userName", /in staging/],
      // A group of no job role must exist in every account named.
      ["user.onboard", { ...onboard, groups: ["NoSuchGroup"], accounts: [SANDBOX] }, "groups", /in sandbox/],
      // The job role's group is in production and staging only: nothing to give in sandbox.
      ["user.onboard", { ...onboard, accounts: [SANDBOX] }, "accounts", /in sandbox/],
      [
        "group.create",
        { jobRole: "Auditor", groupName: "Auditors", accounts: ["444444444444"] },
        "accounts",
        /not in Gatehouse/,
      ],
      [
        "group.create",
        { jobRole: "Analyst two", groupName: "DataAnalysts", accounts: [SANDBOX, STAGING] },
        "jobRole", // the job role's group name is taken
      ],
    ];
    for (const [kind, input, field, message] of cases) {
      const refused = createChangeRequest(kind, input, requester);
      await expect(refused).rejects.toMatchObject({
        code: "INVALID_INPUT",
        fieldErrors: { [field]: expect.any(Array) },
      });
      if (message)
        await expect(refused).rejects.toMatchObject({
          fieldErrors: { [field]: [expect.stringMatching(message)] },
        });
    }
    expect(await db().changeRequest.count()).toBe(requests);
    expect(await db().auditEvent.count()).toBe(audits);
    await missing(admin[SANDBOX].send(new GetUserCommand({ UserName: "sam" })));
  });
});
