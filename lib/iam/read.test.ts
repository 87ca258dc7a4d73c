import {
  CreateRoleCommand,
  CreateUserCommand,
  PutRolePolicyCommand,
  paginateListUsers,
  type IAMClient,
} from "@aws-sdk/client-iam";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, type Sandbox } from "@/lib/iam-sandbox";
import { UserError } from "@/lib/errors";
import {
  createLoadedUser,
  LOADED_GROUPS,
  LOADED_INLINE,
  LOADED_POLICIES,
} from "@/lib/changes/testing/loaded-user";
import { createIamClients } from "./create-clients";
import {
  allPages,
  authorizationDetailPages,
  getUser,
  groupsAndUsers,
  inParallel,
  readUserHoldings,
  remainingCredentials,
  requireGroup,
  requireUser,
  roles,
  userDetail,
  type Recorder,
} from "./index";

// lib/iam's reads against the sandbox over HTTP, as the engine, the review's sync and the pages
// make them.

describe("IAM reads", () => {
  let sandbox: Sandbox;
  let iam: IAMClient;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, seed: "example-company" });
    iam = createIamClients({ mode: "sandbox", endpoint: sandbox.url }).iam;
    await createLoadedUser(iam, "leaver");
    for (let i = 0; i < 5; i++) await iam.send(new CreateUserCommand({ UserName: `plain${i}` }));
  });
  afterAll(() => sandbox?.close());

  it("collects every page of an SDK paginator, and records each response", async () => {
    let responses = 0;
    const record: Recorder = (out) => {
      responses++;
      expect(out.$metadata.requestId).toBeTruthy();
      return out;
    };
    const names = await allPages(
      paginateListUsers({ client: iam, pageSize: 2 }, {}),
      (p) => p.Users?.map((u) => u.UserName!),
      record,
    );
    expect(names).toEqual(expect.arrayContaining(["leaver", "plain0", "plain4"]));
    expect(new Set(names).size).toBe(names.length);
    expect(responses).toBe(Math.ceil(names.length / 2));
  });

  it("runs reads side by side and returns them by name", async () => {
    await expect(inParallel({ a: Promise.resolve(1), b: Promise.resolve("two") })).resolves.toEqual({
      a: 1,
      b: "two",
    });
  });

  it("walks the authorization details page by page (1,000 entries a page)", async () => {
    let pages = 0;
    const users: string[] = [];
    for await (const page of authorizationDetailPages(iam, ["User"], (o) => (pages++, o)))
      users.push(...(page.UserDetailList ?? []).map((u) => u.UserName!));
    expect(pages).toBe(1);
    expect(users).toContain("leaver");
  });

  it("reads a missing entity as null and a missing user or group as the named field's error", async () => {
    await expect(getUser(iam, "nobody")).resolves.toBeNull();
    await expect(getUser(iam, "LEAVER")).resolves.toMatchObject({ UserName: "leaver" });
    await expect(requireUser(iam, "nobody", "who")).rejects.toMatchObject({
      fieldErrors: { who: ["There is no IAM user named nobody."] },
    });
    await expect(requireGroup(iam, "NoSuchGroup")).rejects.toBeInstanceOf(UserError);
    await expect(requireGroup(iam, LOADED_GROUPS[0])).resolves.toBeUndefined();
  });

  it("reads everything that hangs on a user, and what of it still blocks DeleteUser", async () => {
    const h = (await readUserHoldings(iam, "leaver"))!;
    expect(h).toMatchObject({ userName: "leaver", loginProfile: true });
    expect(h.accessKeys).toHaveLength(2);
    expect(h.mfaDevices).toHaveLength(1);
    expect(h.sshPublicKeys).toHaveLength(1);
    expect(h.signingCertificates).toHaveLength(1);
    expect(h.serviceCredentials).toHaveLength(1);
    expect([...h.groups].sort()).toEqual([...LOADED_GROUPS].sort());
    expect(h.attachedPolicies.map((p) => p.arn).sort()).toEqual([...LOADED_POLICIES].sort());
    expect([...h.inlinePolicies].sort()).toEqual([...LOADED_INLINE].sort());
    expect(remainingCredentials(h, LOADED_INLINE[0])).toHaveLength(2 + 1 + 1 + 1 + 1 + 1 + 3 + 2 + 1);
    await expect(readUserHoldings(iam, "nobody")).resolves.toBeNull();
  });

  it("reads a person's page: console, keys with last use, MFA, groups and policies", async () => {
    const d = (await userDetail(iam, "leaver"))!;
    expect(d.console).toMatchObject({ enabled: true, resetRequired: false });
    expect(d.accessKeys).toHaveLength(2);
    expect(d.accessKeys[0]).toMatchObject({ status: "Active", lastUsed: null, lastService: null });
    expect(d.mfaDevices).toHaveLength(1);
    expect([...d.groups].sort()).toEqual([...LOADED_GROUPS].sort());
    expect(d.attachedPolicies).toHaveLength(2);
    expect([...d.inlinePolicies].sort()).toEqual([...LOADED_INLINE].sort());
    await expect(userDetail(iam, "nobody")).resolves.toBeNull();
  });

  it("lists groups with their members, and roles with decoded trust and inline policies", async () => {
    const { groups, users } = await groupsAndUsers(iam);
    expect(users).toContain("leaver");
    expect(groups.find((g) => g.groupName === LOADED_GROUPS[0])?.members).toContain("leaver");

    const trust = {
      Version: "2012-10-17",
      Statement: [
        { Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" },
      ],
    };
    await iam.send(
      new CreateRoleCommand({ RoleName: "reads-test", AssumeRolePolicyDocument: JSON.stringify(trust) }),
    );
    const inline = { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "*" }] };
    await iam.send(
      new PutRolePolicyCommand({
        RoleName: "reads-test",
        PolicyName: "s3-all",
        PolicyDocument: JSON.stringify(inline),
      }),
    );
    const role = (await roles(iam)).find((r) => r.roleName === "reads-test")!;
    expect(role.trustedBy).toEqual(["lambda.amazonaws.com"]);
    expect(JSON.parse(role.trustPolicy)).toEqual(trust);
    expect(role.inlinePolicies.map((p) => [p.name, JSON.parse(p.document)])).toEqual([["s3-all", inline]]);
  });
});
