import { expect, beforeAll } from "vitest";
import type { IAMClient } from "@aws-sdk/client-iam";
import { approveRequest, createChangeRequest, executeRequest } from "../index";
import { ada, bob, requester, setupHarness } from "./harness";

// The engine on the sandbox's example-org, as the kinds' tests across accounts use it: the app
// signs as gatehouse-app in the management account and reaches production, staging and sandbox
// through their GatehouseMember roles (AwsAccount rows, as discovery makes them). What each
// account holds is read with an administrator's session there (OrganizationAccountAccessRole),
// not through Gatehouse.

export const MGMT = "123456789012";
export const PRODUCTION = "111111111111";
export const STAGING = "222222222222";
export const SANDBOX = "333333333333";
export const memberRole = (id: string) => `arn:aws:iam::${id}:role/GatehouseMember`;

/** Expects an IAM read to find nothing. */
export const missing = (p: Promise<unknown>) =>
  expect(p).rejects.toMatchObject({ name: "NoSuchEntityException" });

/** How a test gets a member account's administrator (lib/aws-accounts/testing's organizationAdmin). */
type AdminOf = (
  sandbox: { url: string; rootCredentials: { accessKeyId: string; secretAccessKey: string } },
  id: string,
) => Promise<{ iam: IAMClient }>;

/**
 * The harness on example-org with its accounts in Gatehouse, and `admin[id]`: each member's
 * administrator, made with `adminOf` (test support of another domain, which only tests import).
 */
export function setupOrganizationHarness(adminOf: AdminOf) {
  const h = setupHarness({ seed: "example-org" });
  const admin: Record<string, IAMClient> = {};
  beforeAll(async () => {
    for (const [name, id] of Object.entries({ production: PRODUCTION, staging: STAGING, sandbox: SANDBOX }))
      await h.t.db.awsAccount.create({
        data: { id, name, source: "organizations", roleArn: memberRole(id), status: "ok" },
      });
    await h.t.db.awsAccount.create({
      data: { id: MGMT, name: "Example Company", source: "home", status: "ok" },
    });
    for (const id of [PRODUCTION, STAGING, SANDBOX]) admin[id] = (await adminOf(h.sandbox, id)).iam;
  });
  /** Requested, approved by a second admin and run to its end. */
  async function run(kind: string, input: unknown) {
    const created = await createChangeRequest(kind, input, requester);
    await approveRequest(created.id, created.planHash, ada);
    return executeRequest(created.id, bob);
  }
  return { h, admin, run };
}
