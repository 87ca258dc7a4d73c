import { existsSync, renameSync } from "node:fs";
import path from "node:path";
import { checkAll } from "./check";
import { createMigrations } from "./create-migration";
import { migrateDatabase, resetDatabase } from "./migrate";
import { redactUrl } from "./providers";
import { syncSchema } from "./schema-sync";

// Entry point of the offline migration tool (see prisma/README.md):
//   tsx tools/prisma-offline/cli.ts migrate | new <name> | check | reset | sync-schema
// The migration tool reads DATABASE_URL itself: it is a build/deploy tool, not the app.

function databaseUrl(): string {
  return process.env.DATABASE_URL || "file:./.data/gatehouse.db";
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const started = Date.now();
  const took = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
  switch (command) {
    case "migrate": {
      const applied = await migrateDatabase(databaseUrl());
      console.log(
        applied.length
          ? `Applied ${applied.length} migration(s) to ${redactUrl(databaseUrl())}: ${applied.join(", ")} (${took()})`
          : `${redactUrl(databaseUrl())} is up to date (${took()})`,
      );
      return 0;
    }
    case "new": {
      const name = rest.find((a) => !a.startsWith("-"));
      if (!name) {
        console.error("Usage: npm run db:migrate:new -- <name>");
        return 2;
      }
      syncSchema();
      for (const r of await createMigrations(name)) {
        for (const w of r.warnings) console.warn(`⚠ ${r.provider}: ${w}`);
        for (const u of r.unexecutable)
          console.warn(`✖ ${r.provider} (cannot run on existing data as written): ${u}`);
        console.log(
          r.file ? `${r.provider}: created ${r.file}` : `${r.provider}: no schema changes, nothing created`,
        );
      }
      console.log(
        `Done (${took()}). Review the SQL, then \`npm run db:migrate\` and \`npm run db:generate\`.`,
      );
      return 0;
    }
    case "check": {
      const problems = await checkAll();
      if (problems.length) {
        console.error(`db:check failed:\n\n${problems.join("\n\n")}`);
        return 1;
      }
      console.log(
        `db:check: schema files in sync; SQLite and PostgreSQL migrations match the schema (${took()})`,
      );
      return 0;
    }
    case "reset": {
      if (process.env.NODE_ENV === "production" && !rest.includes("--force")) {
        console.error("db:reset refuses to run with NODE_ENV=production (pass --force if you mean it)");
        return 2;
      }
      const applied = await resetDatabase(databaseUrl());
      console.log(`Reset ${redactUrl(databaseUrl())} and applied ${applied.length} migration(s) (${took()})`);
      // The audit anchor still records the old log's entries; Verify would rightly call them
      // missing. A reset is deliberate: keep the old anchor, renamed, and start a new one.
      const anchor = path.resolve(process.env.AUDIT_ANCHOR_FILE || ".data/audit-anchor.log");
      if (existsSync(anchor)) {
        const kept = `${anchor}.before-reset-${new Date().toISOString().replace(/[:.]/g, "-")}`;
        renameSync(anchor, kept);
        console.log(`Moved the audit anchor of the old log to ${kept}`);
      }
      return 0;
    }
    case "sync-schema": {
      console.log(
        syncSchema() ? "Wrote prisma/postgres/schema.prisma" : "prisma/postgres/schema.prisma is up to date",
      );
      return 0;
    }
    default:
      console.error(
        "Usage: tsx tools/prisma-offline/cli.ts migrate | new <name> | check | reset | sync-schema",
      );
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
