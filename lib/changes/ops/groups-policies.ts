import {
  AttachGroupPolicyCommand,
  CreateGroupCommand,
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  DeletePolicyVersionCommand,
  DetachGroupPolicyCommand,
  GetGroupCommand,
  GetPolicyVersionCommand,
  ListPolicyVersionsCommand,
  SetDefaultPolicyVersionCommand,
  paginateListPolicies,
} from "@aws-sdk/client-iam";
import { z } from "zod";
import { canonicalJson } from "@/lib/audit";
import { IamError } from "@/lib/iam";
import { defineOp, sentDone, goneIsSkipped, type OpContext } from "./types";

const name = z.string().min(1).max(128);
const arn = z.string().startsWith("arn:");
const path = z.string().default("/");
const groupPolicy = z.object({ groupName: name, policyArn: arn });

/** Policy documents come back percent-encoded from IAM; compare them as parsed JSON. */
export function sameDocument(fromIam: string | undefined, planned: string): boolean {
  if (!fromIam) return false;
  try {
    return canonicalJson(JSON.parse(decodeURIComponent(fromIam))) === canonicalJson(JSON.parse(planned));
  } catch {
    return false;
  }
}

async function defaultDocument(
  ctx: OpContext,
  policyArn: string,
  versionId: string,
): Promise<string | undefined> {
  const out = ctx.record(
    await ctx.iam.send(new GetPolicyVersionCommand({ PolicyArn: policyArn, VersionId: versionId })),
  );
  return out.PolicyVersion?.Document;
}

