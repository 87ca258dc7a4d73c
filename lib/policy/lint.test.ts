import { beforeAll, describe, expect, it } from "vitest";
import { loadCatalog, type Catalog } from "./catalog";
import { lintPolicy, type PolicyPlacement } from "./lint";

let catalog: Catalog;
beforeAll(async () => {
  catalog = await loadCatalog();
});

const V = "2012-10-17";
const lint = (doc: string | object, kind: PolicyPlacement = "managed") => lintPolicy(doc, { kind, catalog });
const codes = (findings: { code: string }[]) => findings.map((f) => f.code);

describe("lintPolicy: errors", () => {
  it("passes a tidy, scoped policy with no findings", () => {
    const result = lint({
      Version: V,
      Statement: [
        {
          Sid: "ListBilling",
          Effect: "Allow",
          Action: "s3:ListBucket",
          Resource: "arn:aws:s3:::example-company-billing",
        },
        {
          Effect: "Allow",
          Action: ["s3:GetObject", "s3:GetObjectVersion"],
          Resource: "arn:aws:s3:::example-company-billing/*",
        },
      ],
    });
    expect(result).toEqual({ errors: [], warnings: [] });
  });

  it("reports invalid JSON and grammar errors", () => {
    expect(codes(lint("{ not json").errors)).toEqual(["invalid-json"]);
    expect(
      codes(
        lint({ Version: V, Statement: [{ Effect: "Permit", Action: "s3:GetObject", Resource: "*" }] }).errors,
      ),
    ).toEqual(["invalid-effect"]);
  });

  it("reports unknown services and actions that match nothing in the catalogue", () => {
    const result = lint({
      Version: V,
      Statement: [
        {
          Effect: "Allow",
          Action: ["s4:GetObject", "s3:GetObjekt", "s3:Fly*", "s3:Get*"],
          Resource: "arn:aws:s3:::b/*",
        },
      ],
    });
    expect(result.errors.map((e) => `${e.code}@${e.path}`)).toEqual([
      "unknown-service@Statement[0].Action[0]",
      "unknown-action@Statement[0].Action[1]",
      "unknown-action@Statement[0].Action[2]",
    ]);
    expect(result.errors[1].message).toBe(
      '"s3:GetObjekt" matches no action of Amazon S3. Check the spelling.',
    );
  });

  it("enforces the size quota of the place the policy goes, not counting whitespace", () => {
    const actions = catalog.services
      .get("ec2")!
      .actions.slice(0, 110)
      .map((a) => a.fullName);
    const doc = JSON.stringify(
      {
        Version: V,
        Statement: [{ Effect: "Allow", Action: actions, Resource: "arn:aws:ec2:*:*:instance/*" }],
      },
      null,
      2,
    );
    expect(codes(lint(doc, "role-inline").errors)).toEqual([]);
    expect(codes(lint(doc, "user-inline").errors)).toEqual(["policy-too-large"]);
    expect(lint(doc, "user-inline").errors[0].message).toMatch(
      /AWS allows at most 2,048 for a user's inline policies/,
    );
  });

  it("parses trust policies with their own grammar", () => {
    const trust = {
      Version: V,
      Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
    };
    expect(lint(trust, "trust")).toEqual({ errors: [], warnings: [] });
    expect(codes(lint(trust, "managed").errors)).toEqual([
      "missing-resource",
      "principal-in-identity-policy",
    ]);
    const anyone = {
      Version: V,
      Statement: [{ Effect: "Allow", Principal: { AWS: "*" }, Action: "sts:AssumeRole" }],
    };
    expect(codes(lint(anyone, "trust").warnings)).toEqual(["trust-anyone"]);
  });
});

describe("lintPolicy: warnings", () => {
  it("flags full administrator access", () => {
    const result = lint({ Version: V, Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] });
    expect(result.errors).toEqual([]);
    expect(codes(result.warnings)).toEqual(["allows-everything"]);
  });

  it("flags a wildcard that grants Write on all resources, but not a read-only wildcard", () => {
    const ec2 = lint({
      Version: V,
      Statement: [{ Effect: "Allow", Action: "ec2:*", Resource: "*" }],
    }).warnings;
    expect(codes(ec2)).toEqual(["broad-write-on-all-resources"]);
    expect(ec2[0].message).toMatch(/such as ec2:\w+/);
    expect(
      codes(
        lint({ Version: V, Statement: [{ Effect: "Allow", Action: "ec2:Describe*", Resource: "*" }] })
          .warnings,
      ),
    ).toEqual([]);
    expect(
      codes(
        lint({
          Version: V,
          Statement: [{ Effect: "Allow", Action: "ec2:*", Resource: "arn:aws:ec2:*:*:instance/i-1" }],
        }).warnings,
      ),
    ).toEqual([]);
  });

  it("flags Allow with NotAction", () => {
    const result = lint({ Version: V, Statement: [{ Effect: "Allow", NotAction: "iam:*", Resource: "*" }] });
    expect(codes(result.warnings)).toContain("allow-with-notaction");
    // A Deny with NotAction is a common guard rail and is fine.
    expect(
      lint({ Version: V, Statement: [{ Effect: "Deny", NotAction: "iam:ChangePassword", Resource: "*" }] })
        .warnings,
    ).toEqual([]);
  });

  it("flags privilege-escalation actions, PassRole only when on every role", () => {
    const result = lint({
      Version: V,
      Statement: [{ Effect: "Allow", Action: ["iam:CreatePolicyVersion", "iam:PassRole"], Resource: "*" }],
    });
    const finding = result.warnings.find((w) => w.code === "privilege-escalation");
    expect(finding?.message).toContain("iam:CreatePolicyVersion");
    expect(finding?.message).toContain("iam:PassRole");
    const scoped = lint({
      Version: V,
      Statement: [
        { Effect: "Allow", Action: "iam:PassRole", Resource: "arn:aws:iam::123456789012:role/app" },
      ],
    });
    expect(scoped.warnings).toEqual([]);
    const wildcard = lint({
      Version: V,
      Statement: [{ Effect: "Allow", Action: "iam:Attach*", Resource: "arn:aws:iam::123456789012:user/*" }],
    });
    expect(codes(wildcard.warnings)).toEqual(["privilege-escalation"]);
  });

  it("flags lambda:CreateFunction together with iam:PassRole across statements", () => {
    const result = lint({
      Version: V,
      Statement: [
        { Effect: "Allow", Action: "iam:PassRole", Resource: "arn:aws:iam::123456789012:role/lambda-*" },
        {
          Effect: "Allow",
          Action: "lambda:CreateFunction",
          Resource: "arn:aws:lambda:*:123456789012:function:*",
        },
      ],
    });
    expect(result.warnings.map((w) => `${w.code}@${w.path}`)).toEqual(["passrole-combination@Statement[1]"]);
  });

  it("flags reading data in every bucket, and a missing Version", () => {
    const result = lint({
      Statement: [{ Effect: "Allow", Action: ["s3:GetObject", "s3:ListAllMyBuckets"], Resource: "*" }],
    });
    expect(codes(result.warnings)).toEqual(["legacy-version", "unscoped-data-access"]);
    expect(result.warnings[1].message).toContain("read the data in every Amazon S3 resource");
  });
});
