import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  DeleteRoleCommand,
  DetachRolePolicyCommand,
  ListAttachedRolePoliciesCommand,
  PutUserPolicyCommand,
} from "@aws-sdk/client-iam";
import { AssumeRoleCommand } from "@aws-sdk/client-sts";
import { createIamClients, type IamClients } from "@/lib/iam";
import { startSandbox, type Sandbox, type SandboxOptions } from "@/lib/iam-sandbox";

// Test support for the app across an organization: the sandbox on a seed with the app's own
// configuration pointed at it (signing as the seeded gatehouse-app, as the demo runs), and the
// organization's own way into a member account for what a test changes outside Gatehouse.

/** The sandbox, with the app configured to use it. Call before the app's env() is first read. */
export async function sandboxForApp(options: SandboxOptions = { seed: "example-org" }): Promise<Sandbox> {
  const sandbox = await startSandbox({ port: 0, ...options });
  const app = sandbox.admin.appCredentials()!;
  process.env.IAM_MODE = "sandbox";
  process.env.IAM_SANDBOX_ENDPOINT = sandbox.url;
  process.env.IAM_SANDBOX_ACCESS_KEY_ID = app.accessKeyId;
  process.env.IAM_SANDBOX_SECRET_ACCESS_KEY = app.secretAccessKey;
  return sandbox;
}

/** Where a sandbox is and its root's key pair: a Sandbox, or one started in its own process. */
type Reachable = Pick<Sandbox, "url" | "rootCredentials">;

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

/** Deletes a role (its managed policies detached first), as an account's administrator would. */
export async function deleteRole(admin: IamClients, RoleName: string): Promise<void> {
  const attached = await admin.iam.send(new ListAttachedRolePoliciesCommand({ RoleName }));
  for (const p of attached.AttachedPolicies ?? [])
    await admin.iam.send(new DetachRolePolicyCommand({ RoleName, PolicyArn: p.PolicyArn }));
  await admin.iam.send(new DeleteRoleCommand({ RoleName }));
}
