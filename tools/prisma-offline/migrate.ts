import { existsSync, rmSync } from "node:fs";
import { readFile } from "node:fs/promises";
import pg from "pg";
import { databaseKind, sqliteFilePath } from "../../lib/db";
import { postgresEngineAdapter, sqliteEngineAdapter, type EngineAdapterFactory } from "./adapters";
import { adoptsBaseline, BASELINE } from "./baseline";
import { readMigrations } from "./migrations-dir";
import { createDatabase, databaseName, withDatabase } from "./postgres-admin";
import { ensurePrivateFile } from "../../lib/private-files";
import { providerForUrl } from "./providers";
import { call, noFilters, openEngine, type OpenEngine } from "./wasm-engine";

// Applying committed migrations to a real database: `npm run db:migrate` (development,
// CI and production alike) and `npm run db:reset`.

async function ensurePostgresDatabase(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (e) {
    // Like `prisma migrate deploy`: a missing database is created, anything else is reported.
    if ((e as { code?: string }).code !== "3D000") throw e;
    await createDatabase(withDatabase(url, "postgres"), databaseName(url));
    console.log(`Created database ${databaseName(url)}.`);
    return;
  } finally {
    await client.end().catch(() => {});
  }
}

async function openFor(url: string): Promise<OpenEngine> {
  const provider = providerForUrl(url);
  const schema = { path: provider.schemaPath, content: await readFile(provider.schemaPath, "utf8") };
  let adapter: EngineAdapterFactory;
  if (databaseKind(url) === "sqlite") {
    const file = sqliteFilePath(url);
    ensurePrivateFile(file); // 0600 in a 0700 directory (lib/private-files.ts)
    adapter = sqliteEngineAdapter(file);
  } else {
    await ensurePostgresDatabase(url);
    adapter = postgresEngineAdapter(url, url);
  }
  return openEngine(schema, adapter);
}

/** Applies pending migrations (from the committed folder unless told); returns those applied now. */
export async function migrateDatabase(
  url: string,
  migrationsDir = providerForUrl(url).migrationsDir,
): Promise<string[]> {
  const migrationsList = await readMigrations(migrationsDir);
  if (migrationsList.migrationDirectories.length === 0) throw new Error(`No migrations in ${migrationsDir}`);
  const { engine, close } = await openFor(url);
  try {
    // Quirk 1 (README): diagnosing needs _prisma_migrations; applying nothing creates it.
    await call(
      engine.applyMigrations({
        migrationsList: { ...migrationsList, migrationDirectories: [] },
        filters: noFilters,
      }),
    );
    const { history } = await call(
      engine.diagnoseMigrationHistory({ migrationsList, optInToShadowDatabase: false, filters: noFilters }),
    );
    if (adoptsBaseline(history))
      await call(engine.markMigrationApplied({ migrationName: BASELINE, migrationsList }));
    const out = await call(engine.applyMigrations({ migrationsList, filters: noFilters }));
    return out.appliedMigrationNames;
  } finally {
    await close();
  }
}

/** Empties the database (SQLite: deletes the file), then applies all migrations again. */
export async function resetDatabase(url: string): Promise<string[]> {
  if (databaseKind(url) === "sqlite") {
    // Quirk 4: the engine's SQLite reset only deletes rows; a new file is a real reset.
    const file = sqliteFilePath(url);
    for (const f of [file, `${file}-journal`, `${file}-wal`, `${file}-shm`]) {
      if (existsSync(f)) rmSync(f);
    }
  } else {
    const { engine, close } = await openFor(url);
    try {
      await call(engine.reset({ filter: noFilters }));
    } finally {
      await close();
    }
  }
  return migrateDatabase(url);
}
