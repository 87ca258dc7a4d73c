import {
  AttachGroupPolicyCommand,
  CreateGroupCommand,
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  DeleteGroupCommand,
  DeletePolicyVersionCommand,
  DetachGroupPolicyCommand,
  GetGroupCommand,
  GetPolicyVersionCommand,
  ListPolicyVersionsCommand,
  paginateListPolicies,
} from "@aws-sdk/client-iam";
import { z } from "zod";
import { canonicalJson } from "@/lib/audit";
import { defineCallOp, defineLinkOps, existingIsDone, goneIsSkipped, type OpContext } from "./types";

const name = z.string().min(1).max(128);
const arn = z.string().startsWith("arn:");
const path = z.string().default("/");
/** The policy's name: the last part of its ARN. */
const policyNameOf = (policyArn: string) => policyArn.split("/").pop();

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

// Attaching an attached policy is a no-op in IAM, so a rerun is harmless.
const [AttachGroupPolicy, DetachGroupPolicy] = defineLinkOps({
  resource: "group",
  explains: "groupAttachment",
  params: z.object({ groupName: name, policyArn: arn }),
  target: (p) => `group/${p.groupName}`,
  make: {
    iam: "iam:AttachGroupPolicy",
    title: (p) => `Attach ${policyNameOf(p.policyArn)} to group ${p.groupName}`,
    send: (iam, p) =>
      iam.send(new AttachGroupPolicyCommand({ GroupName: p.groupName, PolicyArn: p.policyArn })),
  },
  undo: {
    iam: "iam:DetachGroupPolicy",
    title: (p) => `Detach ${policyNameOf(p.policyArn)} from group ${p.groupName}`,
    send: (iam, p) =>
      iam.send(new DetachGroupPolicyCommand({ GroupName: p.groupName, PolicyArn: p.policyArn })),
  },
});

/** The params of the ops on one version of a managed policy. */
const version = z.object({ policyArn: arn, versionId: z.string().regex(/^v\d+$/) });
const policyTarget = (p: { policyArn: string }) => `policy/${policyNameOf(p.policyArn)}`;

export const groupPolicyOps = {
  CreateGroup: defineCallOp({
    iam: ["iam:CreateGroup"],
    resource: "group",
    explains: { group: ["created"] },
    params: z.object({ groupName: name, path }),
    title: (p) => `Create group ${p.groupName}`,
    target: (p) => `group/${p.groupName}`,
    send: (iam, p) => iam.send(new CreateGroupCommand({ GroupName: p.groupName, Path: p.path })),
    result: (out) => ({ groupId: out.Group?.GroupId, arn: out.Group?.Arn }),
    onError: existingIsDone(async (p, ctx) => {
      const group = ctx.record(
        await ctx.iam.send(new GetGroupCommand({ GroupName: p.groupName, MaxItems: 1 })),
      ).Group;
      return group?.Path === p.path
        ? {
            result: { groupId: group.GroupId, arn: group.Arn },
            note: "The group already existed with the same path.",
          }
        : {
            conflict: `A group named ${p.groupName} already exists with path ${group?.Path}; it was not created by this request.`,
          };
    }),
  }),
  // Taking a job role out of an account (jobrole.accounts): only an empty group with nothing
  // attached, which IAM itself insists on (DeleteConflict otherwise); the plan detaches first.
  DeleteGroup: defineCallOp({
    iam: ["iam:DeleteGroup"],
    resource: "group",
    explains: { group: ["removed"] },
    params: z.object({ groupName: name }),
    title: (p) => `Delete group ${p.groupName}`,
    target: (p) => `group/${p.groupName}`,
    send: (iam, p) => iam.send(new DeleteGroupCommand({ GroupName: p.groupName })),
    onError: goneIsSkipped,
  }),
  AttachGroupPolicy,
  DetachGroupPolicy,
  CreatePolicy: defineCallOp({
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
    send: (iam, p) =>
      iam.send(
        new CreatePolicyCommand({
          PolicyName: p.policyName,
          Path: p.path,
          PolicyDocument: p.policyDocument,
          Description: p.description,
        }),
      ),
    result: (out) => ({ arn: out.Policy?.Arn, versionId: out.Policy?.DefaultVersionId }),
    // A rerun finds the policy it made: same path and the same default document.
    onError: existingIsDone(async (p, ctx) => {
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
            result: { arn: found.Arn, versionId: found.DefaultVersionId },
            note: "The policy already existed with the same document.",
          };
        }
      }
      return { conflict: `A policy named ${p.policyName} already exists with another document or path.` };
    }),
  }),
  CreatePolicyVersion: defineCallOp({
    iam: ["iam:CreatePolicyVersion"],
    resource: "policy",
    explains: { policyVersion: ["created"], defaultVersion: ["changed"] },
    params: z.object({
      policyArn: arn,
      policyDocument: z.string().min(2),
      setAsDefault: z.boolean().default(true),
    }),
    title: (p) => `Publish a new version of ${policyNameOf(p.policyArn)}`,
    target: policyTarget,
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
    send: (iam, p) =>
      iam.send(
        new CreatePolicyVersionCommand({
          PolicyArn: p.policyArn,
          PolicyDocument: p.policyDocument,
          SetAsDefault: p.setAsDefault,
        }),
      ),
    result: (out) => ({ versionId: out.PolicyVersion?.VersionId }),
  }),
  DeletePolicyVersion: defineCallOp({
    iam: ["iam:DeletePolicyVersion"],
    resource: "policy",
    explains: { policyVersion: ["removed"] },
    params: version,
    title: (p) => `Delete version ${p.versionId} of ${policyNameOf(p.policyArn)}`,
    target: policyTarget,
    send: (iam, p) =>
      iam.send(new DeletePolicyVersionCommand({ PolicyArn: p.policyArn, VersionId: p.versionId })),
    onError: goneIsSkipped,
  }),
};
