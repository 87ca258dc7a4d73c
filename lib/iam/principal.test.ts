import { describe, expect, it } from "vitest";
import { identityInWords, identityOf } from "./principal";

// The caller ARNs STS GetCallerIdentity returns (docs/iam-facts.md#simulating-policies).

describe("identityOf", () => {
  it("an IAM user, with its path", () => {
    const id = identityOf("arn:aws:iam::123456789012:user/apps/gatehouse-app");
    expect(id).toEqual({
      kind: "user",
      arn: "arn:aws:iam::123456789012:user/apps/gatehouse-app",
      partition: "aws",
      accountId: "123456789012",
      userName: "gatehouse-app",
      path: "/apps/",
    });
    expect(identityInWords(id)).toBe("IAM user gatehouse-app (path /apps/)");
    expect(identityInWords(identityOf("arn:aws:iam::123456789012:user/gatehouse-app"))).toBe(
      "IAM user gatehouse-app",
    );
  });

  it("a role session names its role and session", () => {
    const id = identityOf("arn:aws-cn:sts::123456789012:assumed-role/GatehouseApp/i-0abc");
    expect(id).toMatchObject({
      kind: "assumed-role",
      partition: "aws-cn",
      roleName: "GatehouseApp",
      sessionName: "i-0abc",
    });
    expect(identityInWords(id)).toBe("Assumed role GatehouseApp, session i-0abc");
  });

  it("the root, a federated user, and what is neither", () => {
    expect(identityOf("arn:aws:iam::123456789012:root")).toMatchObject({
      kind: "root",
      accountId: "123456789012",
    });
    expect(identityOf("arn:aws:sts::123456789012:federated-user/bob")).toMatchObject({
      kind: "federated-user",
      userName: "bob",
    });
    // a role ARN is never a caller; an sts user or a malformed ARN is nothing we know
    for (const arn of [
      "arn:aws:iam::123456789012:role/GatehouseApp",
      "arn:aws:sts::123456789012:user/bob",
      "arn:aws:iam::12345:user/bob",
      "not an arn",
    ])
      expect(identityOf(arn), arn).toEqual({ kind: "unknown", arn });
  });
});
