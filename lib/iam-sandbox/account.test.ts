import {
  GenerateCredentialReportCommand,
  GetAccountAuthorizationDetailsCommand,
  GetAccountSummaryCommand,
  GetCredentialReportCommand,
  paginateGetAccountAuthorizationDetails,
} from "@aws-sdk/client-iam";
import { describe, expect, it } from "vitest";
import { expectIamError, sandboxForFile } from "./test/helpers";

const { iam } = sandboxForFile({ seed: "example-company" });

describe("GetAccountSummary", () => {
  it("counts entities and reports AWS's default quotas", async () => {
    const { SummaryMap: m } = await iam.send(new GetAccountSummaryCommand({}));
    expect(m).toMatchObject({
      Users: 6,
      Groups: 4,
      Roles: 1,
      Policies: 5,
      InstanceProfiles: 1,
      UsersQuota: 5000,
      GroupsQuota: 300,
      RolesQuota: 1000,
      PoliciesQuota: 1500,
      GroupsPerUserQuota: 10,
      AttachedPoliciesPerUserQuota: 10,
      AttachedPoliciesPerGroupQuota: 10,
      AttachedPoliciesPerRoleQuota: 10,
      AccessKeysPerUserQuota: 2,
      VersionsPerPolicyQuota: 5,
      PolicySizeQuota: 6144,
      UserPolicySizeQuota: 2048,
      GroupPolicySizeQuota: 5120,
      RolePolicySizeQuota: 10240,
      AssumeRolePolicySizeQuota: 2048,
    });
  });
});

describe("GetAccountAuthorizationDetails", () => {
  it("walks all four lists with one shared marker", async () => {
    const users: string[] = [];
    const groups: string[] = [];
    const roles: string[] = [];
    const policies: string[] = [];
    let pages = 0;
    for await (const page of paginateGetAccountAuthorizationDetails({ client: iam, pageSize: 3 }, {})) {
      pages++;
      users.push(...page.UserDetailList!.map((u) => u.UserName!));
      groups.push(...page.GroupDetailList!.map((g) => g.GroupName!));
      roles.push(...page.RoleDetailList!.map((r) => r.RoleName!));
      policies.push(...page.Policies!.map((p) => p.PolicyName!));
    }
    expect(users).toEqual(["gatehouse-app", "jane", "john", "maria", "mary", "sally"]);
    expect(groups).toEqual(["Accountants", "DevOps", "MobileDevelopers", "WebDevelopers"]);
    expect(roles).toEqual(["ec2-sqs-worker"]);
    // Unfiltered, only AWS managed policies in use are listed.
    expect(policies.sort()).toEqual([
      "AccountantBillingReadOnly",
      "DevOpsAccess",
      "GatehouseApp",
      "IAMUserChangePassword",
      "MobileDeveloperAccess",
      "WebDeveloperAccess",
    ]);
    expect(pages).toBe(Math.ceil(17 / 3));
  });

  it("returns full details with encoded documents, and honours Filter", async () => {
    const res = await iam.send(new GetAccountAuthorizationDetailsCommand({ Filter: ["User", "Role"] }));
    expect(res.GroupDetailList).toEqual([]);
    expect(res.Policies).toEqual([]);
    const sally = res.UserDetailList!.find((u) => u.UserName === "sally")!;
    expect(sally.GroupList).toEqual(["DevOps"]);
    expect(sally.Tags).toEqual([{ Key: "email", Value: "sally@example.com" }]);
    const role = res.RoleDetailList![0];
    expect(role.InstanceProfileList!.map((p) => p.InstanceProfileName)).toEqual(["ec2-sqs-worker"]);
    const inline = JSON.parse(decodeURIComponent(role.RolePolicyList![0].PolicyDocument!));
    expect(inline.Statement[0].Resource).toBe("arn:aws:sqs:us-east-1:123456789012:orders");
    const local = await iam.send(
      new GetAccountAuthorizationDetailsCommand({ Filter: ["LocalManagedPolicy"] }),
    );
    const devops = local.Policies!.find((p) => p.PolicyName === "DevOpsAccess")!;
    expect(devops.AttachmentCount).toBe(1);
    expect(devops.PolicyVersionList![0]).toMatchObject({ VersionId: "v1", IsDefaultVersion: true });
    expect(JSON.parse(decodeURIComponent(devops.PolicyVersionList![0].Document!)).Version).toBe("2012-10-17");
    const aws = await iam.send(
      new GetAccountAuthorizationDetailsCommand({ Filter: ["AWSManagedPolicy"], MaxItems: 1000 }),
    );
    expect(aws.Policies!.length).toBeGreaterThanOrEqual(9);
    await expectIamError(
      iam.send(new GetAccountAuthorizationDetailsCommand({ Filter: ["Nope" as never] })),
      "ValidationError",
      400,
    );
  });
});

describe("credential report", () => {
  it("goes STARTED then COMPLETE, and has AWS's CSV columns and a root row", async () => {
    await expectIamError(iam.send(new GetCredentialReportCommand({})), "CredentialReportNotPresent", 410);
    expect((await iam.send(new GenerateCredentialReportCommand({}))).State).toBe("STARTED");
    await expectIamError(iam.send(new GetCredentialReportCommand({})), "CredentialReportNotReady", 404);
    await new Promise((r) => setTimeout(r, 150));
    expect((await iam.send(new GenerateCredentialReportCommand({}))).State).toBe("COMPLETE");
    const report = await iam.send(new GetCredentialReportCommand({}));
    expect(report.ReportFormat).toBe("text/csv");
    const lines = Buffer.from(report.Content!).toString("utf8").split("\n");
    expect(lines[0]).toBe(
      "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,password_next_rotation,mfa_active," +
        "access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service," +
        "access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service," +
        "cert_1_active,cert_1_last_rotated,cert_2_active,cert_2_last_rotated",
    );
    expect(lines[1]).toMatch(/^<root_account>,arn:aws:iam::123456789012:root,/);
    const rows = Object.fromEntries(lines.slice(2).map((l) => [l.split(",")[0], l.split(",")]));
    expect(rows.mary[3]).toBe("true");
    expect(rows.mary[8]).toBe("false");
    expect(rows.jane[3]).toBe("false");
    expect(rows.jane[8]).toBe("true");
    expect(rows.jane[9]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/);
  });
});
