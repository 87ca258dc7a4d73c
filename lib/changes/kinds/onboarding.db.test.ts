import {
  GetLoginProfileCommand,
  GetPolicyCommand,
  ListAccessKeysCommand,
  ListAttachedUserPoliciesCommand,
  ListGroupsForUserCommand,
  ListPolicyVersionsCommand,
} from "@aws-sdk/client-iam";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { saveTemplateVersion } from "@/lib/templates";
import { approveRequest, createChangeRequest, executeRequest, previewChangeRequest } from "../index";
import { ada, bob, requester, setupHarness } from "../testing/harness";

// Onboarding and template publishing, end to end against the sandbox (example company seed).

const h = setupHarness();

async function run(kind: string, input: unknown) {
  const created = await createChangeRequest(kind, input, requester);
  await approveRequest(created.id, created.planHash, ada);
  return executeRequest(created.id, bob);
}

async function employee(name: string, email: string) {
  return db().employee.create({ data: { name, email, jobRole: "Web developer" } });
}

describe("onboarding", () => {
  it("creates the user, groups, console password and key, and links the person", async () => {
    const olivia = await employee("Olivia", "olivia@example.com");
    const input = {
      employeeId: olivia.id,
      userName: "olivia",
      groups: ["WebDevelopers"],
      console: true,
      programmatic: true,
    };
    const preview = await previewChangeRequest("user.onboard", input);
    expect(preview.steps.map((s) => s.op)).toEqual([
      "CreateUser",
      "AddUserToGroup",
      "CreateLoginProfile",
      "CreateAccessKey",
    ]);
    const { request, secrets } = await run("user.onboard", input);
    expect(request.status).toBe("succeeded");
    expect(secrets.map((s) => s.kind).sort()).toEqual(["accessKey", "password"]);

    const iam = h.clients.iam;
    expect(
      (await iam.send(new ListGroupsForUserCommand({ UserName: "olivia" }))).Groups?.map((g) => g.GroupName),
    ).toEqual(["WebDevelopers"]);
    expect(
      (await iam.send(new GetLoginProfileCommand({ UserName: "olivia" }))).LoginProfile
        ?.PasswordResetRequired,
    ).toBe(true);
    expect(
      (await iam.send(new ListAccessKeysCommand({ UserName: "olivia" }))).AccessKeyMetadata,
    ).toHaveLength(1);
    // WebDevelopers already grants IAMUserChangePassword, so nothing is attached to the user directly.
    expect(
      (await iam.send(new ListAttachedUserPoliciesCommand({ UserName: "olivia" }))).AttachedPolicies,
    ).toEqual([]);
    expect((await db().employee.findUnique({ where: { id: olivia.id } }))?.iamUserName).toBe("olivia");
  });

  it("plans only the missing steps when run again", async () => {
    const olivia = await db().employee.findUniqueOrThrow({ where: { email: "olivia@example.com" } });
    const again = await previewChangeRequest("user.onboard", {
      employeeId: olivia.id,
      userName: "olivia",
      groups: ["WebDevelopers", "DevOps"],
      console: true,
      programmatic: true,
    });
    expect(again.steps.map((s) => s.op)).toEqual(["AddUserToGroup"]);
  });

  it("names the person in the title and gives someone without a job role the one chosen", async () => {
    await db().jobRole.create({
      data: { name: "Mobile developer", groupName: "MobileDevelopers", templates: [], managedPolicyArns: [] },
    });
    const nina = await db().employee.create({ data: { name: "Nina Okafor", email: "nina@example.com" } });
    const { request } = await run("user.onboard", {
      employeeId: nina.id,
      userName: "nina",
      groups: ["MobileDevelopers"],
    });
    expect(request.status).toBe("succeeded");
    expect(request.summary).toBe("Onboard Nina Okafor as nina (MobileDevelopers)");
    const after = await db().employee.findUniqueOrThrow({ where: { id: nina.id } });
    expect([after.iamUserName, after.jobRole]).toEqual(["nina", "Mobile developer"]);
    // A job role already recorded is kept, and other kinds' titles name the person too.
    const preview = await previewChangeRequest("group.add-member", { userName: "nina", groupName: "DevOps" });
    expect(preview.summary).toBe("Add Nina Okafor (nina) to DevOps");
  });

  it("attaches IAMUserChangePassword when no group gives it (mobile developers have none)", async () => {
    const ravi = await employee("Ravi", "ravi@example.com");
    const preview = await previewChangeRequest("user.onboard", {
      employeeId: ravi.id,
      userName: "ravi",
      groups: ["MobileDevelopers"],
      console: true,
    });
    expect(preview.steps.map((s) => s.op)).toEqual([
      "CreateUser",
      "AddUserToGroup",
      "CreateLoginProfile",
      "AttachUserPolicy",
    ]);
  });

  it("refuses bad input with field errors and writes nothing", async () => {
    const sam = await employee("Sam", "sam@example.com");
    const before = await db().changeRequest.count();
    const cases: [unknown, string][] = [
      [{ employeeId: sam.id, userName: "x".repeat(65), groups: ["DevOps"] }, "userName"],
      [{ employeeId: sam.id, userName: "bad name!", groups: ["DevOps"] }, "userName"],
      [{ employeeId: sam.id, userName: "SALLY", groups: ["DevOps"] }, "userName"], // exists, case-insensitively
      [{ employeeId: sam.id, userName: "sam", groups: ["NoSuchGroup"] }, "groups"],
      [{ employeeId: sam.id, userName: "sam", groups: [] }, "groups"], // no access at all: no user needed
    ];
    for (const [input, field] of cases) {
      await expect(createChangeRequest("user.onboard", input, requester)).rejects.toMatchObject({
        code: "INVALID_INPUT",
        fieldErrors: { [field]: expect.any(Array) },
      });
    }
    const olivia = await db().employee.findUniqueOrThrow({ where: { email: "olivia@example.com" } });
    await expect(
      createChangeRequest(
        "user.onboard",
        { employeeId: olivia.id, userName: "olivia2", groups: ["DevOps"] },
        requester,
      ),
    ).rejects.toThrow(/already onboarded as olivia/);
    // Another person's IAM user, spelt in another case, is still theirs.
    await expect(
      createChangeRequest(
        "user.onboard",
        { employeeId: sam.id, userName: "OLIVIA", groups: ["DevOps"] },
        requester,
      ),
    ).rejects.toThrow(/belongs to Olivia/);
    expect(await db().changeRequest.count()).toBe(before);
  });
});

