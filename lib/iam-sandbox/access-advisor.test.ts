import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  GenerateServiceLastAccessedDetailsCommand,
  GetServiceLastAccessedDetailsCommand,
  GetServiceLastAccessedDetailsWithEntitiesCommand,
  GetUserCommand,
  PutUserPolicyCommand,
  type IAMClient,
} from "@aws-sdk/client-iam";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { recordSandboxUsage, sandboxAdmin } from "./admin-client";
import { EXAMPLE_ROOT_CREDENTIALS } from "./index";
import { allow, clients, doc, expectIamError, sandboxForFile } from "./test/helpers";

// Access Advisor over HTTP: reports built from what signed callers really did, usage recorded
// through the admin endpoint, and the example company's seeded history.

const { sandbox } = sandboxForFile({ auth: "on", seed: "example-company" });
const root = () => clients(sandbox().url, EXAMPLE_ROOT_CREDENTIALS).iam;
const ACCT = "123456789012";
const DAY = 86_400_000;

async function report(iam: IAMClient, arn: string, granularity?: "SERVICE_LEVEL" | "ACTION_LEVEL") {
  const { JobId } = await iam.send(
    new GenerateServiceLastAccessedDetailsCommand({ Arn: arn, Granularity: granularity }),
  );
  expect(JobId).toHaveLength(36);
  const out = await iam.send(new GetServiceLastAccessedDetailsCommand({ JobId }));
  return {
    JobId: JobId!,
    ...out,
    byNs: new Map(out.ServicesLastAccessed!.map((s) => [s.ServiceNamespace!, s])),
  };
}

describe("the example company's seeded history", () => {
  it("reports Sally's EC2 and SQS yesterday and every service her policies grant", async () => {
    const r = await report(root(), `arn:aws:iam::${ACCT}:user/sally`);
    expect(r.JobStatus).toBe("COMPLETED");
    expect(r.JobType).toBe("SERVICE_LEVEL");
    expect([...r.byNs.keys()]).toEqual(
      expect.arrayContaining(["ec2", "sqs", "s3", "elasticbeanstalk", "iam"]),
    );
    for (const ns of ["ec2", "sqs"]) {
      const s = r.byNs.get(ns)!;
      const age = Date.now() - s.LastAuthenticated!.getTime();
      expect(age).toBeGreaterThan(DAY);
      expect(age).toBeLessThan(2 * DAY);
      expect(s.LastAuthenticatedEntity).toBe(`arn:aws:iam::${ACCT}:user/sally`);
      expect(s.LastAuthenticatedRegion).toBe("us-east-1");
      expect(s.TotalAuthenticatedEntities).toBe(1);
    }
    expect(r.byNs.get("ec2")!.ServiceName).toBe("Amazon EC2");
    // Granted through IAMUserChangePassword, never used: listed without a date.
    expect(r.byNs.get("iam")!.LastAuthenticated).toBeUndefined();
    expect(r.byNs.get("iam")!.TotalAuthenticatedEntities).toBeUndefined();
  });

  it("a group report names who used a service: John never used Elastic Beanstalk, Maria long ago", async () => {
    const r = await report(root(), `arn:aws:iam::${ACCT}:group/WebDevelopers`);
    const eb = r.byNs.get("elasticbeanstalk")!;
    expect(eb.LastAuthenticatedEntity).toBe(`arn:aws:iam::${ACCT}:user/maria`);
    expect(Date.now() - eb.LastAuthenticated!.getTime()).toBeGreaterThan(90 * DAY);
    expect(eb.TotalAuthenticatedEntities).toBe(1);
    const { EntityDetailsList } = await root().send(
      new GetServiceLastAccessedDetailsWithEntitiesCommand({
        JobId: r.JobId,
        ServiceNamespace: "elasticbeanstalk",
      }),
    );
    expect(
      EntityDetailsList!.map((e) => [e.EntityInfo!.Name, e.EntityInfo!.Type, !!e.LastAuthenticated]),
    ).toEqual([
      ["maria", "USER", true],
      ["john", "USER", false],
    ]);
    expect(EntityDetailsList![0].EntityInfo!.Id).toMatch(/^AIDA/);
  });

  it("a policy report covers the users of the groups it is attached to", async () => {
    const r = await report(root(), `arn:aws:iam::${ACCT}:policy/WebDeveloperAccess`);
    expect([...r.byNs.keys()]).not.toContain("iam"); // that is another policy's grant
    const { EntityDetailsList } = await root().send(
      new GetServiceLastAccessedDetailsWithEntitiesCommand({ JobId: r.JobId, ServiceNamespace: "s3" }),
    );
    expect(EntityDetailsList!.map((e) => e.EntityInfo!.Name).sort()).toEqual(["john", "maria"]);
  });
});

