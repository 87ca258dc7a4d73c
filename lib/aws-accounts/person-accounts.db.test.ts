import { UpdateAssumeRolePolicyCommand } from "@aws-sdk/client-iam";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXAMPLE_ORG_ACCOUNTS, type Sandbox } from "@/lib/iam-sandbox";
import { setupAppDatabase } from "@/lib/test/app-db";
import { testDbKind } from "@/lib/test/db";
import { holdingsInOtherAccounts, type AccountHolding } from ".";
import { organizationAdmin, sandboxForApp } from "./testing";

// A person's IAM user in each other account, read live through each account's GatehouseMember
// session, on the sandbox's example-org (sally in production, staging and sandbox; mary only in
// the management account, which is the app's own). One account refusing the role says why.

const { production, staging, sandbox: sandboxAccount } = EXAMPLE_ORG_ACCOUNTS;
const NAMES: Record<string, string> = {
  [production]: "production",
  [staging]: "staging",
  [sandboxAccount]: "sandbox",
};

const byName = (hs: AccountHolding[]) => Object.fromEntries(hs.map((h) => [h.account.name, h]));

describe(`a person across accounts (${testDbKind()})`, () => {
  const t = setupAppDatabase();
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await sandboxForApp();
    for (const [id, name] of Object.entries(NAMES))
      await t.db.awsAccount.create({
        data: { id, name, source: "organizations", roleArn: `arn:aws:iam::${id}:role/GatehouseMember` },
      });
  });
  afterAll(() => sandbox?.close());

  it("shows the user of that name in each account, with its groups and keys, or that there is none", async () => {
    const sally = byName(await holdingsInOtherAccounts("sally"));
    for (const name of ["production", "staging", "sandbox"]) {
      const h = sally[name];
      expect(h.state, name).toBe("user");
      if (h.state !== "user") continue;
      expect(h.user.arn).toBe(`arn:aws:iam::${h.account.id}:user/sally`);
      expect(h.user.groups.length).toBeGreaterThan(0);
    }
    const jane = byName(await holdingsInOtherAccounts("jane"));
    expect([jane.production.state, jane.staging.state, jane.sandbox.state]).toEqual(["user", "none", "none"]);
  });

  it("says in words why an account could not be read, and still reads the others", async () => {
    // An administrator of the organization narrows staging's GatehouseMember trust to someone else.
    const inStaging = await organizationAdmin(sandbox, staging);
    await inStaging.iam.send(
      new UpdateAssumeRolePolicyCommand({
        RoleName: "GatehouseMember",
        PolicyDocument: JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            { Effect: "Allow", Principal: { AWS: `arn:aws:iam::${staging}:root` }, Action: "sts:AssumeRole" },
          ],
        }),
      }),
    );
    // A fresh process's view (no cached session for staging).
    (globalThis as { gatehouseMembers?: unknown }).gatehouseMembers = undefined;
    const maria = byName(await holdingsInOtherAccounts("maria"));
    expect(maria.production.state).toBe("user");
    expect(maria.staging).toMatchObject({
      state: "unreachable",
      problem: expect.stringMatching(
        /^Gatehouse may not assume arn:aws:iam::222222222222:role\/GatehouseMember: check the role's trust policy names arn:aws:iam::123456789012:user\/gatehouse-app/,
      ),
    });
    expect(maria.sandbox.state).toBe("none");
  });

  it("is empty while Gatehouse manages only its own account", async () => {
    await t.db.awsAccount.deleteMany({});
    expect(await holdingsInOtherAccounts("sally")).toEqual([]);
  });
});
