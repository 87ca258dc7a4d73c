import { defineConfig } from "prisma/config";

// Configuration for the official Prisma CLI, PostgreSQL:
//   DATABASE_URL=postgresql://… npx prisma migrate deploy --config prisma/postgres/prisma.config.ts
// (needs Prisma's native engine, i.e. network access; `npm run db:migrate` is the offline
// equivalent). Paths are relative to this file. The schema is generated from
// prisma/schema.prisma by `npm run db:sync-schema`.
const url = process.env.DATABASE_URL;

export default defineConfig({
  schema: "schema.prisma",
  migrations: { path: "migrations" },
  // Only a PostgreSQL URL is passed on: a SQLite default here would be a confusing error.
  datasource:
    url && /^postgres(ql)?:\/\//.test(url) ? { url, shadowDatabaseUrl: process.env.SHADOW_DATABASE_URL } : {},
});