describe("usage from real calls and from the admin endpoint", () => {
  it("a signed IAM call counts as the caller's use of IAM, with its region and, at action level, its action", async () => {
    await root().send(new CreateUserCommand({ UserName: "ada" }));
    await root().send(
      new PutUserPolicyCommand({
        UserName: "ada",
        PolicyName: "p",
        PolicyDocument: doc(allow(["iam:GetUser", "ec2:Describe*"])),
      }),
    );
    const { AccessKey } = await root().send(new CreateAccessKeyCommand({ UserName: "ada" }));
    const before = await report(root(), `arn:aws:iam::${ACCT}:user/ada`);
    expect(before.byNs.get("iam")!.LastAuthenticated).toBeUndefined();
    const asAda = clients(sandbox().url, {
      accessKeyId: AccessKey!.AccessKeyId!,
      secretAccessKey: AccessKey!.SecretAccessKey!,
    });
    const t0 = Date.now();
    await asAda.iam.send(new GetUserCommand({}));
    const after = await report(root(), `arn:aws:iam::${ACCT}:user/ada`, "ACTION_LEVEL");
    const iam = after.byNs.get("iam")!;
    expect(iam.LastAuthenticated!.getTime()).toBeGreaterThanOrEqual(Math.floor(t0 / 1000) * 1000);
    expect(iam.TrackedActionsLastAccessed!.map((a) => a.ActionName)).toEqual(["GetUser"]);
    expect(after.byNs.get("ec2")!.LastAuthenticated).toBeUndefined();
    // The earlier job still shows the data as of its creation.
    const again = await root().send(new GetServiceLastAccessedDetailsCommand({ JobId: before.JobId }));
    expect(
      again.ServicesLastAccessed!.find((s) => s.ServiceNamespace === "iam")!.LastAuthenticated,
    ).toBeUndefined();
  });

  it("POST /_sandbox/usage records another service's use; it needs the admin token and a known principal", async () => {
    const at = new Date(Date.now() - 5 * DAY).toISOString();
    await recordSandboxUsage(sandbox().url, sandbox().adminToken, {
      principal: `arn:aws:iam::${ACCT}:user/ada`,
      service: "ec2",
      at,
      region: "eu-west-1",
    });
    const ec2 = (await report(root(), `arn:aws:iam::${ACCT}:user/ada`)).byNs.get("ec2")!;
    expect(ec2.LastAuthenticated!.toISOString()).toBe(at.replace(/\.\d{3}Z$/, ".000Z"));
    expect(ec2.LastAuthenticatedRegion).toBe("eu-west-1");
    expect(
      (await sandboxAdmin(sandbox().url, "wrong", "usage", { principal: "ada", service: "ec2" })).status,
    ).toBe(401);
    const unknown = await sandboxAdmin(sandbox().url, sandbox().adminToken, "usage", {
      principal: "nobody",
      service: "ec2",
    });
    expect(unknown.status).toBe(400);
  });
});

describe("errors and paging", () => {
  it("refuses unknown entities and jobs, malformed ARNs and granularities", async () => {
    await expectIamError(
      root().send(new GenerateServiceLastAccessedDetailsCommand({ Arn: `arn:aws:iam::${ACCT}:user/nobody` })),
      "NoSuchEntity",
      404,
    );
    await expectIamError(
      root().send(new GenerateServiceLastAccessedDetailsCommand({ Arn: "arn:aws:s3:::some-bucket-name" })),
      "InvalidInput",
      400,
    );
    await expectIamError(
      root().send(
        new GenerateServiceLastAccessedDetailsCommand({
          Arn: `arn:aws:iam::${ACCT}:user/sally`,
          Granularity: "FINE" as never,
        }),
      ),
      "ValidationError",
      400,
    );
    await expectIamError(
      root().send(
        new GetServiceLastAccessedDetailsCommand({ JobId: "00000000-0000-0000-0000-000000000000" }),
      ),
      "NoSuchEntity",
      404,
    );
  });

  it("pages ServicesLastAccessed with MaxItems and Marker, without repeats", async () => {
    const r = await report(root(), `arn:aws:iam::${ACCT}:user/sally`);
    const seen: string[] = [];
    let Marker: string | undefined;
    do {
      const page = await root().send(
        new GetServiceLastAccessedDetailsCommand({ JobId: r.JobId, MaxItems: 2, Marker }),
      );
      expect(page.ServicesLastAccessed!.length).toBeLessThanOrEqual(2);
      seen.push(...page.ServicesLastAccessed!.map((s) => s.ServiceNamespace!));
      Marker = page.IsTruncated ? page.Marker : undefined;
    } while (Marker);
    expect(seen).toEqual([...r.byNs.keys()]);
  });
});

describe("a second client", () => {
  it("boto3 generates and reads a report", async () => {
    const script = `
import boto3,sys,json
iam=boto3.client("iam",endpoint_url=sys.argv[1],region_name="us-east-1",aws_access_key_id="${EXAMPLE_ROOT_CREDENTIALS.accessKeyId}",aws_secret_access_key="${EXAMPLE_ROOT_CREDENTIALS.secretAccessKey}")
job=iam.generate_service_last_accessed_details(Arn="arn:aws:iam::${ACCT}:user/jane")["JobId"]
r=iam.get_service_last_accessed_details(JobId=job)
print(json.dumps({s["ServiceNamespace"]: ("LastAuthenticated" in s) for s in r["ServicesLastAccessed"]}))`;
    const { stdout } = await promisify(execFile)("python3", ["-c", script, sandbox().url]);
    const used = JSON.parse(stdout) as Record<string, boolean>;
    expect(used.s3).toBe(true);
    expect(used["cognito-idp"]).toBe(false);
  }, 30_000);
});
