import { describe, expect, it } from "vitest";
import { parsePolicy } from "./parse";

describe("parsePolicy", () => {
  it("normalises a single Statement object and string Action/Resource into arrays", () => {
    const result = parsePolicy(
      `{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}}`,
    );
    expect(result).toEqual({
      ok: true,
      document: {
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: ["s3:GetObject"], Resource: ["arn:aws:s3:::b/*"] }],
      },
    });
  });

  it("decodes a URL-encoded document (as IAM returns it) exactly once", () => {
    const text = JSON.stringify({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/a%20b" }],
    });
    const result = parsePolicy(encodeURIComponent(text));
    expect(result.ok && result.document.Statement[0].Resource).toEqual(["arn:aws:s3:::b/a%20b"]);
  });

  it("normalises condition values to strings and Principal values to arrays in trust policies", () => {
    const result = parsePolicy(
      {
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Principal: { Service: "ec2.amazonaws.com" },
            Action: "sts:AssumeRole",
            Condition: { Bool: { "aws:MultiFactorAuthPresent": true } },
          },
        ],
      },
      { kind: "trust" },
    );
    expect(result.ok && result.document.Statement[0]).toEqual({
      Effect: "Allow",
      Principal: { Service: ["ec2.amazonaws.com"] },
      Action: ["sts:AssumeRole"],
      Condition: { Bool: { "aws:MultiFactorAuthPresent": ["true"] } },
    });
  });

  it("reports invalid JSON", () => {
    const result = parsePolicy(`{"Version": "2012-10-17",`);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors[0].code).toBe("invalid-json");
  });

  it("reports grammar errors with a path into the document", () => {
    const result = parsePolicy({
      Version: "2012-10-17",
      Statement: [
        { Sid: "Ok1", Effect: "Allow", Action: "s3:ListBucket", Resource: "*" },
        {
          Sid: "bad-sid",
          Effect: "allow",
          Action: "s3:GetObject",
          NotAction: "s3:PutObject",
          Resource: "*",
          Extra: 1,
        },
        { Effect: "Deny", Action: "s3:*" },
      ],
    });
    expect(result.ok).toBe(false);
    const paths = !result.ok ? result.errors.map((e) => `${e.code}@${e.path}`) : [];
    expect(paths).toEqual(
      expect.arrayContaining([
        "unknown-key@Statement[1].Extra",
        "invalid-sid@Statement[1].Sid",
        "invalid-effect@Statement[1].Effect",
        "conflicting-elements@Statement[1].NotAction",
        "missing-resource@Statement[2].Resource",
      ]),
    );
    expect(paths.some((p) => p.includes("Statement[0]"))).toBe(false);
  });

  it("rejects Principal in identity policies, unknown top-level keys, bad versions and operators", () => {
    const result = parsePolicy({
      Version: "2012-10-18",
      Foo: 1,
      Statement: [
        {
          Effect: "Allow",
          Principal: "*",
          Action: "s3:GetObject",
          Resource: "*",
          Condition: { StringEqualz: { "aws:username": "a" } },
        },
      ],
    });
    const codes = !result.ok ? result.errors.map((e) => e.code) : [];
    expect(codes).toEqual(
      expect.arrayContaining([
        "invalid-version",
        "unknown-key",
        "principal-in-identity-policy",
        "unknown-condition-operator",
      ]),
    );
  });

  it("requires a Principal and forbids Resource in trust policies", () => {
    const result = parsePolicy(
      { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Resource: "*" }] },
      { kind: "trust" },
    );
    const codes = !result.ok ? result.errors.map((e) => e.code) : [];
    expect(codes).toEqual(["resource-in-trust", "missing-principal"]);
  });

  it("rejects duplicate Sids and malformed actions", () => {
    const result = parsePolicy({
      Version: "2012-10-17",
      Statement: [
        { Sid: "A", Effect: "Allow", Action: "s3 GetObject", Resource: "*" },
        { Sid: "A", Effect: "Allow", Action: "s3:GetObject", Resource: "*" },
      ],
    });
    const codes = !result.ok ? result.errors.map((e) => `${e.code}@${e.path}`) : [];
    expect(codes).toEqual(["invalid-action@Statement[0].Action[0]", "duplicate-sid@Statement[1].Sid"]);
  });

  it("accepts ForAllValues/IfExists operators and a missing Sid", () => {
    const result = parsePolicy({
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Action: "*",
          Resource: "*",
          Condition: {
            "ForAllValues:StringLikeIfExists": { "aws:TagKeys": ["team", "env"] },
            Null: { "aws:TokenIssueTime": "false" },
          },
        },
      ],
    });
    expect(result.ok).toBe(true);
  });
});
