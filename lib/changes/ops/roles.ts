import {
  AddRoleToInstanceProfileCommand,
  CreateInstanceProfileCommand,
  CreateRoleCommand,
  GetInstanceProfileCommand,
  GetRoleCommand,
  PutRolePolicyCommand,
} from "@aws-sdk/client-iam";
import { z } from "zod";
import { IamError } from "@/lib/iam";
import { sameDocument } from "./groups-policies";
import { defineOp, sentDone } from "./types";

const name = z.string().min(1).max(128);
const path = z.string().default("/");

export const roleOps = {
  CreateRole: defineOp({
    iam: ["iam:CreateRole"],
    resource: "role",
    explains: { role: ["created"] },
    params: z.object({
      roleName: name,
      path,
      assumeRolePolicyDocument: z.string().min(2),
      description: z.string().optional(),
      maxSessionDuration: z.number().int().min(3600).max(43200).optional(),
    }),
    title: (p) => `Create role ${p.roleName}`,
    target: (p) => `role/${p.roleName}`,
    async run(p, ctx) {
      const out = ctx.record(
        await ctx.iam.send(
          new CreateRoleCommand({
            RoleName: p.roleName,
            Path: p.path,
            AssumeRolePolicyDocument: p.assumeRolePolicyDocument,
            Description: p.description,
            MaxSessionDuration: p.maxSessionDuration,
          }),
        ),
      );
      return { status: "done", result: { roleId: out.Role?.RoleId, arn: out.Role?.Arn } };
    },
    async onError(err, p, ctx) {
      if (err.kind !== "already-exists") return null;
      const role = ctx.record(await ctx.iam.send(new GetRoleCommand({ RoleName: p.roleName }))).Role;
      if (role?.Path === p.path && sameDocument(role.AssumeRolePolicyDocument, p.assumeRolePolicyDocument)) {
        return {
          status: "done",
          result: { roleId: role.RoleId, arn: role.Arn },
          note: "The role already existed with the same path and trust policy.",
        };
      }
      throw new IamError(
        "conflict",
        "EntityAlreadyExists",
        `A role named ${p.roleName} already exists with another path or trust policy.`,
        err.requestId,
        1,
      );
    },
  }),
  PutRolePolicy: defineOp({
    iam: ["iam:PutRolePolicy"],
    resource: "role",
    params: z.object({ roleName: name, policyName: name, policyDocument: z.string().min(2) }),
    title: (p) => `Put inline policy ${p.policyName} on role ${p.roleName}`,
    target: (p) => `role/${p.roleName}`,
    run: (p, ctx) =>
      sentDone(
        ctx,
        ctx.iam.send(
          new PutRolePolicyCommand({
            RoleName: p.roleName,
            PolicyName: p.policyName,
            PolicyDocument: p.policyDocument,
          }),
        ),
      ),
  }),
  CreateInstanceProfile: defineOp({
    iam: ["iam:CreateInstanceProfile"],
    resource: "instance-profile",
    params: z.object({ instanceProfileName: name, path }),
    title: (p) => `Create instance profile ${p.instanceProfileName}`,
    target: (p) => `instance-profile/${p.instanceProfileName}`,
    async run(p, ctx) {
      const out = ctx.record(
        await ctx.iam.send(
          new CreateInstanceProfileCommand({ InstanceProfileName: p.instanceProfileName, Path: p.path }),
        ),
      );
      return { status: "done", result: { arn: out.InstanceProfile?.Arn } };
    },
    async onError(err, p, ctx) {
      if (err.kind !== "already-exists") return null;
      const profile = ctx.record(
        await ctx.iam.send(new GetInstanceProfileCommand({ InstanceProfileName: p.instanceProfileName })),
      ).InstanceProfile;
      if (profile?.Path === p.path)
        return {
          status: "done",
          result: { arn: profile.Arn },
          note: "The instance profile already existed with the same path.",
        };
      throw new IamError(
        "conflict",
        "EntityAlreadyExists",
        `An instance profile named ${p.instanceProfileName} already exists with another path.`,
        err.requestId,
        1,
      );
    },
  }),
  AddRoleToInstanceProfile: defineOp({
    iam: ["iam:AddRoleToInstanceProfile"],
    resource: "instance-profile",
    params: z.object({ instanceProfileName: name, roleName: name }),
    title: (p) => `Put role ${p.roleName} in instance profile ${p.instanceProfileName}`,
    target: (p) => `instance-profile/${p.instanceProfileName}`,
    async alreadyDone(p, ctx) {
      const profile = ctx.record(
        await ctx.iam.send(new GetInstanceProfileCommand({ InstanceProfileName: p.instanceProfileName })),
      ).InstanceProfile;
      return (profile?.Roles ?? []).some((r) => r.RoleName === p.roleName)
        ? `${p.roleName} is already in ${p.instanceProfileName}.`
        : null;
    },
    run: (p, ctx) =>
      sentDone(
        ctx,
        ctx.iam.send(
          new AddRoleToInstanceProfileCommand({
            InstanceProfileName: p.instanceProfileName,
            RoleName: p.roleName,
          }),
        ),
      ),
  }),
};
