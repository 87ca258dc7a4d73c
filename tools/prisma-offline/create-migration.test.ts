import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkProvider } from "./check";
import { createMigrationFor, scriptWarnings } from "./create-migration";
import { providers, type Provider, type ProviderName } from "./providers";

// `npm run db:migrate:new`, on temporary copies of the schema and migrations: a schema change
// becomes a new migration with the right SQL, data-loss warnings are reported, and afterwards
// the check passes again. Both providers (the PostgreSQL half needs the server, as CI has).

const tmp = mkdtempSync(path.join(os.tmpdir(), "gatehouse-new-migration-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function sandboxCopy(name: ProviderName, edit: (schema: string) => string): Provider {
  const dir = mkdtempSync(path.join(tmp, `${name}-`));
  cpSync(providers[name].migrationsDir, path.join(dir, "migrations"), { recursive: true });
  const schema = readFileSync(providers[name].schemaPath, "utf8");
  const edited = edit(schema);
  expect(edited).not.toBe(schema);
  writeFileSync(path.join(dir, "schema.prisma"), edited);
  return {
    ...providers[name],
    schemaPath: path.join(dir, "schema.prisma"),
    migrationsDir: path.join(dir, "migrations"),
  };
}

describe.each(["sqlite", "postgresql"] as const)("db:migrate:new (%s)", (name) => {
  it("turns a schema change into a migration and warns about data loss", async () => {
    const provider = sandboxCopy(name, (s) =>
      s
        .replace("  invitedBy    String?\n", "")
        .replace("model Member {\n", "model Member {\n  nickname String?\n"),
    );
    const before = readdirSync(provider.migrationsDir).length;
    const created = await createMigrationFor(provider, "member_nickname");
    expect(created.file).toMatch(/\d{14}_member_nickname[/\\]migration\.sql$/);
    expect(readdirSync(provider.migrationsDir)).toHaveLength(before + 1);
    const sql = readFileSync(created.file!, "utf8");
    expect(sql).toMatch(/"nickname" TEXT/);
    expect(created.warnings.join("\n")).toMatch(/drop the column `invitedBy`/);
    expect(await checkProvider(provider)).toEqual([]);
  });

  it("creates nothing when the schema has no changes", async () => {
    const provider = sandboxCopy(name, (s) => `${s}\n// a comment changes nothing\n`);
    const created = await createMigrationFor(provider, "nothing");
    expect(created.file).toBeNull();
  });
});

describe("scriptWarnings", () => {
  it("reads the engine's warning header and nothing else", () => {
    const script =
      "/*\n  Warnings:\n\n  - You are about to drop the column `a`.\n  - Another.\n\n*/\n-- AlterTable\nSELECT 1; -- - not a warning\n";
    expect(scriptWarnings(script)).toEqual(["You are about to drop the column `a`.", "Another."]);
    expect(scriptWarnings("-- CreateTable\n")).toEqual([]);
  });
});
