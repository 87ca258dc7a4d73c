import { beforeAll, describe, expect, it } from "vitest";
import type { PolicySource, PrincipalPolicy, ServiceAccess } from "./access-types";
import { loadCatalog, type Catalog } from "./catalog";
import { createAccessCache, effectiveAccess, effectiveAccessUncached } from "./effective-access";
import { parsePolicy } from "./parse";

let catalog: Catalog;
beforeAll(async () => {
  catalog = await loadCatalog();
});

const V = "2012-10-17";
function attach(doc: object, source: Partial<PolicySource> & { policyName: string }): PrincipalPolicy {
  const parsed = parsePolicy(doc);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return { document: parsed.document, source: { kind: "managed", via: { type: "user" }, ...source } };
}
const byService = (access: ServiceAccess[]) => new Map(access.map((s) => [s.service, s]));
const levelsOf = (s: ServiceAccess | undefined) => Object.keys(s?.levels ?? {}).sort();

// AWS managed policy AmazonS3ReadOnlyAccess (current version).
const s3ReadOnly = {
  Version: V,
  Statement: [
    {
      Effect: "Allow",
      Action: ["s3:Get*", "s3:List*", "s3:Describe*", "s3-object-lambda:Get*", "s3-object-lambda:List*"],
      Resource: "*",
    },
  ],
};
const accountant = {
  Version: V,
  Statement: [
    {
      Sid: "BillingList",
      Effect: "Allow",
      Action: ["s3:ListBucket", "s3:GetBucketLocation"],
      Resource: "arn:aws:s3:::example-company-billing",
    },
    {
      Sid: "BillingRead",
      Effect: "Allow",
      Action: ["s3:GetObject", "s3:GetObjectVersion"],
      Resource: "arn:aws:s3:::example-company-billing/*",
    },
    { Sid: "FindBuckets", Effect: "Allow", Action: "s3:ListAllMyBuckets", Resource: "*" },
  ],
};
const devOps = {
  Version: V,
  Statement: [
    { Sid: "Beanstalk", Effect: "Allow", Action: "elasticbeanstalk:*", Resource: "*" },
    {
      Sid: "Ec2",
      Effect: "Allow",
      Action: ["ec2:Describe*", "ec2:StartInstances", "ec2:StopInstances", "ec2:RebootInstances"],
      Resource: "*",
    },
    {
      Sid: "Deployments",
      Effect: "Allow",
      Action: ["s3:GetObject", "s3:PutObject", "s3:ListBucket"],
      Resource: ["arn:aws:s3:::example-company-deploys", "arn:aws:s3:::example-company-deploys/*"],
    },
    {
      Sid: "Queues",
      Effect: "Allow",
      Action: ["sqs:SendMessage", "sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"],
      Resource: "arn:aws:sqs:eu-west-1:123456789012:app-*",
    },
  ],
};

