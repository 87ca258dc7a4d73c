import {
  AddRoleToInstanceProfileCommand,
  CreateInstanceProfileCommand,
  CreateRoleCommand,
  GetInstanceProfileCommand,
  GetRoleCommand,
  PutRolePolicyCommand,
} from "@aws-sdk/client-iam";
import { z } from "zod";
import { sameDocument } from "./groups-policies";
import { defineCallOp, existingIsDone, type OpContext } from "./types";

const name = z.string().min(1).max(128);
const path = z.string().default("/");
const profileTarget = (p: { instanceProfileName: string }) => `instance-profile/${p.instanceProfileName}`;

async function instanceProfile(ctx: OpContext, instanceProfileName: string) {
  const out = ctx.record(
    await ctx.iam.send(new GetInstanceProfileCommand({ InstanceProfileName: instanceProfileName })),
  );
  return out.InstanceProfile;
}

export const roleOps = {
  CreateRole: defineCallOp({
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
    send: (iam, p) =>
      iam.send(
        new CreateRoleCommand({
          RoleName: p.roleName,
          Path: p.path,
          AssumeRolePolicyDocument: p.assumeRolePolicyDocument,
          Description: p.description,
          MaxSessionDuration: p.maxSessionDuration,
        }),
      ),
    result: (out) => ({ roleId: out.Role?.RoleId, arn: out.Role?.Arn }),
    onError: existingIsDone(async (p, ctx) => {
      const role = ctx.record(await ctx.iam.send(new GetRoleCommand({ RoleName: p.roleName }))).Role;
      return role?.Path === p.path && sameDocument(role.AssumeRolePolicyDocument, p.assumeRolePolicyDocument)
        ? {
            result: { roleId: role.RoleId, arn: role.Arn },
            note: "The role already existed with the same path and trust policy.",
          }
        : { conflict: `A role named ${p.roleName} already exists with another path or trust policy.` };
    }),
  }),
  PutRolePolicy: defineCallOp({
    iam: ["iam:PutRolePolicy"],
    resource: "role",
    params: z.object({ roleName: name, policyName: name, policyDocument: z.string().min(2) }),
    title: (p) => `Put inline policy ${p.policyName} on role ${p.roleName}`,
    target: (p) => `role/${p.roleName}`,
    send: (iam, p) =>
      iam.send(
        new PutRolePolicyCommand({
          RoleName: p.roleName,
          PolicyName: p.policyName,
          PolicyDocument: p.policyDocument,
        }),
      ),
  }),
  CreateInstanceProfile: defineCallOp({
    iam: ["iam:CreateInstanceProfile"],
    resource: "instance-profile",
    params: z.object({ instanceProfileName: name, path }),
    title: (p) => `Create instance profile ${p.instanceProfileName}`,
    target: profileTarget,
    send: (iam, p) =>
      iam.send(
        new CreateInstanceProfileCommand({ InstanceProfileName: p.instanceProfileName, Path: p.path }),
      ),
    result: (out) => ({ arn: out.InstanceProfile?.Arn }),
    onError: existingIsDone(async (p, ctx) => {
      const profile = await instanceProfile(ctx, p.instanceProfileName);
      return profile?.Path === p.path
        ? { result: { arn: profile.Arn }, note: "The instance profile already existed with the same path." }
        : {
            conflict: `An instance profile named ${p.instanceProfileName} already exists with another path.`,
          };
    }),
  }),
  AddRoleToInstanceProfile: defineCallOp({
    iam: ["iam:AddRoleToInstanceProfile"],
    resource: "instance-profile",
    passesRole: true,
    params: z.object({ instanceProfileName: name, roleName: name }),
    title: (p) => `Put role ${p.roleName} in instance profile ${p.instanceProfileName}`,
    target: profileTarget,
    async alreadyDone(p, ctx) {
      const profile = await instanceProfile(ctx, p.instanceProfileName);
      return (profile?.Roles ?? []).some((r) => r.RoleName === p.roleName)
        ? `${p.roleName} is already in ${p.instanceProfileName}.`
        : null;
    },
    send: (iam, p) =>
      iam.send(
        new AddRoleToInstanceProfileCommand({
          InstanceProfileName: p.instanceProfileName,
          RoleName: p.roleName,
        }),
      ),
  }),
};
