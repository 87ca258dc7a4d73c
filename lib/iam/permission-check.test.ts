import {
  AttachRolePolicyCommand,
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  IAMClient,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
} from "@aws-sdk/client-iam";
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, type RootCredentials, type Sandbox } from "@/lib/iam-sandbox";
import { actionMatches } from "@/lib/policy";
import { APP_READS, appPolicy } from "./app-policy";
import { checkAppPermissions, simulatedStatements, WILDCARD_READS } from "./permission-check";
import { identityOf } from "./principal";
import { iamCallsInSource } from "./testing/source-calls";

// The check of what the app's identity may do, against the sandbox with signatures and
// authorization on: each principal signs its own GetCallerIdentity and SimulatePrincipalPolicy,
// as the app does at Settings → Connection.

type Credentials = RootCredentials & { sessionToken?: string };

let sandbox: Sandbox;
const signedAs = (credentials: Credentials) => {
  const config = { endpoint: sandbox.url, region: "us-east-1", credentials, maxAttempts: 1 };
  return { iam: new IAMClient(config), sts: new STSClient(config) };
};
const root = () => signedAs(sandbox.rootCredentials);
const doc = (...Statement: object[]) => JSON.stringify({ Version: "2012-10-17", Statement });

/** Checks the principal those credentials sign as, the way the page does: ARN from STS, then the check. */
async function checkAs(credentials: Credentials) {
  const { iam, sts } = signedAs(credentials);
  const { Arn } = await sts.send(new GetCallerIdentityCommand({}));
  return checkAppPermissions(iam, identityOf(Arn!));
}

async function userWith(UserName: string, policy: { managed?: string; inline?: string }) {
  const { iam } = root();
  await iam.send(new CreateUserCommand({ UserName }));
  if (policy.managed) await iam.send(new AttachUserPolicyCommand({ UserName, PolicyArn: policy.managed }));
  if (policy.inline)
    await iam.send(new PutUserPolicyCommand({ UserName, PolicyName: "p", PolicyDocument: policy.inline }));
  const { AccessKey: k } = await iam.send(new CreateAccessKeyCommand({ UserName }));
  return { accessKeyId: k!.AccessKeyId!, secretAccessKey: k!.SecretAccessKey! };
}

async function sessionOf(RoleArn: string, user: Credentials): Promise<Credentials> {
  const { Credentials: c } = await signedAs(user).sts.send(
    new AssumeRoleCommand({ RoleArn, RoleSessionName: "console-check" }),
  );
  return {
    accessKeyId: c!.AccessKeyId!,
    secretAccessKey: c!.SecretAccessKey!,
    sessionToken: c!.SessionToken!,
  };
}

// The seed's gatehouse-app user holds exactly this policy (lib/iam-sandbox/seeds/app-identity.ts).
const appPolicyArn = "arn:aws:iam::123456789012:policy/GatehouseApp";

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, auth: "on", seed: "example-company" });
});
afterAll(() => sandbox?.close());

