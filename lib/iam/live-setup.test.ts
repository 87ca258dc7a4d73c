import { execFile } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { evaluate, parsePolicy } from "@/lib/policy";
import { appPolicy } from "./app-policy";
import { managementPolicy, MEMBER_ROLE_NAME } from "./management-policy";
import { memberRoleTemplate, toYaml } from "./member-template";

// The live-mode set-up files in deploy/aws, written from code and checked here: the management
// policy and the member role's policy (the app policy), and the member role's CloudFormation
// template, read back by an independent YAML parser (PyYAML) and linted by cfn-lint. After
// changing the ops table or these policies: npx vitest run lib/iam/live-setup.test.ts -u

const root = path.resolve(__dirname, "../..");
const deploy = (file: string) => path.join(root, "deploy/aws", file);
const json = (doc: unknown) => JSON.stringify(doc, null, 2) + "\n";
const run = promisify(execFile);

const TEMPLATE_COMMENT = [
  "Gatehouse's member role, for every account Gatehouse manages but its own.",
  "Written by lib/iam/live-setup.test.ts from lib/iam/member-template.ts (the app policy is",
  "lib/iam/app-policy.ts): do not edit by hand. Deploy it as a StackSet across the organization,",
  "or as a stack in one account: deploy/aws/README.md.",
];

function allowedByManagement(action: string, resource: string): boolean {
  const parsed = parsePolicy(JSON.stringify(managementPolicy()));
  if (!parsed.ok) throw new Error(`The management policy does not parse: ${JSON.stringify(parsed.errors)}`);
  return (
    evaluate({ action, resource }, [{ document: parsed.document, source: "mgmt" }]).decision === "allowed"
  );
}

/** `organizations:<Action>` for each Organizations command and paginator the app's source imports. */
function organizationsCallsInSource(dir = "lib"): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory())
      return ["iam-sandbox", "generated", "test"].includes(e.name) ? [] : organizationsCallsInSource(rel);
    if (!/\.tsx?$/.test(e.name) || /\.test\.tsx?$/.test(e.name)) return [];
    const text = readFileSync(path.join(root, rel), "utf8");
    return [...text.matchAll(/import\s*\{([^}]*)\}\s*from\s*"@aws-sdk\/client-organizations"/g)].flatMap(
      (m) =>
        m[1].split(",").flatMap((raw) => {
          const name = raw.trim();
          const op = /^(\w+)Command$/.exec(name)?.[1] ?? /^paginate(\w+)$/.exec(name)?.[1];
          return op ? [`organizations:${op}`] : [];
        }),
    );
  });
}

describe("the management-side policy (managementPolicy)", () => {
  it("allows every Organizations call discovery makes, and AssumeRole of the member role in any account", () => {
    const calls = organizationsCallsInSource();
    expect(calls).toEqual(
      expect.arrayContaining(["organizations:ListAccounts", "organizations:ListParents"]),
    );
    expect(calls.filter((a) => !allowedByManagement(a, "*"))).toEqual([]);
    for (const account of ["111111111111", "222222222222", "999999999999"])
      expect(allowedByManagement("sts:AssumeRole", `arn:aws:iam::${account}:role/${MEMBER_ROLE_NAME}`)).toBe(
        true,
      );
  });

  it("allows nothing else: no Organizations writes, no other role", () => {
    for (const action of [
      "organizations:CreateAccount",
      "organizations:MoveAccount",
      "organizations:TagResource",
    ])
      expect(allowedByManagement(action, "*"), action).toBe(false);
    expect(
      allowedByManagement("sts:AssumeRole", "arn:aws:iam::111111111111:role/OrganizationAccountAccessRole"),
    ).toBe(false);
    expect(allowedByManagement("sts:AssumeRole", "arn:aws:iam::111111111111:role/path/GatehouseMember")).toBe(
      false,
    );
    expect(allowedByManagement("iam:CreateUser", "arn:aws:iam::111111111111:user/x")).toBe(false);
  });
});

describe("deploy/aws", () => {
  it("holds the management policy and the member role's policy (the app policy)", async () => {
    await expect(json(managementPolicy())).toMatchFileSnapshot(deploy("management-policy.json"));
    await expect(json(appPolicy())).toMatchFileSnapshot(deploy("member-policy.json"));
  });

  it("holds the member role's template, written from code", async () => {
    await expect(toYaml(memberRoleTemplate(), TEMPLATE_COMMENT)).toMatchFileSnapshot(
      deploy("gatehouse-member.yaml"),
    );
  });

  it("the template, read by PyYAML, is the template; its policy is the app policy, its trust the parameters", async () => {
    const script = "import json, sys, yaml; print(json.dumps(yaml.safe_load(open(sys.argv[1]))))";
    const { stdout } = await run("python3", ["-c", script, deploy("gatehouse-member.yaml")]);
    const parsed = JSON.parse(stdout);
    expect(parsed).toEqual(JSON.parse(JSON.stringify(memberRoleTemplate())));
    const { GatehouseAppPolicy, GatehouseMemberRole } = parsed.Resources;
    expect(GatehouseAppPolicy.Properties.PolicyDocument).toEqual(appPolicy());
    expect(GatehouseMemberRole.Properties.RoleName).toBe(MEMBER_ROLE_NAME);
    expect(GatehouseMemberRole.Properties.ManagedPolicyArns).toEqual([{ Ref: "GatehouseAppPolicy" }]);
    expect(GatehouseMemberRole.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      {
        Effect: "Allow",
        Principal: { AWS: { Ref: "GatehousePrincipalArn" } },
        Action: "sts:AssumeRole",
        Condition: {
          "Fn::If": [
            "HasExternalId",
            { StringEquals: { "sts:ExternalId": { Ref: "ExternalId" } } },
            { Ref: "AWS::NoValue" },
          ],
        },
      },
    ]);
  });

  it("the template passes cfn-lint", async () => {
    // cfn-lint exits non-zero with one line per finding; a clean template prints nothing.
    const out = await run("cfn-lint", ["--format", "parseable", deploy("gatehouse-member.yaml")]).then(
      ({ stdout }) => stdout,
      (e: { stdout?: string; message: string }) => e.stdout || e.message,
    );
    expect(out).toBe("");
  }, 60_000);

  it("the ExternalId pattern accepts what STS accepts and an empty value", () => {
    const pattern = new RegExp(memberRoleTemplate().Parameters.ExternalId.AllowedPattern);
    for (const ok of ["", "gatehouse-ext-7f3a", "a@b.c/d=e+f,g:h"]) expect(pattern.test(ok), ok).toBe(true);
    for (const bad of ["x", "has space", "semi;colon", "a".repeat(1225)])
      expect(pattern.test(bad), bad).toBe(false);
  });
});
