import {
  CreateUserCommand,
  DeleteUserCommand,
  GetUserCommand,
  ListUserTagsCommand,
  ListUsersCommand,
  TagUserCommand,
  UntagUserCommand,
  UpdateUserCommand,
  paginateListUsers,
  AddUserToGroupCommand,
  CreateGroupCommand,
  CreateAccessKeyCommand,
  ListGroupsForUserCommand,
  type CreateUserCommandInput,
} from "@aws-sdk/client-iam";
import { describe, expect, it } from "vitest";
import { expectIamError, sandboxForFile } from "./test/helpers";

const { iam } = sandboxForFile();

describe("users", () => {
  it("creates, reads, renames and deletes a user with a path and tags", async () => {
    const created = await iam.send(
      new CreateUserCommand({
        UserName: "alice",
        Path: "/eng/",
        Tags: [{ Key: "email", Value: "alice@example.com" }],
      }),
    );
    expect(created.User).toMatchObject({
      UserName: "alice",
      Path: "/eng/",
      Arn: "arn:aws:iam::123456789012:user/eng/alice",
    });
    expect(created.User!.UserId).toMatch(/^AIDA[A-Z0-9]{17}$/);
    expect(created.User!.CreateDate).toBeInstanceOf(Date);
    const got = await iam.send(new GetUserCommand({ UserName: "ALICE" }));
    expect(got.User!.Tags).toEqual([{ Key: "email", Value: "alice@example.com" }]);
    await iam.send(new UpdateUserCommand({ UserName: "alice", NewUserName: "alice2", NewPath: "/ops/" }));
    const renamed = await iam.send(new GetUserCommand({ UserName: "alice2" }));
    expect(renamed.User).toMatchObject({ UserId: created.User!.UserId, Path: "/ops/" });
    await iam.send(new DeleteUserCommand({ UserName: "alice2" }));
    const msg = await expectIamError(
      iam.send(new GetUserCommand({ UserName: "alice2" })),
      "NoSuchEntity",
      404,
    );
    expect(msg).toBe("The user with name alice2 cannot be found.");
  });

  it("keeps names unique ignoring case, whatever the path", async () => {
    const create = (UserName: string, Path?: string) => iam.send(new CreateUserCommand({ UserName, Path }));
    await create("Bob");
    const taken = await expectIamError(create("bob", "/x/"), "EntityAlreadyExists", 409);
    expect(taken).toBe("User with name bob already exists.");
  });

  it.each<[string, Partial<CreateUserCommandInput>, unknown]>([
    [
      "a name with a space",
      { UserName: "bad name" },
      "1 validation error detected: Value at 'userName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+",
    ],
    [
      "a name of 65 characters",
      { UserName: "x".repeat(65) },
      expect.stringContaining("Member must have length less than or equal to 64"),
    ],
    ["a path without slashes", { UserName: "ok", Path: "no-slash" }, expect.any(String)],
    ["a missing name", {}, expect.stringContaining("Member must not be null")],
  ])("refuses %s with AWS's wording", async (_, input, wording) => {
    const message = await expectIamError(
      iam.send(new CreateUserCommand(input as CreateUserCommandInput)),
      "ValidationError",
      400,
    );
    expect(message).toEqual(wording);
  });

  it("tags: merge, untag, duplicate keys", async () => {
    const tag = (...Tags: { Key: string; Value: string }[]) =>
      iam.send(new TagUserCommand({ UserName: "tagged", Tags }));
    await iam.send(new CreateUserCommand({ UserName: "tagged" }));
    await tag({ Key: "a", Value: "1" }, { Key: "b", Value: "2" });
    await tag({ Key: "a", Value: "3" });
    await iam.send(new UntagUserCommand({ UserName: "tagged", TagKeys: ["b"] }));
    const tags = await iam.send(new ListUserTagsCommand({ UserName: "tagged" }));
    expect(tags.Tags).toEqual([{ Key: "a", Value: "3" }]);
    await expectIamError(tag({ Key: "k", Value: "1" }, { Key: "k", Value: "2" }), "InvalidInput", 400);
  });

  it("paginates ListUsers with the SDK paginator and filters by raw path prefix", async () => {
    for (let i = 0; i < 23; i++)
      await iam.send(
        new CreateUserCommand({ UserName: `page-${i}`, Path: i % 2 ? "/test-lifecycle-path/" : "/other/" }),
      );
    const names: string[] = [];
    let pages = 0;
    for await (const page of paginateListUsers({ client: iam, pageSize: 5 }, { PathPrefix: "/test-life" })) {
      pages++;
      names.push(...page.Users!.map((u) => u.UserName!));
    }
    expect(names).toHaveLength(11);
    expect(pages).toBe(3);
    const last = await iam.send(new ListUsersCommand({ PathPrefix: "/test-life", MaxItems: 100 }));
    expect(last.IsTruncated).toBe(false);
    expect(last.Marker).toBeUndefined();
    await expectIamError(iam.send(new ListUsersCommand({ Marker: "garbage" })), "ValidationError", 400);
    await expectIamError(iam.send(new ListUsersCommand({ MaxItems: 1001 })), "ValidationError", 400);
    await expectIamError(iam.send(new ListUsersCommand({ MaxItems: 0 })), "ValidationError", 400);
  });

  it("refuses DeleteUser while anything hangs on the user, and lists the user's groups", async () => {
    await iam.send(new CreateUserCommand({ UserName: "leaver" }));
    await iam.send(new CreateGroupCommand({ GroupName: "leavers-group" }));
    await iam.send(new AddUserToGroupCommand({ UserName: "leaver", GroupName: "leavers-group" }));
    const groups = await iam.send(new ListGroupsForUserCommand({ UserName: "leaver" }));
    expect(groups.Groups!.map((g) => g.GroupName)).toEqual(["leavers-group"]);
    const deleteLeaver = () => iam.send(new DeleteUserCommand({ UserName: "leaver" }));
    expect(await expectIamError(deleteLeaver(), "DeleteConflict", 409)).toBe(
      "Cannot delete entity, must remove users from group first.",
    );
    // Still in the group as well: the access key is the one named.
    await iam.send(new CreateAccessKeyCommand({ UserName: "leaver" }));
    expect(await expectIamError(deleteLeaver(), "DeleteConflict", 409)).toBe(
      "Cannot delete entity, must delete access keys first.",
    );
  });
});
