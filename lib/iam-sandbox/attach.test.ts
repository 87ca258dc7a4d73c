import {
  AttachRolePolicyCommand,
  AttachUserPolicyCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  CreateGroupCommand,
  AttachGroupPolicyCommand,
  DeletePolicyCommand,
  DeleteUserCommand,
  DeleteUserPolicyCommand,
  DetachUserPolicyCommand,
  GetPolicyCommand,
  GetRolePolicyCommand,
  GetUserPolicyCommand,
  ListAttachedUserPoliciesCommand,
  ListEntitiesForPolicyCommand,
  ListPoliciesCommand,
  ListUserPoliciesCommand,
  PutGroupPolicyCommand,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
} from "@aws-sdk/client-iam";
import { describe, expect, it } from "vitest";
import { allow, doc, expectIamError, sandboxForFile } from "./test/helpers";

const { iam } = sandboxForFile();
const trust = doc({ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" });

describe("attached policies", () => {
  it("attach/detach keeps AttachmentCount and ListEntitiesForPolicy true", async () => {
    await iam.send(new CreateUserCommand({ UserName: "u1" }));
    await iam.send(new CreateGroupCommand({ GroupName: "g1" }));
    await iam.send(new CreateRoleCommand({ RoleName: "r1", AssumeRolePolicyDocument: trust }));
    const p = await iam.send(
      new CreatePolicyCommand({ PolicyName: "shared", PolicyDocument: doc(allow("sqs:SendMessage")) }),
    );
    const arn = p.Policy!.Arn!;
    await iam.send(new AttachUserPolicyCommand({ UserName: "u1", PolicyArn: arn }));
    await iam.send(new AttachUserPolicyCommand({ UserName: "u1", PolicyArn: arn }));
    await iam.send(new AttachGroupPolicyCommand({ GroupName: "g1", PolicyArn: arn }));
    await iam.send(new AttachRolePolicyCommand({ RoleName: "r1", PolicyArn: arn }));
    expect((await iam.send(new GetPolicyCommand({ PolicyArn: arn }))).Policy!.AttachmentCount).toBe(3);
    const entities = await iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: arn }));
    expect(entities.PolicyUsers!.map((u) => u.UserName)).toEqual(["u1"]);
    expect(entities.PolicyGroups!.map((g) => g.GroupName)).toEqual(["g1"]);
    expect(entities.PolicyRoles!.map((r) => r.RoleName)).toEqual(["r1"]);
    const onlyRoles = await iam.send(
      new ListEntitiesForPolicyCommand({ PolicyArn: arn, EntityFilter: "Role" }),
    );
    expect(onlyRoles.PolicyUsers).toEqual([]);
    expect(
      (await iam.send(new ListPoliciesCommand({ OnlyAttached: true, Scope: "Local" }))).Policies!.map(
        (x) => x.PolicyName,
      ),
    ).toEqual(["shared"]);
    expect(
      await expectIamError(iam.send(new DeletePolicyCommand({ PolicyArn: arn })), "DeleteConflict", 409),
    ).toBe("Cannot delete a policy attached to entities.");
    expect(
      await expectIamError(iam.send(new DeleteUserCommand({ UserName: "u1" })), "DeleteConflict", 409),
    ).toBe("Cannot delete entity, must detach all policies first.");
    const attached = await iam.send(new ListAttachedUserPoliciesCommand({ UserName: "u1" }));
    expect(attached.AttachedPolicies).toEqual([{ PolicyName: "shared", PolicyArn: arn }]);
    await iam.send(new DetachUserPolicyCommand({ UserName: "u1", PolicyArn: arn }));
    expect(
      await expectIamError(
        iam.send(new DetachUserPolicyCommand({ UserName: "u1", PolicyArn: arn })),
        "NoSuchEntity",
        404,
      ),
    ).toBe(`Policy ${arn} was not found.`);
    expect(
      await expectIamError(
        iam.send(
          new AttachUserPolicyCommand({ UserName: "u1", PolicyArn: "arn:aws:iam::123456789012:policy/none" }),
        ),
        "NoSuchEntity",
        404,
      ),
    ).toBe("Policy arn:aws:iam::123456789012:policy/none does not exist or is not attachable.");
  });

  it("caps attached policies at 10 per user", async () => {
    await iam.send(new CreateUserCommand({ UserName: "collector" }));
    for (let i = 0; i < 11; i++) {
      const p = await iam.send(
        new CreatePolicyCommand({ PolicyName: `c${i}`, PolicyDocument: doc(allow(`s3:Get${i}`)) }),
      );
      const call = iam.send(new AttachUserPolicyCommand({ UserName: "collector", PolicyArn: p.Policy!.Arn }));
      if (i < 10) await call;
      else
        expect(await expectIamError(call, "LimitExceeded", 409)).toBe(
          "Cannot exceed quota for PoliciesPerUser: 10",
        );
    }
  });
});

