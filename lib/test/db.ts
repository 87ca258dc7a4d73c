import { randomBytes } from "node:crypto";
import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { inject } from "vitest";
import { createDb, type Db } from "../db";
import { createDatabase, dropDatabase, migrate } from "../../tools/prisma-offline";
import { runDir, TEST_DB_PREFIX, testDbKind, testPostgresUrl } from "./db-run";

// Real, migrated, throwaway databases for tests: a SQLite file by default, a PostgreSQL
// database when TEST_DB=postgres (server: TEST_POSTGRES_URL). Migrating takes about a second,
// so each test file migrates one template and every freshDatabase() copies it (a file copy,
// or CREATE DATABASE … TEMPLATE), which takes milliseconds.

export interface TestDatabase {
  url: string;
  db: Db;
  /** Disconnects and deletes the database. */
  cleanup(): Promise<void>;
}

const runId = inject("gatehouseTestRun") ?? randomBytes(4).toString("hex");
const token = () => randomBytes(5).toString("hex");

let sqliteTemplate: Promise<string> | undefined;
let postgresTemplate: Promise<string> | undefined;

async function migratedSqliteTemplate(): Promise<string> {
  const dir = runDir(runId);
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `template-${token()}.db`);
  await migrate(`file:${file}`);
  return file;
}

async function migratedPostgresTemplate(): Promise<string> {
  const name = `${TEST_DB_PREFIX}${runId}_template_${token()}`;
  await migrate(await createDatabase(testPostgresUrl(), name));
  return name;
}

async function freshSqlite(): Promise<TestDatabase> {
  sqliteTemplate ??= migratedSqliteTemplate();
  const template = await sqliteTemplate;
  const file = path.join(path.dirname(template), `${token()}.db`);
  copyFileSync(template, file);
  return opened(`file:${file}`, () => {
    for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) rmSync(f, { force: true });
  });
}

async function freshPostgres(): Promise<TestDatabase> {
  postgresTemplate ??= migratedPostgresTemplate();
  const template = await postgresTemplate;
  const server = testPostgresUrl();
  const name = testDatabaseName();
  return opened(await createDatabase(server, name, template), () => dropDatabase(server, name));
}

/** A client on `url`, whose cleanup disconnects it and then removes the database. */
function opened(url: string, remove: () => void | Promise<void>): TestDatabase {
  const db = createDb(url);
  return {
    url,
    db,
    async cleanup() {
      await db.$disconnect();
      await remove();
    },
  };
}

/** A database name this run's teardown will drop if the test does not (PostgreSQL). */
export function testDatabaseName(): string {
  return `${TEST_DB_PREFIX}${runId}_${token()}`;
}

/** A new database with all migrations applied, of the kind TEST_DB selects. */
export function freshDatabase(): Promise<TestDatabase> {
  return testDbKind() === "postgresql" ? freshPostgres() : freshSqlite();
}

export { testDbKind, testPostgresUrl };