describe("effectiveAccess", () => {
  it("AmazonS3ReadOnlyAccess grants S3 List and Read on everything, and nothing else", () => {
    const access = effectiveAccess(
      [
        attach(s3ReadOnly, {
          policyName: "AmazonS3ReadOnlyAccess",
          policyArn: "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess",
        }),
      ],
      catalog,
    );
    expect(access.map((s) => s.service)).toEqual(["s3", "s3-object-lambda"]);
    const s3 = access[0];
    expect(s3).toMatchObject({ serviceName: "Amazon S3", level: "Read" });
    expect(levelsOf(s3)).toEqual(["List", "Read"]);
    const read = s3.levels.Read![0];
    expect(read.resourceScope).toBe("all");
    expect(read.actionCount).toBe(catalog.expand("s3:Get*").length + catalog.expand("s3:Describe*").length);
    expect(read.examples).toHaveLength(3);
    expect(read.statement).toMatchObject({
      policyName: "AmazonS3ReadOnlyAccess",
      statementIndex: 0,
      via: { type: "user" },
    });
  });

  it("an accountant's billing-bucket policy gives S3 Read and List scoped to that bucket", () => {
    const access = effectiveAccess(
      [attach(accountant, { policyName: "Accountant", via: { type: "group", groupName: "accountants" } })],
      catalog,
    );
    expect(access.map((s) => s.service)).toEqual(["s3"]);
    const s3 = access[0];
    expect(s3.level).toBe("Read");
    const readScopes = s3.levels.Read!.map((g) => g.resourceScope);
    expect(readScopes).toEqual([
      ["arn:aws:s3:::example-company-billing"],
      ["arn:aws:s3:::example-company-billing/*"],
    ]);
    expect(s3.levels.List!.map((g) => [g.statement.sid, g.resourceScope])).toEqual([
      ["BillingList", ["arn:aws:s3:::example-company-billing"]],
      ["FindBuckets", "all"],
    ]);
    expect(s3.levels.Read![1]).toMatchObject({
      actionCount: 2,
      examples: ["s3:GetObject", "s3:GetObjectVersion"],
      statement: { via: { type: "group", groupName: "accountants" } },
    });
  });

  it("a DevOps policy: Beanstalk up to permissions management, EC2 write, S3 and SQS scoped", () => {
    const access = byService(effectiveAccess([attach(devOps, { policyName: "DevOps" })], catalog));
    expect([...access.keys()]).toEqual(["ec2", "elasticbeanstalk", "s3", "sqs"]);
    expect(access.get("elasticbeanstalk")!.level).toBe("Write");
    expect(levelsOf(access.get("elasticbeanstalk"))).toEqual(["List", "Read", "Tagging", "Write"]);
    expect(levelsOf(access.get("ec2"))).toEqual(["List", "Write"]);
    expect(access.get("ec2")!.levels.Write![0]).toMatchObject({ actionCount: 3, resourceScope: "all" });
    expect(access.get("s3")!.levels.Write![0].resourceScope).toEqual([
      "arn:aws:s3:::example-company-deploys",
      "arn:aws:s3:::example-company-deploys/*",
    ]);
    expect(access.get("sqs")!.level).toBe("Write");
    expect(access.get("sqs")!.levels.Read![0].resourceScope).toEqual([
      "arn:aws:sqs:eu-west-1:123456789012:app-*",
    ]);
  });

  it("wildcards expand against the catalogue: s3:Get* is Read only", () => {
    const access = effectiveAccess(
      [
        attach(
          { Version: V, Statement: [{ Effect: "Allow", Action: "s3:Get*", Resource: "*" }] },
          { policyName: "GetOnly" },
        ),
      ],
      catalog,
    );
    expect(levelsOf(access[0])).toEqual(["Read"]);
    expect(access[0].levels.Read![0].examples.every((e) => e.startsWith("s3:Get"))).toBe(true);
  });

  it("an Allow with a Condition is marked conditional", () => {
    const mfa = attach(
      {
        Version: V,
        Statement: [
          {
            Effect: "Allow",
            Action: "ec2:TerminateInstances",
            Resource: "*",
            Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } },
          },
        ],
      },
      { policyName: "MfaTerminate" },
    );
    expect(effectiveAccess([mfa], catalog)[0].levels.Write![0].conditional).toBe(true);
    expect(
      effectiveAccess([attach(devOps, { policyName: "DevOps" })], catalog).every((s) =>
        Object.values(s.levels)
          .flat()
          .every((g) => !g.conditional),
      ),
    ).toBe(true);
  });

  it("Allow with NotAction expands to every catalogue action not listed", () => {
    const powerUser = attach(
      {
        Version: V,
        Statement: [{ Effect: "Allow", NotAction: ["iam:*", "organizations:*", "account:*"], Resource: "*" }],
      },
      { policyName: "PowerUserAccess" },
    );
    const access = byService(effectiveAccess([powerUser], catalog));
    expect(access.has("iam")).toBe(false);
    expect(access.has("organizations")).toBe(false);
    expect(access.get("s3")!.level).toBe("Permissions management");
    expect(access.size).toBe(catalog.services.size - 3);
  });
});

