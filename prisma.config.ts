import { defineConfig } from "prisma/config";

// Configuration for the official Prisma CLI, SQLite (the embedded default). Where Prisma's
// native engine can be downloaded, `npx prisma migrate deploy` works as documented; offline
// (and in CI) use `npm run db:migrate`, which applies the same migrations. PostgreSQL has its
// own config: prisma/postgres/prisma.config.ts. Paths are relative to this file.
//
// The CLI reads the URL itself (lib/env.ts is for the app); the default matches lib/env.ts.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL || "file:./.data/gatehouse.db" },
});
