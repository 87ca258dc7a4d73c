import {
  AddUserToGroupCommand,
  AttachGroupPolicyCommand,
  CreateGroupCommand,
  CreatePolicyCommand,
  CreateUserCommand,
  DeleteGroupCommand,
  DeleteGroupPolicyCommand,
  DetachGroupPolicyCommand,
  GetGroupCommand,
  ListGroupsCommand,
  PutGroupPolicyCommand,
  RemoveUserFromGroupCommand,
  UpdateGroupCommand,
  paginateGetGroup,
  ListGroupsForUserCommand,
} from "@aws-sdk/client-iam";
import { describe, expect, it } from "vitest";
import { allow, doc, expectDeleteBlockedBy, expectIamError, sandboxForFile } from "./test/helpers";

const { iam } = sandboxForFile();

describe("groups", () => {
  it("creates, lists, renames and deletes groups", async () => {
    const g = await iam.send(new CreateGroupCommand({ GroupName: "Admins", Path: "/ops/" }));
    expect(g.Group).toMatchObject({ GroupName: "Admins", Arn: "arn:aws:iam::123456789012:group/ops/Admins" });
    expect(g.Group!.GroupId).toMatch(/^AGPA[A-Z0-9]{17}$/);
    await expectIamError(
      iam.send(new CreateGroupCommand({ GroupName: "admins" })),
      "EntityAlreadyExists",
      409,
    );
    await iam.send(new UpdateGroupCommand({ GroupName: "Admins", NewGroupName: "Operators" }));
    const list = await iam.send(new ListGroupsCommand({ PathPrefix: "/ops/" }));
    expect(list.Groups!.map((x) => x.GroupName)).toEqual(["Operators"]);
    await iam.send(new DeleteGroupCommand({ GroupName: "Operators" }));
    await expectIamError(iam.send(new GetGroupCommand({ GroupName: "Operators" })), "NoSuchEntity", 404);
  });

  it("membership is idempotent and GetGroup pages its members", async () => {
    await iam.send(new CreateGroupCommand({ GroupName: "Big" }));
    for (let i = 0; i < 7; i++) {
      await iam.send(new CreateUserCommand({ UserName: `m${i}` }));
      await iam.send(new AddUserToGroupCommand({ GroupName: "Big", UserName: `m${i}` }));
    }
    await iam.send(new AddUserToGroupCommand({ GroupName: "Big", UserName: "m0" }));
    const members: string[] = [];
    for await (const page of paginateGetGroup({ client: iam, pageSize: 3 }, { GroupName: "Big" }))
      members.push(...page.Users!.map((u) => u.UserName!));
    expect(members).toEqual(["m0", "m1", "m2", "m3", "m4", "m5", "m6"]);
    await iam.send(new RemoveUserFromGroupCommand({ GroupName: "Big", UserName: "m1" }));
    await iam.send(new RemoveUserFromGroupCommand({ GroupName: "Big", UserName: "m1" }));
    const after = await iam.send(new GetGroupCommand({ GroupName: "Big" }));
    expect(after.Users).toHaveLength(6);
    await expectIamError(
      iam.send(new AddUserToGroupCommand({ GroupName: "Big", UserName: "nobody" })),
      "NoSuchEntity",
      404,
    );
  });

  it("caps a user at 10 groups", async () => {
    const join = async (GroupName: string) => {
      await iam.send(new CreateGroupCommand({ GroupName }));
      return iam.send(new AddUserToGroupCommand({ GroupName, UserName: "joiner" }));
    };
    await iam.send(new CreateUserCommand({ UserName: "joiner" }));
    for (let i = 0; i < 10; i++) await join(`g${i}`);
    const refused = await expectIamError(join("g10"), "LimitExceeded", 409);
    expect(refused).toBe("Cannot exceed quota for GroupsPerUser: 10");
    const groups = await iam.send(new ListGroupsForUserCommand({ UserName: "joiner" }));
    expect(groups.Groups).toHaveLength(10);
  });

  it("refuses DeleteGroup with members, attached or inline policies", async () => {
    await iam.send(new CreateGroupCommand({ GroupName: "Sticky" }));
    await iam.send(new CreateUserCommand({ UserName: "stuck" }));
    const policy = await iam.send(
      new CreatePolicyCommand({ PolicyName: "sticky-p", PolicyDocument: doc(allow("s3:ListBucket")) }),
    );
    const member = { GroupName: "Sticky", UserName: "stuck" };
    const attached = { GroupName: "Sticky", PolicyArn: policy.Policy!.Arn };
    const inline = { GroupName: "Sticky", PolicyName: "inline" };
    await expectDeleteBlockedBy(
      () => iam.send(new DeleteGroupCommand({ GroupName: "Sticky" })),
      [
        {
          hang: () => iam.send(new AddUserToGroupCommand(member)),
          message: "Cannot delete entity, must remove users from group first.",
          takeOff: () => iam.send(new RemoveUserFromGroupCommand(member)),
        },
        {
          hang: () => iam.send(new AttachGroupPolicyCommand(attached)),
          message: "Cannot delete entity, must detach all policies first.",
          takeOff: () => iam.send(new DetachGroupPolicyCommand(attached)),
        },
        {
          hang: () =>
            iam.send(new PutGroupPolicyCommand({ ...inline, PolicyDocument: doc(allow("s3:ListBucket")) })),
          message: "Cannot delete entity, must delete policies first.",
          takeOff: () => iam.send(new DeleteGroupPolicyCommand(inline)),
        },
      ],
    );
  });
});
