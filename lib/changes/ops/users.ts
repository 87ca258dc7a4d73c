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
  paginateListGroupsForUser,
} from "@aws-sdk/client-iam";
import { z } from "zod";
import {
  defineCallOp,
  defineLinkOps,
  defineUserRemoval,
  existingIsDone,
  userTarget,
  type OpContext,
} from "./types";

const name = z.string().min(1).max(128);
const tags = z.array(z.object({ Key: z.string().min(1), Value: z.string() })).default([]);

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

const [AddUserToGroup, RemoveUserFromGroup] = defineLinkOps({
  resource: "group",
  explains: "groupMembership",
  params: z.object({ userName: name, groupName: name }),
  target: (p) => `group/${p.groupName}`,
  make: {
    iam: "iam:AddUserToGroup",
    title: (p) => `Add ${p.userName} to group ${p.groupName}`,
    alreadyDone: async (p, ctx) =>
      (await isMember(ctx, p.userName, p.groupName))
        ? `${p.userName} is already a member of ${p.groupName}.`
        : null,
    send: (iam, p) => iam.send(new AddUserToGroupCommand({ UserName: p.userName, GroupName: p.groupName })),
  },
  undo: {
    iam: "iam:RemoveUserFromGroup",
    title: (p) => `Remove ${p.userName} from group ${p.groupName}`,
    alreadyDone: async (p, ctx) =>
      (await isMember(ctx, p.userName, p.groupName))
        ? null
        : `${p.userName} is not a member of ${p.groupName}.`,
    send: (iam, p) =>
      iam.send(new RemoveUserFromGroupCommand({ UserName: p.userName, GroupName: p.groupName })),
  },
});

// Attaching an attached policy is a no-op in IAM, so a rerun is harmless.
const [AttachUserPolicy, DetachUserPolicy] = defineLinkOps({
  resource: "user",
  explains: "userAttachment",
  params: z.object({ userName: name, policyArn: z.string().startsWith("arn:") }),
  target: userTarget,
  make: {
    iam: "iam:AttachUserPolicy",
    title: (p) => `Attach ${p.policyArn.split("/").pop()} to ${p.userName}`,
    send: (iam, p) => iam.send(new AttachUserPolicyCommand({ UserName: p.userName, PolicyArn: p.policyArn })),
  },
  undo: {
    iam: "iam:DetachUserPolicy",
    title: (p) => `Detach ${p.policyArn.split("/").pop()} from ${p.userName}`,
    send: (iam, p) => iam.send(new DetachUserPolicyCommand({ UserName: p.userName, PolicyArn: p.policyArn })),
  },
});

export const userOps = {
  CreateUser: defineCallOp({
    iam: ["iam:CreateUser"],
    resource: "user",
    explains: { user: ["created"] },
    params: z.object({ userName: name, path: z.string().default("/"), tags }),
    title: (p) => `Create IAM user ${p.userName}`,
    target: userTarget,
    send: (iam, p) =>
      iam.send(
        new CreateUserCommand({
          UserName: p.userName,
          Path: p.path,
          Tags: p.tags.length ? p.tags : undefined,
        }),
      ),
    result: (out) => ({ userId: out.User?.UserId, arn: out.User?.Arn }),
    // A rerun after a crash finds the user it made: same path and tags means this step made it.
    onError: existingIsDone(async (p, ctx) => {
      const user = ctx.record(await ctx.iam.send(new GetUserCommand({ UserName: p.userName }))).User;
      const existing =
        ctx.record(await ctx.iam.send(new ListUserTagsCommand({ UserName: p.userName }))).Tags ?? [];
      return user?.Path === p.path && sameTags(existing, p.tags)
        ? {
            result: { userId: user.UserId, arn: user.Arn },
            note: "The user already existed with the same path and tags.",
          }
        : {
            conflict: `A user named ${p.userName} already exists with a different path or tags; it was not created by this request.`,
          };
    }),
  }),
  DeleteUser: defineUserRemoval({
    iam: "iam:DeleteUser",
    explains: { user: ["removed"], groupMembership: ["removed"] },
    params: z.object({ userName: name }),
    title: (p) => `Delete IAM user ${p.userName}`,
    send: (iam, p) => iam.send(new DeleteUserCommand({ UserName: p.userName })),
  }),
  AddUserToGroup,
  RemoveUserFromGroup,
  AttachUserPolicy,
  DetachUserPolicy,
  PutUserPolicy: defineCallOp({
    iam: ["iam:PutUserPolicy"],
    resource: "user",
    explains: { userInline: ["created", "changed"] },
    params: z.object({ userName: name, policyName: name, policyDocument: z.string().min(2) }),
    title: (p) => `Put inline policy ${p.policyName} on ${p.userName}`,
    target: userTarget,
    send: (iam, p) =>
      iam.send(
        new PutUserPolicyCommand({
          UserName: p.userName,
          PolicyName: p.policyName,
          PolicyDocument: p.policyDocument,
        }),
      ),
  }),
  DeleteUserPolicy: defineUserRemoval({
    iam: "iam:DeleteUserPolicy",
    explains: { userInline: ["removed"] },
    params: z.object({ userName: name, policyName: name }),
    title: (p) => `Delete inline policy ${p.policyName} of ${p.userName}`,
    send: (iam, p) =>
      iam.send(new DeleteUserPolicyCommand({ UserName: p.userName, PolicyName: p.policyName })),
  }),
};
