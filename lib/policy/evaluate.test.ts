import { describe, expect, it } from "vitest";
import type { RequestContextInput } from "./context";
import { evaluate, type PolicyInput } from "./evaluate";
import { parsePolicy } from "./parse";

function policy(doc: object, source = "p"): PolicyInput<string> {
  const parsed = parsePolicy(doc);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return { document: parsed.document, source };
}
const V = "2012-10-17";
/** A policy of one statement. */
const policyOf = (statement: object, source?: string) =>
  policy({ Version: V, Statement: [statement] }, source);
/** The decision `policies` make on one request. */
const decision = (
  policies: PolicyInput<string>[],
  action: string,
  resource: string,
  context?: RequestContextInput,
) => evaluate({ action, resource, context }, policies).decision;

describe("evaluate: decision order (explicit deny, allow, implicit deny)", () => {
  const allowS3 = policy(
    { Version: V, Statement: [{ Sid: "AllowS3", Effect: "Allow", Action: "s3:*", Resource: "*" }] },
    "s3-full",
  );
  const denyDelete = policy(
    {
      Version: V,
      Statement: [
        { Sid: "NoDelete", Effect: "Deny", Action: "s3:DeleteObject", Resource: "arn:aws:s3:::prod/*" },
      ],
    },
    "guard",
  );

  it("allows when an Allow matches and no Deny does", () => {
    const r = evaluate({ action: "s3:GetObject", resource: "arn:aws:s3:::prod/a.txt" }, [
      allowS3,
      denyDelete,
    ]);
    expect(r).toEqual({
      decision: "allowed",
      matched: [{ source: "s3-full", sid: "AllowS3", statementIndex: 0, effect: "Allow" }],
    });
  });

  it("an explicit Deny in any policy overrides an Allow", () => {
    const r = evaluate({ action: "s3:DeleteObject", resource: "arn:aws:s3:::prod/a.txt" }, [
      allowS3,
      denyDelete,
    ]);
    expect(r.decision).toBe("explicitDeny");
    expect(r.matched.map((m) => m.source)).toEqual(["s3-full", "guard"]);
  });

  it("denies implicitly when nothing matches", () => {
    const r = evaluate({ action: "ec2:RunInstances", resource: "*" }, [allowS3, denyDelete]);
    expect(r).toEqual({ decision: "implicitDeny", matched: [] });
  });
});

describe("evaluate: action and resource matching", () => {
  const getStar = policyOf({
    Effect: "Allow",
    Action: "s3:Get*",
    Resource: "arn:aws:s3:::example-company-billing/*",
  });

  it("matches actions case-insensitively with * wildcards", () => {
    expect(
      evaluate({ action: "S3:getobject", resource: "arn:aws:s3:::example-company-billing/x" }, [getStar])
        .decision,
    ).toBe("allowed");
    expect(
      evaluate({ action: "s3:PutObject", resource: "arn:aws:s3:::example-company-billing/x" }, [getStar])
        .decision,
    ).toBe("implicitDeny");
  });

  it("matches ARNs case-sensitively; * spans / and ? is one character", () => {
    expect(
      evaluate({ action: "s3:GetObject", resource: "arn:aws:s3:::example-company-billing/2026/q1/a.csv" }, [
        getStar,
      ]).decision,
    ).toBe("allowed");
    expect(
      evaluate({ action: "s3:GetObject", resource: "arn:aws:s3:::Example-Company-Billing/x" }, [getStar])
        .decision,
    ).toBe("implicitDeny");
    const q = policyOf({
      Effect: "Allow",
      Action: "ec2:StartInstances",
      Resource: "arn:aws:ec2:us-east-?:*:instance/*",
    });
    expect(
      evaluate(
        { action: "ec2:StartInstances", resource: "arn:aws:ec2:us-east-1:111122223333:instance/i-1" },
        [q],
      ).decision,
    ).toBe("allowed");
    expect(
      evaluate(
        { action: "ec2:StartInstances", resource: "arn:aws:ec2:us-east-10:111122223333:instance/i-1" },
        [q],
      ).decision,
    ).toBe("implicitDeny");
  });

  it("the bucket ARN and the object ARNs are different resources", () => {
    expect(
      evaluate({ action: "s3:GetObject", resource: "arn:aws:s3:::example-company-billing" }, [getStar])
        .decision,
    ).toBe("implicitDeny");
  });
});

