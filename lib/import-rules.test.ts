import path from "node:path";
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error -- a plain .mjs config module, without type declarations
import { DOMAINS } from "../eslint.imports.mjs";

// The import rules of eslint.imports.mjs, run through the real config (eslint.config.mjs): every
// domain is reached through its entry point, model types through lib/db, CSV through the guarded
// writer. One rule config per file, so the CSV patterns must survive beside the domain ones.

let eslint: ESLint;
beforeAll(async () => {
  eslint = new ESLint({ cwd: path.resolve(__dirname, "..") });
  await eslint.calculateConfigForFile("lib/db.ts"); // loads the config (and its plugins) once
});

/** The no-restricted-imports messages for `source` imported from a file at `file`. */
async function refusals(file: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(`import "${source}";\n`, { filePath: file });
  return result.messages.filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);
}

const CSV = /Write CSV through lib\/security\/csv\.ts/;
const DEEP = /through its entry point/;
const GENERATED = /not from the generated Prisma clients/;

// [importing file, imported source, the refusal expected (null: allowed)]
const CASES: [string, string, RegExp | null][] = [
  // A deep import into a domain from outside it is refused ...
  ["app/(console)/review/page.tsx", "@/lib/review/campaigns", DEEP],
  ["lib/changes/query.ts", "@/lib/review/campaigns", DEEP],
  ["components/x.tsx", "@/lib/changes/kinds/group-create", DEEP],
  ["lib/startup.ts", "@/lib/team/quorum", DEEP],
  // ... the entry point, *.schema, types and shared are not, nor anything inside the domain.
  ["app/(console)/page.tsx", "@/lib/review", null],
  ["app/(console)/page.tsx", "@/lib/review/review.schema", null],
  ["app/(console)/page.tsx", "@/lib/changes/kinds/group-membership.schema", null],
  ["app/(console)/page.tsx", "@/lib/changes/types", null],
  ["components/x.tsx", "@/lib/team/shared", null],
  ["lib/review/sync.ts", "@/lib/review/campaigns", null],
  // Unit tests, and only they, reach another domain's testing support.
  ["lib/review/sync.db.test.ts", "@/lib/changes/testing/harness", null],
  ["lib/review/sync.db.test.ts", "@/lib/changes/query", DEEP],
  ["lib/review/sync.ts", "@/lib/changes/testing/harness", DEEP],
  ["app/api/x/route.ts", "@/lib/review/testing", DEEP],
  // e2e and scripts run outside Next.js: free to import what loads there.
  ["e2e/support/iam.ts", "@/lib/iam-sandbox/admin-client", null],
  ["scripts/demo.ts", "@/lib/templates/seed-example", null],
  // The generated Prisma clients: only lib/db.ts.
  ["lib/changes/view.ts", "@/lib/generated/sqlite/client", GENERATED],
  ["app/page.tsx", "@/lib/generated/postgres/client", GENERATED],
  ["lib/review/x.test.ts", "../generated/sqlite/client", GENERATED],
  ["e2e/support/x.ts", "@/lib/generated/sqlite/client", GENERATED],
  ["lib/db.ts", "./generated/sqlite/client", null],
  // The CSV rule still holds beside the domain rule, in domain folders too, with its exceptions.
  ["app/api/x/route.ts", "csv-stringify/sync", CSV],
  ["lib/review/csv.ts", "csv-stringify/sync", CSV],
  ["lib/changes/webhook.ts", "csv-stringify", CSV],
  ["lib/startup.ts", "csv-stringify/sync", CSV],
  ["lib/security/csv.ts", "csv-stringify/sync", null],
  ["lib/review/cells.test.ts", "csv-stringify/sync", null],
  ["e2e/x.spec.ts", "csv-stringify/sync", null],
  ["scripts/x.ts", "csv-stringify/sync", null],
];

describe("import rules", () => {
  it("treats every lib folder with an index.ts as a domain", () => {
    expect(DOMAINS).toEqual(expect.arrayContaining(["changes", "job-roles", "people", "review", "team"]));
    expect(DOMAINS).not.toContain("auth");
  });

  it("names the entry point to use instead", async () => {
    expect(await refusals("app/(console)/review/page.tsx", "@/lib/review/campaigns")).toEqual([
      expect.stringContaining('through its entry point "@/lib/review"'),
    ]);
  });

  it.each(CASES)("%s importing %s", async (file, source, refusal) => {
    expect(await refusals(file, source)).toEqual(refusal ? [expect.stringMatching(refusal)] : []);
  });
});