describe("inline policies", () => {
  it("put, get (encoded), list and delete for users, groups and roles", async () => {
    await iam.send(new CreateUserCommand({ UserName: "inl" }));
    const text = doc(allow("s3:ListBucket", "arn:aws:s3:::x"));
    await iam.send(new PutUserPolicyCommand({ UserName: "inl", PolicyName: "b", PolicyDocument: text }));
    await iam.send(new PutUserPolicyCommand({ UserName: "inl", PolicyName: "a", PolicyDocument: text }));
    const got = await iam.send(new GetUserPolicyCommand({ UserName: "inl", PolicyName: "a" }));
    expect(decodeURIComponent(got.PolicyDocument!)).toBe(text);
    expect(got.PolicyDocument).not.toContain("{");
    expect((await iam.send(new ListUserPoliciesCommand({ UserName: "inl" }))).PolicyNames).toEqual([
      "a",
      "b",
    ]);
    expect(
      await expectIamError(iam.send(new DeleteUserCommand({ UserName: "inl" })), "DeleteConflict", 409),
    ).toBe("Cannot delete entity, must delete policies first.");
    await iam.send(new DeleteUserPolicyCommand({ UserName: "inl", PolicyName: "a" }));
    await expectIamError(
      iam.send(new GetUserPolicyCommand({ UserName: "inl", PolicyName: "a" })),
      "NoSuchEntity",
      404,
    );
    await iam.send(new CreateRoleCommand({ RoleName: "inl-role", AssumeRolePolicyDocument: trust }));
    await iam.send(new PutRolePolicyCommand({ RoleName: "inl-role", PolicyName: "p", PolicyDocument: text }));
    expect(
      (await iam.send(new GetRolePolicyCommand({ RoleName: "inl-role", PolicyName: "p" }))).RoleName,
    ).toBe("inl-role");
    await expectIamError(
      iam.send(
        new PutUserPolicyCommand({
          UserName: "inl",
          PolicyName: "p",
          PolicyDocument: doc({ ...allow("s3:*"), Principal: "*" }),
        }),
      ),
      "MalformedPolicyDocument",
      400,
    );
  });

  it("enforces the per-entity inline totals: user 2,048, group 5,120, role 10,240", async () => {
    const sized = (n: number) =>
      doc(allow(Array.from({ length: n }, (_, i) => `s3:Act${String(i).padStart(4, "0")}`)));
    await iam.send(new CreateUserCommand({ UserName: "quota-user" }));
    await iam.send(
      new PutUserPolicyCommand({ UserName: "quota-user", PolicyName: "one", PolicyDocument: sized(90) }),
    );
    const msg = await expectIamError(
      iam.send(
        new PutUserPolicyCommand({ UserName: "quota-user", PolicyName: "two", PolicyDocument: sized(90) }),
      ),
      "LimitExceeded",
      409,
    );
    expect(msg).toBe("Maximum policy size of 2048 bytes exceeded for user quota-user");
    await iam.send(new CreateGroupCommand({ GroupName: "quota-group" }));
    await iam.send(
      new PutGroupPolicyCommand({ GroupName: "quota-group", PolicyName: "one", PolicyDocument: sized(200) }),
    );
    expect(
      await expectIamError(
        iam.send(
          new PutGroupPolicyCommand({
            GroupName: "quota-group",
            PolicyName: "two",
            PolicyDocument: sized(200),
          }),
        ),
        "LimitExceeded",
        409,
      ),
    ).toBe("Maximum policy size of 5120 bytes exceeded for group quota-group");
    await iam.send(new CreateRoleCommand({ RoleName: "quota-role", AssumeRolePolicyDocument: trust }));
    await iam.send(
      new PutRolePolicyCommand({ RoleName: "quota-role", PolicyName: "one", PolicyDocument: sized(400) }),
    );
    expect(
      await expectIamError(
        iam.send(
          new PutRolePolicyCommand({ RoleName: "quota-role", PolicyName: "two", PolicyDocument: sized(400) }),
        ),
        "LimitExceeded",
        409,
      ),
    ).toBe("Maximum policy size of 10240 bytes exceeded for role quota-role");
  });
});