describe("evaluate: NotAction and NotResource (IAM User Guide examples)", () => {
  // "Allow everything except IAM" — NotAction with Allow.
  const allExceptIam = policyOf({ Effect: "Allow", NotAction: "iam:*", Resource: "*" });
  // "Deny everything unless MFA", but only for actions other than the listed ones.
  const denyUnlessMfa = policyOf({
    Effect: "Deny",
    NotAction: ["iam:ChangePassword", "sts:GetSessionToken"],
    Resource: "*",
    Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } },
  });

  it("Allow+NotAction allows every action not listed and nothing listed", () => {
    expect(evaluate({ action: "s3:GetObject", resource: "*" }, [allExceptIam]).decision).toBe("allowed");
    expect(evaluate({ action: "iam:CreateUser", resource: "*" }, [allExceptIam]).decision).toBe(
      "implicitDeny",
    );
  });

  it("Deny+NotAction denies everything except the listed actions when MFA is absent", () => {
    const both = [allExceptIam, denyUnlessMfa];
    expect(
      evaluate(
        { action: "s3:GetObject", resource: "*", context: { "aws:MultiFactorAuthPresent": false } },
        both,
      ).decision,
    ).toBe("explicitDeny");
    expect(
      evaluate(
        { action: "s3:GetObject", resource: "*", context: { "aws:MultiFactorAuthPresent": true } },
        both,
      ).decision,
    ).toBe("allowed");
    // BoolIfExists: key absent (long-term access keys) → condition true → denied.
    expect(evaluate({ action: "s3:GetObject", resource: "*" }, both).decision).toBe("explicitDeny");
  });

  it("Deny+NotResource denies every resource except the listed ones", () => {
    const onlyBilling = [
      policyOf({ Effect: "Allow", Action: "s3:*", Resource: "*" }),
      policyOf({
        Effect: "Deny",
        Action: "s3:*",
        NotResource: ["arn:aws:s3:::billing", "arn:aws:s3:::billing/*"],
      }),
    ];
    expect(
      evaluate({ action: "s3:GetObject", resource: "arn:aws:s3:::billing/a" }, onlyBilling).decision,
    ).toBe("allowed");
    expect(evaluate({ action: "s3:GetObject", resource: "arn:aws:s3:::hr/a" }, onlyBilling).decision).toBe(
      "explicitDeny",
    );
  });
});

describe("evaluate: policy variables", () => {
  const home = policyOf({ Effect: "Allow", Action: "s3:*", Resource: "arn:aws:s3:::home/${aws:username}/*" });
  const alice = { "aws:username": "alice" };

  it("resolves ${aws:username} from the request context", () => {
    expect(decision([home], "s3:PutObject", "arn:aws:s3:::home/alice/notes.txt", alice)).toBe("allowed");
    expect(decision([home], "s3:PutObject", "arn:aws:s3:::home/bob/notes.txt", alice)).toBe("implicitDeny");
  });

  it("treats an unresolvable variable as not matching", () => {
    expect(decision([home], "s3:PutObject", "arn:aws:s3:::home/alice/notes.txt")).toBe("implicitDeny");
  });

  it("uses a default value when the key is missing, and ${*} is a literal asterisk", () => {
    const p = policyOf({
      Effect: "Allow",
      Action: "s3:GetObject",
      Resource: ["arn:aws:s3:::t/${aws:PrincipalTag/team, 'shared'}/*", "arn:aws:s3:::lit/${*}"],
    });
    expect(decision([p], "s3:GetObject", "arn:aws:s3:::t/shared/x")).toBe("allowed");
    expect(decision([p], "s3:GetObject", "arn:aws:s3:::t/eng/x", { "aws:PrincipalTag/team": "eng" })).toBe(
      "allowed",
    );
    expect(decision([p], "s3:GetObject", "arn:aws:s3:::lit/*")).toBe("allowed");
    expect(decision([p], "s3:GetObject", "arn:aws:s3:::lit/abc")).toBe("implicitDeny");
  });

  it("in a 2008-10-17 document a variable is literal text", () => {
    const old = policy({
      Version: "2008-10-17",
      Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "arn:aws:s3:::home/${aws:username}/*" }],
    });
    expect(decision([old], "s3:GetObject", "arn:aws:s3:::home/alice/x", alice)).toBe("implicitDeny");
  });

  it("resolves variables in condition values (s3:prefix home/${aws:username}/)", () => {
    const list = policyOf({
      Effect: "Allow",
      Action: "s3:ListBucket",
      Resource: "arn:aws:s3:::home",
      Condition: { StringLike: { "s3:prefix": ["home/${aws:username}/*"] } },
    });
    const listing = (prefix: string) =>
      decision([list], "s3:ListBucket", "arn:aws:s3:::home", { ...alice, "s3:prefix": prefix });
    expect(listing("home/alice/docs/")).toBe("allowed");
    expect(listing("home/bob/")).toBe("implicitDeny");
  });
});

