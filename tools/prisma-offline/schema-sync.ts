import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { providers } from "./providers";

// prisma/postgres/schema.prisma is derived from prisma/schema.prisma: Prisma allows one
// provider per schema, and both databases must have the same model. Only the datasource
// provider and the client output folder differ.

const HEADER =
  "// GENERATED from prisma/schema.prisma by `npm run db:sync-schema`. Do not edit: change\n" +
  "// prisma/schema.prisma, run the sync, then `npm run db:migrate:new -- <name>`.\n\n";

function replaceOnce(text: string, pattern: RegExp, replacement: string, what: string): string {
  const matches = text.match(new RegExp(pattern.source, "g"));
  if (matches?.length !== 1) {
    throw new Error(`prisma/schema.prisma: expected exactly one ${what}, found ${matches?.length ?? 0}`);
  }
  return text.replace(pattern, replacement);
}

export function renderPostgresSchema(sqliteSchema: string): string {
  if (/@db\./.test(sqliteSchema)) {
    throw new Error(
      "prisma/schema.prisma uses @db.* native types; they differ per provider and cannot be shared",
    );
  }
  let out = replaceOnce(
    sqliteSchema,
    /provider\s*=\s*"sqlite"/,
    'provider = "postgresql"',
    'provider = "sqlite"',
  );
  out = replaceOnce(
    out,
    /output(\s*)=\s*"\.\.\/lib\/generated\/sqlite"/,
    'output$1= "../../lib/generated/postgres"',
    'output = "../lib/generated/sqlite"',
  );
  return HEADER + out;
}

export function readSchemas(): { sqlite: string; postgres: string | null } {
  const sqlite = readFileSync(providers.sqlite.schemaPath, "utf8");
  let postgres: string | null = null;
  try {
    postgres = readFileSync(providers.postgresql.schemaPath, "utf8");
  } catch {
    postgres = null;
  }
  return { sqlite, postgres };
}

/** A problem description when the PostgreSQL schema is not what the sync would write, else null. */
export function schemaDrift(sqlite: string, postgres: string | null): string | null {
  if (postgres === null) return "prisma/postgres/schema.prisma is missing: run `npm run db:sync-schema`";
  if (postgres !== renderPostgresSchema(sqlite)) {
    return "prisma/postgres/schema.prisma differs from prisma/schema.prisma: run `npm run db:sync-schema` (never edit the PostgreSQL copy)";
  }
  return null;
}

export function syncSchema(): boolean {
  const { sqlite, postgres } = readSchemas();
  const next = renderPostgresSchema(sqlite);
  if (next === postgres) return false;
  mkdirSync(path.dirname(providers.postgresql.schemaPath), { recursive: true });
  writeFileSync(providers.postgresql.schemaPath, next);
  return true;
}
