import { readFile } from "node:fs/promises";
import { lockedProvider, readMigrations } from "./migrations-dir";
import { providers, type Provider } from "./providers";
import { withScratchEngine } from "./scratch";
import { readSchemas, schemaDrift } from "./schema-sync";
import { call, noFilters } from "./wasm-engine";

// `npm run db:check`: the committed migrations, replayed on an empty database, must produce
// exactly what the schema describes, for both providers; and the PostgreSQL schema must be the
// generated copy of the SQLite one. Any difference means a migration is missing or was edited.

/** Problems found for one provider; empty when its migrations produce exactly its schema. */
export async function checkProvider(provider: Provider): Promise<string[]> {
  const schema = { path: provider.schemaPath, content: await readFile(provider.schemaPath, "utf8") };
  const migrationsList = await readMigrations(provider.migrationsDir);
  const problems: string[] = [];
  if (migrationsList.migrationDirectories.length === 0)
    return [`${provider.name}: no migrations in ${provider.migrationsDir}`];
  const locked = lockedProvider(migrationsList);
  if (locked !== provider.name)
    problems.push(`${provider.name}: migration_lock.toml says provider "${locked ?? "(missing)"}"`);
  const diff = await withScratchEngine(provider.name, schema, ({ engine }) =>
    call(
      engine.diff({
        from: { tag: "migrations", ...migrationsList },
        to: { tag: "schemaDatamodel", files: [schema] },
        script: true,
        exitCode: true,
        filters: noFilters,
      }),
    ),
  );
  if (diff.exitCode !== 0) {
    problems.push(
      `${provider.name}: the schema has changes that no migration creates; run \`npm run db:migrate:new -- <name>\`. Missing SQL:\n${(diff.stdout ?? "").trim()}`,
    );
  }
  return problems;
}

export async function checkAll(): Promise<string[]> {
  const { sqlite, postgres } = readSchemas();
  const drift = schemaDrift(sqlite, postgres);
  const problems = drift ? [drift] : [];
  for (const provider of [providers.sqlite, providers.postgresql])
    problems.push(...(await checkProvider(provider)));
  return problems;
}