describe("effectiveAccess: Deny", () => {
  const admin = attach(
    { Version: V, Statement: [{ Sid: "Admin", Effect: "Allow", Action: "*", Resource: "*" }] },
    { policyName: "AdministratorAccess", via: { type: "group", groupName: "admins" } },
  );

  it("a Deny on every resource removes its actions; a service fully denied keeps the explanation", () => {
    const noIam = attach(
      { Version: V, Statement: [{ Sid: "NoIam", Effect: "Deny", Action: "iam:*", Resource: "*" }] },
      { policyName: "NoIam", kind: "inline" },
    );
    const noDelete = attach(
      { Version: V, Statement: [{ Sid: "NoDelete", Effect: "Deny", Action: "s3:Delete*", Resource: "*" }] },
      { policyName: "NoDelete", kind: "inline" },
    );
    const access = byService(effectiveAccess([admin, noIam, noDelete], catalog));
    const iam = access.get("iam")!;
    expect(iam.level).toBeNull();
    expect(iam.levels).toEqual({});
    expect(iam.fullyDenied.length).toBeGreaterThan(0);
    expect(iam.fullyDenied[0].deniedBy[0]).toMatchObject({
      policyName: "NoIam",
      sid: "NoIam",
      impact: "removed",
    });
    const s3Write = access.get("s3")!.levels.Write![0];
    expect(s3Write.actionCount).toBe(
      catalog.services.get("s3")!.actions.filter((a) => a.level === "Write").length -
        catalog.expand("s3:Delete*").filter((a) => a.level === "Write").length,
    );
    expect(s3Write.examples.some((e) => e.startsWith("s3:Delete"))).toBe(false);
    expect(s3Write.deniedBy).toMatchObject([{ policyName: "NoDelete", impact: "removed" }]);
    // Untouched services keep the shared grant as is.
    expect(access.get("ec2")!.levels.Write![0].deniedBy).toEqual([]);
  });

  it("a Deny scoped to some resources, or with a Condition, makes the grant partially denied", () => {
    const guard = attach(
      {
        Version: V,
        Statement: [
          { Sid: "ProtectProd", Effect: "Deny", Action: "s3:DeleteObject", Resource: "arn:aws:s3:::prod/*" },
          {
            Sid: "NoStopOutsideEu",
            Effect: "Deny",
            Action: "ec2:StopInstances",
            Resource: "*",
            Condition: { StringNotEquals: { "aws:RequestedRegion": "eu-west-1" } },
          },
        ],
      },
      { policyName: "Guard" },
    );
    const access = byService(effectiveAccess([admin, guard], catalog));
    const s3Write = access.get("s3")!.levels.Write![0];
    expect(s3Write.actionCount).toBe(
      catalog.services.get("s3")!.actions.filter((a) => a.level === "Write").length,
    );
    expect(s3Write.deniedBy).toMatchObject([
      { sid: "ProtectProd", impact: "partial", actionCount: 1, conditional: false },
    ]);
    expect(access.get("ec2")!.levels.Write![0].deniedBy).toMatchObject([
      { sid: "NoStopOutsideEu", impact: "partial", conditional: true },
    ]);
  });

  it("a Deny covering exactly the granted bucket removes; one on another bucket does not touch it", () => {
    const allowBilling = attach(
      { Version: V, Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "arn:aws:s3:::billing/*" }] },
      { policyName: "Billing" },
    );
    const denyBillingDelete = attach(
      {
        Version: V,
        Statement: [{ Effect: "Deny", Action: "s3:DeleteObject*", Resource: "arn:aws:s3:::billing/*" }],
      },
      { policyName: "Keep" },
    );
    const denyHr = attach(
      { Version: V, Statement: [{ Effect: "Deny", Action: "s3:*", Resource: "arn:aws:s3:::hr/*" }] },
      { policyName: "NoHr" },
    );
    const s3 = effectiveAccess([allowBilling, denyBillingDelete, denyHr], catalog)[0];
    const write = s3.levels.Write![0];
    expect(write.deniedBy.map((d) => [d.policyName, d.impact])).toEqual([["Keep", "removed"]]);
    expect(write.examples.some((e) => e.startsWith("s3:DeleteObject"))).toBe(false);
  });
});

describe("caching", () => {
  it("users with the same policies share one computation, with the same answer as the uncached path", () => {
    const shared = [
      attach(devOps, { policyName: "DevOps", via: { type: "group", groupName: "devops" } }),
      attach(s3ReadOnly, { policyName: "S3RO" }),
    ];
    const cache = createAccessCache(catalog);
    const first = cache.accessForPolicySet(shared);
    const second = cache.accessForPolicySet([...shared].reverse());
    expect(second).toBe(first);
    expect(cache.stats()).toEqual({ setHits: 1, setMisses: 1 });
    expect(effectiveAccessUncached(shared, catalog)).toEqual(first);
    const other = cache.accessForPolicySet([shared[0]]);
    expect(other).not.toBe(first);
    expect(cache.stats().setMisses).toBe(2);
  });
});
