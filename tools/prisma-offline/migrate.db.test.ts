import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createDb, sqliteFilePath } from "../../lib/db";
import { testDatabaseName, testDbKind, testPostgresUrl } from "../../lib/test/db";
import { BASELINE, SQUASHED } from "./baseline";
import { migrateDatabase, resetDatabase } from "./migrate";
import { dropDatabase, withDatabase } from "./postgres-admin";
import { providerForUrl } from "./providers";

// `npm run db:migrate` / `db:reset` against a database that does not exist yet: a SQLite file
// in a folder that does not exist, or a PostgreSQL database that is created on first migrate.
// Runs on the kind TEST_DB selects.

const tmp = mkdtempSync(path.join(os.tmpdir(), "gatehouse-migrate-"));
const pgName = testDatabaseName();
const url =
  testDbKind() === "sqlite"
    ? `file:${path.join(tmp, "not", "yet", "gatehouse.db")}`
    : withDatabase(testPostgresUrl(), pgName);

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
    if (testDbKind() === "sqlite")
      expect(existsSync(path.join(tmp, "not", "yet", "gatehouse.db"))).toBe(true);
    expect(await migrateDatabase(url)).toEqual([]);
  });

  it("leaves a database the app can use", async () => {
    const db = createDb(url);
    try {
      await db.member.create({ data: { email: "mary@example.com" } });
      expect(await db.member.findUnique({ where: { email: "mary@example.com" } })).toMatchObject({
        role: "auditor",
      });
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

// Hand-written SQL is allowed in a migration (the audit log's triggers are): bodies that
// contain semicolons must reach the database whole, not split into statements.
const keepSettings = {
  sqlite: `CREATE TRIGGER "Setting_probe_keep" BEFORE DELETE ON "Setting"
BEGIN
  SELECT RAISE(ABORT, 'settings are kept');
END;`,
  postgresql: `CREATE FUNCTION "setting_probe_keep"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'settings are kept';
  RETURN NULL;
END;
$$;
CREATE TRIGGER "Setting_probe_keep" BEFORE DELETE ON "Setting" FOR EACH ROW EXECUTE FUNCTION "setting_probe_keep"();`,
};

describe(`a hand-written migration with a trigger (${testDbKind()})`, () => {
  it("is applied whole and takes effect", async () => {
    const dir = path.join(tmp, "with-trigger");
    cpSync(providerForUrl(url).migrationsDir, dir, { recursive: true });
    mkdirSync(path.join(dir, "99990101000000_keep_settings"));
    writeFileSync(
      path.join(dir, "99990101000000_keep_settings", "migration.sql"),
      keepSettings[testDbKind()],
    );
    expect(await migrateDatabase(url, dir)).toEqual(["99990101000000_keep_settings"]);
    const db = createDb(url);
    try {
      await db.setting.create({ data: { key: "sync.interval", value: 15 } });
      // (adapter-better-sqlite3 reports RAISE(ABORT) as a foreign key violation, hence no message match)
      await expect(db.setting.deleteMany()).rejects.toThrow();
      expect(await db.setting.count()).toBe(1);
    } finally {
      await db.$disconnect();
    }
  });
});

// A database migrated before the squash (tools/prisma-offline/baseline.ts) has the ten old rows in
// _prisma_migrations and the baseline's schema. Such a database is made here from a folder with
// the ten old names: the first holds the baseline's SQL, the others change nothing.
function oldHistoryFolder(name: string, count: number): string {
  const dir = path.join(tmp, name);
  const baselineSql = readFileSync(
    path.join(providerForUrl(url).migrationsDir, BASELINE, "migration.sql"),
    "utf8",
  );
  cpSync(
    path.join(providerForUrl(url).migrationsDir, "migration_lock.toml"),
    path.join(dir, "migration_lock.toml"),
  );
  SQUASHED.slice(0, count).forEach((old, i) => {
    mkdirSync(path.join(dir, old), { recursive: true });
    writeFileSync(path.join(dir, old, "migration.sql"), i === 0 ? baselineSql : "SELECT 1;");
  });
  return dir;
}

/** No database at all: the next migrate starts from nothing (it creates the file or database). */
async function dropEverything(): Promise<void> {
  if (testDbKind() === "sqlite") rmSync(sqliteFilePath(url), { force: true });
  else await dropDatabase(testPostgresUrl(), pgName);
}

async function appliedNames(): Promise<string[]> {
  const db = createDb(url);
  try {
    const rows = await db.$queryRawUnsafe<{ migration_name: string }[]>(
      `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL ORDER BY migration_name`,
    );
    return rows.map((r) => r.migration_name);
  } finally {
    await db.$disconnect();
  }
}

describe(`a database migrated before the squash (${testDbKind()})`, () => {
  it("is marked as having applied the baseline, keeps its data, and runs nothing twice", async () => {
    await dropEverything();
    expect(await migrateDatabase(url, oldHistoryFolder("old-ten", SQUASHED.length))).toEqual(SQUASHED);
    const before = createDb(url);
    await before.member.create({ data: { email: "peter@example.com" } });
    await before.$disconnect();

    expect(await migrateDatabase(url)).toEqual(committed().filter((name) => name !== BASELINE));
    // the old ten, the baseline that replaced them, and every migration made since
    expect(await appliedNames()).toEqual([...new Set([...SQUASHED, ...committed()])].sort());
    const after = createDb(url);
    try {
      expect(await after.member.count()).toBe(1);
    } finally {
      await after.$disconnect();
    }
    expect(await migrateDatabase(url)).toEqual([]);
  });

  it("stopped part-way is refused with a clear message and left as it was", async () => {
    await dropEverything();
    await migrateDatabase(url, oldHistoryFolder("old-seven", 7));
    await expect(migrateDatabase(url)).rejects.toThrow(
      `This database applied 7 of the 10 migrations that ${BASELINE} replaced`,
    );
    expect(await appliedNames()).toEqual(SQUASHED.slice(0, 7));
  });
});
