import path from "node:path";
import { describe, expect, it } from "vitest";
import { ops } from "@/lib/changes";
import { evaluate, parsePolicy, type PolicyDocument } from "@/lib/policy";
import { actionMatches } from "@/lib/policy";
import { appPolicy, APP_READS } from "./app-policy";
import { iamCallsInSource } from "./testing/source-calls";

// The live-mode app policy, evaluated with our own evaluator: every op's declared writes on the
// resource it names, and every IAM call the app's source can make. The read side is complete by
// construction: any IAM command or paginator the app's code imports is found here.
// lib/changes/app-policy.db.test.ts checks the same by observing the calls real flows send.

const ACCOUNT = "123456789012";

function parsedAppPolicy(): PolicyDocument {
  const parsed = parsePolicy(JSON.stringify(appPolicy()));
  if (!parsed.ok) throw new Error(`The app policy does not parse: ${JSON.stringify(parsed.errors)}`);
  return parsed.document;
}

function allowed(action: string, resource: string): boolean {
  return (
    evaluate({ action, resource }, [{ document: parsedAppPolicy(), source: "app" }]).decision === "allowed"
  );
}

const isRead = (action: string) => APP_READS.some((p) => actionMatches(p, action));

describe("the live-mode app policy (lib/iam/app-policy.ts)", () => {
  it("lets drift read CloudTrail's events, and nothing else of CloudTrail", () => {
    expect(allowed("cloudtrail:LookupEvents", "*")).toBe(true);
    expect(allowed("cloudtrail:StopLogging", "*")).toBe(false);
  });

  it("parses as an identity policy", () => {
    expect(parsedAppPolicy().Statement.length).toBeGreaterThan(1);
  });

  it("allows every IAM action every op declares, on the resource the op writes to", () => {
    const denied = Object.entries(ops).flatMap(([op, spec]) =>
      spec.iam
        .filter((action) => !allowed(action, `arn:aws:iam::${ACCOUNT}:${spec.resource}/example`))
        .map((action) => `${op}: ${action} on ${spec.resource}`),
    );
    expect(denied).toEqual([]);
  });

  it("grants writes only on the resource type each op declares", () => {
    for (const spec of Object.values(ops))
      for (const action of spec.iam.filter((a) => !isRead(a)))
        for (const other of ["user", "group", "policy", "role", "mfa", "instance-profile"])
          if (!Object.values(ops).some((s) => s.resource === other && s.iam.includes(action)))
            expect(allowed(action, `arn:aws:iam::${ACCOUNT}:${other}/example`), `${action} on ${other}`).toBe(
              false,
            );
  });

  it("an op that hands a role to a service may pass that role (AddRoleToInstanceProfile)", () => {
    expect(ops.AddRoleToInstanceProfile.passesRole).toBe(true);
    const passing = Object.values(ops).filter((op) => op.passesRole);
    expect(passing.length).toBeGreaterThan(0);
    expect(allowed("iam:PassRole", `arn:aws:iam::${ACCOUNT}:role/ec2-sqs`)).toBe(true);
    expect(allowed("iam:PassRole", `arn:aws:iam::${ACCOUNT}:user/alice`)).toBe(false);
  });

  it("re-issuing a console password may call UpdateLoginProfile (the recovery of a lost password)", () => {
    expect(ops.CreateLoginProfile.iam).toContain("iam:UpdateLoginProfile");
    expect(allowed("iam:UpdateLoginProfile", `arn:aws:iam::${ACCOUNT}:user/alice`)).toBe(true);
  });

  it("allows every IAM call in the app's source; the writes only through ops that declare them", () => {
    const calls = iamCallsInSource();
    expect(calls.length).toBeGreaterThan(30);
    const problems = calls.flatMap(({ file, action }) => {
      if (isRead(action)) return allowed(action, "*") ? [] : [`${file}: ${action} (read) is denied`];
      if (!file.startsWith(path.join("lib", "changes", "ops")))
        return [`${file}: ${action} is a write outside the ops table`];
      const on = Object.values(ops).filter((s) => (s.iam as readonly string[]).includes(action));
      if (on.length === 0) return [`${file}: ${action} is called but no op declares it`];
      return on.every((s) => allowed(action, `arn:aws:iam::${ACCOUNT}:${s.resource}/example`))
        ? []
        : [`${file}: ${action} is denied`];
    });
    expect(problems).toEqual([]);
  });
});
