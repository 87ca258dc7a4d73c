import { execFile } from "node:child_process";
import { promisify } from "node:util";
import {
  CreateRoleCommand,
  GetRoleCommand,
  ListRolesCommand,
  PutRolePolicyCommand,
} from "@aws-sdk/client-iam";
import { AssumeRoleCommand, type AssumeRoleCommandInput } from "@aws-sdk/client-sts";
import { beforeAll, describe, expect, it } from "vitest";
import {
  ACCT,
  awsCliEnv,
  type Credentials,
  expectIamError,
  policyDoc,
  sessionCredentials,
  signedSandboxForFile,
  userWithKey,
} from "./test/helpers";

// AssumeRole session tags (docs/iam-facts.md#session-tags-and-session-policies): the trust policy
// must allow sts:TagSession, the tags become the session's principal tags, transitive ones follow
// a role chain, and AWS's limits hold.

const { sandbox, as, root } = signedSandboxForFile({ auth: "on" });
const doc = policyDoc;
const ALICE = `arn:aws:iam::${ACCT}:user/alice`;
const trust = (AWS: string, Action: string, Condition?: object) => ({
  Effect: "Allow",
  Principal: { AWS },
  Action,
  ...(Condition ? { Condition } : {}),
});

async function role(name: string, trustPolicy: string, policy: string, tags?: Record<string, string>) {
  await root().iam.send(
    new CreateRoleCommand({
      RoleName: name,
      AssumeRolePolicyDocument: trustPolicy,
      Tags: Object.entries(tags ?? {}).map(([Key, Value]) => ({ Key, Value })),
    }),
  );
  await root().iam.send(
    new PutRolePolicyCommand({ RoleName: name, PolicyName: "p", PolicyDocument: policy }),
  );
}

const tags = (t: Record<string, string>) => Object.entries(t).map(([Key, Value]) => ({ Key, Value }));

async function assume(c: Credentials, RoleName: string, extra: Partial<AssumeRoleCommandInput> = {}) {
  const out = await as(c).sts.send(
    new AssumeRoleCommand({
      RoleArn: `arn:aws:iam::${ACCT}:role/${RoleName}`,
      RoleSessionName: "s1",
      ...extra,
    }),
  );
  return { out, session: sessionCredentials(out.Credentials) };
}

let alice: Credentials;

beforeAll(async () => {
  alice = await userWithKey(root().iam, "alice");
  // ABAC: the role lists roles only for sessions of the Engineering department.
  await role(
    "abac",
    doc(
      trust(ALICE, "sts:AssumeRole"),
      trust(ALICE, "sts:TagSession", {
        StringEquals: { "aws:RequestTag/Department": ["Engineering", "Marketing"] },
        // Tag keys are compared as written: a session may spell a key in any case.
        "ForAllValues:StringEqualsIgnoreCase": { "aws:TagKeys": ["Department", "Project", "Star"] },
        "ForAllValues:StringEquals": { "sts:TransitiveTagKeys": ["Department", "Project"] },
      }),
    ),
    doc(
      {
        Effect: "Allow",
        Action: "iam:ListRoles",
        Resource: "*",
        Condition: { StringEquals: { "aws:PrincipalTag/Department": "Engineering" } },
      },
      {
        Effect: "Allow",
        Action: "iam:GetRole",
        Resource: "*",
        Condition: { StringEquals: { "aws:PrincipalTag/team": "core" } },
      },
      { Effect: "Allow", Action: "sts:AssumeRole", Resource: "*" },
    ),
    { Department: "Marketing", team: "core" },
  );
  await role(
    "untaggable",
    doc(trust(ALICE, "sts:AssumeRole")),
    doc({ Effect: "Allow", Action: "iam:ListRoles", Resource: "*" }),
  );
});

