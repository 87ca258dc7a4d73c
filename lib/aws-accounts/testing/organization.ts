import { execFile } from "node:child_process";
import { promisify } from "node:util";
import {
  AttachRolePolicyCommand,
  DeleteAccessKeyCommand,
  DeleteLoginProfileCommand,
  DeleteUserCommand,
  DeleteUserPolicyCommand,
  DetachUserPolicyCommand,
  ListAccessKeysCommand,
  ListAttachedUserPoliciesCommand,
  ListGroupsForUserCommand,
  ListUserPoliciesCommand,
  RemoveUserFromGroupCommand,
  CreateAccessKeyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  DeleteRoleCommand,
  DetachRolePolicyCommand,
  GetRoleCommand,
  ListAttachedRolePoliciesCommand,
  PutUserPolicyCommand,
} from "@aws-sdk/client-iam";
import { AssumeRoleCommand } from "@aws-sdk/client-sts";
// The factory itself, not the lib/iam entry point: e2e/organization.spec.ts loads this file in
// Playwright, whose loader cannot load lib/policy's linter worker (import.meta) behind the entry.
// eslint-disable-next-line no-restricted-imports
import { createIamClients, type IamClients, type SandboxCredentials } from "@/lib/iam/create-clients";

// The organization's own way into a member account, for what a test changes there outside
// Gatehouse (a role an administrator deletes and puts back).

/** Where a sandbox is and its root's key pair: a Sandbox, or one started in its own process. */
type Reachable = { url: string; rootCredentials: SandboxCredentials };
/** Clients signing as the account root of the management account. */
export const rootOf = (sandbox: Reachable): IamClients =>
  createIamClients({ mode: "sandbox", endpoint: sandbox.url, credentials: sandbox.rootCredentials });

let operators = 0;

/**
 * An administrator's clients in a member account: the root makes a management user allowed to
 * assume OrganizationAccountAccessRole (the root itself cannot assume roles), who assumes it there.
 */
export async function organizationAdmin(sandbox: Reachable, accountId: string): Promise<IamClients> {
  const root = rootOf(sandbox);
  const UserName = `org-operator-${++operators}`;
  const access = `arn:aws:iam::${accountId}:role/OrganizationAccountAccessRole`;
  await root.iam.send(new CreateUserCommand({ UserName }));
  await root.iam.send(
    new PutUserPolicyCommand({
      UserName,
      PolicyName: "assume-organization-access",
      PolicyDocument: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Resource: access }],
      }),
    }),
  );
  const key = (await root.iam.send(new CreateAccessKeyCommand({ UserName }))).AccessKey!;
  const operator = createIamClients({
    mode: "sandbox",
    endpoint: sandbox.url,
    credentials: { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! },
  });
  const s = (await operator.sts.send(new AssumeRoleCommand({ RoleArn: access, RoleSessionName: "ops" })))
    .Credentials!;
  return createIamClients({
    mode: "sandbox",
    endpoint: sandbox.url,
    credentials: {
      accessKeyId: s.AccessKeyId!,
      secretAccessKey: s.SecretAccessKey!,
      sessionToken: s.SessionToken!,
    },
  });
}

/** Who changes a member account here: clients of organizationAdmin's, or any IAM client of an administrator. */
export type AccountAdmin = Pick<IamClients, "iam">;

/** What it takes to put a deleted role back: its trust policy and managed policies. */
export type DeletedRole = { RoleName: string; trustPolicy: string; policyArns: string[] };

/**
 * Deletes a role (its managed policies detached first), as an account's administrator would;
 * returns what `restoreRole` needs to make it again.
 */
export async function deleteRole(admin: AccountAdmin, RoleName: string): Promise<DeletedRole> {
  const role = (await admin.iam.send(new GetRoleCommand({ RoleName }))).Role!;
  const attached = await admin.iam.send(new ListAttachedRolePoliciesCommand({ RoleName }));
  const policyArns = (attached.AttachedPolicies ?? []).map((p) => p.PolicyArn!);
  for (const PolicyArn of policyArns)
    await admin.iam.send(new DetachRolePolicyCommand({ RoleName, PolicyArn }));
  await admin.iam.send(new DeleteRoleCommand({ RoleName }));
  // IAM returns the trust policy URL-encoded.
  return { RoleName, trustPolicy: decodeURIComponent(role.AssumeRolePolicyDocument!), policyArns };
}

