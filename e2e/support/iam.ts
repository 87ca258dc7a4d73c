import {
  AttachGroupPolicyCommand,
  CreateGroupCommand,
  CreatePolicyCommand,
  CreateUserCommand,
  IAMClient,
} from "@aws-sdk/client-iam";
import { Agent } from "node:http";
import { renderWithExamples } from "@/lib/policy/templates";
import { CHANGE_PASSWORD_ARN } from "@/lib/templates/aws-managed";
import { EXAMPLE_JOB_ROLES, EXAMPLE_TEMPLATES } from "@/lib/templates/example-company";
import { sandboxAdmin } from "@/lib/iam-sandbox/admin-client";
import { SANDBOX_ROOT_CREDENTIALS } from "@/lib/iam/create-clients";
import { SANDBOX_TOKEN, SANDBOX_URL } from "../fixtures/users";

// Direct IAM access for tests: what an outside client (or another admin) would do, signed with
// the sandbox account's root key (AWS's documented example pair). A new connection per call: a
// kept-alive socket left idle while a test blocks (dbTask, a long page wait) is closed by the
// sandbox, and with one attempt the next call would fail on it ("socket hang up").
export const iamClient = () =>
  new IAMClient({
    endpoint: SANDBOX_URL,
    region: "us-east-1",
    maxAttempts: 1,
    credentials: SANDBOX_ROOT_CREDENTIALS,
    requestHandler: { httpAgent: new Agent({ keepAlive: false }) },
  });
export const iam = iamClient();

/** A new IAM user of the calling test's own (`<prefix>-<time>`), so no other journey depends on it. */
export async function createOwnUser(prefix: string): Promise<string> {
  const userName = `${prefix}-${Date.now()}`;
  await iam.send(new CreateUserCommand({ UserName: userName }));
  return userName;
}

export async function resetSandbox(seed: "empty" | "example-company" | "example-org") {
  const res = await sandboxAdmin(SANDBOX_URL, SANDBOX_TOKEN, "reset", { seed });
  if (!res.ok) throw new Error(`sandbox reset failed: ${res.status}`);
}

/** The sandbox's accounts by name (an organization seed holds several), from its health endpoint. */
export async function sandboxAccountIds(): Promise<Record<string, string>> {
  const res = await sandboxAdmin(SANDBOX_URL, SANDBOX_TOKEN, "health");
  const { accounts } = (await res.json()) as { accounts: { accountId: string; name?: string }[] };
  return Object.fromEntries(accounts.map((a) => [a.name ?? a.accountId, a.accountId]));
}

export async function setSandboxFaults(body: object) {
  const res = await sandboxAdmin(SANDBOX_URL, SANDBOX_TOKEN, "faults", body);
  if (!res.ok) throw new Error(`sandbox faults: ${res.status}`);
}

/** The example company's job-role groups and policies, without any users. */
export async function createJobRoleGroups() {
  for (const t of EXAMPLE_TEMPLATES) {
    const rendered = renderWithExamples(t.document, t.parameters);
    if (!rendered.ok) throw new Error(`template ${t.name} does not render`);
    await iam.send(new CreatePolicyCommand({ PolicyName: t.name, PolicyDocument: rendered.document }));
  }
  for (const r of EXAMPLE_JOB_ROLES) {
    await iam.send(new CreateGroupCommand({ GroupName: r.groupName }));
    for (const t of r.templates)
      await iam.send(
        new AttachGroupPolicyCommand({
          GroupName: r.groupName,
          PolicyArn: `arn:aws:iam::123456789012:policy/${t}`,
        }),
      );
    if (r.console)
      await iam.send(
        new AttachGroupPolicyCommand({ GroupName: r.groupName, PolicyArn: CHANGE_PASSWORD_ARN }),
      );
  }
}
