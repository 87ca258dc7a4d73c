import { describe, expect, it } from "vitest";
import { UserError } from "@/lib/errors";
import { lintPolicyBounded } from "@/lib/policy";
import { setupAppDatabase } from "@/lib/test/app-db";
import { testDbKind } from "@/lib/test/db";
import { saveTemplateVersion } from "./index";

const actor = { id: "m1", email: "cto@example.com", name: "CTO", role: "admin" as const };
const V = "2012-10-17";

/** An Allow of many distinct cross-service wildcards: the shape that lints slowest per character. */
function wildcards(count: number, salt: string) {
  const actions = Array.from({ length: count }, (_, i) => `*:?${salt}${i.toString(36)}*`);
  return JSON.stringify({ Version: V, Statement: [{ Effect: "Allow", Action: actions, Resource: "*" }] });
}

describe(`template lint bounds (${testDbKind()})`, () => {
  const t = setupAppDatabase();

  it("refuses a 150 kB document by IAM's quota alone, unlinted, and writes nothing", async () => {
    const document = wildcards(15_000, "a");
    expect(document.length).toBeGreaterThan(150_000);
    const error = await saveTemplateVersion(
      { name: "Huge", description: "", parameters: [], document, acknowledgeWarnings: true },
      actor,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    const fields = (error as UserError).fieldErrors?.document ?? [];
    // Only the size: the document was never parsed or matched against the catalogue (before,
    // it was, for 15 s on the event loop, and every pattern came back as its own finding).
    expect(fields).toHaveLength(1);
    expect(fields[0]).toMatch(
      /characters long \(spaces not counted\); AWS allows at most 6,144 for a managed policy/,
    );
    expect(await t.db.policyTemplate.count()).toBe(0);
    expect(await t.db.policyTemplateVersion.count()).toBe(0);
    expect(await t.db.auditEvent.count()).toBe(0);
  });

  it("measures the quota after parameter substitution", async () => {
    // Small as typed; four uses of a 2,000-character example make it 8,000 once filled in.
    const document = JSON.stringify({
      Version: V,
      Statement: [
        {
          Effect: "Allow",
          Action: "s3:GetObject",
          Resource: ["a${Prefix}", "b${Prefix}", "c${Prefix}", "d${Prefix}"],
        },
      ],
    });
    const parameters = [
      { name: "Prefix", description: "", type: "string" as const, example: "x".repeat(2_000) },
    ];
    const error = await saveTemplateVersion(
      { name: "Expands", description: "", parameters, document, acknowledgeWarnings: true },
      actor,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).fieldErrors?.document?.[0]).toMatch(
      /AWS allows at most 6,144 for a managed policy/,
    );
    expect(await t.db.policyTemplate.count()).toBe(0);
  });

  it("stops a lint that overruns its time budget with a clear error, and the next lint runs on a fresh worker", async () => {
    const small = JSON.stringify({
      Version: V,
      Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" }],
    });
    expect(await lintPolicyBounded(small, "managed")).toEqual({ errors: [], warnings: [] }); // the worker is up and warm
    // Within the quota; tens of milliseconds of matching in the worker against a 1 ms budget.
    const heavy = JSON.stringify({
      Version: V,
      Statement: Array.from({ length: 60 }, (_, i) => ({
        Effect: "Allow",
        NotAction: `ec2:*${i.toString(36)}*`,
        Resource: "*",
      })),
    });
    const timedOut = await lintPolicyBounded(heavy, "managed", { budgetMs: 1 });
    expect(timedOut.errors.map((e) => e.code)).toEqual(["lint-timeout"]);
    expect(timedOut.errors[0].message).toMatch(
      /took longer than .* so Gatehouse stopped; nothing was saved or requested/,
    );
    expect(await lintPolicyBounded(small, "managed")).toEqual({ errors: [], warnings: [] });
    expect((await lintPolicyBounded(heavy, "managed")).errors.map((e) => e.code)).not.toContain(
      "lint-timeout",
    );
  });
});
