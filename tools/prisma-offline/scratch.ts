import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { postgresEngineAdapter, sqliteEngineAdapter } from "./adapters";
import { createDatabase, defaultServerUrl, dropDatabase, randomDatabaseName } from "./postgres-admin";
import { redactUrl, type ProviderName } from "./providers";
import { openEngine, type OpenEngine, type SchemaFile } from "./wasm-engine";

// Engines on throwaway databases, for work that must never touch a real one (creating a
// migration, checking migrations against the schema).

/** Server under which throwaway PostgreSQL databases are created (SHADOW_DATABASE_URL overrides). */
function scratchServerUrl(): string {
  return process.env.SHADOW_DATABASE_URL || defaultServerUrl;
}

export async function withScratchEngine<T>(
  provider: ProviderName,
  schema: SchemaFile,
  fn: (open: OpenEngine) => Promise<T>,
): Promise<T> {
  if (provider === "sqlite") {
    const dir = mkdtempSync(path.join(os.tmpdir(), "gatehouse-scratch-"));
    try {
      const open = await openEngine(schema, sqliteEngineAdapter(path.join(dir, "scratch.db")));
      try {
        return await fn(open);
      } finally {
        await open.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const server = scratchServerUrl();
  const name = randomDatabaseName("gatehouse_scratch");
  let url: string;
  try {
    url = await createDatabase(server, name);
  } catch (e) {
    throw new Error(
      `Cannot create a throwaway PostgreSQL database on ${redactUrl(server)} ` +
        `(set SHADOW_DATABASE_URL to a server where you may CREATE DATABASE): ${(e as Error).message}`,
    );
  }
  try {
    const open = await openEngine(schema, postgresEngineAdapter(url, server));
    try {
      return await fn(open);
    } finally {
      await open.close();
    }
  } finally {
    await dropDatabase(server, name);
  }
}