describe("AssumeRole session tags", () => {
  it("needs sts:TagSession in the trust policy to pass tags, refused in AWS's words", async () => {
    await assume(alice, "untaggable");
    const message = await expectIamError(
      assume(alice, "untaggable", { Tags: tags({ Department: "Engineering" }) }),
      "AccessDenied",
      403,
    );
    expect(message).toBe(
      `User: ${ALICE} is not authorized to perform: sts:TagSession on resource: arn:aws:iam::${ACCT}:role/untaggable`,
    );
  });

  it("a trust policy that names only the account leaves sts:TagSession to the caller's own policies", async () => {
    await role(
      "account-wide",
      doc({ Effect: "Allow", Principal: { AWS: ACCT }, Action: ["sts:AssumeRole", "sts:TagSession"] }),
      doc({ Effect: "Allow", Action: "iam:ListRoles", Resource: "*" }),
    );
    const team = tags({ team: "web" });
    const bob = await userWithKey(
      root().iam,
      "bob",
      doc({ Effect: "Allow", Action: "sts:AssumeRole", Resource: "*" }),
    );
    await assume(bob, "account-wide");
    expect(await expectIamError(assume(bob, "account-wide", { Tags: team }), "AccessDenied", 403)).toBe(
      `User: arn:aws:iam::${ACCT}:user/bob is not authorized to perform: sts:TagSession on resource: arn:aws:iam::${ACCT}:role/account-wide`,
    );
    const carol = await userWithKey(
      root().iam,
      "carol",
      doc({ Effect: "Allow", Action: ["sts:AssumeRole", "sts:TagSession"], Resource: "*" }),
    );
    await assume(carol, "account-wide", { Tags: team });
  });

  it("session tags are the session's aws:PrincipalTag, in place of the role's tag of the same key ignoring case", async () => {
    const untagged = await assume(alice, "abac");
    await expectIamError(as(untagged.session).iam.send(new ListRolesCommand({})), "AccessDenied", 403);
    const tagged = await assume(alice, "abac", { Tags: tags({ department: "Engineering" }) });
    await as(tagged.session).iam.send(new ListRolesCommand({}));
    // The role's other tags stay principal tags.
    await as(tagged.session).iam.send(new GetRoleCommand({ RoleName: "abac" }));
    expect(sandbox().admin.state().sessions!.get(tagged.session.accessKeyId)!.tags).toEqual(
      tags({ department: "Engineering" }),
    );
  });

  it("the trust policy's conditions see aws:RequestTag, aws:TagKeys and sts:TransitiveTagKeys", async () => {
    await expectIamError(assume(alice, "abac", { Tags: tags({ Department: "Sales" }) }), "AccessDenied", 403);
    await expectIamError(
      assume(alice, "abac", { Tags: tags({ Department: "Engineering", CostCenter: "1" }) }),
      "AccessDenied",
      403,
    );
    await expectIamError(
      assume(alice, "abac", {
        Tags: tags({ Department: "Engineering", Star: "1" }),
        TransitiveTagKeys: ["Star"],
      }),
      "AccessDenied",
      403,
    );
    await assume(alice, "abac", {
      Tags: tags({ Department: "Engineering", Star: "1" }),
      TransitiveTagKeys: ["Department"],
    });
  });

  it("transitive tags follow a role chain, need sts:TagSession there too, and cannot be set again", async () => {
    const first = await assume(alice, "abac", {
      Tags: tags({ Department: "Engineering", Project: "apollo", Star: "1" }),
      TransitiveTagKeys: ["Project", "Department"],
    });
    const ABAC = `arn:aws:iam::${ACCT}:role/abac`;
    await role(
      "second",
      doc(trust(ABAC, "sts:AssumeRole"), trust(ABAC, "sts:TagSession")),
      doc({
        Effect: "Allow",
        Action: "iam:ListRoles",
        Resource: "*",
        Condition: {
          StringEquals: { "aws:PrincipalTag/Project": "apollo" },
          Null: { "aws:PrincipalTag/Star": "true" },
        },
      }),
    );
    await role(
      "no-tags-here",
      doc(trust(ABAC, "sts:AssumeRole")),
      doc({ Effect: "Allow", Action: "iam:ListRoles", Resource: "*" }),
    );
    const second = await assume(first.session, "second");
    await as(second.session).iam.send(new ListRolesCommand({}));
    expect(sandbox().admin.state().sessions!.get(second.session.accessKeyId)!.transitiveTagKeys).toEqual([
      "department",
      "project",
    ]);
    // The inherited tags are set on the new session, so its trust policy must allow tagging.
    expect(await expectIamError(assume(first.session, "no-tags-here"), "AccessDenied", 403)).toMatch(
      /not authorized to perform: sts:TagSession on resource: .*role\/no-tags-here$/,
    );
    const message = await expectIamError(
      assume(first.session, "second", { Tags: tags({ project: "gemini" }) }),
      "InvalidParameterValue",
      400,
    );
    expect(message).toBe(
      "One of the specified transitive tag keys can't be set because it conflicts with a transitive tag key from the calling session.",
    );
  });

  it("holds AWS's limits: 50 tags, key and value lengths, one key per spelling, transitive keys among the tags, the packed size", async () => {
    const many = (n: number, value: string) =>
      Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, value]));
    await expectIamError(assume(alice, "abac", { Tags: tags(many(51, "v")) }), "ValidationError", 400);
    await expectIamError(
      assume(alice, "abac", { Tags: tags({ ["k".repeat(129)]: "v" }) }),
      "ValidationError",
      400,
    );
    await expectIamError(
      assume(alice, "abac", { Tags: tags({ Department: "v".repeat(257) }) }),
      "ValidationError",
      400,
    );
    expect(
      await expectIamError(
        assume(alice, "abac", {
          Tags: [
            { Key: "Department", Value: "Engineering" },
            { Key: "department", Value: "Marketing" },
          ],
        }),
        "InvalidParameterValue",
        400,
      ),
    ).toBe("Duplicate tag keys found. Please note that Tag keys are case insensitive.");
    expect(
      await expectIamError(
        assume(alice, "abac", { Tags: tags({ Department: "Engineering" }), TransitiveTagKeys: ["Project"] }),
        "InvalidParameterValue",
        400,
      ),
    ).toBe("The specified transitive tag key must be included in the requested tags.");
    // 50 tags of 3 + 67 characters are 3,500 of the 2,048 the sandbox packs into.
    const big = Object.fromEntries(
      Array.from({ length: 50 }, (_, i) => [`k${String(i).padStart(2, "0")}`, "v".repeat(67)]),
    );
    expect(
      await expectIamError(assume(alice, "abac", { Tags: tags(big) }), "PackedPolicyTooLarge", 400),
    ).toBe("Packed size of session tags consumes 171% of allotted space.");
    // Department=Engineering is 21 characters: 2 % of the packed space, reported on success.
    const { out } = await assume(alice, "abac", { Tags: tags({ Department: "Engineering" }) });
    expect(out.PackedPolicySize).toBe(2);
    expect((await assume(alice, "untaggable")).out.PackedPolicySize).toBeUndefined();
  });

  it("the AWS CLI passes tags and transitive keys and reads PackedPolicySize", async () => {
    const { stdout } = await promisify(execFile)(
      "aws",
      [
        "sts",
        "assume-role",
        "--role-arn",
        `arn:aws:iam::${ACCT}:role/abac`,
        "--role-session-name",
        "cli",
        "--tags",
        "Key=Department,Value=Engineering",
        "--transitive-tag-keys",
        "Department",
        "--endpoint-url",
        sandbox().url,
      ],
      {
        env: awsCliEnv(alice),
      },
    );
    const out = JSON.parse(stdout) as { PackedPolicySize: number; Credentials: { AccessKeyId: string } };
    expect(out.PackedPolicySize).toBe(2);
    expect(sandbox().admin.state().sessions!.get(out.Credentials.AccessKeyId)!.transitiveTagKeys).toEqual([
      "department",
    ]);
  });
});
