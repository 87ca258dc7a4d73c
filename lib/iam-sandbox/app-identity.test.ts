import {
  CreateUserCommand,
  DeleteAccessKeyCommand,
  DeleteRoleCommand,
  DeleteUserCommand,
  DetachUserPolicyCommand,
  ListAttachedUserPoliciesCommand,
  ListUserPoliciesCommand,
  ListUsersCommand,
} from "@aws-sdk/client-iam";
import { AssumeRoleCommand, GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { describe, expect, it } from "vitest";
import { sandboxAdmin, sandboxAppCredentials } from "./admin-client";
import { clients, expectIamError, sandboxForFile } from "./test/helpers";

// The seeded least-privilege identity Gatehouse signs as (seeds/app-identity.ts): its key comes
// from the admin endpoint, it may do what the app policy allows and nothing else, and a reset
// keeps it, so a running app goes on signing.

const { iam, sandbox } = sandboxForFile({ seed: "example-company" });
const appKey = () => sandboxAppCredentials(sandbox().url, sandbox().adminToken);

describe("the gatehouse-app identity", () => {
  it("is a user with only the GatehouseApp policy, whose key the admin endpoint hands out", async () => {
    const key = await appKey();
    expect(key).toMatchObject({
      userName: "gatehouse-app",
      arn: "arn:aws:iam::123456789012:user/gatehouse-app",
    });
    const app = clients(sandbox().url, key);
    expect((await app.sts.send(new GetCallerIdentityCommand({}))).Arn).toBe(key.arn);
    const attached = await iam.send(new ListAttachedUserPoliciesCommand({ UserName: "gatehouse-app" }));
    expect(attached.AttachedPolicies!.map((p) => p.PolicyName)).toEqual(["GatehouseApp"]);
    expect((await iam.send(new ListUserPoliciesCommand({ UserName: "gatehouse-app" }))).PolicyNames).toEqual(
      [],
    );
    // the same key on every ask, while it lasts
    expect((await appKey()).accessKeyId).toBe(key.accessKeyId);
  });

  it("may do what the app policy allows, and is refused the rest", async () => {
    const app = clients(sandbox().url, await appKey());
    await app.iam.send(new CreateUserCommand({ UserName: "made-by-the-app" }));
    expect((await app.iam.send(new ListUsersCommand({}))).Users!.map((u) => u.UserName)).toContain(
      "made-by-the-app",
    );
    await app.iam.send(new DeleteUserCommand({ UserName: "made-by-the-app" }));
    // Gatehouse never deletes roles: the app policy does not let it
    const deleteRole = new DeleteRoleCommand({ RoleName: "ec2-sqs-worker" });
    expect(await expectIamError(app.iam.send(deleteRole), "AccessDenied", 403)).toBe(
      "User: arn:aws:iam::123456789012:user/gatehouse-app is not authorized to perform: iam:DeleteRole " +
        "on resource: arn:aws:iam::123456789012:role/ec2-sqs-worker because no identity-based policy allows the iam:DeleteRole action",
    );
    const assume = new AssumeRoleCommand({
      RoleArn: "arn:aws:iam::123456789012:role/ec2-sqs-worker",
      RoleSessionName: "gatehouse-try",
    });
    await expectIamError(app.sts.send(assume), "AccessDenied", 403);
  });

  it("survives a reset, to any seed, with the same key", async () => {
    const key = await appKey();
    const app = clients(sandbox().url, key);
    for (const seed of ["empty", "example-company"]) {
      const res = await sandboxAdmin(sandbox().url, sandbox().adminToken, "reset", { seed });
      expect(res.status).toBe(200);
      expect((await app.sts.send(new GetCallerIdentityCommand({}))).Arn).toBe(key.arn);
      await app.iam.send(new ListUsersCommand({}));
    }
    const users = (await iam.send(new ListUsersCommand({}))).Users!.map((u) => u.UserName);
    expect(users.filter((u) => u === "gatehouse-app")).toHaveLength(1);
  });

  it("gets a new key when its key was deleted, and none without the user", async () => {
    const old = await appKey();
    await iam.send(new DeleteAccessKeyCommand({ UserName: "gatehouse-app", AccessKeyId: old.accessKeyId }));
    await expectIamError(
      clients(sandbox().url, old).sts.send(new GetCallerIdentityCommand({})),
      "InvalidClientTokenId",
      403,
    );
    const fresh = await appKey();
    expect(fresh.accessKeyId).not.toBe(old.accessKeyId);
    expect((await clients(sandbox().url, fresh).sts.send(new GetCallerIdentityCommand({}))).Arn).toBe(
      fresh.arn,
    );

    await iam.send(new DeleteAccessKeyCommand({ UserName: "gatehouse-app", AccessKeyId: fresh.accessKeyId }));
    await iam.send(
      new DetachUserPolicyCommand({
        UserName: "gatehouse-app",
        PolicyArn: "arn:aws:iam::123456789012:policy/GatehouseApp",
      }),
    );
    await iam.send(new DeleteUserCommand({ UserName: "gatehouse-app" }));
    const res = await sandboxAdmin(sandbox().url, sandbox().adminToken, "app-credentials");
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: string }).error).toMatch(/no gatehouse-app user/);
  });
});
