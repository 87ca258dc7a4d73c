import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { EXAMPLE_ORG_ACCOUNTS } from "./index";
import { awsCliEnv, sandboxForFile } from "./test/helpers";

// Second clients for the organization (docs/iam-facts.md#organizations): boto3, which checks
// every request against botocore's model and pages as AWS documents, and the AWS CLI v1.

const { sandbox } = sandboxForFile({ seed: "example-org" });
const here = path.dirname(new URL(import.meta.url).pathname);
const run = promisify(execFile);
const { production } = EXAMPLE_ORG_ACCOUNTS;

describe("the organization through boto3 and the AWS CLI", () => {
  it("boto3: pages the accounts, walks the OUs, assumes GatehouseMember across accounts", async () => {
    const app = sandbox().admin.appCredentials()!;
    const script = path.join(here, "test", "organization_clients.py");
    const { stdout } = await run("python3", [script, sandbox().url, app.accessKeyId, app.secretAccessKey]);
    const seen = JSON.parse(stdout.trim().split("\n").at(-1)!) as Record<string, unknown>;
    expect(seen).toMatchObject({
      pages: 4,
      accounts: ["Example Company", "production", "staging", "sandbox"],
      top_ous: ["Workloads", "Sandbox"],
      production_parent_type: "ORGANIZATIONAL_UNIT",
      workloads_children: ["ORGANIZATIONAL_UNIT", "ORGANIZATIONAL_UNIT"],
      joined_is_datetime: true,
      missing_account: ["AccountNotFoundException", "You specified an account that doesn't exist."],
      session_account: production,
      production_users: ["jane", "john", "maria", "sally"],
      // GatehouseMember holds only the app policy: its own policies refuse first.
      member_list_accounts: [
        "AccessDeniedException",
        expect.stringContaining(
          "assumed-role/GatehouseMember/boto3 is not authorized to perform: organizations:ListAccounts",
        ),
      ],
      outside: [
        "AccessDenied",
        "User: arn:aws:iam::123456789012:user/gatehouse-app is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::999999999999:role/GatehouseMember",
      ],
    });
  }, 60_000);

  it("AWS CLI v1: organizations list-accounts and describe-organization, as the root", async () => {
    const env = awsCliEnv();
    const aws = async (...args: string[]) =>
      JSON.parse(
        (await run("aws", ["--endpoint-url", sandbox().url, "--output", "json", ...args], { env })).stdout,
      );
    const listed = (await aws("organizations", "list-accounts", "--page-size", "2")) as {
      Accounts: { Id: string }[];
    };
    expect(listed.Accounts.map((a) => a.Id)).toEqual([
      "123456789012",
      ...Object.values(EXAMPLE_ORG_ACCOUNTS),
    ]);
    const described = (await aws("organizations", "describe-organization")) as {
      Organization: { MasterAccountId: string; Id: string };
    };
    expect(described.Organization).toMatchObject({ MasterAccountId: "123456789012" });
    expect(described.Organization.Id).toBe(sandbox().admin.health().organizationId);
  }, 60_000);
});
