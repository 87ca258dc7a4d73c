import {
  CreateGroupCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  GetGroupPolicyCommand,
  GetPolicyCommand,
  GetRoleCommand,
  ListAccountAliasesCommand,
  ListGroupPoliciesCommand,
  ListPolicyTagsCommand,
  ListRolePoliciesCommand,
  ListRoleTagsCommand,
  PutGroupPolicyCommand,
  PutRolePolicyCommand,
  TagPolicyCommand,
  TagRoleCommand,
  UntagPolicyCommand,
  UntagRoleCommand,
  UpdateRoleDescriptionCommand,
} from "@aws-sdk/client-iam";
import { describe, expect, it } from "vitest";
import { allow, doc, expectIamError, sandboxForFile } from "./test/helpers";

const { iam } = sandboxForFile();
const trust = doc([
  { Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" },
]);

describe("tags on policies and roles", () => {
  it("tags and untags a customer-managed policy; AWS-managed ones cannot be tagged", async () => {
    const p = await iam.send(
      new CreatePolicyCommand({
        PolicyName: "tagged",
        PolicyDocument: doc([allow("s3:ListBucket")]),
        Tags: [{ Key: "team", Value: "ops" }],
      }),
    );
    const arn = p.Policy!.Arn!;
    await iam.send(new TagPolicyCommand({ PolicyArn: arn, Tags: [{ Key: "cost", Value: "42" }] }));
    await iam.send(new UntagPolicyCommand({ PolicyArn: arn, TagKeys: ["team"] }));
    expect((await iam.send(new ListPolicyTagsCommand({ PolicyArn: arn }))).Tags).toEqual([
      { Key: "cost", Value: "42" },
    ]);
    expect((await iam.send(new GetPolicyCommand({ PolicyArn: arn }))).Policy!.Tags).toEqual([
      { Key: "cost", Value: "42" },
    ]);
    await expectIamError(
      iam.send(
        new TagPolicyCommand({
          PolicyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess",
          Tags: [{ Key: "a", Value: "b" }],
        }),
      ),
      "AccessDenied",
      403,
    );
  });

  it("tags roles and updates their description", async () => {
    await iam.send(
      new CreateRoleCommand({
        RoleName: "tagged-role",
        AssumeRolePolicyDocument: trust,
        Tags: [{ Key: "env", Value: "dev" }],
      }),
    );
    await iam.send(
      new TagRoleCommand({
        RoleName: "tagged-role",
        Tags: [
          { Key: "env", Value: "prod" },
          { Key: "owner", Value: "sally" },
        ],
      }),
    );
    await iam.send(new UntagRoleCommand({ RoleName: "tagged-role", TagKeys: ["owner"] }));
    expect((await iam.send(new ListRoleTagsCommand({ RoleName: "tagged-role" }))).Tags).toEqual([
      { Key: "env", Value: "prod" },
    ]);
    const updated = await iam.send(
      new UpdateRoleDescriptionCommand({ RoleName: "tagged-role", Description: "for tests" }),
    );
    expect(updated.Role!.Description).toBe("for tests");
    expect((await iam.send(new GetRoleCommand({ RoleName: "tagged-role" }))).Role!.Tags).toEqual([
      { Key: "env", Value: "prod" },
    ]);
    const many = Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: "v" }));
    await expectIamError(
      iam.send(new TagRoleCommand({ RoleName: "tagged-role", Tags: many })),
      "ValidationError",
      400,
    );
  });
});

describe("group and role inline policy listings", () => {
  it("lists names in order and returns documents encoded", async () => {
    await iam.send(new CreateGroupCommand({ GroupName: "lister" }));
    for (const name of ["zeta", "alpha", "mid"])
      await iam.send(
        new PutGroupPolicyCommand({
          GroupName: "lister",
          PolicyName: name,
          PolicyDocument: doc([allow("sqs:ListQueues")]),
        }),
      );
    expect((await iam.send(new ListGroupPoliciesCommand({ GroupName: "lister" }))).PolicyNames).toEqual([
      "alpha",
      "mid",
      "zeta",
    ]);
    const got = await iam.send(new GetGroupPolicyCommand({ GroupName: "lister", PolicyName: "mid" }));
    expect(got).toMatchObject({ GroupName: "lister", PolicyName: "mid" });
    expect(JSON.parse(decodeURIComponent(got.PolicyDocument!)).Statement[0].Action).toBe("sqs:ListQueues");
    await iam.send(new CreateRoleCommand({ RoleName: "lister-role", AssumeRolePolicyDocument: trust }));
    await iam.send(
      new PutRolePolicyCommand({
        RoleName: "lister-role",
        PolicyName: "only",
        PolicyDocument: doc([allow("sqs:ListQueues")]),
      }),
    );
    expect((await iam.send(new ListRolePoliciesCommand({ RoleName: "lister-role" }))).PolicyNames).toEqual([
      "only",
    ]);
    expect((await iam.send(new ListAccountAliasesCommand({}))).AccountAliases).toEqual([]);
  });
});
