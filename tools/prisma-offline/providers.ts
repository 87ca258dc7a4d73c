import path from "node:path";
import { fileURLToPath } from "node:url";
import { databaseKind, type DatabaseKind } from "../../lib/db";

// Where each provider's schema, migrations and generated client live. SQLite is the source of
// truth; the PostgreSQL schema is derived from it (see schema-sync.ts).

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export type ProviderName = DatabaseKind;

export interface Provider {
  name: ProviderName;
  schemaPath: string;
  migrationsDir: string;
  configPath: string;
}

export const providers: Record<ProviderName, Provider> = {
  sqlite: {
    name: "sqlite",
    schemaPath: path.join(repoRoot, "prisma/schema.prisma"),
    migrationsDir: path.join(repoRoot, "prisma/migrations"),
    configPath: path.join(repoRoot, "prisma.config.ts"),
  },
  postgresql: {
    name: "postgresql",
    schemaPath: path.join(repoRoot, "prisma/postgres/schema.prisma"),
    migrationsDir: path.join(repoRoot, "prisma/postgres/migrations"),
    configPath: path.join(repoRoot, "prisma/postgres/prisma.config.ts"),
  },
};

export function providerForUrl(url: string): Provider {
  return providers[databaseKind(url)];
}

/** A URL safe to print: the password, if any, is masked. */
export function redactUrl(url: string): string {
  return url.replace(/(\/\/[^:/@]+:)[^@]*@/, "$1***@");
}