/** The role made again, under the same name, trust and managed policies (a new role id, as in AWS). */
export async function restoreRole(admin: AccountAdmin, role: DeletedRole): Promise<void> {
  await admin.iam.send(
    new CreateRoleCommand({ RoleName: role.RoleName, AssumeRolePolicyDocument: role.trustPolicy }),
  );
  for (const PolicyArn of role.policyArns)
    await admin.iam.send(new AttachRolePolicyCommand({ RoleName: role.RoleName, PolicyArn }));
}

/**
 * Deletes a user with its keys, password, groups and policies, as an account's administrator
 * would clean up by hand (MFA devices, certificates and SSH keys are not handled: seeds have none).
 */
export async function deleteUser(admin: AccountAdmin, UserName: string): Promise<void> {
  const { iam } = admin;
  for (const k of (await iam.send(new ListAccessKeysCommand({ UserName }))).AccessKeyMetadata ?? [])
    await iam.send(new DeleteAccessKeyCommand({ UserName, AccessKeyId: k.AccessKeyId }));
  await iam.send(new DeleteLoginProfileCommand({ UserName })).catch((e: { name?: string }) => {
    if (e.name !== "NoSuchEntityException") throw e;
  });
  for (const g of (await iam.send(new ListGroupsForUserCommand({ UserName }))).Groups ?? [])
    await iam.send(new RemoveUserFromGroupCommand({ UserName, GroupName: g.GroupName }));
  for (const p of (await iam.send(new ListAttachedUserPoliciesCommand({ UserName }))).AttachedPolicies ?? [])
    await iam.send(new DetachUserPolicyCommand({ UserName, PolicyArn: p.PolicyArn }));
  for (const PolicyName of (await iam.send(new ListUserPoliciesCommand({ UserName }))).PolicyNames ?? [])
    await iam.send(new DeleteUserPolicyCommand({ UserName, PolicyName }));
  await iam.send(new DeleteUserCommand({ UserName }));
}

/**
 * boto3 — a second client, not the app's SDK — signed with `credentials` (the app's
 * gatehouse-app key), assumes GatehouseMember in each account and asks IAM for the user:
 * account id → the user's ARN, or the error code (NoSuchEntity). Asynchronous, so a sandbox in
 * the calling process can answer.
 */
export async function boto3GetUser(
  url: string,
  credentials: SandboxCredentials,
  userName: string,
  accounts: string[],
): Promise<Record<string, string>> {
  const script = `
import json, sys, boto3, botocore.exceptions
url, user, accounts = sys.argv[1], sys.argv[2], sys.argv[3].split(",")
sts = boto3.client("sts", endpoint_url=url, region_name="us-east-1")
out = {}
for a in accounts:
    c = sts.assume_role(RoleArn=f"arn:aws:iam::{a}:role/GatehouseMember", RoleSessionName="boto3-check")["Credentials"]
    iam = boto3.client("iam", endpoint_url=url, region_name="us-east-1", aws_access_key_id=c["AccessKeyId"],
                       aws_secret_access_key=c["SecretAccessKey"], aws_session_token=c["SessionToken"])
    try:
        out[a] = iam.get_user(UserName=user)["User"]["Arn"]
    except botocore.exceptions.ClientError as e:
        out[a] = e.response["Error"]["Code"]
print(json.dumps(out))
`;
  const { stdout } = await promisify(execFile)("python3", ["-c", script, url, userName, accounts.join(",")], {
    env: {
      ...process.env,
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
      AWS_CONFIG_FILE: "/dev/null",
      AWS_SHARED_CREDENTIALS_FILE: "/dev/null",
    },
  });
  return JSON.parse(String(stdout));
}
