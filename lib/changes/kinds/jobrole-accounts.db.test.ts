import {
  AddUserToGroupCommand,
  AttachGroupPolicyCommand,
  CreateGroupCommand,
  GetGroupCommand,
  ListAttachedGroupPoliciesCommand,
  ListGroupsForUserCommand,
} from "@aws-sdk/client-iam";
import { beforeAll, describe, expect, it } from "vitest";
import { organizationAdmin } from "@/lib/aws-accounts/testing";
import { db } from "@/lib/db";
import { createJobRole, getJobRole } from "@/lib/job-roles";
import { testDbKind } from "@/lib/test/db";
import { saveTemplateVersion } from "@/lib/templates";
import { approveRequest, createChangeRequest, executeRequest, previewChangeRequest } from "../index";
import { ada, bob, requester } from "../testing/harness";
import {
  MGMT,
  missing,
  PRODUCTION,
  SANDBOX,
  setupOrganizationHarness,
  STAGING,
} from "../testing/organization";

// jobrole.accounts on the sandbox's example-org: a job role made in production is extended to
// other accounts and taken out of them. What each account holds afterwards is read with an
// administrator's session there (OrganizationAccountAccessRole), not through Gatehouse.

const reportsRead = (id: string) => `arn:aws:iam::${id}:policy/ReportsRead`;

const { admin, run } = setupOrganizationHarness(organizationAdmin);

const attachedIn = async (id: string, groupName: string) =>
  (
    await admin[id].send(new ListAttachedGroupPoliciesCommand({ GroupName: groupName }))
  ).AttachedPolicies?.map((p) => p.PolicyArn);

/** A refusal on a field, with nothing written (no request, no audit entry). */
async function refused(input: unknown, field: string, message: RegExp) {
  const requests = await db().changeRequest.count();
  const audits = await db().auditEvent.count();
  await expect(createChangeRequest("jobrole.accounts", input, requester)).rejects.toMatchObject({
    code: "INVALID_INPUT",
    fieldErrors: { [field]: [expect.stringMatching(message)] },
  });
  expect(await db().changeRequest.count()).toBe(requests);
  expect(await db().auditEvent.count()).toBe(audits);
}

beforeAll(async () => {
  await saveTemplateVersion(
    {
      name: "ReportsRead",
      description: "Reports",
      parameters: [],
      document: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: ["s3:GetObject"], Resource: "arn:aws:s3:::reports/*" }],
      }),
      acknowledgeWarnings: true,
    },
    requester,
  );
  expect((await run("template.publish", { name: "ReportsRead", version: 1 })).request.status).toBe(
    "succeeded",
  );
  const made = await run("group.create", {
    jobRole: "Reporter",
    groupName: "Reporters",
    templates: ["ReportsRead"],
    console: true,
    accounts: [PRODUCTION],
  });
  expect(made.request.status).toBe("succeeded");
}, 60_000);

