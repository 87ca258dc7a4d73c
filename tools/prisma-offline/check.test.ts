import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { checkProvider } from "./check";
import { providers, repoRoot, type ProviderName } from "./providers";
import { readSchemas, renderPostgresSchema, schemaDrift } from "./schema-sync";

// db:check must pass on the committed tree and must catch a schema change that has no
// migration. Needs the PostgreSQL server (TEST_POSTGRES_URL / SHADOW_DATABASE_URL) for the
// PostgreSQL half, as CI has.

const tmp = mkdtempSync(path.join(os.tmpdir(), "gatehouse-check-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const providerNames: ProviderName[] = ["sqlite", "postgresql"];

/** A temporary copy of a provider's schema with one extra field, next to the real migrations. */
function schemaWithExtraField(name: ProviderName): typeof providers.sqlite {
  const schema = readFileSync(providers[name].schemaPath, "utf8");
  const changed = schema.replace("model Member {\n", "model Member {\n  nickname String?\n");
  expect(changed).not.toBe(schema);
  const schemaPath = path.join(tmp, `${name}.prisma`);
  writeFileSync(schemaPath, changed);
  return { ...providers[name], schemaPath };
}

describe("schema files", () => {
  it("the PostgreSQL schema is the generated copy of the SQLite one", () => {
    const { sqlite, postgres } = readSchemas();
    expect(schemaDrift(sqlite, postgres)).toBeNull();
    expect(postgres).toContain('provider = "postgresql"');
    expect(postgres).toContain('"../../lib/generated/postgres"');
  });

  it("an edited PostgreSQL copy is drift", () => {
    const { sqlite } = readSchemas();
    const edited = renderPostgresSchema(sqlite).replace(
      "model Setting {\n",
      "model Setting {\n  note String?\n",
    );
    expect(schemaDrift(sqlite, edited)).toMatch(/db:sync-schema/);
    expect(schemaDrift(sqlite, null)).toMatch(/missing/);
  });
});

describe.each(providerNames)("%s migrations", (name) => {
  it("produce exactly the schema", async () => {
    expect(await checkProvider(providers[name])).toEqual([]);
  });

  it("are reported as behind when the schema gains a field", async () => {
    const problems = await checkProvider(schemaWithExtraField(name));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/no migration creates/);
    expect(problems[0]).toMatch(/"nickname" TEXT/);
  });
});

describe("npm run db:check", () => {
  it("passes on the committed tree", async () => {
    const run = promisify(execFile);
    const { stdout } = await run(
      path.join(repoRoot, "node_modules/.bin/tsx"),
      ["tools/prisma-offline/cli.ts", "check"],
      { cwd: repoRoot },
    );
    expect(stdout).toMatch(/migrations match the schema/);
  });
});
