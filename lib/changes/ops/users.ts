import {
  AddUserToGroupCommand,
  AttachUserPolicyCommand,
  CreateUserCommand,
  DeleteUserCommand,
  DeleteUserPolicyCommand,
  DetachUserPolicyCommand,
  GetUserCommand,
  ListUserTagsCommand,
  PutUserPolicyCommand,
  RemoveUserFromGroupCommand,
  TagUserCommand,
  paginateListGroupsForUser,
} from "@aws-sdk/client-iam";
import { z } from "zod";
import { IamError } from "@/lib/iam";
import { defineOp, sentDone, goneIsSkipped, type OpContext } from "./types";

const name = z.string().min(1).max(128);
const tags = z.array(z.object({ Key: z.string().min(1), Value: z.string() })).default([]);
const userPolicy = z.object({ userName: name, policyArn: z.string().startsWith("arn:") });
const membership = z.object({ userName: name, groupName: name });

async function isMember(ctx: OpContext, userName: string, groupName: string): Promise<boolean> {
  for await (const page of paginateListGroupsForUser({ client: ctx.iam }, { UserName: userName })) {
    if ((page.Groups ?? []).some((g) => g.GroupName?.toLowerCase() === groupName.toLowerCase())) return true;
  }
  return false;
}

function sameTags(a: { Key?: string; Value?: string }[], b: { Key: string; Value: string }[]): boolean {
  const key = (t: { Key?: string; Value?: string }) => `${t.Key}=${t.Value}`;
  return a.length === b.length && a.map(key).sort().join("\n") === b.map(key).sort().join("\n");
}

