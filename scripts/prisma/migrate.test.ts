import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createDb } from "../../lib/db";
import { testDatabaseName, testDbKind, testPostgresUrl } from "../../lib/test/db";
import { migrateDatabase, resetDatabase } from "./migrate";
import { dropDatabase, withDatabase } from "./postgres-admin";
import { providerForUrl } from "./providers";

// `npm run db:migrate` / `db:reset` against a database that does not exist yet: a SQLite file
// in a folder that does not exist, or a PostgreSQL database that is created on first migrate.
// Runs on the kind TEST_DB selects.

const tmp = mkdtempSync(path.join(os.tmpdir(), "gatehouse-migrate-"));
const pgName = testDatabaseName();
const url =
  testDbKind() === "sqlite" ? `file:${path.join(tmp, "not", "yet", "gatehouse.db")}` : withDatabase(testPostgresUrl(), pgName);

afterAll(async () => {
  rmSync(tmp, { recursive: true, force: true });
  if (testDbKind() === "postgresql") await dropDatabase(testPostgresUrl(), pgName);
});

const committed = () =>
  readdirSync(providerForUrl(url).migrationsDir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();

describe(`db:migrate and db:reset (${testDbKind()})`, () => {
  it("creates the database and applies every committed migration once", async () => {
    expect(await migrateDatabase(url)).toEqual(committed());
    if (testDbKind() === "sqlite") expect(existsSync(path.join(tmp, "not", "yet", "gatehouse.db"))).toBe(true);
    expect(await migrateDatabase(url)).toEqual([]);
  });

  it("leaves a database the app can use", async () => {
    const db = createDb(url);
    try {
      await db.member.create({ data: { email: "mary@example.com" } });
      expect(await db.member.findUnique({ where: { email: "mary@example.com" } })).toMatchObject({ role: "auditor" });
    } finally {
      await db.$disconnect();
    }
  });

  it("reset empties the database and migrates it again", async () => {
    expect(await resetDatabase(url)).toEqual(committed());
    const db = createDb(url);
    try {
      expect(await db.member.count()).toBe(0);
    } finally {
      await db.$disconnect();
    }
  });
});
