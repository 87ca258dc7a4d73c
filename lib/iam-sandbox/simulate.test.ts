import {
  AttachUserPolicyCommand,
  CreatePolicyCommand,
  CreateUserCommand,
  PutUserPolicyCommand,
  SimulateCustomPolicyCommand,
  SimulatePrincipalPolicyCommand,
  paginateSimulatePrincipalPolicy,
} from "@aws-sdk/client-iam";
import { describe, expect, it } from "vitest";
import { doc, expectIamError, sandboxForFile } from "./test/helpers";

const { iam } = sandboxForFile({ seed: "example-company" });
const user = (name: string) => `arn:aws:iam::123456789012:user/${name}`;

async function decide(name: string, action: string, resource: string) {
  const r = await iam.send(
    new SimulatePrincipalPolicyCommand({
      PolicySourceArn: user(name),
      ActionNames: [action],
      ResourceArns: [resource],
    }),
  );
  return r.EvaluationResults![0];
}

describe("SimulatePrincipalPolicy", () => {
  it("includes group policies: the accountant reads the billing bucket and nothing else", async () => {
    const read = await decide("mary", "s3:GetObject", "arn:aws:s3:::example-company-billing/2024/01.csv");
    expect(read.EvalDecision).toBe("allowed");
    expect(read.MatchedStatements![0]).toMatchObject({
      SourcePolicyId: "AccountantBillingReadOnly",
      SourcePolicyType: "user-managed",
    });
    expect(
      (await decide("mary", "s3:PutObject", "arn:aws:s3:::example-company-billing/x")).EvalDecision,
    ).toBe("implicitDeny");
    expect((await decide("mary", "s3:GetObject", "arn:aws:s3:::other-bucket/x")).EvalDecision).toBe(
      "implicitDeny",
    );
    const own = await decide("mary", "iam:ChangePassword", "arn:aws:iam::123456789012:user/mary");
    expect(own).toMatchObject({ EvalDecision: "allowed" });
    expect(
      (await decide("mary", "iam:ChangePassword", "arn:aws:iam::123456789012:user/sally")).EvalDecision,
    ).toBe("implicitDeny");
  });

  it("explicit deny wins; NotAction and NotResource; wildcards", async () => {
    await iam.send(new CreateUserCommand({ UserName: "sim" }));
    const admin = "arn:aws:iam::aws:policy/AdministratorAccess";
    await iam.send(new AttachUserPolicyCommand({ UserName: "sim", PolicyArn: admin }));
    await iam.send(
      new PutUserPolicyCommand({
        UserName: "sim",
        PolicyName: "guard",
        PolicyDocument: doc([
          { Effect: "Deny", Action: "iam:Delete*", Resource: "*" },
          { Effect: "Deny", NotAction: ["s3:*", "iam:*", "sqs:*"], Resource: "*" },
          { Effect: "Deny", Action: "sqs:*", NotResource: "arn:aws:sqs:us-east-1:123456789012:orders" },
        ]),
      }),
    );
    const del = await decide("sim", "iam:DeleteUser", "*");
    expect(del.EvalDecision).toBe("explicitDeny");
    expect(del.MatchedStatements![0].SourcePolicyId).toBe("guard");
    expect((await decide("sim", "iam:CreateUser", "*")).EvalDecision).toBe("allowed");
    expect((await decide("sim", "ec2:RunInstances", "*")).EvalDecision).toBe("explicitDeny");
    expect(
      (await decide("sim", "sqs:SendMessage", "arn:aws:sqs:us-east-1:123456789012:orders")).EvalDecision,
    ).toBe("allowed");
    expect(
      (await decide("sim", "sqs:SendMessage", "arn:aws:sqs:us-east-1:123456789012:other")).EvalDecision,
    ).toBe("explicitDeny");
    expect((await decide("sim", "S3:getobject", "arn:aws:s3:::b/k")).EvalDecision).toBe("allowed");
  });

  it("pages through results and rejects unknown principals", async () => {
    const actions = Array.from({ length: 7 }, (_, i) => `s3:Get${i}`);
    const seen: string[] = [];
    for await (const page of paginateSimulatePrincipalPolicy(
      { client: iam, pageSize: 3 },
      { PolicySourceArn: user("sally"), ActionNames: actions },
    ))
      seen.push(...page.EvaluationResults!.map((r) => r.EvalActionName!));
    expect(seen).toEqual(actions);
    await expectIamError(
      iam.send(
        new SimulatePrincipalPolicyCommand({ PolicySourceArn: user("peter"), ActionNames: ["s3:GetObject"] }),
      ),
      "NoSuchEntity",
      404,
    );
    const p = await iam.send(
      new CreatePolicyCommand({
        PolicyName: "unused",
        PolicyDocument: doc([{ Effect: "Allow", Action: "*", Resource: "*" }]),
      }),
    );
    expect(p.Policy!.AttachmentCount).toBe(0);
  });
});

describe("conditions in simulations", () => {
  const mfaOnly = JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Action: "s3:DeleteObject",
        Resource: "*",
        Condition: {
          Bool: { "aws:MultiFactorAuthPresent": "true" },
          IpAddress: { "aws:SourceIp": "10.0.0.0/8" },
        },
      },
    ],
  });
  const custom = (extra: object) =>
    iam.send(
      new SimulateCustomPolicyCommand({
        PolicyInputList: [mfaOnly],
        ActionNames: ["s3:DeleteObject"],
        ResourceArns: ["arn:aws:s3:::b/k"],
        ...extra,
      }),
    );

  it("SimulateCustomPolicy evaluates a condition against ContextEntries and names the keys it lacks", async () => {
    const without = (await custom({})).EvaluationResults![0];
    expect(without.EvalDecision).toBe("implicitDeny");
    expect([...without.MissingContextValues!].sort()).toEqual(["aws:MultiFactorAuthPresent", "aws:SourceIp"]);
    const entries = (mfa: string, ip: string) => ({
      ContextEntries: [
        { ContextKeyName: "aws:MultiFactorAuthPresent", ContextKeyValues: [mfa], ContextKeyType: "boolean" },
        { ContextKeyName: "aws:SourceIp", ContextKeyValues: [ip], ContextKeyType: "ip" },
      ],
    });
    expect((await custom(entries("true", "10.1.2.3"))).EvaluationResults![0].EvalDecision).toBe("allowed");
    const outside = (await custom(entries("true", "192.0.2.1"))).EvaluationResults![0];
    expect(outside).toMatchObject({ EvalDecision: "implicitDeny", MissingContextValues: [] });
  });

  it("a permissions boundary in the input list caps the decision, and says so", async () => {
    const boundary = JSON.stringify({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }],
    });
    const r = await iam.send(
      new SimulatePrincipalPolicyCommand({
        PolicySourceArn: user("mary"),
        ActionNames: ["s3:GetObject", "s3:ListBucket"],
        ResourceArns: ["arn:aws:s3:::example-company-billing/2024/01.csv"],
        PermissionsBoundaryPolicyInputList: [boundary],
      }),
    );
    expect(
      r.EvaluationResults!.map((e) => [
        e.EvalActionName,
        e.EvalDecision,
        e.PermissionsBoundaryDecisionDetail,
      ]),
    ).toEqual([
      ["s3:GetObject", "allowed", { AllowedByPermissionsBoundary: true }],
      ["s3:ListBucket", "implicitDeny", { AllowedByPermissionsBoundary: false }],
    ]);
  });
});
