import type { IAMClient } from "@aws-sdk/client-iam";
import { GetCallerIdentityCommand, type STSClient } from "@aws-sdk/client-sts";
import type { CloudTrailClient } from "@aws-sdk/client-cloudtrail";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { setJobRoleAccounts } from "@/lib/job-roles";
import { appPolicy, APP_READS, checkAppPermissions } from "@/lib/iam/server";
import { identityOf, userDetail } from "@/lib/iam";
import { evaluate, parsePolicy } from "@/lib/policy";
import { actionMatches, wildcardMatcher } from "@/lib/policy";
import { runSync } from "@/lib/review";
import { saveTemplateVersion } from "@/lib/templates";
import { approveRequest, createChangeRequest, executeRequest, ops, reissueCredentials } from "./index";
import { ada, bob, requester, setupHarness } from "./testing/harness";
import { createLoadedUser } from "./testing/loaded-user";

// Every call the app's IAM and STS clients send while real flows run against the sandbox (a sync,
// every kind planned and executed, credentials re-issued, a person's page read) is recorded by an
// SDK middleware (an observer: the calls go through unchanged) and evaluated against the live-mode
// app policy with lib/policy. lib/iam/app-policy.test.ts checks the same statically.

type Call = { service: "iam" | "sts" | "cloudtrail"; command: string; input: Record<string, unknown> };

const ACCOUNT = "123456789012";
// STS answers GetCallerIdentity for any valid credentials: no policy is needed (or can deny it).
const NEEDS_NO_PERMISSION = ["GetCallerIdentity"];

function observe(client: IAMClient | STSClient | CloudTrailClient, service: Call["service"], calls: Call[]) {
  (client as IAMClient).middlewareStack.add(
    (next, context) => async (args) => {
      calls.push({
        service,
        command: context.commandName ?? "?",
        input: args.input as Record<string, unknown>,
      });
      return next(args);
    },
    { step: "initialize", name: "appPolicyObserver" },
  );
}

/** The resource an IAM write acts on, from its input and the type its op declares. */
function resourceOf(type: string, input: Record<string, unknown>): string {
  const arn = (rest: string) => `arn:aws:iam::${ACCOUNT}:${rest}`;
  switch (type) {
    case "user":
      return arn(`user/${input.UserName}`);
    case "group":
      return arn(`group/${input.GroupName}`);
    case "role":
      return arn(`role/${input.RoleName}`);
    case "instance-profile":
      return arn(`instance-profile/${input.InstanceProfileName}`);
    case "mfa":
      return String(input.SerialNumber);
    case "policy":
      return typeof input.PolicyArn === "string"
        ? input.PolicyArn
        : arn(`policy${input.Path ?? "/"}${input.PolicyName}`);
  }
  throw new Error(`No resource for type ${type}`);
}