describe("publishing a template", () => {
  const doc = (bucket: string) =>
    JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        { Effect: "Allow", Action: ["s3:GetObject"], Resource: `arn:aws:s3:::\${Bucket}/${bucket}/*` },
      ],
    });
  const params = [
    { name: "Bucket", description: "", type: "bucket-name" as const, example: "reports-bucket" },
  ];

  it("creates the managed policy, then adds versions, deleting the oldest at IAM's limit of five", async () => {
    await saveTemplateVersion(
      {
        name: "ReportsRead",
        description: "Reports",
        parameters: params,
        document: doc("v1"),
        acknowledgeWarnings: true,
      },
      requester,
    );
    const first = await run("template.publish", {
      name: "ReportsRead",
      version: 1,
      values: { Bucket: "reports-bucket" },
    });
    expect(first.request.steps.map((s) => s.op)).toEqual(["CreatePolicy"]);
    const arn = "arn:aws:iam::123456789012:policy/ReportsRead";
    expect(
      (await h.clients.iam.send(new GetPolicyCommand({ PolicyArn: arn }))).Policy?.DefaultVersionId,
    ).toBe("v1");

    for (let n = 2; n <= 6; n++) {
      await saveTemplateVersion(
        {
          name: "ReportsRead",
          description: "Reports",
          parameters: params,
          document: doc(`v${n}`),
          acknowledgeWarnings: true,
        },
        requester,
      );
      const published = await run("template.publish", {
        name: "ReportsRead",
        version: n,
        values: { Bucket: "reports-bucket" },
      });
      expect(published.request.status).toBe("succeeded");
      expect(published.request.steps.map((s) => s.op)).toEqual(
        n === 6 ? ["DeletePolicyVersion", "CreatePolicyVersion"] : ["CreatePolicyVersion"],
      );
    }
    const versions =
      (await h.clients.iam.send(new ListPolicyVersionsCommand({ PolicyArn: arn }))).Versions ?? [];
    expect(versions.map((v) => v.VersionId).sort()).toEqual(["v2", "v3", "v4", "v5", "v6"]);
    expect(versions.find((v) => v.IsDefaultVersion)?.VersionId).toBe("v6");
    const stored = await db().policyTemplateVersion.findMany({
      where: { template: { name: "ReportsRead" } },
      orderBy: { number: "asc" },
    });
    expect(stored.map((v) => v.iamVersionId)).toEqual(["v1", "v2", "v3", "v4", "v5", "v6"]);
  });

  it("refuses missing or unsafe parameter values before anything is requested", async () => {
    const before = await db().changeRequest.count();
    await expect(
      createChangeRequest("template.publish", { name: "ReportsRead", version: 1, values: {} }, requester),
    ).rejects.toMatchObject({ fieldErrors: { "values.Bucket": expect.any(Array) } });
    await expect(
      createChangeRequest(
        "template.publish",
        { name: "ReportsRead", version: 1, values: { Bucket: "*" } },
        requester,
      ),
    ).rejects.toMatchObject({ code: "INVALID_INPUT" });
    expect(await db().changeRequest.count()).toBe(before);
  });
});