export const groupPolicyOps = {
  CreateGroup: defineOp({
    iam: ["iam:CreateGroup"],
    resource: "group",
    explains: { group: ["created"] },
    params: z.object({ groupName: name, path }),
    title: (p) => `Create group ${p.groupName}`,
    target: (p) => `group/${p.groupName}`,
    async run(p, ctx) {
      const out = ctx.record(
        await ctx.iam.send(new CreateGroupCommand({ GroupName: p.groupName, Path: p.path })),
      );
      return { status: "done", result: { groupId: out.Group?.GroupId, arn: out.Group?.Arn } };
    },
    async onError(err, p, ctx) {
      if (err.kind !== "already-exists") return null;
      const group = ctx.record(
        await ctx.iam.send(new GetGroupCommand({ GroupName: p.groupName, MaxItems: 1 })),
      ).Group;
      if (group?.Path === p.path)
        return {
          status: "done",
          result: { groupId: group.GroupId, arn: group.Arn },
          note: "The group already existed with the same path.",
        };
      throw new IamError(
        "conflict",
        "EntityAlreadyExists",
        `A group named ${p.groupName} already exists with path ${group?.Path}; it was not created by this request.`,
        err.requestId,
        1,
      );
    },
  }),
  AttachGroupPolicy: defineOp({
    iam: ["iam:AttachGroupPolicy"],
    resource: "group",
    explains: { groupAttachment: ["created"] },
    params: groupPolicy,
    title: (p) => `Attach ${p.policyArn.split("/").pop()} to group ${p.groupName}`,
    target: (p) => `group/${p.groupName}`,
    run: (p, ctx) =>
      sentDone(
        ctx,
        ctx.iam.send(new AttachGroupPolicyCommand({ GroupName: p.groupName, PolicyArn: p.policyArn })),
      ),
  }),
  DetachGroupPolicy: defineOp({
    iam: ["iam:DetachGroupPolicy"],
    resource: "group",
    explains: { groupAttachment: ["removed"] },
    params: groupPolicy,
    title: (p) => `Detach ${p.policyArn.split("/").pop()} from group ${p.groupName}`,
    target: (p) => `group/${p.groupName}`,
    run: (p, ctx) =>
      sentDone(
        ctx,
        ctx.iam.send(new DetachGroupPolicyCommand({ GroupName: p.groupName, PolicyArn: p.policyArn })),
      ),
    onError: goneIsSkipped,
  }),
  CreatePolicy: defineOp({
    iam: ["iam:CreatePolicy"],
    resource: "policy",
    explains: { policy: ["created"], policyVersion: ["created"] },
    params: z.object({
      policyName: name,
      path,
      policyDocument: z.string().min(2),
      description: z.string().optional(),
    }),
    title: (p) => `Create managed policy ${p.policyName}`,
    target: (p) => `policy/${p.policyName}`,
    async run(p, ctx) {
      const out = ctx.record(
        await ctx.iam.send(
          new CreatePolicyCommand({
            PolicyName: p.policyName,
            Path: p.path,
            PolicyDocument: p.policyDocument,
            Description: p.description,
          }),
        ),
      );
      return { status: "done", result: { arn: out.Policy?.Arn, versionId: out.Policy?.DefaultVersionId } };
    },
    // A rerun finds the policy it made: same path and the same default document.
    async onError(err, p, ctx) {
      if (err.kind !== "already-exists") return null;
      for await (const page of paginateListPolicies(
        { client: ctx.iam },
        { Scope: "Local", PathPrefix: p.path },
      )) {
        const found = (page.Policies ?? []).find((x) => x.PolicyName === p.policyName && x.Path === p.path);
        if (
          found?.Arn &&
          found.DefaultVersionId &&
          sameDocument(await defaultDocument(ctx, found.Arn, found.DefaultVersionId), p.policyDocument)
        ) {
          return {
            status: "done",
            result: { arn: found.Arn, versionId: found.DefaultVersionId },
            note: "The policy already existed with the same document.",
          };
        }
      }
      throw new IamError(
        "conflict",
        "EntityAlreadyExists",
        `A policy named ${p.policyName} already exists with another document or path.`,
        err.requestId,
        1,
      );
    },
  }),
  CreatePolicyVersion: defineOp({
    iam: ["iam:CreatePolicyVersion"],
    resource: "policy",
    explains: { policyVersion: ["created"], defaultVersion: ["changed"] },
    params: z.object({
      policyArn: arn,
      policyDocument: z.string().min(2),
      setAsDefault: z.boolean().default(true),
    }),
    title: (p) => `Publish a new version of ${p.policyArn.split("/").pop()}`,
    target: (p) => `policy/${p.policyArn.split("/").pop()}`,
    // Each call makes another version, so a rerun must first look whether the newest already is it.
    async alreadyDone(p, ctx) {
      const versions =
        ctx.record(await ctx.iam.send(new ListPolicyVersionsCommand({ PolicyArn: p.policyArn }))).Versions ??
        [];
      const newest = versions[0];
      if (!newest?.VersionId || (p.setAsDefault && !newest.IsDefaultVersion)) return null;
      return sameDocument(await defaultDocument(ctx, p.policyArn, newest.VersionId), p.policyDocument)
        ? `The newest version (${newest.VersionId}) already has this document.`
        : null;
    },
    async run(p, ctx) {
      const out = ctx.record(
        await ctx.iam.send(
          new CreatePolicyVersionCommand({
            PolicyArn: p.policyArn,
            PolicyDocument: p.policyDocument,
            SetAsDefault: p.setAsDefault,
          }),
        ),
      );
      return { status: "done", result: { versionId: out.PolicyVersion?.VersionId } };
    },
  }),
  DeletePolicyVersion: defineOp({
    iam: ["iam:DeletePolicyVersion"],
    resource: "policy",
    explains: { policyVersion: ["removed"] },
    params: z.object({ policyArn: arn, versionId: z.string().regex(/^v\d+$/) }),
    title: (p) => `Delete version ${p.versionId} of ${p.policyArn.split("/").pop()}`,
    target: (p) => `policy/${p.policyArn.split("/").pop()}`,
    run: (p, ctx) =>
      sentDone(
        ctx,
        ctx.iam.send(new DeletePolicyVersionCommand({ PolicyArn: p.policyArn, VersionId: p.versionId })),
      ),
    onError: goneIsSkipped,
  }),
  SetDefaultPolicyVersion: defineOp({
    iam: ["iam:SetDefaultPolicyVersion"],
    resource: "policy",
    explains: { defaultVersion: ["changed"] },
    params: z.object({ policyArn: arn, versionId: z.string().regex(/^v\d+$/) }),
    title: (p) => `Make ${p.versionId} the default version of ${p.policyArn.split("/").pop()}`,
    target: (p) => `policy/${p.policyArn.split("/").pop()}`,
    run: (p, ctx) =>
      sentDone(
        ctx,
        ctx.iam.send(new SetDefaultPolicyVersionCommand({ PolicyArn: p.policyArn, VersionId: p.versionId })),
      ),
  }),
};