describe("what the app's identity may do (checkAppPermissions)", () => {
  it("an IAM user with the app policy may do all of it", async () => {
    const check = await checkAs(sandbox.admin.appCredentials()!);
    expect(check.status).toBe("checked");
    if (check.status !== "checked") return;
    expect(check.simulatedArn).toBe("arn:aws:iam::123456789012:user/gatehouse-app");
    expect(check.denied).toEqual([]);
    expect(check.statements.map((s) => s.sid)).toEqual(appPolicy().Statement.map((s) => s.Sid));
    expect(check.summary).toBe(`All ${check.actionCount} actions Gatehouse uses are allowed.`);
    expect(check.actionCount).toBeGreaterThan(50);
  });

  it("a narrower policy: each denied action with its statement, its decision and the steps that fail", async () => {
    const narrower = appPolicy().Statement.filter((s) => s.Sid !== "PassRoles");
    const check = await checkAs(
      await userWith("narrow-app", {
        inline: doc(...narrower, {
          Effect: "Deny",
          Action: ["iam:DeleteUser", "iam:GetGroup"],
          Resource: "*",
        }),
      }),
    );
    expect(check.status).toBe("checked");
    if (check.status !== "checked") return;
    expect(check.denied).toEqual(["iam:DeleteUser", "iam:GetGroup", "iam:PassRole"]);
    const deniedIn = Object.fromEntries(check.statements.map((s) => [s.sid, s.denied]));
    expect(deniedIn.WriteUsers).toEqual([
      { action: "iam:DeleteUser", decision: "explicitDeny", missingContext: [] },
    ]);
    expect(deniedIn.ReadAccount).toEqual([
      { action: "iam:GetGroup", decision: "explicitDeny", missingContext: [] },
    ]);
    expect(deniedIn.PassRoles).toEqual([
      { action: "iam:PassRole", decision: "implicitDeny", missingContext: [] },
    ]);
    expect(deniedIn.WriteGroups).toEqual([]);
    expect(check.summary).toBe(
      `3 of the ${check.actionCount} actions Gatehouse uses are denied: iam:DeleteUser, iam:GetGroup, iam:PassRole — ` +
        "change requests will fail at the steps DeleteUser, AddRoleToInstanceProfile; " +
        "reads with iam:GetGroup will fail (pages, planning, the access review).",
    );
  });

  it("a role session is checked as its role, found with its path by GetRole", async () => {
    const deployer = await userWith("deployer", {});
    const { Role } = await root().iam.send(
      new CreateRoleCommand({
        RoleName: "gatehouse-app-role",
        Path: "/service/",
        AssumeRolePolicyDocument: doc({
          Effect: "Allow",
          Principal: { AWS: "arn:aws:iam::123456789012:user/deployer" },
          Action: "sts:AssumeRole",
        }),
      }),
    );
    await root().iam.send(
      new AttachRolePolicyCommand({ RoleName: "gatehouse-app-role", PolicyArn: appPolicyArn }),
    );
    const session = await sessionOf(Role!.Arn!, deployer);
    const check = await checkAs(session);
    expect(check).toMatchObject({
      status: "checked",
      simulatedArn: "arn:aws:iam::123456789012:role/service/gatehouse-app-role",
      denied: [],
    });
  });

  it("the root is not simulated, and the check says why", async () => {
    const check = await checkAs(sandbox.rootCredentials);
    expect(check).toEqual({
      status: "skipped",
      reason: expect.stringContaining("AWS cannot simulate the root"),
    });
  });

  it("an identity that may not simulate or read its role gets the reason in words, not an error", async () => {
    const reader = await userWith("reader-only", {
      inline: doc({ Effect: "Allow", Action: "iam:GetUser", Resource: "*" }),
    });
    expect(await checkAs(reader)).toEqual({
      status: "failed",
      problem:
        "Gatehouse could not check its permissions: its identity may not call iam:SimulatePrincipalPolicy (AccessDenied). The app policy below allows it.",
    });

    const sessionUser = await userWith("session-user", {});
    const { Role } = await root().iam.send(
      new CreateRoleCommand({
        RoleName: "blind-role",
        AssumeRolePolicyDocument: doc({
          Effect: "Allow",
          Principal: { AWS: "arn:aws:iam::123456789012:user/session-user" },
          Action: "sts:AssumeRole",
        }),
      }),
    );
    await root().iam.send(
      new PutRolePolicyCommand({
        RoleName: "blind-role",
        PolicyName: "simulate-only",
        PolicyDocument: doc({ Effect: "Allow", Action: "iam:SimulatePrincipalPolicy", Resource: "*" }),
      }),
    );
    expect(await checkAs(await sessionOf(Role!.Arn!, sessionUser))).toEqual({
      status: "failed",
      problem: expect.stringContaining("its identity may not call iam:GetRole (AccessDenied)"),
    });
  });
});

describe("the actions simulated", () => {
  it("stand in for the wildcard reads with exactly the reads the app's source makes", () => {
    const explicit = new Set<string>(APP_READS);
    const byWildcard = new Set(
      iamCallsInSource()
        .map((c) => c.action)
        .filter((a) => !explicit.has(a) && APP_READS.some((p) => p.includes("*") && actionMatches(p, a))),
    );
    expect([...WILDCARD_READS].sort()).toEqual([...byWildcard].sort());
  });

  it("are concrete, every action of every statement, on the statement's resource in the caller's account", () => {
    const statements = simulatedStatements("aws-cn", "210987654321");
    const policy = appPolicy().Statement;
    expect(statements.map((s) => s.sid)).toEqual(policy.map((s) => s.Sid));
    for (const [i, st] of statements.entries()) {
      expect(st.actions.filter((a) => a.includes("*"))).toEqual([]);
      for (const granted of policy[i].Action)
        expect(
          st.actions.some((a) => actionMatches(granted, a)),
          granted,
        ).toBe(true);
      expect(st.resource).toBe(
        policy[i].Resource === "*"
          ? "*"
          : policy[i].Resource.replace("arn:aws:iam::*:", "arn:aws-cn:iam::210987654321:"),
      );
    }
  });
});