export const userOps = {
  CreateUser: defineOp({
    iam: ["iam:CreateUser"],
    resource: "user",
    explains: { user: ["created"] },
    params: z.object({ userName: name, path: z.string().default("/"), tags }),
    title: (p) => `Create IAM user ${p.userName}`,
    target: (p) => `user/${p.userName}`,
    async run(p, ctx) {
      const out = ctx.record(
        await ctx.iam.send(
          new CreateUserCommand({
            UserName: p.userName,
            Path: p.path,
            Tags: p.tags.length ? p.tags : undefined,
          }),
        ),
      );
      return { status: "done", result: { userId: out.User?.UserId, arn: out.User?.Arn } };
    },
    // A rerun after a crash finds the user it made: same path and tags means this step made it.
    async onError(err, p, ctx) {
      if (err.kind !== "already-exists") return null;
      const user = ctx.record(await ctx.iam.send(new GetUserCommand({ UserName: p.userName }))).User;
      const existing =
        ctx.record(await ctx.iam.send(new ListUserTagsCommand({ UserName: p.userName }))).Tags ?? [];
      if (user?.Path === p.path && sameTags(existing, p.tags)) {
        return {
          status: "done",
          result: { userId: user.UserId, arn: user.Arn },
          note: "The user already existed with the same path and tags.",
        };
      }
      throw new IamError(
        "conflict",
        "EntityAlreadyExists",
        `A user named ${p.userName} already exists with a different path or tags; it was not created by this request.`,
        err.requestId,
        1,
      );
    },
  }),
  TagUser: defineOp({
    iam: ["iam:TagUser"],
    resource: "user",
    params: z.object({ userName: name, tags: tags.refine((t) => t.length > 0) }),
    title: (p) => `Tag ${p.userName} with ${p.tags.map((t) => t.Key).join(", ")}`,
    target: (p) => `user/${p.userName}`,
    run: (p, ctx) => sentDone(ctx, ctx.iam.send(new TagUserCommand({ UserName: p.userName, Tags: p.tags }))),
  }),
  DeleteUser: defineOp({
    iam: ["iam:DeleteUser"],
    resource: "user",
    explains: { user: ["removed"], groupMembership: ["removed"] },
    params: z.object({ userName: name }),
    title: (p) => `Delete IAM user ${p.userName}`,
    target: (p) => `user/${p.userName}`,
    run: (p, ctx) => sentDone(ctx, ctx.iam.send(new DeleteUserCommand({ UserName: p.userName }))),
    onError: goneIsSkipped,
  }),
  AddUserToGroup: defineOp({
    iam: ["iam:AddUserToGroup"],
    resource: "group",
    explains: { groupMembership: ["created"] },
    params: membership,
    title: (p) => `Add ${p.userName} to group ${p.groupName}`,
    target: (p) => `group/${p.groupName}`,
    alreadyDone: async (p, ctx) =>
      (await isMember(ctx, p.userName, p.groupName))
        ? `${p.userName} is already a member of ${p.groupName}.`
        : null,
    run: (p, ctx) =>
      sentDone(
        ctx,
        ctx.iam.send(new AddUserToGroupCommand({ UserName: p.userName, GroupName: p.groupName })),
      ),
  }),
  RemoveUserFromGroup: defineOp({
    iam: ["iam:RemoveUserFromGroup"],
    resource: "group",
    explains: { groupMembership: ["removed"] },
    params: membership,
    title: (p) => `Remove ${p.userName} from group ${p.groupName}`,
    target: (p) => `group/${p.groupName}`,
    alreadyDone: async (p, ctx) =>
      (await isMember(ctx, p.userName, p.groupName))
        ? null
        : `${p.userName} is not a member of ${p.groupName}.`,
    run: (p, ctx) =>
      sentDone(
        ctx,
        ctx.iam.send(new RemoveUserFromGroupCommand({ UserName: p.userName, GroupName: p.groupName })),
      ),
    onError: goneIsSkipped,
  }),
  AttachUserPolicy: defineOp({
    iam: ["iam:AttachUserPolicy"],
    resource: "user",
    explains: { userAttachment: ["created"] },
    params: userPolicy,
    title: (p) => `Attach ${p.policyArn.split("/").pop()} to ${p.userName}`,
    target: (p) => `user/${p.userName}`,
    // Attaching an attached policy is a no-op in IAM, so a rerun is harmless.
    run: (p, ctx) =>
      sentDone(
        ctx,
        ctx.iam.send(new AttachUserPolicyCommand({ UserName: p.userName, PolicyArn: p.policyArn })),
      ),
  }),
  DetachUserPolicy: defineOp({
    iam: ["iam:DetachUserPolicy"],
    resource: "user",
    explains: { userAttachment: ["removed"] },
    params: userPolicy,
    title: (p) => `Detach ${p.policyArn.split("/").pop()} from ${p.userName}`,
    target: (p) => `user/${p.userName}`,
    run: (p, ctx) =>
      sentDone(
        ctx,
        ctx.iam.send(new DetachUserPolicyCommand({ UserName: p.userName, PolicyArn: p.policyArn })),
      ),
    onError: goneIsSkipped,
  }),
  PutUserPolicy: defineOp({
    iam: ["iam:PutUserPolicy"],
    resource: "user",
    explains: { userInline: ["created", "changed"] },
    params: z.object({ userName: name, policyName: name, policyDocument: z.string().min(2) }),
    title: (p) => `Put inline policy ${p.policyName} on ${p.userName}`,
    target: (p) => `user/${p.userName}`,
    run: (p, ctx) =>
      sentDone(
        ctx,
        ctx.iam.send(
          new PutUserPolicyCommand({
            UserName: p.userName,
            PolicyName: p.policyName,
            PolicyDocument: p.policyDocument,
          }),
        ),
      ),
  }),
  DeleteUserPolicy: defineOp({
    iam: ["iam:DeleteUserPolicy"],
    resource: "user",
    explains: { userInline: ["removed"] },
    params: z.object({ userName: name, policyName: name }),
    title: (p) => `Delete inline policy ${p.policyName} of ${p.userName}`,
    target: (p) => `user/${p.userName}`,
    run: (p, ctx) =>
      sentDone(
        ctx,
        ctx.iam.send(new DeleteUserPolicyCommand({ UserName: p.userName, PolicyName: p.policyName })),
      ),
    onError: goneIsSkipped,
  }),
};