describe("the app policy covers every call real flows send", () => {
  const h = setupHarness();
  const calls: Call[] = [];

  async function run(kind: string, input: unknown) {
    const created = await createChangeRequest(kind, input, requester);
    await approveRequest(created.id, created.planHash, ada);
    const { request } = await executeRequest(created.id, bob);
    expect(request.status, `${kind}: ${request.steps.map((s) => `${s.op} ${s.error}`).join(" ")}`).toBe(
      "succeeded",
    );
    return request;
  }

  it("sync, every kind, re-issue and a person's page: each call allowed", { timeout: 120_000 }, async () => {
    // An outside admin (the root) prepares the account through its own client: its calls are not
    // the app's. The app's clients sign as gatehouse-app, so the sandbox itself refuses any call the
    // policy does not allow: every flow below succeeding proves the policy is enough.
    const outside = h.root.iam;
    await createLoadedUser(outside, "leaver", 1);
    await createLoadedUser(outside, "pauser", 2);
    observe(h.clients.iam, "iam", calls);
    observe(h.clients.sts, "sts", calls);
    observe(h.clients.cloudTrail, "cloudtrail", calls);

    const sync = () =>
      runSync({
        iam: h.clients.iam,
        sts: h.clients.sts,
        cloudTrail: h.clients.cloudTrail,
        source: "sandbox",
        fullCredentialScan: true,
      });
    await sync();

    const pat = await db().employee.create({ data: { name: "Pat", email: "pat@example.com" } });
    const onboarded = await run("user.onboard", {
      employeeId: pat.id,
      userName: "pat",
      groups: ["WebDevelopers"],
      console: true,
      programmatic: true,
    });
    // The documented recovery of a password nobody saw: UpdateLoginProfile, and a key replaced.
    expect((await reissueCredentials(onboarded.id, bob)).request.status).toBe("succeeded");
    await run("group.add-member", { userName: "pat", groupName: "DevOps" });
    await run("group.remove-member", { userName: "pat", groupName: "DevOps" });

    const quinn = await db().employee.create({ data: { name: "Quinn", email: "quinn@example.com" } });
    await run("user.onboard", { employeeId: quinn.id, userName: "quinn", groups: ["DevOps"] });
    await run("user.issue-credentials", { userName: "quinn", console: true, accessKey: true });
    // Console access without a group that lets the person change their password attaches one.
    const rae = await db().employee.create({ data: { name: "Rae", email: "rae@example.com" } });
    await run("user.onboard", { employeeId: rae.id, userName: "rae", console: true });

    const template = (version: string) => ({
      name: "ReportsRead",
      description: "Reports",
      parameters: [{ name: "Bucket", description: "", type: "bucket-name" as const, example: "reports" }],
      document: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          { Effect: "Allow", Action: ["s3:GetObject"], Resource: `arn:aws:s3:::\${Bucket}/${version}/*` },
        ],
      }),
      acknowledgeWarnings: true,
    });
    for (let n = 1; n <= 6; n++) {
      await saveTemplateVersion(template(`v${n}`), requester);
      await run("template.publish", {
        name: "ReportsRead",
        version: n,
        values: { Bucket: "reports-bucket" },
      });
    }
    await run("group.create", {
      jobRole: "Analyst",
      groupName: "Analysts",
      templates: ["ReportsRead"],
      managedPolicyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess"],
    });
    const s3 = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess";
    await run("group.attach-policy", { groupName: "Analysts", policyArn: s3 });
    await run("group.detach-policy", { groupName: "Analysts", policyArn: s3 });
    await run("role.create", {
      roleName: "orders-worker",
      service: "ec2.amazonaws.com",
      template: "sqs-queue-worker",
      queueArn: `arn:aws:sqs:us-east-1:${ACCOUNT}:orders`,
      instanceProfile: true,
    });
    await run("user.offboard", { userName: "leaver", mode: "delete" });
    await run("user.offboard", { userName: "pauser", mode: "disable" });
    // jobrole.accounts taking a job role out of an account: this sandbox holds one account, so a
    // second AwsAccount row without a role stands in for the account it stays in (the engine
    // reaches a roleless row with the app's own clients, account-iam.ts). The Analysts group is
    // empty: verified, its two policies detached, deleted.
    await db().awsAccount.createMany({
      data: [
        { id: ACCOUNT, name: "home", source: "home", status: "ok" },
        { id: "999999999999", name: "stand-in", source: "manual", status: "ok" },
      ],
    });
    await setJobRoleAccounts("Analyst", [ACCOUNT, "999999999999"]);
    const moved = await run("jobrole.accounts", { jobRole: "Analyst", accounts: ["999999999999"] });
    expect(moved.steps.map((s) => s.op)).toEqual([
      "VerifyGroupEmpty",
      "DetachGroupPolicy",
      "DetachGroupPolicy",
      "DeleteGroup",
    ]);

    await userDetail(h.clients.iam, "pat");
    // Settings → Connection: who the app is, and the check of what it may do
    const { Arn } = await h.clients.sts.send(new GetCallerIdentityCommand({}));
    expect(await checkAppPermissions(h.clients.iam, identityOf(Arn!))).toMatchObject({
      status: "checked",
      denied: [],
    });
    await sync();

    const policy = parsePolicy(JSON.stringify(appPolicy()));
    if (!policy.ok) throw new Error("the app policy does not parse");
    const allowed = (action: string, resource: string) =>
      evaluate({ action, resource }, [{ document: policy.document, source: "app" }]).decision === "allowed";

    const problems: string[] = [];
    /** what each call needs: its action and the resource it acts on */
    const needs = calls.flatMap((c): { action: string; resource: string }[] => {
      const name = c.command.replace(/Command$/, "");
      if (c.service === "sts") {
        if (!NEEDS_NO_PERMISSION.includes(name)) problems.push(`sts:${name} is not covered`);
        return [];
      }
      const action = `${c.service}:${name}`;
      if (APP_READS.some((p) => actionMatches(p, action))) return [{ action, resource: "*" }];
      const declaring = Object.entries(ops).filter(([, s]) => s.iam.includes(action as `iam:${string}`));
      if (declaring.length === 0) problems.push(`${action} is sent but no op declares it`);
      return declaring.flatMap(([, s]) => [
        { action, resource: resourceOf(s.resource, c.input) },
        // the role it hands to a service is authorized as iam:PassRole on that role too
        ...(s.passesRole ? [{ action: "iam:PassRole", resource: resourceOf("role", c.input) }] : []),
      ]);
    });
    for (const n of needs)
      if (!allowed(n.action, n.resource)) problems.push(`${n.action} on ${n.resource} is denied`);
    expect([...new Set(problems)]).toEqual([]);
    const sent = new Set(calls.map((c) => `iam:${c.command.replace(/Command$/, "")}`));
    expect(sent).toContain("iam:UpdateLoginProfile");

    // Not more than needed: every op ran, and every statement and every action it names (but the
    // Get*/List* wildcards) was needed by some call of these flows.
    const ran = new Set((await db().changeStep.findMany({ select: { op: true } })).map((s) => s.op));
    // (Wait sends nothing to AWS: there is no call of it for the policy to cover.)
    expect(Object.keys(ops).filter((op) => !ran.has(op) && op !== "Wait")).toEqual([]);
    const unused: string[] = [];
    for (const statement of appPolicy().Statement) {
      const actions = ([] as string[]).concat(statement.Action);
      const matches = (a: string, n: { action: string }) =>
        actionMatches(a as `${string}:${string}`, n.action);
      const used = needs.filter(
        (n) => actions.some((a) => matches(a, n)) && wildcardMatcher(statement.Resource, false)(n.resource),
      );
      if (used.length === 0) unused.push(`statement ${statement.Sid}`);
      for (const a of actions)
        if (!a.endsWith("*") && !used.some((n) => matches(a, n))) unused.push(`${a} in ${statement.Sid}`);
    }
    expect(unused).toEqual([]);
  });
});
