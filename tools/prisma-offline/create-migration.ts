import { readFile } from "node:fs/promises";
import { readMigrations, writeMigration } from "./migrations-dir";
import { providers, type Provider, type ProviderName } from "./providers";
import { withScratchEngine } from "./scratch";
import { schemaDrift, readSchemas } from "./schema-sync";
import { call, noFilters } from "./wasm-engine";

// `npm run db:migrate:new -- <name>`: what `prisma migrate dev --create-only` does, for both
// providers, on throwaway databases (the developer's own database is never touched).

export interface CreatedMigration {
  provider: ProviderName;
  /** Path of the new migration.sql, or null when the schema has no changes for this provider. */
  file: string | null;
  warnings: string[];
  unexecutable: string[];
}

/** The "Warnings:" list the engine puts in a leading comment of a migration script. */
export function scriptWarnings(script: string | null): string[] {
  const header = script?.match(/^\/\*\s*\n\s*Warnings:\s*\n([\s\S]*?)\*\//)?.[1] ?? "";
  return header
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line.startsWith("- "))
    .map((line) => line.slice(2));
}

/** Creates the migration for one provider; `dirName` reuses another provider's folder name. */
export async function createMigrationFor(
  provider: Provider,
  name: string,
  dirName?: string,
): Promise<CreatedMigration & { dirName?: string }> {
  const schema = { path: provider.schemaPath, content: await readFile(provider.schemaPath, "utf8") };
  const migrationsList = await readMigrations(provider.migrationsDir);
  return withScratchEngine(provider.name, schema, async ({ engine }) => {
    const schemas = { files: [schema] };
    // Quirk 1: a fresh database has no _prisma_migrations table and devDiagnostic fails (P1014);
    // applying first creates it. Quirk 2: evaluateDataLoss/createMigration reuse the shadow
    // schema of the last devDiagnostic, so it must run after the apply.
    await call(engine.applyMigrations({ migrationsList, filters: noFilters }));
    const diagnostic = await call(engine.devDiagnostic({ migrationsList, filters: noFilters }));
    if (diagnostic.action.tag === "reset") {
      throw new Error(
        `${provider.name}: the committed migrations do not replay cleanly: ${diagnostic.action.reason}`,
      );
    }
    const loss = await call(engine.evaluateDataLoss({ migrationsList, schema: schemas, filters: noFilters }));
    const out = await call(
      engine.createMigration({
        draft: false,
        migrationName: name,
        migrationsList,
        schema: schemas,
        filters: noFilters,
      }),
    );
    const result = {
      provider: provider.name,
      // The scratch database is empty, so the data checks find nothing; the engine also writes
      // the warnings for the change itself at the top of the script, and those always apply.
      warnings: [
        ...new Set([...loss.warnings.map((w) => w.message), ...scriptWarnings(out.migrationScript)]),
      ],
      unexecutable: loss.unexecutableSteps.map((w) => w.message),
    };
    if (!out.migrationScript) return { ...result, file: null };
    // Both providers get the same folder name, so a change reads as one migration in review.
    const folder = dirName ?? out.generatedMigrationName;
    const file = await writeMigration(provider.migrationsDir, folder, out.migrationScript, provider.name);
    return { ...result, file, dirName: folder };
  });
}

export async function createMigrations(name: string): Promise<CreatedMigration[]> {
  if (!/^[a-z0-9_]+$/i.test(name))
    throw new Error(`Migration name must be letters, digits and _ (got "${name}")`);
  const { sqlite, postgres } = readSchemas();
  const drift = schemaDrift(sqlite, postgres);
  if (drift) throw new Error(drift);
  const first = await createMigrationFor(providers.sqlite, name);
  const second = await createMigrationFor(providers.postgresql, name, first.dirName);
  return [first, second].map(({ dirName: _dirName, ...r }) => r);
}