describe("evaluate: IAM User Guide example policies", () => {
  // "AWS: Denies access to AWS based on the source IP" — two operators AND together.
  const ipGuard = [
    policyOf({ Effect: "Allow", Action: "*", Resource: "*" }, "admin"),
    policy(
      {
        Version: V,
        Statement: [
          {
            Sid: "DenyOutsideOffice",
            Effect: "Deny",
            Action: "*",
            Resource: "*",
            Condition: {
              NotIpAddress: { "aws:SourceIp": ["192.0.2.0/24", "203.0.113.0/24"] },
              Bool: { "aws:ViaAWSService": "false" },
            },
          },
        ],
      },
      "ip-guard",
    ),
  ];

  it("denies calls from outside the office ranges, unless an AWS service makes them", () => {
    const terminate = (sourceIp: string, viaAwsService: boolean) =>
      decision(ipGuard, "ec2:TerminateInstances", "*", {
        "aws:SourceIp": sourceIp,
        "aws:ViaAWSService": viaAwsService,
      });
    expect(terminate("192.0.2.10", false)).toBe("allowed");
    const outside = evaluate(
      {
        action: "ec2:TerminateInstances",
        resource: "*",
        context: { "aws:SourceIp": "198.51.100.7", "aws:ViaAWSService": false },
      },
      ipGuard,
    );
    expect(outside.decision).toBe("explicitDeny");
    expect(outside.matched.find((m) => m.effect === "Deny")).toEqual({
      source: "ip-guard",
      sid: "DenyOutsideOffice",
      statementIndex: 0,
      effect: "Deny",
    });
    expect(terminate("198.51.100.7", true)).toBe("allowed");
  });

  // "Amazon EC2: Allows starting or stopping instances based on tags" — a variable in a condition value.
  it("allows starting only the instances whose Owner tag is the caller's user name", () => {
    const owner = policyOf({
      Effect: "Allow",
      Action: ["ec2:StartInstances", "ec2:StopInstances"],
      Resource: "arn:aws:ec2:*:*:instance/*",
      Condition: { StringEquals: { "aws:ResourceTag/Owner": "${aws:username}" } },
    });
    const start = (ownerTag: string) =>
      decision([owner], "ec2:StartInstances", "arn:aws:ec2:eu-west-1:123456789012:instance/i-0abc", {
        "aws:username": "maria",
        "aws:ResourceTag/Owner": ownerTag,
      });
    expect(start("maria")).toBe("allowed");
    expect(start("peter")).toBe("implicitDeny");
  });

  // "AWS: Allows access within specific dates" — DateGreaterThan and DateLessThan together.
  it("allows access only within a date window", () => {
    const window = policyOf({
      Effect: "Allow",
      Action: "s3:GetObject",
      Resource: "*",
      Condition: {
        DateGreaterThan: { "aws:CurrentTime": "2026-07-01T00:00:00Z" },
        DateLessThan: { "aws:CurrentTime": "2026-12-31T23:59:59Z" },
      },
    });
    const at = (time: string) =>
      decision([window], "s3:GetObject", "arn:aws:s3:::b/k", { "aws:CurrentTime": time });
    expect(at("2026-11-27T18:00:00Z")).toBe("allowed");
    expect(at("2027-01-02T00:00:00Z")).toBe("implicitDeny");
    expect(decision([window], "s3:GetObject", "arn:aws:s3:::b/k")).toBe("implicitDeny");
  });
});