describe(`changing a job role's accounts (${testDbKind()})`, () => {
  it(
    "extending a production job role to staging makes its group and policy there",
    { timeout: 60_000 },
    async () => {
      const input = { jobRole: "Reporter", accounts: [STAGING, PRODUCTION] };
      const preview = await previewChangeRequest("jobrole.accounts", input);
      // The hash covers the steps: adding sandbox as well is another plan.
      const wider = await previewChangeRequest("jobrole.accounts", {
        ...input,
        accounts: [...input.accounts, SANDBOX],
      });
      expect(wider.planHash).not.toBe(preview.planHash);

      const { request } = await run("jobrole.accounts", input);
      expect(request.status).toBe("succeeded");
      expect(request.planHash).toBe(preview.planHash);
      expect(request.summary).toBe("Change job role Reporter's accounts: add staging (222222222222)");
      // Production already has the group: only staging's steps, as group.create makes them.
      expect(request.steps.map((s) => [s.accountId, s.op, s.dependsOn])).toEqual([
        [STAGING, "CreateGroup", []],
        [STAGING, "CreatePolicy", []],
        [STAGING, "AttachGroupPolicy", [1, 2]],
      ]);
      expect(request.steps[0].title).toBe("staging (222222222222): Create group Reporters");
      await expect(
        admin[STAGING].send(new GetGroupCommand({ GroupName: "Reporters" })),
      ).resolves.toBeTruthy();
      expect(await attachedIn(STAGING, "Reporters")).toEqual([reportsRead(STAGING)]);
      await missing(admin[SANDBOX].send(new GetGroupCommand({ GroupName: "Reporters" })));
      expect((await getJobRole("Reporter"))?.accounts).toEqual([PRODUCTION, STAGING]);
      const entry = await db().auditEvent.findFirst({
        where: { action: "job_roles.accounts_changed", requestId: request.id },
      });
      expect(entry?.data).toMatchObject({
        before: [PRODUCTION],
        after: [PRODUCTION, STAGING],
        added: [STAGING],
      });
    },
  );

  it(
    "onboarding into the job role afterwards defaults to its new accounts",
    { timeout: 60_000 },
    async () => {
      const quinn = await db().employee.create({ data: { name: "Quinn", email: "quinn@example.com" } });
      const { request } = await run("user.onboard", {
        employeeId: quinn.id,
        userName: "quinn",
        groups: ["Reporters"],
        console: true,
      });
      expect(request.status).toBe("succeeded");
      expect([...new Set(request.steps.map((s) => s.accountId))]).toEqual([PRODUCTION, STAGING]);
      for (const id of [PRODUCTION, STAGING])
        expect(
          (await admin[id].send(new ListGroupsForUserCommand({ UserName: "quinn" }))).Groups?.map(
            (g) => g.GroupName,
          ),
        ).toEqual(["Reporters"]);
    },
  );

  it("taking staging away while its group has a member is refused, naming the member", async () => {
    await refused(
      { jobRole: "Reporter", accounts: [PRODUCTION] },
      "accounts",
      /Reporters in staging \(222222222222\) still has members: quinn\. Offboard them or move them/,
    );
    expect((await getJobRole("Reporter"))?.accounts).toEqual([PRODUCTION, STAGING]);
    expect(await attachedIn(STAGING, "Reporters")).toEqual([reportsRead(STAGING)]);
  });

  it(
    "an empty group is removed: verified empty, its policy detached, deleted",
    { timeout: 60_000 },
    async () => {
      const added = await run("jobrole.accounts", {
        jobRole: "Reporter",
        accounts: [PRODUCTION, STAGING, SANDBOX],
      });
      expect(added.request.status).toBe("succeeded");
      const { request } = await run("jobrole.accounts", {
        jobRole: "Reporter",
        accounts: [PRODUCTION, STAGING],
      });
      expect(request.status).toBe("succeeded");
      expect(request.summary).toBe("Change job role Reporter's accounts: remove sandbox (333333333333)");
      expect(request.steps.map((s) => [s.accountId, s.op, s.dependsOn])).toEqual([
        [SANDBOX, "VerifyGroupEmpty", []],
        [SANDBOX, "DetachGroupPolicy", [1]],
        [SANDBOX, "DeleteGroup", [1, 2]],
      ]);
      await missing(admin[SANDBOX].send(new GetGroupCommand({ GroupName: "Reporters" })));
      // The other accounts are untouched.
      expect(await attachedIn(STAGING, "Reporters")).toEqual([reportsRead(STAGING)]);
      expect((await getJobRole("Reporter"))?.accounts).toEqual([PRODUCTION, STAGING]);
    },
  );

  it(
    "someone added to the group after planning stops the removal before anything is detached",
    { timeout: 60_000 },
    async () => {
      expect(
        (await run("jobrole.accounts", { jobRole: "Reporter", accounts: [PRODUCTION, STAGING, SANDBOX] }))
          .request.status,
      ).toBe("succeeded");
      const r = await createChangeRequest(
        "jobrole.accounts",
        { jobRole: "Reporter", accounts: [PRODUCTION, STAGING] },
        requester,
      );
      await approveRequest(r.id, r.planHash, ada);
      // sally, a user in sandbox, joins meanwhile.
      await admin[SANDBOX].send(new AddUserToGroupCommand({ GroupName: "Reporters", UserName: "sally" }));
      const { request } = await executeRequest(r.id, bob);
      expect(request.status).toBe("failed");
      expect(request.steps.map((s) => [s.op, s.status])).toEqual([
        ["VerifyGroupEmpty", "failed"],
        ["DetachGroupPolicy", "pending"],
        ["DeleteGroup", "pending"],
      ]);
      expect(request.steps[0].error).toMatch(/sally/);
      // sally keeps her access; the job role still names sandbox.
      expect(await attachedIn(SANDBOX, "Reporters")).toEqual([reportsRead(SANDBOX)]);
      expect((await getJobRole("Reporter"))?.accounts).toEqual([PRODUCTION, STAGING, SANDBOX]);
    },
  );

  it(
    "a group of the name already there is adopted only when it carries exactly the role's policies",
    { timeout: 60_000 },
    async () => {
      // A job role stored in production whose group an administrator already made in staging.
      await createJobRole({
        name: "Viewer",
        groupName: "Viewers",
        description: "",
        templates: ["ReportsRead"],
        managedPolicyArns: [],
        console: false,
        programmatic: false,
        accounts: [PRODUCTION],
      });
      await admin[STAGING].send(new CreateGroupCommand({ GroupName: "Viewers" }));
      await admin[STAGING].send(
        new AttachGroupPolicyCommand({ GroupName: "Viewers", PolicyArn: reportsRead(STAGING) }),
      );
      await admin[SANDBOX].send(new CreateGroupCommand({ GroupName: "Viewers" })); // nothing attached
      await refused(
        { jobRole: "Viewer", accounts: [PRODUCTION, SANDBOX] },
        "accounts",
        /already exists in sandbox \(333333333333\) with other policies \(none\)/,
      );

      const { request } = await run("jobrole.accounts", {
        jobRole: "Viewer",
        accounts: [PRODUCTION, STAGING],
      });
      expect(request.status).toBe("succeeded");
      expect(request.steps).toEqual([]);
      expect(request.evidence).toMatchObject({ adopted: [STAGING] });
      expect((await getJobRole("Viewer"))?.accounts).toEqual([PRODUCTION, STAGING]);
    },
  );

  it("refuses nothing to change, an unknown job role and an unknown account, writing nothing", async () => {
    await refused(
      { jobRole: "Reporter", accounts: [SANDBOX, STAGING, PRODUCTION] },
      "accounts",
      /^Nothing to change/,
    );
    // A job role of the app's own account only (stored as null) named with that account.
    await createJobRole({
      name: "Home only",
      groupName: "HomeOnly",
      description: "",
      templates: [],
      managedPolicyArns: [],
      console: false,
      programmatic: false,
    });
    await refused({ jobRole: "Home only", accounts: [MGMT] }, "accounts", /^Nothing to change/);
    await refused({ jobRole: "Nobody", accounts: [STAGING] }, "jobRole", /no job role named Nobody/);
    await refused({ jobRole: "Reporter", accounts: ["444444444444"] }, "accounts", /not in Gatehouse/);
    await refused({ jobRole: "Reporter", accounts: [] }, "accounts", /at least one account/);
  });
});
