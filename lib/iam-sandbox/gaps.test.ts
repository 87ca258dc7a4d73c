import {
  CreateAccountAliasCommand,
  CreatePolicyCommand,
  CreateRoleCommand,
  CreateServiceLinkedRoleCommand,
  CreateUserCommand,
  DeleteAccountAliasCommand,
  DeleteRoleCommand,
  DeleteRolePermissionsBoundaryCommand,
  DeleteServiceLinkedRoleCommand,
  DeleteUserCommand,
  DeleteUserPermissionsBoundaryCommand,
  GetPolicyCommand,
  GetRoleCommand,
  GetServiceLinkedRoleDeletionStatusCommand,
  GetUserCommand,
  ListAccountAliasesCommand,
  ListUserTagsCommand,
  PutRolePermissionsBoundaryCommand,
  PutUserPermissionsBoundaryCommand,
  TagUserCommand,
  UntagUserCommand,
} from "@aws-sdk/client-iam";
import { describe, expect, it } from "vitest";
import { allow, doc, expectIamError, sandboxForFile } from "./test/helpers";

// What independent clients found missing against AWS's documented behaviour: permissions
// boundaries after creation, account aliases, service-linked roles, case-insensitive tag keys.

const { iam } = sandboxForFile();
const trust = doc([
  { Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" },
]);

async function boundaryPolicy(name: string): Promise<string> {
  const out = await iam.send(
    new CreatePolicyCommand({ PolicyName: name, PolicyDocument: doc([allow("s3:*")]) }),
  );
  return out.Policy!.Arn!;
}
const usage = async (arn: string) =>
  (await iam.send(new GetPolicyCommand({ PolicyArn: arn }))).Policy!.PermissionsBoundaryUsageCount;

describe("permissions boundaries", () => {
  it("are put on and taken off users and roles, shown by Get*, and counted on the policy", async () => {
    const first = await boundaryPolicy("first-boundary");
    const second = await boundaryPolicy("second-boundary");
    await iam.send(new CreateUserCommand({ UserName: "bounded" }));
    await iam.send(new CreateRoleCommand({ RoleName: "bounded-role", AssumeRolePolicyDocument: trust }));

    await iam.send(
      new PutUserPermissionsBoundaryCommand({ UserName: "bounded", PermissionsBoundary: first }),
    );
    await iam.send(
      new PutRolePermissionsBoundaryCommand({ RoleName: "bounded-role", PermissionsBoundary: first }),
    );
    expect((await iam.send(new GetUserCommand({ UserName: "bounded" }))).User!.PermissionsBoundary).toEqual({
      PermissionsBoundaryType: "PermissionsBoundaryPolicy",
      PermissionsBoundaryArn: first,
    });
    expect(await usage(first)).toBe(2);

    // Putting another replaces the first.
    await iam.send(
      new PutUserPermissionsBoundaryCommand({ UserName: "bounded", PermissionsBoundary: second }),
    );
    expect(
      (await iam.send(new GetUserCommand({ UserName: "bounded" }))).User!.PermissionsBoundary!
        .PermissionsBoundaryArn,
    ).toBe(second);
    expect([await usage(first), await usage(second)]).toEqual([1, 1]);

    await iam.send(new DeleteUserPermissionsBoundaryCommand({ UserName: "bounded" }));
    await iam.send(new DeleteRolePermissionsBoundaryCommand({ RoleName: "bounded-role" }));
    expect(
      (await iam.send(new GetUserCommand({ UserName: "bounded" }))).User!.PermissionsBoundary,
    ).toBeUndefined();
    expect(
      (await iam.send(new GetRoleCommand({ RoleName: "bounded-role" }))).Role!.PermissionsBoundary,
    ).toBeUndefined();
    expect([await usage(first), await usage(second)]).toEqual([0, 0]);
  });

  it("refuses a policy that does not exist, and stops counting a deleted user", async () => {
    await iam.send(new CreateUserCommand({ UserName: "leaver" }));
    const missing = "arn:aws:iam::123456789012:policy/not-there";
    expect(
      await expectIamError(
        iam.send(new PutUserPermissionsBoundaryCommand({ UserName: "leaver", PermissionsBoundary: missing })),
        "NoSuchEntity",
        404,
      ),
    ).toBe(`Scope ARN: ${missing} does not exist or is not attachable.`);
    const arn = await boundaryPolicy("leaver-boundary");
    await iam.send(new PutUserPermissionsBoundaryCommand({ UserName: "leaver", PermissionsBoundary: arn }));
    await iam.send(new DeleteUserCommand({ UserName: "leaver" }));
    expect(await usage(arn)).toBe(0);
  });
});

describe("account aliases", () => {
  it("creates one alias, lists it, refuses a second and a malformed one, and deletes it", async () => {
    const create = (AccountAlias: string) => iam.send(new CreateAccountAliasCommand({ AccountAlias }));
    const aliases = async () => (await iam.send(new ListAccountAliasesCommand({}))).AccountAliases;
    await create("example-corp");
    await create("example-corp"); // the same again changes nothing
    expect(await aliases()).toEqual(["example-corp"]);
    const second = await expectIamError(create("other-corp"), "LimitExceeded", 409);
    expect(second).toBe("Cannot exceed quota for AccountAliasesPerAccount: 1");
    for (const bad of ["Example", "-corp", "double--hyphen"])
      await expectIamError(create(bad), "ValidationError", 400);
    const remove = (AccountAlias: string) => iam.send(new DeleteAccountAliasCommand({ AccountAlias }));
    const missing = await expectIamError(remove("other-corp"), "NoSuchEntity", 404);
    expect(missing).toBe("The account alias other-corp cannot be found.");
    await remove("example-corp");
    expect(await aliases()).toEqual([]);
  });
});

describe("service-linked roles", () => {
  it("are made for a service, cannot be deleted with DeleteRole, and are deleted through a task", async () => {
    const service = "elasticbeanstalk.amazonaws.com";
    const RoleName = "AWSServiceRoleForElasticBeanstalk";
    const create = () => iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: service }));
    const made = await create();
    expect(made.Role).toMatchObject({ RoleName, Path: `/aws-service-role/${service}/` });
    expect(decodeURIComponent(made.Role!.AssumeRolePolicyDocument!)).toContain(service);
    expect(await expectIamError(create(), "InvalidInput", 400)).toContain("has been taken in this account");

    const refused = await expectIamError(
      iam.send(new DeleteRoleCommand({ RoleName })),
      "UnmodifiableEntity",
      400,
    );
    expect(refused).toBe(
      `Cannot perform the operation on the protected role '${RoleName}' - this role is only modifiable by AWS`,
    );
    const { DeletionTaskId } = await iam.send(new DeleteServiceLinkedRoleCommand({ RoleName }));
    expect(DeletionTaskId?.startsWith(`task/aws-service-role/${service}/${RoleName}/`)).toBe(true);
    const status = await iam.send(new GetServiceLinkedRoleDeletionStatusCommand({ DeletionTaskId }));
    expect(status.Status).toBe("SUCCEEDED");
    await expectIamError(iam.send(new GetRoleCommand({ RoleName })), "NoSuchEntity", 404);
  });
});

describe("tag keys", () => {
  it("compare ignoring case on users: a tag keeps its key's spelling and takes the new value", async () => {
    const tag = (...Tags: { Key: string; Value: string }[]) =>
      iam.send(new TagUserCommand({ UserName: "tagged", Tags }));
    const tags = async () => (await iam.send(new ListUserTagsCommand({ UserName: "tagged" }))).Tags;
    await iam.send(new CreateUserCommand({ UserName: "tagged" }));
    await tag({ Key: "CostCenter", Value: "41200" });
    await tag({ Key: "costcenter", Value: "41300" });
    expect(await tags()).toEqual([{ Key: "CostCenter", Value: "41300" }]);
    await expectIamError(tag({ Key: "Team", Value: "a" }, { Key: "TEAM", Value: "b" }), "InvalidInput", 400);
    await iam.send(new UntagUserCommand({ UserName: "tagged", TagKeys: ["COSTCENTER"] }));
    expect(await tags()).toEqual([]);
  });
});
